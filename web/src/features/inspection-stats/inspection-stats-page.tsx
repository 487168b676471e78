import { Card, Descriptions, Tooltip, Typography } from "antd";
import { inspectionKinds } from "../../../../domain/inspections/inspection.js";
import { inspectionStatsGroupings } from "../../../../domain/inspections/stats.dto.js";
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
import { rateText } from "../checks/check-labels.js";
import { type InspectionStats, type InspectionStatsGroup, inspectionStatsApi } from "./inspection-stats-api.js";

const perInspection = (v: number | null) => (v === null ? "—" : (Math.round(v * 100) / 100).toString());

/**
 * /inspections/stats (issue 7 §7): for a region subtree, a period and optionally one department — supervisory
 * inspections by kind, coverage of the register and of the approved annual plans, hazards found per inspection,
 * 重大 found, and the double-random draws with the share inspected; totals, a chart and a table per child region or
 * department. The definitions are the server's (domain/inspections/stats.dto.ts).
 */
export function InspectionStatsPage() {
  const t = useT();
  const { set, region, from, to, params, oneOf } = useStatsSearch();
  const department = params.get("department") ?? undefined;
  const groupBy = oneOf("groupBy", inspectionStatsGroupings);
  const query = { region, from, to, department, groupBy };
  const stats = useApi((signal) => inspectionStatsApi.stats(query, signal), [region, from, to, department, groupBy]);
  const data = stats.data;
  const series: BarSeries<InspectionStatsGroup>[] = [
    { name: t("inspectionStats.inspections"), color: "#1677ff", value: (g) => g.inspections },
    { name: t("inspectionStats.finished"), color: "#52c41a", value: (g) => g.finished },
    { name: t("inspectionStats.hazardsFound"), color: "#faad14", value: (g) => g.hazardsFound },
  ];

  return (
    <>
      <StatsHeader
        title={t("inspectionStats.title")}
        onReload={stats.reload}
        xlsx={{ href: inspectionStatsApi.xlsxUrl(query), testId: "inspection-stats-xlsx" }}
      />
      <StatsFilters
        idPrefix="inspection-stats"
        region={{ value: region, onChange: (code) => set({ region: code, department: undefined }) }}
        period={{ kind: "range", from, to, onChange: (from, to) => set({ from, to }) }}
        department={{ region, value: department, onChange: (id) => set({ department: id }) }}
        groupBy={{ value: groupBy, options: inspectionStatsGroupings, onChange: (g) => set({ groupBy: g }) }}
      />
      <PageState loading={stats.loading && !data} error={stats.error} onRetry={stats.reload}>
        {data && (
          <>
            <Typography.Paragraph type="secondary" data-testid="inspection-stats-range">
              {t("inspectionStats.period", { from: data.from, to: data.to })}
              {data.department ? ` · ${data.department.name}` : ""}
            </Typography.Paragraph>
            <Tiles stats={data} />
            <StatsGroups<InspectionStatsGroup>
              groupBy={data.groupBy}
              rows={data.groups}
              name={(g) => groupName(t, data, g)}
              onPick={data.groupBy === "region" ? (code) => set({ region: code }) : undefined}
              regionCode={data.region?.code}
              chart={{ series, ariaLabel: t("inspectionStats.chartAria", { region: data.region?.name ?? t("stats.all") }) }}
              testId="inspection-stats-table"
              columns={[
                num("inspections", t("inspectionStats.inspections")),
                num("finished", t("inspectionStats.finished")),
                ...inspectionKinds
                  .filter((k) => k !== "self")
                  .map((k) => ({
                    title: t(`inspections.kind.${k}` as MessageKey),
                    key: k,
                    align: "right" as const,
                    render: (_: unknown, g: InspectionStatsGroup) => g.byKind[k],
                  })),
                {
                  title: t("inspections.kind.self" as MessageKey),
                  key: "self",
                  align: "right" as const,
                  render: (_: unknown, g: InspectionStatsGroup) => g.byKind.self,
                },
                num("enterprisesCovered", t("inspectionStats.covered")),
                {
                  title: t("inspectionStats.enterprises"),
                  dataIndex: "enterprises",
                  align: "right",
                  render: (v: number | null) => v ?? "—",
                },
                { title: t("inspectionStats.coverageRate"), dataIndex: "coverageRate", align: "right", render: rateText },
                num("planDue", t("inspectionStats.planDue")),
                num("planDone", t("inspectionStats.planDone")),
                { title: t("inspectionStats.planRate"), dataIndex: "planRate", align: "right", render: rateText },
                num("hazardsFound", t("inspectionStats.hazardsFound")),
                {
                  title: t("inspectionStats.hazardsPerInspection"),
                  dataIndex: "hazardsPerInspection",
                  align: "right",
                  render: perInspection,
                },
                num("majorFound", t("inspectionStats.majorFound")),
                num("doubleRandomDone", t("inspectionStats.doubleRandomDone")),
              ]}
            />
            <DoubleRandomCard stats={data} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              {t("inspectionStats.definitions")}
            </Typography.Paragraph>
          </>
        )}
      </PageState>
    </>
  );
}

const num = (key: keyof InspectionStatsGroup, title: string) => ({ title, dataIndex: key, align: "right" as const });

function Tiles({ stats }: { stats: InspectionStats }) {
  const t = useT();
  const s = stats.totals;
  return (
    <StatsTotals
      testIdPrefix="inspection-stats"
      span={{ xs: 12, md: 6, xl: 3 }}
      tiles={[
        { id: "inspections", title: t("inspectionStats.inspections"), value: s.inspections },
        { id: "finished", title: t("inspectionStats.finished"), value: s.finished },
        {
          id: "covered",
          title: t("inspectionStats.covered"),
          value: s.enterprises === null ? s.enterprisesCovered : `${s.enterprisesCovered} / ${s.enterprises}`,
        },
        { id: "coverage", title: t("inspectionStats.coverageRate"), value: rateText(s.coverageRate) },
        { id: "plan", title: t("inspectionStats.planRate"), value: rateText(s.planRate), suffix: `${s.planDone}/${s.planDue}` },
        { id: "hazards", title: t("inspectionStats.hazardsFound"), value: s.hazardsFound },
        { id: "per-inspection", title: t("inspectionStats.hazardsPerInspection"), value: perInspection(s.hazardsPerInspection) },
        { id: "major", title: t("inspectionStats.majorFound"), value: s.majorFound, danger: s.majorFound > 0 },
      ]}
      breakdown={{
        title: t("inspectionStats.byKind"),
        testId: "inspection-stats-kinds",
        items: inspectionKinds.map((k) => ({ key: k, label: t(`inspections.kind.${k}` as MessageKey), value: s.byKind[k] })),
      }}
    />
  );
}

function groupName(t: Translate, stats: InspectionStats, g: InspectionStatsGroup): string {
  if (g.key === null && !g.label && stats.groupBy === "department") return t("inspectionStats.noDepartment");
  return groupLabel(t, g);
}

function DoubleRandomCard({ stats }: { stats: InspectionStats }) {
  const t = useT();
  const d = stats.doubleRandom;
  return (
    <Card size="small" style={{ marginTop: 16 }} title={t("inspectionStats.doubleRandom")} data-testid="inspection-stats-double-random">
      <Descriptions size="small" column={{ xs: 1, md: 5 }}>
        <Descriptions.Item label={t("inspectionStats.draws")}>{d.draws}</Descriptions.Item>
        <Descriptions.Item label={t("inspectionStats.drawn")}>{d.drawn}</Descriptions.Item>
        <Descriptions.Item label={t("inspectionStats.drawnInspected")}>{d.inspected}</Descriptions.Item>
        <Descriptions.Item label={t("inspectionStats.drawnRate")}>{rateText(d.inspectedRate)}</Descriptions.Item>
        <Descriptions.Item label={t("inspectionStats.publishedOnTime")}>
          {d.publishedOnTime === null ? <Tooltip title={t("inspectionStats.publishedOpen")}>—</Tooltip> : d.publishedOnTime}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
