import { scopeKindOf } from "../../../domain/access/roles.js";
import { type CheckFrequency, closedPeriods, countClosedPeriods, periodContaining } from "../../../domain/checks/schedule.js";
import { shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import type { ChecklistDetail } from "../../../domain/inspections/checklist.dto.js";
import {
  completionFigures,
  dueInWindow,
  occurrenceState,
  type SelfCompletion,
  type SelfCompletionQuery,
  type SelfCompletionRow,
  type SelfMissedOccurrence,
  type SelfSchedule,
  type SelfScheduleCreate,
  type SelfScheduleEnd,
  type SelfScheduleListQuery,
  type SelfScheduleStarted,
  type SelfScheduleUpdate,
} from "../../../domain/inspections/self.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Actor, type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, fieldError, forbidden, notFound } from "../../kernel/http/errors.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import { getUser } from "../accounts/users.service.js";
import { getChecklist, latestChecklistVersion } from "../checklists/checklists.service.js";
import { enterpriseNames, getEnterprise } from "../enterprises/enterprises.service.js";
import { findRegion, listRegionChildren, regionEntity } from "../regions/regions.service.js";
import { selfInspectionSchedules } from "./inspections.schema.js";
import * as repo from "./inspections.self.repo.js";
import { createInspection } from "./inspections.service.js";
import { selfScheduleEntity } from "./self.messages.js";

// Route permissions (domain/access/permissions.ts): self_inspections.read (the enterprise's schedules, and
// regulators over their region), self_inspections.manage (set up: the enterprise administrator, administrators),
// self_inspections.start (do an occurrence: the enterprise's own people), self_inspections.completion (regulators).

const today = (ctx: Ctx) => shanghaiDay(ctx.now);
/** Schedules the actor may see: its region's subtree for regulators and grid members, its own enterprise for enterprise users. */
const scheduleScope = (actor: Actor | null) =>
  scopeWhere(actor, { region: selfInspectionSchedules.regionCode, enterprise: selfInspectionSchedules.enterpriseId });
/** How many of the latest closed occurrences are searched for missed ones on the schedules page. */
const missedLookback = 60;
const missedShown = 10;
const maxEnterpriseRows = 500;
/** The child level's code length under a code of a given length (GB/T 2260 truncated codes). */
const childLength: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };

/** The day up to which a schedule accrues occurrences: today, or the day it ended. */
const accruesUntil = (r: { endedOn: string | null }, day: string) => (r.endedOn && r.endedOn < day ? r.endedOn : day);

/** A self-inspection was finished on or before the last day of its period (Asia/Shanghai). */
const doneInTime = (o: repo.OccurrenceRow | undefined, periodEnd: string) =>
  !!o && o.status === "finished" && !!o.finishedAt && shanghaiDay(o.finishedAt) <= periodEnd;

async function presentSchedules(db: Db, ctx: Ctx, rows: repo.ScheduleRow[]): Promise<SelfSchedule[]> {
  if (rows.length === 0) return [];
  const day = today(ctx);
  const system = systemContext(ctx, "self-inspections");
  const done = await repo.doneCounts(
    db,
    rows.map((r) => r.id),
    { from: null, to: null, today: day },
  );
  // The open period and the latest closed ones of each schedule, and the inspections begun for them.
  const windows = rows.map((r) => {
    const running = r.startsOn <= day && !r.endedOn;
    return {
      current: running ? periodContaining(r.frequency as CheckFrequency, day) : null,
      closed: closedPeriods(r.frequency as CheckFrequency, r.startsOn, accruesUntil(r, day), missedLookback),
    };
  });
  const keys = new Set(windows.flatMap((w) => [...(w.current ? [w.current.key] : []), ...w.closed.map((p) => p.key)]));
  const found = await repo.occurrenceInspections(
    db,
    rows.map((r) => r.id),
    [...keys],
  );
  const occurrence = new Map<string, repo.OccurrenceRow>();
  for (const o of found) {
    const k = `${o.scheduleId}/${o.periodKey}`;
    // Prefer the finished one should an occurrence ever hold two.
    if (!occurrence.has(k) || o.status === "finished") occurrence.set(k, o);
  }

  const names = await enterpriseNames(
    db,
    system,
    rows.map((r) => r.enterpriseId),
  );
  const checklists = new Map<string, { name: string; version: number } | null>();
  const people = new Map<string, string | null>();
  const out: SelfSchedule[] = [];
  for (const [i, r] of rows.entries()) {
    if (!checklists.has(r.checklistId)) {
      const v = await latestChecklistVersion(db, system, r.checklistId).catch(() => null);
      checklists.set(r.checklistId, v ? { name: v.name, version: v.version } : null);
    }
    if (r.assigneeUserId && !people.has(r.assigneeUserId)) {
      people.set(r.assigneeUserId, (await getUser(db, system, r.assigneeUserId).catch(() => null))?.displayName ?? null);
    }
    const w = windows[i] as (typeof windows)[number];
    const currentInspection = w.current ? occurrence.get(`${r.id}/${w.current.key}`) : undefined;
    const missedRecent: SelfMissedOccurrence[] = w.closed
      .filter((p) => !doneInTime(occurrence.get(`${r.id}/${p.key}`), p.end))
      .slice(-missedShown)
      .reverse()
      .map((p) => ({ ...p, inspectionId: occurrence.get(`${r.id}/${p.key}`)?.id ?? null }));
    const due = countClosedPeriods(r.frequency as CheckFrequency, r.startsOn, accruesUntil(r, day));
    const figures = completionFigures(due, done.get(r.id) ?? 0);
    const checklist = checklists.get(r.checklistId) ?? null;
    out.push({
      id: r.id,
      enterpriseId: r.enterpriseId,
      enterpriseName: names.get(r.enterpriseId) ?? null,
      checklistId: r.checklistId,
      checklistName: checklist?.name ?? null,
      checklistVersion: checklist?.version ?? null,
      title: r.title,
      frequency: r.frequency as CheckFrequency,
      assigneeUserId: r.assigneeUserId,
      assigneeName: r.assigneeUserId ? (people.get(r.assigneeUserId) ?? null) : null,
      assigneePost: r.assigneePost,
      startsOn: r.startsOn,
      endedOn: r.endedOn,
      current: w.current ? { ...w.current, state: occurrenceState(currentInspection), inspectionId: currentInspection?.id ?? null } : null,
      due: figures.due,
      done: figures.done,
      missed: figures.missed,
      missedRecent,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    });
  }
  return out;
}

const auditable = (r: repo.ScheduleRow) => ({
  enterpriseId: r.enterpriseId,
  checklistId: r.checklistId,
  title: r.title,
  frequency: r.frequency,
  assigneeUserId: r.assigneeUserId,
  assigneePost: r.assigneePost,
  startsOn: r.startsOn,
  endedOn: r.endedOn,
  version: r.version,
});

async function loadSchedule(db: Db, ctx: Ctx, id: string): Promise<repo.ScheduleRow> {
  const row = await repo.findSchedule(db, id, scheduleScope(ctx.actor));
  if (!row) throw notFound(selfScheduleEntity);
  return row;
}

/** Setting up is the enterprise's own act (its administrator), or an administrator's. */
function assertManages(actor: Actor | null, enterpriseId: string): void {
  if (actor?.role === "admin") return;
  if (actor?.role !== "enterprise_admin" || actor.enterpriseId !== enterpriseId) throw forbidden("self_inspections.other_enterprise");
}

/** A checklist the enterprise may run: published, and built-in, its own, or a region's at or above the enterprise. */
async function assertUsableChecklist(db: Db, ctx: Ctx, enterprise: { id: string; regionCode: string }, checklistId: string) {
  let c: ChecklistDetail;
  try {
    c = await getChecklist(db, ctx, checklistId);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw fieldError("checklistId", "self_inspections.checklist_unknown");
    throw e;
  }
  const usable =
    c.ownerKind === "builtin" ||
    (c.ownerKind === "enterprise" && c.enterpriseId === enterprise.id) ||
    (c.ownerKind === "region" && (c.regionCode === null || enterprise.regionCode.startsWith(c.regionCode)));
  if (!usable) throw fieldError("checklistId", "self_inspections.checklist_unknown");
  if (c.publishedVersion === 0) throw fieldError("checklistId", "self_inspections.checklist_unpublished");
}

/** An assignee is an active account of the schedule's own enterprise. */
async function assertAssignee(db: Db, ctx: Ctx, enterpriseId: string, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const user = await getUser(db, systemContext(ctx, "self-inspections"), userId).catch(() => null);
  if (!user || user.enterpriseId !== enterpriseId || user.status !== "active") {
    throw fieldError("assigneeUserId", "self_inspections.assignee_enterprise");
  }
}

/** 自查安排: an enterprise runs a published checklist on a recurring schedule (issue 7 §6), audited. */
export async function createSelfSchedule(db: Db, ctx: Ctx, input: SelfScheduleCreate): Promise<SelfSchedule> {
  const actor = ctx.actor as Actor;
  const enterpriseId = actor.enterpriseId ?? input.enterpriseId;
  if (!enterpriseId) throw fieldError("enterpriseId", "self_inspections.enterprise_needed");
  if (actor.enterpriseId && input.enterpriseId && input.enterpriseId !== actor.enterpriseId) {
    throw forbidden("self_inspections.other_enterprise");
  }
  assertManages(actor, enterpriseId);
  const enterprise = await getEnterprise(db, ctx, enterpriseId);
  if (enterprise.status === "closed") throw new AppError(409, "self_inspections.enterprise_closed");
  if (input.startsOn < today(ctx)) throw fieldError("startsOn", "self_inspections.starts_in_past");
  if (!input.assigneeUserId && !input.assigneePost) throw fieldError("assigneeUserId", "self_inspections.assignee_needed");
  await assertUsableChecklist(db, ctx, enterprise, input.checklistId);
  await assertAssignee(db, ctx, enterpriseId, input.assigneeUserId);
  const row = await withTx(db, async (tx) => {
    const created = await repo.insertSchedule(tx, {
      enterpriseId,
      regionCode: enterprise.regionCode,
      checklistId: input.checklistId,
      title: input.title,
      frequency: input.frequency,
      assigneeUserId: input.assigneeUserId,
      assigneePost: input.assigneePost,
      startsOn: input.startsOn,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: "self_inspection_schedule.create",
      entityType: "self_inspection_schedule",
      entityId: created.id,
      regionCode: created.regionCode,
      after: auditable(created),
    });
    return created;
  });
  return (await presentSchedules(db, ctx, [row]))[0] as SelfSchedule;
}

/**
 * Changes the title, checklist or who does it; the frequency and start are fixed for a schedule's life (end it and
 * add another), so past occurrences keep counting as they did. Version-guarded, audited.
 */
export async function updateSelfSchedule(db: Db, ctx: Ctx, id: string, input: SelfScheduleUpdate): Promise<SelfSchedule> {
  const before = await loadSchedule(db, ctx, id);
  assertManages(ctx.actor, before.enterpriseId);
  if (before.endedOn) throw new AppError(409, "self_inspections.schedule_ended");
  const assigneeUserId = input.assigneeUserId === undefined ? before.assigneeUserId : input.assigneeUserId;
  const assigneePost = input.assigneePost === undefined ? before.assigneePost : input.assigneePost;
  if (!assigneeUserId && !assigneePost) throw fieldError("assigneeUserId", "self_inspections.assignee_needed");
  if (input.checklistId && input.checklistId !== before.checklistId) {
    const enterprise = await getEnterprise(db, ctx, before.enterpriseId);
    await assertUsableChecklist(db, ctx, enterprise, input.checklistId);
  }
  if (input.assigneeUserId !== undefined) await assertAssignee(db, ctx, before.enterpriseId, input.assigneeUserId);
  const row = await withTx(db, async (tx) => {
    const after = await updateVersioned(tx, selfInspectionSchedules, {
      id,
      version: input.version,
      set: {
        title: input.title ?? before.title,
        checklistId: input.checklistId ?? before.checklistId,
        assigneeUserId,
        assigneePost,
        updatedAt: ctx.now,
      },
    });
    await writeAudit(tx, ctx, {
      action: "self_inspection_schedule.update",
      entityType: "self_inspection_schedule",
      entityId: id,
      regionCode: after.regionCode,
      before: auditable(before),
      after: auditable(after),
    });
    return after;
  });
  return (await presentSchedules(db, ctx, [row]))[0] as SelfSchedule;
}

/** Stops a schedule from today; its inspections and missed counts stay. Version-guarded, audited. */
export async function endSelfSchedule(db: Db, ctx: Ctx, id: string, input: SelfScheduleEnd): Promise<SelfSchedule> {
  const before = await loadSchedule(db, ctx, id);
  assertManages(ctx.actor, before.enterpriseId);
  if (before.endedOn) throw new AppError(409, "self_inspections.schedule_ended");
  const row = await withTx(db, async (tx) => {
    const after = await updateVersioned(tx, selfInspectionSchedules, {
      id,
      version: input.version,
      set: { endedOn: today(ctx), updatedAt: ctx.now },
    });
    await writeAudit(tx, ctx, {
      action: "self_inspection_schedule.end",
      entityType: "self_inspection_schedule",
      entityId: id,
      regionCode: after.regionCode,
      before: auditable(before),
      after: auditable(after),
      detail: { reason: input.reason },
    });
    return after;
  });
  return (await presentSchedules(db, ctx, [row]))[0] as SelfSchedule;
}

export async function getSelfSchedule(db: Db, ctx: Ctx, id: string): Promise<SelfSchedule> {
  return (await presentSchedules(db, ctx, [await loadSchedule(db, ctx, id)]))[0] as SelfSchedule;
}

/** An enterprise's schedules (its own people; regulators and administrators name the enterprise). */
export async function listSelfSchedules(db: Db, ctx: Ctx, q: SelfScheduleListQuery): Promise<Page<SelfSchedule>> {
  const actor = ctx.actor as Actor;
  const enterpriseId = actor.enterpriseId ?? q.enterprise;
  if (!enterpriseId) throw fieldError("enterprise", "self_inspections.enterprise_needed");
  await getEnterprise(db, ctx, enterpriseId);
  const { items, total } = await repo.listSchedules(
    db,
    scheduleScope(actor),
    {
      enterpriseId,
      assigneeUserId: q.assignee === "me" ? actor.userId : q.assignee,
      active: q.active === "all" ? undefined : q.active === "true",
    },
    q,
  );
  return { items: await presentSchedules(db, ctx, items), total, page: q.page, pageSize: q.pageSize };
}

/** Doing an occurrence is the enterprise's own act: its administrator, or the person the schedule names (anyone of a post). */
function assertMayStart(actor: Actor | null, s: { enterpriseId: string; assigneeUserId: string | null }): void {
  if (!actor || actor.enterpriseId !== s.enterpriseId) throw forbidden("self_inspections.other_enterprise");
  if (actor.role === "enterprise_admin") return;
  if (s.assigneeUserId && s.assigneeUserId !== actor.userId) throw forbidden("self_inspections.not_assignee");
}

/**
 * Starts the open occurrence: a `self` inspection of the schedule's checklist (newest published version) through the
 * inspections service, stamped with the schedule and period. One inspection per occurrence: the schedule row is
 * locked, and a second start returns the inspection already begun.
 */
export async function startSelfOccurrence(db: Db, ctx: Ctx, id: string): Promise<SelfScheduleStarted> {
  const schedule = await loadSchedule(db, ctx, id);
  assertMayStart(ctx.actor, schedule);
  if (schedule.endedOn) throw new AppError(409, "self_inspections.schedule_ended");
  const day = today(ctx);
  if (schedule.startsOn > day) throw new AppError(409, "self_inspections.not_started");
  const period = periodContaining(schedule.frequency as CheckFrequency, day);
  return withTx(db, async (tx) => {
    const locked = await repo.lockSchedule(tx, id);
    if (!locked || locked.endedOn) throw new AppError(409, "self_inspections.schedule_ended");
    const existing = await repo.findOccurrence(tx, id, period.key);
    if (existing) return { inspectionId: existing.id, periodKey: period.key, created: false };
    const inspection = await createInspection(tx, ctx, {
      kind: "self",
      enterpriseId: locked.enterpriseId,
      checklistId: locked.checklistId,
      inspectorIds: [],
    });
    await repo.stampOccurrence(tx, inspection.id, id, period.key);
    await writeAudit(tx, ctx, {
      action: "self_inspection_schedule.start",
      entityType: "self_inspection_schedule",
      entityId: id,
      regionCode: locked.regionCode,
      detail: { inspectionId: inspection.id, periodKey: period.key },
    });
    return { inspectionId: inspection.id, periodKey: period.key, created: true };
  });
}

/**
 * The region the figures cover: the one asked for, else the caller's own (the whole country for an administrator).
 * Outside the caller's subtree is 404, as for any record out of scope.
 */
async function completionRegion(db: Db, actor: Actor, asked: string | undefined) {
  const own = scopeKindOf[actor.role] === "region" ? actor.regionCode : null;
  const code = asked ?? own;
  if (!code) return null;
  if (own && !code.startsWith(own)) throw notFound(regionEntity);
  const region = await findRegion(db, code);
  if (!region) throw notFound(regionEntity);
  return { code: region.code, name: region.name };
}

type Tally = { schedules: number; due: number; done: number };
const row = (key: string, label: string | null, t: Tally): SelfCompletionRow => ({
  key,
  label,
  schedules: t.schedules,
  ...completionFigures(t.due, t.done),
});

/**
 * GET /api/self-inspections/completion (issue 7 §6): how the enterprises of a region subtree keep their
 * self-inspection schedules — occurrences due in the window (periods ending in it, closed before today), done
 * (finished within their period) and missed — in total, per child region and per enterprise.
 */
export async function selfCompletion(db: Db, ctx: Ctx, q: SelfCompletionQuery): Promise<SelfCompletion> {
  const actor = ctx.actor as Actor;
  const day = today(ctx);
  const from = q.from ?? `${day.slice(0, 4)}-01-01`;
  const to = q.to ?? day;
  if (from > to) throw fieldError(q.to ? "to" : "from", "self_inspections.from_after_to");
  const region = await completionRegion(db, actor, q.region);
  const window = { from, to, today: day };
  const schedules = await repo.schedulesWithDone(db, scheduleScope(actor), region?.code ?? null, window);
  const length = childLength[region?.code.length ?? 0] ?? 12;
  const total: Tally = { schedules: 0, due: 0, done: 0 };
  const byRegion = new Map<string, Tally>();
  const byEnterprise = new Map<string, Tally & { regionCode: string }>();
  for (const s of schedules) {
    const due = dueInWindow({ frequency: s.frequency as CheckFrequency, startsOn: s.startsOn, endedOn: s.endedOn }, window);
    if (due === 0) continue;
    const done = Math.min(s.done, due);
    const add = (t: Tally) => {
      t.schedules += 1;
      t.due += due;
      t.done += done;
    };
    add(total);
    const rk = s.regionCode.slice(0, length);
    if (!byRegion.has(rk)) byRegion.set(rk, { schedules: 0, due: 0, done: 0 });
    add(byRegion.get(rk) as Tally);
    if (!byEnterprise.has(s.enterpriseId)) byEnterprise.set(s.enterpriseId, { schedules: 0, due: 0, done: 0, regionCode: s.regionCode });
    add(byEnterprise.get(s.enterpriseId) as Tally);
  }
  // Every child region, those with nothing due too.
  const children = (await listRegionChildren(db, region?.code ?? null)).items;
  const regions = children.map((c) => row(c.code, c.name, byRegion.get(c.code) ?? { schedules: 0, due: 0, done: 0 }));
  for (const [k, t] of byRegion) if (!children.some((c) => c.code === k)) regions.push(row(k, k === region?.code ? region.name : null, t));

  const ranked = [...byEnterprise].map(([id, t]) => ({ id, t, f: completionFigures(t.due, t.done) }));
  ranked.sort((a, b) => (a.f.rate ?? 1) - (b.f.rate ?? 1) || b.f.missed - a.f.missed || a.id.localeCompare(b.id));
  const kept = ranked.slice(0, maxEnterpriseRows);
  const names = await enterpriseNames(
    db,
    ctx,
    kept.map((k) => k.id),
  );
  return {
    region,
    from,
    to,
    asOf: day,
    total: row("total", null, total),
    byRegion: regions,
    byEnterprise: kept.map((k) => ({ ...row(k.id, names.get(k.id) ?? null, k.t), regionCode: k.t.regionCode })),
    truncated: ranked.length > maxEnterpriseRows,
  };
}
