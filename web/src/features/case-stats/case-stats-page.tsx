import { FileExcelOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, DatePicker, Descriptions, Flex, Row, Segmented, Select, Statistic, Table, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import { caseStatsGroupings } from "../../../../domain/enforcement/stats.dto.js";
import { useApi } from "../../api/use-api.js";
import { Chart } from "../../components/chart.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { RegionSelect } from "../../components/region-select.js";
import { type Translate, useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { type CaseStats, type CaseStatsGroup, caseStatsApi } from "./case-stats-api.js";

type Grouping = (typeof caseStatsGroupings)[number];
type Figure = Exclude<keyof CaseStatsGroup, "key" | "label" | "fiveBatch">;

const money = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const yuan = (v: number | null) => (v === null ? "—" : money.format(v));

/** The figures in the order of the server's export (enforcement.stats.sheet.ts); amounts in yuan. */
const figureColumns: { key: Figure; label: MessageKey; money?: boolean }[] = [
  { key: "inspectionsWithViolations", label: "caseStats.inspectionsWithViolations" },
  { key: "casesOpened", label: "caseStats.casesOpened" },
  { key: "ordersIssued", label: "caseStats.ordersIssued" },
  { key: "rectified", label: "caseStats.rectified" },
  { key: "notRectified", label: "caseStats.notRectified" },
  { key: "penalties", label: "caseStats.penalties" },
  { key: "fined", label: "caseStats.fined" },
  { key: "fineTotal", label: "caseStats.fineTotal", money: true },
  { key: "fineAverage", label: "caseStats.fineAverage", money: true },
  { key: "dailyFines", label: "caseStats.dailyFines" },
  { key: "dailyFineTotal", label: "caseStats.dailyFineTotal", money: true },
  { key: "suspensions", label: "caseStats.suspensions" },
  { key: "casesClosed", label: "caseStats.casesClosed" },
  { key: "closedWithinDeadline", label: "caseStats.closedWithinDeadline" },
];

/**
 * /cases/stats (issue 8 §6): for a region subtree, a period and optionally one department — inspections with
 * violations, cases opened, orders and re-inspections, penalties with their fines, daily fines, suspensions, cases
 * closed in time and the 五个一批 counts; totals, a chart and a table per child region or department, and the same
 * table as Excel. The definitions are the server's (domain/enforcement/stats.ts).
 */
export function CaseStatsPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const today = shanghaiDay(new Date());
  const region = params.get("region") ?? me.regionCode ?? undefined;
  const from = params.get("from") ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get("to") ?? today;
  const departmentId = params.get("departmentId") ?? undefined;
  const groupBy: Grouping = params.get("groupBy") === "department" ? "department" : "region";
  const set = (values: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(values)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const query = { region, from, to, departmentId, groupBy };
  const stats = useApi((signal) => caseStatsApi.stats(query, signal), [region, from, to, departmentId, groupBy]);
  const departments = useApi((signal) => caseStatsApi.departments(region, signal), [region]);
  const data = stats.data;

  return (
    <>
      <PageHeader
        title={t("caseStats.title")}
        extra={
          <>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={stats.reload} />
            </Tooltip>
            <Button icon={<FileExcelOutlined />} href={caseStatsApi.xlsxUrl(query)} data-testid="case-stats-xlsx">
              {t("caseStats.download")}
            </Button>
          </>
        }
      />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <RegionSelect
          id="case-stats-region"
          value={region}
          onChange={(code) => set({ region: code, departmentId: undefined })}
          rootCode={me.regionCode ?? undefined}
          allowClear={!me.regionCode}
          placeholder={t("caseStats.region")}
          style={{ width: 240 }}
        />
        <DatePicker.RangePicker
          aria-label={t("caseStats.range")}
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          onChange={(range) => {
            if (range?.[0] && range[1]) set({ from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") });
          }}
        />
        <Select
          id="case-stats-department"
          aria-label={t("caseStats.department")}
          style={{ width: 220 }}
          value={departmentId ?? ""}
          onChange={(v: string) => set({ departmentId: v || undefined })}
          loading={departments.loading}
          options={[
            { value: "", label: t("caseStats.allDepartments") },
            ...(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
          ]}
        />
        <Segmented<Grouping>
          value={groupBy}
          onChange={(g) => set({ groupBy: g })}
          options={caseStatsGroupings.map((g) => ({
            value: g,
            label: <span data-testid={`case-stats-group-${g}`}>{t(`caseStats.group.${g}` as MessageKey)}</span>,
          }))}
        />
      </Flex>
      <PageState loading={stats.loading && !data} error={stats.error} onRetry={stats.reload}>
        {data && (
          <>
            <Typography.Paragraph type="secondary" data-testid="case-stats-range">
              {t("caseStats.period", { from: data.from, to: data.to })}
              {data.department ? ` · ${data.department.name}` : ""}
            </Typography.Paragraph>
            <Tiles stats={data} />
            <Card size="small" style={{ marginTop: 16 }} title={t(`caseStats.group.${groupBy}` as MessageKey)}>
              {data.groups.length > 0 && (
                <GroupChart stats={data} regionName={data.region?.name ?? t("caseStats.all")} onPick={(code) => set({ region: code })} />
              )}
              <GroupTable stats={data} onPick={groupBy === "region" ? (code) => set({ region: code }) : undefined} />
            </Card>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              {t("caseStats.definitions")}
            </Typography.Paragraph>
          </>
        )}
      </PageState>
    </>
  );
}

function Tiles({ stats }: { stats: CaseStats }) {
  const t = useT();
  const s = stats.totals;
  const tiles: { id: string; title: string; value: string | number; suffix?: string; danger?: boolean }[] = [
    { id: "inspections", title: t("caseStats.inspectionsWithViolations"), value: s.inspectionsWithViolations },
    { id: "opened", title: t("caseStats.casesOpened"), value: s.casesOpened },
    { id: "orders", title: t("caseStats.ordersIssued"), value: s.ordersIssued },
    {
      id: "reinspections",
      title: `${t("caseStats.rectified")} / ${t("caseStats.notRectified")}`,
      value: `${s.rectified} / ${s.notRectified}`,
      danger: s.notRectified > 0,
    },
    { id: "penalties", title: t("caseStats.penalties"), value: s.penalties },
    { id: "fine-total", title: t("caseStats.fineTotal"), value: yuan(s.fineTotal) },
    { id: "fine-average", title: t("caseStats.fineAverage"), value: yuan(s.fineAverage) },
    { id: "daily-fines", title: t("caseStats.dailyFines"), value: s.dailyFines, suffix: yuan(s.dailyFineTotal) },
    { id: "suspensions", title: t("caseStats.suspensions"), value: s.suspensions },
    {
      id: "closed",
      title: t("caseStats.closedWithinDeadline"),
      value: s.closedWithinDeadline,
      suffix: `/ ${s.casesClosed}`,
      danger: s.closedWithinDeadline < s.casesClosed,
    },
  ];
  return (
    <>
      <Row gutter={[12, 12]}>
        {tiles.map((tile) => (
          <Col key={tile.id} xs={12} md={6} xl={4}>
            <Card size="small">
              <Statistic
                title={tile.title}
                value={tile.value}
                suffix={tile.suffix ? <span style={{ fontSize: 12 }}>{tile.suffix}</span> : undefined}
                styles={tile.danger ? { content: { color: "#cf1322" } } : undefined}
                data-testid={`case-stats-${tile.id}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Descriptions
        size="small"
        style={{ marginTop: 12 }}
        column={{ xs: 2, md: 5 }}
        title={t("caseStats.fiveBatch")}
        data-testid="case-stats-five-batch"
      >
        {stats.tags.map((tag) => (
          <Descriptions.Item key={tag.key} label={tag.label}>
            {s.fiveBatch[tag.key] ?? 0}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </>
  );
}

function groupName(t: Translate, g: CaseStatsGroup): string {
  return g.label ?? g.key ?? t("caseStats.unknown");
}

/** Cases opened, orders and penalty decisions per group (at most 30 bars); a click on a region drills in. */
function GroupChart({ stats, regionName, onPick }: { stats: CaseStats; regionName: string; onPick: (code: string) => void }) {
  const t = useT();
  const shown = useMemo(() => stats.groups.slice(0, 30), [stats]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: shown.map((g) => groupName(t, g)),
        axisLabel: { interval: 0, rotate: shown.length > 8 ? 30 : 0 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("caseStats.casesOpened"), type: "bar", itemStyle: { color: "#1677ff" }, data: shown.map((g) => g.casesOpened) },
        { name: t("caseStats.ordersIssued"), type: "bar", itemStyle: { color: "#faad14" }, data: shown.map((g) => g.ordersIssued) },
        { name: t("caseStats.penalties"), type: "bar", itemStyle: { color: "#cf1322" }, data: shown.map((g) => g.penalties) },
      ],
    }),
    [shown, t],
  );
  return (
    <Chart
      option={option}
      height={300}
      ariaLabel={t("caseStats.chartAria", { region: regionName })}
      onClick={(p) => {
        const g = shown[p.dataIndex];
        if (stats.groupBy === "region" && g?.key) onPick(g.key);
      }}
    />
  );
}

function GroupTable({ stats, onPick }: { stats: CaseStats; onPick?: (code: string) => void }) {
  const t = useT();
  return (
    <Table<CaseStatsGroup>
      size="small"
      rowKey={(g) => g.key ?? "none"}
      pagination={stats.groups.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: "max-content" }}
      dataSource={stats.groups}
      data-testid="case-stats-table"
      locale={{ emptyText: t("caseStats.noGroups") }}
      columns={[
        {
          title: t("caseStats.name"),
          key: "name",
          fixed: "left",
          render: (_: unknown, g) =>
            onPick && g.key && g.key !== stats.region?.code ? (
              <Button type="link" size="small" style={{ padding: 0, height: "auto" }} onClick={() => onPick(g.key as string)}>
                {groupName(t, g)}
              </Button>
            ) : (
              groupName(t, g)
            ),
        },
        ...figureColumns.map((c) => ({
          title: t(c.label),
          dataIndex: c.key,
          align: "right" as const,
          render: c.money ? (v: number | null) => yuan(v) : undefined,
        })),
        ...stats.tags.map((tag) => ({
          title: tag.label,
          key: `tag-${tag.key}`,
          align: "right" as const,
          render: (_: unknown, g: CaseStatsGroup) => g.fiveBatch[tag.key] ?? 0,
        })),
      ]}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t("caseStats.total")}</Typography.Text>
            </Table.Summary.Cell>
            {figureColumns.map((c, i) => (
              <Table.Summary.Cell key={c.key} index={i + 1} align="right">
                <Typography.Text strong>{c.money ? yuan(stats.totals[c.key]) : stats.totals[c.key]}</Typography.Text>
              </Table.Summary.Cell>
            ))}
            {stats.tags.map((tag, i) => (
              <Table.Summary.Cell key={tag.key} index={figureColumns.length + i + 1} align="right">
                <Typography.Text strong>{stats.totals.fiveBatch[tag.key] ?? 0}</Typography.Text>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
