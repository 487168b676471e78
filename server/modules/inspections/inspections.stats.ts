import { scopeKindOf } from "../../../domain/access/roles.js";
import { addDays, shanghaiDay, shanghaiMidnight, type WorkCalendar } from "../../../domain/common/calendar.js";
import { maxPageSize } from "../../../domain/common/page.js";
import { inspectionKinds } from "../../../domain/inspections/inspection.js";
import { publishedOnTime as isPublishedOnTime } from "../../../domain/inspections/publication.js";
import {
  type DoubleRandomFigures,
  type InspectionKindCounts,
  type InspectionStats,
  type InspectionStatsFigures,
  type InspectionStatsGroup,
  type InspectionStatsQuery,
  shareOf,
} from "../../../domain/inspections/stats.dto.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { fieldError, notFound } from "../../kernel/http/errors.js";
import { departmentsByIds } from "../departments/departments.service.js";
import { countEnterprisesByStatus } from "../enterprises/enterprises.stats.js";
import { hazardSummaries } from "../hazards/hazards.intake.js";
import { drawResultsPublicFrom, listRandomDraws } from "../random-draws/random-draws.service.js";
import { findRegion, listRegionChildren, regionEntity } from "../regions/regions.service.js";
import { inspectionScope } from "./inspections.policy.js";
import { inspectionPlanItems } from "./inspections.schema.js";
import * as repo from "./inspections.stats.repo.js";
import "./stats.messages.js";

const today = (ctx: Ctx) => shanghaiDay(ctx.now);
/** The child level's code length under a code of a given length (GB/T 2260 truncated codes). */
const childLength = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 } as const;
/** Plan items are scoped by the enterprise's region, as the inspections are. */
const planItemScope = (actor: Actor | null) => scopeWhere(actor, { region: inspectionPlanItems.regionCode });

/**
 * The region the figures cover: the one asked for, else the caller's own (the whole country for an administrator).
 * Outside the caller's subtree is 404, as for any record out of scope.
 */
async function statsRegion(db: Db, actor: Actor, asked: string | undefined) {
  const own = scopeKindOf[actor.role] === "region" ? actor.regionCode : null;
  const code = asked ?? own;
  if (!code) return null;
  if (own && !code.startsWith(own)) throw notFound(regionEntity);
  const region = await findRegion(db, code);
  if (!region) throw notFound(regionEntity);
  return { code: region.code, name: region.name };
}

/**
 * What a statistics request covers (the inspection and the enforcement statistics): the period (default this year
 * to today; from after to → 400 `<prefix>.from_after_to`), the region (statsRegion), the department if asked
 * (unknown → 400 `<prefix>.department_unknown` on `departmentField`) and the code length of the region's children.
 */
export async function statsFrame(
  db: Db,
  ctx: Ctx,
  q: { from?: string; to?: string; region?: string; department?: string },
  messages: { prefix: string; departmentField: string },
) {
  const day = today(ctx);
  const from = q.from ?? `${day.slice(0, 4)}-01-01`;
  const to = q.to ?? day;
  if (from > to) throw fieldError(q.to ? "to" : "from", `${messages.prefix}.from_after_to`);
  const region = await statsRegion(db, ctx.actor as Actor, q.region);
  let department: { id: string; name: string } | null = null;
  if (q.department) {
    const [d] = await departmentsByIds(db, [q.department]);
    if (!d) throw fieldError(messages.departmentField, `${messages.prefix}.department_unknown`);
    department = { id: d.id, name: d.name };
  }
  const childCodeLength = childLength[(region?.code.length ?? 0) as keyof typeof childLength];
  return { from, to, region, department, childCodeLength };
}

type Parts = {
  inspections?: repo.InspectionCountsRow;
  plan?: repo.PlanCountsRow;
  major: number;
  /** Enterprises on the register (not closed) in the group's region; null for department groups. */
  enterprises: number | null;
};

const zeroKinds = (): InspectionKindCounts => Object.fromEntries(inspectionKinds.map((k) => [k, 0])) as InspectionKindCounts;

function figures(p: Parts): InspectionStatsFigures {
  const c = p.inspections;
  const planDue = p.plan?.due ?? 0;
  const planDone = p.plan?.done ?? 0;
  const covered = c?.enterprisesCovered ?? 0;
  const finished = c?.finished ?? 0;
  const hazardsFound = c?.hazardsFound ?? 0;
  return {
    byKind: c?.byKind ?? zeroKinds(),
    inspections: c?.inspections ?? 0,
    finished,
    enterprisesCovered: covered,
    enterprises: p.enterprises,
    coverageRate: p.enterprises === null ? null : shareOf(covered, p.enterprises),
    planDue,
    planDone,
    planRate: shareOf(planDone, planDue),
    hazardsFound,
    hazardsPerInspection: shareOf(hazardsFound, finished),
    majorFound: p.major,
    doubleRandomDone: c?.doubleRandomDone ?? 0,
  };
}

/**
 * 双随机: the draws executed in the period by bodies of the region subtree (and the department), through the draw
 * register's service, how many of the enterprises they drew have been inspected for that draw, and how many of
 * those results were published on time (R7).
 */
async function doubleRandomFigures(
  db: Db,
  ctx: Ctx,
  w: { from: string; to: string },
  f: { region: string | null; departmentId: string | null },
  calendar: WorkCalendar,
): Promise<DoubleRandomFigures> {
  const after = shanghaiMidnight(w.from).getTime();
  const before = shanghaiMidnight(addDays(w.to, 1)).getTime();
  const draws: { id: string; drawn: number }[] = [];
  for (let page = 1; ; page++) {
    const p = await listRandomDraws(db, ctx, { status: "executed", page, pageSize: maxPageSize });
    for (const d of p.items) {
      const at = d.executedAt ? new Date(d.executedAt).getTime() : Number.NaN;
      if (!(at >= after && at < before)) continue;
      if (f.region && !d.regionCode.startsWith(f.region)) continue;
      if (f.departmentId && d.departmentId !== f.departmentId) continue;
      draws.push({ id: d.id, drawn: d.drawnCount });
    }
    if (page * maxPageSize >= p.total) break;
  }
  const drawn = draws.reduce((n, d) => n + d.drawn, 0);
  const ids = draws.map((d) => d.id);
  const [finished, publicFrom] = await Promise.all([
    repo.finishedOfDraws(db, inspectionScope(ctx.actor), ids),
    drawResultsPublicFrom(db, ctx, ids),
  ]);
  // A drawn enterprise counts once per draw, by its first finished inspection (the rows come oldest first).
  const firstFinish = new Map<string, { drawId: string; finishedAt: Date }>();
  for (const r of finished) if (!firstFinish.has(`${r.drawId}|${r.enterpriseId}`)) firstFinish.set(`${r.drawId}|${r.enterpriseId}`, r);
  // R7: a result is public from the moment its inspection finishes (GET /api/public/random-draws/:id/results),
  // but not before the draw's record shows the result (四不两直: its reveal date); on time = within 20 working days.
  let publishedOnTime = 0;
  for (const r of firstFinish.values()) {
    const revealedOn = publicFrom.get(r.drawId);
    const ended = shanghaiDay(r.finishedAt);
    if (revealedOn && isPublishedOnTime({ ended, revealedOn, today: today(ctx) }, calendar)) publishedOnTime++;
  }
  const inspected = firstFinish.size;
  return { draws: draws.length, drawn, inspected, inspectedRate: shareOf(inspected, drawn), publishedOnTime };
}

/** Enterprises not closed in a region subtree ("" = everywhere). */
async function registered(db: Db, prefix: string): Promise<number> {
  const s = await countEnterprisesByStatus(db, prefix);
  return s.operating + s.suspended;
}

/**
 * GET /api/inspections/stats (issue 7 §7): for a region subtree and period, optionally one department, the totals
 * and one group per child region (or per department): inspections by kind, supervisory inspections and finished
 * ones, enterprises covered and the coverage of the register, approved plan items due and done, hazards raised per
 * finished inspection and 重大 among them; and the double-random draws executed in the period with the share of
 * drawn enterprises inspected and of results published on time. `calendar`: HOLIDAYS and 调休 WORKDAYS (R7's working days).
 */
export async function inspectionStats(db: Db, ctx: Ctx, q: InspectionStatsQuery, calendar: WorkCalendar = {}): Promise<InspectionStats> {
  const actor = ctx.actor as Actor;
  const { from, to, region, department, childCodeLength } = await statsFrame(
    db,
    ctx,
    { from: q.from, to: q.to, region: q.region, department: q.department },
    { prefix: "inspections.stats", departmentField: "department" },
  );
  const window = { from, to };
  const filter = { region: region?.code ?? null, departmentId: department?.id ?? null };
  const key: repo.StatsKey = q.groupBy === "region" ? { by: "region", length: childCodeLength } : { by: "department" };

  const [counts, plan, raised, doubleRandom] = await Promise.all([
    repo.inspectionCounts(db, inspectionScope(actor), window, filter, key),
    repo.planCounts(db, planItemScope(actor), window, filter, key),
    repo.raisedHazards(db, inspectionScope(actor), window, filter, key),
    doubleRandomFigures(db, ctx, window, filter, calendar),
  ]);
  // 重大 among the hazards raised, as the hazard register grades them now (batched by 1,000 ids).
  const major = new Map<string | null, number>();
  let majorTotal = 0;
  for (let n = 0; n < raised.length; n += 1000) {
    const batch = raised.slice(n, n + 1000);
    const levels = new Map(
      (
        await hazardSummaries(
          db,
          batch.map((r) => r.hazardId),
        )
      ).map((h) => [h.id, h.level]),
    );
    for (const r of batch) {
      if (levels.get(r.hazardId) !== "major") continue;
      majorTotal++;
      major.set(r.key, (major.get(r.key) ?? 0) + 1);
    }
  }

  const countsBy = new Map(counts.filter((r) => !r.isTotal).map((r) => [r.key, r]));
  const planBy = new Map(plan.filter((r) => !r.isTotal).map((r) => [r.key, r]));
  const keys = new Set<string | null>([...countsBy.keys(), ...planBy.keys(), ...major.keys()]);
  // Coverage of the register only makes sense for all of a region's inspections, not one department's.
  const group = async (k: string | null, label: string | null, withRegister: boolean): Promise<InspectionStatsGroup> => ({
    key: k,
    label,
    ...figures({
      inspections: countsBy.get(k),
      plan: planBy.get(k),
      major: major.get(k) ?? 0,
      enterprises: withRegister && !department && k ? await registered(db, k) : null,
    }),
  });

  const groups: InspectionStatsGroup[] = [];
  if (q.groupBy === "region") {
    // Every child region, those without inspections too (coverage 0 is a finding).
    const children = (await listRegionChildren(db, region?.code ?? null)).items;
    for (const c of children) groups.push(await group(c.code, c.name, true));
    const named = new Set(children.map((c) => c.code));
    for (const k of keys) if (!named.has(k ?? "")) groups.push(await group(k, k === region?.code ? (region?.name ?? null) : null, true));
  } else {
    const names = new Map(
      (
        await departmentsByIds(
          db,
          [...keys].filter((k): k is string => !!k),
        )
      ).map((d) => [d.id, d.name]),
    );
    const sorted = [...keys].sort((a, b) => (a === null ? 1 : b === null ? -1 : (names.get(a) ?? a).localeCompare(names.get(b) ?? b)));
    for (const k of sorted) groups.push(await group(k, k ? (names.get(k) ?? null) : null, false));
  }

  return {
    region,
    department,
    from,
    to,
    groupBy: q.groupBy,
    totals: figures({
      inspections: counts.find((r) => r.isTotal),
      plan: plan.find((r) => r.isTotal),
      major: majorTotal,
      enterprises: department ? null : await registered(db, region?.code ?? ""),
    }),
    groups,
    doubleRandom,
  };
}
