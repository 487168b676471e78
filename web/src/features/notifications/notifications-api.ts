import type { Page } from "../../../../domain/common/page.js";
import type { Notification, ReadAllResult, UnreadCount } from "../../../../domain/notifications/notification.dto.js";
import { api, request } from "../../api/client.js";

export type { Notification };
export type NotificationFilters = { unread?: "true" };

export const notificationsApi = {
  list: (query: NotificationFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<Notification>>("/api/notifications", query, signal),
  /** A background read: a 401 here is left to the user's next action to handle (no redirect mid-page). */
  unreadCount: (signal?: AbortSignal) => request<UnreadCount>("/api/notifications/unread-count", { signal, handleUnauthenticated: false }),
  markRead: (id: string) => api.post<Notification>(`/api/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<ReadAllResult>("/api/notifications/read-all"),
};
