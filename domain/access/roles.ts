import { z } from "zod";

/** Signed-in roles (API identifiers). The anonymous public has no role and no account. */
export const roles = ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** How a role's records are scoped: the whole system, a region subtree, or one enterprise. */
export type ScopeKind = "all" | "region" | "enterprise";
export const scopeKindOf: Record<Role, ScopeKind> = {
  admin: "all",
  regulator_leader: "region",
  regulator_inspector: "region",
  grid_member: "region",
  enterprise_admin: "enterprise",
  enterprise_staff: "enterprise",
};

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  admin: { zh: "系统管理员", en: "System administrator" },
  regulator_leader: { zh: "监管部门负责人", en: "Regulator (leader)" },
  regulator_inspector: { zh: "执法检查人员", en: "Regulator (inspector)" },
  grid_member: { zh: "网格员", en: "Grid member" },
  enterprise_admin: { zh: "企业管理员", en: "Enterprise administrator" },
  enterprise_staff: { zh: "企业员工", en: "Enterprise staff" },
};

/**
 * GB/T 2260 region codes as used for scoping, truncated by level so a subtree is a code prefix:
 * province 2 digits, city 4, county 6, township/street 9, village/community 12
 * (32 → 3204 → 320481 → 320481102 → 320481102001).
 */
export const regionLevels = { 2: "province", 4: "city", 6: "county", 9: "township", 12: "village" } as const;
export type RegionLevel = (typeof regionLevels)[keyof typeof regionLevels];
export const RegionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, "GB/T 2260: 2, 4, 6, 9 or 12 digits");

export function regionLevelOf(code: string): RegionLevel | undefined {
  return regionLevels[code.length as keyof typeof regionLevels];
}

/** True when `code` lies in the subtree rooted at `root` (a node is in its own subtree). */
export function inRegionSubtree(root: string, code: string | null | undefined): boolean {
  return !!code && code.startsWith(root);
}

/** Region levels a role may be bound to (issue 3 §5). */
export const allowedRegionLevels: Partial<Record<Role, readonly RegionLevel[]>> = {
  regulator_leader: ["city", "county", "township"],
  regulator_inspector: ["city", "county", "township"],
  grid_member: ["township", "village"],
};
