import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { type CheckFrequency, countClosedPeriods, CheckFrequency as Frequency } from "../checks/schedule.js";
import { addDays, CalendarDate, type CalendarDay } from "../common/calendar.js";
import { PageQuery } from "../common/page.js";

/**
 * 企业自查 (issue 7 §6): an enterprise runs one of its checklists on a schedule — daily, weekly, monthly… by a person
 * or a post — with exactly the periods of the check tasks (domain/checks/schedule.ts). Each period is one
 * occurrence, done when the self-inspection started for it is finished by the period's last day.
 */
const Uuid = z.string().uuid();

export const SelfScheduleCreate = z.object({
  /** Administrators name the enterprise; an enterprise's administrator schedules for its own. */
  enterpriseId: Uuid.optional(),
  /** A published checklist visible to the enterprise (its own, a region's above it, or a built-in one). */
  checklistId: Uuid,
  title: z.string().trim().min(2).max(200),
  frequency: Frequency,
  assigneeUserId: Uuid.nullable().default(null),
  /** 岗位: a post named in text when no single account does it. */
  assigneePost: z.string().trim().min(1).max(100).nullable().default(null),
  /** Today or later: a back-dated start would count occurrences missed before the schedule existed. */
  startsOn: CalendarDate,
});
export type SelfScheduleCreate = z.infer<typeof SelfScheduleCreate>;

export const SelfScheduleUpdate = z.object({
  version: z.number().int(),
  title: z.string().trim().min(2).max(200).optional(),
  checklistId: Uuid.optional(),
  assigneeUserId: Uuid.nullable().optional(),
  assigneePost: z.string().trim().min(1).max(100).nullable().optional(),
});
export type SelfScheduleUpdate = z.infer<typeof SelfScheduleUpdate>;

export const SelfScheduleEnd = z.object({ version: z.number().int(), reason: z.string().trim().min(2).max(500) });
export type SelfScheduleEnd = z.infer<typeof SelfScheduleEnd>;

export const SelfScheduleListQuery = PageQuery.extend({
  /** Required for administrators and regulators; an enterprise user always sees its own. */
  enterprise: Uuid.optional(),
  /** `me`: the schedules the signed-in user does (by account). */
  assignee: z.union([z.literal("me"), Uuid]).optional(),
  active: z.enum(["true", "false", "all"]).default("true"),
});
export type SelfScheduleListQuery = z.infer<typeof SelfScheduleListQuery>;

/** The open occurrence: not begun, its inspection under way, or done. */
export const occurrenceStates = ["todo", "in_progress", "done"] as const;
export type OccurrenceState = (typeof occurrenceStates)[number];

const Period = z.object({ key: z.string(), start: z.string(), end: z.string() });

export const SelfOccurrence = Period.extend({
  state: z.enum(occurrenceStates),
  inspectionId: Uuid.nullable(),
});
export type SelfOccurrence = z.infer<typeof SelfOccurrence>;

/** A closed occurrence without an inspection finished in time; the one begun for it, if any (unfinished or late). */
export const SelfMissedOccurrence = Period.extend({ inspectionId: Uuid.nullable() });
export type SelfMissedOccurrence = z.infer<typeof SelfMissedOccurrence>;

export const SelfSchedule = z.object({
  id: Uuid,
  enterpriseId: Uuid,
  enterpriseName: z.string().nullable(),
  checklistId: Uuid,
  checklistName: z.string().nullable(),
  /** The version a start would use now (the newest published); null when the checklist is no longer usable. */
  checklistVersion: z.number().int().nullable(),
  title: z.string(),
  frequency: Frequency,
  assigneeUserId: Uuid.nullable(),
  assigneeName: z.string().nullable(),
  assigneePost: z.string().nullable(),
  startsOn: z.string(),
  endedOn: z.string().nullable(),
  /** The period containing today while the schedule runs; null before its start or once ended. */
  current: SelfOccurrence.nullable(),
  /** Closed occurrences since the start: due, done (finished within the period) and missed. */
  due: z.number().int(),
  done: z.number().int(),
  missed: z.number().int(),
  /** The latest missed occurrences, newest first (at most 10). */
  missedRecent: z.array(SelfMissedOccurrence),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SelfSchedule = z.infer<typeof SelfSchedule>;

export const SelfScheduleStarted = z.object({
  inspectionId: Uuid,
  periodKey: z.string(),
  /** false: the occurrence already had its inspection, which is returned. */
  created: z.boolean(),
});
export type SelfScheduleStarted = z.infer<typeof SelfScheduleStarted>;

export const SelfCompletionQuery = z
  .object({
    /** Region subtree; default the caller's own region (everything for an administrator). */
    region: RegionCode.optional(),
    /** Occurrences whose period ends from this day… (default 1 January of this year, Asia/Shanghai). */
    from: CalendarDate.optional(),
    /** …to this day (default today); only closed periods count. */
    to: CalendarDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "self_inspections.from_after_to" });
export type SelfCompletionQuery = z.infer<typeof SelfCompletionQuery>;

export const SelfCompletionRow = z.object({
  /** Child region code or enterprise id; "total" for the totals. */
  key: z.string(),
  label: z.string().nullable(),
  /** Schedules that had at least one occurrence due in the window. */
  schedules: z.number().int(),
  due: z.number().int(),
  done: z.number().int(),
  missed: z.number().int(),
  /** done ÷ due, 0–1; null when nothing was due. */
  rate: z.number().nullable(),
});
export type SelfCompletionRow = z.infer<typeof SelfCompletionRow>;

export const SelfCompletion = z.object({
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  total: SelfCompletionRow,
  byRegion: z.array(SelfCompletionRow),
  /** Enterprises with something due, lowest rate first (at most 500; the totals count them all). */
  byEnterprise: z.array(SelfCompletionRow.extend({ regionCode: z.string() })),
  truncated: z.boolean(),
});
export type SelfCompletion = z.infer<typeof SelfCompletion>;

/** The days a completion figure covers: periods ending in [from, to] that closed before today. */
export type CompletionWindow = { from: CalendarDay; to: CalendarDay; today: CalendarDay };

/**
 * Occurrences of a schedule due in a window: periods (counted from the one containing `startsOn`) whose last day
 * lies in [from, to], closed before today and before the day the schedule ended (ending stops accruing, as for
 * check tasks). Counted with countClosedPeriods, never by walking days.
 */
export function dueInWindow(
  s: { frequency: CheckFrequency; startsOn: CalendarDay; endedOn: CalendarDay | null },
  w: CompletionWindow,
): number {
  let until = addDays(w.to, 1);
  if (w.today < until) until = w.today;
  if (s.endedOn && s.endedOn < until) until = s.endedOn;
  if (until <= w.from) return 0;
  return Math.max(0, countClosedPeriods(s.frequency, s.startsOn, until) - countClosedPeriods(s.frequency, s.startsOn, w.from));
}

/** Missed and rate from due and done (done never exceeds due: a record outside the window is not counted). */
export function completionFigures(due: number, done: number): { due: number; done: number; missed: number; rate: number | null } {
  const d = Math.min(done, due);
  return { due, done: d, missed: due - d, rate: due ? d / due : null };
}

/** The open occurrence's state from the inspection started for it (if any). */
export function occurrenceState(inspection: { status: string } | null | undefined): OccurrenceState {
  if (!inspection) return "todo";
  return inspection.status === "finished" ? "done" : "in_progress";
}
