import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { Page } from "../../../domain/common/page.js";
import type { CaseEvent, CaseState, DecisionState } from "../../../domain/enforcement/case.js";
import type { Penalty } from "../../../domain/enforcement/procedure.js";
import {
  type CaseCreditCriterion,
  type CreditProposal,
  type CreditProposalQuery,
  creditProposalReason,
  fenToYuan,
  type PublicPenalty,
  type PublicPenaltyQuery,
  publishedPenalty,
} from "../../../domain/enforcement/publication.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Actor, type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { conflict, notFound } from "../../kernel/http/errors.js";
import { hitRateLimit } from "../../kernel/http/rate-limit.js";
import { departmentsByIds } from "../departments/departments.service.js";
import { enterpriseNames, getEnterprise } from "../enterprises/enterprises.service.js";
import { getInspection } from "../inspections/inspections.service.js";
import * as repo from "./enforcement.publication.repo.js";
import type { CaseRow } from "./enforcement.repo.js";
import { violationsOf } from "./enforcement.repo.js";
import { creditProposals } from "./enforcement.schema.js";
import { publicationEntity } from "./publication.messages.js";

const publicRateLimit = { limit: 120, windowSeconds: 60 };

const decisionOf = (s: CaseState, ref: number | undefined): DecisionState | undefined =>
  ref === undefined ? s.decisions.at(-1) : s.decisions.find((d) => d.index === ref);
const refOf = (e: CaseEvent) => ("decision" in e ? e.decision : undefined);

/**
 * What follows an appended event in its transaction (issue 8 §5), called by appendEvent after the event row:
 * `publication` fixes the portal record, `publication_withdrawn` withdraws it, a general-procedure
 * `decision_issued` proposes the enterprise for the 严重失信 list. The event's own audit row covers the case; the
 * rows written here get theirs.
 */
export async function afterCaseEvent(tx: Db, ctx: Ctx, a: { row: CaseRow; event: CaseEvent; seq: number; state: CaseState }) {
  const { event } = a;
  if (event.type === "publication") return publish(tx, ctx, a.row, decisionOf(a.state, refOf(event)), event.on);
  if (event.type === "publication_withdrawn") {
    return withdraw(tx, ctx, a.row, decisionOf(a.state, refOf(event)), { on: event.on, reason: event.reason });
  }
  if (event.type === "decision_issued") return proposeListing(tx, ctx, a.row, a.seq - 1, event.on);
}

/**
 * 公示 (enforcement.md R9, 安全生产法 Art. 78 ¶2): the decision as it stands, with natural persons' names masked.
 * A simple-procedure (简易程序) decision is published on the portal as well: Art. 78 and 行政处罚法 Art. 48 make
 * no exception; credit.md R8 keeps such decisions off the credit sites (信用中国), which this record does not feed.
 */
async function publish(tx: Db, ctx: Ctx, row: CaseRow, d: DecisionState | undefined, on: string) {
  if (!d?.penalty) return; // applyEvent refused these already
  // The facts the record needs, whatever the recording officer's own scope (the case is in it).
  const sys = systemContext(ctx, "penalty-publication");
  const [enterprise, violations, departments, decisionEvent, decisionNo, persons] = await Promise.all([
    getEnterprise(tx, sys, row.enterpriseId),
    violationsOf(tx, row.id),
    departmentsByIds(tx, [row.departmentId]),
    repo.eventPayload(tx, row.id, d.index + 1),
    repo.decisionDocumentNo(tx, row.id, d.index + 1),
    signerNames(tx, sys, row.inspectionId),
  ]);
  const decided = decisionEvent?.penalty as Penalty | undefined;
  const text = publishedPenalty({ penalty: d.penalty, partyName: decided?.partyName, enterprise, violations, persons });
  if (!text) throw conflict("enforcement.publication.party_name_missing");
  const published = await repo.insertPublication(tx, {
    caseId: row.id,
    decisionIndex: d.index,
    regionCode: row.regionCode,
    departmentId: row.departmentId,
    departmentName: departments[0]?.name ?? "",
    enterpriseId: row.enterpriseId,
    caseNo: row.caseNo,
    decisionNo,
    ...text,
    decidedOn: d.on,
    publishedOn: on,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await writeAudit(tx, ctx, {
    action: "case.publication",
    entityType: "penalty_publication",
    entityId: published.id,
    regionCode: row.regionCode,
    after: { caseId: row.id, decisionIndex: d.index, publishedOn: on, decisionNo, partyName: text.partyName },
  });
}

/** The names of who signed the case's inspection record (natural persons whose names may occur in the facts). */
async function signerNames(db: Db, ctx: Ctx, inspectionId: string | null): Promise<string[]> {
  if (!inspectionId) return [];
  const inspection = await getInspection(db, ctx, inspectionId);
  return inspection.signatures.map((s) => s.name);
}

/** Issue 8 §5: withdrawn with its reason, after a reconsideration or judgment changed or revoked the decision. */
async function withdraw(tx: Db, ctx: Ctx, row: CaseRow, d: DecisionState | undefined, w: { on: string; reason: string }) {
  if (!d) return;
  const updated = await repo.withdrawPublication(
    tx,
    { caseId: row.id, decisionIndex: d.index },
    { withdrawnOn: w.on, withdrawnReason: w.reason, updatedAt: ctx.now },
  );
  if (!updated) return; // nothing on the portal (published before this record existed): the event alone stands
  await writeAudit(tx, ctx, {
    action: "case.publication.withdrawn",
    entityType: "penalty_publication",
    entityId: updated.id,
    regionCode: row.regionCode,
    before: { withdrawnOn: null },
    after: { withdrawnOn: w.on, withdrawnReason: w.reason },
  });
}

/**
 * credit.md R2–R5: a general-procedure penalty decision on a case whose violations meet C6 or C7 proposes the
 * enterprise for the 严重失信 list — one proposal per criterion and case; a person decides, nothing is listed here.
 */
async function proposeListing(tx: Db, ctx: Ctx, row: CaseRow, decisionIndex: number, on: string) {
  const already = new Set(await repo.proposedCriteria(tx, row.id));
  const criteria = (await repo.caseCreditCriteria(tx, row.id)).filter((c) => !already.has(c)) as CaseCreditCriterion[];
  const created = await repo.insertCreditProposals(
    tx,
    criteria.map((criterion) => ({
      caseId: row.id,
      decisionIndex,
      criterion,
      enterpriseId: row.enterpriseId,
      regionCode: row.regionCode,
      departmentId: row.departmentId,
      departmentRegion: row.departmentRegion,
      status: "proposed",
      reason: creditProposalReason(criterion, { caseNo: row.caseNo, on }),
      createdAt: ctx.now,
    })),
  );
  for (const p of created) {
    await writeAudit(tx, ctx, {
      action: "case.credit_proposal",
      entityType: "credit_proposal",
      entityId: p.id,
      regionCode: row.regionCode,
      after: { caseId: row.id, decisionIndex, criterion: p.criterion, status: p.status },
    });
  }
}

// ── the public portal ─────────────────────────────────────────────────────────────────────────────────────────

function presentPublic(r: repo.PublicationRow): PublicPenalty {
  return {
    id: r.id,
    partyName: r.partyName,
    uscc: r.uscc,
    violation: r.violation,
    basis: r.basis,
    penalty: r.penalty,
    fine: fenToYuan(r.fineFen),
    departmentName: r.departmentName,
    decidedOn: r.decidedOn,
    publishedOn: r.publishedOn,
    decisionNo: r.decisionNo,
  };
}

/** Published, not withdrawn decisions, newest publication first (no sign-in; rate-limited per address). */
export async function listPublicPenalties(db: Db, ctx: Ctx, q: PublicPenaltyQuery): Promise<Page<PublicPenalty>> {
  await hitRateLimit(db, `public-penalties:${ctx.ip ?? "unknown"}`, publicRateLimit.limit, publicRateLimit.windowSeconds, ctx.now);
  const { items, total } = await repo.listPublished(db, q, q);
  return { items: items.map(presentPublic), total, page: q.page, pageSize: q.pageSize };
}

export async function getPublicPenalty(db: Db, ctx: Ctx, id: string): Promise<PublicPenalty> {
  await hitRateLimit(db, `public-penalties:${ctx.ip ?? "unknown"}`, publicRateLimit.limit, publicRateLimit.windowSeconds, ctx.now);
  const row = await repo.findPublished(db, id);
  if (!row) throw notFound(publicationEntity);
  return presentPublic(row);
}

// ── 严重失信 proposals ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Proposals the actor sees, scoped as cases are (enforcement.policy.ts caseScope): an administrator all; a regulator
 * those whose enterprise and department both lie in its region's subtree; anyone else none.
 */
export function creditProposalScope(actor: Actor | null): SQL {
  if (!actor) return sql`false`;
  if (actor.role === "admin") return sql`true`;
  if ((actor.role === "regulator_leader" || actor.role === "regulator_inspector") && actor.regionCode) {
    const prefix = `${likeEscape(actor.regionCode)}%`;
    return sql`(${creditProposals.regionCode} like ${prefix} and ${creditProposals.departmentRegion} like ${prefix})`;
  }
  return sql`false`;
}

export async function listCreditProposals(db: Db, ctx: Ctx, q: CreditProposalQuery): Promise<Page<CreditProposal>> {
  const { items, total } = await repo.listCreditProposals(db, creditProposalScope(ctx.actor), q, q);
  const names = await enterpriseNames(
    db,
    ctx,
    items.map((p) => p.enterpriseId),
  );
  return {
    items: items.map((p) => ({
      ...p,
      enterpriseName: names.get(p.enterpriseId) ?? "",
      criterion: p.criterion as CreditProposal["criterion"],
      status: p.status as CreditProposal["status"],
      createdAt: p.createdAt.toISOString(),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
