import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import { type Db, rows } from "../../kernel/db/db.js";
import { preparedPerDatabase } from "../../kernel/db/prepared.js";
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

// The two look-ups every regional page and statistic makes, prepared once (kernel/db/prepared.ts).
const regionByCode = preparedPerDatabase((db) =>
  db
    .select({ region: regions, childCount })
    .from(regions)
    .where(eq(regions.code, sql.placeholder("code")))
    .limit(1)
    .prepare(""),
);
const children = preparedPerDatabase((db) =>
  db
    .select(nodeColumns)
    .from(regions)
    .where(eq(regions.parentCode, sql.placeholder("parent")))
    .orderBy(asc(regions.code))
    .prepare(""),
);
const topLevel = preparedPerDatabase((db) =>
  db.select(nodeColumns).from(regions).where(isNull(regions.parentCode)).orderBy(asc(regions.code)).prepare(""),
);

export async function findRegion(db: Db, code: string): Promise<(RegionRow & { childCount: number }) | undefined> {
  const [row] = await regionByCode(db).execute({ code });
  return row ? { ...row.region, childCount: row.childCount } : undefined;
}

export function listChildren(db: Db, parentCode: string | null): Promise<RegionNodeRow[]> {
  return parentCode === null ? topLevel(db).execute() : children(db).execute({ parent: parentCode });
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

/** Inserts nodes in batches; existing codes are left as they are (an import never silently renames). Returns the codes inserted. */
export async function insertRegions(db: Db, values: (typeof regions.$inferInsert)[], batch = 2000): Promise<string[]> {
  const inserted: string[] = [];
  for (let i = 0; i < values.length; i += batch) {
    const res = await db
      .insert(regions)
      .values(values.slice(i, i + batch))
      .onConflictDoNothing({ target: regions.code })
      .returning({ code: regions.code });
    inserted.push(...res.map((r) => r.code));
  }
  return inserted;
}

export type RegionState = { code: string; name: string; status: string; successorCode: string | null; version: number };

/** What an import compares against: name, status and version of the given codes (in batches). */
export async function findStates(db: Db, codes: string[]): Promise<RegionState[]> {
  const out: RegionState[] = [];
  for (let i = 0; i < codes.length; i += 1000)
    out.push(
      ...(await db
        .select({
          code: regions.code,
          name: regions.name,
          status: regions.status,
          successorCode: regions.successorCode,
          version: regions.version,
        })
        .from(regions)
        .where(inArray(regions.code, codes.slice(i, i + 1000)))),
    );
  return out;
}

/**
 * Renames many nodes, each guarded by the version the import read: a node changed meanwhile is left
 * alone and missing from the result. Returns the renamed codes with their new versions.
 */
export async function renameRegions(
  tx: Db,
  renames: { code: string; name: string; version: number }[],
  now: Date,
): Promise<{ code: string; version: number }[]> {
  const out: { code: string; version: number }[] = [];
  for (let i = 0; i < renames.length; i += 1000) {
    const values = sql.join(
      renames.slice(i, i + 1000).map((r) => sql`(${r.code}::text, ${r.name}::text, ${r.version}::int)`),
      sql`, `,
    );
    out.push(
      ...(await rows<{ code: string; version: number }>(
        tx,
        sql`update regions as r set name = v.name, version = r.version + 1, updated_at = ${now.toISOString()}::timestamptz
            from (values ${values}) as v(code, name, version)
            where r.code = v.code and r.version = v.version
            returning r.code, r.version`,
      )),
    );
  }
  return out;
}

/** Locks the rows of `codes` for the rest of the transaction, in code order so two merges never deadlock. */
export async function lockRegions(tx: Db, codes: string[]): Promise<RegionRow[]> {
  return tx.select().from(regions).where(inArray(regions.code, codes)).orderBy(asc(regions.code)).for("update");
}

/** The codes of the retired nodes whose successor is `code`. */
export async function findPredecessors(db: Db, code: string): Promise<string[]> {
  const found = await db.select({ code: regions.code }).from(regions).where(eq(regions.successorCode, code)).orderBy(asc(regions.code));
  return found.map((r) => r.code);
}
