import { z } from "zod";
import { RegionCode } from "../access/roles.js";

export const RegionLevel = z.enum(["province", "city", "county", "township", "village"]);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** A node of the division tree as lists and tree selects show it. */
export const RegionNode = z.object({
  code: z.string(),
  name: z.string(),
  level: RegionLevel,
  parentCode: z.string().nullable(),
  /** `retired`: renamed or merged away; `successorCode` names the node that replaced it. */
  status: z.enum(["active", "retired"]),
  successorCode: z.string().nullable(),
  childCount: z.number().int(),
});
export type RegionNode = z.infer<typeof RegionNode>;

/** One region with its path from the top (省 → 市 → 县区 → 乡镇街道 → 村居社区), for breadcrumbs. */
export const RegionDetail = RegionNode.extend({
  path: z.array(z.object({ code: z.string(), name: z.string(), level: RegionLevel })),
  /** The retired nodes merged into this one (their `successorCode` is this code). */
  predecessors: z.array(z.string()).default([]),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type RegionDetail = z.infer<typeof RegionDetail>;

export const RegionList = z.object({ items: z.array(RegionNode) });

/** Search by name (substring, Chinese) or code prefix; results carry their full path name. */
export const RegionSearchQuery = z.object({
  q: z.string().trim().min(1).max(40).optional(),
  /** Only regions inside this subtree. */
  within: RegionCode.optional(),
  level: RegionLevel.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const RegionSearchHit = RegionNode.extend({ pathName: z.string() });
export const RegionSearchResult = z.object({ items: z.array(RegionSearchHit) });

export const RegionRename = z.object({ name: z.string().trim().min(1).max(60), version: z.number().int() });

/** The most rows one import may carry (a province's villages fit; the whole country is loaded at first start). */
export const maxRegionImportRows = 50_000;

/**
 * An administrator's import of division rows (parsed from CSV or Excel by the client). Codes and names
 * are checked row by row on the server, so one bad row is reported rather than refusing the rest.
 */
export const RegionImport = z.object({
  rows: z
    .array(z.object({ code: z.string().trim().max(20), name: z.string().trim().max(200) }))
    .min(1)
    .max(maxRegionImportRows),
});
export type RegionImport = z.infer<typeof RegionImport>;

/** `index` is the row's 0-based position in `rows`; `reason` is in the caller's language. */
export const RegionImportRejection = z.object({ index: z.number().int(), code: z.string(), reason: z.string() });
export const RegionImportReport = z.object({
  inserted: z.number().int(),
  renamed: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(RegionImportRejection),
});
export type RegionImportReport = z.infer<typeof RegionImportReport>;

/** 撤并: the node is retired in favour of `into`, a node of the same level. */
export const RegionMerge = z.object({ into: RegionCode, version: z.number().int(), reason: z.string().trim().min(1).max(500) });
export type RegionMerge = z.infer<typeof RegionMerge>;

/**
 * The retired node, its successor, and the retired node's children that are still active: their codes
 * embed the old prefix, so they stay where they are until an administrator re-imports them under the successor.
 */
export const RegionMergeResult = z.object({
  region: RegionDetail,
  successor: RegionNode,
  activeChildren: z.array(RegionNode),
});
export type RegionMergeResult = z.infer<typeof RegionMergeResult>;
