import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import { type HazardAction, suspensionKinds } from "../../../../domain/hazards/hazard.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useHazardLabel } from "./hazard-labels.js";
import { HazardPhotosInput, type PhotoUpload, uploadOf } from "./hazard-photos-input.js";
import { type HazardDetail, type HazardTransitionBody, hazardsApi } from "./hazards-api.js";
import { useHazardStep } from "./use-hazard-step.js";

type Values = {
  measures?: string;
  responsibleName?: string;
  responsiblePhone?: string;
  funds?: number | null;
  deadline?: Dayjs;
  contingency?: string;
  goal?: string;
  materials?: string;
  organisation?: string;
  requirements?: string;
  suspension?: (typeof suspensionKinds)[number];
  rectification?: string;
  photos?: PhotoUpload[];
  note?: string;
  reason?: string;
};

const planFields = [
  "measures",
  "responsibleName",
  "responsiblePhone",
  "funds",
  "deadline",
  "contingency",
  "goal",
  "materials",
  "organisation",
  "requirements",
  "suspension",
] as const;
const fieldNames = [...planFields, "rectification", "photos", "note", "reason"];
const blank = (s?: string) => (s?.trim() ? s.trim() : null);

/** The request body of one transition, always carrying the version the user saw (a stale one answers 409). */
function bodyOf(action: HazardAction, version: number, v: Values): HazardTransitionBody {
  switch (action) {
    case "set_plan":
      return {
        action,
        version,
        plan: {
          measures: blank(v.measures),
          responsibleName: blank(v.responsibleName),
          responsiblePhone: blank(v.responsiblePhone),
          funds: v.funds === undefined || v.funds === null ? null : String(v.funds),
          deadline: v.deadline ? v.deadline.format("YYYY-MM-DD") : null,
          contingency: blank(v.contingency),
          goal: blank(v.goal),
          materials: blank(v.materials),
          organisation: blank(v.organisation),
          requirements: blank(v.requirements),
          suspension: v.suspension ?? null,
        },
      };
    case "submit":
    case "fix_on_spot":
      return { action, version, rectification: v.rectification ?? "", photos: (v.photos ?? []).map(uploadOf) };
    case "accept":
      return { action, version, note: v.note?.trim() || undefined };
    case "reject":
    case "void":
      return { action, version, reason: v.reason ?? "" };
  }
}

/** Server field paths (plan.measures, photos.0) onto this form's fields (measures, photos). */
const fieldOf = (path: string) => path.replace(/^plan\./, "").replace(/\.\d+$/, "");

/**
 * One transition of the closed loop as a form: 五落实 plan (the six parts and production suspension for 重大,
 * R6–R8), submit or fix on the spot with after photos, accept with a note, reject or void with a reason.
 */
export function HazardActionModal({
  hazard,
  action,
  onClose,
  onDone,
  onStale,
}: {
  hazard: HazardDetail;
  action: HazardAction;
  onClose: () => void;
  onDone: (next: HazardDetail) => void;
  onStale: () => void;
}) {
  const t = useT();
  const label = useHazardLabel();
  const { form, error, saving, run } = useHazardStep<Values>({ fieldNames, fieldOf, onDone, onStale, staleNote: t("hazards.stale") });
  const major = hazard.level === "major";
  const title = t(`hazards.action.${action}` as MessageKey);
  const required = { required: true, whitespace: true, message: t("hazards.plan.required") };
  const today = shanghaiDay(new Date());

  const onFinish = (v: Values) =>
    run(() => hazardsApi.transition(hazard.id, bodyOf(action, hazard.version, v)), t("hazards.actionDone", { action: title }));

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={t("hazards.confirm")}
      okButtonProps={{ id: "hazard-action-ok", loading: saving, danger: action === "void" || action === "reject" }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={action === "set_plan" ? 720 : 520}
    >
      <Form<Values> form={form} name="hazard-action" layout="vertical" onFinish={onFinish} initialValues={{ photos: [] }}>
        {action === "set_plan" && (
          <>
            {major && <Alert type="warning" showIcon title={t("hazards.plan.majorHint")} style={{ marginBottom: 12 }} />}
            {major && (
              <Form.Item name="goal" label={t("hazards.plan.goal")} rules={[required]}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
            )}
            <Form.Item name="measures" label={t("hazards.plan.measures")} rules={[required]}>
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
            <Form.Item name="responsibleName" label={t("hazards.plan.responsibleName")} rules={[required]}>
              <Input />
            </Form.Item>
            <Form.Item name="responsiblePhone" label={t("hazards.plan.responsiblePhone")}>
              <Input inputMode="tel" />
            </Form.Item>
            <Form.Item
              name="funds"
              label={t("hazards.plan.funds")}
              rules={major ? [{ required: true, message: t("hazards.plan.required") }] : []}
            >
              <InputNumber min={0} precision={2} style={{ width: "100%" }} />
            </Form.Item>
            {major && (
              <Form.Item name="materials" label={t("hazards.plan.materials")}>
                <Input.TextArea autoSize={{ minRows: 1 }} />
              </Form.Item>
            )}
            {major && (
              <Form.Item name="organisation" label={t("hazards.plan.organisation")} rules={[required]}>
                <Input.TextArea autoSize={{ minRows: 1 }} />
              </Form.Item>
            )}
            <Form.Item name="deadline" label={t("hazards.plan.deadline")} rules={[{ required: true, message: t("hazards.plan.required") }]}>
              {/* 16号令: the deadline must lie ahead (the server refuses today or earlier). */}
              <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.format("YYYY-MM-DD") <= today} />
            </Form.Item>
            {major && (
              <Form.Item name="requirements" label={t("hazards.plan.requirements")}>
                <Input.TextArea autoSize={{ minRows: 1 }} />
              </Form.Item>
            )}
            <Form.Item name="contingency" label={t("hazards.plan.contingency")} rules={major ? [required] : []}>
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
            {major && (
              <Form.Item
                name="suspension"
                label={t("hazards.plan.suspension")}
                rules={[{ required: true, message: t("hazards.plan.required") }]}
              >
                <Radio.Group optionType="button" options={suspensionKinds.map((s) => ({ value: s, label: label("suspension", s) }))} />
              </Form.Item>
            )}
          </>
        )}
        {(action === "submit" || action === "fix_on_spot") && (
          <>
            {action === "fix_on_spot" && <Typography.Paragraph type="secondary">{t("hazards.beforeAfterHint")}</Typography.Paragraph>}
            <Form.Item
              name="rectification"
              label={t("hazards.rectificationLabel")}
              rules={[{ ...required, message: t("hazards.rectificationRequired") }]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
            <Form.Item
              name="photos"
              label={t("hazards.afterPhotos")}
              rules={[
                {
                  validator: (_, v?: PhotoUpload[]) =>
                    v?.length ? Promise.resolve() : Promise.reject(new Error(t("hazards.photoRequired"))),
                },
              ]}
            >
              <HazardPhotosInput id="hazard-after-photo-input" />
            </Form.Item>
          </>
        )}
        {action === "accept" && (
          <Form.Item name="note" label={t("hazards.note")}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
        {(action === "reject" || action === "void") && (
          <Form.Item name="reason" label={t("hazards.reason")} rules={[{ ...required, message: t("hazards.reasonRequired") }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error.message} />}
      </Form>
    </Modal>
  );
}
