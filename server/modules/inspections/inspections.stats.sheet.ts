import { type InspectionKind, inspectionKinds } from "../../../domain/inspections/inspection.js";
import type { InspectionStats, InspectionStatsFigures } from "../../../domain/inspections/stats.dto.js";
import { type FigureColumn, figuresWorkbook } from "../../kernel/files/figures-sheet.js";
import type { Lang, Message } from "../../kernel/i18n/i18n.js";

// Issue 7 §7: the statistics table of GET /api/inspections/stats as .xlsx — one row per group and a totals row.

export { xlsxType } from "../../kernel/files/excel.js";

const kindLabels: Record<InspectionKind, Message> = {
  planned: { zh: "计划检查", en: "Planned" },
  double_random: { zh: "双随机抽查", en: "Double-random" },
  complaint: { zh: "投诉举报核查", en: "Complaint" },
  referral: { zh: "移送转办", en: "Referral" },
  accident: { zh: "事故后检查", en: "After an accident" },
  follow_up: { zh: "复查", en: "Follow-up" },
  self: { zh: "企业自查", en: "Self-inspection" },
  unannounced: { zh: "四不两直", en: "Unannounced" },
  cross_area: { zh: "交叉检查", en: "Cross-area" },
};

const columns: FigureColumn<InspectionStatsFigures>[] = [
  { header: { zh: "监督检查", en: "Inspections" }, width: 10, value: (f) => f.inspections },
  { header: { zh: "已完成", en: "Finished" }, width: 10, value: (f) => f.finished },
  ...inspectionKinds.map((k) => ({ header: kindLabels[k], width: 10, value: (f: InspectionStatsFigures) => f.byKind[k] })),
  { header: { zh: "覆盖企业", en: "Covered" }, width: 10, value: (f) => f.enterprisesCovered },
  { header: { zh: "在册企业", en: "Registered" }, width: 10, value: (f) => f.enterprises },
  { header: { zh: "企业覆盖率", en: "Coverage" }, width: 10, value: (f) => f.coverageRate, format: "percent" },
  { header: { zh: "计划应检", en: "Plan due" }, width: 10, value: (f) => f.planDue },
  { header: { zh: "计划已检", en: "Plan done" }, width: 10, value: (f) => f.planDone },
  { header: { zh: "计划完成率", en: "Plan completion" }, width: 10, value: (f) => f.planRate, format: "percent" },
  { header: { zh: "发现隐患", en: "Hazards found" }, width: 10, value: (f) => f.hazardsFound },
  { header: { zh: "每次检查发现隐患", en: "Per inspection" }, width: 12, value: (f) => f.hazardsPerInspection },
  { header: { zh: "发现重大隐患", en: "Major found" }, width: 12, value: (f) => f.majorFound },
  { header: { zh: "双随机已检", en: "Double-random done" }, width: 12, value: (f) => f.doubleRandomDone },
];

/** One sheet: the scope and period, the header, a row per group, the totals, and the double-random figures. */
export function inspectionStatsWorkbook(stats: InspectionStats, lang: Lang): Promise<Buffer> {
  const zh = lang !== "en";
  const unnamed = stats.groupBy === "department" ? (zh ? "未指定部门" : "No department") : zh ? "未登记" : "Not recorded";
  return figuresWorkbook(
    {
      sheetName: { zh: "监督检查统计", en: "Inspection statistics" },
      title: { zh: "监督检查统计表", en: "Inspection statistics" },
      scope: stats,
      columns,
      rows: stats.groups.map((g) => ({ name: g.label ?? g.key ?? unnamed, figures: g })),
      totals: stats.totals,
      after: (sheet) => {
        sheet.addRow([]);
        const d = stats.doubleRandom;
        sheet.addRow([zh ? "双随机抽查" : "Double-random checks"]).font = { bold: true };
        sheet.addRow([zh ? "统计期内实施抽取" : "Draws executed", d.draws]);
        sheet.addRow([zh ? "抽中企业" : "Enterprises drawn", d.drawn]);
        sheet.addRow([zh ? "已检查" : "Inspected", d.inspected]);
        const rate = sheet.addRow([zh ? "抽查完成率" : "Share inspected", d.inspectedRate ?? "—"]);
        if (typeof d.inspectedRate === "number") rate.getCell(2).numFmt = "0.0%";
        sheet.addRow([zh ? "按期公示" : "Published on time", d.publishedOnTime ?? (zh ? "暂未记录公示日期" : "not recorded yet")]);
      },
    },
    lang,
  );
}
