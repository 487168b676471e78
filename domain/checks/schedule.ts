import { z } from "zod";
import { addDays, addMonths, type CalendarDay, daysBetween, isoWeekday } from "../common/calendar.js";

/**
 * How often a check task recurs (排查频次). Enterprise practice sets these per control measure; the
 * frequencies are those 双重预防 guidance uses for 日常/周/月/季度/半年/年度 checks.
 */
export const CheckFrequency = z.enum(["daily", "weekly", "monthly", "quarterly", "half_yearly", "yearly"]);
export type CheckFrequency = z.infer<typeof CheckFrequency>;

export const checkFrequencyLabels: Record<CheckFrequency, { zh: string; en: string }> = {
  daily: { zh: "每日", en: "Daily" },
  weekly: { zh: "每周", en: "Weekly" },
  monthly: { zh: "每月", en: "Monthly" },
  quarterly: { zh: "每季度", en: "Quarterly" },
  half_yearly: { zh: "每半年", en: "Half-yearly" },
  yearly: { zh: "每年", en: "Yearly" },
};

/** One occurrence window of a recurring check: due by the end of `end` (inclusive), identified by `key`. */
export type CheckPeriod = { key: string; start: CalendarDay; end: CalendarDay };

const monthsPer: Partial<Record<CheckFrequency, number>> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

/** The period of `frequency` that contains `day`. Weeks run Monday–Sunday; months, quarters, halves and years are calendar ones. */
export function periodContaining(frequency: CheckFrequency, day: CalendarDay): CheckPeriod {
  if (frequency === "daily") return { key: day, start: day, end: day };
  if (frequency === "weekly") {
    const start = addDays(day, 1 - isoWeekday(day));
    return { key: `W${start}`, start, end: addDays(start, 6) };
  }
  const span = monthsPer[frequency] as number;
  const year = day.slice(0, 4);
  const month0 = Number(day.slice(5, 7)) - 1;
  const first = Math.floor(month0 / span) * span;
  const start = `${year}-${String(first + 1).padStart(2, "0")}-01`;
  const end = addDays(addMonths(start, span), -1);
  const key = {
    monthly: `${year}-${String(first + 1).padStart(2, "0")}`,
    quarterly: `${year}Q${first / 3 + 1}`,
    half_yearly: `${year}H${first / 6 + 1}`,
    yearly: year,
  }[frequency as "monthly" | "quarterly" | "half_yearly" | "yearly"];
  return { key, start, end };
}

/** The period right after `p`. */
export function nextPeriod(frequency: CheckFrequency, p: CheckPeriod): CheckPeriod {
  return periodContaining(frequency, addDays(p.end, 1));
}

/**
 * Periods of a task active from `from` (its first period is the one containing that day) whose window
 * has closed before `today`, oldest first, at most `limit` of the latest: the occurrences that are now
 * either done or missed.
 */
export function closedPeriods(frequency: CheckFrequency, from: CalendarDay, today: CalendarDay, limit = 400): CheckPeriod[] {
  const out: CheckPeriod[] = [];
  if (daysBetween(from, today) <= 0) return out;
  // Skip ahead for long-running daily tasks so a caller asking for the latest `limit` does not walk years.
  let p = periodContaining(frequency, from);
  if (frequency === "daily" && daysBetween(from, today) > limit) p = periodContaining("daily", addDays(today, -limit));
  while (daysBetween(p.end, today) > 0) {
    out.push(p);
    if (out.length > limit) out.shift();
    p = nextPeriod(frequency, p);
  }
  return out;
}

/** How many periods have closed before `today` for a task active from `from`, without listing them. */
export function countClosedPeriods(frequency: CheckFrequency, from: CalendarDay, today: CalendarDay): number {
  if (daysBetween(from, today) <= 0) return 0;
  const first = periodContaining(frequency, from);
  const current = periodContaining(frequency, today);
  if (frequency === "daily") return daysBetween(first.start, current.start);
  if (frequency === "weekly") return daysBetween(first.start, current.start) / 7;
  const span = monthsPer[frequency] as number;
  const months = (d: CalendarDay) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  return (months(current.start) - months(first.start)) / span;
}
