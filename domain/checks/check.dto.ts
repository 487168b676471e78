import { z } from "zod";
import { CalendarDate } from "../common/calendar.js";
import { PageQuery } from "../common/page.js";
import { CheckFrequency } from "./schedule.js";

/**
 * 隐患排查任务: a control measure turned into a recurring check (双重预防: 风险管控措施 → 排查任务).
 * Each period of its frequency is one occurrence; doing it records pass or fail.
 */
const Uuid = z.string().uuid();

export const CheckTaskCreate = z.object({
  measureId: Uuid,
  /** 排查内容: what to check. */
  content: z.string().trim().min(2).max(500),
  /** 排查方法/标准: how, and what counts as a pass. */
  method: z.string().trim().max(500).nullable().default(null),
  frequency: CheckFrequency,
  /** The person who does it: an account of the enterprise, or a post (岗位) named in text. */
  assigneeUserId: Uuid.nullable().default(null),
  assigneePost: z.string().trim().min(1).max(100).nullable().default(null),
  startsOn: CalendarDate,
});
export type CheckTaskCreate = z.infer<typeof CheckTaskCreate>;

export const CheckTaskUpdate = z.object({
  version: z.number().int(),
  content: z.string().trim().min(2).max(500).optional(),
  method: z.string().trim().max(500).nullable().optional(),
  frequency: CheckFrequency.optional(),
  assigneeUserId: Uuid.nullable().optional(),
  assigneePost: z.string().trim().min(1).max(100).nullable().optional(),
});
export type CheckTaskUpdate = z.infer<typeof CheckTaskUpdate>;

export const CheckTaskEnd = z.object({ version: z.number().int(), reason: z.string().trim().min(2).max(500) });
export type CheckTaskEnd = z.infer<typeof CheckTaskEnd>;

export const CheckPeriodDto = z.object({ key: z.string(), start: z.string(), end: z.string() });

export const CheckTask = z.object({
  id: Uuid,
  enterpriseId: Uuid,
  riskPointId: Uuid,
  riskPointName: z.string(),
  measureId: Uuid,
  /** The control measure's text as it reads now (the measure lives on the risk point). */
  measureText: z.string().nullable(),
  content: z.string(),
  method: z.string().nullable(),
  frequency: CheckFrequency,
  assigneeUserId: Uuid.nullable(),
  assigneeName: z.string().nullable(),
  assigneePost: z.string().nullable(),
  startsOn: z.string(),
  endedOn: z.string().nullable(),
  /** The open occurrence (the period containing today) and whether it is done. */
  current: CheckPeriodDto.nullable(),
  currentDone: z.boolean(),
  /** Closed occurrences since the start: how many were due, done and missed. */
  due: z.number().int(),
  done: z.number().int(),
  missed: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CheckTask = z.infer<typeof CheckTask>;

export const CheckTaskListQuery = PageQuery.extend({
  riskPoint: Uuid.optional(),
  /** `me`: the signed-in user's own tasks. */
  assignee: z.union([z.literal("me"), Uuid]).optional(),
  /** Only tasks whose current occurrence is still to do. */
  open: z.enum(["true", "false"]).optional(),
  active: z.enum(["true", "false", "all"]).default("true"),
});
export type CheckTaskListQuery = z.infer<typeof CheckTaskListQuery>;

export const CheckResult = z.enum(["pass", "fail"]);
export type CheckResult = z.infer<typeof CheckResult>;

export const PhotoUpload = z.object({
  contentType: z.enum(["image/jpeg", "image/png"]),
  /** Base64 of the image, at most 5 MB decoded. */
  data: z.string().min(4).max(7_000_000),
});

export const CheckRecordCreate = z
  .object({
    /** The occurrence being done; defaults to the open one. A closed occurrence can no longer be done (it was missed). */
    periodKey: z.string().max(20).optional(),
    result: CheckResult,
    remark: z.string().trim().max(1000).nullable().default(null),
    photo: PhotoUpload.nullable().default(null),
  })
  .refine((r) => r.result === "pass" || (r.remark ?? "").length >= 2, { path: ["remark"], message: "checks.fail_needs_remark" });
export type CheckRecordCreate = z.infer<typeof CheckRecordCreate>;

export const CheckRecord = z.object({
  id: Uuid,
  taskId: Uuid,
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  result: CheckResult,
  remark: z.string().nullable(),
  hasPhoto: z.boolean(),
  doneById: Uuid.nullable(),
  doneByName: z.string(),
  doneAt: z.string(),
  /** The hazard a failed check raised in the hazard register, once that module exists. */
  hazardRef: z.string().nullable(),
});
export type CheckRecord = z.infer<typeof CheckRecord>;

/** Completion over closed occurrences, per person and for the enterprise (missed = due − done). */
export const CheckCompletionRow = z.object({
  key: z.string(),
  name: z.string(),
  due: z.number().int(),
  done: z.number().int(),
  missed: z.number().int(),
  /** done ÷ due, 0–1; null when nothing has been due yet. */
  rate: z.number().nullable(),
});
export const CheckCompletion = z.object({
  enterpriseId: Uuid,
  asOf: z.string(),
  total: CheckCompletionRow,
  byAssignee: z.array(CheckCompletionRow),
});
export type CheckCompletion = z.infer<typeof CheckCompletion>;
