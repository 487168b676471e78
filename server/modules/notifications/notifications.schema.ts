import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ts } from "../../kernel/db/columns.js";

/**
 * The in-app inbox: one row per recipient. `dedupeKey` (e.g. "hazard:<id>:o3") is unique per user, so a
 * notification raised twice — a job run twice, or on two instances — reaches the user once.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    kind: text("kind").notNull(),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull(),
    bodyZh: text("body_zh").notNull(),
    bodyEn: text("body_en").notNull(),
    link: text("link"),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    dedupeKey: text("dedupe_key").notNull(),
    readAt: ts("read_at"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_uq").on(t.userId, t.dedupeKey),
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * Outbound webhook deliveries (transactional outbox): written with the notification, sent afterwards with an
 * HMAC-SHA256 signature, retried with back-off until delivered or given up.
 */
export const webhookOutbox = pgTable(
  "webhook_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    notificationId: uuid("notification_id").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull(),
    lastError: text("last_error"),
    deliveredAt: ts("delivered_at"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    index("webhook_outbox_pending_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check("webhook_outbox_status_check", sql`${t.status} in ('pending','delivered','failed')`),
  ],
);
