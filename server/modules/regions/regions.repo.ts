import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { regions } from "./regions.schema.js";

export type RegionRow = typeof regions.$inferSelect;

// Qualified by hand: drizzle prints an unqualified "code" in single-table selects, which the subquery would capture.
const childCount = sql<number>`(select count(*)::int from regions c where c.parent_code = "regions"."code")`;
const nodeColumns = {
  code: regions.code,
  name: regions.name,
  level: regions.level,
  parentCode: regions.parentCode,
  status: regions.status,
  successorCode: regions.successorCode,
  childCount,
};
export type RegionNodeRow = {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  status: string;
  successorCode: string | null;
  childCount: number;
};

export async function findRegion(db: Db, code: string): Promise<(RegionRow & { childCount: number }) | undefined> {
  const [row] = await db.select({ region: regions, childCount }).from(regions).where(eq(regions.code, code)).limit(1);
  return row ? { ...row.region, childCount: row.childCount } : undefined;
}

export function listChildren(db: Db, parentCode: string | null): Promise<RegionNodeRow[]> {
  return db
    .select(nodeColumns)
    .from(regions)
    .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode))
    .orderBy(asc(regions.code));
}

export async function findNodes(db: Db, codes: string[]): Promise<RegionNodeRow[]> {
  const out: RegionNodeRow[] = [];
  for (let i = 0; i < codes.length; i += 1000)
    out.push(
      ...(await db
        .select(nodeColumns)
        .from(regions)
        .where(inArray(regions.code, codes.slice(i, i + 1000)))),
    );
  return out;
}

export function findByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(inArray(regions.code, codes))
    .orderBy(asc(sql`length(${regions.code})`));
}

/** Name substring (pg_trgm index) or code prefix, optionally inside a subtree and at one level. */
export function searchRegions(db: Db, f: { q?: string; within?: string; level?: string; limit: number }): Promise<RegionNodeRow[]> {
  const conditions: (SQL | undefined)[] = [
    f.q
      ? /^\d+$/.test(f.q)
        ? sql`${regions.code} like ${`${likeEscape(f.q)}%`}`
        : sql`${regions.name} like ${`%${likeEscape(f.q)}%`}`
      : undefined,
    f.within ? sql`${regions.code} like ${`${likeEscape(f.within)}%`}` : undefined,
    f.level ? eq(regions.level, f.level) : undefined,
  ];
  return db
    .select(nodeColumns)
    .from(regions)
    .where(and(...conditions))
    .orderBy(asc(sql`length(${regions.code})`), asc(regions.code))
    .limit(f.limit);
}

export async function countRegions(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
  return row?.n ?? 0;
}

/** Inserts nodes in batches; existing codes are left as they are (an import never silently renames). */
export async function insertRegions(db: Db, rows: (typeof regions.$inferInsert)[], batch = 2000): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const res = await db
      .insert(regions)
      .values(rows.slice(i, i + batch))
      .onConflictDoNothing({ target: regions.code })
      .returning({ code: regions.code });
    inserted += res.length;
  }
  return inserted;
}
