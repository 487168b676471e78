import { z } from "zod";
import { type CalendarDay, daysBetween, shanghaiDay } from "../common/calendar.js";
import type { HazardLevel } from "./hazard.js";

/**
 * R12 escalation ladder for hazards not accepted by their rectification deadline D. o = days overdue =
 * today − D in Asia/Shanghai calendar days; a rung is due once o reaches its offset (a reminder's offset is
 * negative: D−3 is o = −3). Every number is our default, deployment-configurable (shared/domain/hazards.md,
 * Open points: the seeds give no day counts). Each rung fires once per hazard; the job stores what fired.
 */
export const generalRungs = ["reminder", "o1", "o3", "o15", "o31"] as const;
export const majorRungs = ["major_reminder", "major_o1", "major_o15"] as const;
export const escalationRungs = [...generalRungs, ...majorRungs] as const;
export type EscalationRung = (typeof escalationRungs)[number];

/** Day counts of the ladder: reminders in days before D, the rest in days overdue. */
export const EscalationDays = z
  .object({
    reminder: z.number().int().min(0).max(60),
    o1: z.number().int().min(1).max(365),
    o3: z.number().int().min(1).max(365),
    o15: z.number().int().min(1).max(365),
    o31: z.number().int().min(1).max(730),
    major_reminder: z.number().int().min(0).max(60),
    major_o1: z.number().int().min(1).max(365),
    major_o15: z.number().int().min(1).max(730),
  })
  .refine((d) => d.o1 < d.o3 && d.o3 < d.o15 && d.o15 < d.o31, { message: "o1 < o3 < o15 < o31", path: ["o3"] })
  .refine((d) => d.major_o1 < d.major_o15, { message: "major_o1 < major_o15", path: ["major_o15"] });
export type EscalationDays = z.infer<typeof EscalationDays>;

/** R12 defaults: 一般 D−3 reminder, o ≥ 1 / 3 / 15 / 31; 重大 D−7 reminder, o ≥ 1 / 15. */
export const defaultEscalationDays: EscalationDays = {
  reminder: 3,
  o1: 1,
  o3: 3,
  o15: 15,
  o31: 31,
  major_reminder: 7,
  major_o1: 1,
  major_o15: 15,
};

export type RungDefinition = { rung: EscalationRung; level: HazardLevel; reminder: boolean; offset: number };
export type EscalationLadder = { general: RungDefinition[]; major: RungDefinition[] };

/** The ladder as data, lowest rung first. */
export function escalationLadder(days: EscalationDays = defaultEscalationDays): EscalationLadder {
  return {
    general: [
      { rung: "reminder", level: "general", reminder: true, offset: -days.reminder },
      { rung: "o1", level: "general", reminder: false, offset: days.o1 },
      { rung: "o3", level: "general", reminder: false, offset: days.o3 },
      { rung: "o15", level: "general", reminder: false, offset: days.o15 },
      { rung: "o31", level: "general", reminder: false, offset: days.o31 },
    ],
    major: [
      { rung: "major_reminder", level: "major", reminder: true, offset: -days.major_reminder },
      { rung: "major_o1", level: "major", reminder: false, offset: days.major_o1 },
      { rung: "major_o15", level: "major", reminder: false, offset: days.major_o15 },
    ],
  };
}

export const defaultLadder = escalationLadder();

/**
 * Overrides as a deployment writes them, e.g. "o3=5,o15=20,major_reminder=10"; the rest keep the defaults.
 * Returns the problem as text when the string is malformed or the ladder would not climb.
 */
export function parseEscalationDays(text: string): { days: EscalationDays } | { error: string } {
  return parseLadderDays(text, defaultEscalationDays, EscalationDays);
}

/**
 * Day-count overrides "<key>=<days>,…" over `defaults`, checked by `schema` (which says how the ladder must climb).
 * Any overdue ladder's parser: the hazards' ESCALATION_DAYS and the case clocks' (domain/enforcement/escalation.ts).
 */
export function parseLadderDays<T extends Record<string, number>>(
  text: string,
  defaults: T,
  schema: z.ZodType<T>,
): { days: T } | { error: string } {
  const out: Record<string, number> = { ...defaults };
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z_0-9]+)\s*=\s*(\d{1,3})$/.exec(part);
    const key = m?.[1] ?? "";
    if (!m || !Object.hasOwn(defaults, key)) {
      return { error: `"${part}": expected <rung>=<days>, rungs ${Object.keys(defaults).join(", ")}` };
    }
    out[key] = Number(m[2]);
  }
  const parsed = schema.safeParse(out);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { days: parsed.data };
}

/** Days overdue (negative before the deadline, 0 on it). */
export const daysOverdue = (deadline: CalendarDay, today: CalendarDay) => daysBetween(deadline, today);

/**
 * The rungs of an overdue ladder (no reminders) reached on `today`, lowest first: every rung whose offset the days
 * overdue have reached, so a missed run catches up. The case clocks' ladder (domain/enforcement/escalation.ts).
 */
export function overdueRungsReached<R extends string>(
  ladder: readonly { rung: R; offset: number }[],
  deadline: CalendarDay,
  today: CalendarDay,
): R[] {
  const o = daysOverdue(deadline, today);
  return ladder.filter((r) => o >= r.offset).map((r) => r.rung);
}

/**
 * The rungs due for a hazard of `level` with deadline D on `today`, lowest first: every overdue rung whose
 * offset o has reached (a run that was missed catches up), and the reminder only from D−n up to D — once the
 * deadline has passed a "deadline approaching" reminder would be false, the o-rungs take over.
 *
 * A repeated hazard (长期反复, R12) enters at the next rung: from the first overdue rung on, the rung above it
 * is due as well (一般 o ≥ 1 also fires o3; 重大 o ≥ 1 also fires major_o15). Only the entry moves up; the
 * rungs after it keep their day counts. Reminders are not part of the overdue ladder and do not move.
 */
export function rungsDue(
  level: HazardLevel,
  deadline: CalendarDay,
  today: CalendarDay,
  ladder: EscalationLadder = defaultLadder,
  opts: { repeated?: boolean } = {},
): EscalationRung[] {
  const o = daysOverdue(deadline, today);
  const entry = ladder[level].filter((r) => !r.reminder).slice(0, 2);
  const raised = opts.repeated && entry[0] && o >= entry[0].offset ? entry[1]?.rung : undefined;
  return ladder[level].filter((r) => (o >= r.offset && (!r.reminder || o <= 0)) || r.rung === raised).map((r) => r.rung);
}

/** The rung a repeated hazard's entry raises it to (the one above the first overdue rung), if any. */
export function repeatEntryRungs(
  level: HazardLevel,
  ladder: EscalationLadder = defaultLadder,
): { entry: RungDefinition; next: RungDefinition } | null {
  const [entry, next] = ladder[level].filter((r) => !r.reminder);
  return entry && next ? { entry, next } : null;
}

/**
 * 长期反复 (R12): "same enterprise, same criterion item, again within 365 days". What a hazard is compared by:
 * its 判定标准 item when it has one; without one (一般 hazards, and 重大 graded by an inspector's reason) —
 * deployment default, ours — the same category, sub-type and place (location text with white space removed).
 * A hazard with a criterion item is only compared with hazards of the same item; one with neither an item nor a
 * sub-type (a three-tap report not yet completed) says too little to be compared at all.
 */
export type RepeatFacts = {
  id: string;
  enterpriseId: string;
  criterionId: string | null;
  category: string;
  subType: string | null;
  location: string;
  reportedAt: Date;
  status: string;
};

/** Days back (Asia/Shanghai calendar days between the two reports) that still count as "again" (inclusive). */
export const repeatWindowDays = 365;

export function repeatKey(h: Pick<RepeatFacts, "criterionId" | "category" | "subType" | "location">): string | null {
  if (h.criterionId) return `criterion:${h.criterionId}`;
  if (!h.subType) return null;
  return `place:${h.category}|${h.subType}|${h.location.replace(/\s+/g, "")}`;
}

/**
 * The earlier hazard `h` repeats, or undefined: same enterprise and key, reported before it (an earlier instant)
 * and at most 365 calendar days before its report day; a voided hazard (unfounded) is no precedent.
 */
export function repeatedFrom(h: RepeatFacts, earlier: readonly RepeatFacts[]): RepeatFacts | undefined {
  const key = repeatKey(h);
  if (key === null) return undefined;
  const day = shanghaiDay(h.reportedAt);
  return earlier.find(
    (e) =>
      e.id !== h.id &&
      e.enterpriseId === h.enterpriseId &&
      e.status !== "voided" &&
      e.reportedAt.getTime() < h.reportedAt.getTime() &&
      daysBetween(shanghaiDay(e.reportedAt), day) <= repeatWindowDays &&
      repeatKey(e) === key,
  );
}

/** Rank of a rung on its ladder (for keeping the highest fired one on the hazard). */
export function rungRank(rung: EscalationRung): number {
  const g = (generalRungs as readonly string[]).indexOf(rung);
  return g >= 0 ? g : (majorRungs as readonly string[]).indexOf(rung);
}

/** How far ahead of a deadline the job must look (the earliest reminder). */
export function lookaheadDays(ladder: EscalationLadder = defaultLadder): number {
  return Math.max(0, ...[...ladder.general, ...ladder.major].map((r) => -r.offset));
}
