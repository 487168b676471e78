import { z } from "zod";
import { CalendarDate } from "../common/calendar.js";
import { PageQuery } from "../common/page.js";
import { yuanToFen } from "../hazards/hazard.js";
import {
  caseClocks,
  caseEventTypes,
  casePhases,
  caseSources,
  closeReasons,
  documentKinds,
  onsiteMeasureKinds,
  remedyOutcomes,
} from "./case.js";
import { partyKinds, penaltyKinds } from "./procedure.js";

export const CaseEventType = z.enum(caseEventTypes);
export const CasePhase = z.enum(casePhases);
export const CaseSource = z.enum(caseSources);

const Version = z.number().int().min(1);
const Text = (max: number) => z.string().trim().min(1).max(max);
/** Amounts in yuan as a string ("12000", "12.50") → integer fen, exactly (no float rounding). */
const Yuan = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, "e.g. 12000.00")
  .transform((v) => yuanToFen(v) as number);
/** Amounts inside events are integer fen, as domain/enforcement/case.ts counts them. */
const Fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** credit.md R4 criteria a penalty decision of a case may meet without an accident (C8/C9 unverified: not proposed). */
export const caseCreditCriteria = ["C6", "C7"] as const;
export const CreditCriterion = z.enum(caseCreditCriteria);

export const CaseOfficerRef = z.object({ userId: z.string().uuid(), name: z.string(), certNo: z.string().nullable() });
export type CaseOfficerRef = z.infer<typeof CaseOfficerRef>;

export const ViolationMeasure = z.object({
  rectifyBy: CalendarDate.optional(),
  onsite: z.array(z.enum(onsiteMeasureKinds)).max(5).optional(),
  suspension: z.boolean().optional(),
  note: z.string().trim().min(1).max(500).optional(),
});
export type ViolationMeasure = z.infer<typeof ViolationMeasure>;

/** Evidence of a violation: the inspection, its photos of the failed items, the linked hazards. */
export const ViolationEvidence = z.object({
  kind: z.enum(["inspection", "photo", "hazard"]),
  id: z.string().uuid(),
  itemId: z.string().optional(),
});
export type ViolationEvidence = z.infer<typeof ViolationEvidence>;

/** One 违法行为 of a case: the facts, the provision violated and the one setting the consequence (issue 8 §1). */
export const ViolationInput = z.object({
  facts: Text(4000),
  provisionViolated: Text(500),
  provisionApplied: Text(500),
  /** Default: every hazard the inspection raised. Otherwise a subset of them. */
  hazardIds: z.array(z.string().uuid()).max(200).optional(),
  /** 拟处罚金额, yuan. */
  proposed: Yuan.nullable().optional(),
  /** credit.md R4: the violation meets a listing criterion without an accident (C6 unlicensed, C7 agency fraud). */
  creditCriterion: CreditCriterion.nullable().optional(),
  /** The measure proposed for it: rectify by a day, on-site measures (安全生产法 Art. 65(3)), suspension. */
  measure: ViolationMeasure.optional(),
});
export type ViolationInput = z.infer<typeof ViolationInput>;

/**
 * Open a case from a finished regulator inspection (issue 8 §1). `departmentId`: default the inspection's department;
 * `officers`: default the inspection's team (≥ 2 certified, 行政处罚法 Art. 42), else a subset of that team.
 */
export const CaseOpen = z.object({
  inspectionId: z.string().uuid(),
  departmentId: z.string().uuid().optional(),
  title: Text(200).optional(),
  illegalProduction: z.boolean().optional(),
  legalReviewRequired: z.boolean().optional(),
  violations: z.array(ViolationInput).min(1).max(50),
  officers: z.array(z.string().uuid()).min(2).max(10).optional(),
  /** 内部备注 of the department (never shown to the enterprise). */
  internalNote: z.string().trim().max(4000).nullable().optional(),
});
export type CaseOpen = z.infer<typeof CaseOpen>;

export const PenaltyItemInput = z.object({
  kind: z.enum(penaltyKinds),
  amountFen: Fen.optional(),
  legalMaxFen: Fen.optional(),
  belowMaximumReason: z.string().trim().min(1).max(1000).optional(),
});
export const PenaltyInput = z
  .object({
    party: z.enum(partyKinds),
    /** A natural-person party's name: required for a person (published masked, enforcement.md R9). */
    partyName: Text(100).optional(),
    items: z.array(PenaltyItemInput).min(1).max(20),
    otherHeavy: z.boolean().optional(),
  })
  .refine((p) => p.party !== "person" || !!p.partyName, { path: ["partyName"], message: "enforcement.party_name_required" });

/** What every appended event carries: the case version it was made on (stale → 409), its legal day, an internal note. */
const base = {
  version: Version,
  /** The legal day of the event (Asia/Shanghai); default today. Not after today, not before the last event. */
  on: CalendarDate.optional(),
  /** Internal note of the department (never shown to the enterprise; the party submitting its own act may not set it). */
  note: z.string().trim().max(2000).nullable().optional(),
};
const decision = { decision: z.number().int().min(0).optional() };
const ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...base, ...shape });

/**
 * An event to append (POST /api/cases/:id/events): the CaseEvent of domain/enforcement/case.ts without `opened`
 * (that one is POST /api/cases), each type with its own payload fields.
 */
export const CaseEventInput = z.discriminatedUnion("type", [
  ev("order_issued", { deadline: CalendarDate }),
  ev("onsite_measures", { measures: z.array(z.enum(onsiteMeasureKinds)).min(1).max(5), suspensionUntil: CalendarDate.optional() }),
  ev("sealed", {}),
  ev("seal_extended", {}),
  ev("seal_lifted", {}),
  ev("extension_applied", {}),
  ev("extension_decided", { granted: z.boolean(), newDeadline: CalendarDate.optional() }),
  ev("reinspection_requested", {}),
  ev("reinspected_rectified", {}),
  ev("reinspected_not_rectified", {}),
  ev("resumption_reviewed", { accepted: z.boolean() }),
  ev("resumed", {}),
  ev("filed", {}),
  ev("penalty_notice", { penalty: PenaltyInput, dailyFine: z.boolean().optional() }),
  ev("statement_received", {}),
  ev("hearing_requested", {}),
  ev("hearing_notice", { hearingOn: CalendarDate }),
  ev("hearing_held", { partyAbsent: z.boolean().optional() }),
  ev("legal_review", { passed: z.boolean() }),
  ev("decision_extended", {}),
  ev("decision_issued", { penalty: PenaltyInput }),
  ev("simple_decision", { penalty: PenaltyInput, factsEstablished: z.boolean(), legalBasis: z.boolean() }),
  ev("served", decision),
  ev("publication", decision),
  ev("reconsideration_filed", decision),
  ev("litigation_filed", decision),
  ev("paid", { ...decision, amountFen: Fen.min(1) }),
  ev("reconsideration_decided", { ...decision, outcome: z.enum(remedyOutcomes), penalty: PenaltyInput.optional() }),
  ev("litigation_decided", { ...decision, outcome: z.enum(remedyOutcomes), penalty: PenaltyInput.optional() }),
  ev("publication_withdrawn", { ...decision, reason: Text(1000) }),
  ev("closure_proposed", {}),
  ev("criminal_referral", {}),
  ev("closed", { reason: z.enum(closeReasons) }),
]);
export type CaseEventInput = z.infer<typeof CaseEventInput>;

export const CaseViolation = z.object({
  id: z.string().uuid(),
  seq: z.number().int(),
  facts: z.string(),
  provisionViolated: z.string(),
  provisionApplied: z.string(),
  hazardIds: z.array(z.string().uuid()),
  creditCriterion: CreditCriterion.nullable(),
  measure: ViolationMeasure.nullable(),
  evidence: z.array(ViolationEvidence),
  proposedFen: z.number().int().nullable(),
  finalFen: z.number().int().nullable(),
});
export type CaseViolation = z.infer<typeof CaseViolation>;

export const Case = z.object({
  id: z.string().uuid(),
  caseNo: z.string(),
  year: z.number().int(),
  seq: z.number().int(),
  title: z.string(),
  departmentId: z.string().uuid(),
  departmentName: z.string(),
  departmentRegion: z.string(),
  regionCode: z.string(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  source: CaseSource,
  inspectionId: z.string().uuid().nullable(),
  officers: z.array(CaseOfficerRef),
  illegalProduction: z.boolean(),
  phase: CasePhase,
  /** The current order to rectify is not met (issue 8 §4). */
  orderUnmet: z.boolean(),
  /** The earliest due day of a running clock, if any (issue 8 §3). */
  nextDue: z.string().nullable(),
  /** Null for the enterprise (internal). */
  internalNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Case = z.infer<typeof Case>;

export const CaseEventView = z.object({
  seq: z.number().int(),
  type: CaseEventType,
  on: z.string(),
  payload: z.record(z.string(), z.unknown()),
  /** Internal note: null for the enterprise. */
  note: z.string().nullable(),
  actorName: z.string(),
  /** Submitted by the party from its own account, or recorded by the department (for a party's act: on its behalf). */
  by: z.enum(["party", "department"]),
  at: z.string(),
});
export type CaseEventView = z.infer<typeof CaseEventView>;

export const CaseClockDue = z.object({
  clock: z.enum(caseClocks),
  due: z.string(),
  overdue: z.boolean(),
  decision: z.number().int().optional(),
});

/** An issued 执法文书 (issue 8 §2): immutable; a correction is a new document with `supersedesId`. */
export const CaseDocumentView = z.object({
  id: z.string().uuid(),
  kind: z.enum(documentKinds),
  title: z.string(),
  docNo: z.string(),
  /** The case event the document records (its seq). */
  eventSeq: z.number().int(),
  supersedesId: z.string().uuid().nullable(),
  /** Superseded by a later correction. */
  supersededById: z.string().uuid().nullable(),
  templateVersion: z.number().int(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  issuedByName: z.string(),
  issuedAt: z.string(),
});
export type CaseDocumentView = z.infer<typeof CaseDocumentView>;

/** 按日连续处罚 of the case as of today (enforcement.md R4; domain caseDailyFines). */
export const CaseDailyFines = z.object({
  eligible: z.boolean(),
  missing: z.array(z.string()),
  from: z.string().nullable(),
  until: z.string().nullable(),
  running: z.boolean(),
  days: z.number().int(),
  perDayFen: z.number().int(),
  totalFen: z.number().int(),
});

/** A case with its timeline, violations, the state derived from the events, what may come next and the running clocks. */
export const CaseDetail = Case.extend({
  events: z.array(CaseEventView),
  documents: z.array(CaseDocumentView),
  /** Document kinds that may be issued now (the department's; empty for the enterprise). */
  documentsAllowed: z.array(z.enum(documentKinds)),
  dailyFines: CaseDailyFines,
  violations: z.array(CaseViolation),
  /** domain/enforcement/case.ts CaseState (derived, never stored). */
  state: z.record(z.string(), z.unknown()),
  /** The types the caller may append today: the department all the case allows, the party its own acts among them. */
  allowedNext: z.array(CaseEventType),
  clocks: z.array(CaseClockDue),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseListQuery = PageQuery.extend({
  region: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/)
    .optional(),
  enterprise: z.string().uuid().optional(),
  phase: CasePhase.optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;
