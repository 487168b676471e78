import type { Role } from "./roles.js";

/**
 * Every route declares one of these. `public` needs no session; `authenticated` any signed-in user;
 * the rest name the roles that hold them. Record scope (region subtree / own enterprise) is applied
 * on top of this by each repository.
 */
export const permissions = {
  "regions.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "regions.manage": ["admin"],
  "enterprises.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "enterprises.create": ["admin", "regulator_leader", "regulator_inspector"],
  "enterprises.update": ["admin", "regulator_leader", "regulator_inspector", "enterprise_admin"],
  "enterprises.transition": ["admin", "regulator_leader", "regulator_inspector"],
  "departments.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "departments.manage": ["admin", "regulator_leader"],
  "industry_mapping.manage": ["admin"],
  "grid.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member"],
  "grid.manage": ["admin", "regulator_leader"],
  "major_hazard.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "major_hazard.manage": ["admin", "enterprise_admin"],
  "risk.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "risk.manage": ["admin", "enterprise_admin"],
  "industries.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "checks.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "checks.manage": ["admin", "enterprise_admin"],
  "checks.record": ["enterprise_admin", "enterprise_staff"],
  "hazards.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "hazards.report": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "hazards.rectify": ["admin", "enterprise_admin", "enterprise_staff"],
  "hazards.review": ["admin", "regulator_leader", "regulator_inspector"],
  // The menu's entry to the 16号令 statistics reports (web): enterprises submit theirs, regulators follow them; the API
  // needs hazards.read (an enterprise's reports), hazards.rectify (submit) or hazards.review (the regulators' view).
  "hazards.reports": ["admin", "regulator_leader", "regulator_inspector", "enterprise_admin", "enterprise_staff"],
  // 每周曝光 (R12): regulators draft the weekly list; publishing needs a leader's approval.
  "exposure.manage": ["admin", "regulator_leader", "regulator_inspector"],
  "exposure.publish": ["admin", "regulator_leader"],
  // The regional risk view's menu and page (web); its API calls themselves need risk.read and major_hazard.read.
  "risk.region": ["admin", "regulator_leader", "regulator_inspector"],
  // The menu's entry to an enterprise user's own risk register (web); the register's API needs risk.read.
  "risk.own": ["enterprise_admin", "enterprise_staff"],
  // An enterprise administrator reads its own enterprise's accounts (scope), e.g. to assign check tasks.
  "users.read": ["admin", "regulator_leader", "enterprise_admin"],
  "users.manage": ["admin"],
  "tokens.manage": ["admin"],
  "audit.read": ["admin"],
  // The in-app inbox: each user reads and marks only their own notifications.
  "notifications.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions | "public" | "authenticated";

export function roleHas(role: Role | null | undefined, permission: Permission): boolean {
  if (permission === "public") return true;
  if (!role) return false;
  if (permission === "authenticated") return true;
  return (permissions[permission] as readonly Role[]).includes(role);
}
