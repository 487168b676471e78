import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions } from "antd";
import { Link, useParams } from "react-router";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import { RiskLevelTag } from "../risk-region/risk-level.js";
import { CheckTasksPanel } from "./check-tasks-panel.js";
import { checksApi } from "./checks-api.js";

/** A risk point's check tasks on their own page (/risk-points/:id/checks). */
export function RiskPointChecksPage() {
  const t = useT();
  const { id = "" } = useParams();
  const point = useApi((signal) => checksApi.riskPoint(id, signal), [id]);
  const p = point.data?.id === id ? point.data : undefined;
  return (
    <>
      <PageHeader
        title={t("checks.pointTitle", { name: p?.name ?? "" })}
        extra={
          p && (
            <Link to={`/enterprises/${p.enterpriseId}`}>
              <Button icon={<ArrowLeftOutlined />}>{t("checks.backToEnterprise")}</Button>
            </Link>
          )
        }
      />
      <PageState loading={!p} error={point.error} onRetry={point.reload}>
        {p && (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t("checks.level")}>
                <RiskLevelTag level={p.level} />
              </Descriptions.Item>
              <Descriptions.Item label={t("checks.location")}>{p.location ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("checks.controlledBy")}>
                {p.controlledBy ? `${p.controlledBy.name} ${p.controlledBy.phone}` : "—"}
              </Descriptions.Item>
            </Descriptions>
            <Card title={t("checks.tasksTitle")}>
              <CheckTasksPanel riskPointId={p.id} enterpriseId={p.enterpriseId} />
            </Card>
          </>
        )}
      </PageState>
    </>
  );
}
