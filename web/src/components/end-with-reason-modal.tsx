import { Alert, App, Button, Flex, Form, Input, Modal } from "antd";
import { useState } from "react";
import { type ApiError, toApiError } from "../api/client.js";
import { applyFieldErrors } from "../api/form-errors.js";
import { useT } from "../i18n/i18n-context.js";

/**
 * Ends a recurring record (a check task, a self-inspection schedule) from today with a reason: the server call is
 * the caller's; a stale version closes the modal with the server's message, a field error lands on the reason.
 */
export function EndWithReasonModal<T>({
  open,
  formName,
  title,
  hint,
  reasonLabel,
  reasonRequired,
  submitLabel,
  successMessage,
  submit,
  onClose,
  onEnded,
}: {
  open: boolean;
  formName: string;
  title: string;
  hint: string;
  reasonLabel: string;
  reasonRequired: string;
  submitLabel: string;
  successMessage: string;
  submit: (reason: string) => Promise<T>;
  onClose: () => void;
  onEnded: (ended: T) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} destroyOnHidden>
      {open && (
        <Form
          form={form}
          layout="vertical"
          name={formName}
          onFinish={async (v) => {
            setSubmitting(true);
            setError(undefined);
            try {
              const ended = await submit(v.reason.trim());
              message.success(successMessage);
              setSubmitting(false);
              onEnded(ended);
            } catch (err) {
              setSubmitting(false);
              const e = toApiError(err);
              if (e.code === "conflict.stale_version") {
                message.error(e.message);
                onClose();
              } else if (!applyFieldErrors(form, e, ["reason"])) setError(e);
            }
          }}
        >
          <Alert type="info" showIcon title={hint} style={{ marginBottom: 12 }} />
          <Form.Item
            name="reason"
            label={reasonLabel}
            rules={[{ required: true, whitespace: true, min: 2, message: reasonRequired }, { max: 500 }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
          <Flex gap={8} justify="flex-end">
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="primary" danger htmlType="submit" loading={submitting}>
              {submitLabel}
            </Button>
          </Flex>
        </Form>
      )}
    </Modal>
  );
}
