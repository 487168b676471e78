import { ArrowRightOutlined } from "@ant-design/icons";
import { Button, Card, Col, Flex, Progress, Row, Statistic, Typography } from "antd";
import { useMemo } from "react";
import { Link } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { defaultColourHex } from "../../../../domain/risk/levels.js";
import { useApi } from "../../api/use-api.js";
import { Chart } from "../../components/chart.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { checksApi } from "../checks/checks-api.js";
import { CompletionTable } from "../checks/completion-table.js";
import { LevelTiles } from "../risk-region/level-tiles.js";
import { OverdueReviews } from "../risk-region/overdue-reviews.js";
import { levelsHighFirst, RiskLevelTag, useRiskLevelLabel } from "../risk-region/risk-level.js";
import { riskRegionApi } from "../risk-region/risk-region-api.js";

/**
 * The enterprise user's home (issue 5 §8): its risk points by level, re-assessments due, this period's checks
 * and check-task completion with missed counts per person.
 */
export function EnterpriseDashboard({ enterpriseId }: { enterpriseId: string }) {
  const t = useT();
  const user = useCurrentUser();
  const label = useRiskLevelLabel();
  const summary = useApi((signal) => riskRegionApi.enterpriseSummary(enterpriseId, signal), [enterpriseId]);
  // This period's occurrences of every active task: how many are already done.
  const tasks = useApi((signal) => checksApi.tasks(enterpriseId, { active: "true", page: 1, pageSize: 100 }, signal), [enterpriseId]);
  const current = (tasks.data?.items ?? []).filter((task) => task.current);
  const currentDone = current.filter((task) => task.currentDone).length;
  const s = summary.data;

  const pie = useMemo(
    () =>
      s && {
        tooltip: { trigger: "item" },
        legend: { bottom: 0 },
        series: [
          {
            type: "pie",
            radius: ["40%", "70%"],
            label: { formatter: "{b}: {c}" },
            data: levelsHighFirst
              .map((level) => ({ name: label(level), value: s.points.byLevel[level], itemStyle: { color: defaultColourHex[level] } }))
              .filter((d) => d.value > 0),
          },
        ],
      },
    [s, label],
  );

  return (
    <Flex vertical gap={16} data-testid="enterprise-dashboard">
      <Card
        title={
          <Flex gap={8} align="center">
            {t("dash.riskTitle")}
            {s && <RiskLevelTag level={s.overallLevel} />}
          </Flex>
        }
        extra={
          <Link to={`/enterprises/${enterpriseId}`}>
            <Button type="link" icon={<ArrowRightOutlined />} iconPlacement="end">
              {t("dash.openEnterprise")}
            </Button>
          </Link>
        }
      >
        <PageState loading={!s} error={summary.error} onRetry={summary.reload}>
          {s && (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Flex vertical gap={12}>
                  <LevelTiles counts={s.points.byLevel} testIdPrefix="dash-points" />
                  <Flex gap={24} wrap>
                    <Statistic title={t("dash.pointsTotal")} value={s.points.total} />
                    <Statistic title={t("dash.pointsUnassessed")} value={s.points.unassessed} />
                    <Statistic
                      title={t("dash.reviewsDue")}
                      value={s.reviewsDue}
                      styles={{ content: s.reviewsDue ? { color: "#cf1322" } : undefined }}
                      data-testid="dash-reviews-due"
                    />
                  </Flex>
                </Flex>
              </Col>
              <Col xs={24} lg={10}>
                {pie && s.points.total - s.points.unassessed > 0 ? (
                  <Chart option={pie} height={240} ariaLabel={t("dash.pieAria")} />
                ) : (
                  <Typography.Text type="secondary">{t("dash.noAssessedPoints")}</Typography.Text>
                )}
              </Col>
            </Row>
          )}
        </PageState>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            title={t("dash.checksTitle")}
            style={{ height: "100%" }}
            extra={
              roleHas(user.role, "checks.record") && (
                <Link to="/my-checks">
                  <Button type="link" icon={<ArrowRightOutlined />} iconPlacement="end">
                    {t("dash.openMyChecks")}
                  </Button>
                </Link>
              )
            }
          >
            <PageState loading={!tasks.data} error={tasks.error} onRetry={tasks.reload}>
              <Flex vertical gap={12}>
                <div>
                  <Typography.Text>{t("dash.currentPeriod")}</Typography.Text>
                  <Progress
                    percent={current.length ? Math.round((currentDone / current.length) * 100) : 0}
                    format={() => (
                      <span data-testid="dash-current-done">{t("dash.currentDone", { done: currentDone, total: current.length })}</span>
                    )}
                  />
                </div>
                <CompletionTable enterpriseId={enterpriseId} />
              </Flex>
            </PageState>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t("dash.overdueTitle")} style={{ height: "100%" }}>
            <OverdueReviews scope={{ enterpriseId }} showEnterprise={false} pageSize={5} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
