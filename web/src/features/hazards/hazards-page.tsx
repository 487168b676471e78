import { CameraOutlined } from "@ant-design/icons";
import { Button, Form, Input, Select, Tabs } from "antd";
import { Link, useSearchParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import {
  type HazardCategory,
  type HazardLevel,
  type HazardSource,
  type HazardState,
  hazardCategoryKeys,
  hazardLevels,
  hazardSources,
  hazardStates,
} from "../../../../domain/hazards/hazard.js";
import { PageHeader } from "../../components/page-header.js";
import { FilterActions, PagedTable, usePagedList } from "../../components/paged-table.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { HazardsExportButton } from "./exposure-export-button.js";
import { DeadlineText, HazardLevelTag, HazardStateTag, useHazardLabel } from "./hazard-labels.js";
import { ScopeFilterItems } from "./hazard-pickers.js";
import { type Hazard, type HazardFilters, hazardsApi } from "./hazards-api.js";

type Tab = "all" | "open" | "awaiting" | "overdue" | "major" | "supervised";
type Filters = {
  tab: Tab;
  q?: string;
  level?: HazardLevel;
  state?: HazardState;
  source?: HazardSource;
  category?: HazardCategory;
  enterprise?: string;
  region?: string;
};
const tabs: readonly Tab[] = ["all", "open", "awaiting", "overdue", "major", "supervised"];

/**
 * What a quick tab adds to the filters: 未销号 (open, soonest deadline first), 待我验收 (what the caller may sign
 * off; an enterprise user without that right sees all of its own awaiting acceptance), 已逾期, 重大.
 */
function queryOf({ tab, ...f }: Filters, mayAccept: boolean): HazardFilters {
  if (tab === "open") return { ...f, open: "true", sort: "deadline" };
  if (tab === "awaiting") return mayAccept ? { ...f, acceptableBy: "me" } : { ...f, state: "awaiting_acceptance" };
  if (tab === "overdue") return { ...f, overdue: "true" };
  if (tab === "major") return { ...f, level: "major" };
  if (tab === "supervised") return { ...f, supervised: "true", sort: "deadline" }; // 挂牌督办
  return f;
}

/**
 * /hazards: the register in the user's scope (region subtree for regulators, the own enterprise for enterprise
 * users), with quick tabs, filters on every field and search on the description.
 */
export function HazardsPage() {
  const t = useT();
  const label = useHazardLabel();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Omit<Filters, "tab">>();
  const isEnterprise = !!me.enterpriseId;
  // Who signs hazards off at all (the server decides which ones: acceptableBy=me).
  const mayAccept = ["admin", "regulator_leader", "regulator_inspector", "enterprise_admin"].includes(me.role);
  // An enterprise starts from its open hazards, soonest deadline first; a regulator from its whole register.
  const tab = (tabs as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as Tab) : isEnterprise ? "open" : "all";
  const paged = usePagedList<Filters, Hazard>(
    (q, signal) => {
      const { page, pageSize, ...f } = q;
      return hazardsApi.list({ ...queryOf({ ...f, tab }, mayAccept), page, pageSize }, signal);
    },
    { tab, enterprise: params.get("enterprise") ?? undefined },
  );
  const today = shanghaiDay(new Date());

  const tabLabel: Record<Tab, string> = {
    all: t("hazards.tabAll"),
    open: t("hazards.tabOpen"),
    awaiting: isEnterprise ? t("hazards.tabAwaitingEnterprise") : t("hazards.tabAwaiting"),
    overdue: t("hazards.tabOverdue"),
    major: t("hazards.tabMajor"),
    supervised: t("supervision.tab"),
  };

  return (
    <>
      <PageHeader
        title={isEnterprise ? t("hazards.myOpenTitle") : t("hazards.title")}
        extra={
          <>
            <HazardsExportButton filters={queryOf({ ...paged.filters, tab }, mayAccept)} />
            {roleHas(me.role, "hazards.report") && (
              <Link to="/hazards/report">
                <Button type="primary" size="large" icon={<CameraOutlined />} id="hazard-report">
                  {t("hazards.report")}
                </Button>
              </Link>
            )}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === "all") next.delete("tab");
          else next.set("tab", key);
          setParams(next, { replace: true });
          paged.applyFilters({ ...paged.filters, tab: key as Tab });
        }}
        items={tabs.map((k) => ({ key: k, label: <span data-testid={`hazards-tab-${k}`}>{tabLabel[k]}</span> }))}
      />
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={{ enterprise: params.get("enterprise") ?? undefined }}
        onFinish={(v) => paged.applyFilters({ ...v, q: v.q?.trim() || undefined, tab })}
      >
        <Form.Item name="q">
          <Input allowClear placeholder={t("hazards.search")} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="level">
          <Select
            allowClear
            placeholder={t("hazards.level")}
            style={{ width: 120 }}
            options={hazardLevels.map((l) => ({ value: l, label: label("level", l) }))}
          />
        </Form.Item>
        <Form.Item name="state">
          <Select
            allowClear
            placeholder={t("hazards.state")}
            style={{ width: 130 }}
            options={hazardStates.map((s) => ({ value: s, label: label("state", s) }))}
          />
        </Form.Item>
        <Form.Item name="source">
          <Select
            allowClear
            placeholder={t("hazards.source")}
            style={{ width: 130 }}
            options={hazardSources.map((s) => ({ value: s, label: label("source", s) }))}
          />
        </Form.Item>
        <Form.Item name="category">
          <Select
            allowClear
            placeholder={t("hazards.category")}
            style={{ width: 130 }}
            options={hazardCategoryKeys.map((c) => ({ value: c, label: label("category", c) }))}
          />
        </Form.Item>
        <ScopeFilterItems regionPlaceholder={t("hazards.region")} />
        <FilterActions
          onReset={() => {
            form.resetFields();
            paged.applyFilters({ tab });
          }}
        />
      </Form>
      <PagedTable<Filters, Hazard>
        paged={paged}
        rowKey="id"
        emptyText={t("hazards.empty")}
        data-testid="hazards-table"
        columns={[
          {
            title: t("hazards.description"),
            dataIndex: "description",
            render: (d: string, h) => (
              <Link to={`/hazards/${h.id}`} style={{ display: "inline-block", maxWidth: 320 }}>
                {d}
              </Link>
            ),
          },
          ...(isEnterprise ? [] : [{ title: t("hazards.enterprise"), dataIndex: "enterpriseName" }]),
          { title: t("hazards.level"), dataIndex: "level", render: (l: HazardLevel) => <HazardLevelTag level={l} /> },
          { title: t("hazards.state"), dataIndex: "state", render: (s: HazardState) => <HazardStateTag state={s} /> },
          { title: t("hazards.deadline"), key: "deadline", render: (_: unknown, h) => <DeadlineText hazard={h} today={today} /> },
          { title: t("hazards.location"), dataIndex: "location" },
          { title: t("hazards.source"), dataIndex: "source", render: (s: HazardSource) => label("source", s) },
          { title: t("hazards.reportedAt"), dataIndex: "reportedAt", render: (d: string) => formatDateTime(d) },
        ]}
      />
    </>
  );
}
