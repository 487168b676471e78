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
