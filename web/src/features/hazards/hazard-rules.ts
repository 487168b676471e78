import { roleHas } from "../../../../domain/access/permissions.js";
import type { SessionUser } from "../../../../domain/auth/auth.dto.js";
import { daysBetween } from "../../../../domain/common/calendar.js";
import { type HazardAction, hazardActions, hazardMachine, openHazardStates } from "../../../../domain/hazards/hazard.js";
import type { Hazard } from "./hazards-api.js";

type Actor = Pick<SessionUser, "role" | "regionCode" | "enterpriseId">;

// The same role rules as server/modules/hazards/hazards.policy.ts, used only to decide which buttons to
// show; the server stays the judge (a stale or refused action answers 409/403 and the page says why).
const inRegion = (actor: Actor, h: Hazard) => !!actor.regionCode && h.regionCode.startsWith(actor.regionCode);

function mayRectify(actor: Actor, h: Hazard): boolean {
  return actor.role === "admin" || (roleHas(actor.role, "hazards.rectify") && actor.enterpriseId === h.enterpriseId);
}

/** 自查自改自报: the enterprise administrator accepts its own general hazards; a major or regulator-found one, a regulator. */
function mayAccept(actor: Actor, h: Hazard): boolean {
  if (actor.role === "admin") return true;
  if (h.acceptedByRegulator) return roleHas(actor.role, "hazards.review") && inRegion(actor, h);
  return actor.role === "enterprise_admin" && actor.enterpriseId === h.enterpriseId;
}

function mayVoid(actor: Actor, h: Hazard): boolean {
  return actor.role === "admin" || (roleHas(actor.role, "hazards.review") && inRegion(actor, h));
}

/** The actions the state machine allows from the hazard's state that this user's role may take. */
export function actionsFor(actor: Actor, h: Hazard): HazardAction[] {
  return hazardActions.filter((a) => {
    if (!(hazardMachine.transitions[a].from as readonly string[]).includes(h.state)) return false;
    switch (a) {
      case "set_plan":
      case "submit":
        return mayRectify(actor, h);
      case "accept":
      case "reject":
        return mayAccept(actor, h);
      // R6: only a general hazard can be closed as fixed on the spot.
      case "fix_on_spot":
        return h.level === "general" && mayAccept(actor, h);
      case "void":
        return mayVoid(actor, h);
    }
    return false;
  });
}

export const isOpen = (h: Pick<Hazard, "state">) => openHazardStates.includes(h.state);

/** Days from today to the deadline (negative when passed), or null without a deadline or once closed. */
export function daysLeft(h: Pick<Hazard, "state" | "deadline">, today: string): number | null {
  if (!h.deadline || !isOpen(h)) return null;
  return daysBetween(today, h.deadline);
}
