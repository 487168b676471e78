import type { Actor } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { enterprises } from "./enterprises.schema.js";

/** Enterprises the actor reaches: all (admin), the region subtree (regulators, grid members), itself (enterprise users). */
export const enterpriseScope = (actor: Actor | null) => scopeWhere(actor, { region: enterprises.regionCode, enterprise: enterprises.id });

/** Whether a regulator may place an enterprise at `regionCode` (creating or moving it): only inside its own subtree. */
export function mayPlaceAt(actor: Actor | null, regionCode: string): boolean {
  if (!actor) return false;
  if (actor.role === "admin") return true;
  if (actor.role === "regulator_leader" || actor.role === "regulator_inspector")
    return !!actor.regionCode && regionCode.startsWith(actor.regionCode);
  return false;
}
