import { z } from "zod";
import { hazardCategoryKeys } from "../hazards/hazard.js";

/**
 * 检查表 (checklist template) content — standards as code (issue 7 §1). A template has sections and items;
 * each item says how it is answered, the clause it enforces and what a fail means. Publishing freezes the
 * content as a numbered version; an inspection keeps the version it started with.
 */
export const checklistItemTypes = ["pass_fail", "number", "text", "photo", "signature"] as const;
export const ChecklistItemType = z.enum(checklistItemTypes);
export type ChecklistItemType = z.infer<typeof ChecklistItemType>;

/** What a failed item becomes: a 一般 hazard, a 重大 hazard (with its criterion), or only a note on the record. */
export const ChecklistFailMeaning = z.enum(["general", "major", "note"]);
export type ChecklistFailMeaning = z.infer<typeof ChecklistFailMeaning>;

/** The clause an item enforces, e.g. 《工贸企业重大事故隐患判定标准》 第三条(二), GB 30871-2022 5.2.1, 安全生产法 第四十一条. */
export const ChecklistClause = z.object({
  standard: z.string().trim().min(1).max(200),
  /** Document number (应急管理部令第10号, GB 30871) — may be empty for a law known by name. */
  number: z.string().trim().max(100).default(""),
  version: z.string().trim().max(50).default(""),
  /** Article / clause / item (第三条(二), 5.2.1). */
  article: z.string().trim().max(100).default(""),
});
export type ChecklistClause = z.infer<typeof ChecklistClause>;

/** Stable within a checklist across versions (responses are keyed by it). */
export const ChecklistItemId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/);

export const ChecklistItem = z
  .object({
    id: ChecklistItemId,
    question: z.string().trim().min(2).max(500),
    type: ChecklistItemType,
    /** A fail must carry at least one photo. */
    photoOnFail: z.boolean().default(false),
    /** number items: the passing range (inclusive bounds) and unit. */
    min: z.number().finite().nullable().default(null),
    max: z.number().finite().nullable().default(null),
    unit: z.string().trim().max(20).nullable().default(null),
    clause: ChecklistClause.nullable().default(null),
    onFail: ChecklistFailMeaning.default("general"),
    /** For onFail = major: the 判定标准 item (domain/hazards/criteria-library.ts id) the finding meets. */
    criterionId: z.string().trim().max(64).nullable().default(null),
    /** The hazard category a finding is filed under (基础管理 / 现场管理). */
    hazardCategory: z.enum(hazardCategoryKeys as [string, ...string[]]).default("site_management"),
    hazardSubType: z.string().trim().max(50).nullable().default(null),
  })
  .superRefine((item, ctx) => {
    if (item.type === "number" && item.min === null && item.max === null)
      ctx.addIssue({ code: "custom", path: ["min"], message: "checklists.number_limits_required" });
    if (item.min !== null && item.max !== null && item.min > item.max)
      ctx.addIssue({ code: "custom", path: ["max"], message: "checklists.limits_order" });
    if (item.onFail === "major" && !item.criterionId)
      ctx.addIssue({ code: "custom", path: ["criterionId"], message: "checklists.criterion_required" });
  });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistSection = z.object({
  id: ChecklistItemId,
  title: z.string().trim().min(1).max(200),
  items: z.array(ChecklistItem).min(1).max(500),
});
export type ChecklistSection = z.infer<typeof ChecklistSection>;

export const ChecklistContent = z.object({ sections: z.array(ChecklistSection).min(1).max(100) }).superRefine((c, ctx) => {
  const seen = new Set<string>();
  for (const [si, s] of c.sections.entries())
    for (const [ii, it] of s.items.entries()) {
      if (seen.has(it.id))
        ctx.addIssue({ code: "custom", path: ["sections", si, "items", ii, "id"], message: "checklists.item_id_duplicate" });
      seen.add(it.id);
    }
  const total = c.sections.reduce((n, s) => n + s.items.length, 0);
  if (total > 1000) ctx.addIssue({ code: "custom", path: ["sections"], message: "checklists.too_many_items" });
});
export type ChecklistContent = z.infer<typeof ChecklistContent>;

export const itemsOf = (c: ChecklistContent): ChecklistItem[] => c.sections.flatMap((s) => s.items);

/** One answer to one item, keyed by a client-generated id so a replayed batch (offline queue) is stored once. */
export const InspectionResponseInput = z.object({
  id: z.string().uuid(),
  itemId: ChecklistItemId,
  /** pass_fail / photo / signature items: pass, fail or not applicable. number items: derived from the value. */
  result: z.enum(["pass", "fail", "na"]).nullable().default(null),
  number: z.number().finite().nullable().default(null),
  text: z.string().trim().max(2000).nullable().default(null),
  note: z.string().trim().max(1000).nullable().default(null),
});
export type InspectionResponseInput = z.infer<typeof InspectionResponseInput>;

/**
 * The outcome of a response against its item (pure; the server stores it, the phone shows it before sending):
 * a number outside [min, max] fails, inside passes; other types take the chosen result. `problem` names a
 * value that does not fit the item's type (→ 400).
 */
export function judgeResponse(
  item: ChecklistItem,
  r: Pick<InspectionResponseInput, "result" | "number" | "text">,
): { outcome: "pass" | "fail" | "na" | null; problem: string | null } {
  switch (item.type) {
    case "number": {
      if (r.result === "na") return { outcome: "na", problem: null };
      if (r.number === null) return { outcome: null, problem: r.result ? "inspections.number_required" : null };
      const low = item.min !== null && r.number < item.min;
      const high = item.max !== null && r.number > item.max;
      return { outcome: low || high ? "fail" : "pass", problem: null };
    }
    case "text":
      if (r.number !== null) return { outcome: null, problem: "inspections.value_type" };
      return { outcome: r.result ?? (r.text ? "pass" : null), problem: null };
    default:
      if (r.number !== null) return { outcome: null, problem: "inspections.value_type" };
      return { outcome: r.result, problem: null };
  }
}
