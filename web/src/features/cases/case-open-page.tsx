import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Select, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { judgeResponse } from "../../../../domain/inspections/checklist.js";
import { clauseText } from "../../../../domain/inspections/inspection.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { departmentsAbove } from "../departments/departments-api.js";
import { type InspectionDetail, inspectionsApi } from "../inspections/inspections-api.js";
import { casesApi } from "./cases-api.js";

type ViolationValues = { facts?: string; provisionViolated?: string; provisionApplied?: string; proposed?: string; hazardIds: string[] };
type Values = {
  title?: string;
  departmentId?: string;
  officers: string[];
  violations: ViolationValues[];
  illegalProduction: boolean;
  legalReviewRequired: boolean;
  internalNote?: string;
};

/**
 * One violation per failed item of the inspection: the facts from its hazard (or the question and the inspector's
 * note), the provision violated from the item's clause; the provision applied is the officer's to cite.
 */
function violationsOf(d: InspectionDetail): ViolationValues[] {
  const responses = new Map(d.responses.map((r) => [r.itemId, r]));
  const hazards = new Map(d.hazards.map((h) => [h.itemId, h]));
  return d.checklist.content.sections.flatMap((s) =>
    s.items.flatMap((item) => {
      const r = responses.get(item.id);
      if (!r || (r.outcome ?? judgeResponse(item, r).outcome) !== "fail") return [];
      const hazard = hazards.get(item.id);
      const facts = hazard?.description ?? [item.question, r.note].filter(Boolean).join("：");
      return [{ facts, provisionViolated: clauseText(item) ?? "", provisionApplied: "", hazardIds: hazard ? [hazard.id] : [] }];
    }),
  );
}

const yuanPattern = /^\d{1,12}(\.\d{1,2})?$/;
const violationFields = ["facts", "provisionViolated", "provisionApplied", "proposed"];

/** A server field path (violations.0.provisionApplied, officers.1) as this form's field name, if it has one. */
function formNameOf(path: string): (string | number)[] | null {
  const parts = path.split(".");
  if (["title", "departmentId", "internalNote"].includes(path)) return [path];
  if (parts[0] === "officers") return ["officers"];
  if (parts[0] === "violations" && parts.length === 3 && violationFields.includes(parts[2] ?? ""))
    return ["violations", Number(parts[1]), parts[2] as string];
  return null;
}

/**
 * /cases/new?inspection=<id>: 立案 from a finished regulator inspection — prefilled violations, the department
 * (default the inspection's), the certified officers of its team (≥ 2, 行政处罚法 Art. 42), the 非法违法生产 tag and
 * an internal note — then to the new case.
 */
export function CaseOpenPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const inspectionId = params.get("inspection") ?? "";
  const inspection = useApi((signal) => inspectionsApi.get(inspectionId, signal), [inspectionId]);
  const d = inspection.data?.id === inspectionId ? inspection.data : undefined;
  const departments = useApi(async (signal) => (d ? departmentsAbove(d.regionCode, signal) : []), [d?.regionCode]);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);

  // The department acts in the caller's region (the server checks it again).
  const ownDepartments = (departments.data ?? []).filter((x) => me.role === "admin" || x.regionCode.startsWith(me.regionCode ?? "-"));
  const certified = d?.inspectors.filter((i) => i.certNo) ?? [];
  const openable = !!d && d.status === "finished" && d.kind !== "self" && d.hazards.length > 0;

  const onFinish = async (v: Values) => {
    if (!d) return;
    setSaving(true);
    setError(undefined);
    try {
      const created = await casesApi.open({
        inspectionId: d.id,
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
        ...(v.departmentId ? { departmentId: v.departmentId } : {}),
        officers: v.officers,
        illegalProduction: v.illegalProduction,
        legalReviewRequired: v.legalReviewRequired,
        violations: v.violations.map((x) => ({
          facts: x.facts ?? "",
          provisionViolated: x.provisionViolated ?? "",
          provisionApplied: x.provisionApplied ?? "",
          hazardIds: x.hazardIds ?? [],
          proposed: x.proposed?.trim() ? x.proposed.trim() : null,
        })),
        internalNote: v.internalNote?.trim() || null,
      });
      message.success(t("cases.openDone", { caseNo: created.caseNo }));
      navigate(`/cases/${created.id}`);
    } catch (err) {
      setSaving(false);
      const e = toApiError(err);
      const placed = e.fields.flatMap((f) => {
        const name = formNameOf(f.path);
        return name ? [{ name, errors: [f.message] }] : [];
      });
      if (placed.length > 0) form.setFields(placed as Parameters<typeof form.setFields>[0]);
      if (placed.length < e.fields.length || e.fields.length === 0) setError(e);
    }
  };

  const required = { required: true, whitespace: true, message: t("cases.required") };
  return (
    <>
      <PageHeader
        title={t("cases.openTitle")}
        extra={
          <Link to={inspectionId ? `/inspections/${inspectionId}` : "/inspections"}>
            <Button icon={<ArrowLeftOutlined />}>{t("cases.openInspection")}</Button>
          </Link>
        }
      />
      <PageState loading={!d} error={inspection.error} onRetry={inspection.reload}>
        {d && !openable && <Alert type="warning" showIcon title={t("cases.openNotAllowed")} />}
        {d && openable && (
          <Form<Values>
            form={form}
            name="case-open"
            layout="vertical"
            onFinish={onFinish}
            style={{ maxWidth: 960 }}
            initialValues={{
              departmentId: d.departmentId ?? undefined,
              officers: certified.map((i) => i.userId),
              violations: violationsOf(d),
              illegalProduction: false,
              legalReviewRequired: false,
            }}
          >
            <Typography.Paragraph type="secondary" data-testid="case-open-from">
              {t("cases.openFrom", { enterprise: d.enterpriseName, finished: formatDateTime(d.finishedAt) })}
            </Typography.Paragraph>
            <Card size="small" style={{ marginBottom: 16 }}>
              <Form.Item name="title" label={t("cases.caseTitle")}>
                <Input maxLength={200} placeholder={t("cases.titlePlaceholder", { enterprise: d.enterpriseName })} />
              </Form.Item>
              <Form.Item name="departmentId" label={t("cases.department")} rules={[{ required: true, message: t("cases.required") }]}>
                <Select
                  loading={departments.loading}
                  options={ownDepartments.map((x) => ({ value: x.id, label: x.name }))}
                  style={{ maxWidth: 400 }}
                />
              </Form.Item>
              <Form.Item
                name="officers"
                label={t("cases.officers")}
                extra={t("cases.officersHint")}
                rules={[
                  {
                    validator: (_, v?: string[]) =>
                      (v?.length ?? 0) >= 2 ? Promise.resolve() : Promise.reject(new Error(t("cases.officersTooFew"))),
                  },
                ]}
              >
                <Checkbox.Group
                  options={certified.map((i) => ({
                    value: i.userId,
                    label: t("cases.officerCert", { name: i.name, cert: i.certNo ?? "" }),
                  }))}
                />
              </Form.Item>
              <Flex gap={24} wrap>
                <Form.Item name="illegalProduction" valuePropName="checked" extra={t("cases.illegalProductionHint")}>
                  <Checkbox>{t("cases.illegalProduction")}</Checkbox>
                </Form.Item>
                <Form.Item name="legalReviewRequired" valuePropName="checked">
                  <Checkbox>{t("cases.legalReviewRequired")}</Checkbox>
                </Form.Item>
              </Flex>
            </Card>
            <Form.List name="violations">
              {(fields, { add, remove }) => (
                <Flex vertical gap={12} style={{ marginBottom: 16 }}>
                  {fields.map((f, n) => (
                    <Card
                      key={f.key}
                      size="small"
                      title={t("cases.violationN", { n: n + 1 })}
                      data-testid={`case-open-violation-${n}`}
                      extra={
                        fields.length > 1 && (
                          <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>
                            {t("cases.removeViolation")}
                          </Button>
                        )
                      }
                    >
                      <Form.Item name={[f.name, "facts"]} label={t("cases.facts")} rules={[required]}>
                        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
                      </Form.Item>
                      <Form.Item name={[f.name, "provisionViolated"]} label={t("cases.provisionViolated")} rules={[required]}>
                        <Input maxLength={500} placeholder={t("cases.provisionViolatedPlaceholder")} />
                      </Form.Item>
                      <Form.Item name={[f.name, "provisionApplied"]} label={t("cases.provisionApplied")} rules={[required]}>
                        <Input maxLength={500} placeholder={t("cases.provisionAppliedPlaceholder")} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, "proposed"]}
                        label={t("cases.proposed")}
                        rules={[{ pattern: yuanPattern, message: t("cases.amountInvalid") }]}
                      >
                        <Input inputMode="decimal" placeholder={t("cases.proposedPlaceholder")} style={{ maxWidth: 200 }} suffix="元" />
                      </Form.Item>
                      <Form.Item name={[f.name, "hazardIds"]} hidden>
                        <Select mode="multiple" />
                      </Form.Item>
                    </Card>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ facts: "", provisionViolated: "", provisionApplied: "", hazardIds: [] })}
                    style={{ alignSelf: "flex-start" }}
                  >
                    {t("cases.addViolation")}
                  </Button>
                </Flex>
              )}
            </Form.List>
            <Form.Item name="internalNote" label={t("cases.internalNote")} extra={t("cases.internalNoteHint")}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} data-testid="case-open-error" />}
            <Button type="primary" htmlType="submit" size="large" id="case-open-submit" loading={saving}>
              {t("cases.openSubmit")}
            </Button>
          </Form>
        )}
      </PageState>
    </>
  );
}
