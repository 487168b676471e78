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
  "industries.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "users.read": ["admin", "regulator_leader"],
  "users.manage": ["admin"],
  "tokens.manage": ["admin"],
  "audit.read": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions | "public" | "authenticated";

export function roleHas(role: Role | null | undefined, permission: Permission): boolean {
  if (permission === "public") return true;
  if (!role) return false;
  if (permission === "authenticated") return true;
  return (permissions[permission] as readonly Role[]).includes(role);
}
