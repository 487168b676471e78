import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { departments, industryDepartmentMap } from "./departments.schema.js";

export type DepartmentRow = typeof departments.$inferSelect;
export type MappingRow = typeof industryDepartmentMap.$inferSelect;

export async function findDepartment(db: Db, id: string): Promise<DepartmentRow | undefined> {
  const [row] = await db.select().from(departments).where(eq(departments.id, id)).limit(1);
  return row;
}

export type DepartmentFilter = { regionCode?: string; kind?: string };

export async function listDepartments(db: Db, f: DepartmentFilter, page: { page: number; pageSize: number }) {
  const where = and(
    f.regionCode ? sql`${departments.regionCode} like ${`${likeEscape(f.regionCode)}%`}` : undefined,
    f.kind ? eq(departments.kind, f.kind) : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(departments)
      .where(where)
      .orderBy(asc(departments.regionCode), asc(departments.kind))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(departments).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Inserts unless the region already has a department of that kind (then undefined: the unique key decides, race-free). */
export async function insertDepartment(db: Db, values: typeof departments.$inferInsert): Promise<DepartmentRow | undefined> {
  const [row] = await db
    .insert(departments)
    .values(values)
    .onConflictDoNothing({ target: [departments.regionCode, departments.kind] })
    .returning();
  return row;
}

/** The department of `kind` at the deepest of `regionCodes` (a region and its ancestors) that has one. */
export function findDepartmentsByIds(db: Db, ids: string[]): Promise<DepartmentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(departments).where(inArray(departments.id, ids));
}

export async function findNearestDepartment(db: Db, regionCodes: string[], kind: string): Promise<DepartmentRow | undefined> {
  if (regionCodes.length === 0) return undefined;
  const [row] = await db
    .select()
    .from(departments)
    .where(and(inArray(departments.regionCode, regionCodes), eq(departments.kind, kind)))
    .orderBy(desc(sql`length(${departments.regionCode})`))
    .limit(1);
  return row;
}

export function listMappings(db: Db): Promise<MappingRow[]> {
  return db.select().from(industryDepartmentMap).orderBy(asc(industryDepartmentMap.industryPrefix));
}

export function findMappings(db: Db, prefixes: string[]): Promise<MappingRow[]> {
  if (prefixes.length === 0) return Promise.resolve([]);
  return db.select().from(industryDepartmentMap).where(inArray(industryDepartmentMap.industryPrefix, prefixes));
}

/**
 * Serialises replacements of the mapping table (held to the end of the transaction): two concurrent
 * replacements would otherwise both delete the old rows and collide inserting the new ones.
 */
export async function lockMappings(tx: Db): Promise<void> {
  await tx.execute(sql`lock table ${industryDepartmentMap} in share row exclusive mode`);
}

export async function replaceMappings(tx: Db, rows: MappingRow[]): Promise<void> {
  await tx.delete(industryDepartmentMap);
  if (rows.length > 0) await tx.insert(industryDepartmentMap).values(rows);
}

export async function countMappings(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(industryDepartmentMap);
  return row?.n ?? 0;
}
