import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { CalendarDay } from "../../../domain/common/calendar.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { enforcementCases as c, enforcementEvents as e } from "./enforcement.schema.js";

/**
 * The enforcement statistics' reads (issue 8 §6): the cases a period touches and their whole event histories; the
 * figures themselves are derived from the events by the domain reducer (domain/enforcement/stats.ts).
 */
export type StatsWindow = { from: CalendarDay; to: CalendarDay };
export type StatsFilter = { region: string | null; departmentId: string | null };
export type StatsCaseRow = { id: string; regionCode: string; departmentId: string; inspectionId: string | null };

/**
 * Cases in scope (and region subtree / department) with an event dated in [from, to], or opened from an inspection
 * on or after `from` (its inspection may have finished in the period: an inspection finishes before its case opens).
 * At most `limit` rows + 1, so the caller can tell the period is too large.
 */
export function casesTouched(db: Db, scope: SQL, w: StatsWindow, f: StatsFilter, limit: number): Promise<StatsCaseRow[]> {
  const inPeriod = sql`exists (select 1 from ${e} where ${e.caseId} = ${c.id} and ${e.on} between ${w.from}::date and ${w.to}::date)`;
  const openedSince = sql`(${c.inspectionId} is not null and exists (select 1 from ${e} where ${e.caseId} = ${c.id} and ${e.type} = 'opened' and ${e.on} >= ${w.from}::date))`;
  return db
    .select({ id: c.id, regionCode: c.regionCode, departmentId: c.departmentId, inspectionId: c.inspectionId })
    .from(c)
    .where(
      and(
        scope,
        f.region ? sql`${c.regionCode} like ${`${likeEscape(f.region)}%`}` : undefined,
        f.departmentId ? eq(c.departmentId, f.departmentId) : undefined,
        sql`(${inPeriod} or ${openedSince})`,
      ),
    )
    .orderBy(asc(c.id))
    .limit(limit + 1);
}

export type StatsEventRow = { caseId: string; type: string; on: CalendarDay; payload: Record<string, unknown> };

/** The events of the given cases in their order (batched by 1,000 case ids). */
export async function eventsOfCases(db: Db, caseIds: string[]): Promise<StatsEventRow[]> {
  const out: StatsEventRow[] = [];
  for (let n = 0; n < caseIds.length; n += 1000) {
    const batch = caseIds.slice(n, n + 1000);
    out.push(
      ...(await db
        .select({ caseId: e.caseId, type: e.type, on: e.on, payload: e.payload })
        .from(e)
        .where(inArray(e.caseId, batch))
        .orderBy(asc(e.caseId), asc(e.seq))),
    );
  }
  return out;
}
