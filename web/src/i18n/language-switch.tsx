import { GlobalOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import { useLang, useT } from "./i18n-context.js";
import type { Lang } from "./language.js";

const options: { lang: Lang; label: string; id: string }[] = [
  { lang: "zh-CN", label: "中文", id: "lang-zh" },
  { lang: "en-US", label: "English", id: "lang-en" },
];

/** 中文 / English toggle; each option is a plain button so it can be clicked by its text. */
export function LanguageSwitch({ size = "small", showIcon = true }: { size?: "small" | "middle"; showIcon?: boolean }) {
  const [lang, setLang] = useLang();
  const t = useT();
  return (
    <Space size={4} role="group" aria-label={t("lang.switch")}>
      {showIcon && <GlobalOutlined aria-hidden style={{ opacity: 0.65 }} />}
      <Space.Compact size={size}>
        {options.map((o) => (
          <Button
            key={o.lang}
            id={o.id}
            lang={o.lang}
            type={lang === o.lang ? "primary" : "default"}
            aria-pressed={lang === o.lang}
            onClick={() => setLang(o.lang)}
          >
            {o.label}
          </Button>
        ))}
      </Space.Compact>
    </Space>
  );
}
