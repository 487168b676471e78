import { z } from "zod";
import { addDays, type CalendarDay, shanghaiDay } from "../common/calendar.js";
import type { HazardLevel, HazardState } from "./hazard.js";

/**
 * Hazard statistics (issue 6 §6; shared/domain/hazards.md R4, R13). The definitions, for a period P = from..to,
 * Asia/Shanghai calendar days inclusive, and its end day E = min(to, today):
 *
 * - Voided hazards (作废) are left out of every figure: a voided record was not a hazard.
 * - found (排查发现): registered on a day in P.
 * - rectified (整改销号): accepted (销号) on a day in P, whenever it was found.
 * - onTime (按期整改): rectified, accepted on or before its deadline; a hazard fixed on the spot (立即整改) has no
 *   deadline and is on time. late (逾期整改) = rectified − onTime.
 * - foundClosed: found in P and accepted by the end of E (the cohort behind the rectification rate).
 * - open (期末未销号): registered on or before E and not accepted by the end of E.
 * - overdue (逾期未整改): open, with a deadline before E.
 * - openMajor (重大未销号): open and 重大.
 * - rectificationRate (整改率, R13 closed ÷ found) = foundClosed ÷ found, in percent: the share of the period's
 *   hazards closed by its end, so never above 100 %. null (shown —) when nothing was found.
 * - onTimeRate (按期整改率) = onTime ÷ rectified, in percent; null (shown —) when nothing was rectified.
 * - cleared (隐患清零, R13; worked example 11) = nothing open at the end of E.
 *
 * `countHazards` below is this definition as code; the server computes the same figures in SQL and its tests
 * hold the two to each other.
 */
export type HazardCounts = {
  found: number;
  foundClosed: number;
  rectified: number;
  onTime: number;
  open: number;
  openMajor: number;
  overdue: number;
};

export type HazardStats = HazardCounts & {
  late: number;
  rectificationRate: number | null;
  onTimeRate: number | null;
  cleared: boolean;
};

export const zeroCounts = (): HazardCounts => ({ found: 0, foundClosed: 0, rectified: 0, onTime: 0, open: 0, openMajor: 0, overdue: 0 });

/** A percentage with one decimal (2 of 3 → 66.7); null when the denominator is 0. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10;
}

export function withRates(c: HazardCounts): HazardStats {
  return {
    ...c,
    late: c.rectified - c.onTime,
    rectificationRate: percent(c.foundClosed, c.found),
    onTimeRate: percent(c.onTime, c.rectified),
    cleared: c.open === 0,
  };
}

/** The last day the figures describe: the period's end, or today while the period runs. */
export function statsEndDay(to: CalendarDay, today: CalendarDay): CalendarDay {
  return to < today ? to : today;
}

export type HazardFacts = {
  level: HazardLevel;
  status: HazardState;
  reportedAt: Date;
  /** When it was accepted (or voided). */
  closedAt: Date | null;
  deadline: CalendarDay | null;
};

/** The definition above applied to hazards one by one (the reference the SQL is tested against). */
export function countHazards(hazards: readonly HazardFacts[], from: CalendarDay, to: CalendarDay, today: CalendarDay): HazardCounts {
  const end = statsEndDay(to, today);
  const c = zeroCounts();
  for (const h of hazards) {
    if (h.status === "voided") continue;
    const reported = shanghaiDay(h.reportedAt);
    const accepted = h.status === "accepted" && h.closedAt ? shanghaiDay(h.closedAt) : null;
    const found = reported >= from && reported <= to;
    if (found) c.found++;
    if (found && accepted !== null && accepted <= end) c.foundClosed++;
    if (accepted !== null && accepted >= from && accepted <= to) {
      c.rectified++;
      if (h.deadline === null || accepted <= h.deadline) c.onTime++;
    }
    if (reported <= end && (accepted === null || accepted > end)) {
      c.open++;
      if (h.level === "major") c.openMajor++;
      if (h.deadline !== null && h.deadline < end) c.overdue++;
    }
  }
  return c;
}

// ─── 16号令 Art. 14 ¶1 (R4): the enterprise's quarterly and annual statistics report ───

export const reportKinds = ["quarterly", "annual"] as const;
export type ReportKind = (typeof reportKinds)[number];

/** "2026Q1" (a quarter) or "2026" (a year). */
export const ReportPeriodCode = z.string().regex(/^(20\d{2})(Q[1-4])?$/, "2026Q1 or 2026");

export type ReportPeriod = {
  code: string;
  kind: ReportKind;
  from: CalendarDay;
  to: CalendarDay;
  /** The last day for a timely submission. */
  dueOn: CalendarDay;
};

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A period from its code, with its due day (R4, worked examples 4 and 5): quarterly by the 15th of the next
 * quarter's first month (15 Apr, 15 Jul, 15 Oct, 15 Jan), annual by 31 Jan of the next year. null when invalid.
 */
export function parseReportPeriod(code: string): ReportPeriod | null {
  const m = /^(20\d{2})(?:Q([1-4]))?$/.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  if (!m[2]) return { code, kind: "annual", from: `${year}-01-01`, to: `${year}-12-31`, dueOn: `${year + 1}-01-31` };
  const q = Number(m[2]);
  const firstMonth = (q - 1) * 3 + 1;
  const nextFirst = q === 4 ? `${year + 1}-01-01` : `${year}-${pad(firstMonth + 3)}-01`;
  const to = addDays(nextFirst, -1);
  return { code, kind: "quarterly", from: `${year}-${pad(firstMonth)}-01`, to, dueOn: addDays(nextFirst, 14) };
}

export const quarterCode = (day: CalendarDay) => `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * Whether a submission on `submittedOn` is timely. "下一季度15日前" is read inclusively by default (on the 15th is
 * on time, the 16th late); `dueInclusive = false` is the stricter reading (due the 14th) — hazards.md Open points.
 */
export function reportOnTime(submittedOn: CalendarDay, dueOn: CalendarDay, dueInclusive = true): boolean {
  return dueInclusive ? submittedOn <= dueOn : submittedOn < dueOn;
}

export const reportStatuses = ["not_due", "due", "submitted_on_time", "submitted_late", "missing"] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/**
 * not_due: the period still runs (nothing can be submitted); due: it has ended and the due day has not passed;
 * missing: the due day has passed without a submission (a late one is still accepted); submitted on time or late.
 */
export function reportStatus(
  p: ReportPeriod,
  today: CalendarDay,
  submission: { onTime: boolean } | null,
  dueInclusive = true,
): ReportStatus {
  if (submission) return submission.onTime ? "submitted_on_time" : "submitted_late";
  if (today <= p.to) return "not_due";
  return reportOnTime(today, p.dueOn, dueInclusive) ? "due" : "missing";
}

/** The periods an enterprise sees: this quarter and the four before it, this year and the last. */
export function recentReportPeriods(today: CalendarDay): ReportPeriod[] {
  const quarters: ReportPeriod[] = [];
  let code = quarterCode(today);
  for (let i = 0; i < 5; i++) {
    const p = parseReportPeriod(code) as ReportPeriod;
    quarters.push(p);
    code = quarterCode(addDays(p.from, -1));
  }
  const year = Number(today.slice(0, 4));
  return [...quarters, parseReportPeriod(String(year)), parseReportPeriod(String(year - 1))].filter((p): p is ReportPeriod => !!p);
}

/** The latest period of a kind that has ended by `today` (the one a regulator checks first). */
export function lastEndedPeriod(today: CalendarDay, kind: ReportKind): ReportPeriod {
  if (kind === "annual") return parseReportPeriod(String(Number(today.slice(0, 4)) - 1)) as ReportPeriod;
  const current = parseReportPeriod(quarterCode(today)) as ReportPeriod;
  return parseReportPeriod(quarterCode(addDays(current.from, -1))) as ReportPeriod;
}

/** How the stats endpoint groups: direct child regions, GB/T 4754 divisions, 基础/现场 categories, enterprises. */
export const statsGroupings = ["region", "industry", "category", "enterprise"] as const;
export type StatsGrouping = (typeof statsGroupings)[number];
