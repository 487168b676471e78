import { roleHas } from "../../../domain/access/permissions.js";
import { acceptedByRegulator, type HazardLevel, type HazardSource } from "../../../domain/hazards/hazard.js";
import { actsForListing, type SupervisionLevel } from "../../../domain/hazards/supervision.js";
import type { Actor } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { forbidden } from "../../kernel/http/errors.js";
import { hazardPhotos, hazards } from "./hazards.schema.js";

// Route permissions (domain/access/permissions.ts): hazards.read for everyone in scope; hazards.report to
// register (sources per role in domain/hazards/hazard.ts); the transitions route needs hazards.read and each
// action is decided here: hazards.rectify (the enterprise) for set_plan/submit, hazards.review (regulators) for
// void and for accepting what the enterprise may not accept itself.

export const hazardScope = (actor: Actor | null) => scopeWhere(actor, { region: hazards.regionCode, enterprise: hazards.enterpriseId });
export const photoScope = (actor: Actor | null) =>
  scopeWhere(actor, { region: hazardPhotos.regionCode, enterprise: hazardPhotos.enterpriseId });

type HazardFacts = {
  enterpriseId: string;
  regionCode: string;
  level: string;
  source: string;
  foundByRegion: string | null;
  supervisionLevel?: string | null;
};

/** 自查自改: planning and submitting the rectification is the enterprise's own work (an administrator may act for it). */
export function assertMayRectify(actor: Actor, h: HazardFacts): void {
  if (actor.role === "admin") return;
  if (!roleHas(actor.role, "hazards.rectify") || actor.enterpriseId !== h.enterpriseId) throw forbidden("hazards.not_rectifier");
}

/**
 * Acceptance (销号) and rejection, and recording a fix on the spot. A major or regulator-found hazard: a
 * regulator whose region contains the hazard, at the finder's level or above (a shorter code = a higher level).
 * Otherwise the enterprise administrator of the hazard's enterprise (16号令 Art. 8 自查自改自报).
 */
export function assertMayAccept(actor: Actor, h: HazardFacts): void {
  if (actor.role === "admin") return;
  // 挂牌督办 (R10): a listed hazard is signed off only at the listing's level or above, in whose region it lies
  // (and, below, at the finder's level or above).
  if (h.supervisionLevel && !actsForListing(actor, h.supervisionLevel as SupervisionLevel, h.regionCode)) {
    throw forbidden("hazards.supervision.level");
  }
  if (acceptedByRegulator({ level: h.level as HazardLevel, source: h.source as HazardSource })) {
    if (!roleHas(actor.role, "hazards.review") || !actor.regionCode || !h.regionCode.startsWith(actor.regionCode)) {
      throw forbidden("hazards.regulator_accepts");
    }
    if (h.foundByRegion && actor.regionCode.length > h.foundByRegion.length) throw forbidden("hazards.regulator_level");
    return;
  }
  if (actor.role !== "enterprise_admin" || actor.enterpriseId !== h.enterpriseId) throw forbidden("hazards.enterprise_accepts");
}

/** A regulator may void a hazard (e.g. unfounded) with a reason. */
export function assertMayVoid(actor: Actor, h: HazardFacts): void {
  if (actor.role === "admin") return;
  if (!roleHas(actor.role, "hazards.review") || !actor.regionCode || !h.regionCode.startsWith(actor.regionCode)) {
    throw forbidden("hazards.void_regulator");
  }
}

/**
 * 完善信息 (issue §1): the enterprise completes its own three-tap reports (自查自报, R3), and regulators of the
 * hazard's region classify what they oversee. Grading decisions within it are checked by isHazardRegulator.
 */
export function assertMayCompleteDetails(actor: Actor, h: HazardFacts): void {
  if (actor.role === "admin") return;
  if (roleHas(actor.role, "hazards.rectify") && actor.enterpriseId === h.enterpriseId) return;
  if (isHazardRegulator(actor, h)) return;
  throw forbidden("hazards.details.not_allowed");
}

/** A regulator (or the administrator) over the hazard's region: grades 重大 by R1 with a reason, and downgrades. */
export function isHazardRegulator(actor: Actor, h: HazardFacts): boolean {
  if (actor.role === "admin") return true;
  return roleHas(actor.role, "hazards.review") && !!actor.regionCode && h.regionCode.startsWith(actor.regionCode);
}
