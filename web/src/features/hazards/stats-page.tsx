import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, Flex, Row, Segmented, Select, Statistic, Table, Tag, Tooltip, Typography } from "antd";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import { parseReportPeriod, type StatsGrouping, statsGroupings } from "../../../../domain/hazards/stats.js";
import { useApi } from "../../api/use-api.js";
import { Chart } from "../../components/chart.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { RegionSelect } from "../../components/region-select.js";
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
  const [params, setParams] = useSearchParams();
  const today = shanghaiDay(new Date());
  const choices = useMemo(() => periodChoices(today), [today]);
  const period = parseReportPeriod(params.get("period") ?? "") ?? choices[0];
  const groupBy = (statsGroupings as readonly string[]).includes(params.get("groupBy") ?? "")
    ? (params.get("groupBy") as StatsGrouping)
    : "region";
  const region = params.get("region") ?? me.regionCode ?? undefined;
  const isEnterprise = !!me.enterpriseId;
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const stats = useApi(
    (signal) => statsApi.stats({ region, from: period?.from, to: period?.to, groupBy }, signal),
    [region, period?.from, period?.to, groupBy],
  );
  const data = stats.data;

  return (
    <>
      <PageHeader
        title={t("hazardStats.title")}
        extra={
          <Tooltip title={t("common.refresh")}>
            <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={stats.reload} />
          </Tooltip>
        }
      />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        {!isEnterprise && (
          <RegionSelect
            id="stats-region"
            value={region}
            onChange={(code) => set("region", code)}
            rootCode={me.regionCode ?? undefined}
            allowClear={!me.regionCode}
            placeholder={t("hazardStats.region")}
            style={{ width: 240 }}
          />
        )}
        <Select
          id="stats-period"
          aria-label={t("hazardStats.period")}
          value={period?.code}
          style={{ width: 180 }}
          onChange={(code: string) => set("period", code)}
          options={choices.map((p) => ({ value: p.code, label: periodLabel(t, p.code) }))}
        />
        <Segmented<StatsGrouping>
          value={groupBy}
          onChange={(g) => set("groupBy", g)}
          options={statsGroupings.map((g) => ({
            value: g,
            label: <span data-testid={`stats-group-${g}`}>{t(`hazardStats.group.${g}` as MessageKey)}</span>,
          }))}
        />
      </Flex>
      <PageState loading={stats.loading && !data} error={stats.error} onRetry={stats.reload}>
        {data && (
          <>
            <Typography.Paragraph type="secondary" data-testid="stats-range">
              {t("hazardStats.range", { from: data.from, to: data.to, end: data.endDay })}
            </Typography.Paragraph>
            <StatsTiles result={data} />
            <Card size="small" style={{ marginTop: 16 }} title={t(`hazardStats.group.${groupBy}` as MessageKey)}>
              {data.groups.length > 0 && (
                <GroupChart result={data} regionName={data.region?.name ?? t("hazardStats.all")} onPick={(code) => set("region", code)} />
              )}
              {data.truncated && <Typography.Paragraph type="warning">{t("hazardStats.truncated")}</Typography.Paragraph>}
              <GroupTable result={data} onPick={groupBy === "region" ? (code) => set("region", code) : undefined} />
            </Card>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              {t("hazardStats.definitions")}
            </Typography.Paragraph>
          </>
        )}
      </PageState>
    </>
  );
}

function StatsTiles({ result }: { result: HazardStatsResult }) {
  const t = useT();
  const s = result.totals;
  const tiles: { id: string; title: string; value: string | number; hint?: string; danger?: boolean }[] = [
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
  ];
  return (
    <Row gutter={[12, 12]}>
      {tiles.map((tile) => (
        <Col key={tile.id} xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic
              title={tile.hint ? <Tooltip title={tile.hint}>{tile.title}</Tooltip> : tile.title}
              value={tile.value}
              styles={tile.danger ? { content: { color: "#cf1322" } } : undefined}
              data-testid={`stats-${tile.id}`}
            />
          </Card>
        </Col>
      ))}
      <Col xs={24} md={8} xl={24}>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t("hazardStats.clearance")}</Typography.Text>
          <ClearedTag cleared={s.cleared} testId="stats-cleared" />
          <Typography.Text type="secondary">
            {t("hazardStats.open")} {s.open}
          </Typography.Text>
        </Flex>
      </Col>
    </Row>
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
  return g.label ?? g.key ?? t("hazardStats.unknown");
}

/** Found, rectified and open per group; at most 30 bars (the table lists every group). A click on a region drills in. */
function GroupChart({ result, regionName, onPick }: { result: HazardStatsResult; regionName: string; onPick: (code: string) => void }) {
  const t = useT();
  const shown = useMemo(() => result.groups.slice(0, 30), [result]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: shown.map((g) => groupName(t, result, g)),
        axisLabel: { interval: 0, rotate: shown.length > 8 ? 30 : 0 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("hazardStats.found"), type: "bar", itemStyle: { color: "#1677ff" }, data: shown.map((g) => g.found) },
        { name: t("hazardStats.rectified"), type: "bar", itemStyle: { color: "#52c41a" }, data: shown.map((g) => g.rectified) },
        { name: t("hazardStats.open"), type: "bar", itemStyle: { color: "#faad14" }, data: shown.map((g) => g.open) },
      ],
    }),
    [shown, result, t],
  );
  return (
    <Chart
      option={option}
      height={300}
      ariaLabel={t("hazardStats.chartAria", { region: regionName })}
      onClick={(p) => {
        const g = shown[p.dataIndex];
        if (result.groupBy === "region" && g?.key) onPick(g.key);
      }}
    />
  );
}

function GroupTable({ result, onPick }: { result: HazardStatsResult; onPick?: (code: string) => void }) {
  const t = useT();
  const num = (key: keyof HazardStatsGroup, title: string) => ({ title, dataIndex: key, align: "right" as const });
  return (
    <Table<HazardStatsGroup>
      size="small"
      rowKey={(g) => g.key ?? "unknown"}
      pagination={result.groups.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: "max-content" }}
      dataSource={result.groups}
      data-testid="stats-table"
      locale={{ emptyText: t("hazardStats.noGroups") }}
      columns={[
        {
          title: t("hazardStats.name"),
          key: "name",
          render: (_: unknown, g) =>
            onPick && g.key ? (
              <Button type="link" size="small" style={{ padding: 0, height: "auto" }} onClick={() => onPick(g.key as string)}>
                {groupName(t, result, g)}
              </Button>
            ) : (
              groupName(t, result, g)
            ),
        },
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
  );
}
