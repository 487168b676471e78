import { Col, Flex, Tag, Typography } from "antd";
import { useMemo } from "react";
import { parseReportPeriod, statsGroupings } from "../../../../domain/hazards/stats.js";
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
import { useCurrentUser } from "../auth/session-context.js";
import { type HazardStatsGroup, type HazardStatsResult, statsApi } from "./stats-api.js";
import { periodChoices, periodLabel } from "./stats-periods.js";

const rate = (v: number | null) => (v === null ? "—" : `${v}%`);

/**
 * /hazards/stats (issue 6 §6): for a region and a period, the KPI tiles (found, rectified, rates, overdue, open
 * 重大, 清零), the figures per child region / industry / category / enterprise as a table and a bar chart.
 * The definitions are the server's (domain/hazards/stats.ts); the page only shows them.
 */
export function HazardStatsPage() {
  const t = useT();
  const me = useCurrentUser();
  const search = useStatsSearch();
  const { set, region } = search;
  const choices = useMemo(() => periodChoices(search.today), [search.today]);
  const period = parseReportPeriod(search.params.get("period") ?? "") ?? choices[0];
  const groupBy = search.oneOf("groupBy", statsGroupings);

  const stats = useApi(
    (signal) => statsApi.stats({ region, from: period?.from, to: period?.to, groupBy }, signal),
    [region, period?.from, period?.to, groupBy],
  );
  const data = stats.data;
  const series: BarSeries<HazardStatsGroup>[] = [
    { name: t("hazardStats.found"), color: "#1677ff", value: (g) => g.found },
    { name: t("hazardStats.rectified"), color: "#52c41a", value: (g) => g.rectified },
    { name: t("hazardStats.open"), color: "#faad14", value: (g) => g.open },
  ];

  return (
    <>
      <StatsHeader title={t("hazardStats.title")} onReload={stats.reload} />
      <StatsFilters
        idPrefix="stats"
        region={me.enterpriseId ? undefined : { value: region, onChange: (code) => set({ region: code }) }}
        period={{
          kind: "choice",
          value: period?.code,
          options: choices.map((p) => ({ value: p.code, label: periodLabel(t, p.code) })),
          onChange: (code) => set({ period: code }),
        }}
        groupBy={{ value: groupBy, options: statsGroupings, onChange: (g) => set({ groupBy: g }) }}
      />
      <PageState loading={stats.loading && !data} error={stats.error} onRetry={stats.reload}>
        {data && (
          <>
            <Typography.Paragraph type="secondary" data-testid="stats-range">
              {t("hazardStats.range", { from: data.from, to: data.to, end: data.endDay })}
            </Typography.Paragraph>
            <StatsTiles result={data} />
            <StatsGroups<HazardStatsGroup>
              groupBy={data.groupBy}
              rows={data.groups}
              name={(g) => groupName(t, data, g)}
              onPick={data.groupBy === "region" ? (code) => set({ region: code }) : undefined}
              regionCode={data.region?.code}
              chart={{ series, ariaLabel: t("hazardStats.chartAria", { region: data.region?.name ?? t("stats.all") }) }}
              notice={data.truncated && <Typography.Paragraph type="warning">{t("hazardStats.truncated")}</Typography.Paragraph>}
              testId="stats-table"
              columns={[
                num("found", t("hazardStats.found")),
                num("rectified", t("hazardStats.rectified")),
                num("onTime", t("hazardStats.onTime")),
                num("late", t("hazardStats.late")),
                num("open", t("hazardStats.open")),
                num("overdue", t("hazardStats.overdue")),
                num("openMajor", t("hazardStats.openMajor")),
                { title: t("hazardStats.rectificationRate"), dataIndex: "rectificationRate", align: "right", render: rate },
                { title: t("hazardStats.onTimeRate"), dataIndex: "onTimeRate", align: "right", render: rate },
                { title: t("hazardStats.clearance"), dataIndex: "cleared", render: (c: boolean) => <ClearedTag cleared={c} /> },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              {t("hazardStats.definitions")}
            </Typography.Paragraph>
          </>
        )}
      </PageState>
    </>
  );
}

const num = (key: keyof HazardStatsGroup, title: string) => ({ title, dataIndex: key, align: "right" as const });

function StatsTiles({ result }: { result: HazardStatsResult }) {
  const t = useT();
  const s = result.totals;
  return (
    <StatsTotals
      testIdPrefix="stats"
      span={{ xs: 12, md: 8, xl: 4 }}
      tiles={[
        { id: "found", title: t("hazardStats.found"), value: s.found },
        { id: "rectified", title: t("hazardStats.rectified"), value: s.rectified },
        { id: "on-time-rate", title: t("hazardStats.onTimeRate"), value: rate(s.onTimeRate), hint: t("hazardStats.onTimeRateHint") },
        {
          id: "rectification-rate",
          title: t("hazardStats.rectificationRate"),
          value: rate(s.rectificationRate),
          hint: t("hazardStats.rectificationRateHint"),
        },
        { id: "overdue", title: t("hazardStats.overdue"), value: s.overdue, danger: s.overdue > 0 },
        { id: "open-major", title: t("hazardStats.openMajor"), value: s.openMajor, danger: s.openMajor > 0 },
      ]}
    >
      <Col xs={24} md={8} xl={24}>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t("hazardStats.clearance")}</Typography.Text>
          <ClearedTag cleared={s.cleared} testId="stats-cleared" />
          <Typography.Text type="secondary">
            {t("hazardStats.open")} {s.open}
          </Typography.Text>
        </Flex>
      </Col>
    </StatsTotals>
  );
}

function ClearedTag({ cleared, testId }: { cleared: boolean; testId?: string }) {
  const t = useT();
  return (
    <Tag color={cleared ? "success" : "warning"} data-testid={testId} data-cleared={String(cleared)}>
      {cleared ? t("hazardStats.cleared") : t("hazardStats.notCleared")}
    </Tag>
  );
}

function groupName(t: Translate, result: HazardStatsResult, g: HazardStatsGroup): string {
  if (result.groupBy === "category" && g.key) return t(`hazards.category.${g.key}` as MessageKey);
  return groupLabel(t, g);
}
