import { type SQL, sql } from "drizzle-orm";
import { roleHas } from "../../../domain/access/permissions.js";
import type { Actor } from "../../kernel/auth/actor.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import { forbidden } from "../../kernel/http/errors.js";
import { enforcementCases } from "./enforcement.schema.js";

// Route permissions (domain/access/permissions.ts): cases.read for every signed-in role but grid members (a grid
// member is no 执法人员 and takes no part in a case); cases.manage (open a case, record its events) for regulators
// and administrators. Which case a caller sees or acts on is decided here.

/**
 * Cases the actor sees: an administrator all; a regulator those whose enterprise lies in its region's subtree AND
 * whose department is of that subtree (a township officer does not see the county department's cases); an
 * enterprise user its own enterprise's cases; anyone else none.
 */
export function caseScope(actor: Actor | null): SQL {
  if (!actor) return sql`false`;
  if (actor.role === "admin") return sql`true`;
  if ((actor.role === "regulator_leader" || actor.role === "regulator_inspector") && actor.regionCode) {
    const prefix = `${likeEscape(actor.regionCode)}%`;
    return sql`(${enforcementCases.regionCode} like ${prefix} and ${enforcementCases.departmentRegion} like ${prefix})`;
  }
  if ((actor.role === "enterprise_admin" || actor.role === "enterprise_staff") && actor.enterpriseId) {
    return sql`${enforcementCases.enterpriseId} = ${actor.enterpriseId}`;
  }
  return sql`false`;
}

/** Internal notes (the case's and the events') are the department's: never shown to the enterprise. */
export const seesInternal = (actor: Actor | null) => !!actor && (actor.role === "admin" || roleHas(actor.role, "cases.manage"));

/** A department a regulator may open a case in: one of its region's subtree (any for an administrator). */
export function mayUseDepartment(actor: Actor, departmentRegion: string): boolean {
  if (actor.role === "admin") return true;
  return roleHas(actor.role, "cases.manage") && !!actor.regionCode && departmentRegion.startsWith(actor.regionCode);
}

/**
 * Recording events is the department's: regulators whose region contains the case's department region (and the
 * enterprise's). `paid`, `statement_received`, `hearing_requested`, `reinspection_requested` and `extension_applied`
 * are the party's acts, recorded by the officer on its behalf; the enterprise itself appends nothing (issue 8 §1).
 */
export function assertMayRecord(actor: Actor, c: { departmentRegion: string; regionCode: string }): void {
  if (actor.role === "admin") return;
  if (!mayUseDepartment(actor, c.departmentRegion) || !c.regionCode.startsWith(actor.regionCode ?? "-")) {
    throw forbidden("enforcement.not_case_officer");
  }
}
