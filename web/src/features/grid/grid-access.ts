import { roleHas } from "../../../../domain/access/permissions.js";
import { inRegionSubtree, type RegionLevel, scopeKindOf } from "../../../../domain/access/roles.js";
import type { SessionUser } from "../../../../domain/auth/auth.dto.js";

/** Grid nodes are townships and villages (乡镇街道、村居社区): the levels grid members are assigned to. */
export const gridLevels: readonly RegionLevel[] = ["township", "village"];

export const isGridLevel = (level: RegionLevel) => gridLevels.includes(level);

/** May `user` open the grid node `code`? The server's rule: everything for an administrator, the own subtree for regulators and grid members. */
export function seesGridNode(user: SessionUser, code: string): boolean {
  if (!roleHas(user.role, "grid.read")) return false;
  if (scopeKindOf[user.role] === "all") return true;
  return scopeKindOf[user.role] === "region" && !!user.regionCode && inRegionSubtree(user.regionCode, code);
}

/** May `user` assign, edit or end duties on `code`? Administrators anywhere, regulator leaders inside their subtree. */
export function managesGridAt(user: SessionUser, code: string): boolean {
  if (!roleHas(user.role, "grid.manage")) return false;
  return user.role === "admin" || (!!user.regionCode && inRegionSubtree(user.regionCode, code));
}

/** The grid page of a node. */
export const gridPath = (code: string) => `/grid/${encodeURIComponent(code)}`;
