import { parseReportPeriod, type ReportPeriod, recentReportPeriods } from "../../../../domain/hazards/stats.js";
import type { Translate } from "../../i18n/i18n-context.js";

const chineseNumerals = ["一", "二", "三", "四"];

/** "2026年第四季度" / "Q4 2026", "2026年度" / "Year 2026" (each language picks its placeholder). */
export function periodLabel(t: Translate, code: string): string {
  const p = parseReportPeriod(code);
  if (!p) return code;
  const year = code.slice(0, 4);
  if (p.kind === "annual") return t("hazardStats.periodYear", { year });
  const quarter = Number(code.slice(5));
  return t("hazardStats.periodQuarter", { year, quarter, quarterZh: chineseNumerals[quarter - 1] ?? quarter });
}

/** The periods the pages offer: this year first, then last year and the recent quarters. */
export function periodChoices(today: string): ReportPeriod[] {
  const recent = recentReportPeriods(today);
  return [...recent.filter((p) => p.kind === "annual"), ...recent.filter((p) => p.kind === "quarterly")];
}
