import { FileExcelOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, DatePicker, Descriptions, Flex, Row, Segmented, Select, Statistic, Table, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import { inspectionKinds } from "../../../../domain/inspections/inspection.js";
import { inspectionStatsGroupings } from "../../../../domain/inspections/stats.dto.js";
import { useApi } from "../../api/use-api.js";
import { Chart } from "../../components/chart.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { RegionSelect } from "../../components/region-select.js";
import { type Translate, useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { rateText } from "../checks/check-labels.js";
import { type InspectionStats, type InspectionStatsGroup, inspectionStatsApi } from "./inspection-stats-api.js";

type Grouping = (typeof inspectionStatsGroupings)[number];
const perInspection = (v: number | null) => (v === null ? "—" : (Math.round(v * 100) / 100).toString());

/**
 * /inspections/stats (issue 7 §7): for a region subtree, a period and optionally one department — supervisory
 * inspections by kind, coverage of the register and of the approved annual plans, hazards found per inspection,
 * 重大 found, and the double-random draws with the share inspected; totals, a chart and a table per child region or
 * department. The definitions are the server's (domain/inspections/stats.dto.ts).
 */
export function InspectionStatsPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const today = shanghaiDay(new Date());
  const region = params.get("region") ?? me.regionCode ?? undefined;
  const from = params.get("from") ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get("to") ?? today;
  const department = params.get("department") ?? undefined;
  const groupBy: Grouping = params.get("groupBy") === "department" ? "department" : "region";
  const set = (values: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(values)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const stats = useApi(
    (signal) => inspectionStatsApi.stats({ region, from, to, department, groupBy }, signal),
    [region, from, to, department, groupBy],
  );
  const departments = useApi((signal) => inspectionStatsApi.departments(region, signal), [region]);
  const data = stats.data;

  return (
    <>
      <PageHeader
        title={t("inspectionStats.title")}
        extra={
          <>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={stats.reload} />
            </Tooltip>
            <Button
              icon={<FileExcelOutlined />}
              href={inspectionStatsApi.xlsxUrl({ region, from, to, department, groupBy })}
              data-testid="inspection-stats-xlsx"
            >
              {t("inspectionStats.download")}
            </Button>
          </>
        }
      />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <RegionSelect
          id="inspection-stats-region"
          value={region}
          onChange={(code) => set({ region: code, department: undefined })}
          rootCode={me.regionCode ?? undefined}
          allowClear={!me.regionCode}
          placeholder={t("inspectionStats.region")}
          style={{ width: 240 }}
        />
        <DatePicker.RangePicker
          aria-label={t("inspectionStats.range")}
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          onChange={(range) => {
            if (range?.[0] && range[1]) set({ from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") });
          }}
        />
        <Select
          id="inspection-stats-department"
          aria-label={t("inspectionStats.department")}
          style={{ width: 220 }}
          value={department ?? ""}
          onChange={(v: string) => set({ department: v || undefined })}
          loading={departments.loading}
          options={[
            { value: "", label: t("inspectionStats.allDepartments") },
            ...(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
          ]}
        />
        <Segmented<Grouping>
          value={groupBy}
          onChange={(g) => set({ groupBy: g })}
          options={inspectionStatsGroupings.map((g) => ({
            value: g,
            label: <span data-testid={`inspection-stats-group-${g}`}>{t(`inspectionStats.group.${g}` as MessageKey)}</span>,
          }))}
        />
      </Flex>
      <PageState loading={stats.loading && !data} error={stats.error} onRetry={stats.reload}>
        {data && (
          <>
            <Typography.Paragraph type="secondary" data-testid="inspection-stats-range">
              {t("inspectionStats.period", { from: data.from, to: data.to })}
              {data.department ? ` · ${data.department.name}` : ""}
            </Typography.Paragraph>
            <Tiles stats={data} />
            <Card size="small" style={{ marginTop: 16 }} title={t(`inspectionStats.group.${groupBy}` as MessageKey)}>
              {data.groups.length > 0 && (
                <GroupChart
                  stats={data}
                  regionName={data.region?.name ?? t("inspectionStats.all")}
                  onPick={(code) => set({ region: code })}
                />
              )}
              <GroupTable stats={data} onPick={groupBy === "region" ? (code) => set({ region: code }) : undefined} />
            </Card>
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

function Tiles({ stats }: { stats: InspectionStats }) {
  const t = useT();
  const s = stats.totals;
  const tiles: { id: string; title: string; value: string | number; suffix?: string; danger?: boolean }[] = [
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
  ];
  return (
    <>
      <Row gutter={[12, 12]}>
        {tiles.map((tile) => (
          <Col key={tile.id} xs={12} md={6} xl={3}>
            <Card size="small">
              <Statistic
                title={tile.title}
                value={tile.value}
                suffix={tile.suffix ? <span style={{ fontSize: 12 }}>{tile.suffix}</span> : undefined}
                styles={tile.danger ? { content: { color: "#cf1322" } } : undefined}
                data-testid={`inspection-stats-${tile.id}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Descriptions
        size="small"
        style={{ marginTop: 12 }}
        column={{ xs: 2, md: 5 }}
        title={t("inspectionStats.byKind")}
        data-testid="inspection-stats-kinds"
      >
        {inspectionKinds.map((k) => (
          <Descriptions.Item key={k} label={t(`inspections.kind.${k}` as MessageKey)}>
            {s.byKind[k]}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </>
  );
}

function groupName(t: Translate, stats: InspectionStats, g: InspectionStatsGroup): string {
  if (g.label) return g.label;
  if (g.key === null) return stats.groupBy === "department" ? t("inspectionStats.noDepartment") : t("inspectionStats.unknown");
  return g.key;
}

/** Inspections, finished ones and hazards found per group (at most 30 bars); a click on a region drills in. */
function GroupChart({ stats, regionName, onPick }: { stats: InspectionStats; regionName: string; onPick: (code: string) => void }) {
  const t = useT();
  const shown = useMemo(() => stats.groups.slice(0, 30), [stats]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: shown.map((g) => groupName(t, stats, g)),
        axisLabel: { interval: 0, rotate: shown.length > 8 ? 30 : 0 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("inspectionStats.inspections"), type: "bar", itemStyle: { color: "#1677ff" }, data: shown.map((g) => g.inspections) },
        { name: t("inspectionStats.finished"), type: "bar", itemStyle: { color: "#52c41a" }, data: shown.map((g) => g.finished) },
        { name: t("inspectionStats.hazardsFound"), type: "bar", itemStyle: { color: "#faad14" }, data: shown.map((g) => g.hazardsFound) },
      ],
    }),
    [shown, stats, t],
  );
  return (
    <Chart
      option={option}
      height={300}
      ariaLabel={t("inspectionStats.chartAria", { region: regionName })}
      onClick={(p) => {
        const g = shown[p.dataIndex];
        if (stats.groupBy === "region" && g?.key) onPick(g.key);
      }}
    />
  );
}

function GroupTable({ stats, onPick }: { stats: InspectionStats; onPick?: (code: string) => void }) {
  const t = useT();
  const num = (key: keyof InspectionStatsGroup, title: string) => ({ title, dataIndex: key, align: "right" as const });
  return (
    <Table<InspectionStatsGroup>
      size="small"
      rowKey={(g) => g.key ?? "none"}
      pagination={stats.groups.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: "max-content" }}
      dataSource={stats.groups}
      data-testid="inspection-stats-table"
      locale={{ emptyText: t("inspectionStats.noGroups") }}
      columns={[
        {
          title: t("inspectionStats.name"),
          key: "name",
          fixed: "left",
          render: (_: unknown, g) =>
            onPick && g.key && g.key !== stats.region?.code ? (
              <Button type="link" size="small" style={{ padding: 0, height: "auto" }} onClick={() => onPick(g.key as string)}>
                {groupName(t, stats, g)}
              </Button>
            ) : (
              groupName(t, stats, g)
            ),
        },
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
        { title: t("inspectionStats.enterprises"), dataIndex: "enterprises", align: "right", render: (v: number | null) => v ?? "—" },
        { title: t("inspectionStats.coverageRate"), dataIndex: "coverageRate", align: "right", render: rateText },
        num("planDue", t("inspectionStats.planDue")),
        num("planDone", t("inspectionStats.planDone")),
        { title: t("inspectionStats.planRate"), dataIndex: "planRate", align: "right", render: rateText },
        num("hazardsFound", t("inspectionStats.hazardsFound")),
        { title: t("inspectionStats.hazardsPerInspection"), dataIndex: "hazardsPerInspection", align: "right", render: perInspection },
        num("majorFound", t("inspectionStats.majorFound")),
        num("doubleRandomDone", t("inspectionStats.doubleRandomDone")),
      ]}
    />
  );
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
