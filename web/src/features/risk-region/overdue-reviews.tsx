import { Table, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { reassessmentTriggerLabels } from "../../../../domain/risk/review.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { useLang, useT } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";
import { RiskLevelTag } from "./risk-level.js";
import { type OverdueItem, riskRegionApi } from "./risk-region-api.js";

type Scope = { region: string; enterpriseId?: undefined } | { enterpriseId: string; region?: undefined };

/** Risk points due or overdue for re-assessment (R11: yearly, and after a change or an accident), longest overdue first. */
export function OverdueReviews({
  scope,
  pageSize = 10,
  showEnterprise = true,
}: {
  scope: Scope;
  pageSize?: number;
  showEnterprise?: boolean;
}) {
  const t = useT();
  const [lang] = useLang();
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(pageSize);
  const data = useApi(
    (signal) => riskRegionApi.overdue({ ...scope, page, pageSize: size }, signal),
    [scope.region, scope.enterpriseId, page, size],
  );
  if (data.error) return <ErrorResult error={data.error} onRetry={data.reload} />;
  return (
    <Table<OverdueItem>
      size="small"
      rowKey="riskPointId"
      loading={data.loading}
      dataSource={data.data?.items}
      data-testid="overdue-reviews"
      locale={{ emptyText: t("riskRegion.noOverdue") }}
      scroll={{ x: "max-content" }}
      pagination={{
        current: page,
        pageSize: size,
        total: data.data?.total ?? 0,
        hideOnSinglePage: true,
        showTotal: (total) => t("common.total", { total }),
        onChange: (p, s) => {
          setPage(s === size ? p : 1);
          setSize(s);
        },
      }}
      columns={[
        ...(showEnterprise
          ? [
              {
                title: t("riskRegion.enterprise"),
                dataIndex: "enterpriseName",
                render: (name: string, r: OverdueItem) => <Link to={`/enterprises/${r.enterpriseId}`}>{name}</Link>,
              },
            ]
          : []),
        { title: t("riskRegion.riskPoint"), dataIndex: "name" },
        { title: t("riskRegion.level"), dataIndex: "level", render: (_: unknown, r) => <RiskLevelTag level={r.level} /> },
        { title: t("riskRegion.reviewDate"), dataIndex: "nextReviewDate" },
        {
          title: t("riskRegion.daysOverdue"),
          dataIndex: "daysOverdue",
          align: "right",
          render: (d: number) =>
            d > 0 ? (
              <Tag color="error">{t("riskRegion.daysLate", { days: d })}</Tag>
            ) : (
              <Tag color="warning">{t("riskRegion.dueToday")}</Tag>
            ),
        },
        {
          title: t("riskRegion.trigger"),
          dataIndex: "pendingTrigger",
          render: (p: OverdueItem["pendingTrigger"]) =>
            p ? reassessmentTriggerLabels[p.trigger][labelKeyOf(lang)] : t("riskRegion.triggerPeriodic"),
        },
      ]}
    />
  );
}
