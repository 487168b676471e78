import { Alert, Col, Form, Input, Row, Select, Spin, Switch, Typography } from "antd";
import { useApi } from "../../api/use-api.js";
import { useT } from "../../i18n/i18n-context.js";
import { useDepartmentKindLabel } from "./department-labels.js";
import { departmentsAbove, departmentsApi } from "./departments-api.js";

/** The enterprise form's override fields (names as the API takes them, plus the switch). */
export type DepartmentOverrideValues = {
  departmentOverride?: boolean;
  industryDepartmentId?: string | null;
  departmentOverrideReason?: string | null;
};
export const overrideFieldNames = ["industryDepartmentId", "departmentOverrideReason"] as const;

const reasonMin = 2;
const reasonMax = 500;

/** The record's current override as form values (an override is a department kept with a reason). */
export function overrideValuesOf(e: {
  industryDepartment: { id: string } | null;
  departmentOverrideReason: string | null;
}): DepartmentOverrideValues {
  const overridden = !!e.departmentOverrideReason;
  return {
    departmentOverride: overridden,
    industryDepartmentId: overridden ? (e.industryDepartment?.id ?? null) : null,
    departmentOverrideReason: overridden ? e.departmentOverrideReason : null,
  };
}

/**
 * What to send for the override, or nothing when it is unchanged. Switching it off sends nulls, which makes
 * the server derive the department again (三管三必须: from the industry code and region).
 */
export function overrideChangesOf(
  v: DepartmentOverrideValues,
  original?: DepartmentOverrideValues,
): { industryDepartmentId: string | null; departmentOverrideReason: string | null } | undefined {
  const on = !!v.departmentOverride;
  const next = on
    ? { industryDepartmentId: v.industryDepartmentId ?? null, departmentOverrideReason: v.departmentOverrideReason?.trim() ?? null }
    : { industryDepartmentId: null, departmentOverrideReason: null };
  if (!original) return on ? next : undefined;
  const was = !!original.departmentOverride;
  if (!on && !was) return undefined;
  if (
    on &&
    was &&
    next.industryDepartmentId === original.industryDepartmentId &&
    next.departmentOverrideReason === (original.departmentOverrideReason ?? null)
  )
    return undefined;
  return next;
}

type IndustryDepartmentFieldProps = {
  /** The form's village and industry, as chosen now. */
  regionCode?: string;
  industryCode?: string;
  /** The department the record has now, so it stays choosable after a move. */
  current?: { id: string; name: string } | null;
  /** Enterprise users see the department but do not choose it. */
  readOnly?: boolean;
};

/**
 * The 行业 regulator on the enterprise form: the department derived from the industry and region is shown
 * read-only; an override switch reveals a department choice and a required reason.
 */
export function IndustryDepartmentField({ regionCode, industryCode, current, readOnly }: IndustryDepartmentFieldProps) {
  const t = useT();
  const kindLabel = useDepartmentKindLabel();
  const form = Form.useFormInstance<DepartmentOverrideValues>();
  const overriding = !!Form.useWatch("departmentOverride", form);
  const ready = !!regionCode && /^\d{12}$/.test(regionCode) && !!industryCode && /^\d{2,4}$/.test(industryCode);

  const derived = useApi(
    (signal) =>
      ready && regionCode && industryCode ? departmentsApi.resolve(regionCode, industryCode, signal) : Promise.resolve(undefined),
    [ready, regionCode, industryCode],
  );
  const choices = useApi(
    (signal) => (overriding && regionCode && /^\d{12}$/.test(regionCode) ? departmentsAbove(regionCode, signal) : Promise.resolve([])),
    [overriding, regionCode],
  );
  const options = (choices.data ?? []).map((d) => ({ value: d.id, label: `${d.name}（${kindLabel(d.kind)}）` }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.name });

  const match = derived.data?.regionCode === regionCode && derived.data?.industryCode === industryCode ? derived.data : undefined;
  const derivedText = !ready ? (
    <Typography.Text type="secondary">{t("industryDepartment.derivedPending")}</Typography.Text>
  ) : derived.error ? (
    <Typography.Text type="danger">{derived.error.message}</Typography.Text>
  ) : !match ? (
    <Spin size="small" />
  ) : (
    <span>
      <Typography.Text strong data-testid="enterprise-derived-department">
        {match.department?.name ?? t("enterprises.departmentNone")}
      </Typography.Text>
      {match.matchedPrefix && match.kind && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          {t("industryDepartment.derivedVia", { prefix: match.matchedPrefix, kind: kindLabel(match.kind) })}
        </Typography.Text>
      )}
    </span>
  );

  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label={t("industryDepartment.derived")}>{derivedText}</Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="departmentOverride"
          label={t("industryDepartment.override")}
          valuePropName="checked"
          extra={readOnly ? t("industryDepartment.regulatorOnly") : t("industryDepartment.overrideHelp")}
        >
          <Switch disabled={readOnly} checkedChildren={t("common.yes")} unCheckedChildren={t("common.no")} />
        </Form.Item>
      </Col>
      {overriding && (
        <>
          <Col xs={24} md={12}>
            <Form.Item
              name="industryDepartmentId"
              label={t("industryDepartment.department")}
              rules={[{ required: !readOnly, message: t("industryDepartment.departmentRequired") }]}
            >
              <Select
                disabled={readOnly}
                placeholder={t("industryDepartment.departmentPlaceholder")}
                loading={choices.loading}
                options={options}
                notFoundContent={
                  choices.loading ? <Spin size="small" /> : choices.error ? choices.error.message : t("industryDepartment.departmentEmpty")
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="departmentOverrideReason"
              label={t("enterprises.departmentOverrideReason")}
              rules={[
                { required: !readOnly, whitespace: true, message: t("industryDepartment.reasonRequired") },
                {
                  // Counted as the server counts it: without surrounding spaces.
                  validator: (_, value: string | null | undefined) => {
                    const n = value?.trim().length ?? 0;
                    return n === 0 || (n >= reasonMin && n <= reasonMax)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("industryDepartment.reasonLength", { min: reasonMin, max: reasonMax })));
                  },
                },
              ]}
            >
              <Input.TextArea disabled={readOnly} rows={2} maxLength={reasonMax} />
            </Form.Item>
          </Col>
          {choices.error && (
            <Col span={24}>
              <Alert type="error" showIcon title={choices.error.message} style={{ marginBottom: 16 }} />
            </Col>
          )}
        </>
      )}
    </Row>
  );
}
