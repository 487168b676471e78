import { CheckOutlined, ExportOutlined } from "@ant-design/icons";
import { App, Badge, Button, Flex, Segmented, Space, type TableProps, Typography } from "antd";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { toApiError } from "../../api/client.js";
import { PageHeader } from "../../components/page-header.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { formatDateTime } from "../../i18n/format.js";
import { useLang, useT } from "../../i18n/i18n-context.js";
import { notificationsChanged } from "./notification-bell.js";
import { type Notification, type NotificationFilters, notificationsApi } from "./notifications-api.js";

type Filters = NotificationFilters & { lang: string };

/** /inbox: the signed-in user's notifications (escalations, reports), newest first; open one to act on it. */
export function InboxPage() {
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  // Title and body come in the request's language: a language switch reloads the list.
  const paged = usePagedList<Filters, Notification>(({ lang: _, ...q }, signal) => notificationsApi.list(q, signal), { lang });
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a language switch re-applies the filters.
  useEffect(() => {
    if (paged.filters.lang !== lang) paged.applyFilters({ ...paged.filters, lang });
  }, [lang]);
  const unreadOnly = paged.filters.unread === "true";

  const changed = () => {
    window.dispatchEvent(new Event(notificationsChanged));
    paged.list.reload();
  };
  const fail = (err: unknown) => void message.error(toApiError(err).message);

  const markRead = async (n: Notification) => {
    if (n.read) return;
    try {
      await notificationsApi.markRead(n.id);
      changed();
    } catch (err) {
      fail(err);
    }
  };
  const open = async (n: Notification) => {
    await markRead(n);
    if (n.link) navigate(n.link);
  };
  const markAll = async () => {
    setBusy(true);
    try {
      const { updated } = await notificationsApi.markAllRead();
      void message.success(t("notifications.markedAll", { count: updated }));
      changed();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<Notification>["columns"] = [
    {
      title: t("notifications.content"),
      key: "content",
      render: (_, n) => (
        <Space orientation="vertical" size={2} style={{ maxWidth: 720 }}>
          <Space size={6}>
            {!n.read && <Badge status="processing" aria-label={t("notifications.unread")} />}
            <Typography.Text strong={!n.read} data-testid="notification-title">
              {n.title}
            </Typography.Text>
          </Space>
          <Typography.Text type={n.read ? "secondary" : undefined} style={{ whiteSpace: "normal" }}>
            {n.body}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t("notifications.at"), dataIndex: "createdAt", key: "at", width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t("common.actions"),
      key: "actions",
      width: 200,
      render: (_, n) => (
        <Space>
          {n.link && (
            <Button size="small" type="link" icon={<ExportOutlined />} onClick={() => void open(n)}>
              {t("notifications.open")}
            </Button>
          )}
          {!n.read && (
            <Button size="small" type="link" icon={<CheckOutlined />} onClick={() => void markRead(n)}>
              {t("notifications.markRead")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        extra={
          <Button icon={<CheckOutlined />} loading={busy} onClick={() => void markAll()} data-testid="mark-all-read">
            {t("notifications.markAllRead")}
          </Button>
        }
      />
      <Flex style={{ marginBottom: 12 }}>
        <Segmented
          value={unreadOnly ? "unread" : "all"}
          options={[
            { value: "all", label: t("notifications.filterAll") },
            { value: "unread", label: t("notifications.filterUnread") },
          ]}
          onChange={(v) => paged.applyFilters({ lang, ...(v === "unread" ? { unread: "true" } : {}) })}
        />
      </Flex>
      <PagedTable<Filters, Notification>
        paged={paged}
        rowKey="id"
        columns={columns}
        emptyText={unreadOnly ? t("notifications.emptyUnread") : t("notifications.empty")}
      />
    </>
  );
}
