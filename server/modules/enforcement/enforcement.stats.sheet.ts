import type { CaseStats, CaseStatsFigures } from "../../../domain/enforcement/stats.dto.js";
import { loadExcel } from "../../kernel/files/excel.js";
import { type Lang, type Message, pick } from "../../kernel/i18n/i18n.js";

// Issue 8 §6: the table of GET /api/cases/stats as .xlsx — one row per group and a totals row, amounts in yuan.

export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Column = { header: Message; width: number; value: (f: CaseStatsFigures) => number | null; money?: boolean };
const columns: Column[] = [
  { header: { zh: "发现违法行为的检查", en: "Inspections with violations" }, width: 12, value: (f) => f.inspectionsWithViolations },
  { header: { zh: "立案登记", en: "Cases opened" }, width: 10, value: (f) => f.casesOpened },
  { header: { zh: "责令限期整改", en: "Orders issued" }, width: 10, value: (f) => f.ordersIssued },
  { header: { zh: "复查已整改", en: "Rectified" }, width: 10, value: (f) => f.rectified },
  { header: { zh: "复查未整改", en: "Not rectified" }, width: 10, value: (f) => f.notRectified },
  { header: { zh: "行政处罚决定", en: "Penalty decisions" }, width: 10, value: (f) => f.penalties },
  { header: { zh: "罚款决定", en: "Fines" }, width: 10, value: (f) => f.fined },
  { header: { zh: "罚款总额（元）", en: "Fines total (yuan)" }, width: 14, value: (f) => f.fineTotal, money: true },
  { header: { zh: "平均罚款（元）", en: "Average fine (yuan)" }, width: 14, value: (f) => f.fineAverage, money: true },
  { header: { zh: "按日连续处罚", en: "Daily fines" }, width: 10, value: (f) => f.dailyFines },
  { header: { zh: "按日连续处罚金额（元）", en: "Daily fines total (yuan)" }, width: 14, value: (f) => f.dailyFineTotal, money: true },
  { header: { zh: "停产停业整顿", en: "Suspensions" }, width: 10, value: (f) => f.suspensions },
  { header: { zh: "结案", en: "Cases closed" }, width: 10, value: (f) => f.casesClosed },
  { header: { zh: "按期办结", en: "Closed within the deadline" }, width: 10, value: (f) => f.closedWithinDeadline },
];

/** One sheet: title, scope and period, the header (the 五个一批 tags last), a row per group, the totals. */
export async function caseStatsWorkbook(stats: CaseStats, lang: Lang): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = "Redline";
  const zh = lang !== "en";
  const sheet = workbook.addWorksheet(zh ? "执法统计" : "Enforcement statistics", {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true },
  });
  const all: Column[] = [
    ...columns,
    // R8: the deployment's labels are Chinese (五个一批); they stand as configured in both languages.
    ...stats.tags.map((t) => ({
      header: { zh: t.label, en: t.label },
      width: 12,
      value: (f: CaseStatsFigures) => f.fiveBatch[t.key] ?? 0,
    })),
  ];
  sheet.columns = [{ width: 24 }, ...all.map((c) => ({ width: c.width }))];
  sheet.addRow([zh ? "安全生产执法统计表" : "Work-safety enforcement statistics"]).font = { bold: true, size: 14 };
  const scope = [
    stats.region ? `${stats.region.name}（${stats.region.code}）` : zh ? "全部区域" : "All regions",
    stats.department?.name,
    `${stats.from} ~ ${stats.to}`,
  ].filter(Boolean);
  sheet.addRow([scope.join(" · ")]);
  sheet.addRow([]);
  const header = sheet.addRow([zh ? "名称" : "Name", ...all.map((c) => pick(c.header, lang))]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  const addFigures = (name: string, f: CaseStatsFigures) => {
    const row = sheet.addRow([name, ...all.map((c) => c.value(f) ?? "—")]);
    all.forEach((c, i) => {
      if (c.money && typeof row.getCell(i + 2).value === "number") row.getCell(i + 2).numFmt = "#,##0.00";
    });
    return row;
  };
  for (const g of stats.groups) addFigures(g.label ?? g.key ?? (zh ? "未登记" : "Not recorded"), g);
  addFigures(zh ? "合计" : "Total", stats.totals).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
