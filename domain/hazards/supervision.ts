import type { Role } from "../access/roles.js";
import { addDays, type CalendarDay, daysBetween, type WorkCalendar } from "../common/calendar.js";

/**
 * 挂牌督办 listed supervision (R10; 安全生产法 Art. 41 ¶3): a regulator lists a 重大 hazard at a level, naming the
 * supervising unit, the deadline and the requirements. The rules here are pure and shared with the web client.
 */
export const supervisionLevels = ["county", "city", "province"] as const;
export type SupervisionLevel = (typeof supervisionLevels)[number];

/** listed → completion_reported → delisted (摘牌); a rejected completion report goes back to listed. */
export const supervisionStatuses = ["listed", "completion_reported", "delisted"] as const;
export type SupervisionStatus = (typeof supervisionStatuses)[number];
export const activeSupervisionStatuses: readonly SupervisionStatus[] = ["listed", "completion_reported"];

/**
 * The listing's workflow as data (applied server-side with applyTransition, guarded by status and version).
 * Reporting completion waits for the hazard's own submission (awaiting acceptance); rejecting it sends both back.
 */
export const supervisionMachine = {
  name: "hazard_supervision",
  states: supervisionStatuses,
  transitions: {
    report_completion: { from: ["listed"], to: "completion_reported" },
    delist: { from: ["completion_reported"], to: "delisted" },
    reject_completion: { from: ["listed", "completion_reported"], to: "listed" },
    // The hazard was voided (unfounded): the listing is lifted without a completion report.
    lift: { from: ["listed", "completion_reported"], to: "delisted" },
  },
} as const satisfies {
  name: string;
  states: readonly SupervisionStatus[];
  transitions: Record<string, { from: readonly SupervisionStatus[]; to: SupervisionStatus }>;
};

/** R9: the treatment is evaluated by the enterprise's own technical staff and experts, or by a qualified agency. */
export const evaluatorKinds = ["own_experts", "agency"] as const;
export type EvaluatorKind = (typeof evaluatorKinds)[number];

export const resumptionDecisions = ["approved", "refused"] as const;
export type ResumptionDecision = (typeof resumptionDecisions)[number];

/** GB/T 2260 code length of each level's regions (a listing's unit sits at that level). */
export const levelCodeLength: Record<SupervisionLevel, number> = { county: 6, city: 4, province: 2 };
const rank: Record<SupervisionLevel, number> = { county: 1, city: 2, province: 3 };

/** The supervision level of a regulator bound to `regionCode` (township and village regulators have none). */
export function supervisionLevelOfRegion(regionCode: string | null | undefined): SupervisionLevel | null {
  if (!regionCode) return null;
  const found = (Object.entries(levelCodeLength) as [SupervisionLevel, number][]).find(([, n]) => n === regionCode.length);
  return found ? found[0] : null;
}

type Lister = { role: Role; regionCode: string | null };

/**
 * Levels `actor` may list at: a county regulator at county, a city regulator at city (R10: the level is the
 * supervising body's own); an administrator any; nobody else.
 */
export function listableLevels(actor: Lister): SupervisionLevel[] {
  if (actor.role === "admin") return [...supervisionLevels];
  if (actor.role !== "regulator_leader" && actor.role !== "regulator_inspector") return [];
  const own = supervisionLevelOfRegion(actor.regionCode);
  return own ? [own] : [];
}

/** The lister's own level; R10's default (county) for an administrator. */
export function defaultListingLevel(actor: Lister): SupervisionLevel | null {
  if (actor.role === "admin") return "county";
  return listableLevels(actor)[0] ?? null;
}

/**
 * Whether `actor` acts for a listing at `level` over a hazard in `hazardRegion` (completion review, resumption
 * decision, 摘牌): a regulator whose region contains the hazard, at the listing's level or above; an administrator.
 */
export function actsForListing(actor: Lister, level: SupervisionLevel, hazardRegion: string): boolean {
  if (actor.role === "admin") return true;
  if (actor.role !== "regulator_leader" && actor.role !== "regulator_inspector") return false;
  if (!actor.regionCode || !hazardRegion.startsWith(actor.regionCode)) return false;
  const own = supervisionLevelOfRegion(actor.regionCode); // null below county (township, village)
  return (own ? rank[own] : 0) >= rank[level];
}

/**
 * Whether a regulator's listing at `level` takes over the active one (R10, R12): a higher level raises it; the
 * automatic listing made on confirmation is taken over at its own level too, the regulator then setting the unit,
 * deadline, requirements and suspension. A regulator's own listing at the same or a higher level stays (409).
 */
export function supersedesListing(current: { level: SupervisionLevel; automatic: boolean }, level: SupervisionLevel): boolean {
  return rank[level] > rank[current.level] || (current.automatic && rank[level] === rank[current.level]);
}

/** The supervising unit's region: the hazard's ancestor at the listing's level. */
export function unitRegionOf(hazardRegion: string, level: SupervisionLevel): string {
  return hazardRegion.slice(0, levelCodeLength[level]);
}

/** Default supervising unit name: the region's 安委办 (安全生产委员会办公室), which issues 挂牌督办 notices. */
export function defaultUnitName(regionName: string): string {
  return `${regionName}安全生产委员会办公室`;
}

/**
 * The deployment's calendar as the R9 review reads it: only its rest days (`holidays`) extend a period ending on them
 * (民法典 Art. 203: a period whose last day is a statutory holiday ends on the day after the holiday); weekends and
 * 调休 `workdays` do not matter to a calendar-day period. Default none (see hazards.md Open points).
 */
export type ReviewCalendar = WorkCalendar;

/**
 * 16号令 Art. 23 (R9): the on-site review of a resumption application is due within 10 days of receipt, counted
 * from the day after receipt (民法典 Art. 201), so an application received 2026-03-02 is due 2026-03-12 (example 7).
 */
export function resumptionReviewDue(received: CalendarDay, calendar: ReviewCalendar = {}): CalendarDay {
  let due = addDays(received, 10);
  const holidays = new Set(calendar.holidays ?? []);
  while (holidays.has(due)) due = addDays(due, 1);
  return due;
}

/** Days left to a listing's deadline on `today` (0 on the day, negative once past) — the board's countdown. */
export function daysLeft(deadline: CalendarDay, today: CalendarDay): number {
  return daysBetween(today, deadline);
}
