import {
  addDays,
  addMonths,
  addWorkingDays,
  type CalendarDay,
  calendarPeriodEnd,
  daysBetween,
  nextWorkingDayFrom,
  type WorkCalendarInput,
} from "../common/calendar.js";
import { defaultEnforcementRules as defaults, type EnforcementRules } from "./rules.js";

// The clocks of enforcement.md R2. Each returns the last day on which the step is still on time (inclusive), in
// Asia/Shanghai calendar days. "N working days" follow 行政处罚法 Art. 85 (R0); other periods are calendar days
// counted from the day after the trigger (民法典 Art. 201), a period for acting moved off a rest day (Art. 203).

const periodEnd = (day: CalendarDay, n: number, rules: EnforcementRules, cal: WorkCalendarInput) =>
  calendarPeriodEnd(day, n, cal, rules.rollOverRestDays);

/**
 * ‡ 15号令 Art. 17: the 整改复查 is due within 10 days of the rectification deadline's expiry or of the party's
 * application for re-inspection, whichever comes first (example 5: deadline 2026-03-02 → 2026-03-12).
 */
export function reinspectionDue(
  p: { deadline: CalendarDay; appliedOn?: CalendarDay | null },
  rules: EnforcementRules = defaults,
  cal: WorkCalendarInput = {},
): CalendarDay {
  const trigger = p.appliedOn && p.appliedOn < p.deadline ? p.appliedOn : p.deadline;
  return periodEnd(trigger, rules.reinspectionWithinDays, rules, cal);
}

/** ‡ 15号令 Art. 17: the window in which a force-majeure extension may be applied for: [deadline − 10, deadline]. */
export function extensionApplyWindow(deadline: CalendarDay, rules: EnforcementRules = defaults): { from: CalendarDay; to: CalendarDay } {
  return { from: addDays(deadline, -rules.extensionApplyWindowDays), to: deadline };
}

/** ‡ 15号令 Art. 17: the department's written reply to an extension application. */
export function extensionReplyDue(appliedOn: CalendarDay, rules: EnforcementRules = defaults, cal: WorkCalendarInput = {}): CalendarDay {
  return periodEnd(appliedOn, rules.extensionReplyDays, rules, cal);
}

/** 行政处罚法 Art. 44–45: the last day of the 陈述申辩 window after the 行政处罚告知书 was served (5 working days). */
export function statementWindowEnd(
  noticeServed: CalendarDay,
  rules: EnforcementRules = defaults,
  cal: WorkCalendarInput = {},
): CalendarDay {
  return addWorkingDays(noticeServed, rules.statementWindowWorkingDays, cal);
}

/** 行政处罚法 Art. 64(1), 85: the last day to ask for a hearing (example 6: served Mon 2026-03-02 → Mon 03-09). */
export function hearingRequestEnd(noticeServed: CalendarDay, rules: EnforcementRules = defaults, cal: WorkCalendarInput = {}): CalendarDay {
  return addWorkingDays(noticeServed, rules.hearingRequestWorkingDays, cal);
}

/**
 * 行政处罚法 Art. 64(2), 85 "七日前": the last day the hearing notice may be sent for a hearing on `hearingOn`.
 * Strict (open point, default): 7 full working days strictly between notice and hearing (example 7: hearing Fri
 * 2026-03-20 → by Tue 03-10). Lenient: the hearing day may be the 7th working day after the notice (→ Wed 03-11).
 */
export function hearingNoticeLatest(hearingOn: CalendarDay, rules: EnforcementRules = defaults, cal: WorkCalendarInput = {}): CalendarDay {
  // The notice must come before the nth working day counted back from the hearing (the hearing day itself
  // counting only in the lenient reading, when it is a working day).
  const from = rules.hearingNoticeStrict ? hearingOn : addDays(hearingOn, 1);
  return addDays(addWorkingDays(from, -rules.hearingNoticeWorkingDays, cal), -1);
}

export function hearingNoticeOnTime(
  noticeOn: CalendarDay,
  hearingOn: CalendarDay,
  rules: EnforcementRules = defaults,
  cal: WorkCalendarInput = {},
): boolean {
  return noticeOn <= hearingNoticeLatest(hearingOn, rules, cal);
}

/**
 * 行政处罚法 Art. 60: the decision is due within 90 days of filing (立案). With the ‡ 15号令 variant
 * (`decisionLimitDays: [30, 90, 180]`) each approved extension moves the limit to the next figure.
 */
export function decisionDue(
  filedOn: CalendarDay,
  extensions = 0,
  rules: EnforcementRules = defaults,
  cal: WorkCalendarInput = {},
): CalendarDay {
  const limits = rules.decisionLimitDays;
  const days = limits[Math.min(extensions, limits.length - 1)] ?? 90;
  return periodEnd(filedOn, days, rules, cal);
}

/** How many approved extensions of the decision limit the rules still allow after `extensions` of them. */
export function decisionExtensionsLeft(extensions: number, rules: EnforcementRules = defaults): number {
  return Math.max(0, rules.decisionLimitDays.length - 1 - extensions);
}

/** ‡ urgent cases are investigated first and filed within 5 days; simple-procedure decisions filed (备案) within 5 days. */
export function filingDue(
  trigger: CalendarDay,
  kind: "urgent" | "simple_procedure",
  rules: EnforcementRules = defaults,
  cal: WorkCalendarInput = {},
) {
  return periodEnd(trigger, kind === "urgent" ? rules.urgentFilingDays : rules.simpleProcedureFilingDays, rules, cal);
}

/** 行政处罚法 Art. 61, 85: a decision announced in the party's absence is served within 7 working days (ex. 9). */
export function serviceDue(decidedOn: CalendarDay, rules: EnforcementRules = defaults, cal: WorkCalendarInput = {}): CalendarDay {
  return addWorkingDays(decidedOn, rules.serviceWorkingDays, cal);
}

/** 行政处罚法 Art. 67: the last day to pay, 15 days after the decision was received (example 10: 03-02 → 03-17). */
export function paymentDue(receivedOn: CalendarDay, rules: EnforcementRules = defaults, cal: WorkCalendarInput = {}): CalendarDay {
  return periodEnd(receivedOn, rules.paymentDays, rules, cal);
}

/**
 * 行政处罚法 Art. 72(1), 行政强制法 Art. 45: late payment adds 3 % of the fine per day after the last day, in total
 * never more than the fine (examples 10–11). Integer fen, rounded down (never more than the law allows).
 */
export function lateSurcharge(
  p: { fineFen: number; due: CalendarDay; paidOn: CalendarDay },
  rules: EnforcementRules = defaults,
): { daysLate: number; surchargeFen: number } {
  const daysLate = Math.max(0, daysBetween(p.due, p.paidOn));
  const percent = daysLate * rules.lateSurchargePercentPerDay;
  const surchargeFen = percent >= 100 ? p.fineFen : Math.floor((p.fineFen * percent) / 100);
  return { daysLate, surchargeFen };
}

/** 安全生产法 Art. 78 ¶2 (R9): published within 7 working days after the decision (example 8: Mon 03-02 → Wed 03-11). */
export function publicationDue(decidedOn: CalendarDay, rules: EnforcementRules = defaults, cal: WorkCalendarInput = {}): CalendarDay {
  return addWorkingDays(decidedOn, rules.publicationWorkingDays, cal);
}

/**
 * 行政强制法 Art. 25: the last day of a 查封/扣押 — 30 days, once extended by 30 more (example 16: 2026-03-02 →
 * 04-01, extended 05-01). A limit on the measure, so never moved off a rest day.
 */
export function sealEnd(sealedOn: CalendarDay, extended: boolean, rules: EnforcementRules = defaults): CalendarDay {
  const end = addDays(sealedOn, rules.sealDays);
  return extended ? addDays(end, rules.sealExtensionDays) : end;
}

/** ‡ 现场处理措施 (安全生产法 Art. 65(3)): the latest end of a temporary suspension ordered on `from`. */
export function suspensionLimit(from: CalendarDay, rules: EnforcementRules = defaults): CalendarDay {
  return addMonths(from, rules.suspensionMaxMonths);
}

/** The remedies the decision must state: 行政复议 within 60 days, lawsuit within 6 months of receiving it. */
export function remedyDeadlines(
  receivedOn: CalendarDay,
  rules: EnforcementRules = defaults,
  cal: WorkCalendarInput = {},
): { reconsideration: CalendarDay; lawsuit: CalendarDay } {
  const lawsuit = addMonths(receivedOn, rules.lawsuitMonths);
  return {
    reconsideration: periodEnd(receivedOn, rules.reconsiderationDays, rules, cal),
    lawsuit: rules.rollOverRestDays ? nextWorkingDayFrom(lawsuit, cal) : lawsuit,
  };
}
