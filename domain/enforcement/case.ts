import { type CalendarDay, isCalendarDay, type WorkCalendarInput } from "../common/calendar.js";
import {
  decisionDue,
  decisionExtensionsLeft,
  extensionApplyWindow,
  extensionReplyDue,
  hearingNoticeLatest,
  hearingRequestEnd,
  lateSurcharge,
  paymentDue,
  publicationDue,
  reinspectionDue,
  remedyDeadlines,
  sealEnd,
  serviceDue,
  statementWindowEnd,
  suspensionLimit,
} from "./clocks.js";
import { type DailyFineResult, dailyFines } from "./daily-fines.js";
import { maximumReasonMissing } from "./outcomes.js";
import { fineTotalFen, hearingRight, heavierThanNotice, type Penalty, penaltyKinds, simpleProcedureAllowed } from "./procedure.js";
import { defaultEnforcementRules as defaults, type EnforcementRules } from "./rules.js";

/**
 * An enforcement case (issue 8 §1) is an append-only list of dated events; everything else — its state, its
 * clocks, what may come next — is derived from that list (enforcement.md R2: the state machine refuses
 * out-of-order documents). Two tracks run side by side: rectification (order → re-inspection, extension,
 * on-site measures, seal, suspension → resumption) and penalty rounds (filing → notice → statement / hearing →
 * legal review → decision → service, payment, publication, remedies). A second round is a separate penalty,
 * e.g. 按日连续处罚 (R4). Post-decision events name their decision by its index in the list (default: the latest).
 */
export const caseEventTypes = [
  "opened",
  "order_issued", // 责令限期整改指令书
  "onsite_measures", // 现场处理措施决定书 (安全生产法 Art. 65(3))
  "sealed", // 查封/扣押决定书 (行政强制法 Art. 25)
  "seal_extended",
  "seal_lifted",
  "extension_applied", // 延期申请 (‡ 15号令 Art. 17)
  "extension_decided",
  "reinspection_requested", // the party applies for re-inspection
  "reinspected_rectified", // 整改复查意见书: rectified
  "reinspected_not_rectified", // 整改复查意见书: not rectified
  "resumption_reviewed", // 复产 review of a suspension (R5, hazards.md R9)
  "resumed",
  "filed", // 立案审批表: opens a penalty round
  "penalty_notice", // 行政处罚告知书 (听证告知书 when the penalty carries the hearing right)
  "statement_received", // 陈述申辩
  "hearing_requested",
  "hearing_notice", // 听证会通知: time and place, ≥ 7 working days before
  "hearing_held",
  "legal_review", // 法制审核 (行政处罚法 Art. 58)
  "decision_extended", // ‡ 15号令 case-limit extension (only with that variant)
  "decision_issued", // 行政处罚决定书, general procedure
  "simple_decision", // 当场处罚决定书, simple procedure (R3)
  "served", // 送达
  "paid",
  "reconsideration_filed",
  "reconsideration_decided",
  "litigation_filed",
  "litigation_decided",
  "publication", // 公示 (R9)
  "publication_withdrawn",
  "closure_proposed", // 提请关闭 (Art. 113, R6; 四个一律 (a))
  "criminal_referral", // 移送司法机关 (四个一律 (d))
  "closed",
] as const;
export type CaseEventType = (typeof caseEventTypes)[number];

/**
 * The party's own acts: 陈述申辩, 听证申请 (行政处罚法 Art. 64), 复查申请, 延期申请 (‡ 15号令 Art. 17) and paying the
 * fine. The enterprise's administrator may submit them from its own account (`by: "party"`), or an officer records
 * them on its behalf; every other type is the department's alone.
 */
export const partyEventTypes = [
  "statement_received",
  "hearing_requested",
  "reinspection_requested",
  "extension_applied",
  "paid",
] as const satisfies readonly CaseEventType[];
export type PartyEventType = (typeof partyEventTypes)[number];
export const isPartyEventType = (type: CaseEventType): type is PartyEventType => (partyEventTypes as readonly string[]).includes(type);

export const caseSources = ["inspection", "tipoff", "accident", "other"] as const;
export type CaseSource = (typeof caseSources)[number];

/** 安全生产法 Art. 65(3) on-site measures. */
export const onsiteMeasureKinds = ["withdraw_workers", "suspend_production", "stop_equipment", "stop_use", "other"] as const;
export type OnsiteMeasureKind = (typeof onsiteMeasureKinds)[number];

export const remedyOutcomes = ["upheld", "changed", "revoked"] as const;
export type RemedyOutcome = (typeof remedyOutcomes)[number];

/**
 * How a case ends: `completed` (every order met, every decision carried out, nothing pending), `no_violation`
 * (撤销立案: no decision was made), `transferred` (移送 to another authority) or `closure` (the unit is closed).
 */
export const closeReasons = ["completed", "no_violation", "transferred", "closure"] as const;
export type CloseReason = (typeof closeReasons)[number];

type On = {
  on: CalendarDay;
  /** Submitted by the party itself (only its own acts, partyEventTypes); absent: recorded by the department. */
  by?: "party";
};
type DecisionRef = { decision?: number };
export type CaseEvent = On &
  (
    | {
        type: "opened";
        source: CaseSource;
        /** R7: tagged 非法违法生产 — the 四个一律 checklist applies and a fine below the maximum needs a reason. */
        illegalProduction?: boolean;
        /** 行政处罚法 Art. 58(1)(3): major public interest or a complex case — legal review before any decision. */
        legalReviewRequired?: boolean;
        /** R4 condition 1: the violation is one of the Work Safety Law (default true). */
        violatesWorkSafetyLaw?: boolean;
      }
    | { type: "order_issued"; deadline: CalendarDay }
    | { type: "onsite_measures"; measures: readonly OnsiteMeasureKind[]; suspensionUntil?: CalendarDay }
    | { type: "sealed" | "seal_extended" | "seal_lifted" }
    | { type: "extension_applied" }
    | { type: "extension_decided"; granted: boolean; newDeadline?: CalendarDay }
    | { type: "reinspection_requested" | "reinspected_rectified" | "reinspected_not_rectified" }
    | { type: "resumption_reviewed"; accepted: boolean }
    | { type: "resumed" }
    | { type: "filed" }
    | { type: "penalty_notice"; penalty: Penalty; dailyFine?: boolean }
    | { type: "statement_received" | "hearing_requested" }
    | { type: "hearing_notice"; hearingOn: CalendarDay }
    | { type: "hearing_held"; partyAbsent?: boolean }
    | { type: "legal_review"; passed: boolean }
    | { type: "decision_extended" }
    | { type: "decision_issued"; penalty: Penalty }
    | { type: "simple_decision"; penalty: Penalty; factsEstablished: boolean; legalBasis: boolean }
    | ({ type: "served" | "publication" | "reconsideration_filed" | "litigation_filed" } & DecisionRef)
    | ({ type: "paid"; amountFen: number } & DecisionRef)
    | ({ type: "reconsideration_decided" | "litigation_decided"; outcome: RemedyOutcome; penalty?: Penalty } & DecisionRef)
    | ({ type: "publication_withdrawn"; reason: string } & DecisionRef)
    | { type: "closure_proposed" | "criminal_referral" }
    | { type: "closed"; reason: CloseReason }
  );

/** Why an event is refused. `code` is registered zh-CN/en by the server (`enforcement.case.<code>`). */
export type Refusal = { type: CaseEventType; code: string; params?: Record<string, string | number> };

export type RemedyState = { filedOn: CalendarDay; outcome: RemedyOutcome | null; decidedOn: CalendarDay | null } | null;

export type DecisionState = {
  index: number;
  on: CalendarDay;
  procedure: "general" | "simple";
  dailyFine: boolean;
  /** As decided, then as changed by a reconsideration or judgment; null once revoked. */
  penalty: Penalty | null;
  fineFen: number;
  servedOn: CalendarDay | null;
  serviceDue: CalendarDay;
  /** Counted from receipt (service; a simple-procedure decision is handed over on the spot). */
  paymentDue: CalendarDay | null;
  paidFen: number;
  lastPaidOn: CalendarDay | null;
  /** Fine + late surcharge as of the last payment (or fine alone before any). */
  owedFen: number;
  settled: boolean;
  publishedOn: CalendarDay | null;
  publicationDue: CalendarDay;
  withdrawn: { on: CalendarDay; reason: string } | null;
  reconsideration: RemedyState;
  litigation: RemedyState;
  remedyDeadlines: { reconsideration: CalendarDay; lawsuit: CalendarDay } | null;
};

export type RoundState = {
  filedOn: CalendarDay;
  decisionExtensions: number;
  decisionDue: CalendarDay;
  notice: { index: number; on: CalendarDay; penalty: Penalty; dailyFine: boolean; hearingRight: boolean } | null;
  statementWindowEnd: CalendarDay | null;
  hearingRequestEnd: CalendarDay | null;
  statements: CalendarDay[];
  hearing: { requestedOn: CalendarDay; noticeOn: CalendarDay | null; hearingOn: CalendarDay | null; heldOn: CalendarDay | null } | null;
  legalReview: { on: CalendarDay; passed: boolean } | null;
  decision: number | null;
};

export type OrderState = {
  index: number;
  issuedOn: CalendarDay;
  deadline: CalendarDay;
  status: "open" | "rectified" | "not_rectified";
  reinspectionRequestedOn: CalendarDay | null;
  reinspectionDue: CalendarDay;
  reinspectedOn: CalendarDay | null;
  extension: { appliedOn: CalendarDay; replyDue: CalendarDay } | null;
};

export const casePhases = [
  "open",
  "rectifying",
  "not_rectified",
  "rectified",
  "filed",
  "notified",
  "hearing",
  "decided",
  "executed",
  "closed",
] as const;
export type CasePhase = (typeof casePhases)[number];

export type CaseState = {
  phase: CasePhase;
  opened: {
    on: CalendarDay;
    source: CaseSource;
    illegalProduction: boolean;
    legalReviewRequired: boolean;
    violatesWorkSafetyLaw: boolean;
  } | null;
  lastOn: CalendarDay | null;
  /** Every order, oldest first; the last one is the current. */
  orders: OrderState[];
  reinspections: { on: CalendarDay; rectified: boolean }[];
  suspension: { since: CalendarDay; until: CalendarDay | null; review: { on: CalendarDay; accepted: boolean } | null } | null;
  suspensionsEnded: number;
  seal: { since: CalendarDay; extended: boolean; ends: CalendarDay } | null;
  rounds: RoundState[];
  decisions: DecisionState[];
  closureProposedOn: CalendarDay | null;
  criminalReferralOn: CalendarDay | null;
  closed: { on: CalendarDay; reason: CloseReason } | null;
};

type Ctx = { rules: EnforcementRules; cal: WorkCalendarInput };

const emptyState = (): CaseState => ({
  phase: "open",
  opened: null,
  lastOn: null,
  orders: [],
  reinspections: [],
  suspension: null,
  suspensionsEnded: 0,
  seal: null,
  rounds: [],
  decisions: [],
  closureProposedOn: null,
  criminalReferralOn: null,
  closed: null,
});

/** The current state derived from the events (assumed valid: built by applyEvent). */
export function caseState(events: readonly CaseEvent[], rules: EnforcementRules = defaults, cal: WorkCalendarInput = {}): CaseState {
  const s = emptyState();
  for (const [i, e] of events.entries()) reduce(s, e, i, { rules, cal });
  s.phase = phaseOf(s);
  return s;
}

const currentOrder = (s: CaseState) => s.orders.at(-1) ?? null;
const openOrder = (s: CaseState) => (currentOrder(s)?.status === "open" ? currentOrder(s) : null);
/**
 * The current order while it is not met: open, or found not rectified and not since verified. A later
 * re-inspection of a not-rectified order may still verify rectification (issue 8 §4: daily fines stop there, the
 * suspension's review follows it) or find refusal again.
 */
const unmetOrder = (s: CaseState) => {
  const o = currentOrder(s);
  return o && o.status !== "rectified" ? o : null;
};
/** Issue 8 §4: the hazards linked to a case cannot be signed off while this holds. */
export const orderUnmet = (s: CaseState) => !s.closed && unmetOrder(s) !== null;
const currentRound = (s: CaseState) => s.rounds.at(-1) ?? null;
/** The round still waiting for its decision, if any. */
const openRound = (s: CaseState) => {
  const r = currentRound(s);
  return r && r.decision === null ? r : null;
};
const decisionOf = (s: CaseState, ref: number | undefined) =>
  ref === undefined ? (s.decisions.at(-1) ?? null) : (s.decisions.find((d) => d.index === ref) ?? null);

function newDecision(
  s: CaseState,
  index: number,
  on: CalendarDay,
  penalty: Penalty,
  procedure: "general" | "simple",
  dailyFine: boolean,
  ctx: Ctx,
) {
  const d: DecisionState = {
    index,
    on,
    procedure,
    dailyFine,
    penalty,
    fineFen: fineTotalFen(penalty),
    servedOn: null,
    serviceDue: serviceDue(on, ctx.rules, ctx.cal),
    paymentDue: null,
    paidFen: 0,
    lastPaidOn: null,
    owedFen: fineTotalFen(penalty),
    settled: fineTotalFen(penalty) === 0,
    publishedOn: null,
    publicationDue: publicationDue(on, ctx.rules, ctx.cal),
    withdrawn: null,
    reconsideration: null,
    litigation: null,
    remedyDeadlines: null,
  };
  if (procedure === "simple") serve(d, on, ctx); // R3: handed over on the spot
  // R5: a decision to suspend (责令停产停业整顿) starts a suspension that ends only after an accepted review.
  if (penalty.items.some((i) => i.kind === "suspension") && !s.suspension) s.suspension = { since: on, until: null, review: null };
  s.decisions.push(d);
  return d;
}

function serve(d: DecisionState, on: CalendarDay, ctx: Ctx) {
  d.servedOn = on;
  d.paymentDue = d.fineFen > 0 ? paymentDue(on, ctx.rules, ctx.cal) : null;
  d.remedyDeadlines = remedyDeadlines(on, ctx.rules, ctx.cal);
}

/** R2 payment: fine + 3 %/day late surcharge (capped at the fine) as of the last payment; paid before service counts from the decision. */
function recomputeOwed(d: DecisionState, ctx: Ctx) {
  const due = d.paymentDue ?? (d.fineFen > 0 ? paymentDue(d.on, ctx.rules, ctx.cal) : null);
  const surcharge = due && d.lastPaidOn ? lateSurcharge({ fineFen: d.fineFen, due, paidOn: d.lastPaidOn }, ctx.rules).surchargeFen : 0;
  d.owedFen = d.fineFen + surcharge;
  d.settled = d.penalty === null || d.paidFen >= d.owedFen;
}

function reduce(s: CaseState, e: CaseEvent, index: number, ctx: Ctx): void {
  s.lastOn = e.on;
  const { rules, cal } = ctx;
  switch (e.type) {
    case "opened":
      s.opened = {
        on: e.on,
        source: e.source,
        illegalProduction: !!e.illegalProduction,
        legalReviewRequired: !!e.legalReviewRequired,
        violatesWorkSafetyLaw: e.violatesWorkSafetyLaw !== false,
      };
      return;
    case "order_issued":
      s.orders.push({
        index,
        issuedOn: e.on,
        deadline: e.deadline,
        status: "open",
        reinspectionRequestedOn: null,
        reinspectionDue: reinspectionDue({ deadline: e.deadline }, rules, cal),
        reinspectedOn: null,
        extension: null,
      });
      return;
    case "onsite_measures":
      if (e.suspensionUntil && !s.suspension) s.suspension = { since: e.on, until: e.suspensionUntil, review: null };
      return;
    case "sealed":
      s.seal = { since: e.on, extended: false, ends: sealEnd(e.on, false, rules) };
      return;
    case "seal_extended":
      if (s.seal) s.seal = { ...s.seal, extended: true, ends: sealEnd(s.seal.since, true, rules) };
      return;
    case "seal_lifted":
      s.seal = null;
      return;
    case "extension_applied": {
      const o = openOrder(s);
      if (o) o.extension = { appliedOn: e.on, replyDue: extensionReplyDue(e.on, rules, cal) };
      return;
    }
    case "extension_decided": {
      const o = openOrder(s);
      if (!o) return;
      o.extension = null;
      if (e.granted && e.newDeadline) {
        o.deadline = e.newDeadline;
        o.reinspectionDue = reinspectionDue({ deadline: o.deadline, appliedOn: o.reinspectionRequestedOn }, rules, cal);
      }
      return;
    }
    case "reinspection_requested": {
      const o = unmetOrder(s);
      if (!o) return;
      o.reinspectionRequestedOn = e.on;
      // After a finding of non-rectification the deadline has long expired: the new application alone counts.
      const deadline = o.status === "not_rectified" ? e.on : o.deadline;
      o.reinspectionDue = reinspectionDue({ deadline, appliedOn: e.on }, rules, cal);
      return;
    }
    case "reinspected_rectified":
    case "reinspected_not_rectified": {
      const o = unmetOrder(s);
      const rectified = e.type === "reinspected_rectified";
      // A new application may follow a re-inspection that found the order still unmet.
      if (o) Object.assign(o, { status: rectified ? "rectified" : "not_rectified", reinspectedOn: e.on, reinspectionRequestedOn: null });
      s.reinspections.push({ on: e.on, rectified });
      return;
    }
    case "resumption_reviewed":
      if (s.suspension) s.suspension.review = { on: e.on, accepted: e.accepted };
      return;
    case "resumed":
      s.suspension = null;
      s.suspensionsEnded++;
      return;
    case "filed":
      s.rounds.push({
        filedOn: e.on,
        decisionExtensions: 0,
        decisionDue: decisionDue(e.on, 0, rules, cal),
        notice: null,
        statementWindowEnd: null,
        hearingRequestEnd: null,
        statements: [],
        hearing: null,
        legalReview: null,
        decision: null,
      });
      return;
    case "penalty_notice": {
      const r = openRound(s);
      if (!r) return;
      const right = hearingRight(e.penalty, rules);
      r.notice = { index, on: e.on, penalty: e.penalty, dailyFine: !!e.dailyFine, hearingRight: right };
      r.statementWindowEnd = statementWindowEnd(e.on, rules, cal);
      r.hearingRequestEnd = right ? hearingRequestEnd(e.on, rules, cal) : null;
      return;
    }
    case "statement_received":
      openRound(s)?.statements.push(e.on);
      return;
    case "hearing_requested": {
      const r = openRound(s);
      if (r) r.hearing = { requestedOn: e.on, noticeOn: null, hearingOn: null, heldOn: null };
      return;
    }
    case "hearing_notice": {
      const h = openRound(s)?.hearing;
      if (h) Object.assign(h, { noticeOn: e.on, hearingOn: e.hearingOn });
      return;
    }
    case "hearing_held": {
      const h = openRound(s)?.hearing;
      if (h) h.heldOn = e.on;
      return;
    }
    case "legal_review": {
      const r = openRound(s);
      if (r) r.legalReview = { on: e.on, passed: e.passed };
      return;
    }
    case "decision_extended": {
      const r = openRound(s);
      if (!r) return;
      r.decisionExtensions++;
      r.decisionDue = decisionDue(r.filedOn, r.decisionExtensions, rules, cal);
      return;
    }
    case "decision_issued": {
      const r = openRound(s);
      if (!r) return;
      r.decision = index;
      newDecision(s, index, e.on, e.penalty, "general", !!r.notice?.dailyFine, ctx);
      return;
    }
    case "simple_decision":
      newDecision(s, index, e.on, e.penalty, "simple", false, ctx);
      return;
    case "served": {
      const d = decisionOf(s, e.decision);
      if (d) serve(d, e.on, ctx);
      return;
    }
    case "paid": {
      const d = decisionOf(s, e.decision);
      if (!d) return;
      d.paidFen += e.amountFen;
      d.lastPaidOn = e.on;
      recomputeOwed(d, ctx);
      return;
    }
    case "reconsideration_filed":
    case "litigation_filed": {
      const d = decisionOf(s, e.decision);
      const remedy: RemedyState = { filedOn: e.on, outcome: null, decidedOn: null };
      if (d && e.type === "reconsideration_filed") d.reconsideration = remedy;
      else if (d) d.litigation = remedy;
      return;
    }
    case "reconsideration_decided":
    case "litigation_decided": {
      const d = decisionOf(s, e.decision);
      if (!d) return;
      const remedy = e.type === "reconsideration_decided" ? d.reconsideration : d.litigation;
      if (remedy) Object.assign(remedy, { outcome: e.outcome, decidedOn: e.on });
      if (e.outcome === "revoked") d.penalty = null;
      if (e.outcome === "changed" && e.penalty) {
        d.penalty = e.penalty;
        d.fineFen = fineTotalFen(e.penalty);
      }
      recomputeOwed(d, ctx);
      return;
    }
    case "publication": {
      const d = decisionOf(s, e.decision);
      if (d) d.publishedOn = e.on;
      return;
    }
    case "publication_withdrawn": {
      const d = decisionOf(s, e.decision);
      if (d) d.withdrawn = { on: e.on, reason: e.reason };
      return;
    }
    case "closure_proposed":
      s.closureProposedOn = e.on;
      return;
    case "criminal_referral":
      s.criminalReferralOn = e.on;
      return;
    case "closed":
      s.closed = { on: e.on, reason: e.reason };
      return;
  }
}

function phaseOf(s: CaseState): CasePhase {
  if (s.closed) return "closed";
  const r = openRound(s);
  if (r?.hearing && !r.hearing.heldOn) return "hearing";
  if (r?.notice) return "notified";
  if (r) return "filed";
  if (s.decisions.some((d) => !d.settled)) return "decided";
  const o = currentOrder(s);
  if (o?.status === "open") return "rectifying";
  if (s.decisions.length > 0) return "executed";
  if (o?.status === "not_rectified") return "not_rectified";
  if (o?.status === "rectified") return "rectified";
  return "open";
}

/** The R4 facts of a case: its first order to correct, its first (non-daily) fine still standing, its re-inspections. */
export function dailyFineFactsOf(s: CaseState) {
  const fine = s.decisions.find((d) => !d.dailyFine && d.penalty !== null && d.fineFen > 0);
  return {
    violatesWorkSafetyLaw: s.opened?.violatesWorkSafetyLaw ?? false,
    orderedOn: s.orders[0]?.issuedOn ?? null,
    fine: fine ? { amountFen: fine.fineFen, decidedOn: fine.on } : null,
    reinspections: s.reinspections,
  };
}

export function caseDailyFines(s: CaseState, today: CalendarDay, rules: EnforcementRules = defaults): DailyFineResult {
  return dailyFines(dailyFineFactsOf(s), today, rules);
}

// ── Preconditions ──────────────────────────────────────────────────────────────────────────────────────────────

/** Types still allowed once a case is closed: the remedies run on, and publication follows them. */
const afterClosing: readonly CaseEventType[] = [
  "reconsideration_filed",
  "reconsideration_decided",
  "litigation_filed",
  "litigation_decided",
  "publication",
  "publication_withdrawn",
];

type Check = (s: CaseState, on: CalendarDay, ctx: Ctx, e?: CaseEvent) => string | [string, Record<string, string | number>] | null;

/** What must already be true for each type on day `on` (payload-independent), in the order checked. */
const preconditions: Record<CaseEventType, Check> = {
  opened: (s) => (s.opened ? "already_opened" : null),
  order_issued: (s) => (openOrder(s) ? "order_open" : null),
  onsite_measures: () => null,
  sealed: (s) => (s.seal ? "seal_active" : null),
  seal_extended: (s, on) => {
    if (!s.seal) return "no_seal";
    if (s.seal.extended) return "seal_already_extended";
    return on > s.seal.ends ? ["seal_expired", { ends: s.seal.ends }] : null;
  },
  seal_lifted: (s) => (s.seal ? null : "no_seal"),
  extension_applied: (s, on, ctx) => {
    const o = openOrder(s);
    if (!o) return "no_open_order";
    if (o.extension) return "extension_pending";
    const w = extensionApplyWindow(o.deadline, ctx.rules);
    return on < w.from || on > w.to ? ["outside_extension_window", { from: w.from, to: w.to }] : null;
  },
  extension_decided: (s) => (openOrder(s)?.extension ? null : "no_extension_pending"),
  reinspection_requested: (s) => {
    const o = unmetOrder(s);
    if (!o) return "no_open_order";
    return o.reinspectionRequestedOn ? "reinspection_already_requested" : null;
  },
  reinspected_rectified: (s) => (unmetOrder(s) ? null : "no_open_order"),
  // Non-correction can only be found once the deadline has passed (a granted extension moves it).
  reinspected_not_rectified: (s, on) => {
    const o = unmetOrder(s);
    if (!o) return "no_open_order";
    return on <= o.deadline ? ["deadline_not_expired", { deadline: o.deadline }] : null;
  },
  resumption_reviewed: (s) => (s.suspension ? null : "no_suspension"),
  // R5 / hazards.md R9: production resumes only after a review accepted it.
  resumed: (s) => {
    if (!s.suspension) return "no_suspension";
    return s.suspension.review?.accepted ? null : "resumption_not_accepted";
  },
  filed: (s) => (openRound(s) ? "round_open" : null),
  penalty_notice: (s) => {
    const r = openRound(s);
    if (!r) return "not_filed";
    return r.notice ? "notice_already_issued" : null;
  },
  statement_received: (s) => (openRound(s)?.notice ? null : "no_notice"),
  // 行政处罚法 Art. 64(1): the request within 5 working days; a late one is refused (the right has lapsed).
  hearing_requested: (s, on) => {
    const r = openRound(s);
    if (!r?.notice) return "no_notice";
    if (!r.notice.hearingRight || !r.hearingRequestEnd) return "no_hearing_right";
    if (r.hearing) return "hearing_already_requested";
    return on > r.hearingRequestEnd ? ["hearing_request_late", { end: r.hearingRequestEnd }] : null;
  },
  hearing_notice: (s) => {
    const h = openRound(s)?.hearing;
    if (!h) return "no_hearing_request";
    return h.heldOn ? "hearing_already_held" : null;
  },
  hearing_held: (s, on) => {
    const h = openRound(s)?.hearing;
    if (!h?.hearingOn) return "no_hearing_notice";
    if (h.heldOn) return "hearing_already_held";
    return on !== h.hearingOn ? ["hearing_not_on_notified_day", { hearingOn: h.hearingOn }] : null;
  },
  legal_review: (s) => (openRound(s)?.notice ? null : "no_notice"),
  decision_extended: (s, on, ctx) => {
    const r = openRound(s);
    if (!r) return "not_filed";
    if (decisionExtensionsLeft(r.decisionExtensions, ctx.rules) === 0) return "no_extensions_left";
    return on > r.decisionDue ? ["decision_limit_passed", { due: r.decisionDue }] : null;
  },
  // 行政处罚法 Art. 44–45, 62–65, 58: notice first, then the statement (and hearing-request) window must have run
  // out, a requested hearing must have been held, and a required legal review must have passed.
  decision_issued: (s, on) => {
    const r = openRound(s);
    if (!r) return "not_filed";
    if (!r.notice || !r.statementWindowEnd) return "no_notice";
    if (on <= r.statementWindowEnd) return ["defence_period_running", { end: r.statementWindowEnd }];
    if (r.hearingRequestEnd && !r.hearing && on <= r.hearingRequestEnd)
      return ["hearing_request_period_running", { end: r.hearingRequestEnd }];
    if (r.hearing && !r.hearing.heldOn) return "hearing_pending";
    const reviewNeeded = !!r.hearing?.heldOn || !!s.opened?.legalReviewRequired;
    if (reviewNeeded && !r.legalReview?.passed) return "legal_review_missing";
    return null;
  },
  simple_decision: (s) => (openRound(s) ? "round_open" : null),
  served: (s, _on, _ctx, e) => {
    const d = decisionOf(s, refOf(e));
    if (!d) return "no_decision";
    return d.servedOn ? "already_served" : null;
  },
  paid: (s, _on, _ctx, e) => {
    const d = decisionOf(s, refOf(e));
    if (!d) return "no_decision";
    if (!d.penalty || d.fineFen === 0) return "no_fine";
    return d.settled ? "already_paid" : null;
  },
  reconsideration_filed: (s, _on, _ctx, e) => remedyFiling(decisionOf(s, refOf(e)), "reconsideration"),
  litigation_filed: (s, _on, _ctx, e) => remedyFiling(decisionOf(s, refOf(e)), "litigation"),
  reconsideration_decided: (s, _on, _ctx, e) => remedyPending(decisionOf(s, refOf(e)), "reconsideration"),
  litigation_decided: (s, _on, _ctx, e) => remedyPending(decisionOf(s, refOf(e)), "litigation"),
  // R9: only a decision is published, once.
  publication: (s, _on, _ctx, e) => {
    const d = decisionOf(s, refOf(e));
    if (!d) return "no_decision";
    if (!d.penalty) return "decision_revoked";
    return d.publishedOn ? "already_published" : null;
  },
  // Issue 8 §5: withdrawn only after a reconsideration or judgment changed or revoked the decision (reason: payload).
  publication_withdrawn: (s, _on, _ctx, e) => {
    const d = decisionOf(s, refOf(e));
    if (!d?.publishedOn) return "not_published";
    if (d.withdrawn) return "already_withdrawn";
    const changed = [d.reconsideration, d.litigation].some((r) => r?.outcome === "changed" || r?.outcome === "revoked");
    return changed ? null : "decision_not_changed";
  },
  closure_proposed: (s) => (s.closureProposedOn ? "already_proposed" : null),
  criminal_referral: (s) => (s.criminalReferralOn ? "already_referred" : null),
  closed: () => null,
};

const refOf = (e: CaseEvent | undefined) => (e && "decision" in e ? e.decision : undefined);

function remedyFiling(d: DecisionState | null, kind: "reconsideration" | "litigation") {
  if (!d) return "no_decision";
  const r = d[kind];
  return r && r.outcome === null ? `${kind}_pending` : null;
}

function remedyPending(d: DecisionState | null, kind: "reconsideration" | "litigation") {
  if (!d) return "no_decision";
  return d[kind] && d[kind]?.outcome === null ? null : `no_${kind}_pending`;
}

function refusalOf(type: CaseEventType, r: ReturnType<Check>): Refusal | null {
  if (r === null) return null;
  return typeof r === "string" ? { type, code: r } : { type, code: r[0], params: r[1] };
}

/** Type-level checks shared by allowedNext and applyEvent: opened first, nothing but remedies after closing. */
function precondition(s: CaseState, type: CaseEventType, on: CalendarDay, ctx: Ctx, e?: CaseEvent): Refusal | null {
  if (type !== "opened" && !s.opened) return { type, code: "not_opened" };
  if (s.closed && !afterClosing.includes(type)) return { type, code: "case_closed" };
  return refusalOf(type, preconditions[type](s, on, ctx, e));
}

/**
 * The event types that may come next on `today`, and for every other type the reason it is refused (the server
 * answers 409 with `allowed`). Payload rules (amounts, reasons, dates inside the event) are checked by applyEvent.
 */
export function allowedNext(
  events: readonly CaseEvent[],
  today: CalendarDay,
  rules: EnforcementRules = defaults,
  cal: WorkCalendarInput = {},
): { allowed: CaseEventType[]; refused: Refusal[] } {
  const ctx = { rules, cal };
  const s = caseState(events, rules, cal);
  const allowed: CaseEventType[] = [];
  const refused: Refusal[] = [];
  for (const type of caseEventTypes) {
    const r = precondition(s, type, today, ctx);
    if (r) refused.push(r);
    else allowed.push(type);
  }
  return { allowed, refused };
}

export type ApplyResult = { ok: true; events: CaseEvent[]; state: CaseState } | { ok: false; refusal: Refusal; allowed: CaseEventType[] };

/**
 * Appends `event` when the case allows it on its date (`event.on`: a real day, not after `today`, not before the
 * last event), else a typed refusal with the types allowed on `today`. The input list is never changed.
 */
export function applyEvent(
  events: readonly CaseEvent[],
  event: CaseEvent,
  today: CalendarDay,
  rules: EnforcementRules = defaults,
  cal: WorkCalendarInput = {},
): ApplyResult {
  const ctx = { rules, cal };
  const s = caseState(events, rules, cal);
  const refuse = (refusal: Refusal): ApplyResult => ({ ok: false, refusal, allowed: allowedNext(events, today, rules, cal).allowed });
  const type = event.type;
  if (event.by === "party" && !isPartyEventType(type)) return refuse({ type, code: "not_party_act" });
  if (!isCalendarDay(event.on)) return refuse({ type, code: "invalid_date" });
  if (event.on > today) return refuse({ type, code: "date_in_future" });
  if (s.lastOn && event.on < s.lastOn) return refuse({ type, code: "date_before_last_event", params: { last: s.lastOn } });
  const pre = precondition(s, type, event.on, ctx, event);
  if (pre) return refuse(pre);
  const problem = payloadProblem(s, event, ctx);
  if (problem) return refuse({ type, ...problem });
  const next = [...events, event];
  return { ok: true, events: next, state: caseState(next, rules, cal) };
}

const validPenalty = (p: Penalty) =>
  p.items.length > 0 &&
  p.items.every(
    (i) =>
      (penaltyKinds as readonly string[]).includes(i.kind) &&
      (i.amountFen === undefined || (Number.isSafeInteger(i.amountFen) && i.amountFen >= 0)) &&
      ((i.kind !== "fine" && i.kind !== "confiscation") || (i.amountFen ?? 0) > 0),
  );

function payloadProblem(s: CaseState, e: CaseEvent, ctx: Ctx): Omit<Refusal, "type"> | null {
  const { rules, cal } = ctx;
  switch (e.type) {
    case "order_issued":
      return isCalendarDay(e.deadline) && e.deadline > e.on ? null : { code: "bad_deadline" };
    case "onsite_measures": {
      if (e.measures.length === 0) return { code: "measures_required" };
      if (e.suspensionUntil === undefined) return null;
      if (!isCalendarDay(e.suspensionUntil) || e.suspensionUntil <= e.on) return { code: "bad_suspension_end" };
      const limit = suspensionLimit(e.on, rules); // ‡ normally ≤ 6 months
      return e.suspensionUntil > limit ? { code: "suspension_too_long", params: { limit } } : null;
    }
    case "extension_decided": {
      const o = openOrder(s);
      if (!e.granted) return null;
      return o && e.newDeadline && isCalendarDay(e.newDeadline) && e.newDeadline > o.deadline ? null : { code: "bad_deadline" };
    }
    case "penalty_notice": {
      if (!validPenalty(e.penalty)) return { code: "bad_penalty" };
      if (e.dailyFine) {
        // R4: all three conditions, one daily-fine penalty per case, and the amount as computed from the events.
        if (s.decisions.some((d) => d.dailyFine) || s.rounds.some((r) => r.notice?.dailyFine)) return { code: "daily_fine_exists" };
        const df = caseDailyFines(s, e.on, rules);
        if (!df.eligible) return { code: "daily_fine_not_eligible", params: { missing: df.missing.join(",") } };
        const items = e.penalty.items;
        if (items.length !== 1 || items[0]?.kind !== "fine" || fineTotalFen(e.penalty) !== df.totalFen) {
          return { code: "daily_fine_amount", params: { totalFen: df.totalFen, days: df.days } };
        }
        return null;
      }
      return maximumReasonMissing(e.penalty, !!s.opened?.illegalProduction) ? { code: "maximum_reason_required" } : null;
    }
    case "hearing_notice": {
      if (!isCalendarDay(e.hearingOn) || e.hearingOn <= e.on) return { code: "bad_hearing_day" };
      const latest = hearingNoticeLatest(e.hearingOn, rules, cal);
      return e.on > latest ? { code: "hearing_notice_late", params: { latest } } : null;
    }
    case "decision_issued": {
      const notice = openRound(s)?.notice;
      if (!validPenalty(e.penalty)) return { code: "bad_penalty" };
      // 行政处罚法 Art. 45 ¶2: never heavier than announced.
      const heavier = notice ? heavierThanNotice(e.penalty, notice.penalty) : null;
      if (heavier) return { code: "heavier_than_notice", params: { problem: heavier } };
      if (!notice?.dailyFine && maximumReasonMissing(e.penalty, !!s.opened?.illegalProduction)) return { code: "maximum_reason_required" };
      return null;
    }
    case "simple_decision": {
      if (!validPenalty(e.penalty)) return { code: "bad_penalty" };
      const facts = { factsEstablished: e.factsEstablished, legalBasis: e.legalBasis };
      return simpleProcedureAllowed(e.penalty, facts, rules) ? null : { code: "simple_procedure_not_allowed" };
    }
    case "paid":
      return Number.isSafeInteger(e.amountFen) && e.amountFen > 0 ? null : { code: "bad_amount" };
    case "reconsideration_decided":
    case "litigation_decided":
      if (e.outcome === "changed" && e.penalty && !validPenalty(e.penalty)) return { code: "bad_penalty" };
      return null;
    case "publication_withdrawn":
      return e.reason.trim() === "" ? { code: "reason_required" } : null;
    case "closed":
      return closeProblem(s, e.reason);
    default:
      return null;
  }
}

/** `completed` needs every order met, every decision carried out and nothing pending; `no_violation` no decision. */
function closeProblem(s: CaseState, reason: CloseReason): Omit<Refusal, "type"> | null {
  if (reason === "no_violation") return s.decisions.length > 0 ? { code: "decision_exists" } : null;
  if (reason !== "completed") return null;
  if (openRound(s)) return { code: "round_open" };
  const o = currentOrder(s);
  if (o && o.status !== "rectified") return { code: "order_not_met" };
  if (s.suspension) return { code: "suspension_active" };
  if (s.seal) return { code: "seal_active" };
  if (s.decisions.some((d) => !d.settled)) return { code: "fine_unpaid" };
  const pending = s.decisions.some((d) => [d.reconsideration, d.litigation].some((r) => r && r.outcome === null));
  return pending ? { code: "remedy_pending" } : null;
}

// ── Clocks for boards ──────────────────────────────────────────────────────────────────────────────────────────

export const caseClocks = [
  "reinspection",
  "extension_reply",
  "decision",
  "service",
  "payment",
  "publication",
  "seal",
  "suspension",
] as const;
export type CaseClock = (typeof caseClocks)[number];

/** The running clocks of a case with their due days; `overdue` when `today` is past the due day (issue 8 §3). */
export function caseClocksDue(
  events: readonly CaseEvent[],
  today: CalendarDay,
  rules: EnforcementRules = defaults,
  cal: WorkCalendarInput = {},
): { clock: CaseClock; due: CalendarDay; overdue: boolean; decision?: number }[] {
  const s = caseState(events, rules, cal);
  const out: { clock: CaseClock; due: CalendarDay; overdue: boolean; decision?: number }[] = [];
  const add = (clock: CaseClock, due: CalendarDay, decision?: number) =>
    out.push({ clock, due, overdue: today > due, ...(decision === undefined ? {} : { decision }) });
  const o = openOrder(s);
  if (o && !s.closed) {
    // The re-inspection clock runs once the deadline has expired or the party applied for re-inspection.
    if (o.reinspectionRequestedOn || today > o.deadline) add("reinspection", o.reinspectionDue);
    if (o.extension) add("extension_reply", o.extension.replyDue);
  }
  // A not-rectified order: the party's new application starts the re-inspection clock again (‡ 15号令 Art. 17).
  const u = unmetOrder(s);
  if (u && u !== o && !s.closed && u.reinspectionRequestedOn) add("reinspection", u.reinspectionDue);
  const r = openRound(s);
  if (r && !s.closed) add("decision", r.decisionDue);
  for (const d of s.decisions) {
    if (!d.servedOn && d.penalty) add("service", d.serviceDue, d.index);
    if (d.paymentDue && !d.settled) add("payment", d.paymentDue, d.index);
    if (!d.publishedOn && d.penalty) add("publication", d.publicationDue, d.index);
  }
  if (s.seal) add("seal", s.seal.ends);
  if (s.suspension?.until) add("suspension", s.suspension.until);
  return out;
}

// ── Statutory documents (R2, issue 8 §2) ──────────────────────────────────────────────────────────────────────

export const documentKinds = [
  "inspection_record", // 现场检查记录
  "rectification_order", // 责令限期整改指令书
  "onsite_measures_decision", // 现场处理措施决定书
  "reinspection_opinion", // 整改复查意见书
  "penalty_notice", // 行政处罚告知书
  "hearing_rights_notice", // 听证告知书
  "penalty_decision", // 行政处罚决定书
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentTitles: Record<DocumentKind, string> = {
  inspection_record: "现场检查记录",
  rectification_order: "责令限期整改指令书",
  onsite_measures_decision: "现场处理措施决定书",
  reinspection_opinion: "整改复查意见书",
  penalty_notice: "行政处罚告知书",
  hearing_rights_notice: "听证告知书",
  penalty_decision: "行政处罚决定书",
};

/** The event a document records (any of these types; the latest one is the document's event). */
export const documentEvents: Record<DocumentKind, readonly CaseEventType[]> = {
  inspection_record: ["opened"],
  rectification_order: ["order_issued"],
  onsite_measures_decision: ["onsite_measures"],
  reinspection_opinion: ["reinspected_rectified", "reinspected_not_rectified"],
  penalty_notice: ["penalty_notice"],
  hearing_rights_notice: ["penalty_notice"],
  penalty_decision: ["decision_issued", "simple_decision"],
};

/**
 * Whether a document of `kind` may be issued now, and for which event (its index). The 现场检查记录 needs a case
 * opened from an inspection; the 听证告知书 a notice whose penalty carries the hearing right.
 */
export function documentFor(
  events: readonly CaseEvent[],
  kind: DocumentKind,
  rules: EnforcementRules = defaults,
): { ok: true; event: number } | { ok: false; code: string; needs: readonly CaseEventType[] } {
  const needs = documentEvents[kind];
  const index = events.findLastIndex((e) => needs.includes(e.type));
  const e = events[index];
  if (!e) return { ok: false, code: "needs_event", needs };
  if (kind === "inspection_record" && e.type === "opened" && e.source !== "inspection")
    return { ok: false, code: "not_from_inspection", needs };
  if (kind === "hearing_rights_notice" && e.type === "penalty_notice" && !hearingRight(e.penalty, rules)) {
    return { ok: false, code: "no_hearing_right", needs };
  }
  return { ok: true, event: index };
}
