import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { isCalendarDay, isoWeekday } from "../common/calendar.js";
import { PageQuery } from "../common/page.js";
import { HazardLevel, HazardState } from "./hazard.dto.js";

/**
 * 每周曝光 (R12, seed 001): escalation rungs that make an open hazard a weekly-exposure candidate — a general
 * hazard 3 days overdue and beyond, a major hazard once overdue. Rung names as the escalation job writes them.
 */
export const exposureRungs = ["o3", "o15", "o31", "major_o1", "major_o15"] as const;

export const exposureListStates = ["draft", "published"] as const;

/** A week is named by its Monday (Asia/Shanghai calendar day). */
export const WeekStart = z.string().refine((s) => isCalendarDay(s) && isoWeekday(s) === 1, "exposure.week_not_monday");

const Version = z.number().int().min(1);
const Summary = z.string().trim().min(1).max(200);

/** Open (or create) the draft of a region for a week; the region defaults to the regulator's own. */
export const ExposureListOpen = z.object({
  regionCode: RegionCode.optional(),
  weekStart: WeekStart,
});
export type ExposureListOpen = z.infer<typeof ExposureListOpen>;

export const ExposureListQuery = PageQuery.extend({
  region: RegionCode.optional(),
  week: WeekStart.optional(),
  status: z.enum(exposureListStates).optional(),
});
export type ExposureListQuery = z.infer<typeof ExposureListQuery>;

export const ExposureItem = z.object({
  id: z.string().uuid(),
  hazardId: z.string().uuid(),
  enterpriseName: z.string(),
  uscc: z.string(),
  summary: z.string(),
  deadline: z.string().nullable(),
  daysOverdue: z.number().int(),
  status: HazardState,
  supervisingBody: z.string(),
  createdAt: z.string(),
});
export type ExposureItem = z.infer<typeof ExposureItem>;

export const ExposureList = z.object({
  id: z.string().uuid(),
  regionCode: z.string(),
  regionName: z.string(),
  weekStart: z.string(),
  status: z.enum(exposureListStates),
  approvedByName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  itemCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ExposureList = z.infer<typeof ExposureList>;

export const ExposureListDetail = ExposureList.extend({ items: z.array(ExposureItem) });
export type ExposureListDetail = z.infer<typeof ExposureListDetail>;

/**
 * Candidates for a list: `escalated` (default) — open hazards in the list's region with an exposure rung fired;
 * `overdue` — any open hazard in the region whose deadline has passed (the officer's own choice). `q` searches
 * the description.
 */
export const ExposureCandidateQuery = PageQuery.extend({
  kind: z.enum(["escalated", "overdue"]).default("escalated"),
  q: z.string().trim().max(100).optional(),
});
export type ExposureCandidateQuery = z.infer<typeof ExposureCandidateQuery>;

export const ExposureCandidate = z.object({
  hazardId: z.string().uuid(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  description: z.string(),
  level: HazardLevel,
  state: HazardState,
  deadline: z.string().nullable(),
  daysOverdue: z.number().int(),
  rungs: z.array(z.string()),
});
export type ExposureCandidate = z.infer<typeof ExposureCandidate>;

/** Add a hazard; the summary defaults to its description cut to 100 characters. */
export const ExposureItemAdd = z.object({ version: Version, hazardId: z.string().uuid(), summary: Summary.optional() });
export type ExposureItemAdd = z.infer<typeof ExposureItemAdd>;
export const ExposureItemEdit = z.object({ version: Version, summary: Summary });
export type ExposureItemEdit = z.infer<typeof ExposureItemEdit>;
export const ExposureVersionQuery = z.object({ version: z.coerce.number().int().min(1) });
export const ExposurePublish = z.object({ version: Version });

/** GET /api/public/exposure: a week (its Monday); the latest published week when absent. */
export const PublicExposureQuery = z.object({ week: WeekStart.optional() });

/** What the public sees of an item: the R12 published fields, nothing else (no ids, no people, no photos). */
export const PublicExposureItem = z.object({
  enterpriseName: z.string(),
  uscc: z.string(),
  summary: z.string(),
  deadline: z.string().nullable(),
  daysOverdue: z.number().int(),
  status: HazardState,
  supervisingBody: z.string(),
});
export const PublicExposureList = z.object({
  regionName: z.string(),
  weekStart: z.string(),
  publishedAt: z.string(),
  items: z.array(PublicExposureItem),
});
export const PublicExposure = z.object({
  /** The week shown (null when nothing was ever published). */
  week: z.string().nullable(),
  /** Published weeks, newest first, for a picker. */
  weeks: z.array(z.string()),
  lists: z.array(PublicExposureList),
});
export type PublicExposure = z.infer<typeof PublicExposure>;
