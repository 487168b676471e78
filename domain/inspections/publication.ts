import { addWorkingDays, type CalendarDay, type WorkCalendarInput } from "../common/calendar.js";
import type { InspectionResult } from "./inspection.js";

// 双随机一公开 publication of results (double-random.md R7): per drawn object only its name, USCC, the inspection
// date and the result, public within `publishWithinWorkingDays` working days of the inspection's end.

/** R7 / Open points: 国发〔2019〕5号's 20 working days, adopted as the default (no work-safety rule was found). */
export const publishWithinWorkingDays = 20;

/**
 * The published result (R7): no problem / problems ordered to be corrected (责令改正); `case_filed` (立案) and
 * `penalty` (行政处罚) come with the enforcement module (enforcement.md), which will outrank the inspection's own.
 */
export const publicResults = ["no_problem", "ordered_to_correct", "case_filed", "penalty"] as const;
export type PublicResult = (typeof publicResults)[number];

export const publicResultOf: Record<InspectionResult, PublicResult> = {
  passed: "no_problem",
  problems_found: "ordered_to_correct",
};

// Working-day arithmetic is shared (domain/common/calendar.ts, enforcement.md R0); re-exported for existing callers.
export { addWorkingDays };

/**
 * R7: the last day a result may be published, counted from the day the inspection ended (Asia/Shanghai) in working
 * days of the deployment's calendar (HOLIDAYS, 调休 WORKDAYS).
 */
export function publicationDeadline(ended: CalendarDay, cal: WorkCalendarInput = {}, workingDays = publishWithinWorkingDays): CalendarDay {
  return addWorkingDays(ended, workingDays, cal);
}

/**
 * Whether a result was published on time: the results page serves a finished inspection at once, but not before
 * its draw's record shows the result (an unannounced 四不两直 draw only from its reveal date). Counted only once
 * published (`today` at or after the publication day).
 */
export function publishedOnTime(
  p: { ended: CalendarDay; revealedOn: CalendarDay; today: CalendarDay },
  cal: WorkCalendarInput = {},
): boolean {
  const published = p.revealedOn > p.ended ? p.revealedOn : p.ended;
  return published <= p.today && published <= publicationDeadline(p.ended, cal);
}
