import { and, asc, desc, gt, inArray, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { caseClockEscalations, enforcementCases } from "./enforcement.schema.js";

// Issue 8 §3: the case row caches its running clocks (`clocks`) and the earliest due day (`next_due`, indexed) at
// every event (enforcement.service caseCache); the board and the escalation job read only those.

export type ClockCaseRow = Pick<
  typeof enforcementCases.$inferSelect,
  | "id"
  | "caseNo"
  | "title"
  | "phase"
  | "enterpriseId"
  | "departmentId"
  | "regionCode"
  | "departmentRegion"
  | "officers"
  | "clocks"
  | "nextDue"
>;

const clockColumns = {
  id: enforcementCases.id,
  caseNo: enforcementCases.caseNo,
  title: enforcementCases.title,
  phase: enforcementCases.phase,
  enterpriseId: enforcementCases.enterpriseId,
  departmentId: enforcementCases.departmentId,
  regionCode: enforcementCases.regionCode,
  departmentRegion: enforcementCases.departmentRegion,
  officers: enforcementCases.officers,
  clocks: enforcementCases.clocks,
  nextDue: enforcementCases.nextDue,
};

/** The case lists `userId` among its officers (jsonb containment). */
export const officerOf = (userId: string): SQL => sql`${enforcementCases.officers} @> ${JSON.stringify([{ userId }])}::jsonb`;

export type BoardFilter = {
  today: string;
  overdue?: boolean;
  /** Latest earliest-due day to include. */
  dueBy?: string;
  region?: string;
  mineOf?: string;
  /** Cases of this officer first (an inspector's own work), then by the earliest due day. */
  firstOf?: string;
};

/** Cases in `scope` with running clocks, by the earliest due day. */
export async function boardCases(db: Db, scope: SQL, f: BoardFilter, page: { page: number; pageSize: number }) {
  const where = and(
    scope,
    isNotNull(enforcementCases.nextDue),
    f.overdue === true ? lt(enforcementCases.nextDue, f.today) : undefined,
    f.overdue === false ? sql`${enforcementCases.nextDue} >= ${f.today}` : undefined,
    f.dueBy ? sql`${enforcementCases.nextDue} <= ${f.dueBy}` : undefined,
    f.region ? sql`${enforcementCases.regionCode} like ${`${likeEscape(f.region)}%`}` : undefined,
    f.mineOf ? officerOf(f.mineOf) : undefined,
  );
  const order = [
    ...(f.firstOf ? [desc(officerOf(f.firstOf))] : []),
    asc(enforcementCases.nextDue),
    asc(enforcementCases.caseNo),
    asc(enforcementCases.id),
  ];
  const [items, [count]] = await Promise.all([
    db
      .select(clockColumns)
      .from(enforcementCases)
      .where(where)
      .orderBy(...order)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(enforcementCases).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Cases with a clock past its due day (next_due < today, by the index), by id after `afterId`. */
export function overdueCases(db: Db, today: string, afterId: string | null, limit: number): Promise<ClockCaseRow[]> {
  return db
    .select(clockColumns)
    .from(enforcementCases)
    .where(and(lt(enforcementCases.nextDue, today), afterId ? gt(enforcementCases.id, afterId) : undefined))
    .orderBy(asc(enforcementCases.id))
    .limit(limit);
}

/** Identifies one fired rung of one clock: the primary key of case_clock_escalations but the case. */
export const rungKey = (clock: string, due: string, decision: number, rung: string) => `${clock}|${due}|${decision}|${rung}`;

/** The rungs already fired, per case (rungKey). */
export async function firedRungs(db: Db, caseIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (caseIds.length === 0) return out;
  const found = await db.select().from(caseClockEscalations).where(inArray(caseClockEscalations.caseId, caseIds));
  for (const r of found) out.set(r.caseId, (out.get(r.caseId) ?? new Set()).add(rungKey(r.clock, r.due, r.decision, r.rung)));
  return out;
}

/**
 * Records a rung as fired; true only for the transaction that inserted it. The primary key decides between
 * concurrent runs (on PostgreSQL the second insert waits for the first to commit, then does nothing), so exactly
 * one run writes the audit row and the notifications.
 */
export async function insertClockEscalation(tx: Db, values: typeof caseClockEscalations.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(caseClockEscalations)
    .values(values)
    .onConflictDoNothing()
    .returning({ rung: caseClockEscalations.rung });
  return inserted.length > 0;
}
