import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { CalendarDate } from "../common/calendar.js";
import { inspectionKinds } from "./inspection.js";

/**
 * 检查统计 (issue 7 §7): per region subtree and department for a period — inspections by kind, enterprises covered,
 * coverage of the approved annual plans, hazards found per inspection, 重大 found, and for double-random draws the
 * share of drawn enterprises inspected.
 */
export const inspectionStatsGroupings = ["region", "department"] as const;

export const InspectionStatsQuery = z
  .object({
    /** Region subtree; default the caller's own region (everything for an administrator). */
    region: RegionCode.optional(),
    /** Default 1 January of this year (Asia/Shanghai). */
    from: CalendarDate.optional(),
    /** Default today. */
    to: CalendarDate.optional(),
    /** Only this department's inspections, plans and draws. */
    department: z.string().uuid().optional(),
    groupBy: z.enum(inspectionStatsGroupings).default("region"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "inspections.stats.from_after_to" });
export type InspectionStatsQuery = z.infer<typeof InspectionStatsQuery>;

export const InspectionKindCounts = z.object(
  Object.fromEntries(inspectionKinds.map((k) => [k, z.number().int()])) as {
    [K in (typeof inspectionKinds)[number]]: z.ZodNumber;
  },
);
export type InspectionKindCounts = z.infer<typeof InspectionKindCounts>;

export const InspectionStatsFigures = z.object({
  /** Inspections started in the period, every kind (自查 `self` included). */
  byKind: InspectionKindCounts,
  /** Supervisory inspections (every kind but `self`) started in the period, and how many of them are finished. */
  inspections: z.number().int(),
  finished: z.number().int(),
  /** Distinct enterprises a supervisory inspection was started on in the period. */
  enterprisesCovered: z.number().int(),
  /** Enterprises on the register (not closed) in the group's region today; null when grouped by department. */
  enterprises: z.number().int().nullable(),
  coverageRate: z.number().nullable(),
  /** Items of approved annual plans whose month falls in the period, and those done (a finished inspection linked). */
  planDue: z.number().int(),
  planDone: z.number().int(),
  planRate: z.number().nullable(),
  /** Hazards raised by the finished supervisory inspections; per finished inspection; of them 重大. */
  hazardsFound: z.number().int(),
  hazardsPerInspection: z.number().nullable(),
  majorFound: z.number().int(),
  /** 双随机: drawn enterprises with a finished double-random inspection started in the period (distinct draw and enterprise). */
  doubleRandomDone: z.number().int(),
});
export type InspectionStatsFigures = z.infer<typeof InspectionStatsFigures>;

export const InspectionStatsGroup = InspectionStatsFigures.extend({
  /** Child region code or department id; null = not recorded (no department). */
  key: z.string().nullable(),
  label: z.string().nullable(),
});
export type InspectionStatsGroup = z.infer<typeof InspectionStatsGroup>;

/**
 * Draws executed in the period by bodies of the region subtree (and the department): enterprises drawn, and of them
 * inspected (a finished inspection linked to that draw, whenever), and of those the results published on time (R7):
 * public from the inspection's end (or the 四不两直 draw's reveal date, if later) within 20 working days. Null is
 * kept in the type for compatibility; it is always a count now.
 */
export const DoubleRandomFigures = z.object({
  draws: z.number().int(),
  drawn: z.number().int(),
  inspected: z.number().int(),
  inspectedRate: z.number().nullable(),
  publishedOnTime: z.number().int().nullable(),
});
export type DoubleRandomFigures = z.infer<typeof DoubleRandomFigures>;

export const InspectionStats = z.object({
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  department: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(inspectionStatsGroupings),
  totals: InspectionStatsFigures,
  groups: z.array(InspectionStatsGroup),
  doubleRandom: DoubleRandomFigures,
});
export type InspectionStats = z.infer<typeof InspectionStats>;

/** A share (0–1) or null when nothing was due. */
export const shareOf = (part: number, whole: number): number | null => (whole ? part / whole : null);
