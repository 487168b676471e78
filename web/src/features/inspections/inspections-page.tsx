import { PlusOutlined } from "@ant-design/icons";
import { Button, Form, Select, Tabs, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import {
  type InspectionKind,
  type InspectionResult,
  type InspectionStatus,
  inspectionKinds,
  inspectionStatuses,
  startableKinds,
} from "../../../../domain/inspections/inspection.js";
import { PageHeader } from "../../components/page-header.js";
import { FilterActions, PagedTable, usePagedList } from "../../components/paged-table.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { EnterpriseSelect } from "../hazards/hazard-pickers.js";
import { InspectionResultTag, InspectionStatusTag, useInspectionLabel } from "./inspection-labels.js";
import { type Inspection, inspectionsApi } from "./inspections-api.js";

type Tab = "mine" | "all";
type Filters = { tab: Tab; kind?: InspectionKind; status?: InspectionStatus; enterprise?: string };

/**
 * /inspections: the inspections in the user's scope — 我的 (on the team or started by me) or all of the region /
 * enterprise — filtered by kind, status and enterprise; an open one leads to its field form, a finished one to
 * its record.
 */
export function InspectionsPage() {
  const t = useT();
  const label = useInspectionLabel();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Omit<Filters, "tab">>();
  const isEnterprise = !!me.enterpriseId;
  const tab: Tab = params.get("tab") === "all" ? "all" : "mine";
  const paged = usePagedList<Filters, Inspection>(
    (q, signal) => {
      const { tab: which, ...f } = q;
      return inspectionsApi.list({ ...f, mine: which === "mine" ? "true" : undefined }, signal);
    },
    { tab, enterprise: params.get("enterprise") ?? undefined },
  );
  const mayStart = roleHas(me.role, "inspections.conduct") && startableKinds(me.role).length > 0;

  return (
    <>
      <PageHeader
        title={t("inspections.title")}
        extra={
          mayStart && (
            <Link to="/inspections/new">
              <Button type="primary" size="large" icon={<PlusOutlined />} id="inspection-new">
                {t("inspections.new")}
              </Button>
            </Link>
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === "mine") next.delete("tab");
          else next.set("tab", key);
          setParams(next, { replace: true });
          paged.applyFilters({ ...paged.filters, tab: key as Tab });
        }}
        items={[
          { key: "mine", label: <span data-testid="inspections-tab-mine">{t("inspections.tabMine")}</span> },
          {
            key: "all",
            label: (
              <span data-testid="inspections-tab-all">{isEnterprise ? t("inspections.tabEnterprise") : t("inspections.tabRegion")}</span>
            ),
          },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={{ enterprise: params.get("enterprise") ?? undefined }}
        onFinish={(v) => paged.applyFilters({ ...v, tab })}
      >
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder={t("inspections.kind")}
            style={{ width: 140 }}
            options={inspectionKinds.map((k) => ({ value: k, label: label("kind", k) }))}
          />
        </Form.Item>
        <Form.Item name="status">
          <Select
            allowClear
            placeholder={t("inspections.status")}
            style={{ width: 120 }}
            options={inspectionStatuses.map((s) => ({ value: s, label: label("status", s) }))}
          />
        </Form.Item>
        {!isEnterprise && (
          <Form.Item name="enterprise" style={{ minWidth: 220 }}>
            <EnterpriseSelect allowClear />
          </Form.Item>
        )}
        <FilterActions
          onReset={() => {
            form.resetFields();
            paged.applyFilters({ tab });
          }}
        />
      </Form>
      <PagedTable<Filters, Inspection>
        paged={paged}
        rowKey="id"
        emptyText={t("inspections.empty")}
        data-testid="inspections-table"
        columns={[
          {
            title: t("inspections.enterprise"),
            dataIndex: "enterpriseName",
            render: (name: string, r) => (
              <Link to={r.status === "in_progress" ? `/inspections/${r.id}/field` : `/inspections/${r.id}`}>{name}</Link>
            ),
          },
          { title: t("inspections.kind"), dataIndex: "kind", render: (k: InspectionKind) => label("kind", k) },
          { title: t("inspections.status"), dataIndex: "status", render: (s: InspectionStatus) => <InspectionStatusTag status={s} /> },
          {
            title: t("inspections.progress"),
            key: "progress",
            render: (_: unknown, r) => (
              <span>
                {t("inspections.answeredCount", { n: r.answeredCount })}
                {r.failedCount > 0 && (
                  <Typography.Text type="danger">{` · ${t("inspections.failedCount", { n: r.failedCount })}`}</Typography.Text>
                )}
              </span>
            ),
          },
          {
            title: t("inspections.result"),
            dataIndex: "result",
            render: (v: InspectionResult | null) => <InspectionResultTag result={v} />,
          },
          {
            title: t("inspections.inspectors"),
            dataIndex: "inspectors",
            render: (v: Inspection["inspectors"]) => v.map((i) => i.name).join("、"),
          },
          { title: t("inspections.startedAt"), dataIndex: "startedAt", render: (d: string) => formatDateTime(d) },
          { title: t("inspections.finishedAt"), dataIndex: "finishedAt", render: (d: string | null) => formatDateTime(d) },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, r) => (
              <Link to={`/inspections/${r.id}`} data-testid={`inspection-open-${r.id}`}>
                {t("inspections.openRecord")}
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
