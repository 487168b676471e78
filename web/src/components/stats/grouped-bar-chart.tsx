import { useMemo } from "react";
import { Chart } from "../chart.js";

/** One bar per group: its legend name, colour and figure. */
export type BarSeries<R> = { name: string; color: string; value: (row: R) => number };

/** More groups than this and the labels no longer fit; the table beside the chart lists them all. */
const maxGroups = 30;

type Props<R> = {
  rows: readonly R[];
  /** A group's label on the axis. */
  category: (row: R) => string;
  series: readonly BarSeries<R>[];
  ariaLabel: string;
  /** A click on a group's bars, e.g. to drill into a child region. */
  onPick?: (row: R) => void;
};

/** The figures of each group as bars side by side (the first 30 groups), lazily drawn by <Chart>. */
export function GroupedBarChart<R>({ rows, category, series, ariaLabel, onPick }: Props<R>) {
  const shown = rows.slice(0, maxGroups);
  // <Chart> draws again whenever the option is a new object: keyed by what it shows, a re-render of the page with
  // the same figures (another filter loading, say) keeps the drawn chart.
  const spec = JSON.stringify({
    categories: shown.map(category),
    bars: series.map((s) => ({ name: s.name, color: s.color, data: shown.map(s.value) })),
  });
  const option = useMemo(() => {
    const { categories, bars } = JSON.parse(spec) as { categories: string[]; bars: { name: string; color: string; data: number[] }[] };
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: categories, axisLabel: { interval: 0, rotate: categories.length > 8 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: bars.map((b) => ({ name: b.name, type: "bar", itemStyle: { color: b.color }, data: b.data })),
    };
  }, [spec]);
  return (
    <Chart
      option={option}
      height={300}
      ariaLabel={ariaLabel}
      onClick={(p) => {
        const row = shown[p.dataIndex];
        if (row !== undefined) onPick?.(row);
      }}
    />
  );
}
