import { SafetyCertificateFilled } from "@ant-design/icons";
import { Flex, Space, Typography, theme } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useT } from "../i18n/i18n-context.js";
import { LanguageSwitch } from "../i18n/language-switch.js";

type PublicFrameProps = {
  /** The page title, with its intro below; a page that titles itself once loaded leaves both out. */
  title?: ReactNode;
  intro?: ReactNode;
  /** Links shown before the language switch, e.g. back to an index. */
  links?: ReactNode;
  /** Content width: card lists stay narrow for phones, the draw tables need more. */
  width?: 960 | 1100;
  children: ReactNode;
};

/**
 * The frame of every page shown without sign-in (exposure, penalties, draws): the logo and name, the language
 * switch and the staff sign-in link, and a centred content column.
 */
export function PublicFrame({ title, intro, links, width = 960, children }: PublicFrameProps) {
  const t = useT();
  const { token } = theme.useToken();
  return (
    <Flex vertical style={{ minHeight: "100vh", background: token.colorBgLayout }}>
      <Flex
        justify="space-between"
        align="center"
        wrap
        gap={8}
        style={{ padding: "12px 16px", background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}
      >
        <Space>
          <SafetyCertificateFilled style={{ fontSize: 22, color: token.colorError }} aria-hidden />
          <Typography.Text strong>{t("app.name")}</Typography.Text>
        </Space>
        <Space wrap>
          {links}
          <LanguageSwitch />
          <Link to="/login">{t("public.signIn")}</Link>
        </Space>
      </Flex>
      <main style={{ width: "100%", maxWidth: width, margin: "0 auto", padding: 16, boxSizing: "border-box" }}>
        {title && (
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
        )}
        {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
        {children}
      </main>
    </Flex>
  );
}
