import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { EnterpriseListQuery } from "../../../domain/enterprise/enterprise.dto.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { preparedByShape, shapeOf } from "../../kernel/db/prepared.js";
import { enterprises } from "./enterprises.schema.js";

export type EnterpriseRow = typeof enterprises.$inferSelect;

export async function findEnterprise(db: Db, id: string, scope?: SQL): Promise<EnterpriseRow | undefined> {
  const [row] = await db
    .select()
    .from(enterprises)
    .where(and(eq(enterprises.id, id), scope))
    .limit(1);
  return row;
}

export async function findByUscc(db: Db, uscc: string): Promise<EnterpriseRow | undefined> {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.uscc, uscc)).limit(1);
  return row;
}

const orderings = {
  name: [asc(enterprises.name)],
  updatedAt: [asc(enterprises.updatedAt)],
  "-updatedAt": [desc(enterprises.updatedAt)],
  "-headcount": [desc(enterprises.headcount), asc(enterprises.name)],
} as const;

export async function listEnterprises(db: Db, scope: SQL, q: EnterpriseListQuery) {
  const text = q.q?.trim();
  const where = and(
    scope,
    // An 18-character code is looked up exactly; anything else is a name substring (pg_trgm GIN index).
    text
      ? /^[0-9A-Z]{18}$/.test(text)
        ? eq(enterprises.uscc, text)
        : sql`${enterprises.name} ilike ${`%${likeEscape(text)}%`}`
      : undefined,
    q.region ? sql`${enterprises.regionCode} like ${`${likeEscape(q.region)}%`}` : undefined,
    q.industry ? sql`${enterprises.industryCode} like ${`${likeEscape(q.industry)}%`}` : undefined,
    q.category ? eq(enterprises.category, q.category) : undefined,
    q.scale ? eq(enterprises.scale, q.scale) : undefined,
    q.status ? eq(enterprises.status, q.status) : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(enterprises)
      .where(where)
      .orderBy(...orderings[q.sort], asc(enterprises.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(enterprises).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function insertEnterprise(db: Db, values: typeof enterprises.$inferInsert): Promise<EnterpriseRow> {
  const [row] = await db.insert(enterprises).values(values).returning();
  if (!row) throw new Error("insert enterprises returned nothing");
  return row;
}

/** 检查对象名录库 (double-random.md R2): enterprises in scope under the filters that are not closed, by USCC. */
export function inspectionObjects(db: Db, scope: SQL, f: { region: string; categories?: readonly string[]; industry?: string | null }) {
  return db
    .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode })
    .from(enterprises)
    .where(
      and(
        scope,
        sql`${enterprises.regionCode} like ${`${likeEscape(f.region)}%`}`,
        f.categories?.length ? inArray(enterprises.category, [...f.categories]) : undefined,
        f.industry ? sql`${enterprises.industryCode} like ${`${likeEscape(f.industry)}%`}` : undefined,
        sql`${enterprises.status} <> 'closed'`,
      ),
    )
    .orderBy(asc(enterprises.uscc));
}

const factsQueries = preparedByShape<ReturnType<typeof factsQuery>>(50);
const factsQuery = (db: Db, scope: SQL) =>
  db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      regionCode: enterprises.regionCode,
      category: enterprises.category,
      industryCode: enterprises.industryCode,
      status: enterprises.status,
      longitude: enterprises.longitude,
      latitude: enterprises.latitude,
    })
    .from(enterprises)
    .where(and(sql`${enterprises.id} = any(${sql.placeholder("ids")}::uuid[])`, scope))
    .prepare("");

/**
 * The facts other modules show next to their own rows (name, place, category, GPS), for a batch of ids in scope;
 * every list page presents its enterprise names this way, so the query is prepared per scope.
 */
export function enterpriseFacts(db: Db, ids: string[], scope: SQL) {
  return factsQueries(db, shapeOf(scope), () => factsQuery(db, scope)).execute({ ids });
}
