import { CheckCircleFilled, CloseCircleOutlined } from "@ant-design/icons";
import { Flex, Typography } from "antd";
import { checkPassword, passwordMinLength } from "../../../../domain/auth/password-policy.js";
import { useT } from "../../i18n/i18n-context.js";

/** Live feedback against the shared password policy (length and character classes). */
export function PasswordChecklist({ password }: { password: string }) {
  const t = useT();
  const check = checkPassword(password);
  const rules = [
    { ok: check.length, text: t("password.ruleLength", { min: passwordMinLength }) },
    { ok: check.classes >= 3, text: t("password.ruleClasses", { count: check.classes }) },
  ];
  return (
    <Flex vertical gap={2} aria-live="polite" data-testid="password-checklist" style={{ marginBottom: 16 }}>
      {rules.map((r) => (
        <Typography.Text key={r.text} type={r.ok ? "success" : "secondary"} style={{ fontSize: 13 }}>
          {r.ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {r.text}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** antd Form rule: the shared policy, so the form blocks what the server would reject. */
export function passwordPolicyRule(message: string) {
  return {
    validator: (_: unknown, value: string | undefined) =>
      !value || checkPassword(value).ok ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}
