import { LockOutlined, SafetyCertificateFilled, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from "antd";
import { useEffect, useState } from "react";
import { Link, Navigate, useSearchParams } from "react-router";
import type { LoginRequest } from "../../../../domain/auth/auth.dto.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { safeNextPath } from "../../app/guards.js";
import { PageLoading } from "../../components/page-state.js";
import { useLang, useT } from "../../i18n/i18n-context.js";
import { LanguageSwitch } from "../../i18n/language-switch.js";
import { authApi } from "./auth-api.js";
import { useSession } from "./session-context.js";

export function LoginPage() {
  const t = useT();
  const [lang] = useLang();
  const { token } = theme.useToken();
  const { state, signIn } = useSession();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginRequest>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const next = safeNextPath(params.get("next"));
  const expired = params.get("reason") === "expired";

  // The server localised the message for the old language; drop it rather than show mixed languages.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on language change only.
  useEffect(() => setError(undefined), [lang]);

  if (state.status === "loading") return <PageLoading fullPage />;
  if (state.status === "authenticated") return <Navigate to={next} replace />;

  const onFinish = async (values: LoginRequest) => {
    setSubmitting(true);
    setError(undefined);
    try {
      signIn(await authApi.login(values));
    } catch (err) {
      const apiError = toApiError(err);
      applyFieldErrors(form, apiError, ["username", "password"]);
      setError(apiError);
      setSubmitting(false);
    }
  };

  return (
    <Flex vertical style={{ minHeight: "100vh", background: token.colorBgLayout }}>
      <Flex justify="flex-end" style={{ padding: 16 }}>
        <LanguageSwitch />
      </Flex>
      <Flex vertical flex={1} align="center" justify="center" style={{ padding: "0 16px 64px" }}>
        <Card style={{ width: "100%", maxWidth: 400 }}>
          <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
            <SafetyCertificateFilled style={{ fontSize: 40, color: token.colorError }} aria-hidden />
            <Typography.Title level={2} style={{ margin: 0 }}>
              {t("app.name")}
            </Typography.Title>
            <Typography.Text type="secondary">{t("login.footer")}</Typography.Text>
          </Flex>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t("login.heading")}
          </Typography.Title>
          {error ? (
            <Alert type="error" showIcon title={error.message} data-testid="login-error" style={{ marginBottom: 16 }} />
          ) : (
            expired && <Alert type="warning" showIcon title={t("login.expired")} data-testid="login-expired" style={{ marginBottom: 16 }} />
          )}
          <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting}>
            <Form.Item
              name="username"
              label={t("login.username")}
              rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
            >
              <Input name="username" prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t("login.password")} rules={[{ required: true, message: t("login.passwordRequired") }]}>
              <Input.Password name="password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button id="login-submit" type="primary" htmlType="submit" size="large" block loading={submitting}>
              {t("login.submit")}
            </Button>
          </Form>
        </Card>
        <Flex gap={24} wrap justify="center" style={{ marginTop: 16 }}>
          <Link to="/public/exposure" id="login-public-exposure">
            {t("login.publicExposure")}
          </Link>
          <Link to="/public/random-draws" id="login-public-draws">
            {t("login.publicDraws")}
          </Link>
          <Link to="/public/penalties" id="login-public-penalties">
            {t("login.publicPenalties")}
          </Link>
        </Flex>
      </Flex>
    </Flex>
  );
}
