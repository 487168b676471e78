import { Alert, Empty, Flex, Typography } from "antd";
import { useMemo } from "react";
import { useNavigate } from "react-router";
import { defaultColourHex } from "../../../../domain/risk/levels.js";
import { riskMapLimit } from "../../../../domain/risk/risk.dto.js";
import { useApi } from "../../api/use-api.js";
import { Chart } from "../../components/chart.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import { levelsHighFirst, useRiskLevelLabel } from "./risk-level.js";
import { riskRegionApi } from "./risk-region-api.js";

/**
 * Assessed enterprises with GPS coordinates placed on longitude/latitude axes, coloured by their
 * overall (highest) risk level — a map without a tile server (3号: regional risk distribution map).
 */
export function EnterpriseRiskMap({ regionCode }: { regionCode: string }) {
  const t = useT();
  const label = useRiskLevelLabel();
  const navigate = useNavigate();
  const data = useApi((signal) => riskRegionApi.map(regionCode, signal), [regionCode]);

  const groups = useMemo(() => {
    const items = data.data?.items ?? [];
    return levelsHighFirst.map((level) => ({ level, items: items.filter((p) => p.level === level) }));
  }, [data.data]);

  const option = useMemo(
    () => ({
      tooltip: { trigger: "item", formatter: (p: { data: { name: string } }) => p.data.name },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "value", scale: true, name: t("riskRegion.longitude"), axisLabel: { formatter: (v: number) => v.toFixed(2) } },
      yAxis: { type: "value", scale: true, name: t("riskRegion.latitude"), axisLabel: { formatter: (v: number) => v.toFixed(2) } },
      series: groups.map((g) => ({
        name: label(g.level),
        type: "scatter",
        symbolSize: g.level === "major" ? 16 : 11,
        itemStyle: { color: defaultColourHex[g.level], borderColor: "#fff", borderWidth: 1 },
        data: g.items.map((p) => ({ name: p.name, value: [p.longitude, p.latitude], id: p.id })),
      })),
    }),
    [groups, label, t],
  );

  const map = data.data;
  return (
    <PageState loading={data.loading && !map} error={data.error} onRetry={data.reload}>
      {!map || map.items.length === 0 ? (
        <Empty description={t("riskRegion.mapEmpty")} />
      ) : (
        <Flex vertical gap={8}>
          <Chart
            option={option}
            height={380}
            ariaLabel={t("riskRegion.mapAria")}
            onClick={(p) => {
              const hit = groups.find((g) => label(g.level) === p.seriesName)?.items[p.dataIndex];
              if (hit) navigate(`/enterprises/${hit.id}`);
            }}
          />
          <Typography.Text type="secondary">{t("riskRegion.mapHint", { placed: map.items.length })}</Typography.Text>
          {map.withoutPosition > 0 && (
            <Typography.Text type="secondary">{t("riskRegion.mapWithoutPosition", { count: map.withoutPosition })}</Typography.Text>
          )}
          {map.truncated && <Alert type="info" showIcon title={t("riskRegion.mapTruncated", { limit: riskMapLimit })} />}
        </Flex>
      )}
    </PageState>
  );
}
