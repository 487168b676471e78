import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Typography } from "antd";
import { useState } from "react";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import { type PlanGroupKey, planGroupKeys } from "../../../../domain/inspections/plan.js";
import type { ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { RegionSelect } from "../../components/region-select.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { type InspectionPlanDetail, plansApi } from "./inspection-plans-api.js";
import { GroupTag } from "./plan-labels.js";

type Values = {
  year?: number;
  regionCode?: string;
  departmentId?: string | null;
  title?: string;
  fromMonth?: number | null;
  reservePercent?: number;
  frequencies: Record<string, number>;
};

/** Server field paths the form shows on its fields (others, e.g. reserveShare, appear above the form). */
const fieldNames = ["year", "regionCode", "departmentId", "title", "fromMonth"] as const;
const months = Array.from({ length: 12 }, (_, i) => i + 1);
/** Form field names cannot hold dots: key.red → key_red. */
const fieldOf = (g: PlanGroupKey) => g.replace(".", "_");

type Props = {
  /** "new" to draft one, a draft plan to regenerate it; closed when undefined. */
  target?: "new" | InspectionPlanDetail;
  onClose: () => void;
  onSaved: (plan: InspectionPlanDetail) => void;
  onStale: () => void;
};

/** Drafting a year's plan (year, region, department, first month, reserve, frequencies) or re-drafting a draft. */
export function PlanDraftModal({ target, onClose, onSaved, onStale }: Props) {
  const t = useT();
  const plan = target && target !== "new" ? target : undefined;
  return (
    <Modal
      open={!!target}
      title={plan ? t("plans.regenerateTitle") : t("plans.new")}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={640}
    >
      {target && (
        <PlanDraftForm
          key={plan ? `${plan.id}:${plan.version}` : "new"}
          plan={plan}
          onClose={onClose}
          onSaved={onSaved}
          onStale={onStale}
        />
      )}
    </Modal>
  );
}

function PlanDraftForm({ plan, onClose, onSaved, onStale }: Omit<Props, "target"> & { plan?: InspectionPlanDetail }) {
  const t = useT();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const defaults = useApi((signal) => plansApi.defaults(signal), []);
  const regionCode = Form.useWatch("regionCode", form) ?? plan?.regionCode;
  const departments = useApi(
    (signal) => (regionCode && !plan ? plansApi.departments(regionCode, signal) : Promise.resolve(undefined)),
    [regionCode, plan],
  );
  const thisYear = Number(shanghaiDay(new Date()).slice(0, 4));

  const frequencyOf = (g: PlanGroupKey) =>
    plan ? (plan.groups.find((x) => x.key === g)?.frequency ?? 0) : (defaults.data?.groups.find((x) => x.key === g)?.frequency ?? 0);

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(undefined);
    const groups = planGroupKeys.map((key) => ({ key, frequency: Number(v.frequencies?.[fieldOf(key)] ?? frequencyOf(key)) }));
    const reserveShare = v.reservePercent === undefined ? undefined : v.reservePercent / 100;
    const common = { title: v.title?.trim() || undefined, fromMonth: v.fromMonth ?? undefined, reserveShare, groups };
    try {
      const saved = plan
        ? await plansApi.regenerate(plan.id, { version: plan.version, ...common })
        : await plansApi.create({ year: v.year as number, regionCode: v.regionCode, departmentId: v.departmentId ?? null, ...common });
      message.success(plan ? t("plans.regenerated") : t("plans.created"));
      onSaved(saved);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, {
        form,
        // Fields the form shows: a re-draft keeps its year, region and department.
        fieldNames: fieldNames.filter((f) => !plan || !["year", "regionCode", "departmentId"].includes(f)),
        onStale,
        onOther: setError,
        notify: message.error,
      });
    }
  };

  if (!defaults.data && !plan) return null;
  return (
    <Form<Values>
      form={form}
      name="plan-draft"
      layout="vertical"
      onFinish={onFinish}
      disabled={submitting}
      initialValues={{
        year: plan?.year ?? thisYear,
        regionCode: plan?.regionCode ?? me.regionCode ?? undefined,
        departmentId: plan?.departmentId ?? null,
        title: plan?.title,
        fromMonth: plan?.fromMonth,
        reservePercent: Math.round((plan?.reserveShare ?? defaults.data?.reserveShare ?? 0.2) * 100),
        frequencies: Object.fromEntries(planGroupKeys.map((g) => [fieldOf(g), frequencyOf(g)])),
      }}
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      {plan && <Alert type="warning" showIcon title={t("plans.regenerateHint")} style={{ marginBottom: 16 }} />}
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name="year" label={t("plans.year")} rules={[{ required: true, message: t("plans.yearRequired") }]}>
            <InputNumber id="plan-year" min={thisYear} max={thisYear + 5} precision={0} disabled={!!plan} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item name="regionCode" label={t("plans.region")} rules={[{ required: true, message: t("plans.regionRequired") }]}>
            <RegionSelect
              id="plan-region"
              levels={["city", "county", "township"]}
              rootCode={me.regionCode ?? undefined}
              disabled={!!plan}
              placeholder={t("plans.regionRequired")}
            />
          </Form.Item>
        </Col>
      </Row>
      {!plan && (
        <Form.Item name="departmentId" label={t("plans.department")}>
          <Select
            id="plan-department"
            allowClear
            placeholder={t("plans.noDepartment")}
            loading={departments.loading}
            options={(departments.data?.items ?? [])
              .filter((d) => d.regionCode === regionCode)
              .map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      )}
      <Form.Item name="title" label={t("plans.planTitle")} extra={plan ? undefined : t("plans.titleAuto")}>
        <Input id="plan-title" maxLength={100} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="fromMonth" label={t("plans.fromMonth")} extra={t("plans.fromMonthHelp")}>
            <Select
              id="plan-from-month"
              allowClear
              virtual={false}
              options={months.map((m) => ({ value: m, label: t("plans.month", { month: m }) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="reservePercent" label={t("plans.reserve")} extra={t("plans.reserveHelp")}>
            <InputNumber id="plan-reserve" min={0} max={90} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t("plans.frequencies")}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t("plans.frequenciesHelp")}
      </Typography.Paragraph>
      <Row gutter={[12, 0]}>
        {planGroupKeys.map((g) => (
          <Col xs={12} sm={8} key={g}>
            <Form.Item name={["frequencies", fieldOf(g)]} label={<GroupTag group={g} />}>
              <InputNumber
                id={`plan-frequency-${fieldOf(g)}`}
                aria-label={t(`plans.group.${g}` as MessageKey)}
                min={0}
                max={12}
                precision={0}
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item style={{ marginBottom: 0 }}>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose} disabled={false}>
            {t("common.cancel")}
          </Button>
          <Button id="plan-submit" type="primary" htmlType="submit" loading={submitting}>
            {plan ? t("plans.regenerate") : t("plans.create")}
          </Button>
        </Flex>
      </Form.Item>
    </Form>
  );
}
