import { type SQL, sql } from "drizzle-orm";
import { inRegionSubtree, scopeKindOf } from "../../../domain/access/roles.js";
import type { Actor } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { riskAssessments, riskPoints, riskPolicies, riskSitePlans } from "./risk.schema.js";

// Routes declare risk.read (regulators, grid members, enterprise users, admin) or risk.manage
// (enterprise administrators, admin). Records are scoped on top: an enterprise user reaches only its
// own enterprise, regulators and grid members their region's subtree; outside scope is a 404. An
// enterprise administrator therefore edits only its own enterprise's risks.

export const pointScope = (actor: Actor | null) =>
  scopeWhere(actor, { region: riskPoints.regionCode, enterprise: riskPoints.enterpriseId });

export const assessmentScope = (actor: Actor | null) =>
  scopeWhere(actor, { region: riskAssessments.regionCode, enterprise: riskAssessments.enterpriseId });

export const sitePlanScope = (actor: Actor | null) =>
  scopeWhere(actor, { region: riskSitePlans.regionCode, enterprise: riskSitePlans.enterpriseId });

/** Deployment policies are everyone's; an enterprise's own policies follow the enterprise's scope. */
export const policyScope = (actor: Actor | null): SQL =>
  sql`(${riskPolicies.enterpriseId} is null or ${scopeWhere(actor, { region: riskPolicies.regionCode, enterprise: riskPolicies.enterpriseId })})`;

/** May `actor` see the regional picture of `code`? Admin anywhere, regulators and grid members within their subtree. */
export function seesRegion(actor: Actor | null, code: string): boolean {
  if (!actor) return false;
  if (scopeKindOf[actor.role] === "all") return true;
  return scopeKindOf[actor.role] === "region" && !!actor.regionCode && inRegionSubtree(actor.regionCode, code);
}
