import { LogoutOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Flex, Form, Input } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { type ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { PageHeader } from "../../components/page-header.js";
import { useT } from "../../i18n/i18n-context.js";
import { authApi } from "./auth-api.js";
import { PasswordChecklist, passwordPolicyRule } from "./password-checklist.js";
import { useCurrentUser, useSession } from "./session-context.js";

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

export function ChangePasswordPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { signIn, signOut } = useSession();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch("newPassword", form) ?? "";
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const forced = user.mustChangePassword;

  const onFinish = async ({ currentPassword, newPassword }: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const info = await authApi.changePassword({ currentPassword, newPassword });
      signIn(info);
      message.success(t("password.success"));
      form.resetFields();
      if (forced) navigate("/", { replace: true });
    } catch (err) {
      const apiError = toApiError(err);
      if (!applyFieldErrors(form, apiError, ["currentPassword", "newPassword"])) setError(apiError);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex vertical style={{ maxWidth: 520, margin: "0 auto" }}>
      <PageHeader title={t("password.title")} />
      <Card>
        {forced && <Alert type="info" showIcon title={t("password.forced")} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={onFinish} disabled={submitting}>
          <Form.Item
            name="currentPassword"
            label={t("password.current")}
            rules={[{ required: true, message: t("password.currentRequired") }]}
          >
            <Input.Password name="currentPassword" autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t("password.new")}
            rules={[{ required: true, message: t("password.newRequired") }, passwordPolicyRule(t("password.weak"))]}
            style={{ marginBottom: 8 }}
          >
            <Input.Password name="newPassword" autoComplete="new-password" />
          </Form.Item>
          <PasswordChecklist password={newPassword} />
          <Form.Item
            name="confirmPassword"
            label={t("password.confirm")}
            dependencies={["newPassword"]}
            rules={[
              { required: true, message: t("password.confirmRequired") },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error(t("password.mismatch"))),
              }),
            ]}
          >
            <Input.Password name="confirmPassword" autoComplete="new-password" />
          </Form.Item>
          <Flex gap={8} wrap>
            <Button id="change-password-submit" type="primary" htmlType="submit" loading={submitting}>
              {t("password.submit")}
            </Button>
            {forced && (
              <Button icon={<LogoutOutlined />} onClick={() => void signOut()} disabled={false}>
                {t("nav.signOut")}
              </Button>
            )}
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}
