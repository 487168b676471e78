import { type CalendarDay, daysBetween } from "../common/calendar.js";
import { defaultEnforcementRules as defaults, type EnforcementRules } from "./rules.js";

/**
 * 按日连续处罚 (安全生产法 Art. 112, enforcement.md R4), from dated facts of a case:
 * - `violatesWorkSafetyLaw`: the violation is one of the Work Safety Law (condition 1);
 * - `orderedOn`: the day the order to correct (责令改正) was made; `fine`: the fine decision (condition 2);
 * - `reinspections`: the re-inspections after the order, each finding rectification or not (condition 3).
 */
export type DailyFineFacts = {
  violatesWorkSafetyLaw: boolean;
  orderedOn: CalendarDay | null;
  fine: { amountFen: number; decidedOn: CalendarDay } | null;
  reinspections: readonly { on: CalendarDay; rectified: boolean }[];
};

export const dailyFineConditions = ["work_safety_law", "order_to_correct", "fine", "refusal_found"] as const;
export type DailyFineCondition = (typeof dailyFineConditions)[number];

export type DailyFineResult = {
  eligible: boolean;
  /** The conditions of R4 that are not met (empty when eligible). */
  missing: DailyFineCondition[];
  /** Counting runs over from < d ≤ until (from = the order day: "自作出责令改正之日的次日起"). */
  from: CalendarDay | null;
  until: CalendarDay | null;
  /** `rectification_verified` counting with no verified rectification yet: the total still grows each day. */
  running: boolean;
  days: number;
  perDayFen: number;
  totalFen: number;
};

/**
 * R4: eligible only when all three conditions hold — a Work Safety Law violation, an order to correct AND a fine,
 * and a re-inspection (on or after both) that found the unit refusing to correct, before any re-inspection that
 * verified rectification. The daily fine equals the original fine; days are order day < d ≤ until, where until is
 * (default `refusal_found`) the last such re-inspection (examples 12–13), or with `rectification_verified` the
 * re-inspection that verified rectification, else `today` (a running total).
 */
export function dailyFines(facts: DailyFineFacts, today: CalendarDay, rules: EnforcementRules = defaults): DailyFineResult {
  const missing: DailyFineCondition[] = [];
  if (!facts.violatesWorkSafetyLaw) missing.push("work_safety_law");
  if (!facts.orderedOn) missing.push("order_to_correct");
  if (!facts.fine || facts.fine.amountFen <= 0) missing.push("fine");
  const after = [facts.orderedOn, facts.fine?.decidedOn]
    .filter((d): d is CalendarDay => !!d)
    .sort()
    .at(-1);
  const sorted = [...facts.reinspections].filter((r) => !after || r.on >= after).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const verified = sorted.find((r) => r.rectified);
  const refusals = sorted.filter((r) => !r.rectified && (!verified || r.on <= verified.on));
  if (refusals.length === 0) missing.push("refusal_found");

  const perDayFen = facts.fine?.amountFen ?? 0;
  const none = { from: facts.orderedOn, until: null, running: false, days: 0, perDayFen, totalFen: 0 };
  if (missing.length > 0 || !facts.orderedOn) return { eligible: false, missing, ...none };

  let until = (refusals.at(-1) as { on: CalendarDay }).on;
  let running = false;
  if (rules.dailyFineUntil === "rectification_verified") {
    running = !verified;
    until = verified ? verified.on : today;
  }
  const days = Math.max(0, daysBetween(facts.orderedOn, until));
  return { eligible: true, missing, from: facts.orderedOn, until, running, days, perDayFen, totalFen: days * perDayFen };
}
