import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Tooltip } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { useT } from "../../i18n/i18n-context.js";
import { notificationsApi } from "./notifications-api.js";

/** Fired by the inbox when it marks notifications read, so the badge follows at once. */
export const notificationsChanged = "redline:notifications-changed";
export const inboxPath = "/inbox";
const pollMs = 60_000;

/** The header bell: the unread count, refreshed on navigation, every minute while the user is active, and when the inbox changes it. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [count, setCount] = useState(0);

  const refresh = useCallback((signal?: AbortSignal) => {
    notificationsApi.unreadCount(signal).then(
      (r) => {
        if (!signal?.aborted) setCount(r.count);
      },
      () => {}, // a missed poll keeps the last count; the next one retries
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: navigation (pathname) is a refresh trigger.
  useEffect(() => {
    const controller = new AbortController();
    refresh(controller.signal);
    return () => controller.abort();
  }, [pathname, refresh]);

  // A poll is a request like any other and would keep an idle session alive (等保 idle timeout), so the
  // minute's poll runs only when the user did something on the page since the previous one.
  useEffect(() => {
    let active = false;
    const markActive = () => {
      active = true;
    };
    const activity = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"] as const;
    for (const e of activity) window.addEventListener(e, markActive, { passive: true });
    const timer = window.setInterval(() => {
      if (!active) return;
      active = false;
      refresh();
    }, pollMs);
    const onChange = () => refresh();
    window.addEventListener(notificationsChanged, onChange);
    return () => {
      window.clearInterval(timer);
      for (const e of activity) window.removeEventListener(e, markActive);
      window.removeEventListener(notificationsChanged, onChange);
    };
  }, [refresh]);

  const label = count > 0 ? t("notifications.bellUnread", { count }) : t("notifications.bell");
  return (
    <Tooltip title={label}>
      <Button type="text" aria-label={label} data-testid="notification-bell" onClick={() => navigate(inboxPath)} style={{ height: 48 }}>
        <Badge count={count} size="small" overflowCount={99} data-testid="notification-badge">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Tooltip>
  );
}
