import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import type { ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useT } from "../../i18n/i18n-context.js";
import { type GridAssignment, gridApi } from "./grid-api.js";
import { GridMemberSelect } from "./grid-member-select.js";

const dutiesMax = 1000;

function useDutiesRules() {
  const t = useT();
  return [
    { required: true, whitespace: true, message: t("grid.dutiesRequired") },
    { max: dutiesMax, message: t("grid.dutiesTooLong", { max: dutiesMax }) },
  ];
}

function FormButtons({
  onClose,
  submitting,
  submitId,
  label,
}: {
  onClose: () => void;
  submitting: boolean;
  submitId: string;
  label: string;
}) {
  const t = useT();
  return (
    <Form.Item style={{ marginBottom: 0 }}>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onClose} disabled={false}>
          {t("common.cancel")}
        </Button>
        <Button id={submitId} type="primary" htmlType="submit" loading={submitting}>
          {label}
        </Button>
      </Flex>
    </Form.Item>
  );
}

type AssignProps = {
  /** The node to assign to; the modal is open while set. */
  node?: { code: string; name: string };
  onClose: () => void;
  onAssigned: (a: GridAssignment) => void;
};

/** Puts a grid member on a township or village with its duties (administrators and regulator leaders). */
export function AssignMemberModal({ node, onClose, onAssigned }: AssignProps) {
  const t = useT();
  return (
    <Modal open={!!node} title={t("grid.assignTitle", { name: node?.name ?? "" })} onCancel={onClose} footer={null} destroyOnHidden>
      {node && <AssignForm node={node} onClose={onClose} onAssigned={onAssigned} />}
    </Modal>
  );
}

function AssignForm({ node, onClose, onAssigned }: AssignProps & { node: { code: string; name: string } }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userId: string; duties: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const dutiesRules = useDutiesRules();

  const onFinish = async (v: { userId: string; duties: string }) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const assigned = await gridApi.assign({ userId: v.userId, regionCode: node.code, duties: v.duties.trim() });
      message.success(t("grid.assigned"));
      onAssigned(assigned);
    } catch (err) {
      setSubmitting(false);
      // No version here: a conflict (the member already holds the node) lands on the member field.
      handleSaveError(err, { form, fieldNames: ["userId", "duties"], onStale: onClose, onOther: setError, notify: message.error });
    }
  };

  return (
    <Form form={form} name="gridAssign" layout="vertical" onFinish={onFinish} disabled={submitting}>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="userId"
        label={t("grid.member")}
        rules={[{ required: true, message: t("grid.memberRequired") }]}
        extra={t("grid.memberHelp")}
      >
        <GridMemberSelect nodeCode={node.code} />
      </Form.Item>
      <Form.Item name="duties" label={t("grid.duties")} rules={dutiesRules}>
        <Input.TextArea rows={4} maxLength={dutiesMax} showCount placeholder={t("grid.dutiesPlaceholder")} />
      </Form.Item>
      <FormButtons onClose={onClose} submitting={submitting} submitId="grid-assign-submit" label={t("grid.assign")} />
    </Form>
  );
}

type EditProps = {
  /** The assignment whose duties are edited; the modal is open while set. */
  assignment?: GridAssignment;
  onClose: () => void;
  onSaved: (a: GridAssignment) => void;
  /** The assignment changed under us (409 conflict.stale_version): the node must be reloaded. */
  onStale: () => void;
};

/** Changes an assignment's duties, sending the version it was read at. */
export function EditDutiesModal({ assignment, onClose, onSaved, onStale }: EditProps) {
  const t = useT();
  return (
    <Modal
      open={!!assignment}
      title={t("grid.editTitle", { name: assignment?.displayName ?? "" })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {assignment && (
        <EditForm
          key={`${assignment.id}:${assignment.version}`}
          assignment={assignment}
          onClose={onClose}
          onSaved={onSaved}
          onStale={onStale}
        />
      )}
    </Modal>
  );
}

function EditForm({ assignment, onClose, onSaved, onStale }: EditProps & { assignment: GridAssignment }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ duties: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const dutiesRules = useDutiesRules();

  const onFinish = async (v: { duties: string }) => {
    const duties = v.duties.trim();
    if (duties === assignment.duties) {
      message.info(t("grid.unchanged"));
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const saved = await gridApi.updateDuties(assignment.id, { version: assignment.version, duties });
      message.success(t("grid.saved"));
      onSaved(saved);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, { form, fieldNames: ["duties"], onStale, onOther: setError, notify: message.error });
    }
  };

  return (
    <Form
      form={form}
      name="gridDuties"
      layout="vertical"
      onFinish={onFinish}
      disabled={submitting}
      initialValues={{ duties: assignment.duties }}
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form.Item name="duties" label={t("grid.duties")} rules={dutiesRules}>
        <Input.TextArea rows={5} maxLength={dutiesMax} showCount />
      </Form.Item>
      <FormButtons onClose={onClose} submitting={submitting} submitId="grid-duties-submit" label={t("common.save")} />
    </Form>
  );
}

type EndProps = {
  assignment?: GridAssignment;
  nodeName: string;
  onClose: () => void;
  onEnded: (a: GridAssignment) => void;
  onStale: () => void;
};

/** Ends an assignment (kept as history), with an optional reason for the audit trail. */
export function EndAssignmentModal({ assignment, nodeName, onClose, onEnded, onStale }: EndProps) {
  const t = useT();
  return (
    <Modal
      open={!!assignment}
      title={t("grid.endTitle", { name: assignment?.displayName ?? "", node: nodeName })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {assignment && (
        <EndForm
          key={`${assignment.id}:${assignment.version}`}
          assignment={assignment}
          onClose={onClose}
          onEnded={onEnded}
          onStale={onStale}
        />
      )}
    </Modal>
  );
}

function EndForm({ assignment, onClose, onEnded, onStale }: Omit<EndProps, "nodeName"> & { assignment: GridAssignment }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  const onFinish = async (v: { reason?: string }) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const reason = v.reason?.trim();
      const ended = await gridApi.end(assignment.id, { version: assignment.version, ...(reason ? { reason } : {}) });
      message.success(t("grid.ended"));
      onEnded(ended);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, { form, fieldNames: ["reason"], onStale, onOther: setError, notify: message.error });
    }
  };

  return (
    <Form form={form} name="gridEnd" layout="vertical" onFinish={onFinish} disabled={submitting}>
      <Typography.Paragraph type="secondary">{t("grid.endDesc")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form.Item name="reason" label={t("grid.endReason")} rules={[{ max: 500, message: t("enterprises.tooLong", { max: 500 }) }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <FormButtons onClose={onClose} submitting={submitting} submitId="grid-end-submit" label={t("grid.endSubmit")} />
    </Form>
  );
}
