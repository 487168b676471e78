import { Alert, App, Button, Flex, Form, Input, Modal } from "antd";
import { useState } from "react";
import { type ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useT } from "../../i18n/i18n-context.js";
import { type Enterprise, type EnterpriseAction, enterprisesApi } from "./enterprises-api.js";

type Values = { reason: string };

const reasonMin = 2;
const reasonMax = 500;

/** The status changes each status allows (the server's state machine; 关闭 is final). */
export const transitionsFrom: Record<Enterprise["status"], readonly EnterpriseAction[]> = {
  operating: ["suspend", "close"],
  suspended: ["resume", "close"],
  closed: [],
};

type EnterpriseTransitionModalProps = {
  enterprise: Enterprise;
  /** The change to make; the modal is open while set. */
  action?: EnterpriseAction;
  onClose: () => void;
  onDone: (enterprise: Enterprise) => void;
  /** The record changed under us (409 conflict.stale_version): it must be reloaded. */
  onStale: () => void;
};

/** 停产整顿 / 恢复生产 / 关闭 with the reason the history keeps, sending the version the page shows. */
export function EnterpriseTransitionModal({ enterprise, action, onClose, onDone, onStale }: EnterpriseTransitionModalProps) {
  const t = useT();
  return (
    <Modal
      open={!!action}
      title={action ? t(`enterprises.transition.${action}.title`, { name: enterprise.name }) : undefined}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {action && (
        <TransitionForm
          key={`${action}:${enterprise.version}`}
          enterprise={enterprise}
          action={action}
          onClose={onClose}
          onDone={onDone}
          onStale={onStale}
        />
      )}
    </Modal>
  );
}

function TransitionForm({ enterprise, action, onClose, onDone, onStale }: EnterpriseTransitionModalProps & { action: EnterpriseAction }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const updated = await enterprisesApi.transition(enterprise.id, { action, version: enterprise.version, reason: v.reason.trim() });
      message.success(t(`enterprises.transition.${action}.done`));
      onDone(updated);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, { form, fieldNames: ["reason"], onStale, onOther: setError, notify: message.error });
    }
  };

  return (
    <Form<Values> form={form} name="enterpriseTransition" layout="vertical" onFinish={onFinish} disabled={submitting}>
      <Alert
        type={action === "resume" ? "info" : "warning"}
        showIcon
        title={t(`enterprises.transition.${action}.desc`)}
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="reason"
        label={t("enterprises.transition.reason")}
        rules={[
          { required: true, whitespace: true, message: t("enterprises.transition.reasonRequired") },
          { min: reasonMin, max: reasonMax, message: t("enterprises.transition.reasonLength", { min: reasonMin, max: reasonMax }) },
        ]}
      >
        <Input.TextArea name="reason" rows={4} maxLength={reasonMax} showCount autoFocus />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose} disabled={false}>
            {t("common.cancel")}
          </Button>
          <Button id="enterprise-transition-submit" type="primary" danger={action !== "resume"} htmlType="submit" loading={submitting}>
            {t(`enterprises.transition.${action}`)}
          </Button>
        </Flex>
      </Form.Item>
    </Form>
  );
}
