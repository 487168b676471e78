import { and, desc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { RandomDrawListQuery } from "../../../domain/inspections/random-draw.dto.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import { type Db, rows } from "../../kernel/db/db.js";
import { randomDraws } from "./random-draws.schema.js";

export type DrawRow = typeof randomDraws.$inferSelect;
/** A draw without its object directory (up to 100,000 entries): what every regulator view needs. */
export type DrawHead = Omit<DrawRow, "objects"> & { objectsCount: number };

const { objects: _objects, ...headColumns } = getTableColumns(randomDraws);
const head = { ...headColumns, objectsCount: sql<number>`jsonb_array_length(${randomDraws.objects})::int` };

export async function findDrawHead(db: Db, id: string, scope: SQL): Promise<DrawHead | undefined> {
  const [row] = await db
    .select(head)
    .from(randomDraws)
    .where(and(eq(randomDraws.id, id), scope))
    .limit(1);
  return row;
}

/** The whole record, lists included (executing, and the public record). */
export async function findDraw(db: Db, id: string, scope: SQL): Promise<DrawRow | undefined> {
  const [row] = await db
    .select()
    .from(randomDraws)
    .where(and(eq(randomDraws.id, id), scope))
    .limit(1);
  return row;
}

/** Several draws without their object directories. */
export async function findDrawHeads(db: Db, ids: string[], scope: SQL): Promise<DrawHead[]> {
  if (ids.length === 0) return [];
  return db
    .select(head)
    .from(randomDraws)
    .where(and(inArray(randomDraws.id, ids), scope));
}

export async function planCodeTaken(db: Db, planCode: string): Promise<boolean> {
  const [row] = await db.select({ id: randomDraws.id }).from(randomDraws).where(eq(randomDraws.planCode, planCode)).limit(1);
  return !!row;
}

export async function insertDraw(db: Db, values: typeof randomDraws.$inferInsert): Promise<void> {
  await db.insert(randomDraws).values(values);
}

export async function listDraws(db: Db, scope: SQL, q: RandomDrawListQuery) {
  const where = and(scope, q.status ? eq(randomDraws.status, q.status) : undefined);
  const [items, [count]] = await Promise.all([
    db
      .select({ ...head, drawnCount: sql<number>`coalesce(jsonb_array_length(${randomDraws.result}->'objects'), 0)::int` })
      .from(randomDraws)
      .where(where)
      .orderBy(desc(randomDraws.preparedAt), desc(randomDraws.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(randomDraws).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Names of the drawn objects, read inside the database (the object directory is not sent over for a few names). */
export async function drawnObjectNames(db: Db, id: string): Promise<Map<string, string>> {
  const found = await rows<{ uscc: string; name: string }>(
    db,
    sql`
    select o->>'uscc' as uscc, o->>'name' as name
      from ${randomDraws} d, jsonb_array_elements(d.objects) o
     where d.id = ${id}
       and o->>'uscc' in (select r->>'uscc' from jsonb_array_elements(coalesce(d.result->'objects', '[]'::jsonb)) r)`,
  );
  return new Map(found.map((r) => [r.uscc, r.name]));
}

/**
 * Drawn enterprises of the draws executed in [from, to) that lie in a region subtree ("" = everywhere), one row per
 * (draw, enterprise): the statistics' "enterprises drawn" (issue 7 §7). The directory is expanded only for those draws.
 */
export function drawnEnterprisesIn(db: Db, f: { region: string; from: Date; to: Date; departmentId?: string | null }) {
  const prefix = `${likeEscape(f.region)}%`;
  return rows<{ drawId: string; enterpriseId: string; regionCode: string; executedAt: Date | string }>(
    db,
    sql`
    with d as (
      select id, objects, result, executed_at
        from ${randomDraws}
       where status = 'executed' and executed_at >= ${f.from.toISOString()} and executed_at < ${f.to.toISOString()}
         and (region_code like ${prefix} or ${f.region} like region_code || '%')
         ${f.departmentId ? sql`and department_id = ${f.departmentId}` : sql``}
    ),
    drawn as (select d.id, r->>'uscc' as uscc from d, jsonb_array_elements(d.result->'objects') r),
    listed as (
      select d.id, o->>'uscc' as uscc, o->>'enterpriseId' as enterprise_id, o->>'regionCode' as region_code, d.executed_at
        from d, jsonb_array_elements(d.objects) o
    )
    select l.id as "drawId", l.enterprise_id as "enterpriseId", l.region_code as "regionCode", l.executed_at as "executedAt"
      from drawn x join listed l on l.id = x.id and l.uscc = x.uscc
     where l.region_code like ${prefix}`,
  );
}

/** The frozen directory's entry of one enterprise, looked up inside the database (not the whole list sent over). */
export async function directoryEntry(db: Db, id: string, enterpriseId: string): Promise<{ uscc: string } | undefined> {
  const [found] = await rows<{ uscc: string }>(
    db,
    sql`
    select o->>'uscc' as uscc
      from ${randomDraws} d, jsonb_array_elements(d.objects) o
     where d.id = ${id} and o->>'enterpriseId' = ${enterpriseId}
     limit 1`,
  );
  return found;
}

/** The drawn objects' directory entries (uscc, name, enterprise id), read inside the database. */
export function drawnEntries(db: Db, id: string) {
  return rows<{ uscc: string; name: string; enterpriseId: string }>(
    db,
    sql`
    select o->>'uscc' as uscc, o->>'name' as name, o->>'enterpriseId' as "enterpriseId"
      from ${randomDraws} d, jsonb_array_elements(d.objects) o
     where d.id = ${id}
       and o->>'uscc' in (select r->>'uscc' from jsonb_array_elements(coalesce(d.result->'objects', '[]'::jsonb)) r)`,
  );
}

/**
 * R4 rotation: the (USCC, 执法证号) pairs of the final teams — post-draw replacements applied, as stored — of the
 * `rounds` latest executed draws of one series: the department's draws, or without a department the department-less
 * draws of the same region code.
 */
export function previousTeams(db: Db, f: { departmentId: string | null; regionCode: string; rounds: number }) {
  return rows<{ uscc: string; certNo: string }>(
    db,
    sql`
    with prev as (
      select id, result
        from ${randomDraws}
       where status = 'executed'
         and ${f.departmentId ? sql`department_id = ${f.departmentId}` : sql`department_id is null and region_code = ${f.regionCode}`}
       order by executed_at desc, id desc
       limit ${f.rounds}
    )
    select distinct o->>'uscc' as uscc, m.cert as "certNo"
      from prev, jsonb_array_elements(prev.result->'objects') o, jsonb_array_elements_text(o->'team') as m(cert)`,
  );
}

/**
 * The public index (R7): executed draws whose record shows its lists and result — announced ones, and unannounced
 * (四不两直) ones from their reveal day (`today`, Asia/Shanghai) — newest first.
 */
export async function listRevealedDraws(db: Db, today: string, page: { page: number; pageSize: number }) {
  const where = sql`${randomDraws.status} = 'executed' and (not ${randomDraws.unannounced} or coalesce(${randomDraws.params}->>'revealOn', '') <= ${today})`;
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: randomDraws.id,
        planCode: randomDraws.planCode,
        title: randomDraws.title,
        regionCode: randomDraws.regionCode,
        unannounced: randomDraws.unannounced,
        executedAt: randomDraws.executedAt,
        params: randomDraws.params,
        objectsCount: sql<number>`jsonb_array_length(${randomDraws.objects})::int`,
      })
      .from(randomDraws)
      .where(where)
      .orderBy(desc(randomDraws.executedAt), desc(randomDraws.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(randomDraws).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}
