import { ReloadOutlined, SafetyOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Space, type TableProps, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Role } from "../../../../domain/access/roles.js";
import type { AuditEntry, AuditVerifyResult } from "../../../../domain/audit/audit.dto.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { PageHeader } from "../../components/page-header.js";
import { FilterActions, PagedTable, usePagedList } from "../../components/paged-table.js";
import { formatDateTime } from "../../i18n/format.js";
import { useRoleLabel, useT } from "../../i18n/i18n-context.js";
import { type AuditFilters, auditApi } from "./audit-api.js";

type Verification = { result: AuditVerifyResult } | { error: ApiError };

export function AuditPage() {
  const t = useT();
  const roleLabel = useRoleLabel();
  const [filterForm] = Form.useForm<AuditFilters>();
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<Verification>();
  const paged = usePagedList<AuditFilters, AuditEntry>((query, signal) => auditApi.list(query, signal), {});
  const { list } = paged;

  const applyFilters = (v: AuditFilters) => {
    paged.applyFilters({
      entityType: v.entityType?.trim() || undefined,
      entityId: v.entityId?.trim() || undefined,
      action: v.action?.trim() || undefined,
    });
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification({ result: await auditApi.verify() });
    } catch (err) {
      setVerification({ error: toApiError(err) });
    } finally {
      setVerifying(false);
    }
  };

  const actorRole = (role: string | null) => {
    const parsed = Role.safeParse(role);
    return parsed.success ? roleLabel(parsed.data) : role;
  };

  const columns: TableProps<AuditEntry>["columns"] = [
    { title: t("audit.id"), dataIndex: "id", key: "id", width: 80 },
    { title: t("audit.at"), dataIndex: "at", key: "at", render: (v: string) => formatDateTime(v, true) },
    {
      title: t("audit.actor"),
      key: "actor",
      render: (_, e) =>
        e.actorName || e.actorId ? (
          <Space orientation="vertical" size={0}>
            <span>{e.actorName ?? e.actorId}</span>
            {e.actorRole && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {actorRole(e.actorRole)}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t("audit.system")}</Typography.Text>
        ),
    },
    { title: t("audit.action"), dataIndex: "action", key: "action", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t("audit.entityType"), dataIndex: "entityType", key: "entityType" },
    {
      title: t("audit.entityId"),
      dataIndex: "entityId",
      key: "entityId",
      render: (v: string | null) =>
        v ? (
          <Typography.Text copyable={{ text: v }} ellipsis style={{ maxWidth: 160 }}>
            {v}
          </Typography.Text>
        ) : (
          t("common.none")
        ),
    },
    { title: t("audit.regionCode"), dataIndex: "regionCode", key: "regionCode", render: (v: string | null) => v ?? t("common.none") },
    { title: t("audit.ip"), dataIndex: "ip", key: "ip", render: (v: string | null) => v ?? t("common.none") },
    {
      title: t("audit.hash"),
      dataIndex: "hash",
      key: "hash",
      render: (v: string) => (
        <Tooltip title={v}>
          <Typography.Text code copyable={{ text: v }}>
            {v.slice(0, 12)}…
          </Typography.Text>
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("audit.title")}
        extra={
          <>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={list.reload} />
            </Tooltip>
            <Button id="audit-verify" type="primary" icon={<SafetyOutlined />} loading={verifying} onClick={verify}>
              {t("audit.verify")}
            </Button>
          </>
        }
      />
      {verification && (
        <Alert
          data-testid="audit-verify-result"
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => setVerification(undefined) }}
          {...("error" in verification
            ? { type: "error", title: t("audit.verifyFailed"), description: verification.error.message }
            : verification.result.ok
              ? { type: "success", title: t("audit.verifyOk", { checked: verification.result.checked }) }
              : {
                  type: "error",
                  title: t("audit.verifyBroken", {
                    id: verification.result.firstBrokenId ?? "?",
                    checked: verification.result.checked,
                  }),
                })}
        />
      )}
      <Card>
        <Form form={filterForm} layout="inline" onFinish={applyFilters} style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item name="entityType">
            <Input name="entityType" allowClear placeholder={t("audit.entityType")} style={{ width: 160 }} maxLength={64} />
          </Form.Item>
          <Form.Item name="entityId">
            <Input name="entityId" allowClear placeholder={t("audit.entityId")} style={{ width: 220 }} maxLength={64} />
          </Form.Item>
          <Form.Item name="action">
            <Input name="action" allowClear placeholder={t("audit.action")} style={{ width: 160 }} maxLength={64} />
          </Form.Item>
          <FilterActions
            onReset={() => {
              filterForm.resetFields();
              applyFilters({});
            }}
          />
        </Form>
        <PagedTable<AuditFilters, AuditEntry>
          paged={paged}
          rowKey="id"
          columns={columns}
          emptyText={t("audit.empty")}
          expandable={{
            rowExpandable: (e) => e.diff !== null && e.diff !== undefined,
            expandedRowRender: (e) => (
              <div>
                <Typography.Text strong>{t("audit.diff")}</Typography.Text>
                <pre style={{ margin: "8px 0 0", whiteSpace: "pre-wrap", wordBreak: "break-all", fontSize: 12 }}>
                  {JSON.stringify(e.diff, null, 2)}
                </pre>
              </div>
            ),
          }}
        />
      </Card>
    </>
  );
}
