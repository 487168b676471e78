import { Table, Typography } from "antd";
import { caseStatsGroupings } from "../../../../domain/enforcement/stats.dto.js";
import { useApi } from "../../api/use-api.js";
import { PageState } from "../../components/page-state.js";
import type { BarSeries } from "../../components/stats/grouped-bar-chart.js";
import { StatsFilters } from "../../components/stats/stats-filters.js";
import { groupLabel, StatsGroups } from "../../components/stats/stats-groups.js";
import { StatsHeader } from "../../components/stats/stats-header.js";
import { StatsTotals } from "../../components/stats/stats-totals.js";
import { useStatsSearch } from "../../components/stats/use-stats-search.js";
import { type Translate, useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { type CaseStats, type CaseStatsGroup, caseStatsApi } from "./case-stats-api.js";

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
  const { set, region, from, to, params, oneOf } = useStatsSearch();
  const departmentId = params.get("departmentId") ?? undefined;
  const groupBy = oneOf("groupBy", caseStatsGroupings);
  const query = { region, from, to, departmentId, groupBy };
  const stats = useApi((signal) => caseStatsApi.stats(query, signal), [region, from, to, departmentId, groupBy]);
  const data = stats.data;
  const series: BarSeries<CaseStatsGroup>[] = [
    { name: t("caseStats.casesOpened"), color: "#1677ff", value: (g) => g.casesOpened },
    { name: t("caseStats.ordersIssued"), color: "#faad14", value: (g) => g.ordersIssued },
    { name: t("caseStats.penalties"), color: "#cf1322", value: (g) => g.penalties },
  ];

  return (
    <>
      <StatsHeader
        title={t("caseStats.title")}
        onReload={stats.reload}
        xlsx={{ href: caseStatsApi.xlsxUrl(query), testId: "case-stats-xlsx" }}
      />
      <StatsFilters
        idPrefix="case-stats"
        region={{ value: region, onChange: (code) => set({ region: code, departmentId: undefined }) }}
        period={{ kind: "range", from, to, onChange: (from, to) => set({ from, to }) }}
        department={{ region, value: departmentId, onChange: (id) => set({ departmentId: id }) }}
        groupBy={{ value: groupBy, options: caseStatsGroupings, onChange: (g) => set({ groupBy: g }) }}
      />
      <PageState loading={stats.loading && !data} error={stats.error} onRetry={stats.reload}>
        {data && (
          <>
            <Typography.Paragraph type="secondary" data-testid="case-stats-range">
              {t("caseStats.period", { from: data.from, to: data.to })}
              {data.department ? ` · ${data.department.name}` : ""}
            </Typography.Paragraph>
            <Tiles stats={data} />
            <StatsGroups<CaseStatsGroup>
              groupBy={data.groupBy}
              rows={data.groups}
              name={(g) => groupLabel(t, g)}
              onPick={data.groupBy === "region" ? (code) => set({ region: code }) : undefined}
              regionCode={data.region?.code}
              chart={{ series, ariaLabel: t("caseStats.chartAria", { region: data.region?.name ?? t("stats.all") }) }}
              testId="case-stats-table"
              columns={[
                ...figureColumns.map((c) => ({
                  title: t(c.label),
                  dataIndex: c.key,
                  align: "right" as const,
                  render: c.money ? (v: number | null) => yuan(v) : undefined,
                })),
                ...data.tags.map((tag) => ({
                  title: tag.label,
                  key: `tag-${tag.key}`,
                  align: "right" as const,
                  render: (_: unknown, g: CaseStatsGroup) => g.fiveBatch[tag.key] ?? 0,
                })),
              ]}
              summary={() => totalsRow(t, data)}
            />
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
  return (
    <StatsTotals
      testIdPrefix="case-stats"
      span={{ xs: 12, md: 6, xl: 4 }}
      tiles={[
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
      ]}
      breakdown={{
        title: t("caseStats.fiveBatch"),
        testId: "case-stats-five-batch",
        items: stats.tags.map((tag) => ({ key: tag.key, label: tag.label, value: s.fiveBatch[tag.key] ?? 0 })),
      }}
    />
  );
}

/** The table's last row: the totals, in the columns' order (a Table.Summary itself, as the table expects). */
function totalsRow(t: Translate, stats: CaseStats) {
  return (
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
  );
}
