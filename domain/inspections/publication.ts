import { addDays, type CalendarDay, isoWeekday } from "../common/calendar.js";
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

/**
 * The `n`th working day after `day`: Saturdays, Sundays and the deployment's rest days (HOLIDAYS) are not counted.
 * Make-up working weekends (调休) are not configurable: they count as rest days, which errs on the later side only
 * by those days.
 */
export function addWorkingDays(day: CalendarDay, n: number, holidays: readonly CalendarDay[] = []): CalendarDay {
  const rest = new Set(holidays);
  let at = day;
  for (let left = n; left > 0; ) {
    at = addDays(at, 1);
    if (isoWeekday(at) <= 5 && !rest.has(at)) left--;
  }
  return at;
}

/** R7: the last day a result may be published, counted from the day the inspection ended (Asia/Shanghai). */
export function publicationDeadline(
  ended: CalendarDay,
  holidays: readonly CalendarDay[] = [],
  workingDays = publishWithinWorkingDays,
): CalendarDay {
  return addWorkingDays(ended, workingDays, holidays);
}

/**
 * Whether a result was published on time: the results page serves a finished inspection at once, but not before
 * its draw's record shows the result (an unannounced 四不两直 draw only from its reveal date). Counted only once
 * published (`today` at or after the publication day).
 */
export function publishedOnTime(
  p: { ended: CalendarDay; revealedOn: CalendarDay; today: CalendarDay },
  holidays: readonly CalendarDay[] = [],
): boolean {
  const published = p.revealedOn > p.ended ? p.revealedOn : p.ended;
  return published <= p.today && published <= publicationDeadline(p.ended, holidays);
}
