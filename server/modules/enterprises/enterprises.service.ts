import type { Page } from "../../../domain/common/page.js";
import type {
  Enterprise,
  EnterpriseCreate,
  EnterpriseListQuery,
  EnterpriseStatus,
  EnterpriseUpdate,
  enterpriseTransitions,
} from "../../../domain/enterprise/enterprise.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, conflict, type FieldError, forbidden, notFound } from "../../kernel/http/errors.js";
import { applyTransition, defineMachine, updateVersioned } from "../../kernel/workflow/state-machine.js";
import { listAuditEntries } from "../audit/audit.service.js";
import { departmentResolver, departmentsByIds } from "../departments/departments.service.js";
import { findIndustries } from "../industries/industries.service.js";
import { findRegion, pathNames } from "../regions/regions.service.js";
import { enterpriseEntity } from "./enterprises.messages.js";
import { followMove } from "./enterprises.moves.js";
import { enterpriseScope, mayPlaceAt } from "./enterprises.policy.js";
import * as repo from "./enterprises.repo.js";
import { enterprises } from "./enterprises.schema.js";

/** Operating status: 停产整顿 (suspension, e.g. by an enforcement decision) and its lifting; 关闭 is final. */
export const enterpriseMachine = defineMachine({
  name: "enterprise",
  states: ["operating", "suspended", "closed"] as const,
  transitions: {
    suspend: { from: ["operating"], to: "suspended" },
    resume: { from: ["suspended"], to: "operating" },
    close: { from: ["operating", "suspended"], to: "closed" },
  },
});

async function present(db: Db, rows: repo.EnterpriseRow[]): Promise<Enterprise[]> {
  const [paths, industries, departments] = await Promise.all([
    pathNames(
      db,
      rows.map((r) => r.regionCode),
    ),
    findIndustries(db, [...new Set(rows.map((r) => r.industryCode))]),
    departmentsByIds(
      db,
      rows.flatMap((r) => (r.industryDepartmentId ? [r.industryDepartmentId] : [])),
    ),
  ]);
  const industryNames = new Map(industries.map((i) => [i.code, i.name]));
  const departmentById = new Map(departments.map((d) => [d.id, { id: d.id, name: d.name, kind: d.kind }]));
  return rows.map((r) => ({
    ...r,
    regionPath: paths.get(r.regionCode) ?? null,
    industryName: industryNames.get(r.industryCode) ?? null,
    category: r.category as Enterprise["category"],
    subcategory: r.subcategory as Enterprise["subcategory"],
    scale: r.scale as Enterprise["scale"],
    standardisationGrade: r.standardisationGrade as Enterprise["standardisationGrade"],
    status: r.status as EnterpriseStatus,
    industryDepartment: r.industryDepartmentId ? (departmentById.get(r.industryDepartmentId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

async function presentOne(db: Db, row: repo.EnterpriseRow): Promise<Enterprise> {
  const [e] = await present(db, [row]);
  return e as Enterprise;
}

/** Region (a village/community), industry and sub-category checks shared by create and edit; each names its field. */
async function checkReferences(
  db: Db,
  ctx: Ctx,
  e: { regionCode?: string; industryCode?: string; category?: string; subcategory?: string | null },
): Promise<void> {
  const errors: FieldError[] = [];
  if (e.regionCode !== undefined) {
    const region = await findRegion(db, e.regionCode);
    if (region?.level !== "village" || region.status !== "active") errors.push({ path: "regionCode", code: "enterprise.region_unknown" });
    else if (!mayPlaceAt(ctx.actor, e.regionCode)) throw forbidden("enterprise.out_of_scope");
  }
  if (e.industryCode !== undefined && (await findIndustries(db, [e.industryCode])).length === 0) {
    errors.push({ path: "industryCode", code: "enterprise.industry_unknown" });
  }
  if (e.subcategory && e.category !== "industry_trade")
    errors.push({ path: "subcategory", code: "enterprise.subcategory_only_industry_trade" });
  if (errors.length) throw new AppError(400, "validation", { fields: errors });
}

/**
 * The 行业 supervisor (三管三必须): an explicit department needs a reason and must exist; otherwise
 * it is derived from the industry code and region (departments module), and null when none is set up.
 */
async function industryDepartmentFor(
  db: Db,
  e: { regionCode: string; industryCode: string; industryDepartmentId?: string | null; departmentOverrideReason?: string | null },
): Promise<{ industryDepartmentId: string | null; departmentOverrideReason: string | null }> {
  if (e.industryDepartmentId) {
    const errors: FieldError[] = [];
    if (!e.departmentOverrideReason) errors.push({ path: "departmentOverrideReason", code: "enterprise.override_reason_required" });
    if ((await departmentsByIds(db, [e.industryDepartmentId])).length === 0)
      errors.push({ path: "industryDepartmentId", code: "enterprise.department_unknown" });
    if (errors.length) throw new AppError(400, "validation", { fields: errors });
    return { industryDepartmentId: e.industryDepartmentId, departmentOverrideReason: e.departmentOverrideReason ?? null };
  }
  const department = await departmentResolver(db)(e.regionCode, e.industryCode);
  return { industryDepartmentId: department?.id ?? null, departmentOverrideReason: null };
}

export async function listEnterprises(db: Db, ctx: Ctx, q: EnterpriseListQuery): Promise<Page<Enterprise>> {
  const { items, total } = await repo.listEnterprises(db, enterpriseScope(ctx.actor), q);
  return { items: await present(db, items), total, page: q.page, pageSize: q.pageSize };
}

export async function getEnterprise(db: Db, ctx: Ctx, id: string): Promise<Enterprise> {
  return presentOne(db, await loadInScope(db, ctx, id));
}

/** The record's own audit trail (一企一档 history); whoever may see the enterprise may see its history. */
export async function enterpriseHistory(db: Db, ctx: Ctx, id: string, page: { page: number; pageSize: number }) {
  await loadInScope(db, ctx, id);
  return listAuditEntries(db, ctx, { ...page, entityType: "enterprise", entityId: id }, { unscoped: true });
}

async function loadInScope(db: Db, ctx: Ctx, id: string) {
  const row = await repo.findEnterprise(db, id, enterpriseScope(ctx.actor));
  if (!row) throw notFound(enterpriseEntity);
  return row;
}

export async function createEnterprise(db: Db, ctx: Ctx, input: EnterpriseCreate): Promise<Enterprise> {
  await checkReferences(db, ctx, input);
  if (await repo.findByUscc(db, input.uscc)) throw conflict("enterprise.uscc_taken", [{ path: "uscc", code: "enterprise.uscc_taken" }]);
  const department = await industryDepartmentFor(db, input);
  const row = await withTx(db, async (tx) => {
    const r = await repo.insertEnterprise(tx, {
      ...input,
      ...department,
      subcategory: input.subcategory ?? null,
      longitude: input.longitude ?? null,
      latitude: input.latitude ?? null,
      safetyManagerName: input.safetyManagerName ?? null,
      safetyManagerPhone: input.safetyManagerPhone ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const { createdAt: _, updatedAt: __, ...after } = r;
    await writeAudit(tx, ctx, { action: "enterprise.created", entityType: "enterprise", entityId: r.id, regionCode: r.regionCode, after });
    return r;
  });
  return presentOne(db, row);
}

export async function updateEnterprise(db: Db, ctx: Ctx, id: string, input: EnterpriseUpdate): Promise<Enterprise> {
  const current = await loadInScope(db, ctx, id);
  const { version, ...changes } = input;
  // An enterprise keeps its identity, place and regulators: only regulators move it, change its code
  // or override its industry department (三管三必须: the enterprise does not pick who supervises it).
  if (
    ctx.actor?.role.startsWith("enterprise_") &&
    (changes.uscc !== undefined ||
      changes.regionCode !== undefined ||
      changes.category !== undefined ||
      changes.industryDepartmentId !== undefined ||
      changes.departmentOverrideReason !== undefined)
  ) {
    throw forbidden();
  }
  await checkReferences(db, ctx, {
    regionCode: changes.regionCode !== undefined && changes.regionCode !== current.regionCode ? changes.regionCode : undefined,
    industryCode: changes.industryCode,
    category: changes.category ?? current.category,
    subcategory: changes.subcategory === undefined ? current.subcategory : changes.subcategory,
  });
  if (changes.uscc && changes.uscc !== current.uscc && (await repo.findByUscc(db, changes.uscc))) {
    throw conflict("enterprise.uscc_taken", [{ path: "uscc", code: "enterprise.uscc_taken" }]);
  }
  // Re-derive the industry department when its inputs change, unless an override is being set or kept.
  const overriding = changes.industryDepartmentId !== undefined;
  const moved = changes.regionCode !== undefined || changes.industryCode !== undefined;
  const department =
    overriding || (moved && !current.departmentOverrideReason)
      ? await industryDepartmentFor(db, {
          regionCode: changes.regionCode ?? current.regionCode,
          industryCode: changes.industryCode ?? current.industryCode,
          industryDepartmentId: changes.industryDepartmentId,
          departmentOverrideReason: changes.departmentOverrideReason,
        })
      : {};
  const row = await withTx(db, async (tx) => {
    const r = await updateVersioned(tx, enterprises, { id, version, set: { ...changes, ...department, updatedAt: ctx.now } });
    // 企业迁址: the scope copies of its records follow it in this transaction (enterprises.moves.ts).
    const followed =
      r.regionCode === current.regionCode
        ? undefined
        : await followMove(tx, { enterpriseId: id, from: current.regionCode, to: r.regionCode });
    await writeAudit(tx, ctx, {
      action: "enterprise.updated",
      entityType: "enterprise",
      entityId: id,
      regionCode: r.regionCode,
      before: current,
      after: r,
      ...(followed && { detail: { followed } }),
    });
    return r;
  });
  return presentOne(db, row);
}

export async function transitionEnterprise(
  db: Db,
  ctx: Ctx,
  id: string,
  input: { action: (typeof enterpriseTransitions)[number]; version: number; reason: string },
): Promise<Enterprise> {
  const current = await loadInScope(db, ctx, id);
  const row = await withTx(db, async (tx) => {
    const r = await applyTransition(tx, enterprises, enterpriseMachine, {
      id,
      from: current.status as EnterpriseStatus,
      action: input.action,
      version: input.version,
      set: { updatedAt: ctx.now },
    });
    await writeAudit(tx, ctx, {
      action: `enterprise.${input.action}`,
      entityType: "enterprise",
      entityId: id,
      regionCode: r.regionCode,
      before: { status: current.status },
      after: { status: r.status },
      detail: { reason: input.reason },
    });
    return r;
  });
  return presentOne(db, row);
}

export type EnterpriseFacts = Awaited<ReturnType<typeof repo.enterpriseFacts>>[number];

/**
 * Name, place, category and GPS point of enterprises by id, for other modules' lists, maps and
 * statistics; an id outside the caller's scope is left out. Batched by 1,000 ids per query.
 */
export async function enterpriseFacts(db: Db, ctx: Ctx, ids: string[]): Promise<Map<string, EnterpriseFacts>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, EnterpriseFacts>();
  for (let i = 0; i < unique.length; i += 1000) {
    for (const row of await repo.enterpriseFacts(db, unique.slice(i, i + 1000), enterpriseScope(ctx.actor))) out.set(row.id, row);
  }
  return out;
}

/** Names of enterprises by id, for other modules' lists; an id outside the caller's scope is left out. */
export async function enterpriseNames(db: Db, ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  return new Map([...(await enterpriseFacts(db, ctx, ids))].map(([id, f]) => [id, f.name]));
}

/**
 * 检查对象名录库 (double-random.md R2): the enterprises of a region subtree in the caller's scope, filtered by
 * category and GB/T 4754 prefix; closed (注销/关闭) ones are excluded, suspended ones stay on the list.
 */
export function inspectionObjects(db: Db, ctx: Ctx, f: { region: string; categories?: readonly string[]; industry?: string | null }) {
  return repo.inspectionObjects(db, enterpriseScope(ctx.actor), f);
}

/**
 * Records whether the enterprise holds a major hazard source (危险化学品重大危险源), as the major-hazard
 * module's identification of its units found; runs in the caller's transaction, bumps the version and
 * is audited. Nothing happens when the flag already says so.
 */
export async function recordMajorHazardSource(
  tx: Db,
  ctx: Ctx,
  id: string,
  holds: boolean,
  detail: Record<string, unknown>,
): Promise<void> {
  const current = await repo.findEnterprise(tx, id);
  if (!current || current.hasMajorHazardSource === holds) return;
  const r = await updateVersioned(tx, enterprises, {
    id,
    version: current.version,
    set: { hasMajorHazardSource: holds, updatedAt: ctx.now },
  });
  await writeAudit(tx, ctx, {
    action: "enterprise.major_hazard_source",
    entityType: "enterprise",
    entityId: id,
    regionCode: r.regionCode,
    before: { hasMajorHazardSource: current.hasMajorHazardSource, version: current.version },
    after: { hasMajorHazardSource: r.hasMajorHazardSource, version: r.version },
    detail,
  });
}
