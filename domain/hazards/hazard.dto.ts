import { z } from "zod";
import { CalendarDate } from "../common/calendar.js";
import { PageQuery } from "../common/page.js";
import { escalationRungs } from "./escalation.js";
import { hazardActions, hazardCategories, hazardLevels, hazardSources, hazardStates, suspensionKinds } from "./hazard.js";
import { photoTypes } from "./photo.js";
import { Supervision, SupervisionLevel } from "./supervision.dto.js";

export const HazardLevel = z.enum(hazardLevels);
export const HazardState = z.enum(hazardStates);
export const HazardSource = z.enum(hazardSources);
export const HazardCategory = z.enum(Object.keys(hazardCategories) as [keyof typeof hazardCategories]);
export const Suspension = z.enum(suspensionKinds);

const Text = (max: number) => z.string().trim().min(1).max(max);

/** A photo as base64 (JPEG/PNG/WebP, ≤ 10 MB decoded); location metadata is removed unless `keepLocation`. */
export const PhotoUpload = z.object({
  contentType: z.enum(photoTypes),
  data: z.string().min(1).max(14_000_000),
  keepLocation: z.boolean().optional(),
});
export type PhotoUpload = z.infer<typeof PhotoUpload>;

/** WGS-84 within China's extent (as the enterprise registry bounds it); a point on the site plan as fractions 0–1. */
const Latitude = z.number().min(3).max(54);
const Longitude = z.number().min(73).max(136);
const PlanFraction = z.number().min(0).max(1);

/** GPS and the site-plan point each come as a pair: both or neither (null clears a pair in an update). */
function placePairs(
  v: { latitude?: number | null; longitude?: number | null; planX?: number | null; planY?: number | null },
  ctx: z.RefinementCtx,
) {
  const pairs = [
    ["latitude", "longitude", "hazards.place.gps_pair"],
    ["planX", "planY", "hazards.place.plan_pair"],
  ] as const;
  for (const [a, b, message] of pairs) {
    const [x, y] = [v[a], v[b]];
    if ((x === undefined) !== (y === undefined) || (x === null) !== (y === null)) {
      ctx.addIssue({ code: "custom", path: [x === undefined || x === null ? a : b], message });
    }
  }
}

/** Register a hazard (三-tap report: photo, place, one line; the rest may follow). */
export const HazardCreate = z
  .object({
    enterpriseId: z.string().uuid(),
    description: Text(2000),
    location: Text(200),
    source: HazardSource,
    /** The originating record (tip-off number, sensor alarm id…). */
    sourceRef: z.string().trim().max(100).nullable().optional(),
    category: HazardCategory.default("site_management"),
    subType: z.string().trim().max(40).nullable().optional(),
    level: HazardLevel.default("general"),
    /** A 判定标准 item (criteria library id): choosing one makes the hazard 重大 (R2). */
    criterionId: z.string().max(40).nullable().optional(),
    /** Why an inspector grades 重大 without a criterion match (R2). */
    majorReason: z.string().trim().max(1000).nullable().optional(),
    photos: z.array(PhotoUpload).max(4).default([]),
    /** The reporter's position (WGS-84), only when they chose to share it. */
    latitude: Latitude.nullable().optional(),
    longitude: Longitude.nullable().optional(),
    /** A point on the enterprise's site plan (risk module), fractions of its width and height. */
    planX: PlanFraction.nullable().optional(),
    planY: PlanFraction.nullable().optional(),
  })
  .superRefine(placePairs);
export type HazardCreate = z.infer<typeof HazardCreate>;

/**
 * 完善信息: the enterprise or a regulator completes a three-tap report while the hazard is open. Absent = unchanged,
 * null = cleared. Rules (R1, R2) in hazards.service.ts completeHazardDetails: a criterion makes it 重大; 重大 without
 * a criterion (with majorReason) and 重大 → 一般 (with `note`) are a regulator's decisions.
 */
export const HazardDetailsUpdate = z
  .object({
    version: z.number().int().min(1),
    location: Text(200).optional(),
    category: HazardCategory.optional(),
    subType: z.string().trim().max(40).nullable().optional(),
    level: HazardLevel.optional(),
    criterionId: z.string().max(40).nullable().optional(),
    majorReason: z.string().trim().max(1000).nullable().optional(),
    latitude: Latitude.nullable().optional(),
    longitude: Longitude.nullable().optional(),
    planX: PlanFraction.nullable().optional(),
    planY: PlanFraction.nullable().optional(),
    /** Why: required when a regulator downgrades 重大 → 一般; shown on the timeline. */
    note: z.string().trim().max(1000).optional(),
  })
  .superRefine(placePairs);
export type HazardDetailsUpdate = z.infer<typeof HazardDetailsUpdate>;

export const HazardListQuery = PageQuery.extend({
  region: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/)
    .optional(),
  enterprise: z.string().uuid().optional(),
  level: HazardLevel.optional(),
  state: HazardState.optional(),
  source: HazardSource.optional(),
  category: HazardCategory.optional(),
  /** Open with its deadline passed (Asia/Shanghai). */
  overdue: z.enum(["true", "false"]).optional(),
  /** Substring of the description (Chinese). */
  q: z.string().trim().max(100).optional(),
  /** Only hazards not yet closed (reported, rectifying, overdue, awaiting acceptance): the work still to do. */
  open: z.enum(["true", "false"]).optional(),
  /** `me`: awaiting acceptance by the caller — the ones the caller may sign off (销号). */
  acceptableBy: z.literal("me").optional(),
  /** `true`: under an active 挂牌督办 listing (R10); `false`: not listed. */
  supervised: z.enum(["true", "false"]).optional(),
  /** `deadline`: soonest deadline first (no deadline last); default newest first. */
  sort: z.enum(["newest", "deadline"]).default("newest"),
});
export type HazardListQuery = z.infer<typeof HazardListQuery>;

/** 五落实 / six-part plan as submitted (rules in planProblems, so the answer names every missing part). */
export const HazardPlanInput = z.object({
  measures: z.string().trim().max(4000).nullable().optional(),
  responsibleName: z.string().trim().max(50).nullable().optional(),
  responsiblePhone: z.string().trim().max(30).nullable().optional(),
  /** Yuan, at most 2 decimals ("12000", "350.50"). */
  funds: z
    .union([z.string().trim().max(20), z.number()])
    .nullable()
    .optional(),
  deadline: z.string().max(10).nullable().optional(),
  contingency: z.string().trim().max(4000).nullable().optional(),
  goal: z.string().trim().max(2000).nullable().optional(),
  materials: z.string().trim().max(2000).nullable().optional(),
  organisation: z.string().trim().max(2000).nullable().optional(),
  requirements: z.string().trim().max(2000).nullable().optional(),
  suspension: Suspension.nullable().optional(),
});
export type HazardPlanInput = z.infer<typeof HazardPlanInput>;

export const HazardPlan = z.object({
  measures: z.string(),
  responsibleName: z.string(),
  responsiblePhone: z.string().nullable(),
  /** Yuan with two decimals, exact (stored as integer fen). */
  funds: z.string().nullable(),
  deadline: CalendarDate,
  contingency: z.string().nullable(),
  goal: z.string().nullable(),
  materials: z.string().nullable(),
  organisation: z.string().nullable(),
  requirements: z.string().nullable(),
  suspension: Suspension.nullable(),
});
export type HazardPlan = z.infer<typeof HazardPlan>;

const Version = z.number().int().min(1);
export const HazardTransition = z.discriminatedUnion("action", [
  z.object({ action: z.literal("set_plan"), version: Version, plan: HazardPlanInput }),
  z.object({
    action: z.literal("submit"),
    version: Version,
    rectification: Text(4000),
    photos: z.array(PhotoUpload).min(1).max(4),
  }),
  z.object({ action: z.literal("accept"), version: Version, note: z.string().trim().max(1000).optional() }),
  z.object({ action: z.literal("reject"), version: Version, reason: Text(1000) }),
  z.object({ action: z.literal("void"), version: Version, reason: Text(1000) }),
  z.object({
    action: z.literal("fix_on_spot"),
    version: Version,
    rectification: Text(4000),
    photos: z.array(PhotoUpload).min(1).max(4),
  }),
]);
export type HazardTransition = z.infer<typeof HazardTransition>;
export const HazardAction = z.enum(hazardActions);

export const HazardPhotoInfo = z.object({
  id: z.string().uuid(),
  phase: z.enum(["before", "after"]),
  contentType: z.string(),
  bytes: z.number().int(),
  locationKept: z.boolean(),
});

export const HazardEvent = z.object({
  id: z.string().uuid(),
  action: z.string(),
  fromState: HazardState.nullable(),
  toState: HazardState,
  actorName: z.string(),
  actorRole: z.string().nullable(),
  note: z.string().nullable(),
  /** For `classify`: the fields that changed (location, category, subType, level, criterionId, majorReason, gps, plan). */
  changed: z.array(z.string()).optional(),
  at: z.string(),
});

export const Hazard = z.object({
  id: z.string().uuid(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  description: z.string(),
  location: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  planX: z.number().nullable(),
  planY: z.number().nullable(),
  source: HazardSource,
  sourceRef: z.string().nullable(),
  category: HazardCategory,
  subType: z.string().nullable(),
  level: HazardLevel,
  criterionId: z.string().nullable(),
  criterionRef: z.string().nullable(),
  majorReason: z.string().nullable(),
  state: HazardState,
  plan: HazardPlan.nullable(),
  deadline: z.string().nullable(),
  rectification: z.string().nullable(),
  acceptedByRegulator: z.boolean(),
  /** The active 挂牌督办 listing's level and deadline (R10), null when not listed. */
  supervisionLevel: SupervisionLevel.nullable(),
  supervisionDeadline: z.string().nullable(),
  /** The highest R12 escalation rung fired (domain/hazards/escalation.ts); null before any. */
  escalationRung: z.enum(escalationRungs).nullable(),
  foundByName: z.string(),
  foundByRole: z.string().nullable(),
  reportedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Hazard = z.infer<typeof Hazard>;

export const HazardDetail = Hazard.extend({
  photos: z.array(HazardPhotoInfo),
  timeline: z.array(HazardEvent),
  /** Every 挂牌督办 listing of the hazard, newest first (at most one active). */
  supervisions: z.array(Supervision),
});
export type HazardDetail = z.infer<typeof HazardDetail>;

export const CriterionItemDto = z.object({
  id: z.string(),
  standard: z.string(),
  docNo: z.string(),
  version: z.string(),
  article: z.string().nullable(),
  item: z.number().int(),
  ref: z.string(),
  text: z.string(),
  scope: z.string().nullable(),
  complete: z.boolean(),
});
