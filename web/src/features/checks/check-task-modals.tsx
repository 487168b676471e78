import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Radio, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { roleHas } from "../../../../domain/access/permissions.js";
import { CheckFrequency } from "../../../../domain/checks/schedule.js";
import { measureTypeLabels } from "../../../../domain/risk/accident-types.js";
import type { ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { EndWithReasonModal } from "../../components/end-with-reason-modal.js";
import { useLang, useT } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";
import { useCurrentUser } from "../auth/session-context.js";
import { UserSelect } from "../users/user-select.js";
import { useFrequencyLabel } from "./check-labels.js";
import { type CheckTask, checksApi, type RiskPoint } from "./checks-api.js";

type AssigneeMode = "self" | "member" | "current" | "post";
type Values = {
  measureId: string;
  content: string;
  method?: string;
  frequency: CheckFrequency;
  assigneeMode: AssigneeMode;
  assigneeUserId?: string;
  assigneePost?: string;
  startsOn?: Dayjs;
};
const fieldNames = ["measureId", "content", "method", "frequency", "assigneeUserId", "assigneePost", "startsOn"] as const;

type Props = {
  point: RiskPoint;
  /** The task to edit; a new task when absent. The modal is open while `open`. */
  task?: CheckTask;
  open: boolean;
  onClose: () => void;
  onSaved: (task: CheckTask) => void;
};

/** Turns one of the point's control measures into a recurring check task, or edits one (issue 5 §6). */
export function CheckTaskModal(props: Props) {
  const t = useT();
  return (
    <Modal
      open={props.open}
      title={props.task ? t("checks.editTask") : t("checks.createTask")}
      onCancel={props.onClose}
      footer={null}
      destroyOnHidden
      width={640}
    >
      {props.open && <CheckTaskForm {...props} />}
    </Modal>
  );
}

function CheckTaskForm({ point, task, onClose, onSaved }: Props) {
  const t = useT();
  const [lang] = useLang();
  const me = useCurrentUser();
  const frequency = useFrequencyLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch("assigneeMode", form);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  // The enterprise's administrator reads its accounts (users.read, scoped to the enterprise) and may pick one.
  const canPickMember = roleHas(me.role, "users.read");

  const measureOptions = point.events.map((e) => ({
    label: e.description,
    title: e.description,
    options: e.measures.map((m) => ({ value: m.id, label: `[${measureTypeLabels[m.type][labelKeyOf(lang)]}] ${m.description}` })),
  }));
  const initialMode: AssigneeMode = task ? (task.assigneeUserId ? (task.assigneeUserId === me.id ? "self" : "current") : "post") : "self";

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
      const saved = task
        ? await checksApi.update(task.id, {
            version: task.version,
            content: v.content.trim(),
            method: v.method?.trim() ? v.method.trim() : null,
            ...assignee,
          })
        : await checksApi.create(point.id, {
            measureId: v.measureId,
            content: v.content.trim(),
            method: v.method?.trim() ? v.method.trim() : null,
            frequency: v.frequency,
            ...assignee,
            startsOn: (v.startsOn ?? dayjs()).format("YYYY-MM-DD"),
          });
      message.success(task ? t("checks.taskSaved") : t("checks.taskCreated"));
      onSaved(saved);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, {
        form,
        fieldNames: [...fieldNames],
        onStale: onClose,
        onOther: setError,
        notify: message.error,
      });
    }
  };

  const hasMeasures = measureOptions.some((g) => g.options.length > 0);
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="check-task"
      onFinish={onFinish}
      initialValues={{
        measureId: task?.measureId,
        content: task?.content ?? "",
        method: task?.method ?? "",
        frequency: task?.frequency ?? "daily",
        assigneeMode: initialMode,
        assigneePost: task?.assigneePost ?? "",
        startsOn: dayjs(),
      }}
    >
      {!hasMeasures && <Alert type="warning" showIcon title={t("checks.noMeasures")} style={{ marginBottom: 12 }} />}
      <Form.Item name="measureId" label={t("checks.measure")} rules={[{ required: true, message: t("checks.measureRequired") }]}>
        <Select options={measureOptions} disabled={!!task} placeholder={t("checks.measurePlaceholder")} />
      </Form.Item>
      <Form.Item
        name="content"
        label={t("checks.content")}
        rules={[
          { required: true, whitespace: true, message: t("checks.contentRequired") },
          { min: 2, message: t("checks.contentRequired") },
          { max: 500 },
        ]}
      >
        <Input.TextArea id="check-task_content" rows={2} placeholder={t("checks.contentPlaceholder")} />
      </Form.Item>
      <Form.Item name="method" label={t("checks.method")} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} placeholder={t("checks.methodPlaceholder")} />
      </Form.Item>
      {/* A task keeps its frequency for life so its past counts stay true: stop it and add another to change it. */}
      <Form.Item
        name="frequency"
        label={t("checks.frequency")}
        rules={[{ required: true }]}
        extra={task ? t("checks.frequencyFixed") : undefined}
      >
        <Select disabled={!!task} options={CheckFrequency.options.map((f) => ({ value: f, label: frequency(f) }))} />
      </Form.Item>
      <Form.Item name="assigneeMode" label={t("checks.assignee")}>
        <Radio.Group
          options={[
            { value: "self", label: t("checks.assigneeSelf") },
            ...(initialMode === "current"
              ? [{ value: "current", label: t("checks.assigneeKeep", { name: task?.assigneeName ?? "" }) }]
              : []),
            ...(canPickMember ? [{ value: "member", label: t("checks.assigneeMember") }] : []),
            { value: "post", label: t("checks.assigneePost") },
          ]}
        />
      </Form.Item>
      {mode === "member" && (
        <Form.Item name="assigneeUserId" label={t("checks.member")} rules={[{ required: true, message: t("checks.memberRequired") }]}>
          <UserSelect activeOnly />
        </Form.Item>
      )}
      {mode === "post" && (
        <Form.Item
          name="assigneePost"
          label={t("checks.post")}
          rules={[{ required: true, whitespace: true, message: t("checks.postRequired") }, { max: 100 }]}
        >
          <Input placeholder={t("checks.postPlaceholder")} />
        </Form.Item>
      )}
      {!task && (
        <Form.Item name="startsOn" label={t("checks.startsOn")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
      )}
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onClose}>{t("common.cancel")}</Button>
        <Button id="check-task-submit" type="primary" htmlType="submit" loading={submitting} disabled={!hasMeasures}>
          {t("common.save")}
        </Button>
      </Flex>
    </Form>
  );
}

/** Stops a task from today with a reason; its records and counts stay. */
export function EndCheckTaskModal({
  task,
  onClose,
  onEnded,
}: {
  task?: CheckTask;
  onClose: () => void;
  onEnded: (task: CheckTask) => void;
}) {
  const t = useT();
  return (
    <EndWithReasonModal
      open={!!task}
      formName="check-task-end"
      title={task ? t("checks.endTitle", { content: task.content }) : ""}
      hint={t("checks.endDesc")}
      reasonLabel={t("checks.endReason")}
      reasonRequired={t("checks.endReasonRequired")}
      submitLabel={t("checks.endSubmit")}
      successMessage={t("checks.ended")}
      submit={(reason) => checksApi.end((task as CheckTask).id, { version: (task as CheckTask).version, reason })}
      onClose={onClose}
      onEnded={onEnded}
    />
  );
}
