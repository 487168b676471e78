import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ts } from "../../kernel/db/columns.js";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    /** GB/T 2260 code of the regulator's or grid member's region. */
    regionCode: text("region_code"),
    /** The enterprise an enterprise user belongs to (the enterprise registry links it). */
    enterpriseId: uuid("enterprise_id"),
    /** The supervising department a regulator belongs to (its region is the regulator's region). */
    departmentId: uuid("department_id"),
    phone: text("phone"),
    /** 行政执法证号: a regulator on the inspector directory (执法人员名录库, double-random.md R3). */
    enforcementCertNo: text("enforcement_cert_no"),
    status: text("status").notNull().default("active"),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    passwordChangedAt: ts("password_changed_at"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("users_username_key").on(sql`lower(${t.username})`),
    index("users_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("users_enterprise_idx").on(t.enterpriseId),
    uniqueIndex("users_enforcement_cert_key").on(t.enforcementCertNo),
    check(
      "users_role_check",
      sql`${t.role} in ('admin','regulator_leader','regulator_inspector','grid_member','enterprise_admin','enterprise_staff')`,
    ),
    check("users_status_check", sql`${t.status} in ('active','disabled')`),
  ],
);

/** Sign-in sessions: only the SHA-256 of the cookie secret is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: ts("created_at").notNull(),
    lastSeenAt: ts("last_seen_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [uniqueIndex("sessions_token_hash_key").on(t.tokenHash), index("sessions_user_idx").on(t.userId)],
);

/** Machine-client tokens, created by administrators, acting with their owner's role and scope. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull(),
    expiresAt: ts("expires_at"),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/**
 * Failed sign-ins per username (existing or not, so the answer never reveals which):
 * 5 failures within 15 minutes lock the name for 15 minutes.
 */
export const loginThrottle = pgTable("login_throttle", {
  username: text("username").primaryKey(),
  failures: integer("failures").notNull(),
  windowStart: ts("window_start").notNull(),
  lockedUntil: ts("locked_until"),
});
