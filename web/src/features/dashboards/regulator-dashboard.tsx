import { ArrowRightOutlined } from "@ant-design/icons";
import { Button, Card, Col, Flex, Row, Typography } from "antd";
import { Link } from "react-router";
import { useApi } from "../../api/use-api.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import { CaseClocksCard } from "../cases/case-clocks-card.js";
import { MajorHazardGradeCounts } from "../major-hazard/major-hazard-sources.js";
import { LevelTiles } from "../risk-region/level-tiles.js";
import { RedEnterprises } from "../risk-region/red-enterprises.js";
import { CategoryLevelChart, RegionLevelChart } from "../risk-region/region-level-chart.js";
import { riskRegionApi } from "../risk-region/risk-region-api.js";
import { useRegionChoice } from "../risk-region/use-region-choice.js";

/**
 * The regulator's home (issue 5 §8): enterprises of their region by highest risk level, per child region;
 * the enterprises with red risks; major hazard sources by grade.
 */
export function RegulatorDashboard() {
  const t = useT();
  const { home } = useRegionChoice();
  const summary = useApi(
    (signal) => (home ? riskRegionApi.regionSummary(home, { page: 1, pageSize: 1 }, signal) : Promise.resolve(undefined)),
    [home],
  );
  const s = summary.data;
  return (
    <Card
      title={s ? t("dash.regionTitle", { region: s.region.name }) : t("dash.regionTitleLoading")}
      extra={
        <Link to="/risk-region">
          <Button type="link" icon={<ArrowRightOutlined />} iconPlacement="end">
            {t("dash.openRiskMap")}
          </Button>
        </Link>
      }
      data-testid="regulator-dashboard"
    >
      <PageState loading={!s} error={summary.error} onRetry={summary.reload}>
        {s && home && (
          <Flex vertical gap={16}>
            <LevelTiles counts={s.byLevel} testIdPrefix="dash-level" suffix={t("dash.unitEnterprises")} />
            <CaseClocksCard regionCode={home} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <Typography.Title level={5}>{t("dash.byChild")}</Typography.Title>
                {s.children.length ? (
                  <RegionLevelChart summary={s} height={300} />
                ) : (
                  <Typography.Text type="secondary">{t("dash.noChildren")}</Typography.Text>
                )}
              </Col>
              <Col xs={24} xl={10}>
                <Typography.Title level={5}>{t("dash.redEnterprises")}</Typography.Title>
                <RedEnterprises regionCode={home} pageSize={5} />
              </Col>
            </Row>
            <div data-testid="dash-by-category">
              <Typography.Title level={5}>{t("dash.byCategory")}</Typography.Title>
              {s.byCategory.length ? (
                <CategoryLevelChart summary={s} height={Math.max(160, 48 + s.byCategory.length * 36)} />
              ) : (
                <Typography.Text type="secondary">{t("dash.noCategories")}</Typography.Text>
              )}
            </div>
            <div>
              <Typography.Title level={5}>{t("dash.majorHazardSources")}</Typography.Title>
              <MajorHazardGradeCounts regionCode={home} />
            </div>
          </Flex>
        )}
      </PageState>
    </Card>
  );
}
