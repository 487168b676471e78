import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { ControlLayerTable, RiskLevel } from "../../../domain/risk/levels.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import { type Db, rows } from "../../kernel/db/db.js";
import { riskAssessments, riskEnterpriseSettings, riskPoints, riskPolicies, riskSitePlans } from "./risk.schema.js";

export type PolicyRow = typeof riskPolicies.$inferSelect;
export type PointRow = typeof riskPoints.$inferSelect;
export type AssessmentRow = typeof riskAssessments.$inferSelect;
export type SettingsRow = typeof riskEnterpriseSettings.$inferSelect;
type Page = { page: number; pageSize: number };

const under = (column: typeof riskPoints.regionCode, prefix: string) => sql`${column} like ${`${likeEscape(prefix)}%`}`;

// ── policies ────────────────────────────────────────────────────────────────────────────────────

/** Every stored version of policy `id` the scope reaches, oldest first. */
export function policyVersions(db: Db, id: string, scope: SQL): Promise<PolicyRow[]> {
  return db
    .select()
    .from(riskPolicies)
    .where(and(eq(riskPolicies.id, id), scope))
    .orderBy(asc(riskPolicies.version))
    .limit(1000);
}

/** Who owns policy `id` and its latest version, whoever may see it (for the id's uniqueness). */
export async function policyOwner(db: Db, id: string): Promise<{ enterpriseId: string | null; latest: number } | undefined> {
  const [row] = await db
    .select({ enterpriseId: riskPolicies.enterpriseId, latest: riskPolicies.version })
    .from(riskPolicies)
    .where(eq(riskPolicies.id, id))
    .orderBy(desc(riskPolicies.version))
    .limit(1);
  return row;
}

/** The latest version of each deployment policy and, if given, of one enterprise's policies. */
export function latestPolicies(db: Db, scope: SQL, enterpriseId: string | null): Promise<PolicyRow[]> {
  const owner = enterpriseId
    ? sql`(${riskPolicies.enterpriseId} is null or ${riskPolicies.enterpriseId} = ${enterpriseId})`
    : isNull(riskPolicies.enterpriseId);
  return db
    .selectDistinctOn([riskPolicies.id])
    .from(riskPolicies)
    .where(and(owner, scope))
    .orderBy(asc(riskPolicies.id), desc(riskPolicies.version))
    .limit(100);
}

/** Inserts a version; undefined when that id + version exists already (a concurrent author won). */
export async function insertPolicy(db: Db, values: typeof riskPolicies.$inferInsert): Promise<PolicyRow | undefined> {
  const [row] = await db.insert(riskPolicies).values(values).onConflictDoNothing().returning();
  return row;
}

// ── risk points ─────────────────────────────────────────────────────────────────────────────────

export async function findPoint(db: Db, id: string, scope: SQL): Promise<PointRow | undefined> {
  const [row] = await db
    .select()
    .from(riskPoints)
    .where(and(eq(riskPoints.id, id), scope))
    .limit(1);
  return row;
}

export async function listPoints(db: Db, scope: SQL, enterpriseId: string, q: Page & { q?: string; level?: RiskLevel }) {
  const where = and(
    scope,
    eq(riskPoints.enterpriseId, enterpriseId),
    q.q ? sql`${riskPoints.name} ilike ${`%${likeEscape(q.q)}%`}` : undefined,
    q.level ? eq(riskPoints.level, q.level) : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(riskPoints)
      .where(where)
      .orderBy(asc(riskPoints.name), asc(riskPoints.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(riskPoints).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Inserts unless the enterprise has a point of that name (then undefined: the unique key decides). */
export async function insertPoints(db: Db, values: (typeof riskPoints.$inferInsert)[]): Promise<PointRow[]> {
  if (values.length === 0) return [];
  return db.insert(riskPoints).values(values).onConflictDoNothing().returning();
}

/** One enterprise's points by level (null = not yet assessed) and how many are due for review. */
export async function enterprisePointCounts(db: Db, scope: SQL, enterpriseId: string, today: string) {
  return db
    .select({
      level: riskPoints.level,
      n: sql<number>`count(*)::int`,
      due: sql<number>`(count(*) filter (where ${riskPoints.nextReviewDate} <= ${today}))::int`,
    })
    .from(riskPoints)
    .where(and(scope, eq(riskPoints.enterpriseId, enterpriseId)))
    .groupBy(riskPoints.level);
}

/** Points whose review date has come, oldest first. */
export async function listDue(db: Db, scope: SQL, today: string, f: Page & { region?: string; enterpriseId?: string }) {
  const where = and(
    scope,
    sql`${riskPoints.nextReviewDate} <= ${today}`,
    f.region ? under(riskPoints.regionCode, f.region) : undefined,
    f.enterpriseId ? eq(riskPoints.enterpriseId, f.enterpriseId) : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(riskPoints)
      .where(where)
      .orderBy(asc(riskPoints.nextReviewDate), asc(riskPoints.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(riskPoints).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

const rankOf = sql`case ${riskPoints.level} when 'low' then 1 when 'general' then 2 when 'significant' then 3 when 'major' then 4 end`;

/**
 * Enterprises of a subtree by their highest assessed level (issue 5 §3), counted per region prefix
 * of `childLength` characters (the child regions), in one grouped query over the region index.
 */
export function enterpriseLevelsByChild(db: Db, scope: SQL, prefix: string, childLength: number) {
  return rows<{ child: string; level: RiskLevel; n: number }>(
    db,
    sql`select child, (array['low','general','significant','major'])[top] as level, count(*)::int as n
        from (select substr(min(${riskPoints.regionCode}), 1, ${childLength}) as child, max(${rankOf}) as top
              from ${riskPoints}
              where ${under(riskPoints.regionCode, prefix)} and ${riskPoints.level} is not null and ${scope}
              group by ${riskPoints.enterpriseId}) e
        group by child, top`,
  );
}

/** Each assessed enterprise of a subtree with its overall (highest) level; at most `limit`. */
export function enterpriseTopLevels(db: Db, scope: SQL, prefix: string, limit: number) {
  return rows<{ enterpriseId: string; level: RiskLevel }>(
    db,
    sql`select ${riskPoints.enterpriseId} as "enterpriseId", (array['low','general','significant','major'])[max(${rankOf})] as level
        from ${riskPoints}
        where ${under(riskPoints.regionCode, prefix)} and ${riskPoints.level} is not null and ${scope}
        group by ${riskPoints.enterpriseId}
        order by ${riskPoints.enterpriseId}
        limit ${limit}`,
  );
}

/** Enterprises of a subtree with at least one 重大 point, most such points first. */
export async function redEnterprises(db: Db, scope: SQL, prefix: string, page: Page) {
  const where = and(scope, under(riskPoints.regionCode, prefix), eq(riskPoints.level, "major"));
  const [items, [count]] = await Promise.all([
    db
      .select({
        enterpriseId: riskPoints.enterpriseId,
        regionCode: sql<string>`min(${riskPoints.regionCode})`,
        majorPoints: sql<number>`count(*)::int`,
      })
      .from(riskPoints)
      .where(where)
      .groupBy(riskPoints.enterpriseId)
      .orderBy(desc(sql`count(*)`), asc(riskPoints.enterpriseId))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db
      .select({ n: sql<number>`count(distinct ${riskPoints.enterpriseId})::int` })
      .from(riskPoints)
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Re-derives every point's control layer from its level after an enterprise changed its layer table (R9). */
export function applyControlLayers(db: Db, enterpriseId: string, table: ControlLayerTable) {
  return db
    .update(riskPoints)
    .set({
      controlLayer: sql`case ${riskPoints.level} when 'major' then ${table.major} when 'significant' then ${table.significant}
        when 'general' then ${table.general} when 'low' then ${table.low} end`,
    })
    .where(and(eq(riskPoints.enterpriseId, enterpriseId), sql`${riskPoints.level} is not null`));
}

// ── assessments ─────────────────────────────────────────────────────────────────────────────────

export async function insertAssessments(db: Db, values: (typeof riskAssessments.$inferInsert)[]): Promise<AssessmentRow[]> {
  if (values.length === 0) return [];
  return db.insert(riskAssessments).values(values).returning();
}

/** A point's assessments, newest first. */
export async function listAssessments(db: Db, scope: SQL, riskPointId: string, page: Page) {
  const where = and(scope, eq(riskAssessments.riskPointId, riskPointId));
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(riskAssessments)
      .where(where)
      .orderBy(desc(riskAssessments.createdAt), desc(riskAssessments.assessedOn), desc(riskAssessments.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(riskAssessments).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

// ── enterprise settings and site plan ───────────────────────────────────────────────────────────

export function findSettings(db: Db, enterpriseIds: string[]): Promise<SettingsRow[]> {
  if (enterpriseIds.length === 0) return Promise.resolve([]);
  return db.select().from(riskEnterpriseSettings).where(inArray(riskEnterpriseSettings.enterpriseId, enterpriseIds));
}

/** The first settings row of an enterprise; undefined when one exists already (someone else saved first). */
export async function insertSettings(db: Db, values: typeof riskEnterpriseSettings.$inferInsert): Promise<SettingsRow | undefined> {
  const [row] = await db.insert(riskEnterpriseSettings).values(values).onConflictDoNothing().returning();
  return row;
}

const planMeta = {
  enterpriseId: riskSitePlans.enterpriseId,
  regionCode: riskSitePlans.regionCode,
  contentType: riskSitePlans.contentType,
  size: riskSitePlans.size,
  width: riskSitePlans.width,
  height: riskSitePlans.height,
  sha256: riskSitePlans.sha256,
  version: riskSitePlans.version,
  uploadedAt: riskSitePlans.uploadedAt,
};
export type SitePlanMeta = { [K in keyof typeof planMeta]: (typeof riskSitePlans.$inferSelect)[K] };

export async function findSitePlanMeta(db: Db, enterpriseId: string, scope: SQL): Promise<SitePlanMeta | undefined> {
  const [row] = await db
    .select(planMeta)
    .from(riskSitePlans)
    .where(and(eq(riskSitePlans.enterpriseId, enterpriseId), scope))
    .limit(1);
  return row;
}

export async function findSitePlanImage(db: Db, enterpriseId: string, scope: SQL) {
  const [row] = await db
    .select({ contentType: riskSitePlans.contentType, sha256: riskSitePlans.sha256, image: riskSitePlans.image })
    .from(riskSitePlans)
    .where(and(eq(riskSitePlans.enterpriseId, enterpriseId), scope))
    .limit(1);
  return row;
}

/** Stores the enterprise's plan, replacing an earlier one (its version counts the uploads). */
export async function upsertSitePlan(db: Db, values: typeof riskSitePlans.$inferInsert): Promise<SitePlanMeta> {
  const { enterpriseId: _, ...changes } = values;
  const [row] = await db
    .insert(riskSitePlans)
    .values(values)
    .onConflictDoUpdate({ target: riskSitePlans.enterpriseId, set: { ...changes, version: sql`${riskSitePlans.version} + 1` } })
    .returning(planMeta);
  if (!row) throw new Error("upsert risk_site_plans returned nothing");
  return row;
}
