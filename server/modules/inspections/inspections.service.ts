import { type CalendarDay, shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import { criteriaFor, criterionById, type HazardCategory, isSubTypeOf } from "../../../domain/hazards/hazard.js";
import { maxPhotoBytes, sniffPhotoType, stripLocationMetadata } from "../../../domain/hazards/photo.js";
import {
  type ChecklistContent,
  type ChecklistItem,
  type InspectionResponseInput,
  judgeResponse,
} from "../../../domain/inspections/checklist.js";
import type {
  Inspection,
  InspectionCreate,
  InspectionDetail,
  InspectionFinish,
  InspectionListQuery,
  InspectionPhotoUpload,
  InspectionResponse,
  InspectionResponsesPut,
  InspectionResponsesResult,
  InspectorOption,
} from "../../../domain/inspections/inspection.dto.js";
import {
  clauseText,
  findingOf,
  finishProblems,
  hazardSourceOf,
  type InspectingBody,
  type InspectionKind,
  inspectingBodyOf,
  resultOf,
  type TeamCandidate,
  teamProblems,
} from "../../../domain/inspections/inspection.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Actor, type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, type FieldError, fieldError, notFound } from "../../kernel/http/errors.js";
import { enforcementOfficers, getUser } from "../accounts/users.service.js";
import { getChecklistVersion, latestChecklistVersion } from "../checklists/checklists.service.js";
import { departmentsByIds } from "../departments/departments.service.js";
import { type EnterpriseFacts, enterpriseFacts, getEnterprise } from "../enterprises/enterprises.service.js";
import { hazardSummaries, type IntakeHazard, registerHazardsInTx } from "../hazards/hazards.intake.js";
import { type DrawnObject, drawnObject } from "../random-draws/random-draws.service.js";
import { inspectionEntity, inspectionPhotoEntity } from "./inspections.messages.js";
import { planItemFor } from "./inspections.plans.js";
import { itemDone } from "./inspections.plans.repo.js";
import { assertMayConduct, assertMayStart, inspectionScope, mineWhere, photoScope } from "./inspections.policy.js";
import * as repo from "./inspections.repo.js";

const system = (ctx: Ctx) => systemContext(ctx, "inspections");
const maxSignatureBytes = 1024 * 1024;

function present(r: repo.InspectionRow, enterpriseName: string, counts: repo.Counts): Inspection {
  return {
    id: r.id,
    kind: r.kind as Inspection["kind"],
    enterpriseId: r.enterpriseId,
    enterpriseName,
    regionCode: r.regionCode,
    departmentId: r.departmentId,
    checklistId: r.checklistId,
    checklistVersion: r.checklistVersion,
    status: r.status as Inspection["status"],
    inspectors: r.inspectors,
    inspectorRegion: r.inspectorRegion,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    startLatitude: r.startLatitude,
    startLongitude: r.startLongitude,
    result: r.result as Inspection["result"],
    summary: r.summary,
    correctsId: r.correctsId,
    planItemId: r.planItemId,
    drawId: r.drawId,
    createdById: r.createdById,
    answeredCount: counts.answered,
    failedCount: counts.failed,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const presentResponse = (r: repo.ResponseRow): InspectionResponse => ({
  id: r.id,
  itemId: r.itemId,
  outcome: r.outcome as InspectionResponse["outcome"],
  result: r.result as InspectionResponse["result"],
  number: r.number,
  text: r.text,
  note: r.note,
  answeredById: r.answeredById,
  answeredAt: r.answeredAt.toISOString(),
  hazardId: r.hazardId,
});

const presentPhoto = (p: repo.PhotoMeta) => ({
  id: p.id,
  itemId: p.itemId,
  contentType: p.contentType,
  bytes: p.bytes,
  locationKept: p.locationKept !== 0,
  createdAt: p.createdAt.toISOString(),
});

/** The frozen version an inspection answers (read as the system: the record's own scope is already checked). */
function versionOf(db: Db, ctx: Ctx, r: Pick<repo.InspectionRow, "checklistId" | "checklistVersion">) {
  return getChecklistVersion(db, system(ctx), r.checklistId, r.checklistVersion);
}

async function load(db: Db, ctx: Ctx, id: string): Promise<repo.InspectionRow> {
  const row = await repo.findInspection(db, id, inspectionScope(ctx.actor));
  if (!row) throw notFound(inspectionEntity);
  return row;
}

async function enterpriseOf(db: Db, ctx: Ctx, id: string): Promise<EnterpriseFacts | undefined> {
  return (await enterpriseFacts(db, system(ctx), [id])).get(id);
}

/** Rows keyed by item, in the order of the checklist's sections and items. */
function inChecklistOrder<T extends { itemId: string }>(content: ChecklistContent, list: T[]): T[] {
  const position = new Map(content.sections.flatMap((s) => s.items).map((it, i) => [it.id, i]));
  return [...list].sort((a, b) => (position.get(a.itemId) ?? 0) - (position.get(b.itemId) ?? 0));
}

async function detailOf(db: Db, ctx: Ctx, row: repo.InspectionRow): Promise<InspectionDetail> {
  const [enterprise, version, responses, photos, signatures, counts] = await Promise.all([
    enterpriseOf(db, ctx, row.enterpriseId),
    versionOf(db, ctx, row),
    repo.responsesOf(db, row.id),
    repo.photosOf(db, row.id),
    repo.signaturesOf(db, row.id),
    repo.countsOf(db, row.id),
  ]);
  const links = responses.filter((r) => r.hazardId);
  const hazards = new Map(
    (
      await hazardSummaries(
        db,
        links.map((r) => r.hazardId as string),
      )
    ).map((h) => [h.id, h]),
  );
  return {
    ...present(row, enterprise?.name ?? "", counts),
    checklist: { checklistId: version.checklistId, version: version.version, name: version.name, content: version.content },
    itemCount: version.itemCount,
    responses: responses.map(presentResponse),
    photos: photos.map(presentPhoto),
    signatures: signatures.map((s) => ({
      id: s.id,
      signer: s.signer as "inspector" | "enterprise",
      name: s.name,
      userId: s.userId,
      signedAt: s.signedAt.toISOString(),
    })),
    hazards: inChecklistOrder(version.content, links).flatMap((r) => {
      const h = hazards.get(r.hazardId as string);
      return h
        ? [
            {
              id: h.id,
              itemId: r.itemId,
              level: h.level as "general" | "major",
              state: h.status as InspectionDetail["hazards"][number]["state"],
              criterionRef: h.criterionRef,
              description: h.description,
            },
          ]
        : [];
    }),
  };
}

export async function getInspection(db: Db, ctx: Ctx, id: string): Promise<InspectionDetail> {
  return detailOf(db, ctx, await load(db, ctx, id));
}

/** The Shanghai day each finished regulator inspection of `ids` in the caller's scope finished on (one query). */
export async function regulatorFinishDays(db: Db, ctx: Ctx, ids: readonly string[]): Promise<Map<string, CalendarDay>> {
  const found = ids.length ? await repo.regulatorFinishTimes(db, ids, inspectionScope(ctx.actor)) : [];
  return new Map(found.map((r) => [r.id, shanghaiDay(r.finishedAt as Date)]));
}

export async function listInspections(db: Db, ctx: Ctx, q: InspectionListQuery): Promise<Page<Inspection>> {
  const actor = ctx.actor as Actor;
  const { items, total } = await repo.listInspections(db, inspectionScope(actor), q, q.mine === "true" ? mineWhere(actor) : undefined);
  const names = await enterpriseFacts(
    db,
    system(ctx),
    items.map((i) => i.row.enterpriseId),
  );
  return {
    items: items.map((i) => present(i.row, names.get(i.row.enterpriseId)?.name ?? "", { answered: i.answered, failed: i.failed })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

type Member = TeamCandidate & { name: string };

/** The accounts named for the team, in order (unknown ids → 400 on their path). */
async function teamOf(db: Db, ctx: Ctx, ids: string[]): Promise<Member[]> {
  const fields: FieldError[] = [];
  const members: Member[] = [];
  for (const [i, id] of ids.entries()) {
    const u = await getUser(db, system(ctx), id).catch(() => null);
    if (!u) fields.push({ path: `inspectorIds.${i}`, code: "inspections.inspector_unknown" });
    else
      members.push({
        userId: u.id,
        name: u.displayName,
        role: u.role as Member["role"],
        status: u.status,
        enforcementCertNo: u.enforcementCertNo ?? null,
        enterpriseId: u.enterpriseId,
      });
  }
  if (fields.length) throw new AppError(400, "validation", { fields });
  return members;
}

/**
 * Starts an inspection (issue 7 §2). The kind must be one the caller's role starts, the enterprise inside the caller's
 * scope (404 otherwise: an enterprise cannot inspect another, a grid member only its grid), the team valid for the
 * inspecting body (≥ 2 certified 执法人员 for a regulator inspection, 行政处罚法 Art. 42), and the checklist version —
 * the one asked for, or the newest published — is fixed for the inspection's life.
 */
/**
 * Who may be put on a regulator team: active certified regulators of the caller's region subtree (all for an
 * administrator) — the 执法人员名录库 as a picker, for inspectors who may not read the account directory.
 */
export async function teamCandidates(db: Db, ctx: Ctx, q: { q?: string }): Promise<InspectorOption[]> {
  const actor = ctx.actor as Actor; // route permission inspections.team: admin and regulators
  const officers = await enforcementOfficers(db, { regionCode: actor.role === "admin" ? "" : (actor.regionCode ?? "-") });
  const text = q.q?.toLowerCase();
  return officers
    .filter((o) => !text || o.displayName.toLowerCase().includes(text) || o.certNo.toLowerCase().includes(text))
    .slice(0, 200)
    .map((o) => ({ userId: o.userId, name: o.displayName, certNo: o.certNo, regionCode: o.regionCode }));
}

export async function createInspection(db: Db, ctx: Ctx, input: InspectionCreate): Promise<InspectionDetail> {
  const actor = ctx.actor as Actor;
  assertMayStart(actor, input.kind);
  const enterprise = await getEnterprise(db, ctx, input.enterpriseId);
  const body = inspectingBodyOf(input.kind, actor.role);

  const ids = [...new Set(input.inspectorIds)];
  const named = await teamOf(db, ctx, ids);
  const problems = teamProblems(body, enterprise.id, named);
  if (problems.length) throw new AppError(400, "validation", { fields: problems });
  // A grid member or an enterprise user inspects in person: it is on its own team.
  const team = body === "regulator" || named.some((m) => m.userId === actor.userId) ? named : [await selfMember(db, ctx, actor), ...named];

  const version = input.checklistVersion
    ? await getChecklistVersion(db, ctx, input.checklistId, input.checklistVersion)
    : await latestChecklistVersion(db, ctx, input.checklistId);

  if (input.correctsId) {
    const corrected = await repo.findInspection(db, input.correctsId, inspectionScope(actor));
    if (!corrected || corrected.enterpriseId !== enterprise.id || corrected.status !== "finished") {
      throw fieldError("correctsId", "inspections.corrects_invalid");
    }
  }
  if (input.departmentId && (await departmentsByIds(db, [input.departmentId])).length === 0) {
    throw fieldError("departmentId", "inspections.department_unknown");
  }
  const links = [
    ...(await drawLinkProblems(db, ctx, input, enterprise.id, team)),
    ...(await planLinkProblems(db, ctx, input, enterprise.id)),
  ];
  if (links.length) throw new AppError(400, "validation", { fields: links });

  const row = await withTx(db, async (tx) => {
    const inserted = await repo.insertInspection(tx, {
      kind: input.kind,
      enterpriseId: enterprise.id,
      regionCode: enterprise.regionCode,
      departmentId: input.departmentId ?? null,
      checklistId: version.checklistId,
      checklistVersion: version.version,
      status: "in_progress",
      inspectors: team.map((m) => ({ userId: m.userId, name: m.name, certNo: m.enforcementCertNo })),
      inspectorRegion: body === "enterprise" ? null : actor.regionCode,
      startedAt: ctx.now,
      startLatitude: input.latitude ?? null,
      startLongitude: input.longitude ?? null,
      correctsId: input.correctsId ?? null,
      planItemId: input.planItemId ?? null,
      drawId: input.drawId ?? null,
      createdById: actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: "inspection.start",
      entityType: "inspection",
      entityId: inserted.id,
      regionCode: inserted.regionCode,
      after: {
        kind: inserted.kind,
        enterpriseId: inserted.enterpriseId,
        checklistId: inserted.checklistId,
        checklistVersion: inserted.checklistVersion,
        inspectors: inserted.inspectors,
        startLatitude: inserted.startLatitude,
        startLongitude: inserted.startLongitude,
        correctsId: inserted.correctsId,
        planItemId: inserted.planItemId,
        drawId: inserted.drawId,
        status: inserted.status,
        version: inserted.version,
      },
    });
    return inserted;
  });
  return detailOf(db, ctx, row);
}

/**
 * The kinds an inspection of a draw may have: double_random, or the mode the draw was prepared in — 四不两直
 * (`unannounced`, seed 004) or a monthly cross-county check (`cross_area`, seed 001). Either way it is linked by its
 * draw and counted and published as the draw's (double-random.md R6–R7).
 */
function drawKinds(d: DrawnObject): InspectionKind[] {
  return ["double_random", ...(d.unannounced ? (["unannounced"] as const) : []), ...(d.crossRegion ? (["cross_area"] as const) : [])];
}

/**
 * An inspection naming a draw (issue 7 §5): the draw is one the caller sees, executed, the enterprise among its
 * drawn objects, the kind a double-random one, and the team exactly the officers drawn for the enterprise. A
 * different team is refused: a drawn officer who cannot go recuses through the draw (R4, R8.7), whose published
 * replacement is then part of the drawn team.
 */
async function drawLinkProblems(db: Db, ctx: Ctx, input: InspectionCreate, enterpriseId: string, team: Member[]): Promise<FieldError[]> {
  if (!input.drawId) return [];
  const drawn = await drawnObject(db, ctx, input.drawId, enterpriseId);
  if (!drawn) return [{ path: "drawId", code: "inspections.draw_unknown" }];
  if (drawn.status !== "executed") return [{ path: "drawId", code: "inspections.draw_not_executed" }];
  const fields: FieldError[] = [];
  if (!drawKinds(drawn).includes(input.kind)) fields.push({ path: "kind", code: "inspections.draw_kind" });
  if (!drawn.team) fields.push({ path: "enterpriseId", code: "inspections.not_drawn" });
  else {
    const drawnIds = new Set(drawn.team.map((m) => m.userId));
    if (team.length !== drawnIds.size || team.some((m) => !drawnIds.has(m.userId))) {
      const names = drawn.team.map((m) => `${m.name}（${m.certNo}）`).join("、");
      fields.push({ path: "inspectorIds", code: "inspections.draw_team", params: { team: names } });
    }
  }
  return fields;
}

/**
 * An inspection naming a visit of the annual plan (issue 7 §4): a planned inspection of that visit's enterprise,
 * the plan approved (in effect) and visible to the caller, and the visit not already done by a finished inspection.
 */
async function planLinkProblems(db: Db, ctx: Ctx, input: InspectionCreate, enterpriseId: string): Promise<FieldError[]> {
  if (!input.planItemId) return [];
  const fields: FieldError[] = [];
  if (input.kind !== "planned") fields.push({ path: "kind", code: "inspections.plan_kind" });
  const item = await planItemFor(db, ctx, input.planItemId);
  if (!item) fields.push({ path: "planItemId", code: "inspections.plan_item_unknown" });
  else if (item.planStatus !== "approved") fields.push({ path: "planItemId", code: "inspections.plan_not_approved" });
  else if (item.enterpriseId !== enterpriseId) fields.push({ path: "planItemId", code: "inspections.plan_item_enterprise" });
  else if (await itemDone(db, item.planId, input.planItemId)) fields.push({ path: "planItemId", code: "inspections.plan_item_done" });
  return fields;
}

async function selfMember(db: Db, ctx: Ctx, actor: Actor): Promise<Member> {
  const [me] = await teamOf(db, ctx, [actor.userId]);
  return me as Member;
}

type PreparedPhoto = { upload: InspectionPhotoUpload; contentType: string; data: Buffer; locationKept: boolean };

/** Type by magic bytes, size bound, location metadata removed unless kept (domain/hazards/photo.ts); problems collected. */
function preparePhoto(u: InspectionPhotoUpload, path: string, fields: FieldError[]): PreparedPhoto | null {
  const raw = Buffer.from(u.data, "base64");
  if (raw.length > maxPhotoBytes) {
    fields.push({ path, code: "inspections.photo_too_large" });
    return null;
  }
  const type = sniffPhotoType(raw);
  const data = type === u.contentType ? (u.keepLocation ? raw : stripLocationMetadata(type, raw)) : null;
  if (!type || !data) {
    fields.push({ path, code: "inspections.photo_type" });
    return null;
  }
  return { upload: u, contentType: type, data: Buffer.from(data), locationKept: !!u.keepLocation };
}

const stale = (current: number) =>
  new AppError(409, "inspections.stale", {
    params: { current },
    headers: { "x-inspection-version": String(current) },
    fields: [{ path: "version", code: "inspections.stale", params: { current } }],
  });

/** 409 for a change that lost the race: finished meanwhile, or a newer version (a second device). */
async function conflictAfter(db: Db, id: string, ctx: Ctx): Promise<AppError> {
  const now = await load(db, ctx, id);
  return now.status === "finished" ? new AppError(409, "inspections.finished_readonly") : stale(now.version);
}

type Judged = { input: InspectionResponseInput; outcome: "pass" | "fail" | "na" | null };

const sameAnswer = (stored: repo.ResponseRow, r: InspectionResponseInput) =>
  stored.itemId === r.itemId &&
  stored.result === r.result &&
  stored.number === r.number &&
  stored.text === r.text &&
  stored.note === r.note;

/**
 * The field form's batch (issue 7 §3): validated whole against the frozen version (an unknown item, a value that does
 * not fit the item's type, a photo of the wrong type or over 10 MB → 400 with the path, nothing stored), then applied
 * in one transaction under the inspection's version. Idempotent replay: a batch whose every response id is stored with
 * the same content, every photo id present and every removal done changes nothing and is answered 200 with the
 * current version, whatever version it carries — a queue that lost the answer to its request sends it again safely.
 * Anything else on a stale version is 409 (a second device), never a silent overwrite.
 */
export async function putInspectionResponses(
  db: Db,
  ctx: Ctx,
  id: string,
  input: InspectionResponsesPut,
): Promise<InspectionResponsesResult> {
  const actor = ctx.actor as Actor;
  const row = await load(db, ctx, id);
  assertMayConduct(actor, row);
  const version = await versionOf(db, ctx, row);
  const items = new Map(version.content.sections.flatMap((s) => s.items).map((it) => [it.id, it]));

  const fields: FieldError[] = [];
  const judged: Judged[] = [];
  const seenItems = new Set<string>();
  const seenIds = new Set<string>();
  for (const [i, r] of input.responses.entries()) {
    const item = items.get(r.itemId);
    const path = `responses.${i}`;
    if (!item) fields.push({ path: `${path}.itemId`, code: "inspections.item_unknown" });
    else if (seenItems.has(r.itemId)) fields.push({ path: `${path}.itemId`, code: "inspections.item_twice" });
    else if (seenIds.has(r.id)) fields.push({ path: `${path}.id`, code: "inspections.response_id_reused" });
    else {
      seenItems.add(r.itemId);
      seenIds.add(r.id);
      const { outcome, problem } = judgeResponse(item, r);
      if (problem) fields.push({ path: `${path}.number`, code: problem });
      else judged.push({ input: r, outcome });
    }
  }
  const photos = input.photos.map((p, i) => {
    if (!items.has(p.itemId)) {
      fields.push({ path: `photos.${i}.itemId`, code: "inspections.item_unknown" });
      return null;
    }
    return preparePhoto(p, `photos.${i}.data`, fields);
  });
  if (fields.length) throw new AppError(400, "validation", { fields });

  const [stored, storedPhotos, responsesElsewhere, photosElsewhere] = await Promise.all([
    repo.responsesOf(db, id),
    repo.photosOf(db, id),
    repo.responseIdsElsewhere(
      db,
      id,
      input.responses.map((r) => r.id),
    ),
    repo.photoIdsElsewhere(
      db,
      id,
      input.photos.map((p) => p.id),
    ),
  ]);
  const storedById = new Map(stored.map((r) => [r.id, r]));
  const storedPhotoById = new Map(storedPhotos.map((p) => [p.id, p]));
  input.responses.forEach((r, i) => {
    const same = storedById.get(r.id);
    if (responsesElsewhere.has(r.id) || (same && same.itemId !== r.itemId)) {
      fields.push({ path: `responses.${i}.id`, code: "inspections.response_id_reused" });
    }
  });
  input.photos.forEach((p, i) => {
    const same = storedPhotoById.get(p.id);
    if (photosElsewhere.has(p.id) || (same && same.itemId !== p.itemId))
      fields.push({ path: `photos.${i}.id`, code: "inspections.photo_id_reused" });
  });
  if (fields.length) throw new AppError(400, "validation", { fields });

  const changedAnswers = judged.filter((j) => {
    const s = storedById.get(j.input.id);
    return !s || !sameAnswer(s, j.input);
  });
  const newPhotos = (photos as PreparedPhoto[]).filter((p) => !storedPhotoById.has(p.upload.id));
  const removals = input.removePhotoIds.filter((pid) => storedPhotoById.has(pid));
  const result = (version: number, changed: boolean, responses: repo.ResponseRow[], photos: repo.PhotoMeta[]) => ({
    version,
    changed,
    responses: responses.map(presentResponse),
    photos: photos.map(presentPhoto),
  });
  if (changedAnswers.length === 0 && newPhotos.length === 0 && removals.length === 0) {
    return result(row.version, false, stored, storedPhotos); // a replay: already stored exactly
  }
  if (row.status === "finished") throw new AppError(409, "inspections.finished_readonly");
  if (input.version !== row.version) throw stale(row.version);

  const after = await withTx(db, async (tx) => {
    const bumped = await repo.bumpInProgress(tx, id, input.version, { updatedAt: ctx.now });
    if (!bumped) return null;
    await repo.upsertResponses(
      tx,
      changedAnswers.map(({ input: r, outcome }) => ({
        id: r.id,
        inspectionId: id,
        itemId: r.itemId,
        outcome,
        result: r.result,
        number: r.number,
        text: r.text,
        note: r.note,
        answeredById: actor.userId,
        answeredAt: ctx.now,
      })),
    );
    await repo.insertPhotos(
      tx,
      newPhotos.map((p) => ({
        id: p.upload.id,
        inspectionId: id,
        itemId: p.upload.itemId,
        contentType: p.contentType,
        bytes: p.data.length,
        locationKept: p.locationKept ? 1 : 0,
        data: p.data,
        uploadedById: actor.userId,
        createdAt: ctx.now,
      })),
    );
    const removed = await repo.deletePhotos(tx, id, removals);
    await writeAudit(tx, ctx, {
      action: "inspection.answer",
      entityType: "inspection",
      entityId: id,
      regionCode: bumped.regionCode,
      before: { version: row.version },
      after: { version: bumped.version },
      detail: {
        answers: changedAnswers.map((j) => [j.input.itemId, j.outcome]),
        photosAdded: newPhotos.map((p) => [p.upload.itemId, p.upload.id]),
        photosRemoved: removed,
      },
    });
    return bumped;
  });
  if (!after) throw await conflictAfter(db, id, ctx);
  const [responses, photoMetas] = await Promise.all([repo.responsesOf(db, id), repo.photosOf(db, id)]);
  return result(after.version, true, responses, photoMetas);
}

/** Who conducted it: the enterprise itself (自查), a grid member's patrol, or regulators — by the starter's role. */
async function bodyOf(db: Db, ctx: Ctx, row: repo.InspectionRow): Promise<InspectingBody> {
  if (row.kind === "self") return "enterprise";
  const starter = row.createdById ? await getUser(db, system(ctx), row.createdById).catch(() => null) : null;
  return inspectingBodyOf(row.kind as InspectionKind, (starter?.role ?? "regulator_inspector") as Actor["role"]);
}

const numberText = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4))));

/** 隐患描述: the question, what was found (measured value, text, note), the clause cited. */
function findingDescription(item: ChecklistItem, r: repo.ResponseRow, notApplicableRef: string | null): string {
  const unit = item.unit ?? "";
  const parts = [item.question];
  if (item.type === "number" && r.number !== null) {
    const range = [item.min !== null ? `≥${numberText(item.min)}` : null, item.max !== null ? `≤${numberText(item.max)}` : null]
      .filter(Boolean)
      .join("且");
    parts.push(`（实测 ${numberText(r.number)}${unit}，要求 ${range}${unit}）`);
  }
  if (r.text) parts.push(`：${r.text}`);
  if (r.note) parts.push(`——${r.note}`);
  const clause = clauseText(item);
  if (clause) parts.push(`【依据：${clause}】`);
  if (notApplicableRef) parts.push(`（检查表将此项对应${notApplicableRef}，该条款不适用于本企业的行业类别，按一般隐患登记）`);
  return parts.join("");
}

function sectionOf(content: ChecklistContent): Map<string, string> {
  return new Map(content.sections.flatMap((s) => s.items.map((it) => [it.id, s.title] as const)));
}

type PreparedSignature = { signer: "inspector" | "enterprise"; name: string; userId: string | null; image: Buffer };

/**
 * Finishes the inspection (issue 7 §2): the preconditions of finishProblems (every item answered, photos where a fail
 * needs one, the signatures), then in ONE transaction — the record closed under its version, the signatures stored,
 * one hazard per failed item whose fail means a hazard (重大 with its criterion when the item comes from an applicable
 * 判定标准 list, hazards.md R2), each response linked to its hazard, and the audit rows. Anything failing on the way
 * rolls all of it back: no hazard without a finished record, no finished record without its hazards.
 */
export async function finishInspection(db: Db, ctx: Ctx, id: string, input: InspectionFinish): Promise<InspectionDetail> {
  const actor = ctx.actor as Actor;
  const row = await load(db, ctx, id);
  assertMayConduct(actor, row);
  if (row.status === "finished") throw new AppError(409, "inspections.finished_readonly");
  if (input.version !== row.version) throw stale(row.version);

  const [version, responses, photoMetas, body, enterprise] = await Promise.all([
    versionOf(db, ctx, row),
    repo.responsesOf(db, id),
    repo.photosOf(db, id),
    bodyOf(db, ctx, row),
    getEnterprise(db, system(ctx), row.enterpriseId),
  ]);
  const fields: FieldError[] = [];
  const signatures: PreparedSignature[] = [];
  input.signatures.forEach((s, i) => {
    const image = Buffer.from(s.image, "base64");
    if (image.length > maxSignatureBytes || sniffPhotoType(image) !== "image/png") {
      fields.push({ path: `signatures.${i}.image`, code: "inspections.signature_png" });
    }
    if (s.signer === "inspector" && s.userId && !row.inspectors.some((m) => m.userId === s.userId)) {
      fields.push({ path: `signatures.${i}.userId`, code: "inspections.signer_not_inspector" });
    }
    if (signatures.some((x) => x.signer === s.signer && x.name === s.name)) {
      fields.push({ path: `signatures.${i}.name`, code: "inspections.signature_twice" });
    }
    signatures.push({ signer: s.signer, name: s.name, userId: s.userId ?? null, image });
  });
  const answers = responses.map((r) => ({ itemId: r.itemId, outcome: r.outcome as "pass" | "fail" | "na" | null }));
  const problems = finishProblems({
    body,
    content: version.content,
    answers,
    photoItems: new Set(photoMetas.map((p) => p.itemId)),
    inspectors: row.inspectors,
    signatures,
  });
  fields.push(...problems);
  const { result, problem } = resultOf(answers, input.result);
  if (problem) fields.push({ path: "result", code: problem });
  if (fields.length) throw new AppError(400, "validation", { fields });

  // hazards.md R2: a criterion counts only where it applies to the enterprise's category and sub-category.
  const applicable = new Set(criteriaFor(enterprise.category, enterprise.subcategory).map((c) => c.id));
  const sections = sectionOf(version.content);
  const failed = new Map(responses.filter((r) => r.outcome === "fail").map((r) => [r.itemId, r]));
  // In the checklist's order, so the register lists them as the record does.
  const findings = version.content.sections.flatMap((s) =>
    s.items.flatMap((item) => {
      const response = failed.get(item.id);
      const finding = response ? findingOf(item, (cid) => applicable.has(cid)) : null;
      return response && finding ? [{ response, item, finding }] : [];
    }),
  );

  const finderName = body === "enterprise" ? actor.displayName : row.inspectors.map((m) => m.name).join("、") || actor.displayName;
  const after = await withTx(db, async (tx) => {
    const closed = await repo.bumpInProgress(tx, id, input.version, {
      status: "finished",
      finishedAt: ctx.now,
      result,
      summary: input.summary ?? null,
      updatedAt: ctx.now,
    });
    if (!closed) return null;
    await repo.insertSignatures(
      tx,
      signatures.map((s) => ({ inspectionId: id, signer: s.signer, name: s.name, userId: s.userId, image: s.image, signedAt: ctx.now })),
    );
    const intake: IntakeHazard[] = findings.map(({ response, item, finding }) => {
      const criterion = finding.criterionId ? criterionById(finding.criterionId) : undefined;
      const notApplicable = finding.criterionNotApplicable ? (criterionById(finding.criterionNotApplicable)?.ref ?? null) : null;
      return {
        enterpriseId: enterprise.id,
        regionCode: enterprise.regionCode,
        industryCode: enterprise.industryCode,
        description: findingDescription(item, response, notApplicable),
        location: (sections.get(item.id) ?? version.name).slice(0, 200),
        source: hazardSourceOf[body],
        sourceRef: id,
        category: item.hazardCategory,
        subType: item.hazardSubType && isSubTypeOf(item.hazardCategory as HazardCategory, item.hazardSubType) ? item.hazardSubType : null,
        level: finding.level,
        criterionId: criterion?.id ?? null,
        criterionRef: criterion?.ref ?? null,
        majorReason: null,
        foundById: actor.userId,
        foundByName: finderName,
        foundByRole: actor.role,
        foundByRegion: row.inspectorRegion,
        photos: [],
        photoRef: item.id, // the item's photos, carried over as 'before' photos
      };
    });
    const hazards = await registerHazardsInTx(tx, ctx, intake, enterprise.name, repo.photoRowsSql(id));
    await repo.linkHazards(
      tx,
      hazards.map((h, i) => ({ responseId: findings[i]?.response.id as string, hazardId: h.id })),
    );
    await writeAudit(tx, ctx, {
      action: "inspection.finish",
      entityType: "inspection",
      entityId: id,
      regionCode: closed.regionCode,
      before: { status: row.status, version: row.version },
      after: {
        status: closed.status,
        result: closed.result,
        summary: closed.summary,
        finishedAt: closed.finishedAt,
        version: closed.version,
      },
      detail: {
        hazards: hazards.map((h) => h.id),
        major: hazards.filter((h) => h.level === "major").length,
        notes: responses.filter((r) => r.outcome === "fail").length - hazards.length,
        signatures: signatures.map((s) => [s.signer, s.name]),
      },
    });
    return closed;
  });
  if (!after) throw await conflictAfter(db, id, ctx);
  return detailOf(db, ctx, after);
}

export async function inspectionPhoto(db: Db, ctx: Ctx, id: string): Promise<{ contentType: string; data: Buffer }> {
  const row = await repo.findPhoto(db, id, photoScope(ctx.actor));
  if (!row) throw notFound(inspectionPhotoEntity);
  return { contentType: row.contentType, data: Buffer.from(row.data) };
}
