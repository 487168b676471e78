import { z } from "zod";
import { PageQuery } from "../common/page.js";

/** The inbox list: newest first, optionally only the unread ones. */
export const NotificationListQuery = PageQuery.extend({
  unread: z.enum(["true", "false"]).optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

/** One notification as its recipient sees it, title and body in the caller's language. */
export const Notification = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A client route to open (e.g. /hazards/<id>). */
  link: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof Notification>;

export const UnreadCount = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const ReadAllResult = z.object({ updated: z.number().int() });
export type ReadAllResult = z.infer<typeof ReadAllResult>;

/**
 * The JSON body of an outbound webhook delivery (signed: X-Redline-Signature = "sha256=" + hex HMAC-SHA256 of
 * "<X-Redline-Timestamp>.<raw body>" with the deployment's WEBHOOK_SECRET).
 */
export type WebhookPayload = {
  type: "notification";
  id: string;
  userId: string;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string | null;
  subjectType: string | null;
  subjectId: string | null;
  createdAt: string;
};
