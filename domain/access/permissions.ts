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
  // 检查表 templates (issue 7 §1): everyone signed in reads built-ins and those in scope; owners create, edit, publish, copy.
  "checklists.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "checklists.manage": ["admin", "regulator_leader", "regulator_inspector", "enterprise_admin"],
  // 检查 (issue 7 §2): everyone reads the inspections in scope; each role conducts the kinds domain/inspections/inspection.ts
  // gives it (regulators and grid members inspect enterprises, enterprise users only inspect themselves — 自查).
  "inspections.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "inspections.conduct": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  /** Pick a regulator team from the 执法人员名录库 (certified regulators of one's region). */
  "inspections.team": ["admin", "regulator_leader", "regulator_inspector"],
  // 自查安排 (issue 7 §6): the enterprise's schedules (regulators read them in scope), set up by its administrator, an
  // occurrence started by its own people; regulators follow the completion rates of their region.
  "self_inspections.read": ["admin", "regulator_leader", "regulator_inspector", "grid_member", "enterprise_admin", "enterprise_staff"],
  "self_inspections.manage": ["admin", "enterprise_admin"],
  "self_inspections.start": ["enterprise_admin", "enterprise_staff"],
  "self_inspections.completion": ["admin", "regulator_leader", "regulator_inspector", "grid_member"],
  // 检查统计 (issue 7 §7): inspections, coverage, plan and draw figures of a region subtree, for regulators.
  "inspections.stats": ["admin", "regulator_leader", "regulator_inspector"],
  // 双随机一公开 (issue 7 §5): regulators read their region's draws and prepare/execute them (city and county level,
  // random-draws.policy.ts); the public record needs no sign-in.
  "random_draws.read": ["admin", "regulator_leader", "regulator_inspector"],
  "random_draws.manage": ["admin", "regulator_leader", "regulator_inspector"],
  // 年度监督检查计划 (issue 7 §4): regulators read and draft their region's plans and move planned visits (audited);
  // the plan takes effect on a leader's approval (150号 Art. 7) — an inspector may not approve.
  "inspection_plans.read": ["admin", "regulator_leader", "regulator_inspector"],
  "inspection_plans.manage": ["admin", "regulator_leader", "regulator_inspector"],
  "inspection_plans.approve": ["regulator_leader"],
  // 执法案件 (issue 8 §1): everyone signed in but grid members reads the cases in scope (enforcement.policy.ts);
  // regulators open cases and record their events.
  "cases.read": ["admin", "regulator_leader", "regulator_inspector", "enterprise_admin", "enterprise_staff"],
  "cases.manage": ["admin", "regulator_leader", "regulator_inspector"],
  // The department's side of cases: overdue boards, statistics, 严重失信 proposals (issue 8 §3, §5, §6).
  "cases.oversee": ["admin", "regulator_leader", "regulator_inspector"],
  // The wording of the 执法文书 is the deployment's (issue 8 §2).
  "document_templates.manage": ["admin"],
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
