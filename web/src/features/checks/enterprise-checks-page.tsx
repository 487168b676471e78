import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Table } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { Page } from "../../../../domain/common/page.js";
import { api } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { PageHeader } from "../../components/page-header.js";
import { useT } from "../../i18n/i18n-context.js";
import { enterprisesApi } from "../enterprises/enterprises-api.js";
import { RiskLevelTag } from "../risk-region/risk-level.js";
import type { RiskPoint } from "./checks-api.js";
import { CompletionTable } from "./completion-table.js";

/** An enterprise's check work: completion per person and its risk points, each opening its check tasks. */
export function EnterpriseChecksPage() {
  const t = useT();
  const { id = "" } = useParams();
  const [page, setPage] = useState(1);
  const enterprise = useApi((signal) => enterprisesApi.get(id, signal), [id]);
  const points = useApi(
    (signal) => api.get<Page<RiskPoint>>(`/api/enterprises/${encodeURIComponent(id)}/risk-points`, { page, pageSize: 20 }, signal),
    [id, page],
  );
  return (
    <>
      <PageHeader
        title={t("checks.enterpriseTitle", { name: enterprise.data?.name ?? "" })}
        extra={
          <Link to={`/enterprises/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t("checks.backToEnterprise")}</Button>
          </Link>
        }
      />
      <Flex vertical gap={16}>
        <Card title={t("checks.completionTitle")}>
          <CompletionTable enterpriseId={id} />
        </Card>
        <Card title={t("checks.pointsTitle")}>
          {points.error ? (
            <ErrorResult error={points.error} onRetry={points.reload} />
          ) : (
            <Table<RiskPoint>
              rowKey="id"
              size="small"
              loading={points.loading}
              dataSource={points.data?.items}
              locale={{ emptyText: t("checks.noPoints") }}
              pagination={{ current: page, pageSize: 20, total: points.data?.total ?? 0, hideOnSinglePage: true, onChange: setPage }}
              columns={[
                {
                  title: t("checks.riskPoint"),
                  dataIndex: "name",
                  render: (name: string, p) => <Link to={`/risk-points/${p.id}/checks`}>{name}</Link>,
                },
                { title: t("checks.level"), dataIndex: "level", render: (_: unknown, p) => <RiskLevelTag level={p.level} /> },
                {
                  title: t("checks.measures"),
                  key: "measures",
                  align: "right",
                  render: (_: unknown, p) => p.events.reduce((n, e) => n + e.measures.length, 0),
                },
              ]}
            />
          )}
        </Card>
      </Flex>
    </>
  );
}
