import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { PageQuery } from "../common/page.js";
import { EnterpriseStatus } from "../enterprise/enterprise.dto.js";
import { RegionDetail } from "../regions/region.dto.js";

/**
 * 网格化管理: grid members (网格员) answer for grid nodes — townships (乡镇街道) and villages
 * (村居社区) — with duties written down for each node they hold. A township member may also hold
 * the villages beneath it; a village member only its own village.
 */

/** 职责: what the member answers for on this node (巡查 rounds, reporting hazards, …). */
const Duties = z.string().trim().min(1).max(1000);

export const GridAssignment = z.object({
  id: z.string().uuid(),
  regionCode: z.string(),
  userId: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  duties: z.string(),
  /** False once the assignment is ended; ended assignments are kept as history. */
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GridAssignment = z.infer<typeof GridAssignment>;

export const GridAssignmentCreate = z.object({ userId: z.string().uuid(), regionCode: RegionCode, duties: Duties });
export type GridAssignmentCreate = z.infer<typeof GridAssignmentCreate>;

export const GridAssignmentUpdate = z.object({ version: z.number().int(), duties: Duties });
export type GridAssignmentUpdate = z.infer<typeof GridAssignmentUpdate>;

export const GridAssignmentEnd = z.object({ version: z.number().int(), reason: z.string().trim().min(1).max(500).optional() });
export type GridAssignmentEnd = z.infer<typeof GridAssignmentEnd>;

export const GridAssignmentListQuery = PageQuery.extend({
  status: z.enum(["active", "ended", "all"]).default("active"),
  /** Only this member's assignments ("我的网格"). */
  userId: z.string().uuid().optional(),
});
export type GridAssignmentListQuery = z.infer<typeof GridAssignmentListQuery>;

/** Counts within the node's subtree (the node itself included). */
export const GridNodeCounts = z.object({
  enterprises: z.object({ total: z.number().int(), byStatus: z.record(EnterpriseStatus, z.number().int()) }),
  /** Active grid-member accounts whose region lies in the subtree. */
  gridMembers: z.number().int(),
  /** Active assignments on nodes of the subtree. */
  assignments: z.number().int(),
  /** Active direct children of the node. */
  childNodes: z.number().int(),
});
export type GridNodeCounts = z.infer<typeof GridNodeCounts>;

/** The grid node view: the region, who holds it and what its subtree contains. */
export const GridNode = z.object({
  node: RegionDetail,
  assignments: z.array(GridAssignment),
  counts: GridNodeCounts,
});
export type GridNode = z.infer<typeof GridNode>;
