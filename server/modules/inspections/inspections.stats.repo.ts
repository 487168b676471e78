import { and, asc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import { addDays, type CalendarDay, shanghaiMidnight } from "../../../domain/common/calendar.js";
import { type InspectionKind, inspectionKinds } from "../../../domain/inspections/inspection.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import {
  inspections as i,
  inspectionPlanItems as items,
  inspectionPlans as plans,
  inspectionResponses as responses,
} from "./inspections.schema.js";

/**
 * The inspection statistics in SQL (issue 7 §7). Each query scans its table once for a region subtree (prefix) and
 * period and counts with FILTER clauses under GROUPING SETS, so the totals row and the groups come from the same
 * pass. Period bounds are Asia/Shanghai midnights passed as instants; every count is cast ::int for both drivers.
 */
export type StatsWindow = { from: CalendarDay; to: CalendarDay };
export type StatsFilter = { region: string | null; departmentId: string | null };
/** Grouped by the first `length` digits of the region code (the child level), or by department. */
export type StatsKey = { by: "region"; length: 2 | 4 | 6 | 9 | 12 } | { by: "department" };

const instant = (day: CalendarDay) => sql`${shanghaiMidnight(day).toISOString()}::timestamptz`;
const count = (where: SQL) => sql<number>`(count(*) filter (where ${where}))::int`;
const supervisory = sql`${i.kind} <> 'self'`;

type Keyed = { key: string | null; isTotal: boolean };
export type InspectionCountsRow = Keyed & {
  byKind: Record<InspectionKind, number>;
  inspections: number;
  finished: number;
  enterprisesCovered: number;
  hazardsFound: number;
  doubleRandomDone: number;
};

function grouped<T extends { key: string | null; isTotal: number }>(rows: T[]): (Omit<T, "isTotal"> & Keyed)[] {
  return rows.map((r) => ({ ...r, isTotal: Number(r.isTotal) === 1 }));
}

/**
 * Inspections started in the period: per kind, supervisory ones (every kind but 自查) and how many finished,
 * distinct enterprises covered, hazards raised by the finished supervisory ones (responses linked to a hazard), and
 * distinct (draw, enterprise) pairs with a finished inspection linked to a draw (double-random, whatever its kind).
 */
export async function inspectionCounts(db: Db, scope: SQL, w: StatsWindow, f: StatsFilter, key: StatsKey): Promise<InspectionCountsRow[]> {
  const groupKey = key.by === "region" ? sql`left(${i.regionCode}, ${sql.raw(String(key.length))})` : sql`${i.departmentId}::text`;
  const finishedSupervisory = sql`${supervisory} and ${i.status} = 'finished'`;
  const hazardsPer = db
    .select({ inspectionId: responses.inspectionId, n: sql<number>`count(*)::int`.as("n") })
    .from(responses)
    .where(isNotNull(responses.hazardId))
    .groupBy(responses.inspectionId)
    .as("hz");
  const kinds = Object.fromEntries(inspectionKinds.map((k) => [k, count(sql`${i.kind} = ${k}`)])) as Record<InspectionKind, SQL<number>>;
  const rows = await db
    .select({
      key: sql<string | null>`${groupKey}`,
      isTotal: sql<number>`grouping(${groupKey})::int`,
      ...kinds,
      inspections: count(supervisory),
      finished: count(finishedSupervisory),
      enterprisesCovered: sql<number>`(count(distinct ${i.enterpriseId}) filter (where ${supervisory}))::int`,
      hazardsFound: sql<number>`(coalesce(sum(${hazardsPer.n}) filter (where ${finishedSupervisory}), 0))::int`,
      doubleRandomDone: sql<number>`(count(distinct (${i.drawId}, ${i.enterpriseId})) filter (where ${i.drawId} is not null and ${i.status} = 'finished'))::int`,
    })
    .from(i)
    .leftJoin(hazardsPer, eq(hazardsPer.inspectionId, i.id))
    .where(
      and(
        scope,
        f.region ? sql`${i.regionCode} like ${`${likeEscape(f.region)}%`}` : undefined,
        f.departmentId ? eq(i.departmentId, f.departmentId) : undefined,
        sql`${i.startedAt} >= ${instant(w.from)} and ${i.startedAt} < ${instant(addDays(w.to, 1))}`,
      ),
    )
    .groupBy(sql`grouping sets ((), (${groupKey}))`);
  return grouped(rows).map((r) => ({
    key: r.key,
    isTotal: r.isTotal,
    byKind: Object.fromEntries(inspectionKinds.map((k) => [k, Number(r[k])])) as Record<InspectionKind, number>,
    inspections: r.inspections,
    finished: r.finished,
    enterprisesCovered: r.enterprisesCovered,
    hazardsFound: r.hazardsFound,
    doubleRandomDone: r.doubleRandomDone,
  }));
}

/** The hazards raised by finished supervisory inspections started in the period, with the group each counts in. */
export async function raisedHazards(db: Db, scope: SQL, w: StatsWindow, f: StatsFilter, key: StatsKey) {
  const groupKey = key.by === "region" ? sql`left(${i.regionCode}, ${sql.raw(String(key.length))})` : sql`${i.departmentId}::text`;
  return db
    .select({ key: sql<string | null>`${groupKey}`, hazardId: sql<string>`${responses.hazardId}` })
    .from(responses)
    .innerJoin(i, eq(i.id, responses.inspectionId))
    .where(
      and(
        scope,
        isNotNull(responses.hazardId),
        supervisory,
        eq(i.status, "finished"),
        f.region ? sql`${i.regionCode} like ${`${likeEscape(f.region)}%`}` : undefined,
        f.departmentId ? eq(i.departmentId, f.departmentId) : undefined,
        sql`${i.startedAt} >= ${instant(w.from)} and ${i.startedAt} < ${instant(addDays(w.to, 1))}`,
      ),
    );
}

/**
 * Finished inspections linked to the given draws (draw_id; createInspection checks the link, so any kind linked is
 * the draw's: double_random, unannounced or cross_area), oldest first: the statistics' "inspected" and "published on
 * time" and the public results page (double-random.md R7) read the same rows.
 */
export async function finishedOfDraws(
  db: Db,
  scope: SQL,
  drawIds: string[],
): Promise<{ drawId: string; enterpriseId: string; finishedAt: Date; result: string | null }[]> {
  if (drawIds.length === 0) return [];
  const found = await db
    .select({ drawId: i.drawId, enterpriseId: i.enterpriseId, finishedAt: i.finishedAt, result: i.result })
    .from(i)
    .where(and(scope, inArray(i.drawId, drawIds), eq(i.status, "finished"), isNotNull(i.finishedAt)))
    .orderBy(asc(i.finishedAt), asc(i.id));
  return found.map((r) => ({ ...r, drawId: r.drawId as string, finishedAt: r.finishedAt as Date }));
}

export type PlanCountsRow = Keyed & { due: number; done: number };

/**
 * Items of approved annual plans whose month overlaps the period (the enterprise's region), and those done: a
 * finished inspection linked either way (the item's inspection, or an inspection naming the item).
 */
export async function planCounts(db: Db, scope: SQL, w: StatsWindow, f: StatsFilter, key: StatsKey): Promise<PlanCountsRow[]> {
  const groupKey = key.by === "region" ? sql`left(${items.regionCode}, ${sql.raw(String(key.length))})` : sql`${plans.departmentId}::text`;
  const monthStart = sql`make_date(${plans.year}, ${items.month}, 1)`;
  const done = sql`exists (select 1 from ${i} where ${i.status} = 'finished' and (${i.id} = ${items.inspectionId} or ${i.planItemId} = ${items.id}))`;
  const rows = await db
    .select({
      key: sql<string | null>`${groupKey}`,
      isTotal: sql<number>`grouping(${groupKey})::int`,
      due: sql<number>`count(*)::int`,
      done: count(done),
    })
    .from(items)
    .innerJoin(plans, eq(plans.id, items.planId))
    .where(
      and(
        scope,
        eq(plans.status, "approved"),
        f.region ? sql`${items.regionCode} like ${`${likeEscape(f.region)}%`}` : undefined,
        f.departmentId ? eq(plans.departmentId, f.departmentId) : undefined,
        // The item's month overlaps [from, to].
        sql`${monthStart} <= ${w.to}::date and (${monthStart} + interval '1 month')::date > ${w.from}::date`,
      ),
    )
    .groupBy(sql`grouping sets ((), (${groupKey}))`);
  return grouped(rows);
}
