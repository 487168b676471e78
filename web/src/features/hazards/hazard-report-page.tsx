import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Collapse, Form, Input, Radio, Select } from "antd";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import {
  type HazardCategory,
  type HazardLevel,
  type HazardSource,
  hazardCategoryKeys,
  reportableSources,
} from "../../../../domain/hazards/hazard.js";
import { ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { PageHeader } from "../../components/page-header.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { useHazardLabel } from "./hazard-labels.js";
import { HazardPhotosInput, type PhotoUpload, uploadOf } from "./hazard-photos-input.js";
import { CriterionPicker, EnterpriseSelect } from "./hazard-pickers.js";
import { GpsInput, type GpsValue, type PlanPoint, PlanPointInput, SubTypeSelect, useHasSitePlan } from "./hazard-place.js";
import { hazardsApi } from "./hazards-api.js";

type Values = {
  enterpriseId?: string;
  photos?: PhotoUpload[];
  location: string;
  description: string;
  source: HazardSource;
  category: HazardCategory;
  subType?: string | null;
  level: HazardLevel;
  criterionId?: string | null;
  majorReason?: string;
  gps?: GpsValue | null;
  planPoint?: PlanPoint | null;
};

const fieldNames = [
  "enterpriseId",
  "photos",
  "location",
  "description",
  "source",
  "category",
  "subType",
  "level",
  "criterionId",
  "majorReason",
  "gps",
  "planPoint",
];
/** Server paths onto this form: the GPS pair and the plan point are one control each; photos.0 is the photo field. */
const formPath = (p: string) =>
  p === "latitude" || p === "longitude" ? "gps" : p === "planX" || p === "planY" ? "planPoint" : (p.split(".")[0] ?? p);

/**
 * /hazards/report: the three-tap report for phones — photo, place, one line — then submit. Source defaults to
 * what the role reports (企业自查, 网格巡查, 监管检查); category, level and a 判定标准 item are optional extras.
 */
export function HazardReportPage() {
  const t = useT();
  const label = useHazardLabel();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError>();
  const [submitting, setSubmitting] = useState(false);
  const sources = reportableSources[me.role] ?? [];
  const enterpriseId = Form.useWatch("enterpriseId", form) ?? me.enterpriseId ?? undefined;
  const criterionId = Form.useWatch("criterionId", form);
  const level = Form.useWatch("level", form);
  const category = Form.useWatch("category", form) ?? "site_management";
  const hasSitePlan = useHasSitePlan(enterpriseId);

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const created = await hazardsApi.report({
        enterpriseId: me.enterpriseId ?? v.enterpriseId ?? "",
        photos: (v.photos ?? []).map(uploadOf),
        location: v.location,
        description: v.description,
        source: v.source,
        category: v.category,
        subType: v.subType ?? null,
        level: v.criterionId ? "major" : v.level,
        criterionId: v.criterionId ?? null,
        majorReason: v.majorReason?.trim() ? v.majorReason.trim() : null,
        ...(v.gps ? { latitude: v.gps.latitude, longitude: v.gps.longitude } : {}),
        ...(v.planPoint ? { planX: v.planPoint.x, planY: v.planPoint.y } : {}),
      });
      message.success(t("hazards.reported"));
      navigate(`/hazards/${created.id}`);
    } catch (err) {
      setSubmitting(false);
      const e = toApiError(err);
      // Photo problems come back as photos.0 etc.; show them on the photo field.
      const fields = e.fields.map((f) => ({ ...f, path: formPath(f.path) }));
      if (!applyFieldErrors(form, new ApiError(e.status, e.code, e.message, fields), fieldNames)) setError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t("hazards.reportTitle")}
        extra={
          <Link to="/hazards">
            <Button icon={<ArrowLeftOutlined />}>{t("hazards.backToList")}</Button>
          </Link>
        }
      />
      <Card style={{ maxWidth: 720 }}>
        <Alert type="info" showIcon title={t("hazards.reportHint")} style={{ marginBottom: 16 }} />
        <Form<Values>
          form={form}
          name="hazard-report"
          layout="vertical"
          onFinish={onFinish}
          onValuesChange={(changed: Partial<Values>) => {
            // A sub-type belongs to its category: a new category starts without one.
            if ("category" in changed) form.setFieldValue("subType", null);
          }}
          initialValues={{
            enterpriseId: me.enterpriseId ?? params.get("enterprise") ?? undefined,
            photos: [],
            source: sources[0],
            category: "site_management",
            level: "general",
            criterionId: null,
            subType: null,
            gps: null,
            planPoint: null,
          }}
        >
          {!me.enterpriseId && (
            <Form.Item
              name="enterpriseId"
              label={t("hazards.enterprise")}
              rules={[{ required: true, message: t("hazards.enterpriseRequired") }]}
            >
              <EnterpriseSelect />
            </Form.Item>
          )}
          <Form.Item name="photos" label={t("hazards.photo")}>
            <HazardPhotosInput id="hazard-photo-input" />
          </Form.Item>
          <Form.Item
            name="location"
            label={t("hazards.location")}
            rules={[{ required: true, whitespace: true, message: t("hazards.locationRequired") }, { max: 200 }]}
          >
            <Input size="large" placeholder={t("hazards.locationPlaceholder")} />
          </Form.Item>
          <Form.Item name="gps">
            <GpsInput />
          </Form.Item>
          <Form.Item
            name="description"
            label={t("hazards.description")}
            rules={[{ required: true, whitespace: true, message: t("hazards.descriptionRequired") }, { max: 2000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t("hazards.descriptionPlaceholder")} />
          </Form.Item>
          <Collapse
            ghost
            style={{ marginBottom: 16 }}
            items={[
              {
                key: "more",
                label: t("hazards.more"),
                forceRender: true,
                children: (
                  <>
                    <Form.Item name="source" label={t("hazards.source")} rules={[{ required: true }]}>
                      <Select options={sources.map((s) => ({ value: s, label: label("source", s) }))} />
                    </Form.Item>
                    <Form.Item name="category" label={t("hazards.category")}>
                      <Radio.Group
                        optionType="button"
                        options={hazardCategoryKeys.map((c) => ({ value: c, label: label("category", c) }))}
                      />
                    </Form.Item>
                    <Form.Item name="subType" label={t("hazards.subType")}>
                      <SubTypeSelect id="hazard-subtype" category={category} />
                    </Form.Item>
                    {hasSitePlan && (
                      <Form.Item name="planPoint" label={t("hazardDetails.planPoint")}>
                        <PlanPointInput enterpriseId={enterpriseId} />
                      </Form.Item>
                    )}
                    <Form.Item name="criterionId" label={t("hazards.criterionPick")}>
                      <CriterionPicker enterpriseId={enterpriseId} />
                    </Form.Item>
                    {!criterionId && (
                      <Form.Item name="level" label={t("hazards.level")}>
                        <Radio.Group
                          optionType="button"
                          options={(["general", "major"] as const).map((l) => ({ value: l, label: label("level", l) }))}
                        />
                      </Form.Item>
                    )}
                    {!criterionId && level === "major" && (
                      <Form.Item
                        name="majorReason"
                        label={t("hazards.majorReason")}
                        rules={[{ required: true, whitespace: true, message: t("hazards.plan.required") }]}
                      >
                        <Input.TextArea autoSize={{ minRows: 2 }} />
                      </Form.Item>
                    )}
                  </>
                ),
              },
            ]}
          />
          {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
          <Button type="primary" size="large" block htmlType="submit" loading={submitting} id="hazard-report-submit">
            {t("hazards.submitReport")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
