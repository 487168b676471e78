import { randomUUID } from "node:crypto";
import { shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import type {
  Hazard,
  HazardCreate,
  HazardDetail,
  HazardListQuery,
  HazardPlanInput,
  HazardTransition,
  PhotoUpload,
} from "../../../domain/hazards/hazard.dto.js";
import {
  acceptedByRegulator,
  criteriaFor,
  criterionById,
  hazardMachine,
  isSubTypeOf,
  planProblems,
  reportableSources,
  yuanToFen,
} from "../../../domain/hazards/hazard.js";
import { maxPhotoBytes, sniffPhotoType, stripLocationMetadata } from "../../../domain/hazards/photo.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Actor, type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, type FieldError, fieldError, forbidden, notFound } from "../../kernel/http/errors.js";
import { applyTransition, defineMachine } from "../../kernel/workflow/state-machine.js";
import { onCheckFailed } from "../checks/checks.hooks.js";
import { enterpriseFacts, getEnterprise } from "../enterprises/enterprises.service.js";
import { countyRegulatorsOf, notifyMajorHazardReported } from "./hazards.escalation.js";
import { hazardEntity, hazardPhotoEntity } from "./hazards.messages.js";
import { assertMayAccept, assertMayRectify, assertMayVoid, hazardScope, photoScope } from "./hazards.policy.js";
import * as repo from "./hazards.repo.js";
import { hazards, type StoredPlan } from "./hazards.schema.js";
import { presentSupervision, supervisionsOf } from "./hazards.supervision.repo.js";

const machine = defineMachine(hazardMachine);
type State = (typeof hazardMachine.states)[number];
const today = (ctx: Ctx) => shanghaiDay(ctx.now);

const fenToYuan = (fen: number | null) => (fen === null ? null : `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`);

function present(r: repo.HazardRow, enterpriseName: string): Hazard {
  const p = r.plan;
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName,
    regionCode: r.regionCode,
    description: r.description,
    location: r.location,
    source: r.source as Hazard["source"],
    sourceRef: r.sourceRef,
    category: r.category as Hazard["category"],
    subType: r.subType,
    level: r.level as Hazard["level"],
    criterionId: r.criterionId,
    criterionRef: r.criterionRef,
    majorReason: r.majorReason,
    state: r.status as Hazard["state"],
    plan: p ? { ...p, funds: fenToYuan(p.fundsFen), fundsFen: undefined } : null,
    deadline: r.deadline,
    rectification: r.rectification,
    acceptedByRegulator: acceptedByRegulator({ level: r.level as Hazard["level"], source: r.source as Hazard["source"] }),
    supervisionLevel: (r.supervisionLevel ?? null) as Hazard["supervisionLevel"],
    supervisionDeadline: r.supervisionDeadline ?? null,
    escalationRung: (r.escalationRung ?? null) as Hazard["escalationRung"],
    foundByName: r.foundByName,
    foundByRole: r.foundByRole,
    reportedAt: r.reportedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  } as Hazard;
}

async function enterpriseNames(db: Db, ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) names.set(id, (await getEnterprise(db, systemContext(ctx, "hazards"), id)).name);
  return names;
}

/** Decodes, type-checks by magic bytes, bounds and (unless kept) strips location metadata; 400 on the photo's path. */
function preparePhotos(uploads: PhotoUpload[], path: string) {
  const fields: FieldError[] = [];
  const out = uploads.map((u, i) => {
    const raw = Buffer.from(u.data, "base64");
    if (raw.length > maxPhotoBytes) {
      fields.push({ path: `${path}.${i}.data`, code: "hazards.photo_too_large" });
      return null;
    }
    const type = sniffPhotoType(raw);
    if (!type || type !== u.contentType) {
      fields.push({ path: `${path}.${i}.data`, code: "hazards.photo_type" });
      return null;
    }
    const data = u.keepLocation ? raw : stripLocationMetadata(type, raw);
    if (!data) {
      fields.push({ path: `${path}.${i}.data`, code: "hazards.photo_type" });
      return null;
    }
    return { contentType: type, data: Buffer.from(data), locationKept: !!u.keepLocation };
  });
  if (fields.length) throw new AppError(400, "validation", { fields });
  return out as { contentType: string; data: Buffer; locationKept: boolean }[];
}

const auditable = (r: repo.HazardRow) => ({
  enterpriseId: r.enterpriseId,
  description: r.description,
  location: r.location,
  source: r.source,
  sourceRef: r.sourceRef,
  category: r.category,
  subType: r.subType,
  level: r.level,
  criterionId: r.criterionId,
  majorReason: r.majorReason,
  status: r.status,
  plan: r.plan,
  rectification: r.rectification,
  version: r.version,
});

type NewHazard = Omit<typeof hazards.$inferInsert, "id" | "status" | "createdAt" | "updatedAt" | "reportedAt">;

/** Inserts a reported hazard with its first timeline row, photos and audit row, inside the caller's transaction. */
async function insertReported(tx: Db, ctx: Ctx, values: NewHazard, photos: ReturnType<typeof preparePhotos>) {
  const row = await repo.insertHazard(tx, {
    ...values,
    id: randomUUID(),
    status: "reported",
    reportedAt: ctx.now,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await repo.insertPhotos(
    tx,
    photos.map((p) => ({
      hazardId: row.id,
      enterpriseId: row.enterpriseId,
      regionCode: row.regionCode,
      phase: "before",
      contentType: p.contentType,
      bytes: p.data.length,
      locationKept: p.locationKept,
      data: p.data,
      uploadedById: values.foundById ?? null,
      createdAt: ctx.now,
    })),
  );
  await repo.insertEvent(tx, {
    hazardId: row.id,
    action: "report",
    fromState: null,
    toState: "reported",
    actorId: values.foundById ?? null,
    actorName: values.foundByName,
    actorRole: values.foundByRole ?? null,
    note: null,
    at: ctx.now,
  });
  await writeAudit(tx, ctx, {
    action: "hazard.report",
    entityType: "hazard",
    entityId: row.id,
    regionCode: row.regionCode,
    after: auditable(row),
    detail: { photos: photos.length },
  });
  return row;
}

/** Registers a hazard (R3 自查自报, grid patrol, regulator inspection…); a criterion item makes it 重大 (R2). */
export async function reportHazard(db: Db, ctx: Ctx, input: HazardCreate): Promise<HazardDetail> {
  const actor = ctx.actor as Actor;
  const enterprise = await getEnterprise(db, ctx, input.enterpriseId);
  if (!reportableSources[actor.role]?.includes(input.source)) throw fieldError("source", "hazards.source_not_allowed");
  if (input.subType && !isSubTypeOf(input.category, input.subType)) throw fieldError("subType", "hazards.subtype_unknown");
  let level = input.level;
  let criterionRef: string | null = null;
  if (input.criterionId) {
    const item = criterionById(input.criterionId);
    if (!item) throw fieldError("criterionId", "hazards.criterion_unknown");
    if (!criteriaFor(enterprise.category, enterprise.subcategory).some((c) => c.id === item.id)) {
      throw fieldError("criterionId", "hazards.criterion_not_applicable");
    }
    level = "major";
    criterionRef = item.ref;
  } else if (level === "major" && !input.majorReason) {
    throw fieldError("majorReason", "hazards.major_reason_required");
  }
  const photos = preparePhotos(input.photos, "photos");
  // R3 (安全生产法 Art. 41; 16号令 Art. 14): a 重大 hazard goes to the territorial county regulators at once.
  const reportTo = level === "major" ? await countyRegulatorsOf(db, enterprise.regionCode) : [];
  const row = await withTx(db, async (tx) => {
    const inserted = await insertReported(
      tx,
      ctx,
      {
        enterpriseId: enterprise.id,
        regionCode: enterprise.regionCode,
        industryCode: enterprise.industryCode, // statistics by industry (issue 6 §6)
        description: input.description,
        location: input.location,
        source: input.source,
        sourceRef: input.sourceRef ?? null,
        category: input.category,
        subType: input.subType ?? null,
        level,
        criterionId: input.criterionId ?? null,
        criterionRef,
        majorReason: input.criterionId ? null : (input.majorReason ?? null),
        foundById: actor.userId,
        foundByName: actor.displayName,
        foundByRole: actor.role,
        foundByRegion: actor.regionCode,
      },
      photos,
    );
    if (inserted.level === "major") await notifyMajorHazardReported(tx, ctx, inserted, enterprise.name, reportTo);
    return inserted;
  });
  return detailOf(db, ctx, row, enterprise.name);
}

async function detailOf(db: Db, ctx: Ctx, row: repo.HazardRow, enterpriseName?: string): Promise<HazardDetail> {
  const name = enterpriseName ?? (await enterpriseNames(db, ctx, [row.enterpriseId])).get(row.enterpriseId) ?? "";
  const [events, photos, supervisions] = await Promise.all([
    repo.eventsOf(db, row.id),
    repo.photosOf(db, [row.id]),
    supervisionsOf(db, row.id),
  ]);
  return {
    ...present(row, name),
    photos: photos.map(({ hazardId: _, ...p }) => ({ ...p, phase: p.phase as "before" | "after" })),
    timeline: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.fromState as State | null,
      toState: e.toState as State,
      actorName: e.actorName,
      actorRole: e.actorRole,
      note: e.note,
      at: e.at.toISOString(),
    })),
    supervisions: supervisions.map(presentSupervision),
  };
}

async function load(db: Db, ctx: Ctx, id: string): Promise<repo.HazardRow> {
  const row = await repo.findHazard(db, id, hazardScope(ctx.actor));
  if (!row) throw notFound(hazardEntity);
  return row;
}

export async function getHazard(db: Db, ctx: Ctx, id: string): Promise<HazardDetail> {
  return detailOf(db, ctx, await load(db, ctx, id));
}

export async function listHazards(db: Db, ctx: Ctx, q: HazardListQuery): Promise<Page<Hazard>> {
  const acceptable = q.acceptableBy === "me" && ctx.actor ? repo.acceptableBySql(ctx.actor) : undefined;
  const { items, total } = await repo.listHazards(db, hazardScope(ctx.actor), q, today(ctx), acceptable);
  const names = await enterpriseNames(
    db,
    ctx,
    items.map((r) => r.enterpriseId),
  );
  return { items: items.map((r) => present(r, names.get(r.enterpriseId) ?? "")), total, page: q.page, pageSize: q.pageSize };
}

/** The plan as stored, after R6/R7 are checked (every missing part named at once). */
function storedPlan(level: string, input: HazardPlanInput, day: string): StoredPlan {
  const problems = planProblems(level as "general" | "major", input, day);
  if (problems.length) throw new AppError(400, "validation", { fields: problems.map((p) => ({ path: `plan.${p.path}`, code: p.code })) });
  const orNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    measures: (input.measures ?? "").trim(),
    responsibleName: (input.responsibleName ?? "").trim(),
    responsiblePhone: orNull(input.responsiblePhone),
    fundsFen: input.funds === null || input.funds === undefined || input.funds === "" ? null : yuanToFen(input.funds),
    deadline: input.deadline as string,
    contingency: orNull(input.contingency),
    goal: orNull(input.goal),
    materials: orNull(input.materials),
    organisation: orNull(input.organisation),
    requirements: orNull(input.requirements),
    suspension: input.suspension ?? null,
  };
}

/**
 * One step of the closed loop (issue 6 §3): who may act is decided by the policy, the move by the state
 * machine; the row is updated under its version (409 when stale), and the timeline row and the audit row are
 * written in the same transaction.
 */
export async function transitionHazard(db: Db, ctx: Ctx, id: string, input: HazardTransition): Promise<HazardDetail> {
  const actor = ctx.actor as Actor;
  const before = await load(db, ctx, id);
  const set: Partial<typeof hazards.$inferInsert> = { updatedAt: ctx.now };
  let note: string | null = null;
  let photos: ReturnType<typeof preparePhotos> = [];
  switch (input.action) {
    case "set_plan": {
      assertMayRectify(actor, before);
      const plan = storedPlan(before.level, input.plan, today(ctx));
      Object.assign(set, { plan, deadline: plan.deadline, fundsFen: plan.fundsFen, suspension: plan.suspension });
      break;
    }
    case "submit":
      assertMayRectify(actor, before);
      photos = preparePhotos(input.photos, "photos");
      set.rectification = input.rectification;
      break;
    case "accept":
      assertMayAccept(actor, before);
      // 挂牌督办: a listed hazard is accepted by 摘牌 (POST …/supervision/delist), which checks R9 first.
      if (before.supervisionLevel) throw new AppError(409, "hazards.supervision.via_listing");
      set.closedAt = ctx.now;
      note = input.note ?? null;
      break;
    case "reject":
      assertMayAccept(actor, before);
      if (before.supervisionLevel) throw new AppError(409, "hazards.supervision.via_listing");
      note = input.reason;
      break;
    case "void":
      assertMayVoid(actor, before);
      set.closedAt = ctx.now;
      note = input.reason;
      break;
    case "fix_on_spot":
      // R6: only a general hazard can be removed at once; a major one needs a treatment plan.
      if (before.level === "major") throw new AppError(409, "hazards.major_not_on_spot");
      assertMayAccept(actor, before);
      photos = preparePhotos(input.photos, "photos");
      set.rectification = input.rectification;
      set.closedAt = ctx.now;
      break;
    default:
      throw forbidden();
  }
  const after = await withTx(db, (tx) => stepInTx(tx, ctx, before, { action: input.action, version: input.version, set, note, photos }));
  return detailOf(db, ctx, after);
}

/**
 * Accepts (销号) or rejects a hazard inside the caller's transaction — the closed loop's own step, for 摘牌 of a
 * listed hazard (hazards.supervision.ts): guarded by state and version, on the timeline, audited.
 */
export function decideHazardInTx(
  tx: Db,
  ctx: Ctx,
  before: repo.HazardRow,
  decision: { action: "accept"; note: string | null } | { action: "reject"; reason: string },
): Promise<repo.HazardRow> {
  const set: Partial<typeof hazards.$inferInsert> = { updatedAt: ctx.now };
  if (decision.action === "accept") set.closedAt = ctx.now;
  const note = decision.action === "accept" ? decision.note : decision.reason;
  return stepInTx(tx, ctx, before, { action: decision.action, version: before.version, set, note, photos: [] });
}

async function stepInTx(
  tx: Db,
  ctx: Ctx,
  before: repo.HazardRow,
  step: {
    action: HazardTransition["action"];
    version: number;
    set: Partial<typeof hazards.$inferInsert>;
    note: string | null;
    photos: ReturnType<typeof preparePhotos>;
  },
): Promise<repo.HazardRow> {
  const actor = ctx.actor as Actor;
  const { id } = before;
  const { action, note, photos } = step;
  const row = await applyTransition(tx, hazards, machine, {
    id,
    from: before.status as State,
    action,
    version: step.version,
    set: step.set,
  });
  await repo.insertPhotos(
    tx,
    photos.map((p) => ({
      hazardId: id,
      enterpriseId: row.enterpriseId,
      regionCode: row.regionCode,
      phase: "after",
      contentType: p.contentType,
      bytes: p.data.length,
      locationKept: p.locationKept,
      data: p.data,
      uploadedById: actor.userId,
      createdAt: ctx.now,
    })),
  );
  await repo.insertEvent(tx, {
    hazardId: id,
    action,
    fromState: before.status,
    toState: row.status,
    actorId: actor.userId,
    actorName: actor.displayName,
    actorRole: actor.role,
    note,
    detail: photos.length ? { photos: photos.length } : null,
    at: ctx.now,
  });
  await writeAudit(tx, ctx, {
    action: `hazard.${action}`,
    entityType: "hazard",
    entityId: id,
    regionCode: row.regionCode,
    before: auditable(before),
    after: auditable(row),
    detail: { ...(note ? { note } : {}), ...(photos.length ? { photos: photos.length } : {}) },
  });
  return row;
}

/** The 判定标准 items that apply to an enterprise the caller may see (the picker of issue 6 §1). */
export async function criteriaForEnterprise(db: Db, ctx: Ctx, enterpriseId: string) {
  const e = await getEnterprise(db, ctx, enterpriseId);
  return criteriaFor(e.category, e.subcategory).map(({ categories: _, subcategories: __, ...c }) => c);
}

export async function hazardPhoto(db: Db, ctx: Ctx, id: string): Promise<{ contentType: string; data: Buffer }> {
  const row = await repo.findPhoto(db, id, photoScope(ctx.actor));
  if (!row) throw notFound(hazardPhotoEntity);
  return { contentType: row.contentType, data: Buffer.from(row.data) };
}

/**
 * A failed check is a hazard found (隐患排查): registered in the check's transaction as a general hazard from
 * source check_task, linked to the check record, reported by the checker. Called once from buildApp.
 */
export function registerHazardHooks(): void {
  onCheckFailed(async (tx, ctx, failed) => {
    const facts = (await enterpriseFacts(tx, systemContext(ctx, "hazards"), [failed.enterpriseId])).get(failed.enterpriseId);
    const row = await insertReported(
      tx,
      ctx,
      {
        enterpriseId: failed.enterpriseId,
        regionCode: failed.regionCode,
        industryCode: facts?.industryCode ?? null,
        description: `${failed.riskPointName}：${failed.content}${failed.remark ? `——${failed.remark}` : ""}`,
        location: failed.riskPointName,
        source: "check_task",
        sourceRef: failed.recordId,
        category: "site_management",
        subType: null,
        level: "general",
        foundById: failed.foundById,
        foundByName: failed.foundByName,
        foundByRole: ctx.actor?.role ?? null,
        foundByRegion: null,
      },
      [],
    );
    return row.id;
  });
}
