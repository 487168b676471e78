import { randomUUID } from "node:crypto";
import type {
  CheckCompletion,
  CheckRecord,
  CheckRecordCreate,
  CheckTask,
  CheckTaskCreate,
  CheckTaskEnd,
  CheckTaskListQuery,
  CheckTaskUpdate,
} from "../../../domain/checks/check.dto.js";
import { type CheckFrequency, countClosedPeriods, periodContaining } from "../../../domain/checks/schedule.js";
import { shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import type { RiskPoint } from "../../../domain/risk/risk.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, fieldError, notFound } from "../../kernel/http/errors.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import { getUser } from "../accounts/users.service.js";
import { getEnterprise } from "../enterprises/enterprises.service.js";
import { getRiskPoint } from "../risk/risk.service.js";
import { raiseHazardFor } from "./checks.hooks.js";
import { checkRecordEntity, checkTaskEntity } from "./checks.messages.js";
import { assertMayRecord, recordScope, taskScope } from "./checks.policy.js";
import * as repo from "./checks.repo.js";
import { checkTasks } from "./checks.schema.js";

const maxPhotoBytes = 5 * 1024 * 1024;
const today = (ctx: Ctx) => shanghaiDay(ctx.now);

/** The measure a task checks, as the point reads now (null once the measure was removed from the point). */
function measureOf(point: RiskPoint, measureId: string): string | null {
  for (const e of point.events) for (const m of e.measures) if (m.id === measureId) return m.description;
  return null;
}

/** Due occurrences are the periods closed before today, or before the day the task ended (ending stops accruing). */
function dueCount(t: { frequency: string; startsOn: string; endedOn: string | null }, day: string): number {
  const until = t.endedOn && t.endedOn < day ? t.endedOn : day;
  return countClosedPeriods(t.frequency as CheckFrequency, t.startsOn, until);
}

async function userName(db: Db, ctx: Ctx, id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await getUser(db, systemContext(ctx, "checks"), id)).displayName;
}

async function presentTasks(db: Db, ctx: Ctx, rows: repo.TaskRow[]): Promise<CheckTask[]> {
  const day = today(ctx);
  const counts = await repo.recordCounts(
    db,
    rows.map((r) => r.id),
    day,
  );
  const points = new Map<string, RiskPoint>();
  const names = new Map<string, string | null>();
  const out: CheckTask[] = [];
  for (const r of rows) {
    if (!points.has(r.riskPointId)) points.set(r.riskPointId, await getRiskPoint(db, systemContext(ctx, "checks"), r.riskPointId));
    if (r.assigneeUserId && !names.has(r.assigneeUserId)) names.set(r.assigneeUserId, await userName(db, ctx, r.assigneeUserId));
    const point = points.get(r.riskPointId) as RiskPoint;
    const c = counts.get(r.id) ?? { done: 0, currentDone: false };
    const due = dueCount(r, day);
    const running = r.startsOn <= day && !r.endedOn;
    out.push({
      id: r.id,
      enterpriseId: r.enterpriseId,
      riskPointId: r.riskPointId,
      riskPointName: point.name,
      measureId: r.measureId,
      measureText: measureOf(point, r.measureId),
      content: r.content,
      method: r.method,
      frequency: r.frequency as CheckFrequency,
      assigneeUserId: r.assigneeUserId,
      assigneeName: r.assigneeUserId ? (names.get(r.assigneeUserId) ?? null) : null,
      assigneePost: r.assigneePost,
      startsOn: r.startsOn,
      endedOn: r.endedOn,
      current: running ? periodContaining(r.frequency as CheckFrequency, day) : null,
      currentDone: c.currentDone,
      due,
      done: Math.min(c.done, due),
      missed: Math.max(0, due - c.done),
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    });
  }
  return out;
}

const auditable = (r: repo.TaskRow) => ({
  riskPointId: r.riskPointId,
  measureId: r.measureId,
  content: r.content,
  method: r.method,
  frequency: r.frequency,
  assigneeUserId: r.assigneeUserId,
  assigneePost: r.assigneePost,
  startsOn: r.startsOn,
  endedOn: r.endedOn,
  version: r.version,
});

async function loadTask(db: Db, ctx: Ctx, id: string): Promise<repo.TaskRow> {
  const row = await repo.findTask(db, id, taskScope(ctx.actor));
  if (!row) throw notFound(checkTaskEntity);
  return row;
}

/** An assignee is an active account of the task's own enterprise. */
async function assertAssignee(db: Db, ctx: Ctx, enterpriseId: string, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const user = await getUser(db, systemContext(ctx, "checks"), userId).catch(() => null);
  if (!user || user.enterpriseId !== enterpriseId || user.status !== "active") {
    throw fieldError("assigneeUserId", "checks.assignee_enterprise");
  }
}

/** Turns a control measure of a risk point into a recurring check task (双重预防: 管控措施 → 排查任务). */
export async function createCheckTask(db: Db, ctx: Ctx, riskPointId: string, input: CheckTaskCreate): Promise<CheckTask> {
  const point = await getRiskPoint(db, ctx, riskPointId);
  if (ctx.actor?.role !== "admin" && ctx.actor?.enterpriseId !== point.enterpriseId) throw notFound(checkTaskEntity);
  if (measureOf(point, input.measureId) === null) throw fieldError("measureId", "checks.measure_unknown");
  if (!input.assigneeUserId && !input.assigneePost) throw fieldError("assigneeUserId", "checks.assignee_needed");
  await assertAssignee(db, ctx, point.enterpriseId, input.assigneeUserId);
  const row = await withTx(db, async (tx) => {
    const created = await repo.insertTask(tx, {
      enterpriseId: point.enterpriseId,
      regionCode: point.regionCode,
      riskPointId,
      measureId: input.measureId,
      content: input.content,
      method: input.method,
      frequency: input.frequency,
      assigneeUserId: input.assigneeUserId,
      assigneePost: input.assigneePost,
      startsOn: input.startsOn,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: "check_task.create",
      entityType: "check_task",
      entityId: created.id,
      regionCode: created.regionCode,
      after: auditable(created),
    });
    return created;
  });
  return (await presentTasks(db, ctx, [row]))[0] as CheckTask;
}

function assertManages(ctx: Ctx, row: repo.TaskRow): void {
  if (ctx.actor?.role !== "admin" && ctx.actor?.enterpriseId !== row.enterpriseId) throw notFound(checkTaskEntity);
}

/** Changes what, how or who; the frequency is fixed for a task's life (end it and add another), so past counts stay true. */
export async function updateCheckTask(db: Db, ctx: Ctx, id: string, input: CheckTaskUpdate): Promise<CheckTask> {
  const before = await loadTask(db, ctx, id);
  assertManages(ctx, before);
  if (before.endedOn) throw new AppError(409, "checks.task_ended");
  const assigneeUserId = input.assigneeUserId === undefined ? before.assigneeUserId : input.assigneeUserId;
  const assigneePost = input.assigneePost === undefined ? before.assigneePost : input.assigneePost;
  if (!assigneeUserId && !assigneePost) throw fieldError("assigneeUserId", "checks.assignee_needed");
  if (input.assigneeUserId !== undefined) await assertAssignee(db, ctx, before.enterpriseId, input.assigneeUserId);
  const row = await withTx(db, async (tx) => {
    const after = await updateVersioned(tx, checkTasks, {
      id,
      version: input.version,
      set: {
        content: input.content ?? before.content,
        method: input.method === undefined ? before.method : input.method,
        assigneeUserId,
        assigneePost,
        updatedAt: ctx.now,
      },
    });
    await writeAudit(tx, ctx, {
      action: "check_task.update",
      entityType: "check_task",
      entityId: id,
      regionCode: after.regionCode,
      before: auditable(before),
      after: auditable(after),
    });
    return after;
  });
  return (await presentTasks(db, ctx, [row]))[0] as CheckTask;
}

/** Stops a task from today; its records and missed counts stay. */
export async function endCheckTask(db: Db, ctx: Ctx, id: string, input: CheckTaskEnd): Promise<CheckTask> {
  const before = await loadTask(db, ctx, id);
  assertManages(ctx, before);
  if (before.endedOn) throw new AppError(409, "checks.task_ended");
  const row = await withTx(db, async (tx) => {
    const after = await updateVersioned(tx, checkTasks, { id, version: input.version, set: { endedOn: today(ctx), updatedAt: ctx.now } });
    await writeAudit(tx, ctx, {
      action: "check_task.end",
      entityType: "check_task",
      entityId: id,
      regionCode: after.regionCode,
      before: auditable(before),
      after: auditable(after),
      detail: { reason: input.reason },
    });
    return after;
  });
  return (await presentTasks(db, ctx, [row]))[0] as CheckTask;
}

export async function getCheckTask(db: Db, ctx: Ctx, id: string): Promise<CheckTask> {
  return (await presentTasks(db, ctx, [await loadTask(db, ctx, id)]))[0] as CheckTask;
}

/** An enterprise's tasks (visible to it, and to regulators over its region). */
export async function listCheckTasks(db: Db, ctx: Ctx, enterpriseId: string, q: CheckTaskListQuery): Promise<Page<CheckTask>> {
  await getEnterprise(db, ctx, enterpriseId);
  const { items, total } = await repo.listTasks(
    db,
    taskScope(ctx.actor),
    {
      enterpriseId,
      riskPointId: q.riskPoint,
      assigneeUserId: q.assignee === "me" ? (ctx.actor?.userId ?? "") : q.assignee,
      active: q.active === "all" ? undefined : q.active === "true",
      openOn: q.open === "true" ? today(ctx) : undefined,
    },
    q,
  );
  return { items: await presentTasks(db, ctx, items), total, page: q.page, pageSize: q.pageSize };
}

function presentRecord(r: repo.RecordSummary): CheckRecord {
  return {
    id: r.id,
    taskId: r.taskId,
    periodKey: r.periodKey,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    result: r.result as CheckRecord["result"],
    remark: r.remark,
    hasPhoto: r.hasPhoto,
    doneById: r.doneById,
    doneByName: r.doneByName,
    doneAt: r.doneAt.toISOString(),
    hazardRef: r.hazardRef,
  };
}

/**
 * Records the current occurrence as done, pass or fail (with an optional photo). A fail is a hidden
 * hazard found: the hazard register's hook raises it in the same transaction (checks.hooks.ts).
 */
export async function recordCheck(db: Db, ctx: Ctx, taskId: string, input: CheckRecordCreate): Promise<CheckRecord> {
  const task = await loadTask(db, ctx, taskId);
  assertMayRecord(ctx.actor, task);
  if (task.endedOn) throw new AppError(409, "checks.task_ended");
  const day = today(ctx);
  if (task.startsOn > day) throw new AppError(409, "checks.not_started");
  const period = periodContaining(task.frequency as CheckFrequency, day);
  if (input.periodKey && input.periodKey !== period.key) throw fieldError("periodKey", "checks.not_open");
  let photo: Buffer | null = null;
  if (input.photo) {
    photo = Buffer.from(input.photo.data, "base64");
    if (photo.length > maxPhotoBytes) throw fieldError("photo", "checks.photo_too_large");
    if (!looksLike(input.photo.contentType, photo)) throw fieldError("photo", "checks.photo_type");
  }
  const point = await getRiskPoint(db, ctx, task.riskPointId);
  const actor = ctx.actor as NonNullable<Ctx["actor"]>;
  return withTx(db, async (tx) => {
    const id = randomUUID();
    const hazardRef =
      input.result === "fail"
        ? await raiseHazardFor(tx, ctx, {
            recordId: id,
            taskId,
            enterpriseId: task.enterpriseId,
            regionCode: task.regionCode,
            riskPointId: task.riskPointId,
            riskPointName: point.name,
            measureId: task.measureId,
            content: task.content,
            remark: input.remark ?? "",
            periodKey: period.key,
            foundById: actor.userId,
            foundByName: actor.displayName,
          })
        : null;
    const row = await repo.insertRecord(tx, {
      id,
      taskId,
      enterpriseId: task.enterpriseId,
      regionCode: task.regionCode,
      periodKey: period.key,
      periodStart: period.start,
      periodEnd: period.end,
      result: input.result,
      remark: input.remark,
      photoType: input.photo?.contentType ?? null,
      photo,
      doneById: actor.userId,
      doneByName: actor.displayName,
      doneAt: ctx.now,
      hazardRef,
    });
    if (!row) throw new AppError(409, "checks.already_done");
    await writeAudit(tx, ctx, {
      action: `check.${input.result}`,
      entityType: "check_record",
      entityId: id,
      regionCode: task.regionCode,
      after: { taskId, periodKey: period.key, result: input.result, remark: input.remark, photo: !!photo, hazardRef },
    });
    return presentRecord(row);
  });
}

/** JPEG starts FF D8 FF; PNG with its 8-byte signature. */
function looksLike(type: "image/jpeg" | "image/png", b: Buffer): boolean {
  if (type === "image/jpeg") return b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  return b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

export async function listCheckRecords(
  db: Db,
  ctx: Ctx,
  taskId: string,
  q: { page: number; pageSize: number },
): Promise<Page<CheckRecord>> {
  await loadTask(db, ctx, taskId);
  const { items, total } = await repo.listRecords(db, recordScope(ctx.actor), taskId, q);
  return { items: items.map(presentRecord), total, page: q.page, pageSize: q.pageSize };
}

export async function checkPhoto(db: Db, ctx: Ctx, recordId: string): Promise<{ contentType: string; data: Buffer }> {
  const row = await repo.findPhoto(db, recordId, recordScope(ctx.actor));
  if (!row?.photo || !row.photoType) throw notFound(checkRecordEntity);
  return { contentType: row.photoType, data: Buffer.from(row.photo) };
}

/**
 * Completion of an enterprise's checks over closed occurrences: due, done and missed per person (or
 * post, when a task names no account) and in total (issue 5 §6: missed occurrences per person and enterprise).
 */
export async function checkCompletion(db: Db, ctx: Ctx, enterpriseId: string): Promise<CheckCompletion> {
  await getEnterprise(db, ctx, enterpriseId);
  const day = today(ctx);
  const tasks = await repo.tasksOfEnterprise(db, taskScope(ctx.actor), enterpriseId);
  const counts = await repo.recordCounts(
    db,
    tasks.map((t) => t.id),
    day,
  );
  const rows = new Map<string, { key: string; name: string; due: number; done: number }>();
  const total = { key: "total", name: "", due: 0, done: 0 };
  for (const t of tasks) {
    const due = dueCount(t, day);
    const done = Math.min(counts.get(t.id)?.done ?? 0, due);
    const key = t.assigneeUserId ?? `post:${t.assigneePost}`;
    const row = rows.get(key) ?? {
      key,
      name: (t.assigneeUserId ? await userName(db, ctx, t.assigneeUserId) : t.assigneePost) ?? "",
      due: 0,
      done: 0,
    };
    row.due += due;
    row.done += done;
    rows.set(key, row);
    total.due += due;
    total.done += done;
  }
  const finish = (r: { key: string; name: string; due: number; done: number }) => ({
    ...r,
    missed: r.due - r.done,
    rate: r.due ? r.done / r.due : null,
  });
  return {
    enterpriseId,
    asOf: day,
    total: finish(total),
    byAssignee: [...rows.values()].map(finish).sort((a, b) => b.due - b.done - (a.due - a.done) || a.name.localeCompare(b.name)),
  };
}
