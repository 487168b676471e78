import type { Actor } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { hazardUnits } from "./major-hazard.schema.js";

// Who may call what is declared per route (domain/access/permissions.ts): major_hazard.read for every
// signed-in role that reads enterprises, major_hazard.manage for administrators and enterprise
// administrators. Record scope: all (admin), the region subtree (regulators, grid members), the own
// enterprise (enterprise users); outside it a unit does not exist (404). A unit's identification records
// are reached only through the unit, loaded within this scope.

export const unitScope = (actor: Actor | null) =>
  scopeWhere(actor, { region: hazardUnits.regionCode, enterprise: hazardUnits.enterpriseId });
