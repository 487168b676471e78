import type { Actor } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { fieldError, forbidden } from "../../kernel/http/errors.js";
import { randomDraws } from "./random-draws.schema.js";

// Route permissions (domain/access/permissions.ts): random_draws.read and random_draws.manage for administrators
// and regulators; enterprise users and grid members have neither. The public record needs no sign-in.

/** Draws the actor sees: its region's subtree (regulators), all (admin). */
export const drawScope = (actor: Actor | null) => scopeWhere(actor, { region: randomDraws.regionCode });

/** 双随机 is organised by the city and county regulators (58号 二(一); R3 directories per department). */
export function assertMayOrganise(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw forbidden();
  if (actor.role === "admin") return;
  const regulator = actor.role === "regulator_leader" || actor.role === "regulator_inspector";
  if (!regulator || !actor.regionCode || (actor.regionCode.length !== 4 && actor.regionCode.length !== 6)) {
    throw forbidden("random_draws.level");
  }
}

/** The draw's region must lie in the organiser's own subtree (its object directory is drawn from it). */
export function assertRegionInScope(actor: Actor, regionCode: string, path = "regionCode"): void {
  if (actor.role !== "admin" && !regionCode.startsWith(actor.regionCode ?? "\u0000")) throw fieldError(path, "random_draws.region_outside");
}
