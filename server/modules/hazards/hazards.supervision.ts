import { randomUUID } from "node:crypto";
import { roleHas } from "../../../domain/access/permissions.js";
import { shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import type { HazardDetail } from "../../../domain/hazards/hazard.dto.js";
import { openHazardStates } from "../../../domain/hazards/hazard.js";
import type {
  SupervisionBoardItem,
  SupervisionBoardQuery,
  SupervisionCompletionInput,
  SupervisionDelistInput,
  SupervisionListInput,
  SupervisionResumptionDecisionInput,
  SupervisionResumptionInput,
} from "../../../domain/hazards/supervision.dto.js";
import {
  actsForListing,
  daysLeft,
  defaultListingLevel,
  defaultUnitName,
  listableLevels,
  resumptionReviewDue,
  type SupervisionLevel,
  type SupervisionStatus,
  supersedesListing,
  supervisionMachine,
  unitRegionOf,
} from "../../../domain/hazards/supervision.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Actor, type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { conflict, fieldError, forbidden, notFound } from "../../kernel/http/errors.js";
import { applyTransition, defineMachine, updateVersioned } from "../../kernel/workflow/state-machine.js";
import { enterpriseNames } from "../enterprises/enterprises.service.js";
import { findRegion } from "../regions/regions.service.js";
import { hazardRuleSettings } from "./hazards.escalation.js";
import { hazardEntity } from "./hazards.messages.js";
import { assertMayRectify, hazardScope } from "./hazards.policy.js";
import * as repo from "./hazards.repo.js";
import { hazardSupervisions } from "./hazards.schema.js";
import { decideHazardInTx, getHazard } from "./hazards.service.js";
import * as supRepo from "./hazards.supervision.repo.js";
import "./supervision.messages.js";

// 挂牌督办 listed supervision (R8–R10; 16号令 Art. 16, 18, 23): list → completion report → (resumption application
// and decision when production was suspended) → 摘牌 delist with the hazard accepted, or reject back to listed.
// Each step is version-guarded on the listing, on the hazard's timeline and audited, in one transaction.

const machine = defineMachine(supervisionMachine);
const today = (ctx: Ctx) => shanghaiDay(ctx.now);

async function loadHazard(db: Db, ctx: Ctx, id: string): Promise<repo.HazardRow> {
  const row = await repo.findHazard(db, id, hazardScope(ctx.actor));
  if (!row) throw notFound(hazardEntity);
  return row;
}

async function loadActive(db: Db, hazardId: string): Promise<supRepo.SupervisionRow> {
  const row = await supRepo.activeSupervisionOf(db, hazardId);
  if (!row) throw conflict("hazards.supervision.not_listed");
  return row;
}

function assertActsForListing(actor: Actor, sup: supRepo.SupervisionRow, hazard: repo.HazardRow): void {
  if (!actsForListing(actor, sup.level as SupervisionLevel, hazard.regionCode)) throw forbidden("hazards.supervision.level");
}

const auditable = (r: supRepo.SupervisionRow) => ({
  level: r.level,
  unitName: r.unitName,
  unitRegionCode: r.unitRegionCode,
  deadline: r.deadline,
  requirements: r.requirements,
  public: r.public,
  status: r.status,
  completionReport: r.completionReport,
  evaluation: r.evaluation,
  suspension: r.suspension,
  resumptionAppliedOn: r.resumptionAppliedOn,
  resumptionReviewDue: r.resumptionReviewDue,
  resumptionDecision: r.resumptionDecision,
  decisionNote: r.decisionNote,
  version: r.version,
});

/** The step on the hazard's timeline (the hazard's state does not move) and its audit row, in the caller's transaction. */
async function record(
  tx: Db,
  ctx: Ctx,
  hazard: repo.HazardRow,
  step: {
    action: "list" | "completion_report" | "resumption_apply" | "resumption_decide" | "delist" | "delist_reject";
    before: supRepo.SupervisionRow | null;
    after: supRepo.SupervisionRow;
    note: string | null;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  const actor = ctx.actor as Actor;
  await repo.insertEvent(tx, {
    hazardId: hazard.id,
    action: step.action,
    fromState: hazard.status,
    toState: hazard.status,
    actorId: actor.userId,
    actorName: actor.displayName,
    actorRole: actor.role,
    note: step.note,
    detail: { supervisionId: step.after.id, ...step.detail },
    at: ctx.now,
  });
  await writeAudit(tx, ctx, {
    action: `hazard.supervision.${step.action}`,
    entityType: "hazard",
    entityId: hazard.id,
    regionCode: hazard.regionCode,
    before: step.before ? auditable(step.before) : null,
    after: auditable(step.after),
    detail: { supervisionId: step.after.id, ...(step.note ? { note: step.note } : {}), ...step.detail },
  });
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * 挂牌督办 (R10): a county, city (or, for an administrator, province) regulator lists an open 重大 hazard in its
 * region at its own level, naming the supervising unit, the deadline and the requirements, and whether
 * production is suspended meanwhile (R8). Every 重大 hazard is listed at county level on confirmation (R12,
 * confirmMajorHazardInTx); a regulator's listing takes that automatic one over at its level or raises any
 * listing to a higher level, in place (one active listing per hazard); otherwise it is already listed (409).
 */
export async function listHazardForSupervision(db: Db, ctx: Ctx, hazardId: string, input: SupervisionListInput): Promise<HazardDetail> {
  const actor = ctx.actor as Actor;
  if (!roleHas(actor.role, "hazards.review")) throw forbidden("hazards.supervision.not_lister");
  const hazard = await loadHazard(db, ctx, hazardId);
  const levels = listableLevels(actor);
  if (levels.length === 0) throw forbidden("hazards.supervision.not_lister");
  const level = input.level ?? (defaultListingLevel(actor) as SupervisionLevel);
  if (!levels.includes(level)) throw forbidden("hazards.supervision.level_not_yours");
  if (hazard.level !== "major") throw conflict("hazards.supervision.major_only");
  if (!openHazardStates.includes(hazard.status as (typeof openHazardStates)[number])) throw conflict("hazards.supervision.hazard_closed");
  if (input.deadline <= today(ctx)) throw fieldError("deadline", "hazards.supervision.deadline_past");
  const current = await supRepo.activeSupervisionOf(db, hazardId);
  const automatic = !!current && supRepo.isAutomaticListing(current);
  if (current && !supersedesListing({ level: current.level as SupervisionLevel, automatic }, level)) {
    throw conflict("hazards.supervision.already_listed");
  }
  const unitRegionCode = unitRegionOf(hazard.regionCode, level);
  const unitName = input.unitName ?? defaultUnitName((await findRegion(db, unitRegionCode))?.name ?? unitRegionCode);
  const terms = {
    level,
    unitName,
    unitRegionCode,
    deadline: input.deadline,
    requirements: input.requirements,
    public: input.public,
    listedById: actor.userId,
    listedByName: actor.displayName,
    listedAt: ctx.now,
    suspension: input.suspension,
    updatedAt: ctx.now,
  };
  try {
    await withTx(db, async (tx) => {
      const row = current
        ? await supRepo.supersedeSupervision(tx, current, terms)
        : await supRepo.insertSupervision(tx, { ...terms, id: randomUUID(), hazardId, status: "listed", createdAt: ctx.now });
      // Raced by another listing (the one read above moved, or was made meanwhile): it stands.
      if (!row) throw conflict("hazards.supervision.already_listed");
      await supRepo.setHazardSupervision(tx, hazardId, level, input.deadline);
      await record(tx, ctx, hazard, {
        action: "list",
        before: current ?? null,
        after: row,
        note: input.requirements,
        detail: {
          level,
          unitName,
          deadline: input.deadline,
          suspension: input.suspension,
          ...(current ? { supersedes: { level: current.level, automatic } } : {}),
        },
      });
    });
  } catch (err) {
    // Two listings at once: the partial unique index keeps one active listing per hazard.
    if (isUniqueViolation(err)) throw conflict("hazards.supervision.already_listed");
    throw err;
  }
  return getHazard(db, ctx, hazardId);
}

/**
 * The enterprise reports completion once its rectification is submitted with after photos (the hazard awaits
 * acceptance), with the evaluation by its own technical staff and experts or by a qualified agency (R9).
 */
export async function reportSupervisionCompletion(
  db: Db,
  ctx: Ctx,
  hazardId: string,
  input: SupervisionCompletionInput,
): Promise<HazardDetail> {
  const hazard = await loadHazard(db, ctx, hazardId);
  assertMayRectify(ctx.actor as Actor, hazard);
  if (input.evaluation.by === "agency" && !input.evaluation.agencyName) {
    throw fieldError("evaluation.agencyName", "hazards.supervision.agency_required");
  }
  const sup = await loadActive(db, hazardId);
  if (hazard.status !== "awaiting_acceptance") throw conflict("hazards.supervision.not_submitted");
  const evaluation = {
    by: input.evaluation.by,
    agencyName: input.evaluation.by === "agency" ? (input.evaluation.agencyName ?? null) : null,
    conclusion: input.evaluation.conclusion,
  };
  await withTx(db, async (tx) => {
    const row = await applyTransition(tx, hazardSupervisions, machine, {
      id: sup.id,
      from: sup.status as SupervisionStatus,
      action: "report_completion",
      version: input.version,
      set: { completionReport: input.report, evaluation: JSON.stringify(evaluation), completionAt: ctx.now, updatedAt: ctx.now },
    });
    await record(tx, ctx, hazard, {
      action: "completion_report",
      before: sup,
      after: row,
      note: input.report,
      detail: { evaluatedBy: evaluation.by },
    });
  });
  return getHazard(db, ctx, hazardId);
}

/**
 * R9: when production was suspended, the enterprise files a written resumption application after reporting
 * completion; it is received today and the regulator's on-site review is due within 10 days (16号令 Art. 23).
 * A refused application may be filed again.
 */
export async function applyForResumption(db: Db, ctx: Ctx, hazardId: string, input: SupervisionResumptionInput): Promise<HazardDetail> {
  const hazard = await loadHazard(db, ctx, hazardId);
  assertMayRectify(ctx.actor as Actor, hazard);
  const sup = await loadActive(db, hazardId);
  if (sup.suspension === "none") throw conflict("hazards.supervision.no_suspension");
  if (sup.status !== "completion_reported") throw conflict("hazards.supervision.completion_first");
  if (sup.resumptionDecision === "approved") throw conflict("hazards.supervision.resumption_approved");
  if (sup.resumptionAppliedOn && !sup.resumptionDecision) throw conflict("hazards.supervision.resumption_pending");
  const receivedOn = today(ctx);
  // "10日内" ends on a rest day the deployment lists (HOLIDAYS) → the next working day (民法典 Art. 203); default none.
  const reviewDue = resumptionReviewDue(receivedOn, hazardRuleSettings().calendar);
  await withTx(db, async (tx) => {
    const row = await updateVersioned(tx, hazardSupervisions, {
      id: sup.id,
      version: input.version,
      set: {
        resumptionAppliedOn: receivedOn,
        resumptionReviewDue: reviewDue,
        resumptionDecision: null,
        decidedById: null,
        decidedByName: null,
        decidedAt: null,
        decisionNote: null,
        updatedAt: ctx.now,
      },
    });
    await record(tx, ctx, hazard, {
      action: "resumption_apply",
      before: sup,
      after: row,
      note: input.application,
      detail: { receivedOn, reviewDue },
    });
  });
  return getHazard(db, ctx, hazardId);
}

/** The listing level's regulator approves or refuses resumption after the on-site review (R9), with a note. */
export async function decideResumption(
  db: Db,
  ctx: Ctx,
  hazardId: string,
  input: SupervisionResumptionDecisionInput,
): Promise<HazardDetail> {
  const hazard = await loadHazard(db, ctx, hazardId);
  const sup = await loadActive(db, hazardId);
  assertActsForListing(ctx.actor as Actor, sup, hazard);
  if (!sup.resumptionAppliedOn || sup.resumptionDecision) throw conflict("hazards.supervision.no_application");
  const actor = ctx.actor as Actor;
  await withTx(db, async (tx) => {
    const row = await updateVersioned(tx, hazardSupervisions, {
      id: sup.id,
      version: input.version,
      set: {
        resumptionDecision: input.decision,
        decidedById: actor.userId,
        decidedByName: actor.displayName,
        decidedAt: ctx.now,
        decisionNote: input.note,
        updatedAt: ctx.now,
      },
    });
    await record(tx, ctx, hazard, {
      action: "resumption_decide",
      before: sup,
      after: row,
      note: input.note,
      detail: { decision: input.decision, reviewDue: sup.resumptionReviewDue },
    });
  });
  return getHazard(db, ctx, hazardId);
}

const clearedCompletion = {
  completionReport: null,
  evaluation: null,
  completionAt: null,
  resumptionAppliedOn: null,
  resumptionReviewDue: null,
  resumptionDecision: null,
  decidedById: null,
  decidedByName: null,
  decidedAt: null,
  decisionNote: null,
};

/**
 * 摘牌 (R10): a regulator at the listing's level or above, once completion is reported and — when production was
 * suspended — resumption approved, delists the hazard and accepts it (销号) in the same transaction. Or it
 * rejects: the listing goes back to `listed` and the hazard back to rectifying, with the reason. A voided
 * hazard's listing is simply lifted.
 */
export async function delistHazard(db: Db, ctx: Ctx, hazardId: string, input: SupervisionDelistInput): Promise<HazardDetail> {
  const hazard = await loadHazard(db, ctx, hazardId);
  const sup = await loadActive(db, hazardId);
  assertActsForListing(ctx.actor as Actor, sup, hazard);
  const from = sup.status as SupervisionStatus;
  if (input.decision === "reject") {
    if (hazard.status !== "awaiting_acceptance") throw conflict("hazards.supervision.hazard_not_awaiting");
    await withTx(db, async (tx) => {
      const row = await applyTransition(tx, hazardSupervisions, machine, {
        id: sup.id,
        from,
        action: "reject_completion",
        version: input.version,
        set: { ...clearedCompletion, updatedAt: ctx.now },
      });
      await record(tx, ctx, hazard, { action: "delist_reject", before: sup, after: row, note: input.reason });
      await decideHazardInTx(tx, ctx, hazard, { action: "reject", reason: input.reason });
    });
    return getHazard(db, ctx, hazardId);
  }
  const note = input.note ?? null;
  if (hazard.status === "voided") {
    await withTx(db, async (tx) => {
      const row = await applyTransition(tx, hazardSupervisions, machine, {
        id: sup.id,
        from,
        action: "lift",
        version: input.version,
        set: { updatedAt: ctx.now },
      });
      await supRepo.setHazardSupervision(tx, hazardId, null, null);
      await record(tx, ctx, hazard, { action: "delist", before: sup, after: row, note, detail: { hazardVoided: true } });
    });
    return getHazard(db, ctx, hazardId);
  }
  if (sup.status !== "completion_reported") throw conflict("hazards.supervision.completion_missing");
  // 16号令 Art. 23 (R9): production resumes, and the hazard is written off, only after the review passes.
  if (sup.suspension !== "none" && sup.resumptionDecision !== "approved") throw conflict("hazards.supervision.resumption_missing");
  if (hazard.status !== "awaiting_acceptance") throw conflict("hazards.supervision.hazard_not_awaiting");
  await withTx(db, async (tx) => {
    const row = await applyTransition(tx, hazardSupervisions, machine, {
      id: sup.id,
      from,
      action: "delist",
      version: input.version,
      set: { updatedAt: ctx.now },
    });
    await supRepo.setHazardSupervision(tx, hazardId, null, null);
    await record(tx, ctx, hazard, { action: "delist", before: sup, after: row, note });
    await decideHazardInTx(tx, ctx, hazard, { action: "accept", note });
  });
  return getHazard(db, ctx, hazardId);
}

/**
 * The 挂牌督办 board: active listings of hazards in the caller's scope (regulators their region's subtree,
 * enterprise users their own), soonest deadline first, with the days left (negative once past).
 */
export async function supervisionBoard(db: Db, ctx: Ctx, q: SupervisionBoardQuery): Promise<Page<SupervisionBoardItem>> {
  const { items, total } = await supRepo.boardOf(db, hazardScope(ctx.actor), q);
  const names = await enterpriseNames(
    db,
    systemContext(ctx, "hazards"),
    items.map((r) => r.enterpriseId),
  );
  const day = today(ctx);
  return {
    items: items.map((r) => ({
      ...supRepo.presentSupervision(r.s),
      description: r.description,
      enterpriseId: r.enterpriseId,
      enterpriseName: names.get(r.enterpriseId) ?? "",
      regionCode: r.regionCode,
      hazardState: r.hazardState as SupervisionBoardItem["hazardState"],
      daysLeft: daysLeft(r.s.deadline, day),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
