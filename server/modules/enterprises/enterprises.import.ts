import "./enterprises.messages.js";
import { and, eq, inArray } from "drizzle-orm";
import { EnterpriseCreate } from "../../../domain/enterprise/enterprise.dto.js";
import type { ImportReport } from "../../../domain/enterprise/enterprise-import.dto.js";
import { enterpriseColumns } from "../../../domain/enterprise/enterprise-sheet.js";
import { type AuditEvent, writeAuditBatch } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { loadExcel } from "../../kernel/files/excel.js";
import { notFound } from "../../kernel/http/errors.js";
import { localiseIssue } from "../../kernel/http/validation.js";
import { type Lang, type Message, pick, translate } from "../../kernel/i18n/i18n.js";
import { applyTransition, defineMachine } from "../../kernel/workflow/state-machine.js";
import { departmentResolver } from "../departments/departments.service.js";
import { findIndustries } from "../industries/industries.service.js";
import { findRegions } from "../regions/regions.service.js";
import { followMove } from "./enterprises.moves.js";
import { mayPlaceAt } from "./enterprises.policy.js";
import { enterpriseImportRows, enterpriseImports, enterprises } from "./enterprises.schema.js";
import type { SheetRow } from "./enterprises.sheet.js";

type Rejection = { row: number; column: string; message: Message };
type Valid = { rowNo: number; data: EnterpriseCreate; enterpriseId: string | null };

export const importMachine = defineMachine({
  name: "enterprise_import",
  states: ["validated", "committed"] as const,
  transitions: { commit: { from: ["validated"], to: "committed" } },
});
const importEntity = { zh: "导入批次", en: "Import" };
const headerOf = new Map(enterpriseColumns.map((c) => [c.key as string, c.header]));
const both = (code: string, params: Record<string, string | number> = {}): Message => ({
  zh: translate(code, "zh-CN", params),
  en: translate(code, "en", params),
});

/**
 * Validates an uploaded sheet row by row and stores the result: what would be created (new USCC),
 * updated (a USCC already registered in the caller's scope) and rejected (row, column, reason).
 * Look-ups are batched per distinct value, so 50,000 rows cost a handful of queries, not 50,000.
 */
export async function validateImport(db: Db, ctx: Ctx, fileName: string, sheet: AsyncIterable<SheetRow>): Promise<string> {
  const rejections: Rejection[] = [];
  const candidates: { rowNo: number; data: EnterpriseCreate }[] = [];
  let total = 0;
  for await (const row of sheet) {
    total++;
    const before = rejections.length;
    for (const e of row.errors) rejections.push({ row: row.rowNo, column: e.column, message: both(e.code) });
    const parsed = EnterpriseCreate.safeParse(row.values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "");
        if (row.errors.some((e) => e.column === headerOf.get(key))) continue; // already reported from the cell
        rejections.push({
          row: row.rowNo,
          column: headerOf.get(key) ?? key,
          message: { zh: localiseIssue(issue, "zh-CN"), en: localiseIssue(issue, "en") },
        });
      }
    }
    if (rejections.length === before && parsed.success) candidates.push({ rowNo: row.rowNo, data: parsed.data });
  }

  const regionInfo = new Map((await findRegions(db, [...new Set(candidates.map((c) => c.data.regionCode))])).map((r) => [r.code, r]));
  const industryCodes = new Set((await findIndustries(db, [...new Set(candidates.map((c) => c.data.industryCode))])).map((i) => i.code));
  const existing = new Map<string, { id: string; regionCode: string }>();
  const usccs = [...new Set(candidates.map((c) => c.data.uscc))];
  for (let i = 0; i < usccs.length; i += 1000) {
    const found = await db
      .select({ id: enterprises.id, uscc: enterprises.uscc, regionCode: enterprises.regionCode })
      .from(enterprises)
      .where(inArray(enterprises.uscc, usccs.slice(i, i + 1000)));
    for (const f of found) existing.set(f.uscc, f);
  }

  const firstRowOf = new Map<string, number>();
  const valid: Valid[] = [];
  for (const c of candidates) {
    const reject = (key: string, code: string, params: Record<string, string | number> = {}) =>
      rejections.push({ row: c.rowNo, column: headerOf.get(key) ?? key, message: both(code, params) });
    const before = rejections.length;
    const seen = firstRowOf.get(c.data.uscc);
    if (seen !== undefined) reject("uscc", "import.duplicate_in_file", { row: seen });
    else firstRowOf.set(c.data.uscc, c.rowNo);
    const region = regionInfo.get(c.data.regionCode);
    if (region?.level !== "village" || region.status !== "active") reject("regionCode", "enterprise.region_unknown");
    else if (!mayPlaceAt(ctx.actor, c.data.regionCode)) reject("regionCode", "enterprise.out_of_scope");
    if (!industryCodes.has(c.data.industryCode)) reject("industryCode", "enterprise.industry_unknown");
    if (c.data.subcategory && c.data.category !== "industry_trade") reject("subcategory", "enterprise.subcategory_only_industry_trade");
    const match = existing.get(c.data.uscc);
    if (match && !mayPlaceAt(ctx.actor, match.regionCode)) reject("uscc", "import.registered_elsewhere");
    if (rejections.length === before) valid.push({ rowNo: c.rowNo, data: c.data, enterpriseId: match?.id ?? null });
  }
  rejections.sort((a, b) => a.row - b.row);

  return withTx(db, async (tx) => {
    const [batch] = await tx
      .insert(enterpriseImports)
      .values({
        fileName,
        createdBy: ctx.actor?.userId ?? null,
        createdAt: ctx.now,
        total,
        toCreate: valid.filter((v) => !v.enterpriseId).length,
        toUpdate: valid.filter((v) => v.enterpriseId).length,
        rejected: new Set(rejections.map((r) => r.row)).size,
        rejections,
      })
      .returning({ id: enterpriseImports.id });
    if (!batch) throw new Error("insert enterprise_imports returned nothing");
    for (let i = 0; i < valid.length; i += 5000) {
      await tx
        .insert(enterpriseImportRows)
        .values(valid.slice(i, i + 5000).map((v) => ({ importId: batch.id, rowNo: v.rowNo, enterpriseId: v.enterpriseId, data: v.data })));
    }
    await writeAuditBatch(tx, ctx, [
      {
        action: "enterprise_import.validated",
        entityType: "enterprise_import",
        entityId: batch.id,
        detail: { fileName, total, rejected: rejections.length },
      },
    ]);
    return batch.id;
  });
}

async function loadImport(db: Db, ctx: Ctx, id: string) {
  // An import is its uploader's (an administrator may see any).
  const [row] = await db
    .select()
    .from(enterpriseImports)
    .where(
      and(eq(enterpriseImports.id, id), ctx.actor?.role === "admin" ? undefined : eq(enterpriseImports.createdBy, ctx.actor?.userId ?? "")),
    )
    .limit(1);
  if (!row) throw notFound(importEntity);
  return row;
}

export async function importReport(db: Db, ctx: Ctx, id: string, lang: Lang): Promise<ImportReport> {
  const r = await loadImport(db, ctx, id);
  const rejections = (r.rejections as Rejection[])
    .slice(0, 500)
    .map((x) => ({ row: x.row, column: x.column, message: pick(x.message, lang) }));
  return {
    id: r.id,
    fileName: r.fileName,
    status: r.status as ImportReport["status"],
    total: r.total,
    toCreate: r.toCreate,
    toUpdate: r.toUpdate,
    rejected: r.rejected,
    rejections,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    committedAt: r.committedAt?.toISOString() ?? null,
  };
}

/** Every rejection as a spreadsheet (行号, 列, 原因) for the user to fix and upload again. */
export async function rejectionWorkbook(db: Db, ctx: Ctx, id: string, lang: Lang): Promise<Buffer> {
  const r = await loadImport(db, ctx, id);
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet(lang === "en" ? "Rejected rows" : "未通过的行");
  sheet.columns = [
    { header: lang === "en" ? "Row" : "行号", key: "row", width: 8 },
    { header: lang === "en" ? "Column" : "列", key: "column", width: 24 },
    { header: lang === "en" ? "Reason" : "原因", key: "message", width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const x of r.rejections as Rejection[]) sheet.addRow({ row: x.row, column: x.column, message: pick(x.message, lang) });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Writes the valid rows of a validated import in one transaction: new enterprises inserted in
 * batches, registered ones updated, one chained audit row per enterprise, the import marked committed.
 */
export async function commitImport(db: Db, ctx: Ctx, id: string, version: number): Promise<void> {
  const current = await loadImport(db, ctx, id);
  await withTx(db, async (tx) => {
    await applyTransition(tx, enterpriseImports, importMachine, {
      id,
      from: current.status as "validated",
      action: "commit",
      version,
      set: { committedAt: ctx.now },
    });
    const rows = await tx.select().from(enterpriseImportRows).where(eq(enterpriseImportRows.importId, id));
    const events: AuditEvent[] = [];
    const resolve = departmentResolver(tx);
    const creates: EnterpriseCreate[] = [];
    for (const r of rows.filter((x) => !x.enterpriseId)) {
      const data = r.data as EnterpriseCreate;
      creates.push({ ...data, industryDepartmentId: (await resolve(data.regionCode, data.industryCode))?.id ?? null });
    }
    // 2,000 rows × 23 columns stays under PostgreSQL's 65,535 parameters per statement.
    for (let i = 0; i < creates.length; i += 2000) {
      const batch = creates.slice(i, i + 2000);
      const inserted = await tx
        .insert(enterprises)
        .values(batch.map((d) => ({ ...d, createdAt: ctx.now, updatedAt: ctx.now })))
        .returning({ id: enterprises.id });
      inserted.forEach((e, k) => {
        const after = batch[k] as EnterpriseCreate;
        events.push({
          action: "enterprise.created",
          entityType: "enterprise",
          entityId: e.id,
          regionCode: after.regionCode,
          after,
          detail: { importId: id },
        });
      });
    }
    for (const r of rows.filter((x) => x.enterpriseId)) {
      const data = r.data as EnterpriseCreate;
      const [before] = await tx
        .select()
        .from(enterprises)
        .where(eq(enterprises.id, r.enterpriseId as string));
      const [after] = await tx
        .update(enterprises)
        .set({
          ...data,
          // A hand-set industry department (with its reason) survives an import; a derived one follows the new data.
          industryDepartmentId: before?.departmentOverrideReason
            ? before.industryDepartmentId
            : ((await resolve(data.regionCode, data.industryCode))?.id ?? null),
          version: (before?.version ?? 0) + 1,
          updatedAt: ctx.now,
        })
        .where(eq(enterprises.id, r.enterpriseId as string))
        .returning();
      // 企业迁址 by import: the scope copies of its records follow it, as in updateEnterprise (enterprises.moves.ts).
      const followed =
        after && before && after.regionCode !== before.regionCode
          ? await followMove(tx, { enterpriseId: after.id, from: before.regionCode, to: after.regionCode })
          : undefined;
      if (after)
        events.push({
          action: "enterprise.updated",
          entityType: "enterprise",
          entityId: after.id,
          regionCode: after.regionCode,
          before,
          after,
          detail: { importId: id, ...(followed && { followed }) },
        });
    }
    events.push({
      action: "enterprise_import.committed",
      entityType: "enterprise_import",
      entityId: id,
      detail: { created: creates.length, updated: rows.length - creates.length },
    });
    await writeAuditBatch(tx, ctx, events);
  });
}
