import { z } from "zod";
import { pageOf } from "../../../domain/common/page.js";
import { Notification, NotificationListQuery, ReadAllResult, UnreadCount } from "../../../domain/notifications/notification.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { langOf } from "../../kernel/i18n/i18n.js";
import {
  configureNotificationWebhook,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadCount,
} from "./notifications.service.js";

const IdParams = z.object({ id: z.string().uuid() });
const tags = ["notifications"];

/** The in-app inbox: every signed-in user reads and marks only their own notifications. */
export function notificationsRoutes(app: Server, { db, config }: AppDeps) {
  configureNotificationWebhook(!!config.webhookUrl);

  app.get(
    "/api/notifications",
    {
      config: { permission: "notifications.read" },
      schema: {
        tags,
        summary: "The caller's notifications, newest first (unread=true for the unread ones), in the caller's language",
        querystring: NotificationListQuery,
        response: { 200: pageOf(Notification), ...errorResponses },
      },
    },
    (req) => listNotifications(db, req.ctx, req.query, langOf(req.headers["accept-language"])),
  );

  app.get(
    "/api/notifications/unread-count",
    {
      config: { permission: "notifications.read" },
      schema: {
        tags,
        summary: "How many of the caller's notifications are unread (the bell's badge)",
        response: { 200: UnreadCount, ...errorResponses },
      },
    },
    async (req) => ({ count: await unreadCount(db, req.ctx) }),
  );

  app.post(
    "/api/notifications/:id/read",
    {
      config: { permission: "notifications.read" },
      schema: {
        tags,
        summary: "Mark one of the caller's notifications read (audited)",
        params: IdParams,
        response: { 200: Notification, ...errorResponses },
      },
    },
    (req) => markNotificationRead(db, req.ctx, req.params.id, langOf(req.headers["accept-language"])),
  );

  app.post(
    "/api/notifications/read-all",
    {
      config: { permission: "notifications.read" },
      schema: {
        tags,
        summary: "Mark all of the caller's notifications read (audited)",
        response: { 200: ReadAllResult, ...errorResponses },
      },
    },
    async (req) => ({ updated: await markAllNotificationsRead(db, req.ctx) }),
  );
}
