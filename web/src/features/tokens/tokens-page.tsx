import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Popconfirm, type TableProps, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { ApiToken } from "../../../../domain/auth/auth.dto.js";
import { toApiError } from "../../api/client.js";
import { PageHeader } from "../../components/page-header.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { SecretModal } from "../../components/secret-modal.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { CreateTokenModal } from "./create-token-modal.js";
import { tokensApi } from "./tokens-api.js";

type TokenState = "active" | "revoked" | "expired";

function stateOf(token: ApiToken): TokenState {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && dayjs(token.expiresAt).isBefore(dayjs())) return "expired";
  return "active";
}

export function TokensPage() {
  const t = useT();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string>();
  const [busyId, setBusyId] = useState<string>();
  const paged = usePagedList((query, signal) => tokensApi.list(query, signal), {});
  const { list } = paged;

  const revoke = async (token: ApiToken) => {
    setBusyId(token.id);
    try {
      await tokensApi.revoke(token.id);
      message.success(t("tokens.revokedOk"));
    } catch (err) {
      message.error(toApiError(err).message);
    } finally {
      setBusyId(undefined);
      list.reload();
    }
  };

  const stateTags: Record<TokenState, { color: string; label: string }> = {
    active: { color: "green", label: t("tokens.active") },
    revoked: { color: "red", label: t("tokens.revoked") },
    expired: { color: "default", label: t("tokens.expired") },
  };

  const columns: TableProps<ApiToken>["columns"] = [
    { title: t("tokens.name"), dataIndex: "name", key: "name" },
    { title: t("tokens.user"), dataIndex: "username", key: "username" },
    {
      title: t("tokens.prefix"),
      dataIndex: "prefix",
      key: "prefix",
      render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
    },
    {
      title: t("tokens.status"),
      key: "status",
      render: (_, token) => {
        const tag = stateTags[stateOf(token)];
        return <Tag color={tag.color}>{tag.label}</Tag>;
      },
    },
    { title: t("tokens.createdAt"), dataIndex: "createdAt", key: "createdAt", render: (v: string) => formatDateTime(v) },
    {
      title: t("tokens.expiresAt"),
      dataIndex: "expiresAt",
      key: "expiresAt",
      render: (v: string | null) => (v ? formatDateTime(v) : t("tokens.never")),
    },
    {
      title: t("tokens.lastUsedAt"),
      dataIndex: "lastUsedAt",
      key: "lastUsedAt",
      render: (v: string | null) => (v ? formatDateTime(v) : t("tokens.neverUsed")),
    },
    {
      title: t("common.actions"),
      key: "actions",
      fixed: "right",
      render: (_, token) =>
        stateOf(token) === "revoked" ? (
          t("common.none")
        ) : (
          <Popconfirm title={t("tokens.confirmRevoke", { name: token.name })} onConfirm={() => revoke(token)}>
            <Button type="link" size="small" danger disabled={busyId === token.id}>
              {t("tokens.revoke")}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("tokens.title")}
        extra={
          <>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={list.reload} />
            </Tooltip>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t("tokens.create")}
            </Button>
          </>
        }
      />
      <Card>
        <PagedTable<object, ApiToken> paged={paged} rowKey="id" columns={columns} emptyText={t("tokens.empty")} />
      </Card>
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setSecret(created.secret);
          list.reload();
        }}
      />
      <SecretModal
        open={!!secret}
        title={t("tokens.secretTitle")}
        warning={t("tokens.secretWarning")}
        secret={secret ?? ""}
        onClose={() => setSecret(undefined)}
      />
    </>
  );
}
