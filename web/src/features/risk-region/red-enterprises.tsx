import { Table } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { useT } from "../../i18n/i18n-context.js";
import { type RegionRiskSummary, riskRegionApi } from "./risk-region-api.js";

type Red = RegionRiskSummary["redEnterprises"]["items"][number];

/** Enterprises of the region with at least one 重大 (red) risk point, each linking to its record. */
export function RedEnterprises({ regionCode, pageSize = 10 }: { regionCode: string; pageSize?: number }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(pageSize);
  const data = useApi((signal) => riskRegionApi.regionSummary(regionCode, { page, pageSize: size }, signal), [regionCode, page, size]);
  if (data.error) return <ErrorResult error={data.error} onRetry={data.reload} />;
  const red = data.data?.region.code === regionCode ? data.data.redEnterprises : undefined;
  return (
    <Table<Red>
      size="small"
      rowKey="id"
      loading={data.loading}
      dataSource={red?.items}
      data-testid="red-enterprises"
      locale={{ emptyText: t("riskRegion.noRed") }}
      scroll={{ x: "max-content" }}
      pagination={{
        current: page,
        pageSize: size,
        total: red?.total ?? 0,
        hideOnSinglePage: true,
        showTotal: (total) => t("common.total", { total }),
        onChange: (p, s) => {
          setPage(s === size ? p : 1);
          setSize(s);
        },
      }}
      columns={[
        {
          title: t("riskRegion.enterprise"),
          dataIndex: "name",
          render: (name: string, r) => <Link to={`/enterprises/${r.id}`}>{name}</Link>,
        },
        { title: t("riskRegion.place"), dataIndex: "regionPath", render: (p: string | null, r) => p ?? r.regionCode },
        { title: t("riskRegion.majorPoints"), dataIndex: "majorPoints", align: "right" },
      ]}
    />
  );
}
