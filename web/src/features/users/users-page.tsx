import { PlusOutlined, ReloadOutlined, SearchOutlined } from "@ant-design/icons";
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, type TableProps, Tag, Tooltip } from "antd";
import { useState } from "react";
import { roleHas } from "../../../../domain/access/permissions.js";
import { type Role, roles } from "../../../../domain/access/roles.js";
import type { User, UserStatus } from "../../../../domain/users/user.dto.js";
import { toApiError } from "../../api/client.js";
import { PageHeader } from "../../components/page-header.js";
import { FilterActions, PagedTable, usePagedList } from "../../components/paged-table.js";
import { RegionSelect } from "../../components/region-select.js";
import { SecretModal } from "../../components/secret-modal.js";
import { formatDateTime } from "../../i18n/format.js";
import { useRoleLabel, useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { UserFormDrawer } from "./user-form-drawer.js";
import { type UserFilters, usersApi } from "./users-api.js";

/** The create/edit drawer; `key` remounts its form on every open. */
type Editor = { key: number; open: boolean; user?: User };
type FilterValues = { q?: string; role?: Role; status?: UserStatus; regionCode?: string };

export function UsersPage() {
  const t = useT();
  const roleLabel = useRoleLabel();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = roleHas(me.role, "users.manage");
  const [filterForm] = Form.useForm<FilterValues>();
  const [editor, setEditor] = useState<Editor>({ key: 0, open: false });
  const [busyId, setBusyId] = useState<string>();
  const [reset, setReset] = useState<{ name: string; password: string }>();

  const paged = usePagedList<UserFilters, User>((query, signal) => usersApi.list(query, signal), {});
  const { list } = paged;

  const openEditor = (user?: User) => setEditor((e) => ({ key: e.key + 1, open: true, user }));
  const closeEditor = () => setEditor((e) => ({ ...e, open: false }));

  const applyFilters = (v: FilterValues) => {
    paged.applyFilters({ q: v.q?.trim() || undefined, role: v.role, status: v.status, regionCode: v.regionCode?.trim() || undefined });
  };

  /** Runs a row action; a stale version (409) reloads the list so the admin sees the current state. */
  const runAction = async <T,>(user: User, action: () => Promise<T>, success?: string): Promise<T | undefined> => {
    setBusyId(user.id);
    try {
      const result = await action();
      if (success) message.success(success);
      list.reload();
      return result;
    } catch (err) {
      const error = toApiError(err);
      message.error(error.message);
      if (error.code === "conflict.stale_version" || error.status === 404) list.reload();
      return undefined;
    } finally {
      setBusyId(undefined);
    }
  };

  const resetPassword = async (user: User) => {
    const result = await runAction(user, () => usersApi.resetPassword(user.id));
    if (result) setReset({ name: user.displayName, password: result.temporaryPassword });
  };

  const columns: TableProps<User>["columns"] = [
    { title: t("users.username"), dataIndex: "username", key: "username" },
    { title: t("users.displayName"), dataIndex: "displayName", key: "displayName" },
    { title: t("users.role"), dataIndex: "role", key: "role", render: (role: Role) => roleLabel(role) },
    {
      title: t("users.regionCode"),
      dataIndex: "regionCode",
      key: "regionCode",
      render: (code: string | null) => code ?? t("common.none"),
    },
    { title: t("users.phone"), dataIndex: "phone", key: "phone", render: (p: string | null) => p ?? t("common.none") },
    {
      title: t("users.status"),
      key: "status",
      render: (_, u) => (
        <Space size={4} wrap>
          {u.status === "active" ? (
            <Tag color="green">{t("users.statusActive")}</Tag>
          ) : (
            <Tag color="default">{t("users.statusDisabled")}</Tag>
          )}
          {u.mustChangePassword && <Tag color="orange">{t("users.mustChange")}</Tag>}
        </Space>
      ),
    },
    { title: t("users.updatedAt"), dataIndex: "updatedAt", key: "updatedAt", render: (v: string) => formatDateTime(v) },
  ];
  if (canManage) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      fixed: "right",
      render: (_, u) => {
        const busy = busyId === u.id;
        const self = u.id === me.id;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => openEditor(u)}>
              {t("common.edit")}
            </Button>
            {u.status === "active" ? (
              <Popconfirm
                title={t("users.confirmDisable", { name: u.displayName })}
                onConfirm={() => runAction(u, () => usersApi.disable(u), t("users.disabledOk"))}
                disabled={self}
              >
                <Button type="link" size="small" danger disabled={self || busy}>
                  {t("users.disable")}
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm
                title={t("users.confirmEnable", { name: u.displayName })}
                onConfirm={() => runAction(u, () => usersApi.enable(u), t("users.enabledOk"))}
              >
                <Button type="link" size="small" disabled={busy}>
                  {t("users.enable")}
                </Button>
              </Popconfirm>
            )}
            <Popconfirm title={t("users.confirmReset", { name: u.displayName })} onConfirm={() => resetPassword(u)}>
              <Button type="link" size="small" disabled={busy}>
                {t("users.resetPassword")}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    });
  }

  return (
    <>
      <PageHeader
        title={t("users.title")}
        extra={
          <>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={list.reload} />
            </Tooltip>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor()}>
                {t("users.create")}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Form form={filterForm} layout="inline" onFinish={applyFilters} style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item name="q">
            <Input name="q" allowClear prefix={<SearchOutlined />} placeholder={t("users.searchPlaceholder")} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="role">
            <Select
              allowClear
              placeholder={t("users.allRoles")}
              style={{ width: 180 }}
              options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t("users.allStatuses")}
              style={{ width: 130 }}
              options={[
                { value: "active", label: t("users.statusActive") },
                { value: "disabled", label: t("users.statusDisabled") },
              ]}
            />
          </Form.Item>
          <Form.Item name="regionCode">
            <RegionSelect rootCode={me.regionCode ?? undefined} allowClear placeholder={t("users.regionCode")} style={{ width: 220 }} />
          </Form.Item>
          <FilterActions
            onReset={() => {
              filterForm.resetFields();
              applyFilters({});
            }}
          />
        </Form>
        <PagedTable<UserFilters, User> paged={paged} rowKey="id" columns={columns} emptyText={t("users.empty")} />
      </Card>
      <UserFormDrawer
        formKey={editor.key}
        open={editor.open}
        user={editor.user}
        onClose={closeEditor}
        onSaved={() => {
          closeEditor();
          list.reload();
        }}
        onStale={() => {
          closeEditor();
          list.reload();
        }}
      />
      <SecretModal
        open={!!reset}
        title={t("users.tempPasswordTitle")}
        warning={t("users.tempPasswordDesc", { name: reset?.name ?? "" })}
        secret={reset?.password ?? ""}
        onClose={() => setReset(undefined)}
      />
    </>
  );
}
