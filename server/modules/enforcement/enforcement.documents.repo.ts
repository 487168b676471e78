import { and, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import { type Db, rows } from "../../kernel/db/db.js";
import { caseDocumentCounters, caseDocuments, documentTemplates, enforcementCases } from "./enforcement.schema.js";

export type DocumentRow = typeof caseDocuments.$inferSelect;
export type TemplateRow = typeof documentTemplates.$inferSelect;

/**
 * The next 文书编号 of a department, year and kind (enforcement.md R2): as nextCaseSeq, one upsert holds the counter
 * row's lock until the transaction ends, so concurrent issuers queue and a rolled-back issue gives its number back.
 */
export async function nextDocumentSeq(tx: Db, departmentId: string, year: number, kind: string): Promise<number> {
  const [row] = await rows<{ last_seq: number }>(
    tx,
    sql`insert into ${caseDocumentCounters} (department_id, year, kind, last_seq) values (${departmentId}, ${year}, ${kind}, 1)
        on conflict (department_id, year, kind) do update set last_seq = ${caseDocumentCounters}.last_seq + 1
        returning last_seq`,
  );
  return Number(row?.last_seq);
}

export async function insertDocument(tx: Db, values: typeof caseDocuments.$inferInsert): Promise<DocumentRow> {
  const [row] = await tx.insert(caseDocuments).values(values).returning();
  return row as DocumentRow;
}

/**
 * A document of the case that a correction names, locked until the transaction ends (FOR UPDATE takes the row lock
 * without writing, so the immutability trigger is not involved): two corrections of one document queue here, and
 * the second then sees the first (`correctionOf`).
 */
export async function lockDocumentOfCase(tx: Db, caseId: string, id: string): Promise<DocumentRow | undefined> {
  const [row] = await tx
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.id, id), eq(caseDocuments.caseId, caseId)))
    .for("update");
  return row;
}

/** The correction that supersedes a document, if any. */
export async function correctionOf(tx: Db, id: string): Promise<{ id: string } | undefined> {
  const [row] = await tx.select({ id: caseDocuments.id }).from(caseDocuments).where(eq(caseDocuments.supersedesId, id)).limit(1);
  return row;
}

/** The latest document of a kind recording an event of the case, not superseded by a correction (without its bytes). */
export async function currentDocumentOf(tx: Db, caseId: string, kind: string, eventSeq: number) {
  const { data: _bytes, ...columns } = getTableColumns(caseDocuments);
  const all = await tx.select(columns).from(caseDocuments).where(eq(caseDocuments.caseId, caseId));
  return all
    .filter((d) => d.kind === kind && d.eventSeq === eventSeq && !all.some((c) => c.supersedesId === d.id))
    .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime() || b.seq - a.seq)[0];
}

/** A document with its bytes, when its case is in `scope` (enforcement.policy caseScope). */
export async function findDocumentInScope(db: Db, id: string, scope: SQL): Promise<DocumentRow | undefined> {
  const [row] = await db
    .select({ doc: caseDocuments })
    .from(caseDocuments)
    .innerJoin(enforcementCases, eq(enforcementCases.id, caseDocuments.caseId))
    .where(and(eq(caseDocuments.id, id), scope))
    .limit(1);
  return row?.doc;
}

export function templates(db: Db): Promise<TemplateRow[]> {
  return db.select().from(documentTemplates);
}

export async function template(db: Db, kind: string): Promise<TemplateRow | undefined> {
  const [row] = await db.select().from(documentTemplates).where(eq(documentTemplates.kind, kind));
  return row;
}

/** The first deployment wording of a kind; undefined when another one got there first (→ stale). */
export async function insertTemplate(tx: Db, values: typeof documentTemplates.$inferInsert): Promise<TemplateRow | undefined> {
  const [row] = await tx.insert(documentTemplates).values(values).onConflictDoNothing().returning();
  return row;
}

/** Guarded by the version the caller saw: zero rows → undefined (→ stale, never a silent overwrite). */
export async function updateTemplate(
  tx: Db,
  kind: string,
  version: number,
  set: { wording: Record<string, string>; updatedById: string | null; updatedAt: Date },
): Promise<TemplateRow | undefined> {
  const [row] = await tx
    .update(documentTemplates)
    .set({ ...set, version: sql`${documentTemplates.version} + 1` })
    .where(and(eq(documentTemplates.kind, kind), eq(documentTemplates.version, version)))
    .returning();
  return row;
}
