import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Supervision, SupervisionBoardQuery, SupervisionEvaluation } from "../../../domain/hazards/supervision.dto.js";
import { activeSupervisionStatuses } from "../../../domain/hazards/supervision.js";
import type { Db } from "../../kernel/db/db.js";
import { hazardSupervisions, hazards } from "./hazards.schema.js";

export type SupervisionRow = typeof hazardSupervisions.$inferSelect;

const active = inArray(hazardSupervisions.status, [...activeSupervisionStatuses]);

/** The hazard's active listing (the partial unique index allows at most one). */
export async function activeSupervisionOf(db: Db, hazardId: string): Promise<SupervisionRow | undefined> {
  const [row] = await db
    .select()
    .from(hazardSupervisions)
    .where(and(eq(hazardSupervisions.hazardId, hazardId), active))
    .limit(1);
  return row;
}

/** Every listing of a hazard, newest first. */
export function supervisionsOf(db: Db, hazardId: string): Promise<SupervisionRow[]> {
  return db
    .select()
    .from(hazardSupervisions)
    .where(eq(hazardSupervisions.hazardId, hazardId))
    .orderBy(desc(hazardSupervisions.listedAt), desc(hazardSupervisions.createdAt));
}

export async function insertSupervision(db: Db, values: typeof hazardSupervisions.$inferInsert): Promise<SupervisionRow> {
  const [row] = await db.insert(hazardSupervisions).values(values).returning();
  return row as SupervisionRow;
}

/**
 * Inserts a listing unless the hazard already has an active one (the partial unique index decides, race-free):
 * undefined then. The automatic listing on confirmation (R10/R12) never lists a hazard twice.
 */
export async function insertSupervisionIfNone(db: Db, values: typeof hazardSupervisions.$inferInsert): Promise<SupervisionRow | undefined> {
  const [row] = await db.insert(hazardSupervisions).values(values).onConflictDoNothing().returning();
  return row;
}

/**
 * A regulator's listing replaces the terms of the active one in place (raised to its level, or the automatic
 * listing taken over): guarded by the version read and the listing still active, else undefined (someone else
 * listed or moved it first).
 */
export async function supersedeSupervision(
  db: Db,
  current: SupervisionRow,
  set: Partial<typeof hazardSupervisions.$inferInsert>,
): Promise<SupervisionRow | undefined> {
  const [row] = await db
    .update(hazardSupervisions)
    .set({ ...set, version: sql`${hazardSupervisions.version} + 1` })
    .where(and(eq(hazardSupervisions.id, current.id), eq(hazardSupervisions.version, current.version), active))
    .returning();
  return row;
}

/** A listing is automatic (R10/R12, listed on confirmation) until a regulator lists over it: no lister then. */
export const isAutomaticListing = (r: Pick<SupervisionRow, "listedById">) => r.listedById === null;

/** Copies the active listing's level and deadline onto the hazard (null when delisted), for lists and boards. */
export async function setHazardSupervision(db: Db, hazardId: string, level: string | null, deadline: string | null): Promise<void> {
  await db.update(hazards).set({ supervisionLevel: level, supervisionDeadline: deadline }).where(eq(hazards.id, hazardId));
}

/** Active listings of hazards in `scope`, soonest deadline first. */
export async function boardOf(db: Db, scope: SQL, q: SupervisionBoardQuery) {
  const where = and(active, scope, q.level ? eq(hazardSupervisions.level, q.level) : undefined);
  const [items, [count]] = await Promise.all([
    db
      .select({
        s: hazardSupervisions,
        description: hazards.description,
        enterpriseId: hazards.enterpriseId,
        regionCode: hazards.regionCode,
        hazardState: hazards.status,
      })
      .from(hazardSupervisions)
      .innerJoin(hazards, eq(hazards.id, hazardSupervisions.hazardId))
      .where(where)
      .orderBy(asc(hazardSupervisions.deadline), asc(hazardSupervisions.listedAt), asc(hazardSupervisions.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(hazardSupervisions)
      .innerJoin(hazards, eq(hazards.id, hazardSupervisions.hazardId))
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** The stored evaluation (JSON in a text column: evaluator kind, agency, conclusion), or null. */
export function evaluationOf(text: string | null): SupervisionEvaluation | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as SupervisionEvaluation;
    return { by: v.by, agencyName: v.agencyName ?? null, conclusion: v.conclusion };
  } catch {
    return { by: "own_experts", agencyName: null, conclusion: text };
  }
}

export function presentSupervision(r: SupervisionRow): Supervision {
  return {
    id: r.id,
    hazardId: r.hazardId,
    level: r.level as Supervision["level"],
    unitName: r.unitName,
    unitRegionCode: r.unitRegionCode,
    deadline: r.deadline,
    requirements: r.requirements,
    public: r.public,
    status: r.status as Supervision["status"],
    listedByName: r.listedByName,
    listedAt: r.listedAt.toISOString(),
    automatic: isAutomaticListing(r),
    completionReport: r.completionReport,
    evaluation: evaluationOf(r.evaluation),
    completionAt: r.completionAt?.toISOString() ?? null,
    suspension: r.suspension as Supervision["suspension"],
    resumptionAppliedOn: r.resumptionAppliedOn,
    resumptionReviewDue: r.resumptionReviewDue,
    resumptionDecision: r.resumptionDecision as Supervision["resumptionDecision"],
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
