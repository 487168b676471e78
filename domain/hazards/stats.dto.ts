import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { CalendarDate } from "../common/calendar.js";
import { PageQuery } from "../common/page.js";
import { ReportPeriodCode, reportKinds, reportStatuses, statsGroupings } from "./stats.js";

export const HazardStatsQuery = z
  .object({
    /** Region subtree; default the caller's own region (everything for an administrator). */
    region: RegionCode.optional(),
    /** Default 1 January of this year (Asia/Shanghai). */
    from: CalendarDate.optional(),
    /** Default today. */
    to: CalendarDate.optional(),
    groupBy: z.enum(statsGroupings).default("region"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "hazards.stats.from_after_to" });
export type HazardStatsQuery = z.infer<typeof HazardStatsQuery>;

const StatsFigures = z.object({
  found: z.number().int(),
  foundClosed: z.number().int(),
  rectified: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  open: z.number().int(),
  openMajor: z.number().int(),
  overdue: z.number().int(),
  rectificationRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  cleared: z.boolean(),
});

export const HazardStatsGroup = StatsFigures.extend({
  /** Child region code, industry division (2 digits), category key or enterprise id; null = not recorded. */
  key: z.string().nullable(),
  /** Region, industry or enterprise name; null for categories (labelled by the client) and unknown keys. */
  label: z.string().nullable(),
});
export type HazardStatsGroup = z.infer<typeof HazardStatsGroup>;

export const HazardStatsResult = z.object({
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  from: z.string(),
  to: z.string(),
  /** The day the open/overdue/清零 figures describe: min(to, today). */
  endDay: z.string(),
  groupBy: z.enum(statsGroupings),
  totals: StatsFigures,
  groups: z.array(HazardStatsGroup),
  /** Enterprise groups beyond the first 500 (by found, then open) are left out; the totals still count them. */
  truncated: z.boolean(),
});
export type HazardStatsResult = z.infer<typeof HazardStatsResult>;

export const ReportStatusDto = z.enum(reportStatuses);

/** The figures frozen into a submitted report (and shown live before submission). */
export const ReportFigures = z.object({
  total: StatsFigures,
  general: StatsFigures,
  major: StatsFigures,
  /** Open at the end with a treatment plan (五落实) set. */
  openWithPlan: z.number().int(),
  /** Planned funds (yuan, exact) of the hazards rectified in the period, and of those still open. */
  fundsRectified: z.string(),
  fundsOpen: z.string(),
  /** The open 重大 hazards at the end, with their plans (16号令 Art. 14 ¶2 asks for their state). */
  openMajorHazards: z.array(
    z.object({
      description: z.string(),
      reportedOn: z.string(),
      deadline: z.string().nullable(),
      responsibleName: z.string().nullable(),
      funds: z.string().nullable(),
      state: z.string(),
    }),
  ),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const HazardReportSubmission = z.object({
  principalName: z.string(),
  submittedByName: z.string(),
  submittedAt: z.string(),
  onTime: z.boolean(),
});

export const HazardReportPeriod = z.object({
  period: z.string(),
  kind: z.enum(reportKinds),
  from: z.string(),
  to: z.string(),
  dueOn: z.string(),
  status: ReportStatusDto,
  submission: HazardReportSubmission.nullable(),
});
export type HazardReportPeriod = z.infer<typeof HazardReportPeriod>;

export const HazardReportSubmit = z.object({ principalName: z.string().trim().min(1).max(50) });
export type HazardReportSubmit = z.infer<typeof HazardReportSubmit>;

export const HazardReportsQuery = PageQuery.extend({
  region: RegionCode.optional(),
  period: ReportPeriodCode,
});
export type HazardReportsQuery = z.infer<typeof HazardReportsQuery>;

export const HazardReportsOverview = z.object({
  period: HazardReportPeriod.omit({ status: true, submission: true }),
  /** Enterprises in the region (all pages) and how many submitted, on time. */
  enterprises: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  items: z.array(
    z.object({
      enterpriseId: z.string().uuid(),
      enterpriseName: z.string(),
      regionCode: z.string(),
      status: ReportStatusDto,
      submission: HazardReportSubmission.nullable(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type HazardReportsOverview = z.infer<typeof HazardReportsOverview>;
