import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { PageQuery } from "../common/page.js";
import { EnterpriseCategory } from "../enterprise/enterprise.dto.js";
import { ChecklistContent } from "./checklist.js";

/** Who owns a template: built-in (read-only, copy it), a region (regulators), or one enterprise. */
export const checklistOwnerKinds = ["builtin", "region", "enterprise"] as const;
export const ChecklistOwnerKind = z.enum(checklistOwnerKinds);
export type ChecklistOwnerKind = z.infer<typeof ChecklistOwnerKind>;

const Name = z.string().trim().min(1).max(200);

export const ChecklistCreate = z.object({
  name: Name,
  /** The enterprise category the template is made for (null: any). */
  category: EnterpriseCategory.nullable().default(null),
  draft: ChecklistContent,
  /** Administrators only: the owning region (omit both for a system-wide template) or enterprise. */
  regionCode: RegionCode.nullable().optional(),
  enterpriseId: z.string().uuid().nullable().optional(),
});
export type ChecklistCreate = z.infer<typeof ChecklistCreate>;

/** Replaces the draft whole (version-guarded); published versions never change. */
export const ChecklistUpdate = z.object({
  version: z.number().int().min(1),
  name: Name,
  category: EnterpriseCategory.nullable().optional(),
  draft: ChecklistContent,
});
export type ChecklistUpdate = z.infer<typeof ChecklistUpdate>;

export const ChecklistPublish = z.object({ version: z.number().int().min(1) });
export type ChecklistPublish = z.infer<typeof ChecklistPublish>;

/** Copies a published version (default: the newest; the draft when never published) into a template of one's own. */
export const ChecklistCopy = z.object({
  name: Name.optional(),
  version: z.number().int().min(1).optional(),
  /** Administrators only, as in ChecklistCreate. */
  regionCode: RegionCode.nullable().optional(),
  enterpriseId: z.string().uuid().nullable().optional(),
});
export type ChecklistCopy = z.infer<typeof ChecklistCopy>;

export const ChecklistListQuery = PageQuery.extend({
  category: EnterpriseCategory.optional(),
  /** `mine`: the templates the caller may edit. */
  owner: z.enum([...checklistOwnerKinds, "mine"]).optional(),
  q: z.string().trim().max(100).optional(),
  /** `true`: only templates with at least one published version (to start an inspection from). */
  published: z.enum(["true", "false"]).optional(),
});
export type ChecklistListQuery = z.infer<typeof ChecklistListQuery>;

export const ChecklistSummary = z.object({
  id: z.string().uuid(),
  builtinKey: z.string().nullable(),
  ownerKind: ChecklistOwnerKind,
  regionCode: z.string().nullable(),
  enterpriseId: z.string().uuid().nullable(),
  name: z.string(),
  category: EnterpriseCategory.nullable(),
  /** The newest published version (0 = never published). */
  publishedVersion: z.number().int(),
  /** The draft differs from the newest published version (there is something to publish). */
  draftChanged: z.boolean(),
  itemCount: z.number().int(),
  copiedFromId: z.string().uuid().nullable(),
  copiedFromVersion: z.number().int().nullable(),
  /** The caller may edit, publish and import into it (the server decides; the client only shows buttons). */
  mayEdit: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChecklistSummary = z.infer<typeof ChecklistSummary>;

export const ChecklistVersionSummary = z.object({
  version: z.number().int(),
  name: z.string(),
  itemCount: z.number().int(),
  publishedById: z.string().uuid().nullable(),
  publishedAt: z.string(),
});
export type ChecklistVersionSummary = z.infer<typeof ChecklistVersionSummary>;

export const ChecklistDetail = ChecklistSummary.extend({
  draft: ChecklistContent,
  versions: z.array(ChecklistVersionSummary),
});
export type ChecklistDetail = z.infer<typeof ChecklistDetail>;

/** One frozen version, as inspections use it. */
export const ChecklistVersionView = z.object({
  checklistId: z.string().uuid(),
  version: z.number().int(),
  name: z.string(),
  category: EnterpriseCategory.nullable(),
  content: ChecklistContent,
  itemCount: z.number().int(),
  publishedAt: z.string(),
});
export type ChecklistVersionView = z.infer<typeof ChecklistVersionView>;

/** The import report when rows are refused: each with its worksheet row number (1 = the header). */
export const ChecklistImportQuery = z.object({ name: Name.optional() });
