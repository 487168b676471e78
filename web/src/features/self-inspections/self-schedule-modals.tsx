import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Radio, Select, Spin } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { roleHas } from "../../../../domain/access/permissions.js";
import { CheckFrequency } from "../../../../domain/checks/schedule.js";
import type { ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { EndWithReasonModal } from "../../components/end-with-reason-modal.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { useFrequencyLabel } from "../checks/check-labels.js";
import { UserSelect } from "../users/user-select.js";
import { type SelfSchedule, selfInspectionsApi } from "./self-inspections-api.js";

type AssigneeMode = "self" | "member" | "current" | "post";
type Values = {
  title: string;
  checklistId: string;
  frequency: CheckFrequency;
  assigneeMode: AssigneeMode;
  assigneeUserId?: string;
  assigneePost?: string;
  startsOn?: Dayjs;
};
const fieldNames = ["title", "checklistId", "frequency", "assigneeUserId", "assigneePost", "startsOn"] as const;

type Props = { schedule?: SelfSchedule; open: boolean; onClose: () => void; onSaved: (s: SelfSchedule) => void };

/** Adds a self-inspection schedule (a published checklist, a frequency, who does it, from when), or edits one. */
export function SelfScheduleModal(props: Props) {
  const t = useT();
  return (
    <Modal
      open={props.open}
      title={props.schedule ? t("selfInspections.edit") : t("selfInspections.create")}
      onCancel={props.onClose}
      footer={null}
      destroyOnHidden
      width={640}
    >
      {props.open && <SelfScheduleForm {...props} />}
    </Modal>
  );
}

/** Published checklists visible to the enterprise, searched on the server by name. */
function ChecklistSelect({
  id,
  value,
  onChange,
  current,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  current?: SelfSchedule;
}) {
  const t = useT();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const result = useApi((signal) => selfInspectionsApi.checklists(q, signal), [q]);
  const options = (result.data?.items ?? []).map((c) => ({
    value: c.id,
    label: `${c.name}（${t("selfInspections.checklistVersion", { version: c.publishedVersion })}）`,
  }));
  if (current?.checklistName && !options.some((o) => o.value === current.checklistId)) {
    options.unshift({ value: current.checklistId, label: current.checklistName });
  }
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t("selfInspections.checklistPlaceholder")}
      options={options}
      loading={result.loading}
      notFoundContent={result.loading ? <Spin size="small" /> : result.error ? result.error.message : t("common.empty")}
    />
  );
}

function SelfScheduleForm({ schedule, onClose, onSaved }: Props) {
  const t = useT();
  const me = useCurrentUser();
  const frequency = useFrequencyLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch("assigneeMode", form);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const canPickMember = roleHas(me.role, "users.read");
  const initialMode: AssigneeMode = schedule
    ? schedule.assigneeUserId
      ? schedule.assigneeUserId === me.id
        ? "self"
        : "current"
      : "post"
    : "self";

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(undefined);
    const assignee =
      v.assigneeMode === "post"
        ? { assigneeUserId: null, assigneePost: v.assigneePost?.trim() ?? "" }
        : v.assigneeMode === "self"
          ? { assigneeUserId: me.id, assigneePost: null }
          : v.assigneeMode === "member"
            ? { assigneeUserId: v.assigneeUserId ?? null, assigneePost: null }
            : {};
    try {
      const saved = schedule
        ? await selfInspectionsApi.update(schedule.id, {
            version: schedule.version,
            title: v.title.trim(),
            checklistId: v.checklistId,
            ...assignee,
          })
        : await selfInspectionsApi.create({
            title: v.title.trim(),
            checklistId: v.checklistId,
            frequency: v.frequency,
            ...assignee,
            startsOn: (v.startsOn ?? dayjs()).format("YYYY-MM-DD"),
          });
      message.success(schedule ? t("selfInspections.saved") : t("selfInspections.created"));
      onSaved(saved);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, { form, fieldNames: [...fieldNames], onStale: onClose, onOther: setError, notify: message.error });
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="self-schedule"
      onFinish={onFinish}
      initialValues={{
        title: schedule?.title ?? "",
        checklistId: schedule?.checklistId,
        frequency: schedule?.frequency ?? "daily",
        assigneeMode: initialMode,
        assigneePost: schedule?.assigneePost ?? "",
        startsOn: dayjs(),
      }}
    >
      <Form.Item
        name="title"
        label={t("selfInspections.titleField")}
        rules={[{ required: true, whitespace: true, min: 2, message: t("selfInspections.titleRequired") }, { max: 200 }]}
      >
        <Input placeholder={t("selfInspections.titlePlaceholder")} />
      </Form.Item>
      <Form.Item
        name="checklistId"
        label={t("selfInspections.checklist")}
        rules={[{ required: true, message: t("selfInspections.checklistRequired") }]}
      >
        <ChecklistSelect current={schedule} />
      </Form.Item>
      {/* The frequency is fixed for a schedule's life so its past counts stay true (as for check tasks). */}
      <Form.Item
        name="frequency"
        label={t("selfInspections.frequency")}
        rules={[{ required: true }]}
        extra={schedule ? t("selfInspections.frequencyFixed") : undefined}
      >
        <Select disabled={!!schedule} options={CheckFrequency.options.map((f) => ({ value: f, label: frequency(f) }))} />
      </Form.Item>
      <Form.Item name="assigneeMode" label={t("selfInspections.assignee")}>
        <Radio.Group
          options={[
            { value: "self", label: t("selfInspections.assigneeSelf") },
            ...(initialMode === "current"
              ? [{ value: "current", label: `${t("selfInspections.assigneeCurrent")}（${schedule?.assigneeName ?? ""}）` }]
              : []),
            ...(canPickMember ? [{ value: "member", label: t("selfInspections.assigneeMember") }] : []),
            { value: "post", label: t("selfInspections.assigneePost") },
          ]}
        />
      </Form.Item>
      {mode === "member" && (
        <Form.Item
          name="assigneeUserId"
          label={t("selfInspections.assigneeMember")}
          rules={[{ required: true, message: t("selfInspections.assigneeUserRequired") }]}
        >
          <UserSelect activeOnly />
        </Form.Item>
      )}
      {mode === "post" && (
        <Form.Item
          name="assigneePost"
          label={t("selfInspections.assigneePost")}
          rules={[{ required: true, whitespace: true, message: t("selfInspections.postRequired") }, { max: 100 }]}
        >
          <Input placeholder={t("selfInspections.postPlaceholder")} />
        </Form.Item>
      )}
      {!schedule && (
        <Form.Item name="startsOn" label={t("selfInspections.startsOn")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isBefore(dayjs(), "day")} />
        </Form.Item>
      )}
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onClose}>{t("common.cancel")}</Button>
        <Button id="self-schedule-submit" type="primary" htmlType="submit" loading={submitting}>
          {t("common.save")}
        </Button>
      </Flex>
    </Form>
  );
}

/** Stops a schedule from today with a reason; its inspections and counts stay. */
export function EndSelfScheduleModal({
  schedule,
  onClose,
  onEnded,
}: {
  schedule?: SelfSchedule;
  onClose: () => void;
  onEnded: (s: SelfSchedule) => void;
}) {
  const t = useT();
  return (
    <EndWithReasonModal
      open={!!schedule}
      formName="self-schedule-end"
      title={schedule ? t("selfInspections.endTitle", { title: schedule.title }) : ""}
      hint={t("selfInspections.endHint")}
      reasonLabel={t("selfInspections.endReason")}
      reasonRequired={t("selfInspections.endReasonRequired")}
      submitLabel={t("selfInspections.end")}
      successMessage={t("selfInspections.ended")}
      submit={(reason) => selfInspectionsApi.end((schedule as SelfSchedule).id, { version: (schedule as SelfSchedule).version, reason })}
      onClose={onClose}
      onEnded={onEnded}
    />
  );
}
