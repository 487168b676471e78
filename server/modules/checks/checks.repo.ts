import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../kernel/db/db.js";
import { checkRecords, checkTasks } from "./checks.schema.js";

export type TaskRow = typeof checkTasks.$inferSelect;
export type RecordRow = typeof checkRecords.$inferSelect;
export type RecordSummary = Omit<RecordRow, "photo"> & { hasPhoto: boolean };

export async function findTask(db: Db, id: string, scope: SQL): Promise<TaskRow | undefined> {
  const [row] = await db
    .select()
    .from(checkTasks)
    .where(and(eq(checkTasks.id, id), scope))
    .limit(1);
  return row;
}

export type TaskFilter = {
  enterpriseId: string;
  riskPointId?: string;
  assigneeUserId?: string;
  active?: boolean;
  /** Only tasks with no record for the period containing `today`. */
  openOn?: string;
};

function taskWhere(scope: SQL, f: TaskFilter): SQL | undefined {
  return and(
    scope,
    eq(checkTasks.enterpriseId, f.enterpriseId),
    f.riskPointId ? eq(checkTasks.riskPointId, f.riskPointId) : undefined,
    f.assigneeUserId ? eq(checkTasks.assigneeUserId, f.assigneeUserId) : undefined,
    f.active === undefined ? undefined : f.active ? isNull(checkTasks.endedOn) : sql`${checkTasks.endedOn} is not null`,
    f.openOn
      ? sql`${checkTasks.startsOn} <= ${f.openOn} and not exists (select 1 from ${checkRecords} r where r.task_id = ${checkTasks.id} and r.period_start <= ${f.openOn} and r.period_end >= ${f.openOn})`
      : undefined,
  );
}

export async function listTasks(db: Db, scope: SQL, f: TaskFilter, page: { page: number; pageSize: number }) {
  const where = taskWhere(scope, f);
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(checkTasks)
      .where(where)
      .orderBy(asc(checkTasks.riskPointId), asc(checkTasks.createdAt), asc(checkTasks.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(checkTasks).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Every task of an enterprise (for completion figures): the columns the counting needs. */
export function tasksOfEnterprise(db: Db, scope: SQL, enterpriseId: string) {
  return db
    .select({
      id: checkTasks.id,
      frequency: checkTasks.frequency,
      startsOn: checkTasks.startsOn,
      endedOn: checkTasks.endedOn,
      assigneeUserId: checkTasks.assigneeUserId,
      assigneePost: checkTasks.assigneePost,
    })
    .from(checkTasks)
    .where(and(scope, eq(checkTasks.enterpriseId, enterpriseId)));
}

/** Per task: records of periods closed before `today`, and whether the open period is done. */
export async function recordCounts(db: Db, taskIds: string[], today: string) {
  if (taskIds.length === 0) return new Map<string, { done: number; currentDone: boolean }>();
  const rows = await db
    .select({
      taskId: checkRecords.taskId,
      done: sql<number>`(count(*) filter (where ${checkRecords.periodEnd} < ${today}))::int`,
      currentDone: sql<boolean>`bool_or(${checkRecords.periodStart} <= ${today} and ${checkRecords.periodEnd} >= ${today})`,
    })
    .from(checkRecords)
    .where(inArray(checkRecords.taskId, taskIds))
    .groupBy(checkRecords.taskId);
  return new Map(rows.map((r) => [r.taskId, { done: r.done, currentDone: r.currentDone === true }]));
}

const summaryColumns = {
  id: checkRecords.id,
  taskId: checkRecords.taskId,
  enterpriseId: checkRecords.enterpriseId,
  regionCode: checkRecords.regionCode,
  periodKey: checkRecords.periodKey,
  periodStart: checkRecords.periodStart,
  periodEnd: checkRecords.periodEnd,
  result: checkRecords.result,
  remark: checkRecords.remark,
  photoType: checkRecords.photoType,
  hasPhoto: sql<boolean>`${checkRecords.photo} is not null`,
  doneById: checkRecords.doneById,
  doneByName: checkRecords.doneByName,
  doneAt: checkRecords.doneAt,
  hazardRef: checkRecords.hazardRef,
};

export async function listRecords(db: Db, scope: SQL, taskId: string, page: { page: number; pageSize: number }) {
  const where = and(scope, eq(checkRecords.taskId, taskId));
  const [items, [count]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(checkRecords)
      .where(where)
      .orderBy(desc(checkRecords.periodStart))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(checkRecords).where(where),
  ]);
  return { items: items as RecordSummary[], total: count?.n ?? 0 };
}

export async function findPhoto(db: Db, id: string, scope: SQL) {
  const [row] = await db
    .select({ photo: checkRecords.photo, photoType: checkRecords.photoType })
    .from(checkRecords)
    .where(and(eq(checkRecords.id, id), scope))
    .limit(1);
  return row;
}

export async function insertTask(db: Db, values: typeof checkTasks.$inferInsert): Promise<TaskRow> {
  const [row] = await db.insert(checkTasks).values(values).returning();
  return row as TaskRow;
}

/** Inserts one record; undefined when the period already has one (unique task + period). */
export async function insertRecord(db: Db, values: typeof checkRecords.$inferInsert): Promise<RecordSummary | undefined> {
  const [row] = await db.insert(checkRecords).values(values).onConflictDoNothing().returning(summaryColumns);
  return row as RecordSummary | undefined;
}
