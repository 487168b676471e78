import { and, asc, desc, eq, ne, type SQL, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { hazardIdentifications, hazardUnits } from "./major-hazard.schema.js";

export type HazardUnitRow = typeof hazardUnits.$inferSelect;
export type IdentificationRow = typeof hazardIdentifications.$inferSelect;

type PageArgs = { page: number; pageSize: number };

export async function findUnit(db: Db, id: string, scope: SQL): Promise<HazardUnitRow | undefined> {
  const [row] = await db
    .select()
    .from(hazardUnits)
    .where(and(eq(hazardUnits.id, id), scope))
    .limit(1);
  return row;
}

/** An enterprise's units, by name, paginated with a total. */
export async function listUnitsOf(db: Db, scope: SQL, enterpriseId: string, f: { major?: boolean }, page: PageArgs) {
  const where = and(
    scope,
    eq(hazardUnits.enterpriseId, enterpriseId),
    f.major === undefined ? undefined : eq(hazardUnits.isMajor, f.major),
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(hazardUnits)
      .where(where)
      .orderBy(asc(hazardUnits.name), asc(hazardUnits.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(hazardUnits).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Major hazard sources in a region subtree, highest grade (一级) first, then by R. */
export async function listMajorSources(db: Db, scope: SQL, f: { regionPrefix?: string; level?: number }, page: PageArgs) {
  const where = and(
    scope,
    eq(hazardUnits.isMajor, true),
    f.regionPrefix ? sql`${hazardUnits.regionCode} like ${`${likeEscape(f.regionPrefix)}%`}` : undefined,
    f.level === undefined ? undefined : eq(hazardUnits.level, f.level),
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(hazardUnits)
      .where(where)
      .orderBy(asc(hazardUnits.level), desc(hazardUnits.r), asc(hazardUnits.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(hazardUnits).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Whether the enterprise has a major unit other than `exceptId`. */
export async function hasOtherMajorUnit(db: Db, enterpriseId: string, exceptId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: hazardUnits.id })
    .from(hazardUnits)
    .where(and(eq(hazardUnits.enterpriseId, enterpriseId), eq(hazardUnits.isMajor, true), ne(hazardUnits.id, exceptId)))
    .limit(1);
  return !!row;
}

/** Inserts unless the enterprise already has a unit of that name (then undefined: the unique key decides). */
export async function insertUnit(db: Db, values: typeof hazardUnits.$inferInsert): Promise<HazardUnitRow | undefined> {
  const [row] = await db
    .insert(hazardUnits)
    .values(values)
    .onConflictDoNothing({ target: [hazardUnits.enterpriseId, hazardUnits.name] })
    .returning();
  return row;
}

export async function unitNameTaken(db: Db, enterpriseId: string, name: string, exceptId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: hazardUnits.id })
    .from(hazardUnits)
    .where(and(eq(hazardUnits.enterpriseId, enterpriseId), eq(hazardUnits.name, name), ne(hazardUnits.id, exceptId)))
    .limit(1);
  return !!row;
}

export async function insertIdentification(db: Db, values: typeof hazardIdentifications.$inferInsert): Promise<IdentificationRow> {
  const [row] = await db.insert(hazardIdentifications).values(values).returning();
  if (!row) throw new Error("insert hazard_identifications returned nothing");
  return row;
}

// Identifications are read by the id of a unit the caller has loaded within its scope (findUnit), so
// they follow the unit's current scope rather than the region the enterprise had when each was computed.

/** The latest identification of a unit (the highest unit version it was computed for). */
export async function latestIdentification(db: Db, unitId: string): Promise<IdentificationRow | undefined> {
  const [row] = await db
    .select()
    .from(hazardIdentifications)
    .where(eq(hazardIdentifications.hazardUnitId, unitId))
    .orderBy(desc(hazardIdentifications.unitVersion))
    .limit(1);
  return row;
}

/** A unit's identifications, newest first. */
export async function listIdentifications(db: Db, unitId: string, page: PageArgs) {
  const where = eq(hazardIdentifications.hazardUnitId, unitId);
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(hazardIdentifications)
      .where(where)
      .orderBy(desc(hazardIdentifications.unitVersion))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(hazardIdentifications).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}
