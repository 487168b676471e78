import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Table,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { RiskLevel } from "../../../../domain/risk/levels.js";
import {
  assess,
  type BoundaryConvention,
  bandOfScore,
  boundaryConventions,
  RiskPolicy,
  type RiskPolicyCreate,
} from "../../../../domain/risk/policy.js";
import { ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { applyPathErrors } from "./form-paths.js";
import { bandRanges, PolicyLevelTag, scoreSymbol } from "./policy-view.js";
import { type PolicyEntry, riskApi } from "./risk-api.js";
import { levelsHighFirst, useLabel } from "./risk-labels.js";

type Text = { zh?: string; en?: string };
type FactorValues = { key: string; name?: Text; values?: { value?: number | null; description?: Text }[] };
type BandValues = { key?: string; name?: Text; min?: number | null; level?: RiskLevel };
type Values = {
  id?: string;
  name?: Text;
  method?: string;
  source?: string;
  effectiveFrom?: Dayjs;
  convention?: BoundaryConvention;
  directJudgment?: boolean;
  factors?: FactorValues[];
  bands?: BandValues[];
  cells?: (string | undefined)[][];
};

/** How the editor starts: a copy of `source` under a new id, or the next version of `source` itself. */
type Mode = { kind: "copy" } | { kind: "version"; previousVersion: number };

const trim = (s: string | undefined | null) => s?.trim() ?? "";
const textOf = (x: Text | undefined) => ({ zh: trim(x?.zh), en: trim(x?.en) });
const idPattern = /^[a-z][a-z0-9-]{1,39}$/;
const keyPattern = /^[A-Za-z][A-Za-z0-9_]{0,23}$/;

function valuesOf(source: RiskPolicy, mode: Mode): Values {
  return {
    id: mode.kind === "version" ? source.id : "",
    name: { ...source.name },
    method: source.method,
    source: source.source,
    effectiveFrom: dayjs(),
    convention: source.kind === "product" ? source.convention : undefined,
    directJudgment: source.directJudgment,
    factors: source.factors.map((f) => ({
      key: f.key,
      name: { ...f.name },
      values: f.values.map((v) => ({ value: v.value, description: { ...v.description } })),
    })),
    bands: source.bands.map((b) => ({ key: b.key, name: { ...b.name }, min: b.min ?? null, level: source.levelMapping.levels[b.key] })),
    cells: source.kind === "matrix" ? source.cells.map((row) => [...row]) : undefined,
  };
}

/**
 * The request body for the editor's values. The level mapping (R5) keeps the source's id while its
 * band → level table is unchanged, else it is named after the new policy. Every band but the lowest
 * carries its threshold; a matrix keeps one cell per pair of factor values.
 */
function bodyOf(v: Values, source: RiskPolicy, mode: Mode): RiskPolicyCreate {
  const id = mode.kind === "version" ? source.id : trim(v.id);
  const bands = v.bands ?? [];
  const levels = Object.fromEntries(bands.map((b) => [trim(b.key), b.level as RiskLevel]));
  const sameLevels = (a: Record<string, string>, b: Record<string, string>) =>
    JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  const mappingId = sameLevels(levels, source.levelMapping.levels)
    ? source.levelMapping.id
    : `${(id || "custom").slice(0, 36).replace(/-+$/, "")}-map`;
  const factors = (v.factors ?? []).map((f) => ({
    key: f.key,
    name: textOf(f.name),
    values: (f.values ?? []).map((x) => ({ value: x.value as number, description: textOf(x.description) })),
  }));
  const common = {
    id,
    name: textOf(v.name),
    method: trim(v.method),
    bands: bands.map((b, i) => ({
      key: trim(b.key),
      name: textOf(b.name),
      ...(source.kind === "product" && i < bands.length - 1 ? { min: b.min ?? null } : {}),
    })),
    levelMapping: { id: mappingId, levels },
    colours: source.colours,
    directJudgment: v.directJudgment ?? true,
    effectiveFrom: (v.effectiveFrom ?? dayjs()).format("YYYY-MM-DD"),
    source: trim(v.source),
    ...(mode.kind === "version" ? { previousVersion: mode.previousVersion } : {}),
  };
  if (source.kind === "product") return { ...common, kind: "product", convention: v.convention ?? "literalUp", factors };
  const lowest = trim(bands.at(-1)?.key);
  const [rows, cols] = factors;
  const cells = (rows?.values ?? []).map((_, i) => (cols?.values ?? []).map((_, j) => v.cells?.[i]?.[j] ?? lowest));
  return { ...common, kind: "matrix", factors, cells };
}

/** The server names band levels by key (`levelMapping.levels.high`) and a taken id by `previousVersion`; the form by row. */
function onFormPaths(error: ApiError, v: Values): ApiError {
  const keys = (v.bands ?? []).map((b) => trim(b.key));
  const fields = error.fields.map((f) => {
    const m = /^levelMapping\.levels\.(.+)$/.exec(f.path);
    if (m && keys.includes(m[1] as string)) return { ...f, path: `bands.${keys.indexOf(m[1] as string)}.level` };
    if (f.path === "previousVersion") return { ...f, path: "id" };
    return f;
  });
  return new ApiError(error.status, error.code, error.message, fields, error.requestId);
}

/** /risk/policies/new?from=<id>&version=<n>: a new policy, starting from a copy of an existing one. */
export function PolicyCreatePage() {
  const t = useT();
  const [params] = useSearchParams();
  const from = params.get("from") ?? "lec";
  const version = Number(params.get("version")) || undefined;
  const versions = useApi((signal) => riskApi.policyVersions(from, signal), [from]);
  const items = versions.data?.items.filter((e) => e.policy.id === from) ?? [];
  const source = items.find((e) => e.policy.version === version) ?? items.at(-1);
  return (
    <>
      <PageHeader title={t("risk.policyCreateTitle")} />
      <PageState loading={!source && !versions.error} error={versions.error} onRetry={versions.reload}>
        {source && <PolicyEditor key={`${from}@${source.policy.version}`} source={source} mode={{ kind: "copy" }} />}
      </PageState>
    </>
  );
}

/** /risk/policies/:policyId/new-version: the next version of an own policy (earlier assessments keep theirs). */
export function PolicyVersionPage() {
  const t = useT();
  const { policyId = "" } = useParams();
  const versions = useApi((signal) => riskApi.policyVersions(policyId, signal), [policyId]);
  const latest = versions.data?.items.filter((e) => e.policy.id === policyId).at(-1);
  return (
    <>
      <PageHeader title={t("risk.policyVersionTitle", { id: policyId })} />
      <PageState loading={!latest && !versions.error} error={versions.error} onRetry={versions.reload}>
        {latest && (
          <PolicyEditor
            key={latest.policy.version}
            source={latest}
            mode={{ kind: "version", previousVersion: latest.policy.version }}
            onReload={versions.reload}
          />
        )}
      </PageState>
    </>
  );
}

type EditorProps = { source: PolicyEntry; mode: Mode; onReload?: () => void };

function PolicyEditor({ source: entry, mode, onReload }: EditorProps) {
  const t = useT();
  const label = useLabel();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const source = entry.policy;
  const initial = useMemo(() => valuesOf(source, mode), [source, mode]);
  const [form] = Form.useForm<Values>();
  const [draft, setDraft] = useState<Values>(initial);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [stale, setStale] = useState<string>();
  const nextVersion = mode.kind === "version" ? mode.previousVersion + 1 : 1;

  const onFinish = async (v: Values) => {
    setError(undefined);
    setStale(undefined);
    setSubmitting(true);
    try {
      const saved = await riskApi.createPolicy(bodyOf(v, source, mode));
      message.success(t("risk.policySaved", { id: saved.policy.id, version: saved.policy.version }));
      navigate("/risk/policies");
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, {
        form,
        fieldNames: [],
        notify: setStale,
        onStale: () => {},
        onOther: (e) => {
          if (!applyPathErrors(form, onFormPaths(e, v))) setError(e);
        },
      });
    }
  };

  const required = (msg: MessageKey) => ({ required: true, whitespace: true, message: t(msg) });
  const textRules = (max: number) => [required("risk.policyFieldRequired"), { max, message: t("risk.tooLong", { max }) }];

  return (
    <Form<Values>
      form={form}
      name="policy"
      layout="vertical"
      initialValues={initial}
      // The whole store, not just the registered fields: factor keys and matrix cells are carried unedited.
      onFinish={() => onFinish(form.getFieldsValue(true))}
      onValuesChange={() => setDraft(form.getFieldsValue(true))}
      disabled={submitting}
      scrollToFirstError={{ block: "center" }}
    >
      <Flex vertical gap={16}>
        {mode.kind === "version" ? (
          <Alert
            type="info"
            showIcon
            title={t("risk.policyVersionHint", { next: nextVersion, current: mode.previousVersion })}
            data-testid="policy-version-hint"
          />
        ) : (
          <Alert
            type="info"
            showIcon
            title={t("risk.policyCopyHint", { source: `${label(source.name)} · ${source.id} v${source.version}` })}
            description={t(me.enterpriseId ? "risk.policyOwnerEnterprise" : "risk.policyOwnerDeployment")}
          />
        )}
        {stale && (
          <Alert
            type="warning"
            showIcon
            title={stale}
            description={t("risk.policyStaleHint")}
            action={
              onReload && (
                <Button size="small" onClick={onReload} disabled={false}>
                  {t("risk.reloadRecord")}
                </Button>
              )
            }
          />
        )}
        {error && <Alert type="error" showIcon title={error.message} />}
        <Row gutter={16}>
          <Col xs={24} xl={15}>
            <Flex vertical gap={16}>
              <Card size="small" title={t("risk.groupBasic")}>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="id"
                      label={t("risk.policyId")}
                      extra={mode.kind === "copy" ? t("risk.policyIdHelp") : undefined}
                      rules={[required("risk.policyFieldRequired"), { pattern: idPattern, message: t("risk.policyIdPattern") }]}
                    >
                      <Input disabled={mode.kind === "version"} maxLength={40} placeholder="lec-custom" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="method" label={t("risk.policyMethod")} rules={textRules(20)}>
                      <Input maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={["name", "zh"]} label={t("risk.policyNameZh")} rules={textRules(200)}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={["name", "en"]} label={t("risk.policyNameEn")} rules={textRules(200)}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="effectiveFrom"
                      label={t("risk.policyEffectiveFrom")}
                      extra={t("risk.policyEffectiveHelp")}
                      rules={[{ required: true, message: t("risk.policyFieldRequired") }]}
                    >
                      <DatePicker allowClear={false} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="directJudgment"
                      label={t("risk.directJudgment")}
                      valuePropName="checked"
                      extra={t("risk.policyDirectHelp")}
                    >
                      <Switch />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item name="source" label={t("risk.policySourceLabel")} extra={t("risk.policySourceHelp")} rules={textRules(500)}>
                      <Input.TextArea rows={2} maxLength={500} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>

              <Card size="small" title={t("risk.policyBands")}>
                {source.kind === "product" && (
                  <Form.Item name="convention" label={t("risk.policyConvention")} extra={t("risk.policyConventionHelp")}>
                    <Select
                      options={boundaryConventions.map((c) => ({ value: c, label: t(`risk.convention.${c}`) }))}
                      optionRender={(o) => (
                        <Flex vertical>
                          <span>{o.label}</span>
                          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "normal" }}>
                            {t(`risk.conventionHelp.${o.value as BoundaryConvention}`)}
                          </Typography.Text>
                        </Flex>
                      )}
                    />
                  </Form.Item>
                )}
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t(source.kind === "product" ? "risk.policyBandsHelp" : "risk.policyMatrixBandsHelp")}
                </Typography.Paragraph>
                <Form.List name="bands">
                  {(fields, { add, remove }) => (
                    <Flex vertical gap={8}>
                      {fields.map((field, i) => {
                        const last = i === fields.length - 1;
                        return (
                          <Card
                            key={field.key}
                            size="small"
                            type="inner"
                            title={t("risk.policyBandN", { n: i + 1 })}
                            extra={
                              fields.length > 2 && (
                                <Button
                                  type="text"
                                  danger
                                  size="small"
                                  icon={<DeleteOutlined />}
                                  onClick={() => remove(field.name)}
                                  aria-label={t("risk.policyRemoveBand")}
                                  id={`policy-band-remove-${i}`}
                                />
                              )
                            }
                          >
                            <Row gutter={8}>
                              <Col xs={12} md={5}>
                                <Form.Item
                                  name={[field.name, "key"]}
                                  label={t("risk.policyBandKey")}
                                  rules={[
                                    required("risk.policyFieldRequired"),
                                    { pattern: keyPattern, message: t("risk.policyKeyPattern") },
                                  ]}
                                >
                                  <Input maxLength={24} />
                                </Form.Item>
                              </Col>
                              {source.kind === "product" && (
                                <Col xs={12} md={5}>
                                  {last ? (
                                    <Form.Item label={t("risk.policyBandMin")}>
                                      <Typography.Text type="secondary">{t("risk.policyLowestBand")}</Typography.Text>
                                    </Form.Item>
                                  ) : (
                                    <Form.Item
                                      name={[field.name, "min"]}
                                      label={t("risk.policyBandMin")}
                                      rules={[{ required: true, message: t("risk.policyFieldRequired") }]}
                                    >
                                      <InputNumber min={0} style={{ width: "100%" }} />
                                    </Form.Item>
                                  )}
                                </Col>
                              )}
                              <Col xs={12} md={source.kind === "product" ? 5 : 7}>
                                <Form.Item
                                  name={[field.name, "level"]}
                                  label={t("risk.policyBandLevel")}
                                  rules={[{ required: true, message: t("risk.policyFieldRequired") }]}
                                >
                                  <Select
                                    options={levelsHighFirst.map((l) => ({
                                      value: l,
                                      label: <PolicyLevelTag policy={source} level={l} />,
                                    }))}
                                  />
                                </Form.Item>
                              </Col>
                              <Col xs={24} md={source.kind === "product" ? 9 : 12}>
                                <Form.Item name={[field.name, "name", "zh"]} label={t("risk.policyNameZh")} rules={textRules(200)}>
                                  <Input maxLength={200} />
                                </Form.Item>
                                <Form.Item name={[field.name, "name", "en"]} label={t("risk.policyNameEn")} rules={textRules(200)}>
                                  <Input maxLength={200} />
                                </Form.Item>
                              </Col>
                            </Row>
                          </Card>
                        );
                      })}
                      {fields.length < 8 && (
                        <Button
                          id="policy-band-add"
                          type="dashed"
                          icon={<PlusOutlined />}
                          onClick={() => add({ key: "", name: { zh: "", en: "" }, level: "low" })}
                        >
                          {t("risk.policyAddBand")}
                        </Button>
                      )}
                    </Flex>
                  )}
                </Form.List>
              </Card>

              {source.kind === "matrix" && <MatrixCells draft={draft} />}

              <Card size="small" title={t("risk.policyFactors")}>
                <Flex vertical gap={12}>
                  {(draft.factors ?? []).map((f, fi) => (
                    <Card key={f.key} size="small" type="inner" title={`${f.key} · ${label(textOf(f.name))}`}>
                      <Row gutter={8}>
                        <Col xs={24} md={12}>
                          <Form.Item name={["factors", fi, "name", "zh"]} label={t("risk.policyNameZh")} rules={textRules(200)}>
                            <Input maxLength={200} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={12}>
                          <Form.Item name={["factors", fi, "name", "en"]} label={t("risk.policyNameEn")} rules={textRules(200)}>
                            <Input maxLength={200} />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Form.List name={["factors", fi, "values"]}>
                        {(fields, { add, remove }) => (
                          <Flex vertical gap={4}>
                            {fields.map((field, j) => (
                              <Row key={field.key} gutter={8} align="top">
                                <Col xs={6} md={4}>
                                  <Form.Item
                                    name={[field.name, "value"]}
                                    rules={[{ required: true, message: t("risk.policyFieldRequired") }]}
                                    style={{ marginBottom: 8 }}
                                  >
                                    <InputNumber min={0} placeholder={t("risk.policyValue")} style={{ width: "100%" }} />
                                  </Form.Item>
                                </Col>
                                <Col xs={8} md={9}>
                                  <Form.Item name={[field.name, "description", "zh"]} rules={textRules(200)} style={{ marginBottom: 8 }}>
                                    <Input placeholder={t("risk.policyNameZh")} maxLength={200} />
                                  </Form.Item>
                                </Col>
                                <Col xs={8} md={9}>
                                  <Form.Item name={[field.name, "description", "en"]} rules={textRules(200)} style={{ marginBottom: 8 }}>
                                    <Input placeholder={t("risk.policyNameEn")} maxLength={200} />
                                  </Form.Item>
                                </Col>
                                <Col xs={2} md={2}>
                                  {fields.length > 1 && (
                                    <Button
                                      type="text"
                                      danger
                                      icon={<DeleteOutlined />}
                                      onClick={() => remove(field.name)}
                                      aria-label={t("risk.policyRemoveValue")}
                                      id={`policy-value-remove-${f.key}-${j}`}
                                    />
                                  )}
                                </Col>
                              </Row>
                            ))}
                            {fields.length < 20 && (
                              <Button
                                type="dashed"
                                size="small"
                                icon={<PlusOutlined />}
                                onClick={() => add({ description: { zh: "", en: "" } })}
                                id={`policy-value-add-${f.key}`}
                              >
                                {t("risk.policyAddValue")}
                              </Button>
                            )}
                          </Flex>
                        )}
                      </Form.List>
                    </Card>
                  ))}
                </Flex>
              </Card>
            </Flex>
          </Col>
          <Col xs={24} xl={9}>
            <div style={{ position: "sticky", top: 16 }}>
              <DraftCheck draft={draft} source={source} mode={mode} version={nextVersion} />
            </div>
          </Col>
        </Row>
        <Flex gap={8}>
          <Button id="policy-submit" type="primary" htmlType="submit" loading={submitting}>
            {mode.kind === "version" ? t("risk.policySubmitVersion", { version: nextVersion }) : t("risk.policySubmit")}
          </Button>
          <Link to="/risk/policies">
            <Button disabled={false}>{t("common.cancel")}</Button>
          </Link>
        </Flex>
      </Flex>
    </Form>
  );
}

/** A matrix policy's cells: for each pair of factor values, the band it falls in. */
function MatrixCells({ draft }: { draft: Values }) {
  const t = useT();
  const [rows, cols] = draft.factors ?? [];
  const bandOptions = (draft.bands ?? []).filter((b) => trim(b.key)).map((b) => ({ value: trim(b.key), label: trim(b.key) }));
  return (
    <Card size="small" title={t("risk.policyMatrixCells")}>
      <Table
        size="small"
        pagination={false}
        scroll={{ x: "max-content" }}
        rowKey={(r) => String(r.i)}
        dataSource={(rows?.values ?? []).map((v, i) => ({ i, value: v.value }))}
        columns={[
          { title: `${rows?.key ?? ""} \\ ${cols?.key ?? ""}`, dataIndex: "value" },
          ...(cols?.values ?? []).map((c, j) => ({
            title: String(c.value ?? "?"),
            key: String(j),
            render: (_: unknown, r: { i: number }) => (
              <Form.Item
                name={["cells", r.i, j]}
                style={{ margin: 0 }}
                rules={[{ required: true, message: t("risk.policyFieldRequired") }]}
              >
                <Select style={{ minWidth: 110 }} options={bandOptions} />
              </Form.Item>
            ),
          })),
        ]}
      />
    </Card>
  );
}

/**
 * The live check: the draft validated by the domain schema, a sample graded by the domain `assess`
 * (the rule the server applies), and where a score equal to each threshold lands under the chosen
 * convention (R4).
 */
function DraftCheck({ draft, source, mode, version }: { draft: Values; source: RiskPolicy; mode: Mode; version: number }) {
  const t = useT();
  const label = useLabel();
  const [sample, setSample] = useState<Record<string, number | undefined>>(() =>
    Object.fromEntries(source.factors.map((f) => [f.key, f.values[0]?.value])),
  );
  const { previousVersion: _p, enterpriseId: _e, ...doc } = bodyOf(draft, source, mode);
  // The id does not grade anything: a copy not yet named is tried under its source's.
  const parsed = RiskPolicy.safeParse({ ...doc, id: idPattern.test(doc.id) ? doc.id : source.id, version });
  const issueText = (message: string) => {
    const code = /^risk\.policy\.([a-z_]+)$/.exec(message)?.[1];
    return code && (policyIssueCodes as readonly string[]).includes(code)
      ? t(`risk.policyIssue.${code as PolicyIssueCode}`)
      : t("risk.policyIssueInvalid");
  };

  if (!parsed.success) {
    return (
      <Card size="small" title={t("risk.policyCheck")} data-testid="policy-check" data-valid="false">
        <Alert type="warning" showIcon title={t("risk.policyDraftInvalid")} />
        <ul style={{ paddingInlineStart: 20, marginTop: 8 }} data-testid="policy-check-issues">
          {parsed.error.issues.slice(0, 12).map((i) => (
            <li key={`${i.path.join(".")}-${i.message}`}>
              <Typography.Text code>{i.path.join(".") || "—"}</Typography.Text> {issueText(i.message)}
            </li>
          ))}
        </ul>
      </Card>
    );
  }
  const policy = parsed.data;
  const chosen = Object.fromEntries(
    policy.factors.flatMap((f) => {
      const v = sample[f.key];
      return v !== undefined && f.values.some((x) => x.value === v) ? [[f.key, v]] : [];
    }),
  );
  const outcome = assess(policy, chosen);
  const result = outcome.ok ? outcome.result : undefined;
  const ranges = policy.kind === "product" ? bandRanges(policy) : undefined;

  return (
    <Card
      size="small"
      title={t("risk.policyCheck")}
      data-testid="policy-check"
      data-valid="true"
      style={{ borderTop: `6px solid ${result ? result.colourHex : "#d9d9d9"}` }}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t("risk.policyCheckHelp")}</Typography.Text>
        {policy.factors.map((f) => (
          <Flex key={f.key} gap={8} align="center">
            <Typography.Text style={{ width: 28 }}>{f.key}</Typography.Text>
            <Select
              id={`policy-sample-${f.key}`}
              style={{ flex: 1, minWidth: 0 }}
              value={chosen[f.key]}
              placeholder={t("risk.factorChoose")}
              onChange={(v: number) => setSample((s) => ({ ...s, [f.key]: v }))}
              options={f.values.map((x) => ({ value: x.value, label: `${x.value} — ${label(x.description)}` }))}
            />
          </Flex>
        ))}
        {result ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t("risk.score")}>
              <Typography.Text strong data-testid="policy-check-score">
                {`${policy.factors.map((f) => chosen[f.key]).join(" × ")} = ${result.scoreText}`}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("risk.band")}>
              <span data-testid="policy-check-band">{label(result.bandName)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("risk.level")}>
              <span data-testid="policy-check-level">
                <PolicyLevelTag policy={policy} level={result.level} />
              </span>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">{t("risk.livePending", { formula: scoreSymbol(policy) })}</Typography.Text>
        )}
        {policy.kind === "product" && ranges && (
          <>
            <Typography.Text strong>{t("risk.policyBoundaries")}</Typography.Text>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              data-testid="policy-check-bands"
              dataSource={policy.bands.map((b, i) => ({ key: b.key, i, name: b.name, min: b.min }))}
              columns={[
                { title: t("risk.policyBandRange"), key: "range", render: (_: unknown, r) => ranges[r.i] },
                {
                  title: t("risk.policyThresholdGoesTo"),
                  key: "at",
                  render: (_: unknown, r) => (r.min == null ? "—" : `${r.min} → ${label(bandOfScore(policy, r.min).name)}`),
                },
                {
                  title: t("risk.policyBandLevel"),
                  key: "level",
                  render: (_: unknown, r) => <PolicyLevelTag policy={policy} level={policy.levelMapping.levels[r.key]} />,
                },
              ]}
            />
          </>
        )}
      </Flex>
    </Card>
  );
}

/** The domain's policy refinement codes (`risk.policy.*`) the page can explain. */
const policyIssueCodes = [
  "decimals",
  "duplicate_key",
  "duplicate_value",
  "band_min_missing",
  "lowest_band_min",
  "band_order",
  "matrix_band_min",
  "matrix_shape",
  "unknown_band",
  "level_missing",
] as const;
type PolicyIssueCode = (typeof policyIssueCodes)[number];
