import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { CalendarDate } from "../common/calendar.js";

/**
 * 执法统计 (issue 8 §6): per region subtree, department and period — inspections with violations, cases opened,
 * orders, re-inspections, penalties (count, total and average fine), daily fines, suspensions, cases closed within
 * the decision deadline and the 五个一批 tags (enforcement.md R8) as counts. Amounts in yuan.
 */
export const caseStatsGroupings = ["region", "department"] as const;

export const CaseStatsQuery = z
  .object({
    /** Region subtree (by the enterprise's region); default the caller's own region (everything for an administrator). */
    region: RegionCode.optional(),
    /** Only this department's cases. */
    departmentId: z.string().uuid().optional(),
    /** Default 1 January of this year (Asia/Shanghai). */
    from: CalendarDate.optional(),
    /** Default today. */
    to: CalendarDate.optional(),
    groupBy: z.enum(caseStatsGroupings).default("region"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "enforcement.stats.from_after_to" });
export type CaseStatsQuery = z.infer<typeof CaseStatsQuery>;

/** Every figure counts what happened on an event day (`on`) inside the period; see domain/enforcement/stats.ts. */
export const CaseStatsFigures = z.object({
  /** Regulator inspections finished in the period from which a case was opened (violations put on record). */
  inspectionsWithViolations: z.number().int(),
  casesOpened: z.number().int(),
  ordersIssued: z.number().int(),
  /** Re-inspections (整改复查) finding the order complied with / not complied with. */
  rectified: z.number().int(),
  notRectified: z.number().int(),
  /** Penalty decisions (general and simple procedure, daily fines included) that still stand (not revoked). */
  penalties: z.number().int(),
  /** Of them, decisions imposing a fine; the total of their fines and the average per such decision (yuan). */
  fined: z.number().int(),
  fineTotal: z.number(),
  fineAverage: z.number().nullable(),
  /** 按日连续处罚 decisions (R4) and their total (yuan); part of `penalties` too. */
  dailyFines: z.number().int(),
  dailyFineTotal: z.number(),
  /** Decisions with a suspension item + on-site measures suspending production (R5). */
  suspensions: z.number().int(),
  casesClosed: z.number().int(),
  /** Closed cases whose every penalty round was decided (or the case closed) on or before its decision deadline. */
  closedWithinDeadline: z.number().int(),
  /** 五个一批 (R8): cases that earned each tag in the period, by tag key. */
  fiveBatch: z.record(z.string(), z.number().int()),
});
export type CaseStatsFigures = z.infer<typeof CaseStatsFigures>;

export const CaseStatsGroup = CaseStatsFigures.extend({
  /** Child region code or department id. */
  key: z.string().nullable(),
  label: z.string().nullable(),
});
export type CaseStatsGroup = z.infer<typeof CaseStatsGroup>;

export const CaseStats = z.object({
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(caseStatsGroupings),
  /** The deployment's 五个一批 tags, in order (the keys of `fiveBatch`). */
  tags: z.array(z.object({ key: z.string(), label: z.string() })),
  totals: CaseStatsFigures,
  groups: z.array(CaseStatsGroup),
});
export type CaseStats = z.infer<typeof CaseStats>;
