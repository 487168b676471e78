import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { checklists, checklistVersions } from "./checklists.schema.js";

export type ChecklistRow = typeof checklists.$inferSelect;
export type VersionRow = typeof checklistVersions.$inferSelect;

/** Items in a content document (jsonb), counted by the database so lists never load the drafts. */
const draftItemCount = sql<number>`coalesce((select sum(jsonb_array_length(s->'items')) from jsonb_array_elements(${checklists.draft}->'sections') s), 0)::int`;

export async function findChecklist(db: Db, id: string, scope: SQL): Promise<ChecklistRow | undefined> {
  const [row] = await db
    .select()
    .from(checklists)
    .where(and(eq(checklists.id, id), scope))
    .limit(1);
  return row;
}

export async function findByBuiltinKey(db: Db, key: string): Promise<ChecklistRow | undefined> {
  const [row] = await db.select().from(checklists).where(eq(checklists.builtinKey, key)).limit(1);
  return row;
}

export type ChecklistFilter = { category?: string; ownerKind?: string; q?: string; published?: boolean; extra?: SQL };
export type ChecklistListRow = Omit<ChecklistRow, "draft"> & { itemCount: number };

const listColumns = {
  id: checklists.id,
  builtinKey: checklists.builtinKey,
  ownerKind: checklists.ownerKind,
  regionCode: checklists.regionCode,
  enterpriseId: checklists.enterpriseId,
  name: checklists.name,
  category: checklists.category,
  publishedVersion: checklists.publishedVersion,
  draftChanged: checklists.draftChanged,
  copiedFromId: checklists.copiedFromId,
  copiedFromVersion: checklists.copiedFromVersion,
  status: checklists.status,
  createdById: checklists.createdById,
  version: checklists.version,
  createdAt: checklists.createdAt,
  updatedAt: checklists.updatedAt,
  itemCount: draftItemCount,
};

/** Built-ins first (in their fixed order by key), then the newest changed. */
export async function listChecklists(db: Db, scope: SQL, f: ChecklistFilter, page: { page: number; pageSize: number }) {
  const where = and(
    scope,
    eq(checklists.status, "active"),
    f.category ? eq(checklists.category, f.category) : undefined,
    f.ownerKind ? eq(checklists.ownerKind, f.ownerKind) : undefined,
    f.q ? sql`${checklists.name} ilike ${`%${likeEscape(f.q)}%`}` : undefined,
    f.published === undefined ? undefined : f.published ? sql`${checklists.publishedVersion} > 0` : eq(checklists.publishedVersion, 0),
    f.extra,
  );
  const [items, [count]] = await Promise.all([
    db
      .select(listColumns)
      .from(checklists)
      .where(where)
      .orderBy(sql`(${checklists.ownerKind} = 'builtin') desc`, asc(checklists.builtinKey), desc(checklists.updatedAt), asc(checklists.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(checklists).where(where),
  ]);
  return { items: items as ChecklistListRow[], total: count?.n ?? 0 };
}

export async function insertChecklist(db: Db, values: typeof checklists.$inferInsert): Promise<ChecklistRow> {
  const [row] = await db.insert(checklists).values(values).returning();
  return row as ChecklistRow;
}

export async function findVersion(db: Db, checklistId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(checklistVersions)
    .where(and(eq(checklistVersions.checklistId, checklistId), eq(checklistVersions.version, version)))
    .limit(1);
  return row;
}

/** The versions of a template without their content, newest first. */
export function listVersions(db: Db, checklistId: string) {
  return db
    .select({
      version: checklistVersions.version,
      name: checklistVersions.name,
      itemCount: checklistVersions.itemCount,
      publishedById: checklistVersions.publishedById,
      publishedAt: checklistVersions.publishedAt,
    })
    .from(checklistVersions)
    .where(eq(checklistVersions.checklistId, checklistId))
    .orderBy(desc(checklistVersions.version));
}

/** A published version is inserted once and never updated (primary key checklist + version). */
export async function insertVersion(db: Db, values: typeof checklistVersions.$inferInsert): Promise<VersionRow> {
  const [row] = await db.insert(checklistVersions).values(values).returning();
  return row as VersionRow;
}
