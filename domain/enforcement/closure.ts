import { addMonths, type CalendarDay, daysBetween } from "../common/calendar.js";

/**
 * 安全生产法 Art. 113(1) (enforcement.md R6, hazards.md R11): an enterprise with a 重大事故隐患 that was penalised
 * 3 times within 180 days, or 4 times within one year, must be proposed for closure. Window test on the penalty
 * decision days p (sorted): p[i+2] ≤ p[i] + 180 days (民法典 Art. 201; Open points: a stricter 179 is possible),
 * or p[i+3] ≤ p[i] + 1 year (same month and day). The caller passes only the decisions under this law for an
 * enterprise that has a major hazard; the hazards' R12 major_o15 rung shows these counts to the regulator.
 */
export function art113Closure(penaltyDays: readonly CalendarDay[]): { threeIn180Days: boolean; fourInOneYear: boolean } {
  const p = [...penaltyDays].sort();
  let threeIn180Days = false;
  let fourInOneYear = false;
  for (let i = 0; i < p.length; i++) {
    const first = p[i] as CalendarDay;
    const third = p[i + 2];
    const fourth = p[i + 3];
    if (third !== undefined && daysBetween(first, third) <= 180) threeIn180Days = true;
    if (fourth !== undefined && fourth <= addMonths(first, 12)) fourInOneYear = true;
  }
  return { threeIn180Days, fourInOneYear };
}
