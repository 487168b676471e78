import { App as AntdApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import type { ReactNode } from "react";
import { SessionProvider } from "../features/auth/session-context.js";
import { I18nProvider, useLang } from "../i18n/i18n-context.js";

function AntdProvider({ children }: { children: ReactNode }) {
  const [lang] = useLang();
  return (
    <ConfigProvider
      locale={lang === "en-US" ? enUS : zhCN}
      // Keep "登录" as typed: antd would otherwise render two-character Chinese labels as "登 录".
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: "#1f4fd8", colorError: "#d4380d" } }}
    >
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

/** Language → antd (locale, theme, message/modal context) → session. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <AntdProvider>
        <SessionProvider>{children}</SessionProvider>
      </AntdProvider>
    </I18nProvider>
  );
}
