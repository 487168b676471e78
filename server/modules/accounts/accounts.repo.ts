import { and, desc, eq, gt, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { preparedPerDatabase } from "../../kernel/db/prepared.js";
import { apiTokens, loginThrottle, sessions, users } from "./accounts.schema.js";

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`).limit(1);
  return row;
}

export async function findUserById(db: Db, id: string, scope?: SQL): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), scope))
    .limit(1);
  return row;
}

export async function findUserByCertNo(db: Db, certNo: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.enforcementCertNo, certNo)).limit(1);
  return row;
}

/** Active regulators with an enforcement certificate in a region subtree (and department), by certificate number. */
export function certifiedRegulators(db: Db, f: { regionCode: string; departmentId?: string | null }) {
  return db
    .select({ id: users.id, displayName: users.displayName, enforcementCertNo: users.enforcementCertNo, regionCode: users.regionCode })
    .from(users)
    .where(
      and(
        inArray(users.role, ["regulator_leader", "regulator_inspector"]),
        eq(users.status, "active"),
        sql`${users.enforcementCertNo} is not null`,
        sql`${users.regionCode} like ${`${likeEscape(f.regionCode)}%`}`,
        f.departmentId ? eq(users.departmentId, f.departmentId) : undefined,
      ),
    )
    .orderBy(users.enforcementCertNo);
}

export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.role, "admin"));
  return row?.n ?? 0;
}

export async function countActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.status, "active"), sql`${users.id} <> ${exceptId}`));
  return row?.n ?? 0;
}

export type UserFilter = { q?: string; role?: string; status?: string; regionCode?: string };

export async function listUsers(db: Db, scope: SQL, f: UserFilter, page: { page: number; pageSize: number }) {
  const where = and(
    scope,
    f.q ? or(sql`${users.username} ilike ${`%${f.q}%`}`, sql`${users.displayName} ilike ${`%${f.q}%`}`) : undefined,
    f.role ? eq(users.role, f.role) : undefined,
    f.status ? eq(users.status, f.status) : undefined,
    f.regionCode ? sql`${users.regionCode} like ${`${f.regionCode}%`}` : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(users.username)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error("insert users returned nothing");
  return row;
}

// Sessions

/** The user columns an actor is made of (the hot path reads no more). */
export const actorColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  regionCode: users.regionCode,
  enterpriseId: users.enterpriseId,
  mustChangePassword: users.mustChangePassword,
  status: users.status,
};
export type ActorRow = Pick<UserRow, keyof typeof actorColumns>;

/**
 * The session for a secret's hash with its user, in one round trip. This runs on every request, so the statement
 * is built once per database and prepared on the server (named: its plan does not depend on the value).
 */
const sessionLookup = preparedPerDatabase((db) =>
  db
    .select({
      session: { id: sessions.id, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt },
      user: actorColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder("tokenHash")))
    .limit(1)
    .prepare("session_lookup"),
);

export async function findSessionWithUser(db: Db, tokenHash: string) {
  const [row] = await sessionLookup(db).execute({ tokenHash });
  return row;
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  const [row] = await db.insert(sessions).values(values).returning();
  if (!row) throw new Error("insert sessions returned nothing");
  return row;
}

/**
 * Deletes a user's sessions that ended (expired or revoked) before `before`: the table stays as large as
 * its recent sessions, without a sweeper; sign-ins and sign-outs stay in the audit trail.
 */
export async function pruneEndedSessions(db: Db, userId: string, before: Date): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before))));
}

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function revokeSession(db: Db, id: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Revokes every live session of a user, except `keep` (the one changing its own password). */
export async function revokeUserSessions(db: Db, userId: string, now: Date, keep?: string): Promise<number> {
  const res = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        keep ? sql`${sessions.id} <> ${keep}` : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return res.length;
}

// Login throttle

export async function findThrottle(db: Db, username: string) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.username, username)).limit(1);
  return row;
}

/**
 * Counts one failure atomically: a failure outside the 15-minute window starts a new one;
 * reaching `maxFailures` sets the lock.
 */
export async function recordLoginFailure(
  db: Db,
  username: string,
  now: Date,
  rule: { windowMs: number; maxFailures: number; lockMs: number },
) {
  const windowFloor = new Date(now.getTime() - rule.windowMs);
  const lockedUntil = new Date(now.getTime() + rule.lockMs);
  const [row] = await db
    .insert(loginThrottle)
    .values({ username, failures: 1, windowStart: now, lockedUntil: rule.maxFailures <= 1 ? lockedUntil : null })
    .onConflictDoUpdate({
      target: loginThrottle.username,
      set: {
        failures: sql`case when ${loginThrottle.windowStart} > ${windowFloor.toISOString()} then ${loginThrottle.failures} + 1 else 1 end`,
        windowStart: sql`case when ${loginThrottle.windowStart} > ${windowFloor.toISOString()} then ${loginThrottle.windowStart} else ${now.toISOString()}::timestamptz end`,
        lockedUntil: sql`case when ${loginThrottle.windowStart} > ${windowFloor.toISOString()} and ${loginThrottle.failures} + 1 >= ${rule.maxFailures} then ${lockedUntil.toISOString()}::timestamptz else null end`,
      },
    })
    .returning();
  return row;
}

export async function clearThrottle(db: Db, username: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.username, username));
}

// API tokens

export async function findTokenWithUser(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export async function insertToken(db: Db, values: typeof apiTokens.$inferInsert): Promise<TokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error("insert api_tokens returned nothing");
  return row;
}

export async function touchToken(db: Db, id: string, now: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

export async function listTokens(db: Db, page: { page: number; pageSize: number }) {
  const [items, [count]] = await Promise.all([
    db
      .select({ token: apiTokens, username: users.username })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .orderBy(desc(apiTokens.createdAt))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(apiTokens),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function findToken(db: Db, id: string) {
  const [row] = await db
    .select({ token: apiTokens, username: users.username })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.id, id))
    .limit(1);
  return row;
}

export async function revokeToken(db: Db, id: string, now: Date): Promise<TokenRow | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

/** Ids of active accounts with one of `roles`, bound exactly to one of the regions or enterprises given (bounded). */
export async function activeUserIdsBound(
  db: Db,
  f: { roles: readonly string[]; regionCodes?: readonly string[]; enterpriseIds?: readonly string[] },
): Promise<string[]> {
  const regions = f.regionCodes ?? [];
  const enterprises = f.enterpriseIds ?? [];
  if (f.roles.length === 0 || regions.length + enterprises.length === 0) return [];
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.status, "active"),
        inArray(users.role, [...f.roles]),
        or(
          regions.length ? inArray(users.regionCode, [...regions]) : undefined,
          enterprises.length ? inArray(users.enterpriseId, [...enterprises]) : undefined,
        ),
      ),
    )
    .orderBy(users.id)
    .limit(1000);
  return found.map((r) => r.id);
}
