import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { exposureRungs } from "../../../domain/hazards/exposure.dto.js";
import { openHazardStates } from "../../../domain/hazards/hazard.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { exposureItems, exposureLists, hazardEscalations, hazardSupervisions, hazards } from "./hazards.schema.js";

export type ExposureListRow = typeof exposureLists.$inferSelect & { itemCount: number };
export type ExposureItemRow = typeof exposureItems.$inferSelect;
export type CandidateRow = typeof hazards.$inferSelect & { rungs: string[] };

// Qualified by hand: drizzle writes a single-table select's columns unqualified, and an unqualified "id" in the
// subquery would be the item's own.
const itemCount = sql<number>`(select count(*)::int from "exposure_items" ei where ei."list_id" = "exposure_lists"."id")`;
const listColumns = { list: exposureLists, itemCount };
const withCount = (r: { list: typeof exposureLists.$inferSelect; itemCount: number }): ExposureListRow => ({
  ...r.list,
  itemCount: r.itemCount,
});

const inRegion = (column: AnyPgColumn, code: string) => sql`${column} like ${`${likeEscape(code)}%`}`;
const rungList = sql.join(
  exposureRungs.map((r) => sql`${r}`),
  sql`, `,
);
const openSql = sql`${hazards.status} in (${sql.join(
  openHazardStates.map((s) => sql`${s}`),
  sql`, `,
)})`;
/** R12: an exposure rung has fired for the hazard (the escalation job records each rung once). */
const escalatedSql = sql`exists (select 1 from ${hazardEscalations} where ${hazardEscalations.hazardId} = ${hazards.id} and ${hazardEscalations.rung} in (${rungList}))`;
const overdueSql = (today: string) => sql`${hazards.deadline} < ${today}`;
const rungsSql = sql<
  string[]
>`coalesce((select json_agg(${hazardEscalations.rung} order by ${hazardEscalations.day}, ${hazardEscalations.rung}) from ${hazardEscalations} where ${hazardEscalations.hazardId} = ${hazards.id} and ${hazardEscalations.rung} in (${rungList})), '[]'::json)`;

export async function findList(db: Db, id: string, scope: SQL): Promise<ExposureListRow | undefined> {
  const [row] = await db
    .select(listColumns)
    .from(exposureLists)
    .where(and(eq(exposureLists.id, id), scope))
    .limit(1);
  return row && withCount(row);
}

export async function listLists(
  db: Db,
  scope: SQL,
  q: { region?: string; week?: string; status?: string; page: number; pageSize: number },
): Promise<{ items: ExposureListRow[]; total: number }> {
  const where = and(
    scope,
    q.region ? inRegion(exposureLists.regionCode, q.region) : undefined,
    q.week ? eq(exposureLists.weekStart, q.week) : undefined,
    q.status ? eq(exposureLists.status, q.status) : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select(listColumns)
      .from(exposureLists)
      .where(where)
      .orderBy(desc(exposureLists.weekStart), asc(exposureLists.regionCode))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(exposureLists).where(where),
  ]);
  return { items: items.map(withCount), total: count?.n ?? 0 };
}

/** Inserts the list unless (region, week) has one already (unique index): undefined then. */
export async function insertListIfAbsent(db: Db, values: typeof exposureLists.$inferInsert) {
  const [row] = await db.insert(exposureLists).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findListByRegionWeek(db: Db, regionCode: string, weekStart: string) {
  const [row] = await db
    .select(listColumns)
    .from(exposureLists)
    .where(and(eq(exposureLists.regionCode, regionCode), eq(exposureLists.weekStart, weekStart)))
    .limit(1);
  return row && withCount(row);
}

export function itemsOf(db: Db, listIds: string[]): Promise<ExposureItemRow[]> {
  if (listIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(exposureItems)
    .where(inArray(exposureItems.listId, listIds))
    .orderBy(desc(exposureItems.daysOverdue), asc(exposureItems.enterpriseName), asc(exposureItems.id));
}

export async function insertItems(db: Db, values: (typeof exposureItems.$inferInsert)[]): Promise<ExposureItemRow[]> {
  if (values.length === 0) return [];
  return db.insert(exposureItems).values(values).returning();
}

export async function findItem(db: Db, listId: string, itemId: string): Promise<ExposureItemRow | undefined> {
  const [row] = await db
    .select()
    .from(exposureItems)
    .where(and(eq(exposureItems.listId, listId), eq(exposureItems.id, itemId)))
    .limit(1);
  return row;
}

export async function deleteItem(db: Db, listId: string, itemId: string): Promise<void> {
  await db.delete(exposureItems).where(and(eq(exposureItems.listId, listId), eq(exposureItems.id, itemId)));
}

export async function updateItem(db: Db, itemId: string, set: Partial<typeof exposureItems.$inferInsert>): Promise<void> {
  await db.update(exposureItems).set(set).where(eq(exposureItems.id, itemId));
}

/**
 * Candidate hazards of a region: open, in the caller's scope, not on the list yet, and either with an exposure
 * rung fired (`escalated`) or past their deadline (`overdue`). Most overdue first.
 */
export async function candidates(
  db: Db,
  args: {
    scope: SQL;
    region: string;
    listId: string | null;
    kind: "escalated" | "overdue";
    q?: string;
    today: string;
    page: number;
    pageSize: number;
  },
): Promise<{ items: CandidateRow[]; total: number }> {
  const text = args.q?.trim();
  const where = and(
    args.scope,
    inRegion(hazards.regionCode, args.region),
    openSql,
    args.kind === "escalated" ? escalatedSql : overdueSql(args.today),
    args.listId
      ? sql`not exists (select 1 from ${exposureItems} where ${exposureItems.listId} = ${args.listId} and ${exposureItems.hazardId} = ${hazards.id})`
      : undefined,
    text ? sql`${hazards.description} ilike ${`%${likeEscape(text)}%`}` : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select({ hazard: hazards, rungs: rungsSql })
      .from(hazards)
      .where(where)
      .orderBy(sql`${hazards.deadline} asc nulls last`, asc(hazards.id))
      .limit(args.pageSize)
      .offset((args.page - 1) * args.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(hazards).where(where),
  ]);
  return { items: items.map((r) => ({ ...r.hazard, rungs: r.rungs ?? [] })), total: count?.n ?? 0 };
}

/** Whether an exposure rung has fired for the hazard. */
export async function hasExposureRung(db: Db, hazardId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(hazardEscalations)
    .where(and(eq(hazardEscalations.hazardId, hazardId), inArray(hazardEscalations.rung, [...exposureRungs])));
  return (row?.n ?? 0) > 0;
}

export function hazardsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(hazards).where(inArray(hazards.id, ids));
}

/** 挂牌督办 (R10): the supervising unit of each hazard's active listing. */
export async function activeListingUnits(db: Db, hazardIds: string[]): Promise<Map<string, string>> {
  if (hazardIds.length === 0) return new Map();
  const rows = await db
    .select({ hazardId: hazardSupervisions.hazardId, unitName: hazardSupervisions.unitName })
    .from(hazardSupervisions)
    .where(and(inArray(hazardSupervisions.hazardId, hazardIds), inArray(hazardSupervisions.status, ["listed", "completion_reported"])));
  return new Map(rows.map((r) => [r.hazardId, r.unitName]));
}

/** County-level regions (6-digit codes) with at least one open hazard whose exposure rung has fired. */
export async function countiesWithCandidates(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ county: sql<string>`substr(${hazards.regionCode}, 1, 6)` })
    .from(hazards)
    .where(and(openSql, escalatedSql, sql`length(${hazards.regionCode}) >= 6`))
    .orderBy(sql`1`);
  return rows.map((r) => r.county);
}

/** Published weeks, newest first. */
export async function publishedWeeks(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ week: exposureLists.weekStart })
    .from(exposureLists)
    .where(eq(exposureLists.status, "published"))
    .orderBy(desc(exposureLists.weekStart))
    .limit(limit);
  return rows.map((r) => r.week);
}

export function publishedListsOf(db: Db, week: string) {
  return db
    .select()
    .from(exposureLists)
    .where(and(eq(exposureLists.status, "published"), eq(exposureLists.weekStart, week)))
    .orderBy(asc(exposureLists.regionCode));
}
