import { z } from "zod";
import { CalendarDate } from "../common/calendar.js";
import { PageQuery } from "../common/page.js";
import { hazardStates, suspensionKinds } from "./hazard.js";
import { evaluatorKinds, resumptionDecisions, supervisionLevels, supervisionStatuses } from "./supervision.js";

export const SupervisionLevel = z.enum(supervisionLevels);
export const SupervisionStatus = z.enum(supervisionStatuses);
export const EvaluatorKind = z.enum(evaluatorKinds);
export const ResumptionDecision = z.enum(resumptionDecisions);

const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().min(1);

/**
 * 挂牌督办: list a 重大 hazard (R10). Level defaults to the lister's own, the unit to the level's 安委办; the
 * deadline must be later than today (checked by the server on its clock).
 */
export const SupervisionListInput = z.object({
  level: SupervisionLevel.optional(),
  unitName: z.string().trim().min(1).max(100).optional(),
  deadline: CalendarDate,
  requirements: Text(2000),
  /** Production suspension ordered with the listing (R8): none, partial or full. */
  suspension: z.enum(suspensionKinds).default("none"),
  /** Shown publicly (R10 public flag). */
  public: z.boolean().default(false),
});
export type SupervisionListInput = z.infer<typeof SupervisionListInput>;

/** R9: who evaluated the treatment, and their conclusion. */
export const SupervisionEvaluation = z.object({
  by: EvaluatorKind,
  /** The qualified safety-assessment agency (required when `by` is agency). */
  agencyName: z.string().trim().max(200).nullable().optional(),
  conclusion: Text(4000),
});
export type SupervisionEvaluation = z.infer<typeof SupervisionEvaluation>;

/** The enterprise's completion report (治理完成情况报告) with the evaluation of the treatment (R9). */
export const SupervisionCompletionInput = z.object({
  version: Version,
  report: Text(4000),
  evaluation: SupervisionEvaluation,
});
export type SupervisionCompletionInput = z.infer<typeof SupervisionCompletionInput>;

/** A written resumption application (复产申请, R9); received on the day it is filed here. */
export const SupervisionResumptionInput = z.object({
  version: Version,
  application: Text(4000),
});
export type SupervisionResumptionInput = z.infer<typeof SupervisionResumptionInput>;

/** The regulator's on-site review of the resumption application (R9). */
export const SupervisionResumptionDecisionInput = z.object({
  version: Version,
  decision: ResumptionDecision,
  note: Text(1000),
});
export type SupervisionResumptionDecisionInput = z.infer<typeof SupervisionResumptionDecisionInput>;

/** 摘牌 (delist, the hazard accepted in the same step) or reject the completion (back to listed, hazard to rectifying). */
export const SupervisionDelistInput = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("delist"), version: Version, note: z.string().trim().max(1000).optional() }),
  z.object({ decision: z.literal("reject"), version: Version, reason: Text(1000) }),
]);
export type SupervisionDelistInput = z.infer<typeof SupervisionDelistInput>;

export const Supervision = z.object({
  id: z.string().uuid(),
  hazardId: z.string().uuid(),
  level: SupervisionLevel,
  unitName: z.string(),
  unitRegionCode: z.string(),
  deadline: CalendarDate,
  requirements: z.string(),
  public: z.boolean(),
  status: SupervisionStatus,
  listedByName: z.string(),
  listedAt: z.string(),
  /** Listed automatically when the hazard was confirmed 重大 (R10/R12), not yet taken over by a regulator. */
  automatic: z.boolean(),
  completionReport: z.string().nullable(),
  evaluation: SupervisionEvaluation.nullable(),
  completionAt: z.string().nullable(),
  suspension: z.enum(suspensionKinds),
  resumptionAppliedOn: z.string().nullable(),
  resumptionReviewDue: z.string().nullable(),
  resumptionDecision: ResumptionDecision.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Supervision = z.infer<typeof Supervision>;

export const SupervisionBoardQuery = PageQuery.extend({
  level: SupervisionLevel.optional(),
});
export type SupervisionBoardQuery = z.infer<typeof SupervisionBoardQuery>;

/** A row of a regulator's 挂牌督办 board: the listing, its hazard and the countdown to its deadline. */
export const SupervisionBoardItem = Supervision.extend({
  description: z.string(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  hazardState: z.enum(hazardStates),
  /** Days to the deadline in Asia/Shanghai: 0 on the day, negative once past. */
  daysLeft: z.number().int(),
});
export type SupervisionBoardItem = z.infer<typeof SupervisionBoardItem>;
