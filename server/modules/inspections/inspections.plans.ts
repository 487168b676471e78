import { shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import type {
  InspectionPlan,
  InspectionPlanCreate,
  InspectionPlanDetail,
  InspectionPlanListQuery,
  InspectionPlanRegenerate,
  PlanDefaults,
  PlanItem,
  PlanItemMove,
  PlanItemsQuery,
  PlanProgressCounts,
} from "../../../domain/inspections/plan.dto.js";
import {
  classifyEnterprise,
  currentPlanMonth,
  defaultReserveShare,
  type GeneratedPlan,
  generatePlan,
  type PlanEnterprise,
  type PlanFrequencies,
  type PlanGroupKey,
  type PlanGroupSummary,
  type PlanInspector,
  parsePlanFrequencies,
  planCapacity,
  planGroupKeys,
  planItemStatus,
  planTeamSize,
} from "../../../domain/inspections/plan.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import type { Config } from "../../kernel/config.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, conflict, fieldError, forbidden, notFound } from "../../kernel/http/errors.js";
import { applyTransition, defineMachine, updateVersioned } from "../../kernel/workflow/state-machine.js";
import { enforcementOfficers } from "../accounts/users.service.js";
import { departmentsByIds } from "../departments/departments.service.js";
import { enterpriseFacts, listEnterprises } from "../enterprises/enterprises.service.js";
import { hazardsFoundByEnterprise } from "../hazards/hazards.stats.js";
import { findRegion, findRegions } from "../regions/regions.service.js";
import { enterpriseOverallLevels } from "../risk/risk.map.js";
import * as repo from "./inspections.plans.repo.js";
import { inspectionPlans } from "./inspections.schema.js";
import { inspectionPlanEntity, inspectionPlanItemEntity } from "./plans.messages.js";

// 分类分级 annual inspection plan (issue 7 §4; double-random.md R5–R6). The rules are domain/inspections/plan.ts;
// this file gathers what they weigh through the other modules' services, stores the generated visits, and runs
// the draft → approved workflow (approval by a leader of the plan's region; afterwards only audited moves).

/** Deployment configuration (README: PLAN_FREQUENCIES, PLAN_VISITS_PER_INSPECTOR_MONTH). */
export type PlanOptions = { frequencies: PlanFrequencies; visitsPerInspectorMonth: number };

/** Reads the plan settings of the configuration; a bad PLAN_FREQUENCIES stops the boot naming it. */
export function planOptionsOf(config: Pick<Config, "planFrequencies" | "planVisitsPerInspectorMonth">): PlanOptions {
  const parsed = parsePlanFrequencies(config.planFrequencies);
  if ("error" in parsed) throw new Error(`PLAN_FREQUENCIES: ${parsed.error}`);
  return { frequencies: parsed.frequencies, visitsPerInspectorMonth: config.planVisitsPerInspectorMonth };
}

/**
 * Accidents per enterprise of a region subtree in a period. There is no accident register yet (accidents.md is a
 * later module): until one registers a counter here, the plan records accidents as unknown (null), not as zero.
 */
export type AccidentCounter = (db: Db, ctx: Ctx, q: { region: string; from: string; to: string }) => Promise<Map<string, number>>;
let accidentCounter: AccidentCounter | null = null;
export function onPlanAccidentCounts(fn: AccidentCounter | null): void {
  accidentCounter = fn;
}

const machine = defineMachine({
  name: "inspection_plan",
  states: ["draft", "approved"] as const,
  transitions: { approve: { from: ["draft"], to: "approved" } },
});

/** Regulators see the plans of their region's subtree (a city sees its counties' plans); 404 outside it. */
const planScope = (actor: Actor | null) => scopeWhere(actor, { region: inspectionPlans.regionCode });
const today = (ctx: Pick<Ctx, "now">) => shanghaiDay(ctx.now);

/** What the groups column holds: each group as drafted, with the first month planned. */
type StoredGroup = PlanGroupSummary & { fromMonth: number };
const storedGroups = (plan: repo.PlanRow) => plan.groups as unknown as StoredGroup[];
const fromMonthOf = (plan: repo.PlanRow) => storedGroups(plan)[0]?.fromMonth ?? 1;
const frequenciesOf = (plan: repo.PlanRow): PlanFrequencies =>
  Object.fromEntries(storedGroups(plan).map((g) => [g.key, g.frequency])) as PlanFrequencies;
const reservePercent = (share: number) => Math.round(share * 100);

async function loadPlan(db: Db, ctx: Ctx, id: string): Promise<repo.PlanRow> {
  const plan = await repo.findPlan(db, id, planScope(ctx.actor));
  if (!plan) throw notFound(inspectionPlanEntity);
  return plan;
}

/** The plan's region: the regulator's own or one below it (a city, county or township); an administrator names one. */
async function resolveRegion(db: Db, actor: Actor, code: string | undefined): Promise<{ code: string; name: string }> {
  const chosen = code ?? actor.regionCode ?? undefined;
  if (!chosen) throw fieldError("regionCode", "inspection_plan.region_required");
  if (actor.role !== "admin" && !(actor.regionCode && chosen.startsWith(actor.regionCode))) {
    throw fieldError("regionCode", "inspection_plan.region_outside");
  }
  if (![4, 6, 9].includes(chosen.length)) throw fieldError("regionCode", "inspection_plan.region_level");
  const region = await findRegion(db, chosen);
  if (!region) throw fieldError("regionCode", "inspection_plan.region_unknown");
  return { code: region.code, name: region.name };
}

/** A department drafting its own plan belongs to the plan's region; its kind decides which enterprises it plans. */
async function resolveDepartment(db: Db, id: string | null | undefined, regionCode: string) {
  if (!id) return null;
  const [department] = await departmentsByIds(db, [id]);
  if (!department) throw fieldError("departmentId", "inspection_plan.department_unknown");
  if (department.regionCode !== regionCode) throw fieldError("departmentId", "inspection_plan.department_region");
  return department;
}

/**
 * The enterprises the plan covers, with what R5/R6 weigh: not closed, in the plan's region subtree and — for a
 * department's plan — supervised by a department of its kind (三管三必须: a city 应急管理局 plans the enterprises
 * its county bureaus supervise too); the highest risk level (risk module), the major hazard source flag (kept on
 * the registry by the major-hazard module), last calendar year's hazards (hazard register) and accidents (hook).
 */
async function planEnterprises(db: Db, ctx: Ctx, region: string, departmentKind: string | null, year: number): Promise<PlanEnterprise[]> {
  const lastYear = { region, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  const [levels, found, accidents] = await Promise.all([
    enterpriseOverallLevels(db, ctx, region),
    hazardsFoundByEnterprise(db, ctx, lastYear),
    accidentCounter ? accidentCounter(db, ctx, lastYear) : Promise.resolve(null),
  ]);
  const out: PlanEnterprise[] = [];
  for (let page = 1; ; page++) {
    const batch = await listEnterprises(db, ctx, { region, page, pageSize: 100, sort: "name" });
    for (const e of batch.items) {
      if (e.status === "closed") continue;
      if (departmentKind && e.industryDepartment?.kind !== departmentKind) continue;
      out.push({
        id: e.id,
        regionCode: e.regionCode,
        category: e.category,
        subcategory: e.subcategory,
        industryCode: e.industryCode,
        hasMajorHazardSource: e.hasMajorHazardSource,
        riskLevel: levels.get(e.id) ?? null,
        hazardsLastYear: found.get(e.id)?.found ?? 0,
        majorHazardsLastYear: found.get(e.id)?.major ?? 0,
        accidentsLastYear: accidents ? (accidents.get(e.id) ?? 0) : null,
        // No registry attribute yet for 粉尘涉爆 / 涉氨制冷 (R6): unknown.
        dustExplosion: null,
        ammoniaRefrigeration: null,
      });
    }
    if (page * 100 >= batch.total) break;
  }
  return out;
}

/** 执法人员名录库 (R3): certified regulators of the department, or of the plan's region subtree. */
async function officersOf(db: Db, regionCode: string, departmentId: string | null): Promise<PlanInspector[]> {
  const found = await enforcementOfficers(db, { regionCode, departmentId });
  return found.map((o) => ({ userId: o.userId, name: o.displayName, certNo: o.certNo }));
}

function mergeFrequencies(base: PlanFrequencies, groups: { key: PlanGroupKey; frequency: number }[] | undefined): PlanFrequencies {
  const out = { ...base };
  for (const g of groups ?? []) out[g.key] = g.frequency;
  return out;
}

/** The first month: as asked, else January — or this month when drafting for the current year. */
function firstMonth(year: number, asked: number | undefined, ctx: Ctx): number {
  const day = today(ctx);
  const current = Number(day.slice(0, 4));
  if (year < current) throw fieldError("year", "inspection_plan.year_past");
  return asked ?? (year === current ? Number(day.slice(5, 7)) : 1);
}

async function generate(
  db: Db,
  ctx: Ctx,
  args: { regionCode: string; department: { id: string; kind: string } | null; year: number; frequencies: PlanFrequencies },
  rules: { fromMonth: number; reserveShare: number },
  opts: PlanOptions,
): Promise<GeneratedPlan> {
  const [enterprises, officers] = await Promise.all([
    planEnterprises(db, ctx, args.regionCode, args.department?.kind ?? null, args.year),
    officersOf(db, args.regionCode, args.department?.id ?? null),
  ]);
  const rulesIn = {
    frequencies: args.frequencies,
    fromMonth: rules.fromMonth,
    reservePercent: reservePercent(rules.reserveShare),
    visitsPerInspectorMonth: opts.visitsPerInspectorMonth,
  };
  // 行政处罚法 Art. 42: a planned visit needs a team of two officers.
  const needsTeams = enterprises.some((e) => args.frequencies[classifyEnterprise(e).group] > 0);
  if (needsTeams && officers.length < planTeamSize) {
    throw new AppError(400, "inspection_plan.inspectors_too_few", {
      params: { n: planTeamSize },
      fields: [{ path: "departmentId", code: "inspection_plan.inspectors_too_few", params: { n: planTeamSize } }],
    });
  }
  return generatePlan(enterprises, officers, rulesIn);
}

const itemValues = (planId: string, generated: GeneratedPlan, now: Date) =>
  generated.visits.map((v) => ({
    planId,
    enterpriseId: v.enterpriseId,
    regionCode: v.regionCode,
    groupKey: v.group,
    month: v.month,
    team: v.team.map((m) => ({ userId: m.userId, name: m.name, certNo: m.certNo })),
    createdAt: now,
  }));

const groupsToStore = (generated: GeneratedPlan, fromMonth: number): StoredGroup[] => generated.groups.map((g) => ({ ...g, fromMonth }));

/** The audit trail keeps what was decided: each group's frequency and size, the reserve and the capacity. */
const auditablePlan = (
  p: { status: string; version: number; title: string; reserveShare: number },
  g: GeneratedPlan | null,
  fromMonth: number,
) => ({
  status: p.status,
  version: p.version,
  title: p.title,
  reserveShare: p.reserveShare,
  fromMonth,
  ...(g
    ? {
        groups: g.groups.map((x) => ({ key: x.key, frequency: x.frequency, enterprises: x.enterprises, visits: x.visits })),
        visits: g.visits.length,
        capacity: { capacity: g.capacity.capacity, reserve: g.capacity.reserve, available: g.capacity.available },
      }
    : {}),
});

/** Drafts a year's plan (region, department, group frequencies) and generates its visits; one plan per region, department and year. */
export async function createInspectionPlan(
  db: Db,
  ctx: Ctx,
  input: InspectionPlanCreate,
  opts: PlanOptions,
): Promise<InspectionPlanDetail> {
  const actor = ctx.actor as Actor;
  const region = await resolveRegion(db, actor, input.regionCode);
  const department = await resolveDepartment(db, input.departmentId, region.code);
  const fromMonth = firstMonth(input.year, input.fromMonth, ctx);
  const frequencies = mergeFrequencies(opts.frequencies, input.groups);
  const reserveShare = input.reserveShare ?? defaultReserveShare;
  const generated = await generate(
    db,
    ctx,
    { regionCode: region.code, department, year: input.year, frequencies },
    { fromMonth, reserveShare },
    opts,
  );
  const title = input.title ?? `${region.name}${department?.name ?? ""}${input.year}年度安全生产监督检查计划`;
  const id = await withTx(db, async (tx) => {
    await repo.lockPlanKey(tx, `${region.code}:${department?.id ?? "-"}:${input.year}`);
    if (await repo.findPlanFor(tx, { regionCode: region.code, departmentId: department?.id ?? null, year: input.year })) {
      throw conflict("inspection_plan.exists");
    }
    const row = await repo.insertPlan(tx, {
      regionCode: region.code,
      departmentId: department?.id ?? null,
      year: input.year,
      title,
      status: "draft",
      groups: groupsToStore(generated, fromMonth),
      reserveShare,
      createdById: actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await repo.replaceItems(tx, row.id, itemValues(row.id, generated, ctx.now));
    await writeAudit(tx, ctx, {
      action: "inspection_plan.create",
      entityType: "inspection_plan",
      entityId: row.id,
      regionCode: row.regionCode,
      after: { year: row.year, departmentId: row.departmentId, ...auditablePlan(row, generated, fromMonth) },
    });
    return row.id;
  });
  return getInspectionPlan(db, ctx, id, opts);
}

/** Re-drafts a draft (frequencies, reserve, first month, title): the visits are generated again from today's data. */
export async function regenerateInspectionPlan(
  db: Db,
  ctx: Ctx,
  id: string,
  input: InspectionPlanRegenerate,
  opts: PlanOptions,
): Promise<InspectionPlanDetail> {
  const plan = await loadPlan(db, ctx, id);
  if (plan.status !== "draft") throw conflict("inspection_plan.not_draft");
  const [department] = plan.departmentId ? await departmentsByIds(db, [plan.departmentId]) : [];
  const fromMonth = input.fromMonth !== undefined ? firstMonth(plan.year, input.fromMonth, ctx) : fromMonthOf(plan);
  const frequencies = mergeFrequencies(frequenciesOf(plan), input.groups);
  const reserveShare = input.reserveShare ?? plan.reserveShare;
  const generated = await generate(
    db,
    ctx,
    { regionCode: plan.regionCode, department: department ?? null, year: plan.year, frequencies },
    { fromMonth, reserveShare },
    opts,
  );
  await withTx(db, async (tx) => {
    const row = await updateVersioned(tx, inspectionPlans, {
      id: plan.id,
      version: input.version,
      set: { title: input.title ?? plan.title, groups: groupsToStore(generated, fromMonth), reserveShare, updatedAt: ctx.now },
    });
    await repo.replaceItems(tx, plan.id, itemValues(plan.id, generated, ctx.now));
    await writeAudit(tx, ctx, {
      action: "inspection_plan.regenerate",
      entityType: "inspection_plan",
      entityId: plan.id,
      regionCode: plan.regionCode,
      before: { ...auditablePlan(plan, null, fromMonthOf(plan)), visits: plan.itemCount },
      after: auditablePlan(row, generated, fromMonth),
    });
  });
  return getInspectionPlan(db, ctx, id, opts);
}

/**
 * 150号 Art. 7: the plan takes effect on the leader's approval — a regulator leader whose region contains the plan's
 * (the scope already hides other regions' plans); an inspector may not approve. Draft only, version-guarded.
 */
export async function approveInspectionPlan(
  db: Db,
  ctx: Ctx,
  id: string,
  version: number,
  opts: PlanOptions,
): Promise<InspectionPlanDetail> {
  const actor = ctx.actor as Actor;
  const plan = await loadPlan(db, ctx, id);
  if (actor.role !== "regulator_leader" || !actor.regionCode || !plan.regionCode.startsWith(actor.regionCode)) {
    throw forbidden("inspection_plan.leader_only");
  }
  if (plan.status !== "draft") throw conflict("inspection_plan.not_draft");
  const capacity = await capacityOf(db, plan, opts);
  await withTx(db, async (tx) => {
    const row = await applyTransition(tx, inspectionPlans, machine, {
      id: plan.id,
      from: "draft",
      action: "approve",
      version,
      set: { approvedById: actor.userId, approvedAt: ctx.now, updatedAt: ctx.now },
    });
    await writeAudit(tx, ctx, {
      action: "inspection_plan.approve",
      entityType: "inspection_plan",
      entityId: plan.id,
      regionCode: plan.regionCode,
      before: { status: plan.status, version: plan.version },
      after: { status: row.status, version: row.version, approvedAt: row.approvedAt },
      // 留有余地: what the leader approved against.
      detail: {
        visits: plan.itemCount,
        capacity: capacity.capacity,
        reserve: capacity.reserve,
        available: capacity.available,
        overCapacity: capacity.overCapacity,
      },
    });
  });
  return getInspectionPlan(db, ctx, id, opts);
}

/**
 * Moves one planned visit to another month and/or team, with the reason: the one change an approved plan
 * allows (also used on drafts). Officers must be on the plan's inspector directory; a done visit stays as it was.
 */
export async function movePlanItem(
  db: Db,
  ctx: Ctx,
  id: string,
  itemId: string,
  input: PlanItemMove,
): Promise<{ version: number; item: PlanItem }> {
  const plan = await loadPlan(db, ctx, id);
  const item = await repo.findItem(db, plan.id, itemId);
  if (!item) throw notFound(inspectionPlanItemEntity);
  if (await repo.itemDone(db, plan.id, item.id)) throw conflict("inspection_plan.item_done");
  let team = item.team;
  if (input.team) {
    const officers = new Map((await officersOf(db, plan.regionCode, plan.departmentId)).map((o) => [o.userId, o]));
    const chosen = input.team.map((userId) => officers.get(userId));
    const missing = chosen.findIndex((o) => !o);
    if (missing >= 0) throw fieldError(`team.${missing}`, "inspection_plan.team_not_inspector");
    team = (chosen as PlanInspector[]).map((o) => ({ userId: o.userId, name: o.name, certNo: o.certNo }));
  }
  const month = input.month ?? item.month;
  const version = await withTx(db, async (tx) => {
    const row = await updateVersioned(tx, inspectionPlans, { id: plan.id, version: input.version, set: { updatedAt: ctx.now } });
    await repo.updateItem(tx, item.id, { month, team });
    await writeAudit(tx, ctx, {
      action: "inspection_plan.move_item",
      entityType: "inspection_plan",
      entityId: plan.id,
      regionCode: plan.regionCode,
      before: { version: plan.version, month: item.month, team: item.team.map((m) => m.certNo ?? m.userId) },
      after: { version: row.version, month, team: team.map((m) => m.certNo ?? m.userId) },
      detail: { itemId: item.id, enterpriseId: item.enterpriseId, status: plan.status, reason: input.reason },
    });
    return row.version;
  });
  const [moved] = (await listPlanItemsOf(db, ctx, plan, { page: 1, pageSize: 100 }, [item.id])).items;
  return { version, item: moved as PlanItem };
}

async function capacityOf(db: Db, plan: repo.PlanRow, opts: PlanOptions) {
  const [officers, byMonth] = await Promise.all([officersOf(db, plan.regionCode, plan.departmentId), repo.plannedByMonth(db, plan.id)]);
  return {
    officers,
    ...planCapacity({
      inspectors: officers.length,
      fromMonth: fromMonthOf(plan),
      reservePercent: reservePercent(plan.reserveShare),
      visitsPerInspectorMonth: opts.visitsPerInspectorMonth,
      plannedByMonth: byMonth,
    }),
  };
}

async function presentPlans(db: Db, plans: repo.PlanRow[]): Promise<InspectionPlan[]> {
  const [regions, departments] = await Promise.all([
    findRegions(db, [...new Set(plans.map((p) => p.regionCode))]),
    departmentsByIds(
      db,
      plans.flatMap((p) => (p.departmentId ? [p.departmentId] : [])),
    ),
  ]);
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  return plans.map((p) => ({
    id: p.id,
    regionCode: p.regionCode,
    regionName: regionName.get(p.regionCode) ?? null,
    departmentId: p.departmentId,
    departmentName: p.departmentId ? (departmentName.get(p.departmentId) ?? null) : null,
    year: p.year,
    title: p.title,
    status: p.status as InspectionPlan["status"],
    reserveShare: p.reserveShare,
    fromMonth: fromMonthOf(p),
    itemCount: p.itemCount,
    approvedById: p.approvedById,
    approvedAt: p.approvedAt?.toISOString() ?? null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }));
}

export async function listInspectionPlans(db: Db, ctx: Ctx, q: InspectionPlanListQuery): Promise<Page<InspectionPlan>> {
  const { items, total } = await repo.listPlans(db, planScope(ctx.actor), q);
  return { items: await presentPlans(db, items), total, page: q.page, pageSize: q.pageSize };
}

const zero = (): PlanProgressCounts => ({ planned: 0, done: 0, due: 0, overdue: 0 });
function add(into: PlanProgressCounts, r: PlanProgressCounts): void {
  into.planned += r.planned;
  into.done += r.done;
  into.due += r.due;
  into.overdue += r.overdue;
}
const months12 = () => Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ...zero() }));

/** The plan with its groups, capacity against the officers there are now, each officer's visits, and progress by month and county. */
export async function getInspectionPlan(db: Db, ctx: Ctx, id: string, opts: PlanOptions): Promise<InspectionPlanDetail> {
  const plan = await loadPlan(db, ctx, id);
  const current = currentPlanMonth(plan.year, today(ctx));
  const [[presented], progress, capacity, load] = await Promise.all([
    presentPlans(db, [plan]),
    repo.progressOf(db, plan.id, current),
    capacityOf(db, plan, opts),
    repo.teamLoad(db, plan.id),
  ]);
  const totals = zero();
  const months = months12();
  const counties = new Map<string, { totals: PlanProgressCounts; months: ReturnType<typeof months12> }>();
  for (const r of progress) {
    add(totals, r);
    add(months[r.month - 1] as PlanProgressCounts, r);
    const c = counties.get(r.county) ?? { totals: zero(), months: months12() };
    add(c.totals, r);
    add(c.months[r.month - 1] as PlanProgressCounts, r);
    counties.set(r.county, c);
  }
  const names = new Map((await findRegions(db, [...counties.keys()])).map((r) => [r.code, r.name]));
  const visits = new Map(load.map((l) => [l.userId, l]));
  const inspectors = [
    ...capacity.officers.map((o) => ({ ...o, visits: visits.get(o.userId)?.visits ?? 0, inPool: true })),
    ...load
      .filter((l) => !capacity.officers.some((o) => o.userId === l.userId))
      .map((l) => ({ userId: l.userId, name: l.name, certNo: l.certNo, visits: l.visits, inPool: false })),
  ];
  const { officers: _officers, ...figures } = capacity;
  return {
    ...(presented as InspectionPlan),
    groups: storedGroups(plan).map(({ fromMonth: _from, ...g }) => g),
    capacity: figures,
    inspectors,
    progress: {
      currentMonth: current,
      totals,
      months,
      counties: [...counties].map(([code, c]) => ({ code, name: names.get(code) ?? null, ...c.totals, months: c.months })),
    },
  };
}

async function listPlanItemsOf(db: Db, ctx: Ctx, plan: repo.PlanRow, q: PlanItemsQuery, only?: string[]): Promise<Page<PlanItem>> {
  const current = currentPlanMonth(plan.year, today(ctx));
  const { items, total } = await repo.listItems(db, plan.id, q, current, only);
  const facts = await enterpriseFacts(
    db,
    ctx,
    items.map((i) => i.enterpriseId),
  );
  return {
    items: items.map((i) => ({
      id: i.id,
      enterpriseId: i.enterpriseId,
      enterpriseName: facts.get(i.enterpriseId)?.name ?? null,
      regionCode: i.regionCode,
      group: i.groupKey as PlanGroupKey,
      month: i.month,
      team: i.team,
      status: planItemStatus(i.month, current, !!i.doneInspectionId),
      inspectionId: i.doneInspectionId,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** GET /api/inspection-plans/:id/items?month=&county=&group=&status=: the planned visits with their progress. */
export async function listPlanItems(db: Db, ctx: Ctx, id: string, q: PlanItemsQuery): Promise<Page<PlanItem>> {
  return listPlanItemsOf(db, ctx, await loadPlan(db, ctx, id), q);
}

/** The deployment's defaults, for the draft form. */
export function planDefaults(opts: PlanOptions): PlanDefaults {
  return {
    groups: planGroupKeys.map((key) => ({ key, frequency: opts.frequencies[key] })),
    reserveShare: defaultReserveShare,
    visitsPerInspectorMonth: opts.visitsPerInspectorMonth,
    teamSize: planTeamSize,
  };
}

/**
 * For the inspections module: the planned visit an inspection of kind `planned` names, if the caller may see its
 * plan, with the plan's status (only an approved plan is in effect), so the inspection can be checked against it.
 */
export async function planItemFor(
  db: Db,
  ctx: Ctx,
  itemId: string,
): Promise<{ planId: string; planStatus: string; enterpriseId: string; month: number; year: number } | null> {
  const found = await repo.findItemWithPlan(db, itemId, planScope(ctx.actor));
  if (!found) return null;
  return {
    planId: found.plan.id,
    planStatus: found.plan.status,
    enterpriseId: found.item.enterpriseId,
    month: found.item.month,
    year: found.plan.year,
  };
}
