import { PassThrough, type Readable } from "node:stream";
import { shanghaiDay } from "../../../domain/common/calendar.js";
import type { HazardListQuery } from "../../../domain/hazards/hazard.dto.js";
import type { HazardLevel, HazardSource, HazardState } from "../../../domain/hazards/hazard.js";
import { type Ctx, systemContext } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";
import { loadExcel } from "../../kernel/files/excel.js";
import { AppError } from "../../kernel/http/errors.js";
import { type Lang, type Message, pick } from "../../kernel/i18n/i18n.js";
import { enterpriseFacts } from "../enterprises/enterprises.service.js";
import "./exposure.messages.js";
import { daysOverdueOf } from "./hazards.exposure.js";
import { hazardScope } from "./hazards.policy.js";
import * as hazardsRepo from "./hazards.repo.js";

// Issue §7: the filtered hazard register as .xlsx — the same filters and scope as GET /api/hazards.

export { xlsxType } from "../../kernel/files/excel.js";
/** More rows than this must be narrowed down first (a sheet people can still open; bounded work on PGlite). */
export const hazardExportCap = 20_000;
const batchSize = 500;

const levelLabels: Record<HazardLevel, Message> = {
  general: { zh: "一般隐患", en: "General" },
  major: { zh: "重大隐患", en: "Major" },
};
const stateLabels: Record<HazardState, Message> = {
  reported: { zh: "已上报", en: "Reported" },
  rectifying: { zh: "整改中", en: "Rectifying" },
  overdue: { zh: "已逾期", en: "Overdue" },
  awaiting_acceptance: { zh: "待验收", en: "Awaiting acceptance" },
  accepted: { zh: "已销号", en: "Accepted" },
  voided: { zh: "已作废", en: "Voided" },
};
const sourceLabels: Record<HazardSource, Message> = {
  self_check: { zh: "企业自查", en: "Self-check" },
  check_task: { zh: "排查任务", en: "Check task" },
  grid_patrol: { zh: "网格巡查", en: "Grid patrol" },
  regulator_inspection: { zh: "监管检查", en: "Regulator inspection" },
  tip_off: { zh: "举报", en: "Tip-off" },
  sensor: { zh: "监测报警", en: "Sensor alarm" },
  other: { zh: "其他", en: "Other" },
};
const categoryLabels: Record<string, Message> = {
  basic_management: { zh: "基础管理类", en: "Basic management" },
  site_management: { zh: "现场管理类", en: "Site management" },
};

type Row = Awaited<ReturnType<typeof hazardsRepo.listHazards>>["items"][number];
type Column = { header: Message; key: string; width: number; value: (h: Row, enterprise: string, day: string, lang: Lang) => unknown };

/** Shanghai wall-clock time of an instant, as people read it in the sheet. */
const shanghaiTime = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ") : "");

export const hazardColumns: Column[] = [
  { header: { zh: "隐患描述", en: "Description" }, key: "description", width: 48, value: (h) => h.description },
  { header: { zh: "企业名称", en: "Enterprise" }, key: "enterprise", width: 32, value: (_, e) => e },
  { header: { zh: "区划代码", en: "Region code" }, key: "regionCode", width: 14, value: (h) => h.regionCode },
  { header: { zh: "位置", en: "Location" }, key: "location", width: 24, value: (h) => h.location },
  { header: { zh: "等级", en: "Grade" }, key: "level", width: 10, value: (h, _, __, l) => pick(levelLabels[h.level as HazardLevel], l) },
  { header: { zh: "状态", en: "Status" }, key: "state", width: 10, value: (h, _, __, l) => pick(stateLabels[h.status as HazardState], l) },
  {
    header: { zh: "来源", en: "Source" },
    key: "source",
    width: 10,
    value: (h, _, __, l) => pick(sourceLabels[h.source as HazardSource], l),
  },
  {
    header: { zh: "类别", en: "Category" },
    key: "category",
    width: 12,
    value: (h, _, __, l) => (categoryLabels[h.category] ? pick(categoryLabels[h.category] as Message, l) : h.category),
  },
  { header: { zh: "判定依据", en: "Criterion" }, key: "criterionRef", width: 28, value: (h) => h.criterionRef ?? "" },
  { header: { zh: "整改时限", en: "Deadline" }, key: "deadline", width: 12, value: (h) => h.deadline ?? "" },
  // R12: o = today − D (Asia/Shanghai), to the closing day for a closed hazard.
  { header: { zh: "逾期天数", en: "Days overdue" }, key: "daysOverdue", width: 10, value: (h, _, day) => daysOverdueOf(h, day) },
  { header: { zh: "发现人", en: "Found by" }, key: "foundBy", width: 12, value: (h) => h.foundByName },
  { header: { zh: "上报时间", en: "Reported at" }, key: "reportedAt", width: 18, value: (h) => shanghaiTime(h.reportedAt) },
  { header: { zh: "销号/关闭时间", en: "Closed at" }, key: "closedAt", width: 18, value: (h) => shanghaiTime(h.closedAt) },
];

/**
 * The hazards matching `q` in the caller's scope, as a streamed workbook. The count is checked first, so an
 * over-large request is a 400 before any byte is sent; rows are then read 500 at a time (PGlite yields between
 * batches). Enterprise names come from the enterprises service, batched.
 */
export async function hazardsWorkbook(
  db: Db,
  ctx: Ctx,
  q: Omit<HazardListQuery, "page" | "pageSize">,
  lang: Lang,
  acceptable?: ReturnType<typeof hazardsRepo.acceptableBySql>,
): Promise<Readable> {
  const day = shanghaiDay(ctx.now);
  const scope = hazardScope(ctx.actor);
  const first = await hazardsRepo.listHazards(db, scope, { ...q, page: 1, pageSize: batchSize }, day, acceptable, hazardExportCap);
  if (first.capped) throw new AppError(400, "hazards.export_too_many", { params: { max: hazardExportCap } });
  const system = systemContext(ctx, "hazards-export");
  const out = new PassThrough();
  (async () => {
    const Excel = await loadExcel();
    const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet(lang === "en" ? "Hazards" : "隐患清单");
    sheet.columns = hazardColumns.map((c) => ({ header: pick(c.header, lang), key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    let batch = first;
    for (let page = 1; ; ) {
      const names = await enterpriseFacts(
        db,
        system,
        batch.items.map((h) => h.enterpriseId),
      );
      for (const h of batch.items) {
        const row: Record<string, unknown> = {};
        for (const c of hazardColumns) row[c.key] = c.value(h, names.get(h.enterpriseId)?.name ?? "", day, lang);
        sheet.addRow(row).commit();
      }
      if (page * batchSize >= batch.total || batch.items.length === 0) break;
      page++;
      batch = await hazardsRepo.listHazards(db, scope, { ...q, page, pageSize: batchSize }, day, acceptable, hazardExportCap);
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
