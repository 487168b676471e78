import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Switch } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { scopeKindOf } from "../../../../domain/access/roles.js";
import { type EnterpriseCategory, enterpriseCategories, industryTradeSubcategories } from "../../../../domain/enterprise/enterprise.dto.js";
import { usccProblem } from "../../../../domain/enterprise/uscc.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { RegionSelect } from "../../components/region-select.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import {
  type DepartmentOverrideValues,
  IndustryDepartmentField,
  overrideChangesOf,
  overrideFieldNames,
  overrideValuesOf,
} from "../departments/industry-department-field.js";
import {
  type EnterpriseSubcategory,
  enterpriseScales,
  type StandardisationGradeValue,
  standardisationGrades,
  useCategoryLabel,
} from "./enterprise-labels.js";
import { type Enterprise, type EnterpriseCreateBody, type EnterpriseScaleValue, enterprisesApi } from "./enterprises-api.js";
import { IndustrySelect } from "./industry-select.js";

type Values = DepartmentOverrideValues & {
  name?: string;
  uscc?: string;
  address?: string;
  regionCode?: string;
  longitude?: number | null;
  latitude?: number | null;
  industryCode?: string;
  category?: EnterpriseCategory;
  subcategory?: EnterpriseSubcategory | null;
  scale?: EnterpriseScaleValue;
  headcount?: number | null;
  legalRepresentative?: string;
  principalName?: string;
  principalPhone?: string;
  safetyManagerName?: string | null;
  safetyManagerPhone?: string | null;
  hasMajorHazardSource?: boolean;
  standardisationGrade?: StandardisationGradeValue;
};

/** The editable fields (the server's names, so its field errors land on them). */
type Fields = Omit<EnterpriseCreateBody, "status" | "industryDepartmentId" | "departmentOverrideReason">;
const fieldNames = [
  "name",
  "uscc",
  "address",
  "regionCode",
  "longitude",
  "latitude",
  "industryCode",
  "category",
  "subcategory",
  "scale",
  "headcount",
  "legalRepresentative",
  "principalName",
  "principalPhone",
  "safetyManagerName",
  "safetyManagerPhone",
  "hasMajorHazardSource",
  "standardisationGrade",
] as const satisfies readonly (keyof Fields)[];
/** An enterprise keeps its identity and place: its own users cannot change these (the server refuses). */
const regulatorOnly = new Set<keyof Fields>(["uscc", "regionCode", "category"]);

const phonePattern = /^[0-9+\- ]{5,20}$/;
const personMax = 40;

/** The request body for the form's values: text trimmed, empties as null, a sub-category only for 工贸. */
function fieldsOf(v: Values): Fields {
  const text = (s: string | null | undefined) => s?.trim() ?? "";
  return {
    name: text(v.name),
    uscc: text(v.uscc),
    address: text(v.address),
    regionCode: v.regionCode ?? "",
    longitude: v.longitude ?? null,
    latitude: v.latitude ?? null,
    industryCode: v.industryCode ?? "",
    category: v.category as EnterpriseCategory,
    subcategory: v.category === "industry_trade" ? (v.subcategory ?? null) : null,
    scale: v.scale as EnterpriseScaleValue,
    headcount: v.headcount ?? 0,
    legalRepresentative: text(v.legalRepresentative),
    principalName: text(v.principalName),
    principalPhone: text(v.principalPhone),
    safetyManagerName: text(v.safetyManagerName) || null,
    safetyManagerPhone: text(v.safetyManagerPhone) || null,
    hasMajorHazardSource: v.hasMajorHazardSource ?? false,
    standardisationGrade: v.standardisationGrade ?? "none",
  };
}

function valuesOf(e: Enterprise): Values {
  return {
    name: e.name,
    uscc: e.uscc,
    address: e.address,
    regionCode: e.regionCode,
    longitude: e.longitude,
    latitude: e.latitude,
    industryCode: e.industryCode,
    category: e.category,
    subcategory: e.subcategory,
    scale: e.scale,
    headcount: e.headcount,
    legalRepresentative: e.legalRepresentative,
    principalName: e.principalName,
    principalPhone: e.principalPhone,
    safetyManagerName: e.safetyManagerName,
    safetyManagerPhone: e.safetyManagerPhone,
    hasMajorHazardSource: e.hasMajorHazardSource,
    standardisationGrade: e.standardisationGrade,
  };
}

/** /enterprises/new: registers an enterprise. */
export function EnterpriseCreatePage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t("enterprises.create")} />
      <EnterpriseForm />
    </>
  );
}

/** /enterprises/:id/edit: loads the record, then edits it. */
export function EnterpriseEditPage() {
  const t = useT();
  const { id = "" } = useParams();
  const detail = useApi((signal) => enterprisesApi.get(id, signal), [id]);
  const enterprise = detail.data?.id === id ? detail.data : undefined;
  return (
    <>
      <PageHeader title={enterprise ? t("enterprises.editTitle", { name: enterprise.name }) : t("enterprises.edit")} />
      <PageState loading={!enterprise} error={detail.error} onRetry={detail.reload}>
        {/* A new version (after a reload) starts the form again from the record. */}
        {enterprise && <EnterpriseForm key={enterprise.version} enterprise={enterprise} onReload={detail.reload} />}
      </PageState>
    </>
  );
}

type EnterpriseFormProps = {
  /** The record to edit; absent to create one. */
  enterprise?: Enterprise;
  /** Reloads the record (after a stale-version conflict). */
  onReload?: () => void;
};

function EnterpriseForm({ enterprise, onReload }: EnterpriseFormProps) {
  const t = useT();
  const labels = useCategoryLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch("category", form);
  const regionCode = Form.useWatch("regionCode", form);
  const industryCode = Form.useWatch("industryCode", form);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [stale, setStale] = useState<ApiError>();
  const ownEnterprise = scopeKindOf[me.role] === "enterprise";
  const locked = (field: keyof Fields) => ownEnterprise && regulatorOnly.has(field);
  const backTo = enterprise ? `/enterprises/${enterprise.id}` : "/enterprises";

  const onFinish = async (v: Values) => {
    setError(undefined);
    const fields = fieldsOf(v);
    // The 行业 regulator's override travels only when it was set, changed or switched off.
    const override = overrideChangesOf(v, enterprise ? overrideValuesOf(enterprise) : undefined);
    let changes: Partial<Fields> = fields;
    if (enterprise) {
      // Only what changed goes to the server, with the version the form was read at.
      const original = fieldsOf(valuesOf(enterprise));
      changes = Object.fromEntries(
        fieldNames.filter((k) => !locked(k) && fields[k] !== original[k]).map((k) => [k, fields[k]]),
      ) as Partial<Fields>;
      if (Object.keys(changes).length === 0 && !override) {
        message.info(t("enterprises.unchanged"));
        return;
      }
    }
    setSubmitting(true);
    try {
      const saved = enterprise
        ? await enterprisesApi.update(enterprise.id, { ...changes, ...override, version: enterprise.version })
        : await enterprisesApi.create({ ...fields, ...override });
      message.success(enterprise ? t("enterprises.saved") : t("enterprises.created"));
      navigate(`/enterprises/${saved.id}`);
    } catch (err) {
      const apiError = toApiError(err);
      setSubmitting(false);
      if (apiError.code === "conflict.stale_version") {
        setStale(apiError);
        return;
      }
      // Placing an enterprise outside one's own area is refused as a whole: it belongs on the region field.
      if (apiError.code === "enterprise.out_of_scope") {
        form.setFields([{ name: "regionCode", errors: [apiError.message] }]);
        return;
      }
      if (!applyFieldErrors(form, apiError, [...fieldNames, ...overrideFieldNames])) setError(apiError);
    }
  };

  const usccRule = {
    validator: (_: unknown, value: string | undefined) => {
      if (!value) return Promise.reject(new Error(t("enterprises.usccRequired")));
      const problem = usccProblem(value);
      return problem ? Promise.reject(new Error(t(`enterprises.uscc.${problem}`))) : Promise.resolve();
    },
  };
  const phoneRules = (required: boolean) => [
    ...(required ? [{ required: true, whitespace: true, message: t("enterprises.phoneRequired") }] : []),
    { pattern: phonePattern, message: t("enterprises.phoneInvalid") },
  ];
  const personRules = (required: boolean) => [
    ...(required ? [{ required: true, whitespace: true, message: t("enterprises.personRequired") }] : []),
    { max: personMax, message: t("enterprises.tooLong", { max: personMax }) },
  ];
  const half = { xs: 24, md: 12 };
  const third = { xs: 24, md: 8 };

  return (
    <Form<Values>
      form={form}
      name="enterprise"
      layout="vertical"
      onFinish={onFinish}
      disabled={submitting}
      // Centred: the sticky header would cover a field scrolled to the top.
      scrollToFirstError={{ block: "center" }}
      initialValues={
        enterprise
          ? { ...valuesOf(enterprise), ...overrideValuesOf(enterprise) }
          : { hasMajorHazardSource: false, standardisationGrade: "none", departmentOverride: false }
      }
    >
      <Flex vertical gap={16}>
        {stale && (
          <Alert
            type="warning"
            showIcon
            title={stale.message}
            description={t("enterprises.staleHint")}
            action={
              <Button size="small" onClick={onReload} disabled={false}>
                {t("enterprises.reloadRecord")}
              </Button>
            }
          />
        )}
        {error && <Alert type="error" showIcon title={error.message} />}
        {ownEnterprise && <Alert type="info" showIcon title={t("enterprises.ownEnterpriseHint")} />}
        <Card title={t("enterprises.groupBasic")} size="small">
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item
                name="name"
                label={t("enterprises.name")}
                rules={[
                  { required: true, whitespace: true, message: t("enterprises.nameRequired") },
                  { min: 2, max: 100, message: t("enterprises.nameLength") },
                ]}
              >
                <Input maxLength={100} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name="uscc"
                label={t("enterprises.uscc")}
                rules={[usccRule]}
                required
                // Printed in upper case without spaces; typing it any other way is accepted and tidied.
                normalize={(v: string | undefined) => v?.toUpperCase().replace(/\s+/g, "")}
                hasFeedback
                extra={t("enterprises.usccHelp")}
              >
                <Input maxLength={18} autoComplete="off" disabled={locked("uscc")} style={{ fontFamily: "monospace" }} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name="legalRepresentative" label={t("enterprises.legalRepresentative")} rules={personRules(true)}>
                <Input maxLength={personMax} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name="scale" label={t("enterprises.scale")} rules={[{ required: true, message: t("enterprises.scaleRequired") }]}>
                <Select options={enterpriseScales.map((s) => ({ value: s, label: t(`enterprises.scale.${s}`) }))} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item
                name="headcount"
                label={t("enterprises.headcount")}
                rules={[{ required: true, message: t("enterprises.headcountRequired") }]}
              >
                <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t("enterprises.groupPlace")} size="small">
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item
                name="regionCode"
                label={t("enterprises.village")}
                rules={[
                  { required: true, message: t("enterprises.villageRequired") },
                  { pattern: /^\d{12}$/, message: t("enterprises.villageRequired") },
                ]}
                extra={t("enterprises.villageHelp")}
              >
                <RegionSelect levels={["village"]} rootCode={me.regionCode ?? undefined} disabled={locked("regionCode")} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name="address"
                label={t("enterprises.address")}
                rules={[
                  { required: true, whitespace: true, message: t("enterprises.addressRequired") },
                  { max: 200, message: t("enterprises.tooLong", { max: 200 }) },
                ]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="longitude" label={t("enterprises.longitude")}>
                <InputNumber min={73} max={136} step={0.000001} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="latitude" label={t("enterprises.latitude")}>
                <InputNumber min={3} max={54} step={0.000001} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name="industryCode"
                label={t("enterprises.industry")}
                rules={[{ required: true, message: t("enterprises.industryRequired") }]}
                extra={t("enterprises.industryHelp")}
              >
                <IndustrySelect level="class" valueName={enterprise?.industryName} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name="category"
                label={t("enterprises.category")}
                rules={[{ required: true, message: t("enterprises.categoryRequired") }]}
              >
                <Select
                  disabled={locked("category")}
                  options={enterpriseCategories.map((c) => ({ value: c, label: labels.category(c) }))}
                  onChange={(next: EnterpriseCategory) => next !== "industry_trade" && form.setFieldValue("subcategory", null)}
                />
              </Form.Item>
            </Col>
            {category === "industry_trade" && (
              <Col {...half}>
                <Form.Item name="subcategory" label={t("enterprises.subcategory")} extra={t("enterprises.subcategoryHelp")}>
                  <Select allowClear options={industryTradeSubcategories.map((s) => ({ value: s, label: labels.subcategory(s) }))} />
                </Form.Item>
              </Col>
            )}
          </Row>
          <IndustryDepartmentField
            regionCode={regionCode}
            industryCode={industryCode}
            current={enterprise?.industryDepartment}
            readOnly={ownEnterprise}
          />
        </Card>

        <Card title={t("enterprises.groupPeople")} size="small">
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="principalName" label={t("enterprises.principalName")} rules={personRules(true)}>
                <Input maxLength={personMax} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="principalPhone" label={t("enterprises.principalPhone")} rules={phoneRules(true)}>
                <Input type="tel" maxLength={20} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="safetyManagerName" label={t("enterprises.safetyManagerName")} rules={personRules(false)}>
                <Input maxLength={personMax} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="safetyManagerPhone" label={t("enterprises.safetyManagerPhone")} rules={phoneRules(false)}>
                <Input type="tel" maxLength={20} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t("enterprises.groupSafety")} size="small">
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="hasMajorHazardSource" label={t("enterprises.hasMajorHazardSource")} valuePropName="checked">
                <Switch checkedChildren={t("common.yes")} unCheckedChildren={t("common.no")} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="standardisationGrade" label={t("enterprises.standardisationGrade")}>
                <Select options={standardisationGrades.map((g) => ({ value: g, label: t(`enterprises.grade.${g}`) }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Flex gap={8} justify="flex-end">
          <Link to={backTo}>
            <Button disabled={false}>{t("common.cancel")}</Button>
          </Link>
          <Button id="enterprise-submit" type="primary" htmlType="submit" loading={submitting}>
            {enterprise ? t("common.save") : t("enterprises.create")}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
