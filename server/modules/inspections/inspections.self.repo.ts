import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { inspections, selfInspectionSchedules as s } from "./inspections.schema.js";

export type ScheduleRow = typeof s.$inferSelect;

export async function findSchedule(db: Db, id: string, scope: SQL): Promise<ScheduleRow | undefined> {
  const [row] = await db
    .select()
    .from(s)
    .where(and(eq(s.id, id), scope))
    .limit(1);
  return row;
}

/** The schedule row locked for the rest of the transaction: two starts of one occurrence run one after the other. */
export async function lockSchedule(tx: Db, id: string): Promise<ScheduleRow | undefined> {
  const [row] = await tx.select().from(s).where(eq(s.id, id)).for("update").limit(1);
  return row;
}

export type ScheduleFilter = { enterpriseId?: string; assigneeUserId?: string; active?: boolean };

export async function listSchedules(db: Db, scope: SQL, f: ScheduleFilter, page: { page: number; pageSize: number }) {
  const where = and(
    scope,
    f.enterpriseId ? eq(s.enterpriseId, f.enterpriseId) : undefined,
    f.assigneeUserId ? eq(s.assigneeUserId, f.assigneeUserId) : undefined,
    f.active === undefined ? undefined : f.active ? isNull(s.endedOn) : sql`${s.endedOn} is not null`,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(s)
      .where(where)
      .orderBy(asc(s.enterpriseId), asc(s.createdAt), asc(s.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(s).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function insertSchedule(db: Db, values: typeof s.$inferInsert): Promise<ScheduleRow> {
  const [row] = await db.insert(s).values(values).returning();
  return row as ScheduleRow;
}

/**
 * The last day of the period a key names, in SQL, for the schedule's frequency: the keys of
 * domain/checks/schedule.ts periodContaining (2026-11-23, W2026-11-23, 2026-11, 2026Q4, 2026H2, 2026).
 */
export function periodEndSql(frequency: SQL | typeof s.frequency, key: SQL | typeof inspections.periodKey): SQL {
  return sql`(case ${frequency}
    when 'daily' then ${key}::date
    when 'weekly' then substr(${key}, 2)::date + 6
    when 'monthly' then (to_date(${key} || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day')::date
    when 'quarterly' then (make_date(left(${key}, 4)::int, substr(${key}, 6, 1)::int * 3 - 2, 1) + interval '3 months' - interval '1 day')::date
    when 'half_yearly' then (make_date(left(${key}, 4)::int, substr(${key}, 6, 1)::int * 6 - 5, 1) + interval '6 months' - interval '1 day')::date
    else make_date(left(${key}, 4)::int, 12, 31)
  end)`;
}

/** The Shanghai calendar day of an instant (UTC+8 all year, no time-zone database needed). */
const shanghaiDate = (col: SQL | typeof inspections.finishedAt) => sql`((${col} at time zone 'UTC') + interval '8 hours')::date`;

/** Bounds on the closed periods that count: period end in [from, to], before today and before the schedule ended. */
export type DoneWindow = { from: string | null; to: string | null; today: string };

/**
 * Done occurrences per schedule: its self-inspections finished on or before the last day of their period, for
 * periods closed within the window (the same periods dueInWindow counts).
 */
export function doneCondition(w: DoneWindow): SQL {
  const end = periodEndSql(s.frequency, inspections.periodKey);
  return sql`${inspections.status} = 'finished'
    and ${shanghaiDate(inspections.finishedAt)} <= ${end}
    and ${end} < ${w.today}::date
    and (${s.endedOn} is null or ${end} < ${s.endedOn})
    ${w.from ? sql`and ${end} >= ${w.from}::date` : sql``}
    ${w.to ? sql`and ${end} <= ${w.to}::date` : sql``}`;
}

export async function doneCounts(db: Db, scheduleIds: string[], w: DoneWindow): Promise<Map<string, number>> {
  if (scheduleIds.length === 0) return new Map();
  const rows = await db
    .select({ id: s.id, done: sql<number>`count(*)::int` })
    .from(s)
    .innerJoin(inspections, and(eq(inspections.scheduleId, s.id), eq(inspections.kind, "self")))
    .where(and(inArray(s.id, scheduleIds), doneCondition(w)))
    .groupBy(s.id);
  return new Map(rows.map((r) => [r.id, r.done]));
}

export type OccurrenceRow = { id: string; scheduleId: string; periodKey: string; status: string; finishedAt: Date | null };

/** The self-inspections started for the given occurrences (schedule, period key). */
export async function occurrenceInspections(db: Db, scheduleIds: string[], keys: string[]): Promise<OccurrenceRow[]> {
  if (scheduleIds.length === 0 || keys.length === 0) return [];
  const rows = await db
    .select({
      id: inspections.id,
      scheduleId: inspections.scheduleId,
      periodKey: inspections.periodKey,
      status: inspections.status,
      finishedAt: inspections.finishedAt,
    })
    .from(inspections)
    .where(and(inArray(inspections.scheduleId, scheduleIds), inArray(inspections.periodKey, keys), eq(inspections.kind, "self")))
    .orderBy(asc(inspections.startedAt));
  return rows as OccurrenceRow[];
}

/** The inspection already started for one occurrence (the first, should there ever be two). */
export async function findOccurrence(db: Db, scheduleId: string, periodKey: string): Promise<OccurrenceRow | undefined> {
  return (await occurrenceInspections(db, [scheduleId], [periodKey]))[0];
}

/** Marks a self-inspection as the one done for an occurrence. */
export async function stampOccurrence(tx: Db, inspectionId: string, scheduleId: string, periodKey: string): Promise<void> {
  await tx.update(inspections).set({ scheduleId, periodKey }).where(eq(inspections.id, inspectionId));
}

/**
 * Every schedule of a region subtree (in scope) that could have occurrences due in the window, with its done count,
 * in one grouped query: the regulator's completion view.
 */
export async function schedulesWithDone(db: Db, scope: SQL, region: string | null, w: DoneWindow & { from: string }) {
  return db
    .select({
      id: s.id,
      enterpriseId: s.enterpriseId,
      regionCode: s.regionCode,
      frequency: s.frequency,
      startsOn: s.startsOn,
      endedOn: s.endedOn,
      done: sql<number>`(count(${inspections.id}) filter (where ${doneCondition(w)}))::int`,
    })
    .from(s)
    .leftJoin(inspections, and(eq(inspections.scheduleId, s.id), eq(inspections.kind, "self")))
    .where(
      and(
        scope,
        region ? sql`${s.regionCode} like ${`${likeEscape(region)}%`}` : undefined,
        // Started before the window closed and not ended before it opened.
        sql`${s.startsOn} < ${w.today}::date`,
        w.to ? sql`${s.startsOn} <= ${w.to}::date` : undefined,
        sql`(${s.endedOn} is null or ${s.endedOn} > ${w.from}::date)`,
      ),
    )
    .groupBy(s.id);
}
