import { createHash, randomUUID } from "node:crypto";
import { type CalendarDay, shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import {
  canonicalId,
  commitLists,
  compareUtf8,
  DrawError,
  drawAlgorithm,
  drawProblems,
  type HashFn,
  plainStratum,
  runDraw,
  sampleSize,
  seedText,
} from "../../../domain/inspections/draw.js";
import {
  countyOf,
  type DrawParams,
  drawInputOf,
  type PublicRandomDraw,
  type PublicRandomDrawListItem,
  type PublicRandomDrawListQuery,
  type RandomDraw,
  type RandomDrawExecute,
  type RandomDrawListQuery,
  type RandomDrawPrepare,
  type RandomDrawRecusal,
  type RandomDrawSummary,
} from "../../../domain/inspections/random-draw.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, sql, withTx } from "../../kernel/db/db.js";
import { AppError, conflict, type FieldError, fieldError, notFound, staleVersion } from "../../kernel/http/errors.js";
import { hitRateLimit } from "../../kernel/http/rate-limit.js";
import { applyTransition, defineMachine, updateVersioned } from "../../kernel/workflow/state-machine.js";
import { enforcementOfficers } from "../accounts/users.service.js";
import { departmentsByIds } from "../departments/departments.service.js";
import { inspectionObjects } from "../enterprises/enterprises.service.js";
import { findRegions } from "../regions/regions.service.js";
import { randomDrawEntity } from "./random-draws.messages.js";
import { assertMayOrganise, assertRegionInScope, drawScope } from "./random-draws.policy.js";
import * as repo from "./random-draws.repo.js";
import { type DrawInspector, type DrawObject, type DrawRecusal, type DrawResult, randomDraws } from "./random-draws.schema.js";

/** The server hashes with node:crypto; the public page re-runs the same draw with the bundled SHA-256. */
const nodeSha256: HashFn = (data) => createHash("sha256").update(data).digest();

/** Prepared (committed, R8.2) → executed (beacon value in, seed and result stored, R8.3–7): once. */
const drawMachine = defineMachine({
  name: "random_draw",
  states: ["prepared", "executed"] as const,
  transitions: { execute: { from: ["prepared"], to: "executed" } },
});

/** R5 default sampling rate of a stratum. */
const defaultSampleRate = 0.05;
const publicRateLimit = { limit: 60, windowSeconds: 60 };

/** Draws prepared before rotation recusal existed read rotationRounds 0. */
const paramsOf = (r: { params: Record<string, unknown> }) => ({ rotationRounds: 0, ...r.params }) as DrawParams;
const resultOf = (r: { result: DrawResult | null }): DrawResult => r.result ?? { objects: [], replacements: [] };

function badRequest(fields: FieldError[]): AppError {
  return new AppError(400, "validation", { fields });
}

/** A draw that the algorithm refuses, as the field the caller can change. */
function drawErrorField(e: DrawError, kPath: string): FieldError {
  const params = e.detail;
  switch (e.code) {
    case "k_exceeds_n":
    case "k_invalid":
      return { path: kPath, code: "random_draws.k_exceeds_n", params };
    case "pool_too_small":
      return { path: "teamSize", code: "random_draws.pool_too_small", params };
    case "not_on_team":
      return { path: "certNo", code: "random_draws.not_on_team", params };
    default:
      return { path: "", code: `random_draws.${e.code}`, params };
  }
}

async function regionNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  return new Map((await findRegions(db, [...new Set(codes)])).map((r) => [r.code, r.name]));
}

function presentSummary(r: repo.DrawHead & { drawnCount?: number }, regionName: string | null): RandomDrawSummary {
  return {
    id: r.id,
    planCode: r.planCode,
    title: r.title,
    regionCode: r.regionCode,
    regionName,
    departmentId: r.departmentId,
    status: r.status as RandomDrawSummary["status"],
    unannounced: r.unannounced,
    objectsCount: r.objectsCount,
    inspectorsCount: r.inspectors.length,
    drawnCount: r.drawnCount ?? r.result?.objects.length ?? 0,
    beaconSource: r.beaconSource,
    beaconId: r.beaconId,
    preparedAt: r.preparedAt.toISOString(),
    executedAt: r.executedAt?.toISOString() ?? null,
    version: r.version,
  };
}

const seedTextOf = (r: Pick<repo.DrawRow, "planCode" | "beaconValue" | "objectsDigest" | "inspectorsDigest">) =>
  r.beaconValue === null
    ? null
    : seedText({ planId: r.planCode, beaconValue: r.beaconValue, objectsDigest: r.objectsDigest, inspectorsDigest: r.inspectorsDigest });

/** Drawn objects with the enterprise's name and each team member's name and certificate number (R7). */
function drawnView(result: DrawResult, objectNames: Map<string, string>, inspectors: readonly DrawInspector[]) {
  const officer = new Map(inspectors.map((i) => [i.certNo, i.name]));
  return {
    objects: result.objects.map((o) => ({
      uscc: o.uscc,
      name: objectNames.get(o.uscc) ?? "",
      stratum: o.stratum,
      team: o.team.map((certNo) => ({ certNo, name: officer.get(certNo) ?? "" })),
    })),
    replacements: result.replacements,
  };
}

async function present(db: Db, r: repo.DrawHead): Promise<RandomDraw> {
  const [names, regions] = await Promise.all([repo.drawnObjectNames(db, r.id), regionNames(db, [r.regionCode])]);
  const view = drawnView(resultOf(r), names, r.inspectors);
  return {
    ...presentSummary(r, regions.get(r.regionCode) ?? null),
    params: paramsOf(r),
    objectsDigest: r.objectsDigest,
    inspectorsDigest: r.inspectorsDigest,
    recusals: r.recusals.map((x) => ({ certNo: x.certNo, uscc: x.uscc, ground: x.ground ?? "declared" })),
    beaconValue: r.beaconValue,
    seedText: seedTextOf(r),
    seed: r.seed,
    ...view,
  };
}

async function loadHead(db: Db, ctx: Ctx, id: string): Promise<repo.DrawHead> {
  const row = await repo.findDrawHead(db, id, drawScope(ctx.actor));
  if (!row) throw notFound(randomDrawEntity);
  return row;
}

export async function listRandomDraws(db: Db, ctx: Ctx, q: RandomDrawListQuery): Promise<Page<RandomDrawSummary>> {
  const { items, total } = await repo.listDraws(db, drawScope(ctx.actor), q);
  const regions = await regionNames(
    db,
    items.map((i) => i.regionCode),
  );
  return { items: items.map((i) => presentSummary(i, regions.get(i.regionCode) ?? null)), total, page: q.page, pageSize: q.pageSize };
}

export async function getRandomDraw(db: Db, ctx: Ctx, id: string): Promise<RandomDraw> {
  return present(db, await loadHead(db, ctx, id));
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/** Deployment settings a prepare reads (server/kernel/config.ts). */
export type DrawSettings = { rotationRounds: number };

const planCodeTaken = () => conflict("random_draws.plan_code_taken", [{ path: "planCode", code: "random_draws.plan_code_taken" }]);

/**
 * Prepare (R8.1–2): freezes the object directory (the registry's enterprises of the region under the filters, not
 * closed, R2) and the inspector directory (certified regulators, R3) in canonical order with their digests, k per
 * stratum (R5), recusals (R4: declared, and rotation when `rotationRounds` > 0) and the beacon's source and future
 * identifier — the commitment, published at once.
 */
export async function prepareRandomDraw(
  db: Db,
  ctx: Ctx,
  input: RandomDrawPrepare,
  settings: DrawSettings = { rotationRounds: 0 },
): Promise<RandomDraw> {
  const actor = ctx.actor;
  assertMayOrganise(actor);
  assertRegionInScope(actor, input.regionCode);
  if (input.revealOn && !input.unannounced) throw fieldError("revealOn", "random_draws.reveal_only_unannounced");

  let officersRegion = input.regionCode;
  const departmentId = input.departmentId ?? null;
  if (departmentId) {
    const [department] = await departmentsByIds(db, [departmentId]);
    if (!department || (actor.role !== "admin" && !department.regionCode.startsWith(actor.regionCode ?? "\u0000"))) {
      throw fieldError("departmentId", "random_draws.department_unknown");
    }
    officersRegion = department.regionCode;
  }
  if (await repo.planCodeTaken(db, input.planCode)) throw planCodeTaken();

  const filters = { region: input.regionCode, categories: input.filters.categories ?? [], industry: input.filters.industry ?? null };
  const [enterprises, officers] = await Promise.all([
    inspectionObjects(db, ctx, filters),
    enforcementOfficers(db, { regionCode: officersRegion, departmentId }),
  ]);
  if (enterprises.length === 0) throw fieldError("filters", "random_draws.no_objects");
  if (officers.length === 0) throw fieldError(departmentId ? "departmentId" : "regionCode", "random_draws.no_inspectors");

  // R8.1 canonical order (registry USCCs and certificate numbers are stored canonical already).
  const objects: DrawObject[] = enterprises
    .map((e) => ({ uscc: canonicalId(e.uscc), enterpriseId: e.id, name: e.name, regionCode: e.regionCode, stratum: plainStratum }))
    .sort((a, b) => compareUtf8(a.uscc, b.uscc));
  const inspectors: DrawInspector[] = officers
    .map((o) => ({ certNo: canonicalId(o.certNo), userId: o.userId, name: o.displayName, countyCode: countyOf(o.regionCode) }))
    .sort((a, b) => compareUtf8(a.certNo, b.certNo));

  // R4: a recusal names an officer and an enterprise of these lists.
  const objectIds = new Set(objects.map((o) => o.uscc));
  const certNos = new Set(inspectors.map((i) => i.certNo));
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  const recusals: DrawRecusal[] = [];
  input.recusals.forEach((r, i) => {
    const certNo = canonicalId(r.certNo);
    const uscc = canonicalId(r.uscc);
    if (!certNos.has(certNo)) fields.push({ path: `recusals.${i}.certNo`, code: "random_draws.recusal_officer_unknown" });
    if (!objectIds.has(uscc)) fields.push({ path: `recusals.${i}.uscc`, code: "random_draws.recusal_object_unknown" });
    if (!seen.has(`${uscc}|${certNo}`)) recusals.push({ certNo, uscc, ground: "declared" });
    seen.add(`${uscc}|${certNo}`);
  });
  if (fields.length) throw badRequest(fields);

  // R4 rotation ("inspected the same object in the previous random round"): everyone on an enterprise's final team in
  // the previous N executed draws of this series recuses from it, before the commitment is frozen, so the published
  // recusals (certNo × USCC, no reason) still let anyone re-run the draw. One list with the declared ones.
  const rotationRounds = input.rotationRounds ?? settings.rotationRounds;
  const rotated = new Set<string>();
  if (rotationRounds > 0) {
    for (const p of await repo.previousTeams(db, { departmentId, regionCode: input.regionCode, rounds: rotationRounds })) {
      const certNo = canonicalId(p.certNo);
      const uscc = canonicalId(p.uscc);
      const key = `${uscc}|${certNo}`;
      if (!certNos.has(certNo) || !objectIds.has(uscc) || seen.has(key)) continue;
      seen.add(key);
      rotated.add(uscc);
      recusals.push({ certNo, uscc, ground: "rotation" });
    }
  }
  recusals.sort((a, b) => compareUtf8(a.uscc, b.uscc) || compareUtf8(a.certNo, b.certNo));

  // R5: k = ceil(rate × n), minimum 1, unless given; the plain stratum only for now (see the report's open points).
  const sampleRate = input.k === undefined ? (input.sampleRate ?? defaultSampleRate) : null;
  const k = input.k ?? sampleSize(sampleRate as number, objects.length);
  const params: DrawParams = {
    algorithm: drawAlgorithm,
    strata: { [plainStratum]: k },
    sampleRate,
    teamSize: input.teamSize,
    crossRegion: input.crossRegion,
    filters,
    revealOn: input.revealOn ?? null,
    rotationRounds,
  };
  const drawSide = {
    objects: objects.map((o) => ({ uscc: o.uscc, stratum: o.stratum, county: countyOf(o.regionCode) })),
    inspectors: inspectors.map((i) => ({ certNo: i.certNo, county: i.countyCode })),
    strata: params.strata,
    teamSize: params.teamSize,
    crossRegion: params.crossRegion,
    recusals: recusals.map((r) => ({ certNo: r.certNo, uscc: r.uscc })),
  };
  // Refuse now what would stop the draw later: k > n, or an enterprise left with fewer officers than a team (when
  // rotation took officers from it, the rounds are what to change).
  const problems = drawProblems(drawSide, nodeSha256, 5);
  if (problems.length) {
    throw badRequest(
      problems.map((e) => {
        const field = drawErrorField(e, input.k === undefined ? "sampleRate" : "k");
        return e.code === "pool_too_small" && rotated.has(String(e.detail.uscc)) ? { ...field, path: "rotationRounds" } : field;
      }),
    );
  }
  const commitment = commitLists(drawSide, nodeSha256);

  const id = randomUUID();
  try {
    await withTx(db, async (tx) => {
      await repo.insertDraw(tx, {
        id,
        planCode: input.planCode,
        title: input.title,
        departmentId,
        regionCode: input.regionCode,
        status: "prepared",
        params,
        objects,
        objectsDigest: commitment.objectsDigest,
        inspectors,
        inspectorsDigest: commitment.inspectorsDigest,
        recusals,
        beaconSource: input.beaconSource,
        beaconId: input.beaconId,
        unannounced: input.unannounced,
        preparedById: actor.userId,
        preparedAt: ctx.now,
      });
      // The digests commit the lists; the audit row keeps the commitment, not 100,000 entries.
      await writeAudit(tx, ctx, {
        action: "random_draw.prepared",
        entityType: "random_draw",
        entityId: id,
        regionCode: input.regionCode,
        after: {
          planCode: input.planCode,
          title: input.title,
          status: "prepared",
          params,
          objectsDigest: commitment.objectsDigest,
          objectsCount: objects.length,
          inspectorsDigest: commitment.inspectorsDigest,
          inspectorsCount: inspectors.length,
          recusals,
          beaconSource: input.beaconSource,
          beaconId: input.beaconId,
          unannounced: input.unannounced,
        },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw planCodeTaken();
    throw e;
  }
  return getRandomDraw(db, ctx, id);
}

/** The draw's input from the frozen row, with the published replacements. */
function inputOf(row: repo.DrawRow, beaconValue: string, replacements: DrawResult["replacements"]) {
  return drawInputOf({
    planCode: row.planCode,
    beaconValue,
    params: paramsOf(row),
    objects: row.objects.map((o) => ({ uscc: o.uscc, stratum: o.stratum, county: countyOf(o.regionCode) })),
    inspectors: row.inspectors.map((i) => ({ certNo: i.certNo, county: i.countyCode })),
    recusals: row.recusals,
    replacements,
  });
}

function runOrRefuse(row: repo.DrawRow, beaconValue: string, replacements: DrawResult["replacements"]) {
  try {
    const outcome = runDraw(inputOf(row, beaconValue, replacements), nodeSha256);
    // The commitment holds: the frozen lists still hash to the digests published at prepare.
    if (outcome.objectsDigest !== row.objectsDigest || outcome.inspectorsDigest !== row.inspectorsDigest) {
      throw new Error(`random draw ${row.id}: frozen lists no longer match their digests`);
    }
    return outcome;
  } catch (e) {
    if (!(e instanceof DrawError)) throw e;
    if (e.code === "pool_exhausted") throw conflict("random_draws.pool_exhausted");
    throw badRequest([drawErrorField(e, "k")]);
  }
}

async function loadFull(db: Db, ctx: Ctx, id: string): Promise<repo.DrawRow> {
  const row = await repo.findDraw(db, id, drawScope(ctx.actor));
  if (!row) throw notFound(randomDrawEntity);
  return row;
}

/** Execute (R8.3–7): the beacon's published value in; seed and result computed and stored. Once only, version-guarded. */
export async function executeRandomDraw(db: Db, ctx: Ctx, id: string, input: RandomDrawExecute): Promise<RandomDraw> {
  assertMayOrganise(ctx.actor);
  const row = await loadFull(db, ctx, id);
  if (row.status === "executed") throw conflict("random_draws.already_executed");
  if (row.version !== input.version) throw staleVersion();
  const outcome = runOrRefuse(row, input.beaconValue, []);
  const result: DrawResult = {
    objects: outcome.objects.map((o) => ({ uscc: o.uscc, stratum: o.stratum, team: o.team })),
    replacements: [],
  };
  await withTx(db, async (tx) => {
    const updated = await applyTransition(tx, randomDraws, drawMachine, {
      id,
      from: "prepared",
      action: "execute",
      version: input.version,
      set: { beaconValue: input.beaconValue, seed: outcome.seed, result, executedAt: ctx.now },
    });
    await writeAudit(tx, ctx, {
      action: "random_draw.executed",
      entityType: "random_draw",
      entityId: id,
      regionCode: row.regionCode,
      before: { status: row.status, version: row.version },
      after: { status: updated.status, beaconValue: input.beaconValue, seed: outcome.seed, version: updated.version },
      detail: { drawn: result.objects.map((o) => [o.uscc, ...o.team]) },
    });
  });
  return getRandomDraw(db, ctx, id);
}

/**
 * A recusal after the draw (R4, R8.7): the officer leaves the enterprise's team and the next pick of the same
 * stream (i = teamSize, teamSize + 1…) replaces them; the event is published with the result.
 */
export async function recuseAfterDraw(db: Db, ctx: Ctx, id: string, input: RandomDrawRecusal): Promise<RandomDraw> {
  assertMayOrganise(ctx.actor);
  const row = await loadFull(db, ctx, id);
  if (row.status !== "executed" || row.beaconValue === null) throw conflict("random_draws.not_executed");
  if (row.version !== input.version) throw staleVersion();
  const uscc = canonicalId(input.uscc);
  const certNo = canonicalId(input.certNo);
  const before = resultOf(row);
  const outcome = runOrRefuse(row, row.beaconValue, [...before.replacements, { uscc, out: certNo, in: "" }]);
  const result: DrawResult = {
    objects: outcome.objects.map((o) => ({ uscc: o.uscc, stratum: o.stratum, team: o.team })),
    replacements: outcome.replacements,
  };
  const replacement = outcome.replacements[outcome.replacements.length - 1];
  await withTx(db, async (tx) => {
    const updated = await updateVersioned(tx, randomDraws, { id, version: input.version, set: { result } });
    await writeAudit(tx, ctx, {
      action: "random_draw.recusal",
      entityType: "random_draw",
      entityId: id,
      regionCode: row.regionCode,
      before: { team: before.objects.find((o) => o.uscc === uscc)?.team ?? null, version: row.version },
      after: { team: result.objects.find((o) => o.uscc === uscc)?.team ?? null, version: updated.version },
      detail: { replacement },
    });
  });
  return getRandomDraw(db, ctx, id);
}

/**
 * The public record (R7, R8.8), no sign-in. An unannounced (四不两直) draw shows only its commitment until it is
 * executed and its reveal date has come: then the lists, recusals and result.
 */
export async function publicRandomDraw(db: Db, ctx: Ctx, id: string): Promise<PublicRandomDraw> {
  await hitRateLimit(db, `public-draw:${ctx.ip ?? "unknown"}`, publicRateLimit.limit, publicRateLimit.windowSeconds, ctx.now);
  const row = await repo.findDraw(db, id, sql`true`);
  if (!row) throw notFound(randomDrawEntity);
  const params = paramsOf(row);
  const executed = row.status === "executed";
  const revealed = !row.unannounced || (executed && (!params.revealOn || shanghaiDay(ctx.now) >= params.revealOn));
  // Counties only matter (and are only published) in cross-county mode.
  const county = (code: string | null) => (params.crossRegion ? code : null);
  const regions = await regionNames(db, [row.regionCode]);
  return {
    id: row.id,
    planCode: row.planCode,
    title: row.title,
    regionCode: row.regionCode,
    regionName: regions.get(row.regionCode) ?? null,
    status: row.status as PublicRandomDraw["status"],
    unannounced: row.unannounced,
    revealed,
    params,
    beaconSource: row.beaconSource,
    beaconId: row.beaconId,
    beaconValue: row.beaconValue,
    objectsDigest: row.objectsDigest,
    inspectorsDigest: row.inspectorsDigest,
    objectsCount: row.objects.length,
    inspectorsCount: row.inspectors.length,
    seedText: seedTextOf(row),
    seed: row.seed,
    objects: revealed
      ? row.objects.map((o) => ({ uscc: o.uscc, name: o.name, stratum: o.stratum, county: county(countyOf(o.regionCode)) }))
      : null,
    inspectors: revealed ? row.inspectors.map((i) => ({ certNo: i.certNo, name: i.name, county: county(i.countyCode) })) : null,
    // Officer and enterprise only: the ground (declared, rotation) is a reason and stays unpublished (R4, R7).
    recusals: revealed ? row.recusals.map((r) => ({ certNo: r.certNo, uscc: r.uscc })) : null,
    result: executed && revealed ? drawnView(resultOf(row), new Map(row.objects.map((o) => [o.uscc, o.name])), row.inspectors) : null,
    preparedAt: row.preparedAt.toISOString(),
    executedAt: row.executedAt?.toISOString() ?? null,
  };
}

/**
 * The public index (R7), no sign-in: executed draws whose record shows the result (announced ones; unannounced ones
 * from their reveal day), newest first, each linking to its re-runnable record. Rate-limited as the record is.
 */
export async function listPublicRandomDraws(db: Db, ctx: Ctx, q: PublicRandomDrawListQuery): Promise<Page<PublicRandomDrawListItem>> {
  await hitRateLimit(db, `public-draw:${ctx.ip ?? "unknown"}`, publicRateLimit.limit, publicRateLimit.windowSeconds, ctx.now);
  const { items, total } = await repo.listRevealedDraws(db, shanghaiDay(ctx.now), q);
  const regions = await regionNames(
    db,
    items.map((i) => i.regionCode),
  );
  return {
    items: items.map((i) => ({
      id: i.id,
      planCode: i.planCode,
      title: i.title,
      regionCode: i.regionCode,
      regionName: regions.get(i.regionCode) ?? null,
      unannounced: i.unannounced,
      executedOn: shanghaiDay(i.executedAt as Date),
      k: Object.values(paramsOf(i).strata).reduce((n, k) => n + k, 0),
      objectsCount: i.objectsCount,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * For the inspection statistics (issue 7 §7, "share of drawn enterprises inspected"): one row per enterprise drawn by
 * a draw executed in [from, to) whose enterprise lies in `region`'s subtree ("" = everywhere), optionally of one
 * department's draws. Scoped: a regulator asking outside its own region gets nothing.
 */
export async function drawnEnterprises(
  db: Db,
  ctx: Ctx,
  f: { region: string; from: Date; to: Date; departmentId?: string | null },
): Promise<{ drawId: string; enterpriseId: string; regionCode: string; executedAt: Date }[]> {
  const actor = ctx.actor;
  if (!actor || (actor.role !== "admin" && !(actor.regionCode && f.region.startsWith(actor.regionCode)))) return [];
  const found = await repo.drawnEnterprisesIn(db, f);
  return found.map((r) => ({ ...r, executedAt: new Date(r.executedAt) }));
}

/**
 * The Shanghai day from which the public record shows a draw's result (R7): its execution, and for an unannounced
 * (四不两直) draw not before its reveal date. Null while it is not executed.
 */
function resultPublicFrom(r: Pick<repo.DrawHead, "status" | "executedAt" | "unannounced" | "params">): CalendarDay | null {
  if (r.status !== "executed" || !r.executedAt) return null;
  const executed = shanghaiDay(r.executedAt);
  const revealOn = r.unannounced ? paramsOf(r).revealOn : null;
  return revealOn && revealOn > executed ? revealOn : executed;
}

/** What an inspection naming a draw is checked against (issue 7 §5; R8.7). */
export type DrawnObject = {
  drawId: string;
  status: RandomDraw["status"];
  /** Prepared as 四不两直 (R6, seed 004) or as a cross-county draw (seed 001). */
  unannounced: boolean;
  crossRegion: boolean;
  /** The enterprise's team as drawn, published replacements applied; null when the draw did not draw it. */
  team: { certNo: string; userId: string; name: string }[] | null;
};

/**
 * For the inspections module: a draw the caller may see (null otherwise, as for an unknown one) and, once it is
 * executed, the team drawn for the enterprise — or null when the enterprise is not among the drawn objects.
 */
export async function drawnObject(db: Db, ctx: Ctx, drawId: string, enterpriseId: string): Promise<DrawnObject | null> {
  const row = await repo.findDrawHead(db, drawId, drawScope(ctx.actor));
  if (!row) return null;
  const params = paramsOf(row);
  const entry = row.status === "executed" ? await repo.directoryEntry(db, drawId, enterpriseId) : undefined;
  const drawn = entry ? resultOf(row).objects.find((o) => o.uscc === entry.uscc) : undefined;
  const officers = new Map(row.inspectors.map((i) => [i.certNo, i]));
  return {
    drawId: row.id,
    status: row.status as DrawnObject["status"],
    unannounced: row.unannounced,
    crossRegion: params.crossRegion,
    team: drawn
      ? drawn.team.map((certNo) => ({ certNo, userId: officers.get(certNo)?.userId ?? "", name: officers.get(certNo)?.name ?? "" }))
      : null,
  };
}

/**
 * For the public results page (R7), no sign-in: a draw whose public record shows its result, with its drawn
 * objects in draw order (USCC, name as frozen in the directory, enterprise id to find their inspections). 404 for
 * an unknown draw, one not executed, and an unannounced one before its reveal date. Rate-limited as the record is.
 */
export async function publishedDraw(
  db: Db,
  ctx: Ctx,
  id: string,
): Promise<{ id: string; planCode: string; title: string; objects: { uscc: string; name: string; enterpriseId: string }[] }> {
  await hitRateLimit(db, `public-draw:${ctx.ip ?? "unknown"}`, publicRateLimit.limit, publicRateLimit.windowSeconds, ctx.now);
  const row = await repo.findDrawHead(db, id, sql`true`);
  const from = row ? resultPublicFrom(row) : null;
  if (!row || !from || shanghaiDay(ctx.now) < from) throw notFound(randomDrawEntity);
  const entries = new Map((await repo.drawnEntries(db, id)).map((e) => [e.uscc, e]));
  return {
    id: row.id,
    planCode: row.planCode,
    title: row.title,
    objects: resultOf(row).objects.flatMap((o) => entries.get(o.uscc) ?? []),
  };
}

/** For the statistics' "published on time" (R7): per visible executed draw, the day its record shows the result. */
export async function drawResultsPublicFrom(db: Db, ctx: Ctx, ids: string[]): Promise<Map<string, CalendarDay>> {
  const days = new Map<string, CalendarDay>();
  for (let n = 0; n < ids.length; n += 1000) {
    for (const row of await repo.findDrawHeads(db, ids.slice(n, n + 1000), drawScope(ctx.actor))) {
      const from = resultPublicFrom(row);
      if (from) days.set(row.id, from);
    }
  }
  return days;
}
