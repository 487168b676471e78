import { inRegionSubtree } from "../../../domain/access/roles.js";
import type { Actor } from "../../kernel/auth/actor.js";
import { forbidden } from "../../kernel/http/errors.js";

// Who may call what is declared per route (domain/access/permissions.ts): departments.read for every
// signed-in role, departments.manage for admin and regulator_leader, industry_mapping.manage for admin.
//
// Reads are not scoped: the department directory is public administrative information, and every role —
// an enterprise user included — must see the departments above its own region that regulate it.
// Writes are: a regulator leader manages the departments of its own subtree only.

/**
 * May `actor` create or change a department in `regionCode`? Admin anywhere; a regulator leader inside
 * its own region's subtree; no actor is the system itself (start-up and seed tasks).
 * The department's existence is not secret, so the refusal is a 403 that says why rather than a 404.
 */
export function assertManagesDepartmentsIn(actor: Actor | null, regionCode: string): void {
  if (actor === null || actor.role === "admin") return;
  if (actor.role === "regulator_leader" && actor.regionCode && inRegionSubtree(actor.regionCode, regionCode)) return;
  throw forbidden("departments.out_of_scope");
}
