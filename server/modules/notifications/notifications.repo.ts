import { and, desc, eq, inArray, isNull, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../kernel/db/db.js";
import { notifications, webhookOutbox } from "./notifications.schema.js";

export type NotificationRow = typeof notifications.$inferSelect;
export type OutboxRow = typeof webhookOutbox.$inferSelect;

/** Inserts one row per recipient; a (user, dedupe key) already notified is skipped. Returns the rows inserted. */
export async function insertNotifications(db: Db, values: (typeof notifications.$inferInsert)[]): Promise<NotificationRow[]> {
  if (values.length === 0) return [];
  return db
    .insert(notifications)
    .values(values)
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
    .returning();
}

export async function insertOutbox(db: Db, values: (typeof webhookOutbox.$inferInsert)[]): Promise<void> {
  if (values.length) await db.insert(webhookOutbox).values(values);
}

const own = (userId: string, unread?: boolean): SQL | undefined =>
  and(
    eq(notifications.userId, userId),
    unread === undefined ? undefined : unread ? isNull(notifications.readAt) : sql`${notifications.readAt} is not null`,
  );

export async function listNotifications(db: Db, userId: string, unread: boolean | undefined, page: { page: number; pageSize: number }) {
  const where = own(userId, unread);
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Served by the partial index on unread rows. */
export async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function findOwn(db: Db, userId: string, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .limit(1);
  return row;
}

/** Marks one unread row read; undefined when it was read already (or is not the user's). */
export async function markRead(db: Db, userId: string, id: string, at: Date): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning();
  return row;
}

export async function markAllRead(db: Db, userId: string, at: Date): Promise<number> {
  const updated = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

/**
 * Claims up to `limit` due deliveries for this instance: locked with `for update skip locked` (another
 * instance's claim is skipped, not waited for), then leased — attempts counted and next_attempt_at pushed to
 * `leaseUntil` — in the same short transaction, so once it commits no other instance selects them while
 * this one sends.
 */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookOutbox.id })
      .from(webhookOutbox)
      .where(and(eq(webhookOutbox.status, "pending"), lte(webhookOutbox.nextAttemptAt, now)))
      .orderBy(webhookOutbox.nextAttemptAt, webhookOutbox.id)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(webhookOutbox)
      .set({ attempts: sql`${webhookOutbox.attempts} + 1`, nextAttemptAt: leaseUntil })
      .where(
        inArray(
          webhookOutbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

export async function markDelivered(db: Db, id: number, at: Date): Promise<void> {
  await db.update(webhookOutbox).set({ status: "delivered", deliveredAt: at, lastError: null }).where(eq(webhookOutbox.id, id));
}

/** A failed attempt: retried at `retryAt`, or given up (`failed`) when there is none. */
export async function markAttemptFailed(db: Db, id: number, error: string, retryAt: Date | null): Promise<void> {
  await db
    .update(webhookOutbox)
    .set(retryAt ? { lastError: error, nextAttemptAt: retryAt } : { lastError: error, status: "failed" })
    .where(eq(webhookOutbox.id, id));
}
