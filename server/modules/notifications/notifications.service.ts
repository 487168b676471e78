import type { Page } from "../../../domain/common/page.js";
import type { Notification, NotificationListQuery, WebhookPayload } from "../../../domain/notifications/notification.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { notFound } from "../../kernel/http/errors.js";
import { type Lang, type Message, pick } from "../../kernel/i18n/i18n.js";
import { notificationEntity } from "./notifications.messages.js";
import * as repo from "./notifications.repo.js";

export type NotifyInput = {
  userIds: string[];
  /** What happened, e.g. "hazard.escalation.o3" or "hazard.major_reported". */
  kind: string;
  title: Message;
  body: Message;
  /** A client route, e.g. /hazards/<id>. */
  link: string | null;
  subjectType: string | null;
  subjectId: string | null;
  /** Unique per user: the same key never reaches a user twice (e.g. "hazard:<id>:o3"). */
  dedupeKey: string;
};

let webhookConfigured = false;

/** Set once by buildApp from WEBHOOK_URL: notifications then also queue a webhook delivery (transactional outbox). */
export function configureNotificationWebhook(enabled: boolean): void {
  webhookConfigured = enabled;
}

/**
 * Puts a notification in each recipient's inbox inside the caller's transaction. A recipient who already has
 * the dedupe key gets nothing new; for each row actually inserted a webhook delivery is queued when a webhook is
 * configured. Returns how many inbox rows were inserted.
 */
export async function notify(tx: Db, ctx: Ctx, input: NotifyInput): Promise<number> {
  const userIds = [...new Set(input.userIds)];
  const inserted = await repo.insertNotifications(
    tx,
    userIds.map((userId) => ({
      userId,
      kind: input.kind,
      titleZh: input.title.zh,
      titleEn: input.title.en,
      bodyZh: input.body.zh,
      bodyEn: input.body.en,
      link: input.link,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      dedupeKey: input.dedupeKey,
      createdAt: ctx.now,
    })),
  );
  if (webhookConfigured) {
    await repo.insertOutbox(
      tx,
      inserted.map((n) => ({
        notificationId: n.id,
        payload: webhookPayload(n) as unknown as Record<string, unknown>,
        nextAttemptAt: ctx.now,
        createdAt: ctx.now,
      })),
    );
  }
  return inserted.length;
}

function webhookPayload(n: repo.NotificationRow): WebhookPayload {
  return {
    type: "notification",
    id: n.id,
    userId: n.userId,
    kind: n.kind,
    title: { zh: n.titleZh, en: n.titleEn },
    body: { zh: n.bodyZh, en: n.bodyEn },
    link: n.link,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    createdAt: n.createdAt.toISOString(),
  };
}

function present(n: repo.NotificationRow, lang: Lang): Notification {
  return {
    id: n.id,
    kind: n.kind,
    title: pick({ zh: n.titleZh, en: n.titleEn }, lang),
    body: pick({ zh: n.bodyZh, en: n.bodyEn }, lang),
    link: n.link,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    read: n.readAt !== null,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

const me = (ctx: Ctx) => (ctx.actor as Actor).userId;

/** The caller's own inbox, newest first; nobody reads another user's notifications. */
export async function listNotifications(db: Db, ctx: Ctx, q: NotificationListQuery, lang: Lang): Promise<Page<Notification>> {
  const unread = q.unread === undefined ? undefined : q.unread === "true";
  const { items, total } = await repo.listNotifications(db, me(ctx), unread, q);
  return { items: items.map((n) => present(n, lang)), total, page: q.page, pageSize: q.pageSize };
}

export async function unreadCount(db: Db, ctx: Ctx): Promise<number> {
  return repo.countUnread(db, me(ctx));
}

/** Marks one of the caller's notifications read (again: a no-op); another user's answers 404. */
export async function markNotificationRead(db: Db, ctx: Ctx, id: string, lang: Lang): Promise<Notification> {
  const userId = me(ctx);
  const existing = await repo.findOwn(db, userId, id);
  if (!existing) throw notFound(notificationEntity);
  if (existing.readAt) return present(existing, lang);
  const row = await withTx(db, async (tx) => {
    const updated = await repo.markRead(tx, userId, id, ctx.now);
    if (updated) {
      await writeAudit(tx, ctx, {
        action: "notification.read",
        entityType: "notification",
        entityId: id,
        before: { readAt: null },
        after: { readAt: updated.readAt },
      });
    }
    return updated;
  });
  return present(row ?? ((await repo.findOwn(db, userId, id)) as repo.NotificationRow), lang);
}

export async function markAllNotificationsRead(db: Db, ctx: Ctx): Promise<number> {
  const userId = me(ctx);
  return withTx(db, async (tx) => {
    const updated = await repo.markAllRead(tx, userId, ctx.now);
    if (updated > 0) {
      await writeAudit(tx, ctx, { action: "notification.read_all", entityType: "user", entityId: userId, detail: { updated } });
    }
    return updated;
  });
}
