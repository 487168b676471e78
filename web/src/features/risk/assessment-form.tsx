import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Flex, Form, Input, Row, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { defaultPolicyId } from "../../../../domain/risk/builtin-policies.js";
import {
  type DirectJudgmentCriterion,
  directJudgmentCriteria,
  directJudgmentLabels,
  judgeLevel,
  riskColours,
  riskLevelLabels,
} from "../../../../domain/risk/levels.js";
import { assess, type RiskPolicy } from "../../../../domain/risk/policy.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import { applyPathErrors } from "./form-paths.js";
import { type PolicyEntry, type RiskPoint, riskApi } from "./risk-api.js";
import { RiskLevelTag, useLabel } from "./risk-labels.js";

type Values = {
  policy?: string;
  factors?: Record<string, number | undefined>;
  directJudgment?: { criteria?: DirectJudgmentCriterion[]; reason?: string };
  assessedOn?: Dayjs;
};

/** /risk-points/:id/assess: a (re-)assessment of the point under a chosen policy, graded live as factors are chosen. */
export function AssessmentPage() {
  const t = useT();
  const { id = "" } = useParams();
  const data = useApi(
    async (signal) => {
      const point = await riskApi.get(id, signal);
      const [policies, latest] = await Promise.all([
        riskApi.policies(point.enterpriseId, signal),
        point.assessmentId ? riskApi.assessments(id, { page: 1, pageSize: 1 }, signal) : undefined,
      ]);
      return { point, policies: policies.items, lastPolicy: latest?.items[0]?.policyId };
    },
    [id],
  );
  const loaded = data.data?.point.id === id ? data.data : undefined;
  return (
    <>
      <PageHeader title={loaded ? t("risk.assessTitle", { name: loaded.point.name }) : t("risk.assess")} />
      <PageState loading={!loaded} error={data.error} onRetry={data.reload}>
        {loaded && (
          <AssessmentForm
            key={loaded.point.version}
            point={loaded.point}
            policies={loaded.policies}
            initialPolicy={loaded.lastPolicy ?? defaultPolicyId}
            onReload={data.reload}
          />
        )}
      </PageState>
    </>
  );
}

type AssessmentFormProps = { point: RiskPoint; policies: PolicyEntry[]; initialPolicy: string; onReload: () => void };

function AssessmentForm({ point, policies, initialPolicy, onReload }: AssessmentFormProps) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [stale, setStale] = useState<string>();
  const policyId = Form.useWatch("policy", form) ?? initialPolicy;
  const factors = Form.useWatch("factors", form);
  const criteria = Form.useWatch(["directJudgment", "criteria"], form) ?? [];
  const policy = policies.find((p) => p.policy.id === policyId)?.policy ?? policies[0]?.policy;

  const onFinish = async (v: Values) => {
    if (!policy) return;
    setError(undefined);
    setSubmitting(true);
    const chosen = v.directJudgment?.criteria ?? [];
    try {
      await riskApi.assess(point.id, {
        policy: policy.id,
        policyVersion: policy.version,
        factors: Object.fromEntries(policy.factors.map((f) => [f.key, v.factors?.[f.key] as number])),
        version: point.version,
        ...(policy.directJudgment && chosen.length
          ? { directJudgment: { criteria: chosen, reason: v.directJudgment?.reason?.trim() ?? "" } }
          : {}),
        ...(v.assessedOn ? { assessedOn: v.assessedOn.format("YYYY-MM-DD") } : {}),
      });
      message.success(t("risk.assessed"));
      navigate(`/risk-points/${point.id}`);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, {
        form,
        fieldNames: [],
        notify: setStale,
        onStale: () => {},
        onOther: (e) => {
          if (!applyPathErrors(form, e)) setError(toApiError(e));
        },
      });
    }
  };

  return (
    <Form<Values>
      form={form}
      name="assessment"
      layout="vertical"
      onFinish={onFinish}
      disabled={submitting}
      initialValues={{ policy: policy?.id, factors: {}, directJudgment: { criteria: [] }, assessedOn: dayjs() }}
      onValuesChange={(changed: Values) => {
        // Another policy has other factors: the chosen values no longer mean anything.
        if (changed.policy) form.setFieldsValue({ factors: {} });
      }}
    >
      <Flex vertical gap={16}>
        {stale && (
          <Alert
            type="warning"
            showIcon
            title={stale}
            description={t("risk.staleHint")}
            action={
              <Button size="small" onClick={onReload} disabled={false}>
                {t("risk.reloadRecord")}
              </Button>
            }
          />
        )}
        {error && <Alert type="error" showIcon title={error.message} />}
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card title={t("risk.groupMethod")} size="small">
              <Form.Item name="policy" label={t("risk.policy")} rules={[{ required: true, message: t("risk.policyRequired") }]}>
                <Select
                  id="assess-policy"
                  options={policies.map((p) => ({
                    value: p.policy.id,
                    label: `${label(p.policy.name)} · ${p.policy.id} v${p.policy.version}${p.builtIn ? "" : ` · ${t("risk.customPolicy")}`}`,
                  }))}
                />
              </Form.Item>
              {policy && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t("risk.policySource", { source: policy.source, from: policy.effectiveFrom })}
                </Typography.Paragraph>
              )}
              {policy?.factors.map((f) => (
                <Form.Item
                  key={`${policy.id}-${f.key}`}
                  name={["factors", f.key]}
                  label={`${f.key} · ${label(f.name)}`}
                  rules={[{ required: true, message: t("risk.factorRequired", { factor: f.key }) }]}
                >
                  <Select
                    id={`factor-${f.key}`}
                    placeholder={t("risk.factorChoose")}
                    options={f.values.map((x) => ({ value: x.value, label: `${x.value} — ${label(x.description)}` }))}
                  />
                </Form.Item>
              ))}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Flex vertical gap={16}>
              {policy && <LiveResult policy={policy} factors={factors ?? {}} criteria={criteria} />}
              {policy?.directJudgment && (
                <Card title={t("risk.directJudgment")} size="small" extra={<Typography.Text type="secondary">R8</Typography.Text>}>
                  {point.majorHazardSource && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t("risk.mhsHint")} />}
                  <Form.Item name={["directJudgment", "criteria"]} extra={t("risk.directJudgmentHelp")}>
                    <Checkbox.Group style={{ display: "flex", flexDirection: "column", gap: 6 }}>
                      {directJudgmentCriteria.map((c) => (
                        <Checkbox key={c} value={c}>
                          {label(directJudgmentLabels[c])}
                        </Checkbox>
                      ))}
                    </Checkbox.Group>
                  </Form.Item>
                  {criteria.length > 0 && (
                    <Form.Item
                      name={["directJudgment", "reason"]}
                      label={t("risk.directJudgmentReason")}
                      rules={[
                        { required: true, whitespace: true, message: t("risk.directJudgmentReasonRequired") },
                        { min: 2, max: 500, message: t("risk.directJudgmentReasonLength") },
                      ]}
                    >
                      <Input.TextArea rows={2} maxLength={500} />
                    </Form.Item>
                  )}
                </Card>
              )}
              <Card size="small">
                <Form.Item name="assessedOn" label={t("risk.assessedOn")} extra={t("risk.assessedOnHelp")} style={{ marginBottom: 0 }}>
                  <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
                </Form.Item>
              </Card>
            </Flex>
          </Col>
        </Row>
        <Flex gap={8}>
          <Button id="assess-submit" type="primary" htmlType="submit" loading={submitting}>
            {t("risk.assessSubmit")}
          </Button>
          <Link to={`/risk-points/${point.id}`}>
            <Button disabled={false}>{t("common.cancel")}</Button>
          </Link>
        </Flex>
      </Flex>
    </Form>
  );
}

/**
 * The score, band and colour of the factors chosen so far, by the same rule the server applies
 * (domain `assess`, R3–R6), raised by direct judgment (R8) when a criterion is ticked.
 */
function LiveResult({
  policy,
  factors,
  criteria,
}: {
  policy: RiskPolicy;
  factors: Record<string, number | undefined>;
  criteria: DirectJudgmentCriterion[];
}) {
  const t = useT();
  const label = useLabel();
  const chosen = Object.fromEntries(Object.entries(factors).filter(([, v]) => v !== undefined && v !== null));
  const outcome = assess(policy, chosen);
  const result = outcome.ok ? outcome.result : undefined;
  const judged = result ? judgeLevel(result.level, criteria, policy.directJudgment) : undefined;
  const colour = judged ? policy.colours[judged.level] : "#d9d9d9";
  const formula = policy.factors.map((f) => (chosen[f.key] === undefined ? f.key : String(chosen[f.key]))).join(" × ");

  return (
    <Card
      title={t("risk.liveResult")}
      size="small"
      style={{ borderTop: `6px solid ${colour}` }}
      data-testid="live-result"
      data-level={judged?.level ?? ""}
      data-colour={judged ? riskColours[judged.level] : ""}
    >
      {!result ? (
        <Typography.Text type="secondary" data-testid="live-pending">
          {t("risk.livePending", { formula })}
        </Typography.Text>
      ) : (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t("risk.score")}>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="live-score">
              {formula} = {result.scoreText}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("risk.band")}>
            <span data-testid="live-band">{label(result.bandName)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("risk.level")}>
            <Flex gap={8} align="center">
              <span
                style={{
                  display: "inline-block",
                  width: 18,
                  height: 18,
                  borderRadius: 3,
                  background: colour,
                  border: "1px solid rgba(0,0,0,.2)",
                }}
              />
              <span data-testid="live-level">
                <RiskLevelTag level={judged?.level ?? null} />
              </span>
              <span data-testid="live-colour">{t(`risk.colourName.${judged?.level ?? "low"}`)}</span>
            </Flex>
          </Descriptions.Item>
          {judged?.overrideLevel && (
            <Descriptions.Item label={t("risk.directJudgment")}>
              {t("risk.raisedBy", { scored: label(riskLevelLabels[result.level]), level: label(riskLevelLabels[judged.level]) })}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
