import { and, asc, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import { type Db, rows } from "../../kernel/db/db.js";
import {
  caseDocuments,
  enforcementCaseCounters,
  enforcementCases,
  enforcementEvents,
  enforcementViolations,
} from "./enforcement.schema.js";

export type CaseRow = typeof enforcementCases.$inferSelect;
export type EventRow = typeof enforcementEvents.$inferSelect;
export type ViolationRow = typeof enforcementViolations.$inferSelect;

/**
 * The next case number of a department in a year (issue 8 §1): one upsert takes the counter row's lock until the
 * transaction ends, so concurrent openings queue on it — numbers are unique and, as a rolled-back opening rolls
 * its increment back too, without gaps.
 */
export async function nextCaseSeq(tx: Db, departmentId: string, year: number): Promise<number> {
  const [row] = await rows<{ last_seq: number }>(
    tx,
    sql`insert into ${enforcementCaseCounters} (department_id, year, last_seq) values (${departmentId}, ${year}, 1)
        on conflict (department_id, year) do update set last_seq = ${enforcementCaseCounters}.last_seq + 1
        returning last_seq`,
  );
  return Number(row?.last_seq);
}

export async function insertCase(tx: Db, values: typeof enforcementCases.$inferInsert): Promise<CaseRow> {
  const [row] = await tx.insert(enforcementCases).values(values).returning();
  return row as CaseRow;
}

export async function insertViolations(tx: Db, values: (typeof enforcementViolations.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(enforcementViolations).values(values);
}

/** Appends one event; the unique (case_id, seq) refuses a second append racing for the same place. */
export async function insertEvent(tx: Db, values: typeof enforcementEvents.$inferInsert): Promise<EventRow> {
  const [row] = await tx.insert(enforcementEvents).values(values).returning();
  return row as EventRow;
}

export async function findCase(db: Db, id: string, scope: SQL): Promise<CaseRow | undefined> {
  const [row] = await db
    .select()
    .from(enforcementCases)
    .where(and(eq(enforcementCases.id, id), scope))
    .limit(1);
  return row;
}

export function eventsOf(db: Db, caseId: string): Promise<EventRow[]> {
  return db.select().from(enforcementEvents).where(eq(enforcementEvents.caseId, caseId)).orderBy(asc(enforcementEvents.seq));
}

export function violationsOf(db: Db, caseId: string): Promise<ViolationRow[]> {
  return db.select().from(enforcementViolations).where(eq(enforcementViolations.caseId, caseId)).orderBy(asc(enforcementViolations.seq));
}

/** The case's issued documents without their bytes, oldest first. */
export function documentsOf(db: Db, caseId: string) {
  const { data: _bytes, content: _content, ...columns } = getTableColumns(caseDocuments);
  return db
    .select(columns)
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, caseId))
    .orderBy(asc(caseDocuments.issuedAt), asc(caseDocuments.seq));
}

export type CaseFilter = { region?: string; enterprise?: string; phase?: string };

export async function listCases(db: Db, scope: SQL, f: CaseFilter, page: { page: number; pageSize: number }) {
  const where = and(
    scope,
    f.region ? sql`${enforcementCases.regionCode} like ${`${likeEscape(f.region)}%`}` : undefined,
    f.enterprise ? eq(enforcementCases.enterpriseId, f.enterprise) : undefined,
    f.phase ? eq(enforcementCases.phase, f.phase) : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(enforcementCases)
      .where(where)
      .orderBy(desc(enforcementCases.createdAt), desc(enforcementCases.seq), asc(enforcementCases.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(enforcementCases).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}
