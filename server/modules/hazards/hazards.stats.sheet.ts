import { shanghaiDay } from "../../../domain/common/calendar.js";
import type { Enterprise } from "../../../domain/enterprise/enterprise.dto.js";
import type { HazardReportPeriod, ReportFigures } from "../../../domain/hazards/stats.dto.js";
import type { ReportPeriod, ReportStatus } from "../../../domain/hazards/stats.js";
import { loadExcel } from "../../kernel/files/excel.js";

export { xlsxType } from "../../kernel/files/excel.js";

const quarterNames = ["一", "二", "三", "四"];
const periodTitle = (p: ReportPeriod) =>
  p.kind === "annual" ? `${p.code}年度` : `${p.code.slice(0, 4)}年第${quarterNames[Number(p.code.slice(5)) - 1]}季度`;
const stateNames: Record<string, string> = { reported: "已上报", rectifying: "整改中", overdue: "已逾期", awaiting_acceptance: "待验收" };
const statusNames: Record<ReportStatus, string> = {
  not_due: "统计期未结束",
  due: "待报送",
  submitted_on_time: "已按期报送",
  submitted_late: "已逾期报送",
  missing: "逾期未报送",
};

type Input = {
  enterprise: Pick<Enterprise, "name" | "uscc" | "regionPath" | "industryName" | "principalName">;
  period: ReportPeriod;
  /** The day the open figures describe. */
  endDay: string;
  figures: ReportFigures;
  submission: HazardReportPeriod["submission"];
  status: ReportStatus;
};

/**
 * 隐患排查治理统计表 (16号令 Art. 14 ¶1, R4): the enterprise, the period and its due day, counts by grade (found,
 * rectified on time and late, open, overdue), rates, open hazards with plans, funds, the open 重大 hazards with
 * their plans, and the line the principal (主要负责人) signs. One A4-wide sheet, Chinese.
 */
export async function reportWorkbook({ enterprise, period, endDay, figures, submission, status }: Input): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = "Redline";
  const sheet = workbook.addWorksheet("隐患排查治理统计表", { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true } });
  sheet.columns = [{ width: 30 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 16 }, { width: 14 }, { width: 12 }];
  const bold = { bold: true };
  const thin = { style: "thin" as const };
  const box = { top: thin, left: thin, bottom: thin, right: thin };

  sheet.mergeCells("A1:G1");
  sheet.getCell("A1").value = "生产经营单位事故隐患排查治理统计表";
  sheet.getCell("A1").font = { bold: true, size: 16 };
  sheet.getCell("A1").alignment = { horizontal: "center" };
  sheet.mergeCells("A2:G2");
  sheet.getCell("A2").value = `（${periodTitle(period)}）`;
  sheet.getCell("A2").alignment = { horizontal: "center" };

  const info: [string, string, string, string][] = [
    ["单位名称", enterprise.name, "统一社会信用代码", enterprise.uscc],
    ["所在区域", enterprise.regionPath ?? "", "所属行业", enterprise.industryName ?? ""],
    ["统计期", `${period.from} 至 ${period.to}`, "报送期限", `${period.dueOn}前`],
    ["期末数据截至", endDay, "报送状态", statusNames[status]],
  ];
  for (const [a, b, c, d] of info) {
    const row = sheet.addRow([a, b, "", c, d]);
    sheet.mergeCells(`B${row.number}:C${row.number}`);
    sheet.mergeCells(`E${row.number}:G${row.number}`);
    row.getCell(1).font = bold;
    row.getCell(4).font = bold;
  }
  sheet.addRow([]);

  const header = sheet.addRow(["项目", "一般事故隐患", "重大事故隐患", "合计"]);
  header.font = bold;
  const { general: g, major: m, total: t } = figures;
  const pct = (v: number | null) => (v === null ? "—" : v / 100);
  const lines: [string, (f: typeof t) => number | string][] = [
    ["本期排查发现隐患（项）", (f) => f.found],
    ["本期整改销号（项）", (f) => f.rectified],
    ["  其中：按期整改（项）", (f) => f.onTime],
    ["  其中：逾期整改（项）", (f) => f.late],
    ["本期发现且已销号（项）", (f) => f.foundClosed],
    ["期末未销号（项）", (f) => f.open],
    ["  其中：逾期未整改（项）", (f) => f.overdue],
    ["整改率（本期发现且已销号 ÷ 本期发现）", (f) => pct(f.rectificationRate)],
    ["按期整改率（按期整改 ÷ 整改销号）", (f) => pct(f.onTimeRate)],
  ];
  const table = [header];
  for (const [label, pick] of lines) {
    const row = sheet.addRow([label, pick(g), pick(m), pick(t)]);
    for (const c of [2, 3, 4]) if (typeof row.getCell(c).value === "number" && label.includes("率")) row.getCell(c).numFmt = "0.0%";
    table.push(row);
  }
  for (const row of table) for (const c of [1, 2, 3, 4]) row.getCell(c).border = box;
  sheet.addRow([]);

  const more: [string, string | number][] = [
    ["期末未销号隐患中已落实整改方案（项）", figures.openWithPlan],
    ["本期销号隐患整改资金（元）", figures.fundsRectified],
    ["在治隐患计划整改资金（元）", figures.fundsOpen],
    ["隐患清零（期末无未销号隐患）", t.cleared ? "是" : "否"],
  ];
  for (const [label, value] of more) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).border = box;
    row.getCell(2).border = box;
  }
  sheet.addRow([]);

  sheet.addRow([`期末未销号重大事故隐患（${figures.openMajorHazards.length} 项）`]).font = bold;
  if (figures.openMajorHazards.length) {
    const h = sheet.addRow(["隐患描述", "发现日期", "整改时限", "责任人", "计划资金（元）", "状态"]);
    h.font = bold;
    for (const x of figures.openMajorHazards) {
      const row = sheet.addRow([
        x.description,
        x.reportedOn,
        x.deadline ?? "—",
        x.responsibleName ?? "—",
        x.funds ?? "—",
        stateNames[x.state] ?? x.state,
      ]);
      row.getCell(1).alignment = { wrapText: true, vertical: "top" };
    }
  } else sheet.addRow(["无"]);
  sheet.addRow([]);

  sheet.addRow([
    `主要负责人（签字）：${submission ? submission.principalName : "____________"}`,
    "",
    "",
    "填报日期：",
    submission ? shanghaiDay(new Date(submission.submittedAt)) : "",
  ]);
  if (submission) {
    sheet.addRow([
      `已于 ${shanghaiDay(new Date(submission.submittedAt))} 由 ${submission.submittedByName} 报送（${submission.onTime ? "按期" : "逾期"}），报送后数据已固定。`,
    ]);
  }
  const basis = sheet.addRow(["依据：《安全生产事故隐患排查治理暂行规定》（国家安全生产监督管理总局令第16号）第十四条"]);
  basis.font = { italic: true, size: 9 };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
