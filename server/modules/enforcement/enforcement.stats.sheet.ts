import type { CaseStats, CaseStatsFigures } from "../../../domain/enforcement/stats.dto.js";
import { type FigureColumn, figuresWorkbook } from "../../kernel/files/figures-sheet.js";
import type { Lang } from "../../kernel/i18n/i18n.js";

// Issue 8 §6: the table of GET /api/cases/stats as .xlsx — one row per group and a totals row, amounts in yuan.

export { xlsxType } from "../../kernel/files/excel.js";

const columns: FigureColumn<CaseStatsFigures>[] = [
  { header: { zh: "发现违法行为的检查", en: "Inspections with violations" }, width: 12, value: (f) => f.inspectionsWithViolations },
  { header: { zh: "立案登记", en: "Cases opened" }, width: 10, value: (f) => f.casesOpened },
  { header: { zh: "责令限期整改", en: "Orders issued" }, width: 10, value: (f) => f.ordersIssued },
  { header: { zh: "复查已整改", en: "Rectified" }, width: 10, value: (f) => f.rectified },
  { header: { zh: "复查未整改", en: "Not rectified" }, width: 10, value: (f) => f.notRectified },
  { header: { zh: "行政处罚决定", en: "Penalty decisions" }, width: 10, value: (f) => f.penalties },
  { header: { zh: "罚款决定", en: "Fines" }, width: 10, value: (f) => f.fined },
  { header: { zh: "罚款总额（元）", en: "Fines total (yuan)" }, width: 14, value: (f) => f.fineTotal, format: "money" },
  { header: { zh: "平均罚款（元）", en: "Average fine (yuan)" }, width: 14, value: (f) => f.fineAverage, format: "money" },
  { header: { zh: "按日连续处罚", en: "Daily fines" }, width: 10, value: (f) => f.dailyFines },
  { header: { zh: "按日连续处罚金额（元）", en: "Daily fines total (yuan)" }, width: 14, value: (f) => f.dailyFineTotal, format: "money" },
  { header: { zh: "停产停业整顿", en: "Suspensions" }, width: 10, value: (f) => f.suspensions },
  { header: { zh: "结案", en: "Cases closed" }, width: 10, value: (f) => f.casesClosed },
  { header: { zh: "按期办结", en: "Closed within the deadline" }, width: 10, value: (f) => f.closedWithinDeadline },
];

/** One sheet: title, scope and period, the header (the 五个一批 tags last), a row per group, the totals. */
export function caseStatsWorkbook(stats: CaseStats, lang: Lang): Promise<Buffer> {
  const zh = lang !== "en";
  return figuresWorkbook(
    {
      sheetName: { zh: "执法统计", en: "Enforcement statistics" },
      title: { zh: "安全生产执法统计表", en: "Work-safety enforcement statistics" },
      scope: stats,
      columns: [
        ...columns,
        // R8: the deployment's labels are Chinese (五个一批); they stand as configured in both languages.
        ...stats.tags.map((t) => ({
          header: { zh: t.label, en: t.label },
          width: 12,
          value: (f: CaseStatsFigures) => f.fiveBatch[t.key] ?? 0,
        })),
      ],
      rows: stats.groups.map((g) => ({ name: g.label ?? g.key ?? (zh ? "未登记" : "Not recorded"), figures: g })),
      totals: stats.totals,
    },
    lang,
  );
}
