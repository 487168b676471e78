import type { Role } from "../../../domain/access/roles.js";
import type { ApiToken, SessionUser } from "../../../domain/auth/auth.dto.js";
import type { User } from "../../../domain/users/user.dto.js";
import type { Actor } from "../../kernel/auth/actor.js";
import type { ActorRow, TokenRow, UserRow } from "./accounts.repo.js";

export function presentUser(u: UserRow): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    regionCode: u.regionCode,
    enterpriseId: u.enterpriseId,
    departmentId: u.departmentId,
    phone: u.phone,
    enforcementCertNo: u.enforcementCertNo,
    status: u.status as User["status"],
    mustChangePassword: u.mustChangePassword,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

export function presentSessionUser(a: Actor): SessionUser {
  return {
    id: a.userId,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    regionCode: a.regionCode,
    enterpriseId: a.enterpriseId,
    mustChangePassword: a.mustChangePassword,
  };
}

export function actorOf(u: ActorRow, via: Actor["via"]): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    regionCode: u.regionCode,
    enterpriseId: u.enterpriseId,
    mustChangePassword: u.mustChangePassword,
    via,
  };
}

export function presentToken(t: TokenRow, username: string): ApiToken {
  return {
    id: t.id,
    name: t.name,
    userId: t.userId,
    username,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** The fields of a user worth auditing (never the hash). */
export function auditableUser(u: UserRow) {
  const { passwordHash: _, createdAt: __, updatedAt: ___, ...rest } = u;
  return rest;
}
