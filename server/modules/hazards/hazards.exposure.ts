import { randomUUID } from "node:crypto";
import { addDays, daysBetween, isoWeekday, shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import {
  type ExposureCandidate,
  type ExposureCandidateQuery,
  type ExposureItem,
  type ExposureItemAdd,
  type ExposureItemEdit,
  type ExposureList,
  type ExposureListDetail,
  type ExposureListOpen,
  type ExposureListQuery,
  exposureListStates,
  type PublicExposure,
} from "../../../domain/hazards/exposure.dto.js";
import { type HazardState, openHazardStates } from "../../../domain/hazards/hazard.js";
import type { AppDeps } from "../../deps.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Actor, type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { conflict, fieldError, notFound } from "../../kernel/http/errors.js";
import { hitRateLimit } from "../../kernel/http/rate-limit.js";
import type { JobDefinition } from "../../kernel/jobs/jobs.js";
import { applyTransition, defineMachine, updateVersioned } from "../../kernel/workflow/state-machine.js";
import { enterpriseFacts, getEnterprise } from "../enterprises/enterprises.service.js";
import { findRegion } from "../regions/regions.service.js";
import { exposureItemEntity, exposureListEntity } from "./exposure.messages.js";
import * as repo from "./hazards.exposure.repo.js";
import { hazardEntity } from "./hazards.messages.js";
import { hazardScope } from "./hazards.policy.js";
import { findHazard, type HazardRow } from "./hazards.repo.js";
import { exposureItems, exposureLists } from "./hazards.schema.js";

// 每周曝光 (R12, seed 001): a weekly list per region, drafted by regulators (or by the Monday job from the
// escalation rungs), approved and published by a leader; the public reads only published snapshots.

const machine = defineMachine({
  name: "exposure_list",
  states: exposureListStates,
  transitions: { publish: { from: ["draft"], to: "published" } },
});

/** Regulators see the lists of their region's subtree (a city sees its counties' lists). */
const listScope = (actor: Actor | null) => scopeWhere(actor, { region: exposureLists.regionCode });
const today = (ctx: Pick<Ctx, "now">) => shanghaiDay(ctx.now);
const summaryLength = 100;
/** Public requests per client address per minute. */
const publicRateLimit = { limit: 120, windowSeconds: 60 };

/** The Monday of the week `day` falls in. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/**
 * R12: o = today − D in Asia/Shanghai calendar days, never negative; a hazard closed since counts to the day it
 * closed, so a published figure does not keep growing after the fact.
 */
export function daysOverdueOf(h: Pick<HazardRow, "deadline" | "closedAt">, day: string): number {
  if (!h.deadline) return 0;
  const end = h.closedAt ? shanghaiDay(h.closedAt) : day;
  return Math.max(0, daysBetween(h.deadline, end));
}

const isOpen = (status: string) => (openHazardStates as readonly string[]).includes(status);

function presentList(r: repo.ExposureListRow): ExposureList {
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: r.regionName,
    weekStart: r.weekStart,
    status: r.status as ExposureList["status"],
    approvedByName: r.approvedByName,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    itemCount: r.itemCount,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function presentItem(r: repo.ExposureItemRow): ExposureItem {
  return {
    id: r.id,
    hazardId: r.hazardId,
    enterpriseName: r.enterpriseName,
    uscc: r.uscc,
    summary: r.summary,
    deadline: r.deadline,
    daysOverdue: r.daysOverdue,
    status: r.status as HazardState,
    supervisingBody: r.supervisingBody,
    createdAt: r.createdAt.toISOString(),
  };
}

async function detailOf(db: Db, list: repo.ExposureListRow): Promise<ExposureListDetail> {
  const items = await repo.itemsOf(db, [list.id]);
  return { ...presentList({ ...list, itemCount: items.length }), items: items.map(presentItem) };
}

async function loadList(db: Db, ctx: Ctx, id: string): Promise<repo.ExposureListRow> {
  const list = await repo.findList(db, id, listScope(ctx.actor));
  if (!list) throw notFound(exposureListEntity);
  return list;
}

/** A published list is what the public saw: immutable. */
function assertDraft(list: repo.ExposureListRow): void {
  if (list.status !== "draft") throw conflict("exposure.published");
}

/** The region of a list: a regulator's own (or one below it); an administrator names one. */
async function resolveRegion(db: Db, actor: Actor, code: string | undefined): Promise<{ code: string; name: string }> {
  const chosen = code ?? actor.regionCode ?? undefined;
  if (!chosen) throw fieldError("regionCode", "exposure.region_required");
  if (actor.role !== "admin" && !(actor.regionCode && chosen.startsWith(actor.regionCode))) {
    throw fieldError("regionCode", "exposure.region_outside");
  }
  const region = await findRegion(db, chosen);
  if (!region) throw fieldError("regionCode", "exposure.region_unknown");
  return { code: region.code, name: region.name };
}

/**
 * The published-field snapshots of hazards (R12): enterprise name and USCC through the enterprises service,
 * a summary (the description cut to 100 characters unless given), deadline, days overdue, status, and the
 * supervising body — the active 挂牌督办 listing's unit, else the list's region.
 */
async function snapshotsOf(
  db: Db,
  ctx: Ctx,
  listId: string,
  regionName: string,
  rows: HazardRow[],
  summaries: Map<string, string> = new Map(),
): Promise<(typeof exposureItems.$inferInsert)[]> {
  const system = systemContext(ctx, "exposure");
  const enterprises = new Map<string, { name: string; uscc: string }>();
  for (const id of new Set(rows.map((r) => r.enterpriseId))) {
    const e = await getEnterprise(db, system, id);
    enterprises.set(id, { name: e.name, uscc: e.uscc });
  }
  const units = await repo.activeListingUnits(
    db,
    rows.map((r) => r.id),
  );
  const day = today(ctx);
  return rows.map((h) => {
    const e = enterprises.get(h.enterpriseId) as { name: string; uscc: string };
    return {
      id: randomUUID(),
      listId,
      hazardId: h.id,
      enterpriseName: e.name,
      uscc: e.uscc,
      summary: summaries.get(h.id) ?? h.description.trim().slice(0, summaryLength),
      deadline: h.deadline,
      daysOverdue: daysOverdueOf(h, day),
      status: h.status,
      supervisingBody: units.get(h.id) ?? regionName,
      createdAt: ctx.now,
    };
  });
}

const auditableItem = (i: Pick<repo.ExposureItemRow, "hazardId" | "enterpriseName" | "summary" | "daysOverdue" | "status">) => ({
  hazardId: i.hazardId,
  enterpriseName: i.enterpriseName,
  summary: i.summary,
  daysOverdue: i.daysOverdue,
  status: i.status,
});

export async function listExposureLists(db: Db, ctx: Ctx, q: ExposureListQuery): Promise<Page<ExposureList>> {
  const { items, total } = await repo.listLists(db, listScope(ctx.actor), q);
  return { items: items.map(presentList), total, page: q.page, pageSize: q.pageSize };
}

/** Opens the draft of a region for a week, creating it (audited) when there is none yet. */
export async function openExposureList(db: Db, ctx: Ctx, input: ExposureListOpen): Promise<{ created: boolean; list: ExposureListDetail }> {
  const actor = ctx.actor as Actor;
  const region = await resolveRegion(db, actor, input.regionCode);
  const created = await withTx(db, async (tx) => {
    const row = await repo.insertListIfAbsent(tx, {
      id: randomUUID(),
      regionCode: region.code,
      regionName: region.name,
      weekStart: input.weekStart,
      status: "draft",
      createdById: actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    if (row) {
      await writeAudit(tx, ctx, {
        action: "exposure_list.create",
        entityType: "exposure_list",
        entityId: row.id,
        regionCode: row.regionCode,
        after: { regionCode: row.regionCode, weekStart: row.weekStart, status: row.status, version: row.version },
      });
    }
    return !!row;
  });
  const list = await repo.findListByRegionWeek(db, region.code, input.weekStart);
  if (!list) throw notFound(exposureListEntity);
  return { created, list: await detailOf(db, list) };
}

export async function getExposureList(db: Db, ctx: Ctx, id: string): Promise<ExposureListDetail> {
  return detailOf(db, await loadList(db, ctx, id));
}

/** Hazards that may go on the list (see repo.candidates), with their enterprise and the exposure rungs fired. */
export async function exposureCandidates(db: Db, ctx: Ctx, id: string, q: ExposureCandidateQuery): Promise<Page<ExposureCandidate>> {
  const list = await loadList(db, ctx, id);
  const day = today(ctx);
  const { items, total } = await repo.candidates(db, {
    scope: hazardScope(ctx.actor),
    region: list.regionCode,
    listId: list.id,
    kind: q.kind,
    q: q.q,
    today: day,
    page: q.page,
    pageSize: q.pageSize,
  });
  const facts = await enterpriseFacts(
    db,
    systemContext(ctx, "exposure"),
    items.map((h) => h.enterpriseId),
  );
  return {
    items: items.map((h) => ({
      hazardId: h.id,
      enterpriseId: h.enterpriseId,
      enterpriseName: facts.get(h.enterpriseId)?.name ?? "",
      regionCode: h.regionCode,
      description: h.description,
      level: h.level as ExposureCandidate["level"],
      state: h.status as HazardState,
      deadline: h.deadline,
      daysOverdue: daysOverdueOf(h, day),
      rungs: h.rungs,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Bumps the list's version under the caller's copy (409 when stale), as every item change does. */
function touchList(tx: Db, ctx: Ctx, list: repo.ExposureListRow, version: number) {
  return updateVersioned(tx, exposureLists, { id: list.id, version, set: { updatedAt: ctx.now } });
}

export async function addExposureItem(db: Db, ctx: Ctx, id: string, input: ExposureItemAdd): Promise<ExposureListDetail> {
  const list = await loadList(db, ctx, id);
  assertDraft(list);
  const hazard = await findHazard(db, input.hazardId, hazardScope(ctx.actor));
  if (!hazard) throw notFound(hazardEntity);
  if (!hazard.regionCode.startsWith(list.regionCode)) throw fieldError("hazardId", "exposure.hazard_outside_region");
  if (!isOpen(hazard.status)) throw fieldError("hazardId", "exposure.hazard_closed");
  // R12: exposure is for overdue hazards — past the deadline, or an exposure rung already fired.
  const overdue = !!hazard.deadline && hazard.deadline < today(ctx);
  if (!overdue && !(await repo.hasExposureRung(db, hazard.id))) throw fieldError("hazardId", "exposure.hazard_not_overdue");
  const existing = await repo.itemsOf(db, [list.id]);
  if (existing.some((i) => i.hazardId === hazard.id)) throw conflict("exposure.hazard_listed");
  const summaries = new Map(input.summary ? [[hazard.id, input.summary]] : []);
  const [values] = await snapshotsOf(db, ctx, list.id, list.regionName, [hazard], summaries);
  await withTx(db, async (tx) => {
    const row = await touchList(tx, ctx, list, input.version);
    const [item] = await repo.insertItems(tx, [values as typeof exposureItems.$inferInsert]);
    await writeAudit(tx, ctx, {
      action: "exposure_list.add_item",
      entityType: "exposure_list",
      entityId: list.id,
      regionCode: list.regionCode,
      before: { version: list.version },
      after: { version: row.version },
      detail: { item: auditableItem(item as repo.ExposureItemRow) },
    });
  });
  return getExposureList(db, ctx, id);
}

async function loadItem(db: Db, list: repo.ExposureListRow, itemId: string) {
  const item = await repo.findItem(db, list.id, itemId);
  if (!item) throw notFound(exposureItemEntity);
  return item;
}

/** The summary is the officer's wording of what is published; editable while the list is a draft. */
export async function editExposureItem(db: Db, ctx: Ctx, id: string, itemId: string, input: ExposureItemEdit): Promise<ExposureListDetail> {
  const list = await loadList(db, ctx, id);
  assertDraft(list);
  const item = await loadItem(db, list, itemId);
  await withTx(db, async (tx) => {
    const row = await touchList(tx, ctx, list, input.version);
    await repo.updateItem(tx, item.id, { summary: input.summary });
    await writeAudit(tx, ctx, {
      action: "exposure_list.edit_item",
      entityType: "exposure_list",
      entityId: list.id,
      regionCode: list.regionCode,
      before: { version: list.version, summary: item.summary },
      after: { version: row.version, summary: input.summary },
      detail: { hazardId: item.hazardId },
    });
  });
  return getExposureList(db, ctx, id);
}

export async function removeExposureItem(db: Db, ctx: Ctx, id: string, itemId: string, version: number): Promise<ExposureListDetail> {
  const list = await loadList(db, ctx, id);
  assertDraft(list);
  const item = await loadItem(db, list, itemId);
  await withTx(db, async (tx) => {
    const row = await touchList(tx, ctx, list, version);
    await repo.deleteItem(tx, list.id, item.id);
    await writeAudit(tx, ctx, {
      action: "exposure_list.remove_item",
      entityType: "exposure_list",
      entityId: list.id,
      regionCode: list.regionCode,
      before: { version: list.version },
      after: { version: row.version },
      detail: { item: auditableItem(item) },
    });
  });
  return getExposureList(db, ctx, id);
}

/**
 * R12: publication is the officer's approval (exposure.publish: leaders). The items' days overdue, status and
 * deadline are refreshed to the day of publication; afterwards the list is immutable.
 */
export async function publishExposureList(db: Db, ctx: Ctx, id: string, version: number): Promise<ExposureListDetail> {
  const actor = ctx.actor as Actor;
  const list = await loadList(db, ctx, id);
  assertDraft(list);
  const items = await repo.itemsOf(db, [list.id]);
  if (items.length === 0) throw conflict("exposure.empty");
  const current = new Map(
    (
      await repo.hazardsByIds(
        db,
        items.map((i) => i.hazardId),
      )
    ).map((h) => [h.id, h]),
  );
  const day = today(ctx);
  await withTx(db, async (tx) => {
    const row = await applyTransition(tx, exposureLists, machine, {
      id: list.id,
      from: "draft",
      action: "publish",
      version,
      set: { approvedById: actor.userId, approvedByName: actor.displayName, publishedAt: ctx.now, updatedAt: ctx.now },
    });
    for (const item of items) {
      const h = current.get(item.hazardId);
      if (!h) continue;
      await repo.updateItem(tx, item.id, { daysOverdue: daysOverdueOf(h, day), status: h.status, deadline: h.deadline });
    }
    await writeAudit(tx, ctx, {
      action: "exposure_list.publish",
      entityType: "exposure_list",
      entityId: list.id,
      regionCode: list.regionCode,
      before: { status: list.status, version: list.version },
      after: { status: row.status, version: row.version, publishedAt: row.publishedAt, approvedByName: row.approvedByName },
      detail: { items: items.length, weekStart: list.weekStart },
    });
  });
  return getExposureList(db, ctx, id);
}

/**
 * GET /api/public/exposure: the published lists of one week (default the latest), each region its own, and
 * the weeks there are. Only the R12 published fields leave the server (the response schema strips the rest).
 */
export async function publicExposure(db: Db, ctx: Ctx, q: { week?: string }): Promise<PublicExposure> {
  await hitRateLimit(db, `public-exposure:${ctx.ip ?? "unknown"}`, publicRateLimit.limit, publicRateLimit.windowSeconds, ctx.now);
  const weeks = await repo.publishedWeeks(db, 104);
  const week = q.week ?? weeks[0] ?? null;
  if (!week) return { week: null, weeks, lists: [] };
  const lists = await repo.publishedListsOf(db, week);
  const items = await repo.itemsOf(
    db,
    lists.map((l) => l.id),
  );
  return {
    week,
    weeks,
    lists: lists.map((l) => ({
      regionName: l.regionName,
      weekStart: l.weekStart,
      publishedAt: (l.publishedAt as Date).toISOString(),
      items: items
        .filter((i) => i.listId === l.id)
        .map((i) => ({
          enterpriseName: i.enterpriseName,
          uscc: i.uscc,
          summary: i.summary,
          deadline: i.deadline,
          daysOverdue: i.daysOverdue,
          status: i.status as HazardState,
          supervisingBody: i.supervisingBody,
        })),
    })),
  };
}

/**
 * The Monday draft (R12: built every Monday 09:00 Asia/Shanghai): for every county with candidates, this week's
 * draft with the candidates as items, for an officer to review and publish. Idempotent: the list is inserted
 * `on conflict do nothing` on (region, week) and only the run that inserted it fills it — a second run, or a
 * second instance, or a draft an officer opened first, is left as it is.
 */
export async function draftWeeklyExposure(db: Db, now: Date): Promise<{ created: string[] }> {
  const ctx = systemContext({ ip: null, now }, "exposure-job");
  const weekStart = mondayOf(shanghaiDay(now));
  const created: string[] = [];
  for (const county of await repo.countiesWithCandidates(db)) {
    if (await repo.findListByRegionWeek(db, county, weekStart)) continue;
    const region = await findRegion(db, county);
    const regionName = region?.name ?? county;
    const found = [] as HazardRow[];
    for (let page = 1; ; page++) {
      const batch = await repo.candidates(db, {
        scope: hazardScope(ctx.actor),
        region: county,
        listId: null,
        kind: "escalated",
        today: shanghaiDay(now),
        page,
        pageSize: 500,
      });
      found.push(...batch.items);
      if (page * 500 >= batch.total) break;
    }
    const listId = randomUUID();
    const values = await snapshotsOf(db, ctx, listId, regionName, found);
    await withTx(db, async (tx) => {
      const row = await repo.insertListIfAbsent(tx, {
        id: listId,
        regionCode: county,
        regionName,
        weekStart,
        status: "draft",
        createdById: null,
        createdAt: now,
        updatedAt: now,
      });
      if (!row) return;
      for (let i = 0; i < values.length; i += 500) await repo.insertItems(tx, values.slice(i, i + 500));
      await writeAudit(tx, ctx, {
        action: "exposure_list.draft",
        entityType: "exposure_list",
        entityId: row.id,
        regionCode: county,
        after: { regionCode: county, weekStart, status: row.status, version: row.version },
        detail: { items: values.length },
      });
      created.push(row.id);
    });
  }
  return { created };
}

export function exposureDraftJob(deps: AppDeps): JobDefinition {
  return {
    name: "hazards.exposure-draft",
    cron: "0 9 * * 1", // Mondays 09:00 Asia/Shanghai (R12)
    run: async (now) => {
      await draftWeeklyExposure(deps.db, now);
    },
  };
}
