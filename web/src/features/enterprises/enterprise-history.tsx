import { ArrowRightOutlined } from "@ant-design/icons";
import { Flex, Space, type TableProps, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Role } from "../../../../domain/access/roles.js";
import type { AuditEntry } from "../../../../domain/audit/audit.dto.js";
import type { EnterpriseCategory, EnterpriseStatus } from "../../../../domain/enterprise/enterprise.dto.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { formatDateTime } from "../../i18n/format.js";
import type { Translate } from "../../i18n/i18n-context.js";
import { useRoleLabel, useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { type EnterpriseSubcategory, type StandardisationGradeValue, useCategoryLabel } from "./enterprise-labels.js";
import { type EnterpriseScaleValue, enterprisesApi } from "./enterprises-api.js";

/** The label of each recorded field; bookkeeping columns (id, version, timestamps) are left out. */
export const enterpriseFieldLabels: Record<string, MessageKey> = {
  name: "enterprises.name",
  uscc: "enterprises.uscc",
  address: "enterprises.address",
  regionCode: "enterprises.regionCode",
  longitude: "enterprises.longitude",
  latitude: "enterprises.latitude",
  industryCode: "enterprises.industryCode",
  category: "enterprises.category",
  subcategory: "enterprises.subcategory",
  scale: "enterprises.scale",
  headcount: "enterprises.headcount",
  legalRepresentative: "enterprises.legalRepresentative",
  principalName: "enterprises.principalName",
  principalPhone: "enterprises.principalPhone",
  safetyManagerName: "enterprises.safetyManagerName",
  safetyManagerPhone: "enterprises.safetyManagerPhone",
  hasMajorHazardSource: "enterprises.hasMajorHazardSource",
  standardisationGrade: "enterprises.standardisationGrade",
  status: "enterprises.statusLabel",
  industryDepartmentId: "enterprises.industryDepartment",
  departmentOverrideReason: "enterprises.departmentOverrideReason",
};
const hidden = new Set(["id", "version", "createdAt", "updatedAt"]);

const actionLabels: Record<string, MessageKey> = {
  "enterprise.created": "enterprises.history.created",
  "enterprise.updated": "enterprises.history.updated",
  "enterprise.suspend": "enterprises.transition.suspend",
  "enterprise.resume": "enterprises.transition.resume",
  "enterprise.close": "enterprises.transition.close",
};
const actionColors: Record<string, string> = {
  "enterprise.created": "blue",
  "enterprise.updated": "geekblue",
  "enterprise.suspend": "orange",
  "enterprise.resume": "green",
  "enterprise.close": "red",
};

type Diff = { before: Record<string, unknown> | null; after: Record<string, unknown> | null; detail?: Record<string, unknown> };
type Change = { field: string; before: unknown; after: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function diffOf(raw: unknown): Diff | undefined {
  if (!isRecord(raw)) return undefined;
  return {
    before: isRecord(raw.before) ? raw.before : null,
    after: isRecord(raw.after) ? raw.after : null,
    detail: isRecord(raw.detail) ? raw.detail : undefined,
  };
}

function changesOf(diff: Diff): Change[] {
  const keys = new Set([...Object.keys(diff.before ?? {}), ...Object.keys(diff.after ?? {})]);
  return [...keys].filter((k) => !hidden.has(k)).map((field) => ({ field, before: diff.before?.[field], after: diff.after?.[field] }));
}

/** Formats one recorded value: enumerations as labels, booleans as 是/否, empty as —. */
function useValueText(): (field: string, value: unknown) => string {
  const t = useT();
  const labels = useCategoryLabel();
  return (field, value) => {
    if (value === null || value === undefined || value === "") return t("common.none");
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    const text = String(value);
    switch (field) {
      case "category":
        return labels.category(text as EnterpriseCategory);
      case "subcategory":
        return labels.subcategory(text as EnterpriseSubcategory);
      case "scale":
        return enumText(t, `enterprises.scale.${text as EnterpriseScaleValue}`, text);
      case "standardisationGrade":
        return enumText(t, `enterprises.grade.${text as StandardisationGradeValue}`, text);
      case "status":
        return enumText(t, `enterprises.status.${text as EnterpriseStatus}`, text);
      default:
        return text;
    }
  };
}

/** The label for a value the UI knows, or the raw code for one it does not (newer server). */
function enumText(t: Translate, key: MessageKey, raw: string): string {
  return (t(key) as string | undefined) ?? raw;
}

/** The record's own audit trail (一企一档): who changed what, before → after, newest first. */
export function EnterpriseHistory({ enterpriseId }: { enterpriseId: string }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const valueText = useValueText();
  const paged = usePagedList<object, AuditEntry>((query, signal) => enterprisesApi.history(enterpriseId, query, signal), {});

  const fieldLabel = (field: string) => {
    const key = enterpriseFieldLabels[field];
    return key ? t(key) : field;
  };

  const renderChanges = (e: AuditEntry): ReactNode => {
    const diff = diffOf(e.diff);
    if (!diff) return t("common.none");
    const reason = typeof diff.detail?.reason === "string" ? diff.detail.reason : undefined;
    // A registration records every field: the list would repeat the record itself.
    const changes = diff.before ? changesOf(diff) : [];
    return (
      <Flex vertical gap={4} data-testid="history-changes">
        {!diff.before && diff.after && <Typography.Text type="secondary">{t("enterprises.history.registered")}</Typography.Text>}
        {changes.map((c) => (
          <div key={c.field}>
            <Typography.Text strong>{t("enterprises.history.label", { label: fieldLabel(c.field) })}</Typography.Text>
            <Typography.Text delete type="secondary">
              {valueText(c.field, c.before)}
            </Typography.Text>
            <ArrowRightOutlined style={{ marginInline: 6, fontSize: 11 }} />
            <Typography.Text>{valueText(c.field, c.after)}</Typography.Text>
          </div>
        ))}
        {reason && (
          <div>
            <Typography.Text strong>{t("enterprises.history.label", { label: t("enterprises.transition.reason") })}</Typography.Text>
            {reason}
          </div>
        )}
      </Flex>
    );
  };

  const columns: TableProps<AuditEntry>["columns"] = [
    { title: t("enterprises.history.at"), dataIndex: "at", key: "at", width: 170, render: (v: string) => formatDateTime(v, true) },
    {
      title: t("enterprises.history.actor"),
      key: "actor",
      width: 160,
      render: (_, e) => {
        const role = Role.safeParse(e.actorRole);
        return e.actorName || e.actorId ? (
          <Space orientation="vertical" size={0}>
            <span>{e.actorName ?? e.actorId}</span>
            {e.actorRole && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {role.success ? roleLabel(role.data) : e.actorRole}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t("audit.system")}</Typography.Text>
        );
      },
    },
    {
      title: t("enterprises.history.action"),
      dataIndex: "action",
      key: "action",
      width: 120,
      render: (action: string) => {
        const key = actionLabels[action];
        return <Tag color={actionColors[action]}>{key ? t(key) : action}</Tag>;
      },
    },
    { title: t("enterprises.history.changes"), key: "changes", render: (_, e) => renderChanges(e) },
  ];

  return (
    <div data-testid="enterprise-history">
      <PagedTable<object, AuditEntry> paged={paged} rowKey="id" columns={columns} emptyText={t("enterprises.history.empty")} />
    </div>
  );
}
