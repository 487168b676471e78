import { randomUUID } from "node:crypto";
import { shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import type {
  Hazard,
  HazardCreate,
  HazardDetail,
  HazardDetailsUpdate,
  HazardListQuery,
  HazardPlanInput,
  HazardTransition,
  PhotoUpload,
} from "../../../domain/hazards/hazard.dto.js";
import {
  acceptedByRegulator,
  criteriaFor,
  criterionById,
  type HazardLevel,
  hazardMachine,
  isSubTypeOf,
  openHazardStates,
  planProblems,
  reportableSources,
  yuanToFen,
} from "../../../domain/hazards/hazard.js";
import { maxPhotoBytes, sniffPhotoType, stripLocationMetadata } from "../../../domain/hazards/photo.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Actor, type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { memoPerDatabase, rememberAt } from "../../kernel/cache/versioned-memo.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, type FieldError, fieldError, forbidden, notFound, staleVersion } from "../../kernel/http/errors.js";
import { applyTransition, defineMachine, updateVersioned } from "../../kernel/workflow/state-machine.js";
import { onCheckFailed } from "../checks/checks.hooks.js";
import { assertNoUnmetCaseOrder } from "../enforcement/enforcement.hazards.js";
import { enterpriseFacts, getEnterprise } from "../enterprises/enterprises.service.js";
import { hazardsVersion } from "./hazards.changes.js";
import { automaticListingOf, confirmMajorHazardInTx, liftAutomaticListingInTx } from "./hazards.escalation.js";
import { hazardEntity, hazardPhotoEntity } from "./hazards.messages.js";
import {
  assertMayAccept,
  assertMayCompleteDetails,
  assertMayRectify,
  assertMayVoid,
  hazardScope,
  isHazardRegulator,
  photoScope,
} from "./hazards.policy.js";
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
    latitude: r.latitude ?? null,
    longitude: r.longitude ?? null,
    planX: r.planX ?? null,
    planY: r.planY ?? null,
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

/** Enterprise names for a page in one batched query (a lookup per row was most of a list request's time). */
async function enterpriseNames(db: Db, ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const facts = await enterpriseFacts(db, systemContext(ctx, "hazards"), ids);
  return new Map([...facts].map(([id, f]) => [id, f.name]));
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

export const auditable = (r: repo.HazardRow) => ({
  enterpriseId: r.enterpriseId,
  description: r.description,
  location: r.location,
  latitude: r.latitude,
  longitude: r.longitude,
  planX: r.planX,
  planY: r.planY,
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
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        planX: input.planX ?? null,
        planY: input.planY ?? null,
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
    // R12 on confirmation: county 挂牌督办 + the report to the county regulators (R3), in this transaction.
    return inserted.level === "major" ? confirmMajorHazardInTx(tx, ctx, inserted, { enterpriseName: enterprise.name }) : inserted;
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
      ...(Array.isArray(e.detail?.changed) ? { changed: e.detail.changed as string[] } : {}),
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

/** The hazard list counts its matches up to this many (then “more than 1,000”). */
const listCountCap = 1000;
export const listCountMemo = memoPerDatabase<number>(500);

export async function listHazards(db: Db, ctx: Ctx, q: HazardListQuery): Promise<Page<Hazard>> {
  const acceptable = q.acceptableBy === "me" && ctx.actor ? repo.acceptableBySql(ctx.actor) : undefined;
  // The count is remembered until a hazard in the listed region changes: the page is read every time, the count
  // (most of a large region's database work) once per change.
  const version = await hazardsVersion(db, q.region ?? ctx.actor?.regionCode ?? null);
  const remember = rememberAt(listCountMemo(db), version);
  const { items, total, capped } = await repo.listHazards(db, hazardScope(ctx.actor), q, today(ctx), acceptable, listCountCap, remember);
  const names = await enterpriseNames(
    db,
    ctx,
    items.map((r) => r.enterpriseId),
  );
  return {
    items: items.map((r) => present(r, names.get(r.enterpriseId) ?? "")),
    total,
    totalCapped: capped,
    page: q.page,
    pageSize: q.pageSize,
  };
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
  // 挂牌督办: a listed hazard is accepted or rejected through its listing (摘牌, POST …/supervision/delist, which
  // checks R9 first) — except the automatic listing (R12), lifted on a regulator's acceptance (R10) or a void.
  const autoListing = before.supervisionLevel ? await automaticListingOf(db, id) : undefined;
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
      if (before.supervisionLevel && !autoListing) throw new AppError(409, "hazards.supervision.via_listing");
      set.closedAt = ctx.now;
      note = input.note ?? null;
      break;
    case "reject":
      assertMayAccept(actor, before);
      if (before.supervisionLevel && !autoListing) throw new AppError(409, "hazards.supervision.via_listing");
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
  const after = await withTx(db, async (tx) => {
    if (autoListing && (input.action === "accept" || input.action === "void")) {
      await liftAutomaticListingInTx(tx, ctx, before, autoListing, input.action, note);
    }
    return stepInTx(tx, ctx, before, { action: input.action, version: input.version, set, note, photos });
  });
  return detailOf(db, ctx, after);
}

type Classification = Pick<
  repo.HazardRow,
  | "location"
  | "category"
  | "subType"
  | "level"
  | "criterionId"
  | "criterionRef"
  | "majorReason"
  | "latitude"
  | "longitude"
  | "planX"
  | "planY"
>;

/** What the timeline says changed (GPS and the site-plan point as one item each; the citation follows the criterion). */
function changedFields(before: Classification, after: Classification): string[] {
  const same = (keys: (keyof Classification)[]) => keys.every((k) => before[k] === after[k]);
  const groups: [string, (keyof Classification)[]][] = [
    ["location", ["location"]],
    ["category", ["category"]],
    ["subType", ["subType"]],
    ["level", ["level"]],
    ["criterionId", ["criterionId"]],
    ["majorReason", ["majorReason"]],
    ["gps", ["latitude", "longitude"]],
    ["planPoint", ["planX", "planY"]],
  ];
  return groups.filter(([, keys]) => !same(keys)).map(([name]) => name);
}

const planInputOf = (p: StoredPlan) => ({ ...p, funds: fenToYuan(p.fundsFen) });
const given = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);

/**
 * 完善信息 (issue §1): after a three-tap report the enterprise or a regulator fills in the place, category and
 * sub-type, and the grade, while the hazard is open. Grading follows R1/R2: a criterion item that applies to the
 * enterprise makes it 重大 with its citation; 重大 without one is an inspector's grading with a reason; 重大 → 一般
 * is a regulator's decision with a reason, never while listed (挂牌督办). Version-guarded, on the timeline
 * (`classify`), audited; a hazard that becomes 重大 is reported to the county regulators (R3).
 */
export async function completeHazardDetails(db: Db, ctx: Ctx, id: string, input: HazardDetailsUpdate): Promise<HazardDetail> {
  const actor = ctx.actor as Actor;
  const before = await load(db, ctx, id);
  assertMayCompleteDetails(actor, before);
  if (!openHazardStates.includes(before.status as State)) throw new AppError(409, "hazards.details.closed");
  const regulator = isHazardRegulator(actor, before);
  const enterprise = await getEnterprise(db, systemContext(ctx, "hazards"), before.enterpriseId);

  const category = input.category ?? (before.category as Hazard["category"]);
  const subType = given(input.subType, before.subType) || null;
  if (subType && !isSubTypeOf(category, subType)) throw fieldError("subType", "hazards.subtype_unknown");

  // R2: a matched 判定标准 item makes the hazard 重大, whoever finds it; the item must apply to the enterprise.
  const criterionId = given(input.criterionId, before.criterionId) || null;
  let criterionRef = criterionId ? before.criterionRef : null;
  if (criterionId && criterionId !== before.criterionId) {
    const item = criterionById(criterionId);
    if (!item) throw fieldError("criterionId", "hazards.criterion_unknown");
    if (!criteriaFor(enterprise.category, enterprise.subcategory).some((c) => c.id === item.id)) {
      throw fieldError("criterionId", "hazards.criterion_not_applicable");
    }
    criterionRef = item.ref;
  }
  if (criterionId && input.level === "general") throw fieldError("level", "hazards.details.criterion_is_major");
  const level: HazardLevel = criterionId ? "major" : (input.level ?? (before.level as HazardLevel));
  const majorReason = level === "major" && !criterionId ? given(input.majorReason, before.majorReason) || null : null;
  if (level === "major" && !criterionId) {
    // R1/R2: grading 重大 without a criterion match is an inspector's judgement, its reason recorded; an
    // enterprise raises a hazard to 重大 only by a criterion item.
    const gradingChanged = before.level !== "major" || before.criterionId !== null || majorReason !== before.majorReason;
    if (gradingChanged && !regulator) throw forbidden("hazards.details.major_by_regulator");
    if (!majorReason) throw fieldError("majorReason", "hazards.major_reason_required");
  }
  const downgraded = before.level === "major" && level === "general";
  // The automatic listing (R12) follows the grade down; a regulator's own listing must be delisted first.
  const autoListing = downgraded && before.supervisionLevel ? await automaticListingOf(db, id) : undefined;
  if (downgraded) {
    // R10: the register and the listing must agree — a listed hazard is delisted (R9) before it can be 一般.
    if (!regulator) throw forbidden("hazards.details.downgrade_regulator");
    if (before.supervisionLevel && !autoListing) throw new AppError(409, "hazards.details.listed");
    if (!input.note) throw fieldError("note", "hazards.details.downgrade_reason");
  }

  const next: Classification = {
    location: input.location ?? before.location,
    category,
    subType,
    level,
    criterionId,
    criterionRef,
    majorReason,
    latitude: given(input.latitude, before.latitude),
    longitude: given(input.longitude, before.longitude),
    planX: given(input.planX, before.planX),
    planY: given(input.planY, before.planY),
  };
  const changed = changedFields(before, next);
  if (changed.length === 0) {
    if (input.version !== before.version) throw staleVersion();
    return detailOf(db, ctx, before, enterprise.name);
  }

  // R6/R7: a plan set for 一般 rarely holds the six parts 重大 needs. The grade is a finding and is never held up
  // by paperwork (R2 "regardless of how easy it is to fix"), and set_plan only leaves `reported`; so the hazard
  // returns to `reported` without a plan, and the enterprise sets the six-part plan before treatment resumes.
  const set: Partial<typeof hazards.$inferInsert> = { ...next, updatedAt: ctx.now };
  const lacking =
    level !== before.level && before.plan
      ? planProblems(level, planInputOf(before.plan), today(ctx)).filter((p) => p.code.endsWith("_required"))
      : [];
  if (lacking.length) {
    Object.assign(set, { status: "reported", plan: null, deadline: null, fundsFen: null, suspension: null });
    changed.push("treatmentPlan");
  }
  const upgraded = before.level === "general" && level === "major";
  const note = input.note ?? null;
  const row = await withTx(db, async (tx) => {
    if (autoListing) await liftAutomaticListingInTx(tx, ctx, before, autoListing, "downgrade", note);
    const after = await updateVersioned(tx, hazards, { id, version: input.version, set });
    await repo.insertEvent(tx, {
      hazardId: id,
      action: "classify",
      fromState: before.status,
      toState: after.status,
      actorId: actor.userId,
      actorName: actor.displayName,
      actorRole: actor.role,
      note,
      detail: { changed, ...(lacking.length ? { planLacks: lacking.map((p) => p.path) } : {}) },
      at: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: "hazard.classify",
      entityType: "hazard",
      entityId: id,
      regionCode: after.regionCode,
      before: { ...auditable(before), criterionRef: before.criterionRef },
      after: { ...auditable(after), criterionRef: after.criterionRef },
      detail: { changed, ...(note ? { note } : {}), ...(lacking.length ? { planLacks: lacking.map((p) => p.path) } : {}) },
    });
    // R12 on confirmation: graded 重大 later is listed (county) and reported (R3) as at registration.
    return upgraded ? confirmMajorHazardInTx(tx, ctx, after, { enterpriseName: enterprise.name, graded: true }) : after;
  });
  return detailOf(db, ctx, row, enterprise.name);
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
  // Issue 8 §4: no 销号 while a linked enforcement case's order to rectify is unmet.
  if (action === "accept" || action === "fix_on_spot") await assertNoUnmetCaseOrder(tx, id);
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
