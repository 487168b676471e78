import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { addDays, type CalendarDay, shanghaiMidnight } from "../../../domain/common/calendar.js";
import { type HazardCounts, statsEndDay } from "../../../domain/hazards/stats.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Remember } from "../../kernel/cache/versioned-memo.js";
import type { Db } from "../../kernel/db/db.js";
import { hazards as h, hazardStatReports } from "./hazards.schema.js";

/**
 * The statistics of domain/hazards/stats.ts in SQL: one pass over the hazards of a region subtree (the region
 * prefix index) that were registered before the period's end and not closed before its start, counted with
 * FILTER clauses and grouped with GROUPING SETS, so the totals row and the groups come from the same scan.
 * Period boundaries are Asia/Shanghai midnights passed as instants; counts are cast ::int for both drivers.
 */
export type StatsWindow = { from: CalendarDay; to: CalendarDay; today: CalendarDay };

const instant = (day: CalendarDay) => sql`${shanghaiMidnight(day).toISOString()}::timestamptz`;
/** The Shanghai calendar day of an instant column (no time-zone database needed: UTC+8 all year). */
const shanghaiDate = (col: SQL | typeof h.closedAt) => sql`((${col} at time zone 'UTC') + interval '8 hours')::date`;

function conditions({ from, to, today }: StatsWindow) {
  const end = statsEndDay(to, today);
  const start = instant(from);
  const afterTo = instant(addDays(to, 1));
  const afterEnd = instant(addDays(end, 1));
  const accepted = sql`${h.status} = 'accepted'`;
  const openAtEnd = sql`${h.reportedAt} < ${afterEnd} and (not ${accepted} or ${h.closedAt} >= ${afterEnd})`;
  return {
    /** Rows that can count at all: not voided, registered before the period ended, not closed before it began. */
    relevant: sql`${h.status} <> 'voided' and ${h.reportedAt} < ${afterTo} and (${h.closedAt} is null or ${h.closedAt} >= ${start})`,
    found: sql`${h.reportedAt} >= ${start} and ${h.reportedAt} < ${afterTo}`,
    closedByEnd: sql`${accepted} and ${h.closedAt} < ${afterEnd}`,
    rectified: sql`${accepted} and ${h.closedAt} >= ${start} and ${h.closedAt} < ${afterTo}`,
    // 立即整改 (no deadline) is on time.
    onTime: sql`(${h.deadline} is null or ${shanghaiDate(h.closedAt)} <= ${h.deadline})`,
    openAtEnd,
    overdue: sql`${h.deadline} < ${end}::date`,
  };
}

/** What the counts are grouped by; lengths are literals so the select and GROUP BY expressions match exactly. */
export type StatsKey =
  | { by: "region"; length: 2 | 4 | 6 | 9 | 12 }
  | { by: "industry" }
  | { by: "category" }
  | { by: "enterprise" }
  | { by: "level" };

function keyExpression(key: StatsKey): SQL {
  switch (key.by) {
    case "region":
      return sql`left(${h.regionCode}, ${sql.raw(String(key.length))})`;
    case "industry":
      // GB/T 4754 division (大类): the first two digits.
      return sql`left(${h.industryCode}, 2)`;
    case "category":
      return sql`${h.category}`;
    case "enterprise":
      return sql`${h.enterpriseId}::text`;
    case "level":
      return sql`${h.level}`;
  }
}

export type CountsRow = HazardCounts & { key: string | null; isTotal: boolean };

/** What the counts are of: scope, window, region subtree or enterprise, grouping, and how many groups at most. */
type CountsArgs = [
  scope: SQL,
  window: StatsWindow,
  filter: { region?: string | null; enterpriseId?: string },
  key: StatsKey | null,
  /** Only the totals row and the `limit` largest groups (by found, then open) are returned. */
  limit?: number,
];

/**
 * The counts for a window, in scope, optionally in a region subtree or for one enterprise: a totals row
 * (isTotal) and, with a key, one row per group. `remember` keeps them under the query's inputs
 * (hazards.changes.ts); they are computed every time without.
 */
export async function hazardCounts(
  db: Db,
  ...[scope, window, filter, key, limit, remember = (_k, run) => run()]: [...CountsArgs, remember?: Remember<CountsRow[]>]
): Promise<CountsRow[]> {
  // The query is a function of these inputs, so they are its key: a remembered answer costs no query building.
  const scopeSql = dialect.sqlToQuery(scope);
  const inputs = JSON.stringify([scopeSql.sql, scopeSql.params, window, filter, key, limit]);
  return remember(inputs, () => countsQuery(db, scope, window, filter, key, limit));
}

const dialect = new PgDialect();

async function countsQuery(db: Db, ...[scope, window, filter, key, limit]: CountsArgs): Promise<CountsRow[]> {
  const c = conditions(window);
  const count = (where: SQL) => sql<number>`(count(*) filter (where ${where}))::int`;
  const groupKey = key ? keyExpression(key) : null;
  const query = db
    .select({
      key: groupKey ? sql<string | null>`${groupKey}` : sql<string | null>`null`,
      isTotal: groupKey ? sql<number>`grouping(${groupKey})::int` : sql<number>`1`,
      found: count(c.found),
      foundClosed: count(sql`${c.found} and ${c.closedByEnd}`),
      rectified: count(c.rectified),
      onTime: count(sql`${c.rectified} and ${c.onTime}`),
      open: count(c.openAtEnd),
      openMajor: count(sql`${c.openAtEnd} and ${h.level} = 'major'`),
      overdue: count(sql`${c.openAtEnd} and ${c.overdue}`),
    })
    .from(h)
    .where(
      and(
        scope,
        filter.region ? sql`${h.regionCode} like ${`${likeEscape(filter.region)}%`}` : undefined,
        filter.enterpriseId ? eq(h.enterpriseId, filter.enterpriseId) : undefined,
        c.relevant,
      ),
    );
  const grouped = groupKey ? query.groupBy(sql`grouping sets ((), (${groupKey}))`) : null;
  const final = !grouped
    ? query
    : limit === undefined
      ? grouped
      : grouped.orderBy(sql`grouping(${groupKey}) desc`, desc(count(c.found)), desc(count(c.openAtEnd))).limit(limit + 1);
  return (await final).map(({ isTotal, ...r }) => ({ ...r, isTotal: Number(isTotal) === 1 }));
}

/**
 * What the 16号令 report adds for one enterprise: open hazards with a plan, planned funds (fen) of the rectified
 * and of the open ones, and the open 重大 hazards with their plans (at most 200, oldest first).
 */
export async function reportDetails(db: Db, enterpriseId: string, window: StatsWindow) {
  const c = conditions(window);
  const where = and(eq(h.enterpriseId, enterpriseId), c.relevant);
  const [sums] = await db
    .select({
      openWithPlan: sql<number>`(count(*) filter (where ${c.openAtEnd} and ${h.plan} is not null))::int`,
      fundsRectifiedFen: sql<number>`coalesce(sum(${h.fundsFen}) filter (where ${c.rectified}), 0)::float8`,
      fundsOpenFen: sql<number>`coalesce(sum(${h.fundsFen}) filter (where ${c.openAtEnd}), 0)::float8`,
    })
    .from(h)
    .where(where);
  const openMajor = await db
    .select({
      description: h.description,
      reportedAt: h.reportedAt,
      deadline: h.deadline,
      plan: h.plan,
      fundsFen: h.fundsFen,
      status: h.status,
    })
    .from(h)
    .where(and(where, c.openAtEnd, eq(h.level, "major")))
    .orderBy(h.reportedAt)
    .limit(200);
  return {
    openWithPlan: sums?.openWithPlan ?? 0,
    fundsRectifiedFen: Number(sums?.fundsRectifiedFen ?? 0),
    fundsOpenFen: Number(sums?.fundsOpenFen ?? 0),
    openMajor,
  };
}

export type StatReportRow = typeof hazardStatReports.$inferSelect;

export function statReportsOf(db: Db, enterpriseIds: string[], periods: string[]): Promise<StatReportRow[]> {
  if (enterpriseIds.length === 0 || periods.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(hazardStatReports)
    .where(and(inArray(hazardStatReports.enterpriseId, enterpriseIds), inArray(hazardStatReports.period, periods)));
}

/** Inserts a submission; undefined when the enterprise already submitted the period (unique index). */
export async function insertStatReport(db: Db, values: typeof hazardStatReports.$inferInsert): Promise<StatReportRow | undefined> {
  const [row] = await db.insert(hazardStatReports).values(values).onConflictDoNothing().returning();
  return row;
}

/** Submissions of a period in a region subtree, in scope: how many, how many on time. */
export async function submissionCounts(db: Db, scope: SQL, period: string, region: string | null) {
  const [row] = await db
    .select({
      submitted: sql<number>`count(*)::int`,
      onTime: sql<number>`(count(*) filter (where ${hazardStatReports.onTime}))::int`,
    })
    .from(hazardStatReports)
    .where(
      and(
        scope,
        eq(hazardStatReports.period, period),
        region ? sql`${hazardStatReports.regionCode} like ${`${likeEscape(region)}%`}` : undefined,
      ),
    );
  return { submitted: row?.submitted ?? 0, onTime: row?.onTime ?? 0 };
}

/** Hazards registered in [from, to] (Shanghai days) per enterprise of a subtree, and the 重大 among them; voided ones left out. */
export function foundByEnterprise(db: Db, scope: SQL, region: string, from: CalendarDay, to: CalendarDay) {
  return db
    .select({
      enterpriseId: h.enterpriseId,
      found: sql<number>`count(*)::int`,
      major: sql<number>`(count(*) filter (where ${h.level} = 'major'))::int`,
    })
    .from(h)
    .where(
      and(
        scope,
        sql`${h.regionCode} like ${`${likeEscape(region)}%`}`,
        sql`${h.status} <> 'voided'`,
        sql`${h.reportedAt} >= ${instant(from)} and ${h.reportedAt} < ${instant(addDays(to, 1))}`,
      ),
    )
    .groupBy(h.enterpriseId);
}
