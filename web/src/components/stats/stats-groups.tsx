import { Button, Card, Table, type TableColumnsType, type TableProps } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { type Translate, useT } from "../../i18n/i18n-context.js";
import { type BarSeries, GroupedBarChart } from "./grouped-bar-chart.js";
import type { StatsDimension } from "./stats.messages.js";

/** A row of figures for one group: a child region's code, a department's id…; null where it is not recorded. */
export type StatsGroupRow = { key: string | null; label?: string | null };

/** The group's name as the server labels it, else its key. */
export function groupLabel(t: Translate, g: StatsGroupRow): string {
  return g.label ?? g.key ?? t("stats.unknown");
}

export type StatsGroupTableProps<R extends StatsGroupRow> = {
  rows: readonly R[];
  testId: string;
  name: (row: R) => string;
  /** Drill into a child region: its name becomes a link. */
  onPick?: (code: string) => void;
  /** Or the name links to the group's own page (an enterprise's, say). */
  href?: (row: R) => string;
  /** The chosen region, whose own row (e.g. its own enterprises) is no link. */
  regionCode?: string;
  /** The figure columns after the name. */
  columns: TableColumnsType<R>;
  summary?: TableProps<R>["summary"];
  /** What an empty table says; Ant Design's "no data" if left out. */
  emptyText?: string;
};

/** The figures per group, name first (kept in view when the table scrolls sideways), 50 groups a page. */
export function StatsGroupTable<R extends StatsGroupRow>({
  rows,
  testId,
  name,
  onPick,
  href,
  regionCode,
  columns,
  summary,
  emptyText,
}: StatsGroupTableProps<R>) {
  const t = useT();
  return (
    <Table<R>
      size="small"
      rowKey={(g) => g.key ?? "none"}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: "max-content" }}
      dataSource={rows}
      data-testid={testId}
      locale={emptyText === undefined ? undefined : { emptyText }}
      columns={[
        {
          title: t("stats.name"),
          key: "name",
          fixed: "left",
          render: (_: unknown, g: R) =>
            onPick && g.key && g.key !== regionCode ? (
              <Button type="link" size="small" style={{ padding: 0, height: "auto" }} onClick={() => onPick(g.key as string)}>
                {name(g)}
              </Button>
            ) : href ? (
              <Link to={href(g)}>{name(g)}</Link>
            ) : (
              name(g)
            ),
        },
        ...columns,
      ]}
      summary={summary}
    />
  );
}

export type StatsGroupsProps<R extends StatsGroupRow> = Omit<StatsGroupTableProps<R>, "emptyText" | "href"> & {
  groupBy: StatsDimension;
  chart: { series: readonly BarSeries<R>[]; ariaLabel: string };
  /** Between the chart and the table, e.g. that not every group is listed. */
  notice?: ReactNode;
};

/** The figures per group of a statistics page: a card with a bar chart (when there are groups) over the table. */
export function StatsGroups<R extends StatsGroupRow>({ groupBy, chart, notice, ...table }: StatsGroupsProps<R>) {
  const t = useT();
  const { rows, name, onPick } = table;
  return (
    <Card size="small" style={{ marginTop: 16 }} title={t(`stats.group.${groupBy}`)}>
      {rows.length > 0 && (
        <GroupedBarChart
          rows={rows}
          category={name}
          series={chart.series}
          ariaLabel={chart.ariaLabel}
          onPick={onPick ? (g) => g.key && onPick(g.key) : undefined}
        />
      )}
      {notice}
      <StatsGroupTable {...table} emptyText={t("stats.noGroups")} />
    </Card>
  );
}
