import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { HazardListQuery } from "../../../domain/hazards/hazard.dto.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Remember } from "../../kernel/cache/versioned-memo.js";
import type { Db } from "../../kernel/db/db.js";
import { Binder, preparedByShape, shapeOf } from "../../kernel/db/prepared.js";
import { hazardEvents, hazardPhotos, hazards } from "./hazards.schema.js";

export type HazardRow = typeof hazards.$inferSelect;
export type EventRow = typeof hazardEvents.$inferSelect;

export async function findHazard(db: Db, id: string, scope: SQL): Promise<HazardRow | undefined> {
  const [row] = await db
    .select()
    .from(hazards)
    .where(and(eq(hazards.id, id), scope))
    .limit(1);
  return row;
}

export async function insertHazard(db: Db, values: typeof hazards.$inferInsert): Promise<HazardRow> {
  const [row] = await db.insert(hazards).values(values).returning();
  return row as HazardRow;
}

export async function insertEvent(db: Db, values: typeof hazardEvents.$inferInsert): Promise<void> {
  await db.insert(hazardEvents).values(values);
}

export async function insertPhotos(db: Db, values: (typeof hazardPhotos.$inferInsert)[]): Promise<void> {
  if (values.length) await db.insert(hazardPhotos).values(values);
}

/** Open hazards whose deadline has passed, as of `today` (Asia/Shanghai). */
const overdueSql = (today: unknown) =>
  sql`${hazards.status} in ('rectifying','overdue','awaiting_acceptance') and ${hazards.deadline} < ${today}`;

/** Not closed yet (R13: 清零 counts these). */
const openSql = sql`${hazards.status} in ('reported','rectifying','overdue','awaiting_acceptance')`;

/**
 * Awaiting acceptance by `actor` (the rule of assertMayAccept as a where-fragment): a regulator signs off
 * major and regulator-found hazards at the finder's level or above; the enterprise administrator its own
 * general self-found ones; an administrator any.
 */
export function acceptableBySql(actor: { role: string; regionCode: string | null; enterpriseId: string | null }): SQL {
  const awaiting = sql`${hazards.status} = 'awaiting_acceptance'`;
  const byRegulator = sql`(${hazards.level} = 'major' or ${hazards.source} = 'regulator_inspection')`;
  if (actor.role === "admin") return awaiting;
  if (actor.role === "enterprise_admin" && actor.enterpriseId)
    return sql`${awaiting} and ${hazards.enterpriseId} = ${actor.enterpriseId} and not ${byRegulator}`;
  if ((actor.role === "regulator_leader" || actor.role === "regulator_inspector") && actor.regionCode) {
    // 挂牌督办: a listed hazard only for the listing's level or above (assertMayAccept; signed off by 摘牌).
    const below = { 4: ["province"], 6: ["city", "province"] }[actor.regionCode.length] ?? ["county", "city", "province"];
    const listing = sql`(${hazards.supervisionLevel} is null or ${hazards.supervisionLevel} not in (${sql.join(
      below.map((l) => sql`${l}`),
      sql`, `,
    )}))`;
    return sql`${awaiting} and ${byRegulator} and ${listing} and (${hazards.foundByRegion} is null or length(${hazards.foundByRegion}) >= ${actor.regionCode.length})`;
  }
  return sql`false`;
}

/**
 * Chinese substring search on the description. 3+ characters: `ilike` through the pg_trgm index. 1–2 characters
 * (配电, 电 — common in Chinese, and trigrams cannot index them): the row's unigrams/bigrams (GIN index of
 * migrations 0018/0019) must contain the query as one gram, which is exact. Adding the grams to longer queries
 * was measured to mislead the planner into reading every match (docs/performance.md).
 */
function descriptionMatches(text: string, v: Binder["v"]): SQL {
  const chars = [...text.toLowerCase()];
  if (chars.length <= 2 && !/\s/.test(text)) return sql`redline_grams(${hazards.description}) @> array[${v(chars.join(""))}::text]`;
  return sql`${hazards.description} ilike ${v(`%${likeEscape(text)}%`)}`;
}

const listPages = preparedByShape<ReturnType<typeof listPageQuery>>(200);
const listCounts = preparedByShape<ReturnType<typeof listCountQuery>>(200);

function listPageQuery(db: Db, where: SQL | undefined, sort: HazardListQuery["sort"]) {
  return db
    .select()
    .from(hazards)
    .where(where)
    .orderBy(
      ...(sort === "deadline" ? [sql`${hazards.deadline} asc nulls last`, asc(hazards.createdAt)] : [desc(hazards.createdAt)]),
      asc(hazards.id),
    )
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare("");
}

function listCountQuery(db: Db, where: SQL | undefined, capped: boolean) {
  const count = { n: sql<number>`count(*)::int` };
  return (
    capped
      ? db.select(count).from(
          db
            .select({ one: sql<number>`1`.as("one") })
            .from(hazards)
            .where(where)
            .limit(sql.placeholder("upTo"))
            .as("matching"),
        )
      : db.select(count).from(hazards).where(where)
  ).prepare("");
}

/**
 * A page of hazards and how many match, counted up to `countUpTo` (`capped` when more match): an exact count of a
 * large region reads every matching index entry and was 95 % of a list request's database work at 1,000,000 rows
 * (docs/performance.md), while nobody pages past the first thousand — they narrow the filters. Both queries are
 * prepared per shape of the filters (kernel/db/prepared.ts): building them was most of the app's own CPU per request.
 */
export async function listHazards(
  db: Db,
  scope: SQL,
  q: HazardListQuery,
  today: string,
  acceptable?: SQL,
  countUpTo = Number.POSITIVE_INFINITY,
  /** Remembers the count under its SQL and parameters (hazards.changes.ts); counted every time without. */
  remember: Remember<number> = (_key, run) => run(),
) {
  const text = q.q?.trim();
  const { v, values } = new Binder();
  const where = and(
    scope,
    q.region ? sql`${hazards.regionCode} like ${v(`${likeEscape(q.region)}%`)}` : undefined,
    q.enterprise ? eq(hazards.enterpriseId, v(q.enterprise)) : undefined,
    q.level ? eq(hazards.level, v(q.level)) : undefined,
    q.state ? eq(hazards.status, v(q.state)) : undefined,
    q.source ? eq(hazards.source, v(q.source)) : undefined,
    q.category ? eq(hazards.category, v(q.category)) : undefined,
    q.overdue === "true" ? overdueSql(v(today)) : q.overdue === "false" ? sql`not (${overdueSql(v(today))})` : undefined,
    text ? descriptionMatches(text, v) : undefined,
    q.open === "true" ? openSql : q.open === "false" ? sql`not ${openSql}` : undefined,
    // 挂牌督办: under an active listing (the columns are kept in step with hazard_supervisions).
    q.supervised === "true" ? isNotNull(hazards.supervisionLevel) : q.supervised === "false" ? isNull(hazards.supervisionLevel) : undefined,
    acceptable,
  );
  const shape = where ? shapeOf(where) : "";
  const capped = Number.isFinite(countUpTo);
  const page = listPages(db, `${q.sort ?? ""}|${shape}`, () => listPageQuery(db, where, q.sort));
  const count = listCounts(db, `${capped}|${shape}`, () => listCountQuery(db, where, capped));
  const countValues = capped ? { ...values, upTo: countUpTo + 1 } : values;
  const [items, n] = await Promise.all([
    page.execute({ ...values, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    remember(JSON.stringify([shape, countValues]), async () => (await count.execute(countValues))[0]?.n ?? 0),
  ]);
  return { items, total: Math.min(n, countUpTo), capped: n > countUpTo };
}

export function eventsOf(db: Db, hazardId: string): Promise<EventRow[]> {
  return db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, hazardId)).orderBy(asc(hazardEvents.seq));
}

export function photosOf(db: Db, hazardIds: string[]) {
  if (hazardIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: hazardPhotos.id,
      hazardId: hazardPhotos.hazardId,
      phase: hazardPhotos.phase,
      contentType: hazardPhotos.contentType,
      bytes: hazardPhotos.bytes,
      locationKept: hazardPhotos.locationKept,
    })
    .from(hazardPhotos)
    .where(inArray(hazardPhotos.hazardId, hazardIds))
    .orderBy(desc(hazardPhotos.phase), asc(hazardPhotos.createdAt), asc(hazardPhotos.id)); // before, then after
}

export async function findPhoto(db: Db, id: string, scope: SQL) {
  const [row] = await db
    .select({ contentType: hazardPhotos.contentType, data: hazardPhotos.data })
    .from(hazardPhotos)
    .where(and(eq(hazardPhotos.id, id), scope))
    .limit(1);
  return row;
}
