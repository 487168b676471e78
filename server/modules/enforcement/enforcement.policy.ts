import { type SQL, sql } from "drizzle-orm";
import { roleHas } from "../../../domain/access/permissions.js";
import { type CaseEventType, isPartyEventType } from "../../../domain/enforcement/case.js";
import type { Actor } from "../../kernel/auth/actor.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import { forbidden } from "../../kernel/http/errors.js";
import { enforcementCases } from "./enforcement.schema.js";

// Route permissions (domain/access/permissions.ts): cases.read for every signed-in role but grid members (a grid
// member is no 执法人员 and takes no part in a case); cases.manage (open a case, issue documents) for regulators
// and administrators. Appending an event is declared cases.read, as an enterprise administrator submits the party's
// own acts: who may append what is recorderOf / assertMayAppend below. Which case a caller sees is caseScope.

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
 * The department's record of a case (every event type, its documents): regulators whose region contains the case's
 * department region (and the enterprise's), and administrators.
 */
export function assertMayRecord(actor: Actor, c: { departmentRegion: string; regionCode: string }): void {
  if (!isCaseOfficer(actor, c)) throw forbidden("enforcement.not_case_officer");
}

const isCaseOfficer = (actor: Actor, c: { departmentRegion: string; regionCode: string }) =>
  actor.role === "admin" || (mayUseDepartment(actor, c.departmentRegion) && c.regionCode.startsWith(actor.regionCode ?? "-"));

/** Who appends an event: the department (any type), or the party itself (its own acts only). */
export type Recorder = "department" | "party";

type CaseParties = { departmentRegion: string; regionCode: string; enterpriseId: string };

/**
 * Who the actor appends events as, if at all: the case's officers as the department; an administrator of the
 * case's enterprise as the party (issue 8 follow-up — the safety officer submits the enterprise's own acts);
 * enterprise staff and everyone else not at all.
 */
export function recorderOf(actor: Actor | null, c: CaseParties): Recorder | null {
  if (!actor) return null;
  if (isCaseOfficer(actor, c)) return "department";
  if (actor.role === "enterprise_admin" && actor.enterpriseId === c.enterpriseId) return "party";
  return null;
}

/** Appending `type` to the case: the recorder, or 403 (the party may submit only partyEventTypes). */
export function assertMayAppend(actor: Actor, c: CaseParties, type: CaseEventType): Recorder {
  const by = recorderOf(actor, c);
  if (by === "party" && !isPartyEventType(type)) throw forbidden("enforcement.event_not_allowed");
  if (by) return by;
  throw forbidden(actor.role === "enterprise_staff" ? "enforcement.party_admin_only" : "enforcement.not_case_officer");
}
