import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { PageQuery } from "../common/page.js";
import { keyReasons, maxPlanFrequency, planGroupKeys, planItemStatuses, raiseReasons } from "./plan.js";

export const PlanGroupKey = z.enum(planGroupKeys);
export const planStatuses = ["draft", "approved"] as const;
export const PlanStatus = z.enum(planStatuses);
export const PlanItemStatus = z.enum(planItemStatuses);

const Version = z.number().int().min(1);
const Month = z.number().int().min(1).max(12);
const Frequency = z.number().int().min(0).max(maxPlanFrequency);

/** A group's visits a year; groups not given keep the deployment's default (PLAN_FREQUENCIES). */
export const PlanGroupInput = z.object({ key: PlanGroupKey, frequency: Frequency });
const GroupsInput = z
  .array(PlanGroupInput)
  .max(planGroupKeys.length)
  .refine((gs) => new Set(gs.map((g) => g.key)).size === gs.length, "inspection_plan.group_repeated");

/** R6 留有余地: 0–90 % in whole percent (0.2 = 20 %). */
const ReserveShare = z
  .number()
  .min(0)
  .max(0.9)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, "inspection_plan.reserve_whole_percent");

const editable = {
  title: z.string().trim().min(2).max(100).optional(),
  reserveShare: ReserveShare.optional(),
  /** First month to plan (default: January, or this month for the current year). */
  fromMonth: Month.optional(),
  groups: GroupsInput.optional(),
};

/** Draft a year's plan: the region defaults to the regulator's own, the department is optional. */
export const InspectionPlanCreate = z.object({
  year: z.number().int().min(2000).max(2100),
  regionCode: RegionCode.optional(),
  departmentId: z.string().uuid().nullable().optional(),
  ...editable,
});
export type InspectionPlanCreate = z.infer<typeof InspectionPlanCreate>;

/** Re-draft (regenerate the items) while the plan is a draft. */
export const InspectionPlanRegenerate = z.object({ version: Version, ...editable });
export type InspectionPlanRegenerate = z.infer<typeof InspectionPlanRegenerate>;

export const InspectionPlanApprove = z.object({ version: Version });

/** Move a planned visit to another month and/or team, with the reason (audited; the plan's version guards it). */
export const PlanItemMove = z
  .object({
    version: Version,
    month: Month.optional(),
    /** Officers (user ids) holding an enforcement certificate, at least two. */
    team: z.array(z.string().uuid()).min(2).max(6).optional(),
    reason: z.string().trim().min(2).max(500),
  })
  .refine((v) => v.month !== undefined || v.team !== undefined, { message: "inspection_plan.move_nothing", path: ["month"] })
  .refine((v) => !v.team || new Set(v.team).size === v.team.length, { message: "inspection_plan.team_repeated", path: ["team"] });
export type PlanItemMove = z.infer<typeof PlanItemMove>;

export const InspectionPlanListQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: PlanStatus.optional(),
  region: RegionCode.optional(),
});
export type InspectionPlanListQuery = z.infer<typeof InspectionPlanListQuery>;

export const PlanItemsQuery = PageQuery.extend({
  month: z.coerce.number().int().min(1).max(12).optional(),
  /** County (6-digit code) of the enterprise. */
  county: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  group: PlanGroupKey.optional(),
  /** `due` includes the overdue ones (month current or past, not done). */
  status: PlanItemStatus.optional(),
});
export type PlanItemsQuery = z.infer<typeof PlanItemsQuery>;

export const PlanOfficer = z.object({ userId: z.string().uuid(), name: z.string(), certNo: z.string().nullable() });
export type PlanOfficer = z.infer<typeof PlanOfficer>;

export const InspectionPlan = z.object({
  id: z.string().uuid(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  departmentId: z.string().uuid().nullable(),
  departmentName: z.string().nullable(),
  year: z.number().int(),
  title: z.string(),
  status: PlanStatus,
  reserveShare: z.number(),
  fromMonth: z.number().int(),
  itemCount: z.number().int(),
  approvedById: z.string().uuid().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InspectionPlan = z.infer<typeof InspectionPlan>;

export const PlanProgressCounts = z.object({
  planned: z.number().int(),
  done: z.number().int(),
  /** Month current or past, not done (the overdue included). */
  due: z.number().int(),
  /** Month passed, not done. */
  overdue: z.number().int(),
});
export type PlanProgressCounts = z.infer<typeof PlanProgressCounts>;

/** A group as drafted: its frequency, members and visits, and how many members each reason put there. */
export const PlanGroup = z.object({
  key: PlanGroupKey,
  frequency: z.number().int(),
  enterprises: z.number().int(),
  visits: z.number().int(),
  keyReasons: z.array(z.object({ reason: z.enum(keyReasons), enterprises: z.number().int() })),
  raisedBy: z.array(z.object({ reason: z.enum(raiseReasons), enterprises: z.number().int() })),
});
export type PlanGroup = z.infer<typeof PlanGroup>;

export const PlanCapacity = z.object({
  inspectors: z.number().int(),
  teamSize: z.number().int(),
  visitsPerInspectorMonth: z.number().int(),
  months: z.number().int(),
  capacity: z.number().int(),
  reserve: z.number().int(),
  available: z.number().int(),
  planned: z.number().int(),
  overCapacity: z.boolean(),
  byMonth: z.array(z.object({ month: z.number().int(), planned: z.number().int(), available: z.number().int() })),
});

export const InspectionPlanDetail = InspectionPlan.extend({
  groups: z.array(PlanGroup),
  capacity: PlanCapacity,
  /** The officers the plan draws its teams from now, with their visits in this plan. */
  inspectors: z.array(PlanOfficer.extend({ visits: z.number().int(), inPool: z.boolean() })),
  progress: z.object({
    /** The plan's current month: 0 before its year, 13 after it. */
    currentMonth: z.number().int(),
    totals: PlanProgressCounts,
    months: z.array(PlanProgressCounts.extend({ month: z.number().int() })),
    counties: z.array(
      PlanProgressCounts.extend({
        code: z.string(),
        name: z.string().nullable(),
        months: z.array(PlanProgressCounts.extend({ month: z.number().int() })),
      }),
    ),
  }),
});
export type InspectionPlanDetail = z.infer<typeof InspectionPlanDetail>;

export const PlanItem = z.object({
  id: z.string().uuid(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string().nullable(),
  regionCode: z.string(),
  group: PlanGroupKey,
  month: z.number().int(),
  team: z.array(PlanOfficer),
  status: PlanItemStatus,
  /** The finished inspection that did this visit. */
  inspectionId: z.string().uuid().nullable(),
});
export type PlanItem = z.infer<typeof PlanItem>;

/** The deployment's defaults for the draft form. */
export const PlanDefaults = z.object({
  groups: z.array(PlanGroupInput),
  reserveShare: z.number(),
  visitsPerInspectorMonth: z.number().int(),
  teamSize: z.number().int(),
});
export type PlanDefaults = z.infer<typeof PlanDefaults>;
