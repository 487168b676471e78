import { z } from "zod";
import type { CalendarDay } from "../common/calendar.js";
import { daysOverdue, overdueRungsReached, parseLadderDays } from "../hazards/escalation.js";
import type { CaseClock } from "./case.js";

/**
 * Issue 8 §3: an overdue case clock escalates like an overdue hazard (hazards.md R12), on a ladder of its own.
 * o = days overdue = today − due (Asia/Shanghai calendar days); a clock is overdue from the day after its due day.
 * - `officers` at o ≥ 1: the case's officers (承办人员);
 * - `leader` at o ≥ N: the leaders of the department's region (分管领导);
 * - `superior` at o ≥ M: the leaders of the region above (上级部门).
 * Each rung fires once per clock (case, clock, due day, decision); the job stores what fired.
 */
export const caseClockRungs = ["officers", "leader", "superior"] as const;
export type CaseClockRung = (typeof caseClockRungs)[number];

/**
 * N and M in days overdue (CASE_ESCALATION_DAYS). Defaults mirror the 一般 hazard ladder (R12, ESCALATION_DAYS):
 * o ≥ 3 brings in the territorial regulator's side, o ≥ 15 the next regulator level. A statutory step late by
 * three days is no longer a slip for the officers to catch up alone; half a month late it is the superior's matter.
 */
export const CaseEscalationDays = z
  .object({
    leader: z.number().int().min(2).max(365),
    superior: z.number().int().min(3).max(730),
  })
  .refine((d) => d.leader < d.superior, { message: "leader < superior", path: ["superior"] });
export type CaseEscalationDays = z.infer<typeof CaseEscalationDays>;

export const defaultCaseEscalationDays: CaseEscalationDays = { leader: 3, superior: 15 };

export type CaseClockLadder = readonly { rung: CaseClockRung; offset: number }[];

export function caseClockLadder(days: CaseEscalationDays = defaultCaseEscalationDays): CaseClockLadder {
  return [
    { rung: "officers", offset: 1 },
    { rung: "leader", offset: days.leader },
    { rung: "superior", offset: days.superior },
  ];
}

export const defaultCaseClockLadder = caseClockLadder();

/** CASE_ESCALATION_DAYS as a deployment writes it, e.g. "leader=5,superior=20"; the rest keep the defaults. */
export function parseCaseEscalationDays(text: string): { days: CaseEscalationDays } | { error: string } {
  return parseLadderDays(text, defaultCaseEscalationDays, CaseEscalationDays);
}

/** The rungs due for a clock with `due` on `today`, lowest first (none before the day after `due`). */
export function caseClockRungsDue(due: CalendarDay, today: CalendarDay, ladder: CaseClockLadder = defaultCaseClockLadder): CaseClockRung[] {
  return overdueRungsReached(ladder, due, today);
}

/** Days a clock is overdue on `today` (0 while it is not). */
export const clockDaysOverdue = (due: CalendarDay, today: CalendarDay) => Math.max(0, daysOverdue(due, today));

/** The step each clock waits for (enforcement.md R2), as boards and notifications name it. */
export const caseClockLabels: Record<CaseClock, { zh: string; en: string }> = {
  reinspection: { zh: "整改复查", en: "Re-inspection" },
  extension_reply: { zh: "延期申请答复", en: "Reply to the extension application" },
  decision: { zh: "作出处罚决定（办案期限）", en: "Penalty decision (case time limit)" },
  service: { zh: "送达处罚决定书", en: "Service of the penalty decision" },
  payment: { zh: "缴纳罚款", en: "Payment of the fine" },
  publication: { zh: "处罚决定公示", en: "Publication of the penalty decision" },
  seal: { zh: "查封扣押期限届满处理", en: "End of the seal or seizure" },
  suspension: { zh: "停产停业期限届满复查", en: "End of the suspension" },
};
