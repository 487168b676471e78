import { z } from "zod";
import { addMonths } from "../common/calendar.js";

/**
 * R11 re-assessment (11号: dynamic re-assessment when operations or hazard sources change). The
 * default triggers, each of which makes a risk point due at once; plus a scheduled review every
 * `reviewIntervalMonths` (default 12, local practice rather than national law).
 */
export const reassessmentTriggers = [
  "facility_change", // new, rebuilt or expanded facility (新建、改建、扩建)
  "process_change", // change of process, equipment or material
  "organisation_change", // organisational change
  "accident", // an accident or near miss at the point
  "regulation_change", // a new or changed law or standard
  "major_hazard_found", // a 重大 hazard found at the point
] as const;
export const ReassessmentTrigger = z.enum(reassessmentTriggers);
export type ReassessmentTrigger = z.infer<typeof ReassessmentTrigger>;

export const reassessmentTriggerLabels: Record<ReassessmentTrigger, { zh: string; en: string }> = {
  facility_change: { zh: "新建、改建、扩建设施", en: "New, rebuilt or expanded facility" },
  process_change: { zh: "工艺、设备、材料变更", en: "Change of process, equipment or material" },
  organisation_change: { zh: "组织机构变化", en: "Organisational change" },
  accident: { zh: "发生事故或险情", en: "Accident or near miss" },
  regulation_change: { zh: "法律法规、标准新颁或修订", en: "New or changed law or standard" },
  major_hazard_found: { zh: "发现重大事故隐患", en: "Major hazard found" },
};

export const defaultReviewIntervalMonths = 12;

/** R11: the next scheduled review after an assessment on `assessedOn` (example 23: 2025-06-01 → 2026-06-01). */
export const reviewDueDate = (assessedOn: string, intervalMonths = defaultReviewIntervalMonths): string =>
  addMonths(assessedOn, intervalMonths);

/** Due when the review date has come (a trigger sets it to the day it was recorded). */
export const isReviewDue = (nextReviewDate: string, today: string): boolean => nextReviewDate <= today;
