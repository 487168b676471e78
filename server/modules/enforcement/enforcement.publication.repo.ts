import { and, desc, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import { type Db, rows } from "../../kernel/db/db.js";
import {
  caseDocuments,
  creditProposals,
  enforcementCases,
  enforcementEvents,
  enforcementViolations,
  penaltyPublications,
} from "./enforcement.schema.js";

export type PublicationRow = typeof penaltyPublications.$inferSelect;

export async function insertPublication(tx: Db, values: typeof penaltyPublications.$inferInsert): Promise<PublicationRow> {
  const [row] = await tx.insert(penaltyPublications).values(values).returning();
  return row as PublicationRow;
}

/** Withdraws the decision's publication (once: a withdrawn row is not touched again). */
export async function withdrawPublication(
  tx: Db,
  key: { caseId: string; decisionIndex: number },
  set: { withdrawnOn: string; withdrawnReason: string; updatedAt: Date },
): Promise<PublicationRow | undefined> {
  const [row] = await tx
    .update(penaltyPublications)
    .set(set)
    .where(
      and(
        eq(penaltyPublications.caseId, key.caseId),
        eq(penaltyPublications.decisionIndex, key.decisionIndex),
        isNull(penaltyPublications.withdrawnOn),
      ),
    )
    .returning();
  return row;
}

/** The stored payload of the case's event at `seq` (the decision's own event, for its party name). */
export async function eventPayload(db: Db, caseId: string, seq: number): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .select({ payload: enforcementEvents.payload })
    .from(enforcementEvents)
    .where(and(eq(enforcementEvents.caseId, caseId), eq(enforcementEvents.seq, seq)));
  return row?.payload ?? null;
}

/** The number of the decision's 行政处罚决定书: the latest issued for that event and not superseded by a correction. */
export async function decisionDocumentNo(db: Db, caseId: string, eventSeq: number): Promise<string | null> {
  const [row] = await rows<{ doc_no: string }>(
    db,
    sql`select d.doc_no from ${caseDocuments} d
        where d.case_id = ${caseId} and d.kind = 'penalty_decision' and d.event_seq = ${eventSeq}
          and not exists (select 1 from ${caseDocuments} x where x.supersedes_id = d.id)
        order by d.issued_at desc, d.seq desc limit 1`,
  );
  return row?.doc_no ?? null;
}

/** The distinct 11号令 criteria the case's violations meet (credit.md R4: C6, C7). */
export async function caseCreditCriteria(db: Db, caseId: string): Promise<string[]> {
  const found = await db
    .selectDistinct({ criterion: enforcementViolations.creditCriterion })
    .from(enforcementViolations)
    .where(and(eq(enforcementViolations.caseId, caseId), isNotNull(enforcementViolations.creditCriterion)));
  return found.map((r) => r.criterion as string).sort();
}

/** Criteria already proposed for the case (a later decision of the same case does not propose them again). */
export async function proposedCriteria(db: Db, caseId: string): Promise<string[]> {
  const found = await db.select({ criterion: creditProposals.criterion }).from(creditProposals).where(eq(creditProposals.caseId, caseId));
  return found.map((r) => r.criterion);
}

export async function insertCreditProposals(tx: Db, values: (typeof creditProposals.$inferInsert)[]) {
  if (values.length === 0) return [];
  return tx.insert(creditProposals).values(values).returning();
}

// ── public portal ─────────────────────────────────────────────────────────────────────────────────────────────

export type PublicFilter = { region?: string; q?: string; year?: number };

/** Published and not withdrawn: the only rows the portal ever reads (R9, issue 8 §5). */
const shown = isNull(penaltyPublications.withdrawnOn);

export async function listPublished(db: Db, f: PublicFilter, page: { page: number; pageSize: number }) {
  const like = f.q ? `%${likeEscape(f.q)}%` : undefined;
  const where = and(
    shown,
    f.region ? sql`${penaltyPublications.regionCode} like ${`${likeEscape(f.region)}%`}` : undefined,
    f.year ? sql`${penaltyPublications.decidedOn} between ${`${f.year}-01-01`} and ${`${f.year}-12-31`}` : undefined,
    like
      ? sql`(${penaltyPublications.partyName} like ${like} or ${penaltyPublications.violation} like ${like}
            or ${penaltyPublications.departmentName} like ${like} or ${penaltyPublications.decisionNo} like ${like})`
      : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(penaltyPublications)
      .where(where)
      .orderBy(desc(penaltyPublications.publishedOn), desc(penaltyPublications.decidedOn), desc(penaltyPublications.createdAt))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(penaltyPublications).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function findPublished(db: Db, id: string): Promise<PublicationRow | undefined> {
  const [row] = await db
    .select()
    .from(penaltyPublications)
    .where(and(eq(penaltyPublications.id, id), shown));
  return row;
}

// ── 严重失信 proposals for the leader ────────────────────────────────────────────────────────────────────────

export async function listCreditProposals(db: Db, scope: SQL, f: { region?: string }, page: { page: number; pageSize: number }) {
  const where = and(scope, f.region ? sql`${creditProposals.regionCode} like ${`${likeEscape(f.region)}%`}` : undefined);
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: creditProposals.id,
        caseId: creditProposals.caseId,
        caseNo: enforcementCases.caseNo,
        enterpriseId: creditProposals.enterpriseId,
        regionCode: creditProposals.regionCode,
        criterion: creditProposals.criterion,
        reason: creditProposals.reason,
        status: creditProposals.status,
        decidedOn: enforcementEvents.on,
        createdAt: creditProposals.createdAt,
      })
      .from(creditProposals)
      .innerJoin(enforcementCases, eq(enforcementCases.id, creditProposals.caseId))
      // The decision's event: DecisionState.index is its place in the list, seq counts from 1.
      .innerJoin(
        enforcementEvents,
        and(eq(enforcementEvents.caseId, creditProposals.caseId), eq(enforcementEvents.seq, sql`${creditProposals.decisionIndex} + 1`)),
      )
      .where(where)
      .orderBy(desc(creditProposals.createdAt), desc(enforcementCases.caseNo), creditProposals.criterion)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(creditProposals).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

// ── the hazard register (issue 8 §4) ──────────────────────────────────────────────────────────────────────────

/** A case whose order is unmet and one of whose violations names the hazard (the GIN index on hazard_ids). */
export async function unmetCaseOfHazard(db: Db, hazardId: string): Promise<{ caseNo: string } | undefined> {
  const [row] = await rows<{ case_no: string }>(
    db,
    sql`select c.case_no from ${enforcementCases} c
        where c.order_unmet and exists (
          select 1 from ${enforcementViolations} v
          where v.case_id = c.id and v.hazard_ids @> jsonb_build_array(${hazardId}::text))
        order by c.created_at limit 1`,
  );
  return row ? { caseNo: row.case_no } : undefined;
}
