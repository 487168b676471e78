import { Alert, Form, Input, Modal, Radio } from "antd";
import { roleHas } from "../../../../domain/access/permissions.js";
import type { SessionUser } from "../../../../domain/auth/auth.dto.js";
import { type HazardCategory, type HazardLevel, hazardCategoryKeys, openHazardStates } from "../../../../domain/hazards/hazard.js";
import { useT } from "../../i18n/i18n-context.js";
import { useHazardLabel } from "./hazard-labels.js";
import { CriterionPicker } from "./hazard-pickers.js";
import { GpsInput, type GpsValue, type PlanPoint, PlanPointInput, SubTypeSelect } from "./hazard-place.js";
import { type Hazard, type HazardDetail, type HazardDetailsBody, hazardsApi } from "./hazards-api.js";
import { useHazardStep } from "./use-hazard-step.js";

type Actor = Pick<SessionUser, "role" | "regionCode" | "enterpriseId">;

// The same rules as server/modules/hazards/hazards.policy.ts (assertMayCompleteDetails, isHazardRegulator), used
// only to show the action and the regulator-only choices; the server stays the judge.
export function isRegulatorOf(actor: Actor, h: Pick<Hazard, "regionCode">): boolean {
  return (
    actor.role === "admin" || (roleHas(actor.role, "hazards.review") && !!actor.regionCode && h.regionCode.startsWith(actor.regionCode))
  );
}

export function mayCompleteDetails(actor: Actor, h: Pick<Hazard, "regionCode" | "enterpriseId" | "state">): boolean {
  if (!openHazardStates.includes(h.state)) return false;
  return (roleHas(actor.role, "hazards.rectify") && actor.enterpriseId === h.enterpriseId) || isRegulatorOf(actor, h);
}

type Values = {
  location: string;
  category: HazardCategory;
  subType: string | null;
  criterionId: string | null;
  level: HazardLevel;
  majorReason?: string;
  note?: string;
  gps: GpsValue | null;
  planPoint: PlanPoint | null;
};
const fieldNames = ["location", "category", "subType", "criterionId", "level", "majorReason", "note", "gps", "planPoint"];

/** Server paths onto this form: the GPS pair and the plan point are one control each. */
const fieldOf = (p: string) => (p === "latitude" || p === "longitude" ? "gps" : p === "planX" || p === "planY" ? "planPoint" : p);

/**
 * 完善信息: completes a three-tap report — place (text, GPS, site-plan point), category and sub-type, and the grade:
 * a criterion item makes it 重大 (R2); regulators may also grade 重大 with a reason or downgrade with one.
 */
export function HazardDetailsModal({
  hazard,
  actor,
  onClose,
  onDone,
  onStale,
}: {
  hazard: HazardDetail;
  actor: Actor;
  onClose: () => void;
  onDone: (next: HazardDetail) => void;
  onStale: () => void;
}) {
  const t = useT();
  const label = useHazardLabel();
  const { form, error, saving, run } = useHazardStep<Values>({
    fieldNames,
    fieldOf,
    onDone,
    onStale,
    staleNote: t("hazardDetails.stale"),
  });
  const regulator = isRegulatorOf(actor, hazard);
  const category = Form.useWatch("category", form) ?? hazard.category;
  const criterionId = Form.useWatch("criterionId", form);
  const level = Form.useWatch("level", form) ?? hazard.level;
  const majorWithoutCriterion = !criterionId && level === "major";
  const downgrading = hazard.level === "major" && !criterionId && level === "general";

  const onFinish = (v: Values) => {
    const body: HazardDetailsBody = {
      version: hazard.version,
      location: v.location,
      category: v.category,
      subType: v.subType ?? null,
      criterionId: v.criterionId ?? null,
      latitude: v.gps?.latitude ?? null,
      longitude: v.gps?.longitude ?? null,
      planX: v.planPoint?.x ?? null,
      planY: v.planPoint?.y ?? null,
      // The grade without a criterion is the regulator's (R1/R2); the enterprise leaves it as it is.
      ...(regulator && !v.criterionId ? { level: v.level } : {}),
      ...(regulator && majorWithoutCriterion ? { majorReason: v.majorReason?.trim() || null } : {}),
      ...(downgrading && v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    return run(() => hazardsApi.completeDetails(hazard.id, body), t("hazardDetails.saved"));
  };

  return (
    <Modal
      open
      title={t("hazardDetails.title")}
      onCancel={onClose}
      okText={t("common.save")}
      okButtonProps={{ id: "hazard-details-ok", loading: saving }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={720}
    >
      <Alert type="info" showIcon title={t("hazardDetails.hint")} style={{ marginBottom: 12 }} />
      <Form<Values>
        form={form}
        name="hazard-details"
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={(changed: Partial<Values>) => {
          // A sub-type belongs to its category: a new category starts without one.
          if ("category" in changed) form.setFieldValue("subType", null);
        }}
        initialValues={{
          location: hazard.location,
          category: hazard.category,
          subType: hazard.subType,
          criterionId: hazard.criterionId,
          level: hazard.level,
          majorReason: hazard.majorReason ?? undefined,
          gps: hazard.latitude !== null && hazard.longitude !== null ? { latitude: hazard.latitude, longitude: hazard.longitude } : null,
          planPoint: hazard.planX !== null && hazard.planY !== null ? { x: hazard.planX, y: hazard.planY } : null,
        }}
      >
        <Form.Item
          name="location"
          label={t("hazards.location")}
          rules={[{ required: true, whitespace: true, message: t("hazards.locationRequired") }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="category" label={t("hazards.category")}>
          <Radio.Group optionType="button" options={hazardCategoryKeys.map((c) => ({ value: c, label: label("category", c) }))} />
        </Form.Item>
        <Form.Item name="subType" label={t("hazards.subType")}>
          <SubTypeSelect id="hazard-details-subtype" category={category} />
        </Form.Item>
        <Form.Item name="criterionId" label={t("hazards.criterionPick")}>
          <CriterionPicker id="hazard-details-criterion" enterpriseId={hazard.enterpriseId} />
        </Form.Item>
        {!criterionId &&
          (regulator ? (
            <Form.Item name="level" label={t("hazards.level")}>
              <Radio.Group
                optionType="button"
                options={(["general", "major"] as const).map((l) => ({ value: l, label: label("level", l) }))}
              />
            </Form.Item>
          ) : (
            <Alert type="warning" showIcon title={t("hazardDetails.majorByRegulator")} style={{ marginBottom: 12 }} />
          ))}
        {regulator && majorWithoutCriterion && (
          <Form.Item
            name="majorReason"
            label={t("hazards.majorReason")}
            rules={[{ required: true, whitespace: true, message: t("hazards.plan.required") }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
        {downgrading && (
          <>
            <Alert type="warning" showIcon title={t("hazardDetails.downgradeHint")} style={{ marginBottom: 12 }} />
            <Form.Item
              name="note"
              label={t("hazardDetails.downgradeNote")}
              rules={[{ required: true, whitespace: true, message: t("hazards.plan.required") }]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        )}
        {hazard.plan && <Alert type="info" showIcon title={t("hazardDetails.replanHint")} style={{ marginBottom: 12 }} />}
        <Form.Item name="gps" label={t("hazardDetails.gps")}>
          <GpsInput />
        </Form.Item>
        <Form.Item name="planPoint" label={t("hazardDetails.planPoint")}>
          <PlanPointInput enterpriseId={hazard.enterpriseId} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error.message} />}
      </Form>
    </Modal>
  );
}
