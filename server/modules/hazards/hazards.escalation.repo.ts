import { and, asc, eq, gt, gte, inArray, isNotNull, lt, lte, ne, type SQL, sql } from "drizzle-orm";
import { type EscalationRung, escalationRungs, type RepeatFacts, repeatWindowDays, rungRank } from "../../../domain/hazards/escalation.js";
import { activeSupervisionStatuses } from "../../../domain/hazards/supervision.js";
import type { Db } from "../../kernel/db/db.js";
import { hazardEscalations, hazardSupervisions, hazards } from "./hazards.schema.js";

export type HazardRow = typeof hazards.$inferSelect;

/**
 * 16号令 Art. 15 / R12: rectifying hazards whose deadline has passed become `overdue`, one bounded batch at a
 * time. Rows another instance is updating are skipped (it marks them), and the `status = 'rectifying'` guard
 * means a row is marked once however many runs race; the version moves, like every state change.
 */
export async function markOverdueBatch(tx: Db, today: string, now: Date, limit: number): Promise<HazardRow[]> {
  const due = tx
    .select({ id: hazards.id })
    .from(hazards)
    .where(and(eq(hazards.status, "rectifying"), sql`${hazards.deadline} < ${today}`))
    .orderBy(asc(hazards.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  return tx
    .update(hazards)
    .set({ status: "overdue", version: sql`${hazards.version} + 1`, updatedAt: now })
    .where(and(inArray(hazards.id, due), eq(hazards.status, "rectifying")))
    .returning();
}

/** Not yet accepted (R12: overdue until accepted), still below the top rung of its ladder. */
const escalatable = sql`${hazards.status} in ('rectifying','overdue','awaiting_acceptance')
  and ${hazards.escalationRung} is distinct from (case when ${hazards.level} = 'major' then 'major_o15' else 'o31' end)`;

/** Open hazards with a deadline on or before `lastDeadline` (today + the longest reminder), by id after `afterId`. */
export function escalationCandidates(db: Db, lastDeadline: string, afterId: string | null, limit: number): Promise<HazardRow[]> {
  return db
    .select()
    .from(hazards)
    .where(
      and(escalatable, isNotNull(hazards.deadline), lte(hazards.deadline, lastDeadline), afterId ? gt(hazards.id, afterId) : undefined),
    )
    .orderBy(asc(hazards.id))
    .limit(limit);
}

/** The rungs already fired, per hazard. */
export async function firedRungs(db: Db, hazardIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (hazardIds.length === 0) return out;
  const found = await db
    .select({ hazardId: hazardEscalations.hazardId, rung: hazardEscalations.rung })
    .from(hazardEscalations)
    .where(inArray(hazardEscalations.hazardId, hazardIds));
  for (const r of found) out.set(r.hazardId, (out.get(r.hazardId) ?? new Set()).add(r.rung));
  return out;
}

/**
 * 长期反复 (R12): the possible precedents of `hs` — hazards of the same enterprises, not voided, reported from a
 * little more than the window before the earliest of them up to the latest (domain repeatedFrom decides).
 */
export function earlierHazardsOf(db: Db, hs: HazardRow[]): Promise<RepeatFacts[]> {
  if (hs.length === 0) return Promise.resolve([]);
  const times = hs.map((h) => h.reportedAt.getTime());
  const from = new Date(Math.min(...times) - (repeatWindowDays + 2) * 24 * 3600 * 1000);
  const to = new Date(Math.max(...times));
  return db
    .select({
      id: hazards.id,
      enterpriseId: hazards.enterpriseId,
      criterionId: hazards.criterionId,
      category: hazards.category,
      subType: hazards.subType,
      location: hazards.location,
      reportedAt: hazards.reportedAt,
      status: hazards.status,
    })
    .from(hazards)
    .where(
      and(
        inArray(hazards.enterpriseId, [...new Set(hs.map((h) => h.enterpriseId))]),
        ne(hazards.status, "voided"),
        gte(hazards.reportedAt, from),
        lt(hazards.reportedAt, to),
      ),
    );
}

/**
 * Records a rung as fired; true only for the transaction that inserted it. The primary key (hazard, rung)
 * decides between concurrent runs: on PostgreSQL the second insert waits for the first to commit, then does
 * nothing — so exactly one run writes the timeline, the audit row and the notifications.
 */
export async function insertEscalation(tx: Db, values: typeof hazardEscalations.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(hazardEscalations).values(values).onConflictDoNothing().returning({ rung: hazardEscalations.rung });
  return inserted.length > 0;
}

/** The hazard's state as this transaction sees it (another run may have just marked it overdue). */
export async function statusOf(tx: Db, hazardId: string): Promise<string | undefined> {
  const [row] = await tx.select({ status: hazards.status }).from(hazards).where(eq(hazards.id, hazardId)).limit(1);
  return row?.status;
}

const rankSql = (col: SQL | typeof hazards.escalationRung) =>
  sql`(case ${col} ${sql.join(
    escalationRungs.map((r) => sql`when ${r} then ${rungRank(r)}`),
    sql` `,
  )} else -1 end)`;

/** Keeps the highest rung fired on the hazard (for lists), whatever order concurrent runs commit in. */
export async function raiseEscalationRung(tx: Db, hazardId: string, rung: EscalationRung): Promise<void> {
  await tx
    .update(hazards)
    .set({ escalationRung: rung })
    .where(and(eq(hazards.id, hazardId), sql`${rankSql(hazards.escalationRung)} < ${rungRank(rung)}`));
}

export type RaisedListing = { id: string; from: string; to: string; unitName: string; unitRegionCode: string; deadline: string };

/**
 * R12 重大 o ≥ 1: the active 挂牌督办 listing goes one level up (county → city → province) with its supervising
 * unit; the hazard's copy of the level follows. Undefined when there is no active listing or it is provincial.
 */
export async function raiseListing(
  tx: Db,
  hazardId: string,
  next: (level: string) => { level: string; unitName: string; unitRegionCode: string } | null,
  now: Date,
): Promise<RaisedListing | undefined> {
  const [current] = await tx
    .select()
    .from(hazardSupervisions)
    .where(and(eq(hazardSupervisions.hazardId, hazardId), inArray(hazardSupervisions.status, [...activeSupervisionStatuses])))
    .limit(1)
    .for("update");
  if (!current) return undefined;
  const up = next(current.level);
  if (!up) return undefined;
  const [raised] = await tx
    .update(hazardSupervisions)
    .set({
      level: up.level,
      unitName: up.unitName,
      unitRegionCode: up.unitRegionCode,
      version: sql`${hazardSupervisions.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(hazardSupervisions.id, current.id), eq(hazardSupervisions.level, current.level)))
    .returning();
  if (!raised) return undefined;
  await tx.update(hazards).set({ supervisionLevel: raised.level }).where(eq(hazards.id, hazardId));
  return {
    id: raised.id,
    from: current.level,
    to: raised.level,
    unitName: raised.unitName,
    unitRegionCode: raised.unitRegionCode,
    deadline: raised.deadline,
  };
}
