import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { InspectionPlanListQuery, PlanItemsQuery } from "../../../domain/inspections/plan.dto.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import { type Db, rows } from "../../kernel/db/db.js";
import { inspections, inspectionPlanItems as items, inspectionPlans as plans } from "./inspections.schema.js";

export type PlanRow = typeof plans.$inferSelect & { itemCount: number };
export type PlanItemRow = typeof items.$inferSelect;

// Qualified by hand: drizzle writes a single-table select's columns unqualified, and a bare "id" would be the subquery's.
const itemCount = sql<number>`(select count(*)::int from ${items} pi where pi.plan_id = ${plans}.id)`;
const withCount = (r: { plan: typeof plans.$inferSelect; itemCount: number }): PlanRow => ({ ...r.plan, itemCount: r.itemCount });

export async function findPlan(db: Db, id: string, scope: SQL): Promise<PlanRow | undefined> {
  const [row] = await db
    .select({ plan: plans, itemCount })
    .from(plans)
    .where(and(eq(plans.id, id), scope))
    .limit(1);
  return row && withCount(row);
}

export async function listPlans(db: Db, scope: SQL, q: InspectionPlanListQuery): Promise<{ items: PlanRow[]; total: number }> {
  const where = and(
    scope,
    q.year ? eq(plans.year, q.year) : undefined,
    q.status ? eq(plans.status, q.status) : undefined,
    q.region ? sql`${plans.regionCode} like ${`${likeEscape(q.region)}%`}` : undefined,
  );
  const [found, [count]] = await Promise.all([
    db
      .select({ plan: plans, itemCount })
      .from(plans)
      .where(where)
      .orderBy(desc(plans.year), asc(plans.regionCode), asc(plans.createdAt), asc(plans.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(plans).where(where),
  ]);
  return { items: found.map(withCount), total: count?.n ?? 0 };
}

/**
 * Serialises drafting for one region, department and year (both backends): a second draft of the same plan
 * waits for the first to commit, then sees it.
 */
export async function lockPlanKey(tx: Db, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`inspection_plan:${key}`}))`);
}

export async function findPlanFor(db: Db, f: { regionCode: string; departmentId: string | null; year: number }) {
  const [row] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(
      and(
        eq(plans.regionCode, f.regionCode),
        eq(plans.year, f.year),
        f.departmentId ? eq(plans.departmentId, f.departmentId) : isNull(plans.departmentId),
      ),
    )
    .limit(1);
  return row;
}

export async function insertPlan(tx: Db, values: typeof plans.$inferInsert): Promise<typeof plans.$inferSelect> {
  const [row] = await tx.insert(plans).values(values).returning();
  if (!row) throw new Error("insert inspection_plans returned nothing");
  return row;
}

export async function replaceItems(tx: Db, planId: string, values: (typeof items.$inferInsert)[]): Promise<void> {
  await tx.delete(items).where(eq(items.planId, planId));
  for (let i = 0; i < values.length; i += 1000) await tx.insert(items).values(values.slice(i, i + 1000));
}

export async function findItem(db: Db, planId: string, itemId: string): Promise<PlanItemRow | undefined> {
  const [row] = await db
    .select()
    .from(items)
    .where(and(eq(items.planId, planId), eq(items.id, itemId)))
    .limit(1);
  return row;
}

/** A planned visit with its plan, if the plan is in scope. */
export async function findItemWithPlan(db: Db, itemId: string, scope: SQL) {
  const [row] = await db
    .select({ item: items, plan: plans })
    .from(items)
    .innerJoin(plans, eq(plans.id, items.planId))
    .where(and(eq(items.id, itemId), scope))
    .limit(1);
  return row;
}

export async function updateItem(tx: Db, itemId: string, set: Partial<Pick<PlanItemRow, "month" | "team">>): Promise<void> {
  await tx.update(items).set(set).where(eq(items.id, itemId));
}

/**
 * The finished inspection that did each item of a plan, in one pass: an inspection naming the item
 * (inspections.plan_item_id), or the item's own inspection_id; the earliest finished counts.
 */
const doneOf = (planId: string) => sql`
  select item_id, (array_agg(inspection_id order by finished_at, inspection_id))[1] as inspection_id
  from (
    select i.plan_item_id as item_id, i.id as inspection_id, i.finished_at
      from ${inspections} i
     where i.status = 'finished'
       and i.plan_item_id in (select id from ${items} where plan_id = ${planId})
    union all
    select it.id, i.id, i.finished_at
      from ${items} it join ${inspections} i on i.id = it.inspection_id
     where it.plan_id = ${planId} and i.status = 'finished'
  ) linked
  group by item_id`;

export type ProgressRow = { county: string; month: number; planned: number; done: number; due: number; overdue: number };

/**
 * Progress by county and month (domain/inspections/plan.ts): done = a finished inspection is linked; due = month
 * at or before `current` and not done (overdue included); overdue = month before `current` and not done.
 */
export function progressOf(db: Db, planId: string, current: number): Promise<ProgressRow[]> {
  return rows<ProgressRow>(
    db,
    sql`select left(it.region_code, 6) as county, it.month,
               count(*)::int as planned,
               count(d.item_id)::int as done,
               (count(*) filter (where d.item_id is null and it.month <= ${current}))::int as due,
               (count(*) filter (where d.item_id is null and it.month < ${current}))::int as overdue
          from ${items} it left join (${doneOf(planId)}) d on d.item_id = it.id
         where it.plan_id = ${planId}
         group by 1, 2
         order by 1, 2`,
  );
}

export type ItemWithDone = PlanItemRow & { doneInspectionId: string | null };

const statusWhere = (status: PlanItemsQuery["status"], current: number): SQL | undefined => {
  switch (status) {
    case "done":
      return sql`d.item_id is not null`;
    case "due":
      return sql`d.item_id is null and it.month <= ${current}`;
    case "overdue":
      return sql`d.item_id is null and it.month < ${current}`;
    case "upcoming":
      return sql`d.item_id is null and it.month > ${current}`;
    default:
      return undefined;
  }
};

export async function listItems(
  db: Db,
  planId: string,
  q: PlanItemsQuery,
  current: number,
  only?: string[],
): Promise<{ items: ItemWithDone[]; total: number }> {
  const filters = [
    sql`it.plan_id = ${planId}`,
    only
      ? sql`it.id in (${sql.join(
          only.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : undefined,
    q.month ? sql`it.month = ${q.month}` : undefined,
    q.county ? sql`it.region_code like ${`${likeEscape(q.county)}%`}` : undefined,
    q.group ? sql`it.group_key = ${q.group}` : undefined,
    statusWhere(q.status, current),
  ].filter((f): f is SQL => !!f);
  const where = sql.join(filters, sql` and `);
  const from = sql`from ${items} it left join (${doneOf(planId)}) d on d.item_id = it.id where ${where}`;
  const [found, [count]] = await Promise.all([
    rows<{
      id: string;
      planId: string;
      enterpriseId: string;
      regionCode: string;
      groupKey: string;
      month: number;
      team: PlanItemRow["team"];
      inspectionId: string | null;
      createdAt: Date | string;
      doneInspectionId: string | null;
    }>(
      db,
      sql`select it.id, it.plan_id as "planId", it.enterprise_id as "enterpriseId", it.region_code as "regionCode",
                 it.group_key as "groupKey", it.month, it.team, it.inspection_id as "inspectionId",
                 it.created_at as "createdAt", d.inspection_id as "doneInspectionId"
          ${from}
          order by it.month, it.region_code, it.enterprise_id, it.id
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n ${from}`),
  ]);
  return {
    items: found.map((r) => ({
      ...r,
      team: typeof r.team === "string" ? JSON.parse(r.team) : r.team,
      createdAt: new Date(r.createdAt),
    })),
    total: count?.n ?? 0,
  };
}

/** Whether a finished inspection is linked to the item (a done visit is history and is not moved). */
export async function itemDone(db: Db, planId: string, itemId: string): Promise<boolean> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from (${doneOf(planId)}) d where d.item_id = ${itemId}`);
  return (row?.n ?? 0) > 0;
}

/** Visits per month (the capacity's "planned"). */
export async function plannedByMonth(db: Db, planId: string): Promise<Map<number, number>> {
  const found = await db
    .select({ month: items.month, n: sql<number>`count(*)::int` })
    .from(items)
    .where(eq(items.planId, planId))
    .groupBy(items.month);
  return new Map(found.map((r) => [r.month, r.n]));
}

/** Each officer's visits in a plan (team members are jsonb {userId, name, certNo}). */
export function teamLoad(db: Db, planId: string) {
  return rows<{ userId: string; name: string; certNo: string | null; visits: number }>(
    db,
    sql`select m->>'userId' as "userId", min(m->>'name') as name, min(m->>'certNo') as "certNo", count(*)::int as visits
          from ${items} it, jsonb_array_elements(it.team) m
         where it.plan_id = ${planId}
         group by 1`,
  );
}
