import { Tag } from "antd";
import { type CheckFrequency, checkFrequencyLabels } from "../../../../domain/checks/schedule.js";
import { useLang, useT } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";

export function useFrequencyLabel(): (f: CheckFrequency) => string {
  const [lang] = useLang();
  return (f) => checkFrequencyLabels[f][labelKeyOf(lang)];
}

export function CheckResultTag({ result }: { result: "pass" | "fail" }) {
  const t = useT();
  return result === "pass" ? <Tag color="success">{t("checks.pass")}</Tag> : <Tag color="error">{t("checks.fail")}</Tag>;
}

/** The period an occurrence covers: one day, or start – end. */
export function periodText(p: { start: string; end: string } | null): string {
  if (!p) return "—";
  return p.start === p.end ? p.start : `${p.start} ~ ${p.end}`;
}

/** done ÷ due as a percentage; "—" before anything was due. */
export function rateText(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`;
}
