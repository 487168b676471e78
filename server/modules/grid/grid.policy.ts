import { inRegionSubtree, scopeKindOf } from "../../../domain/access/roles.js";
import type { Actor } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { forbidden } from "../../kernel/http/errors.js";
import { gridAssignments } from "./grid.schema.js";

// Who may call what is declared per route (domain/access/permissions.ts): grid.read for administrators,
// regulators and grid members, grid.manage for administrators and regulator leaders.

/** Assignments the actor may see: all for an administrator, its region's subtree for regulators and grid members. */
export const assignmentScope = (actor: Actor | null) => scopeWhere(actor, { region: gridAssignments.regionCode });

/** May `actor` see the grid node `code`? The same rule as `assignmentScope`, for a node that is not a row of ours. */
export function seesGridNode(actor: Actor | null, code: string): boolean {
  if (!actor) return false;
  if (scopeKindOf[actor.role] === "all") return true;
  return scopeKindOf[actor.role] === "region" && !!actor.regionCode && inRegionSubtree(actor.regionCode, code);
}

/**
 * May `actor` assign, change or end duties on node `code`? Admin anywhere; a regulator leader inside its
 * own region's subtree. The node's existence is not secret (the division tree is readable by everyone),
 * so the refusal is a 403 that says why.
 */
export function assertManagesGridAt(actor: Actor | null, code: string): void {
  if (actor?.role === "admin") return;
  if (actor?.role === "regulator_leader" && actor.regionCode && inRegionSubtree(actor.regionCode, code)) return;
  throw forbidden("grid.out_of_scope");
}
