import { checkPassword } from "../../../domain/auth/password-policy.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import type { Authenticator } from "../../kernel/auth/authenticate.js";
import { hashPassword, newSecret, sha256, verifyPassword } from "../../kernel/auth/secrets.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, badRequest, fieldError, locked, unauthenticated } from "../../kernel/http/errors.js";
import { hitRateLimit } from "../../kernel/http/rate-limit.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import { actorOf } from "./accounts.present.js";
import * as repo from "./accounts.repo.js";
import { users } from "./accounts.schema.js";
import "./accounts.messages.js";

export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

/** 等保2.0 login-failure handling: 5 failures within 15 minutes lock the name for 15 minutes. */
export const lockoutRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Sign-in attempts per client address per minute before 429 (slows password spraying across names). */
export const loginRateLimit = { limit: 30, windowSeconds: 60 };
/** last_seen_at is written at most this often, so a busy session does not write on every request. */
const touchEveryMs = 60_000;

// Verified against when the name does not exist, so both paths cost one argon2 verification.
const dummyHash = hashPassword("redline-timing-equaliser-Aa1!");

export type LoginResult = { actor: Actor; secret: string };

/** Ended sessions are kept this long (a user's recent sign-ins), then removed at that user's next sign-in. */
const endedSessionsKeptDays = 30;

export async function login(
  db: Db,
  ctx: Ctx,
  input: { username: string; password: string; userAgent?: string },
  policy: SessionPolicy,
): Promise<LoginResult> {
  const name = input.username.trim().toLowerCase();
  await hitRateLimit(db, `login:${ctx.ip ?? "unknown"}`, loginRateLimit.limit, loginRateLimit.windowSeconds, ctx.now);

  const throttle = await repo.findThrottle(db, name);
  if (throttle?.lockedUntil && throttle.lockedUntil > ctx.now) throw locked("auth.locked");

  const user = await repo.findUserByUsername(db, name);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !ok) {
    const failure = await withTx(db, async (tx) => {
      const row = await repo.recordLoginFailure(tx, name, ctx.now, lockoutRule);
      await writeAudit(tx, ctx, {
        action: row?.lockedUntil ? "auth.locked" : "auth.login_failed",
        entityType: "user",
        entityId: user?.id ?? null,
        regionCode: user?.regionCode ?? null,
        detail: { username: name, failures: row?.failures ?? 1 },
      });
      return row;
    });
    // The locking attempt already answers 423, so the user learns at once why the next ones fail.
    if (failure?.lockedUntil && failure.lockedUntil > ctx.now) throw locked("auth.locked");
    throw unauthenticated("auth.invalid_credentials");
  }
  if (user.status !== "active") throw new AppError(403, "auth.account_disabled");

  const secret = newSecret();
  const session = await withTx(db, async (tx) => {
    await repo.clearThrottle(tx, name);
    await repo.pruneEndedSessions(tx, user.id, new Date(ctx.now.getTime() - endedSessionsKeptDays * 86_400_000));
    const s = await repo.insertSession(tx, {
      tokenHash: sha256(secret),
      userId: user.id,
      createdAt: ctx.now,
      lastSeenAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + policy.absoluteHours * 3_600_000),
      ip: ctx.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    const actor = actorOf(user, { kind: "session", sessionId: s.id });
    await writeAudit(tx, { ...ctx, actor }, { action: "auth.login", entityType: "session", entityId: s.id, regionCode: user.regionCode });
    return s;
  });
  return { actor: actorOf(user, { kind: "session", sessionId: session.id }), secret };
}

/** Resolves a session cookie: live → actor; idle too long, past 12 h, revoked, or user disabled → "expired". */
export async function resolveSession(db: Db, secret: string, now: Date, policy: SessionPolicy): Promise<Actor | "expired" | null> {
  const row = await repo.findSessionWithUser(db, sha256(secret));
  if (!row) return null;
  const { session, user } = row;
  const idleLimit = session.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  if (session.revokedAt || now >= session.expiresAt || now.getTime() >= idleLimit || user.status !== "active") {
    return "expired";
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= touchEveryMs) await repo.touchSession(db, session.id, now);
  return actorOf(user, { kind: "session", sessionId: session.id });
}

export async function resolveApiToken(db: Db, secret: string, now: Date): Promise<Actor | null> {
  const row = await repo.findTokenWithUser(db, sha256(secret));
  if (!row) return null;
  const { token, user } = row;
  if (token.revokedAt || (token.expiresAt && now >= token.expiresAt) || user.status !== "active") return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= touchEveryMs) await repo.touchToken(db, token.id, now);
  // A token acts as its owner but never carries a pending password change: it is not a person signing in.
  return { ...actorOf(user, { kind: "token", tokenId: token.id }), mustChangePassword: false };
}

export function authenticator(db: Db, policy: SessionPolicy): Authenticator {
  return {
    session: (secret, now) => resolveSession(db, secret, now, policy),
    apiToken: (secret, now) => resolveApiToken(db, secret, now),
  };
}

export async function logout(db: Db, ctx: Ctx): Promise<void> {
  const via = ctx.actor?.via;
  if (via?.kind !== "session") return;
  await withTx(db, async (tx) => {
    await repo.revokeSession(tx, via.sessionId, ctx.now);
    await writeAudit(tx, ctx, { action: "auth.logout", entityType: "session", entityId: via.sessionId, regionCode: ctx.actor?.regionCode });
  });
}

export function assertPasswordPolicy(password: string, field = "newPassword"): void {
  if (!checkPassword(password).ok) throw fieldError(field, "auth.password_policy");
}

/** A user changes their own password; their other sessions are signed out. */
export async function changePassword(db: Db, ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<Actor> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  if (actor.via.kind !== "session") throw badRequest("auth.session_only");
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw unauthenticated();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw fieldError("currentPassword", "auth.wrong_current_password");
  }
  assertPasswordPolicy(input.newPassword);
  if (input.newPassword === input.currentPassword) throw fieldError("newPassword", "auth.password_reused");
  const passwordHash = await hashPassword(input.newPassword);
  const sessionId = actor.via.sessionId;
  const updated = await withTx(db, async (tx) => {
    const row = await updateVersioned(tx, users, {
      id: user.id,
      version: user.version,
      set: { passwordHash, mustChangePassword: false, passwordChangedAt: ctx.now, updatedAt: ctx.now },
    });
    const revoked = await repo.revokeUserSessions(tx, user.id, ctx.now, sessionId);
    await writeAudit(tx, ctx, {
      action: "auth.password_changed",
      entityType: "user",
      entityId: user.id,
      regionCode: user.regionCode,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false },
      detail: { otherSessionsRevoked: revoked },
    });
    return row;
  });
  return actorOf(updated, actor.via);
}
