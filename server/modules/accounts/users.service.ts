import { allowedRegionLevels, type Role, regionLevelOf } from "../../../domain/access/roles.js";
import type { UserCreate, UserListQuery, UserUpdate } from "../../../domain/users/user.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { generatePassword, hashPassword } from "../../kernel/auth/secrets.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, conflict, type FieldError, notFound } from "../../kernel/http/errors.js";
import { applyTransition, defineMachine, updateVersioned } from "../../kernel/workflow/state-machine.js";
import { departmentsByIds } from "../departments/departments.service.js";
import { userEntity } from "./accounts.messages.js";
import { userScope } from "./accounts.policy.js";
import { auditableUser, presentUser } from "./accounts.present.js";
import * as repo from "./accounts.repo.js";
import { users } from "./accounts.schema.js";
import { assertPasswordPolicy } from "./session.service.js";

/** Account status: an administrator disables and re-enables accounts (never deletes: the audit trail refers to them). */
export const accountMachine = defineMachine({
  name: "account",
  states: ["active", "disabled"] as const,
  transitions: {
    disable: { from: ["active"], to: "disabled" },
    enable: { from: ["disabled"], to: "active" },
  },
});

const enterpriseRoles: readonly Role[] = ["enterprise_admin", "enterprise_staff"];

/** Role ↔ binding rules (issue 3 §5): regulators and grid members have a region, enterprise users an enterprise. */
export function checkBinding(role: Role, regionCode: string | null, enterpriseId: string | null): FieldError[] {
  const errors: FieldError[] = [];
  const levels = allowedRegionLevels[role];
  if (levels) {
    const level = regionCode ? regionLevelOf(regionCode) : undefined;
    if (!level || !levels.includes(level)) {
      errors.push({ path: "regionCode", code: "accounts.region_required", params: { levels: levels.join("/") } });
    }
  } else if (regionCode) {
    errors.push({ path: "regionCode", code: "accounts.region_not_allowed" });
  }
  if (enterpriseRoles.includes(role)) {
    if (!enterpriseId) errors.push({ path: "enterpriseId", code: "accounts.enterprise_required" });
  } else if (enterpriseId) {
    errors.push({ path: "enterpriseId", code: "accounts.enterprise_not_allowed" });
  }
  return errors;
}

/** A regulator's department must exist and sit in the regulator's own region; other roles have none. */
async function checkDepartment(db: Db, role: Role, regionCode: string | null, departmentId: string | null): Promise<FieldError[]> {
  if (!departmentId) return [];
  if (role !== "regulator_leader" && role !== "regulator_inspector")
    return [{ path: "departmentId", code: "accounts.department_not_allowed" }];
  const [department] = await departmentsByIds(db, [departmentId]);
  if (!department) return [{ path: "departmentId", code: "accounts.department_unknown" }];
  if (department.regionCode !== regionCode) return [{ path: "departmentId", code: "accounts.department_region" }];
  return [];
}

/** 行政执法证 (double-random.md R3): only regulators hold one, and one number belongs to one account. */
async function checkCertificate(db: Db, role: Role, certNo: string | null, userId: string | null): Promise<FieldError[]> {
  if (!certNo) return [];
  if (role !== "regulator_leader" && role !== "regulator_inspector")
    return [{ path: "enforcementCertNo", code: "accounts.cert_not_allowed" }];
  const holder = await repo.findUserByCertNo(db, certNo);
  return holder && holder.id !== userId ? [{ path: "enforcementCertNo", code: "accounts.cert_taken" }] : [];
}

/** Upper-cases ASCII letters: the canonical form the draw lists use (R8.1). */
const certNoOf = (v: string | null | undefined) => (v ? v.trim().replace(/[a-z]+/g, (x) => x.toUpperCase()) : null);

export async function listUsers(db: Db, ctx: Ctx, q: UserListQuery) {
  const { items, total } = await repo.listUsers(db, userScope(ctx.actor), q, q);
  return { items: items.map(presentUser), total, page: q.page, pageSize: q.pageSize };
}

export async function getUser(db: Db, ctx: Ctx, id: string) {
  const row = await repo.findUserById(db, id, userScope(ctx.actor));
  if (!row) throw notFound(userEntity);
  return row;
}

export async function createUser(db: Db, ctx: Ctx, input: UserCreate) {
  const regionCode = input.regionCode ?? null;
  const enterpriseId = input.enterpriseId ?? null;
  const departmentId = input.departmentId ?? null;
  const enforcementCertNo = certNoOf(input.enforcementCertNo);
  const binding = [
    ...checkBinding(input.role, regionCode, enterpriseId),
    ...(await checkDepartment(db, input.role, regionCode, departmentId)),
    ...(await checkCertificate(db, input.role, enforcementCertNo, null)),
  ];
  if (binding.length) throw new AppError(400, "validation", { fields: binding });
  assertPasswordPolicy(input.password, "password");
  if (await repo.findUserByUsername(db, input.username)) {
    throw conflict("accounts.username_taken", [{ path: "username", code: "accounts.username_taken" }]);
  }
  const passwordHash = await hashPassword(input.password);
  return withTx(db, async (tx) => {
    const row = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      regionCode,
      enterpriseId,
      departmentId,
      phone: input.phone ?? null,
      enforcementCertNo,
      // An account an administrator makes for someone starts with a password its owner must replace.
      mustChangePassword: ctx.actor !== null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, ctx, { action: "user.created", entityType: "user", entityId: row.id, regionCode, after: auditableUser(row) });
    return row;
  });
}

export async function updateUser(db: Db, ctx: Ctx, id: string, input: UserUpdate) {
  const current = await getUser(db, ctx, id);
  const next = {
    displayName: input.displayName ?? current.displayName,
    role: (input.role ?? current.role) as Role,
    regionCode: input.regionCode === undefined ? current.regionCode : input.regionCode,
    enterpriseId: input.enterpriseId === undefined ? current.enterpriseId : input.enterpriseId,
    departmentId: input.departmentId === undefined ? current.departmentId : input.departmentId,
    phone: input.phone === undefined ? current.phone : input.phone,
    enforcementCertNo: input.enforcementCertNo === undefined ? current.enforcementCertNo : certNoOf(input.enforcementCertNo),
  };
  const binding = [
    ...checkBinding(next.role, next.regionCode, next.enterpriseId),
    ...(await checkDepartment(db, next.role, next.regionCode, next.departmentId)),
    ...(await checkCertificate(db, next.role, next.enforcementCertNo, id)),
  ];
  if (binding.length) throw new AppError(400, "validation", { fields: binding });
  return withTx(db, async (tx) => {
    if (current.role === "admin" && next.role !== "admin") await assertAnotherAdmin(tx, current.id);
    const row = await updateVersioned(tx, users, { id, version: input.version, set: { ...next, updatedAt: ctx.now } });
    await writeAudit(tx, ctx, {
      action: "user.updated",
      entityType: "user",
      entityId: id,
      regionCode: row.regionCode,
      before: auditableUser(current),
      after: auditableUser(row),
    });
    return row;
  });
}

export async function setUserStatus(db: Db, ctx: Ctx, id: string, action: "disable" | "enable", version: number) {
  const current = await getUser(db, ctx, id);
  if (action === "disable" && ctx.actor?.userId === id) throw new AppError(409, "accounts.cannot_disable_self");
  return withTx(db, async (tx) => {
    if (action === "disable" && current.role === "admin") await assertAnotherAdmin(tx, id);
    const row = await applyTransition(tx, users, accountMachine, {
      id,
      from: current.status as "active" | "disabled",
      action,
      version,
      set: { updatedAt: ctx.now },
    });
    // A disabled account is signed out everywhere at once.
    if (action === "disable") await repo.revokeUserSessions(tx, id, ctx.now);
    await writeAudit(tx, ctx, {
      action: `user.${action}d`,
      entityType: "user",
      entityId: id,
      regionCode: row.regionCode,
      before: { status: current.status, version: current.version },
      after: { status: row.status, version: row.version },
    });
    return row;
  });
}

/** An administrator's reset: a one-time password, all sessions revoked, change forced at next sign-in. */
export async function resetPassword(db: Db, ctx: Ctx, id: string) {
  const current = await getUser(db, ctx, id);
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const row = await withTx(db, async (tx) => {
    const updated = await updateVersioned(tx, users, {
      id,
      version: current.version,
      set: { passwordHash, mustChangePassword: true, passwordChangedAt: ctx.now, updatedAt: ctx.now },
    });
    const revoked = await repo.revokeUserSessions(tx, id, ctx.now);
    await writeAudit(tx, ctx, {
      action: "user.password_reset",
      entityType: "user",
      entityId: id,
      regionCode: updated.regionCode,
      before: { mustChangePassword: current.mustChangePassword },
      after: { mustChangePassword: true },
      detail: { sessionsRevoked: revoked },
    });
    return updated;
  });
  return { user: row, temporaryPassword };
}

async function assertAnotherAdmin(tx: Db, exceptId: string) {
  if ((await repo.countActiveAdmins(tx, exceptId)) === 0) throw new AppError(409, "accounts.last_admin");
}

/**
 * First start: create the system administrator with a random password. Returns the credentials
 * once (the caller prints them and writes DATA_DIR/initial-admin.json), or null when an admin exists.
 */
export async function ensureInitialAdmin(db: Db, now: Date): Promise<{ username: string; password: string } | null> {
  if ((await repo.countAdmins(db)) > 0) return null;
  const password = generatePassword();
  const ctx: Ctx = { actor: null, ip: null, now };
  const passwordHash = await hashPassword(password);
  await withTx(db, async (tx) => {
    const row = await repo.insertUser(tx, {
      username: "admin",
      displayName: "系统管理员",
      passwordHash,
      role: "admin",
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, ctx, {
      action: "user.created",
      entityType: "user",
      entityId: row.id,
      after: auditableUser(row),
      detail: { initialAdmin: true },
    });
  });
  return { username: "admin", password };
}

/**
 * 执法人员名录库 (double-random.md R3): active regulators holding an enforcement certificate whose region lies in
 * `regionCode`'s subtree, optionally of one department — the inspector list of a random draw.
 */
export async function enforcementOfficers(db: Db, f: { regionCode: string; departmentId?: string | null }) {
  const rows = await repo.certifiedRegulators(db, f);
  return rows.map((r) => ({ userId: r.id, displayName: r.displayName, certNo: r.enforcementCertNo as string, regionCode: r.regionCode }));
}

/**
 * Recipients for notifications (e.g. hazard escalation, R12): ids of the active accounts holding one of `roles`
 * bound exactly to one of `regionCodes` or `enterpriseIds`. Ids only leave this module.
 */
export function activeUserIdsFor(
  db: Db,
  f: { roles: readonly Role[]; regionCodes?: readonly string[]; enterpriseIds?: readonly string[] },
): Promise<string[]> {
  return repo.activeUserIdsBound(db, f);
}
