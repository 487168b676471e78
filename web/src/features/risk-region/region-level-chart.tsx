import { Button, Table } from "antd";
import { useMemo } from "react";
import { categoryLabels } from "../../../../domain/enterprise/enterprise.dto.js";
import { defaultColourHex, type RiskLevel } from "../../../../domain/risk/levels.js";
import { Chart } from "../../components/chart.js";
import { useLang, useT } from "../../i18n/i18n-context.js";
import { levelsHighFirst, useRiskLevelLabel } from "./risk-level.js";
import type { RegionRiskSummary } from "./risk-region-api.js";

type Child = RegionRiskSummary["children"][number];

/** Stacked bars: per child region, its enterprises by their highest risk level (issue 5 §4). Clicking a bar drills in. */
export function RegionLevelChart({
  summary,
  onPick,
  height = 340,
}: {
  summary: RegionRiskSummary;
  onPick?: (code: string) => void;
  height?: number;
}) {
  const t = useT();
  const label = useRiskLevelLabel();
  const children = summary.children;
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: children.map((c) => c.name), axisLabel: { interval: 0, rotate: children.length > 8 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1, name: t("riskRegion.enterprises") },
      // Lowest at the bottom of each stack, red on top.
      series: [...levelsHighFirst].reverse().map((level: RiskLevel) => ({
        name: label(level),
        type: "bar",
        stack: "level",
        itemStyle: { color: defaultColourHex[level] },
        data: children.map((c) => c.byLevel[level]),
      })),
    }),
    [children, label, t],
  );
  return (
    <Chart
      option={option}
      height={height}
      ariaLabel={t("riskRegion.chartAria", { region: summary.region.name })}
      onClick={(p) => {
        const child = children[p.dataIndex];
        if (child && onPick) onPick(child.code);
      }}
    />
  );
}

/** The same counts as a table (readable without the chart, and for screen readers). */
export function RegionLevelTable({ summary, onPick }: { summary: RegionRiskSummary; onPick?: (code: string) => void }) {
  const t = useT();
  const label = useRiskLevelLabel();
  const assessed = (c: Child) => levelsHighFirst.reduce((n, l) => n + c.byLevel[l], 0);
  return (
    <Table<Child>
      size="small"
      rowKey="code"
      pagination={false}
      scroll={{ x: "max-content" }}
      dataSource={summary.children}
      data-testid="region-level-table"
      locale={{ emptyText: t("riskRegion.noChildren") }}
      columns={[
        {
          title: t("riskRegion.childRegion"),
          dataIndex: "name",
          render: (name: string, c) =>
            onPick ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: "auto" }}
                onClick={() => onPick(c.code)}
                data-testid={`region-row-${c.code}`}
              >
                {name}
              </Button>
            ) : (
              name
            ),
        },
        { title: t("riskRegion.registered"), dataIndex: "enterprises", align: "right" },
        ...levelsHighFirst.map((level) => ({
          title: label(level),
          key: level,
          align: "right" as const,
          render: (_: unknown, c: Child) => <span data-testid={`count-${c.code}-${level}`}>{c.byLevel[level]}</span>,
        })),
        {
          title: t("riskRegion.unassessed"),
          key: "unassessed",
          align: "right",
          render: (_: unknown, c) => Math.max(0, c.enterprises - assessed(c)),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>{t("riskRegion.total")}</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {summary.children.reduce((n, c) => n + c.enterprises, 0)}
          </Table.Summary.Cell>
          {levelsHighFirst.map((level, i) => (
            <Table.Summary.Cell key={level} index={i + 2} align="right">
              <span data-testid={`total-${level}`}>{summary.byLevel[level]}</span>
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={6} align="right">
            {Math.max(
              0,
              summary.children.reduce((n, c) => n + c.enterprises - assessed(c), 0),
            )}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** Horizontal stacked bars: the same enterprises by regulatory category (分类监管: 危险化学品, 工贸, …). */
export function CategoryLevelChart({ summary, height = 260 }: { summary: RegionRiskSummary; height?: number }) {
  const t = useT();
  const [lang] = useLang();
  const label = useRiskLevelLabel();
  const rows = summary.byCategory;
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      yAxis: { type: "category", data: rows.map((r) => categoryLabels[r.category][lang === "zh-CN" ? "zh" : "en"]), inverse: true },
      xAxis: { type: "value", minInterval: 1, name: t("riskRegion.enterprises") },
      series: [...levelsHighFirst].reverse().map((level: RiskLevel) => ({
        name: label(level),
        type: "bar",
        stack: "level",
        itemStyle: { color: defaultColourHex[level] },
        data: rows.map((r) => r.byLevel[level]),
      })),
    }),
    [rows, label, lang, t],
  );
  return <Chart option={option} height={height} ariaLabel={t("riskRegion.categoryAria", { region: summary.region.name })} />;
}
