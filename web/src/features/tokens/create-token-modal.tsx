import { Alert, DatePicker, Form, Input, Modal } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { type ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { useT } from "../../i18n/i18n-context.js";
import { UserSelect } from "../users/user-select.js";
import { type ApiTokenCreated, tokensApi } from "./tokens-api.js";

type Values = { userId: string; name: string; expiresAt?: Dayjs | null };

type CreateTokenModalProps = { open: boolean; onClose: () => void; onCreated: (created: ApiTokenCreated) => void };

export function CreateTokenModal({ open, onClose, onCreated }: CreateTokenModalProps) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const created = await tokensApi.create({
        userId: v.userId,
        name: v.name.trim(),
        // A date means "valid through that day" in local time.
        expiresAt: v.expiresAt ? v.expiresAt.endOf("day").toISOString() : null,
      });
      form.resetFields();
      onCreated(created);
    } catch (err) {
      const apiError = toApiError(err);
      if (!applyFieldErrors(form, apiError, ["userId", "name", "expiresAt"])) setError(apiError);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("tokens.create")}
      okText={t("tokens.create")}
      cancelText={t("common.cancel")}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        setError(undefined);
      }}
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={submitting}>
        <Form.Item name="userId" label={t("tokens.user")} rules={[{ required: true, message: t("tokens.userRequired") }]}>
          <UserSelect />
        </Form.Item>
        <Form.Item name="name" label={t("tokens.name")} rules={[{ required: true, whitespace: true, message: t("tokens.nameRequired") }]}>
          <Input name="name" maxLength={100} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t("tokens.expiresAt")} extra={t("tokens.expiresHelp")}>
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isBefore(dayjs(), "day")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
