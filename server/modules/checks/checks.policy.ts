import type { Actor } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { forbidden } from "../../kernel/http/errors.js";
import { checkRecords, checkTasks } from "./checks.schema.js";

// Route permissions (domain/access/permissions.ts): checks.read for regulators, grid members and the
// enterprise; checks.manage (set up tasks) for the enterprise administrator and administrators;
// checks.record (do a check) for the enterprise's own people.

/** Tasks the actor may see: its region's subtree for regulators, its own enterprise for enterprise users. */
export const taskScope = (actor: Actor | null) => scopeWhere(actor, { region: checkTasks.regionCode, enterprise: checkTasks.enterpriseId });
export const recordScope = (actor: Actor | null) =>
  scopeWhere(actor, { region: checkRecords.regionCode, enterprise: checkRecords.enterpriseId });

/** Doing a check is the enterprise's own act: its administrator, or the person the task names. */
export function assertMayRecord(actor: Actor | null, task: { enterpriseId: string; assigneeUserId: string | null }): void {
  if (!actor || actor.enterpriseId !== task.enterpriseId) throw forbidden();
  if (actor.role === "enterprise_admin") return;
  if (task.assigneeUserId && task.assigneeUserId !== actor.userId) throw forbidden("checks.not_assignee");
}
