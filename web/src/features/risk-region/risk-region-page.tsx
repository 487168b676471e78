import { ArrowUpOutlined, ReloadOutlined } from "@ant-design/icons";
import { Breadcrumb, Button, Card, Col, Flex, Row, Tooltip, Typography } from "antd";
import { Link } from "react-router";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { RegionSelect } from "../../components/region-select.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { MajorHazardSources } from "../major-hazard/major-hazard-sources.js";
import { regionsApi } from "../regions/regions-api.js";
import { EnterpriseRiskMap } from "./enterprise-risk-map.js";
import { LevelTiles } from "./level-tiles.js";
import { OverdueReviews } from "./overdue-reviews.js";
import { RedEnterprises } from "./red-enterprises.js";
import { RegionLevelChart, RegionLevelTable } from "./region-level-chart.js";
import { riskRegionApi } from "./risk-region-api.js";
import { useRegionChoice } from "./use-region-choice.js";

/**
 * 区域风险: the regulator's picture of a region (issue 5 §4, §7): enterprises by their highest risk level per
 * child region (chart and table, drilling down), those with red risks, overdue re-assessments, a map of
 * located enterprises and the major hazard sources by grade.
 */
export function RiskRegionPage() {
  const t = useT();
  const user = useCurrentUser();
  const { code, home, setCode } = useRegionChoice();
  const summary = useApi(
    (signal) => (code ? riskRegionApi.regionSummary(code, { page: 1, pageSize: 1 }, signal) : Promise.resolve(undefined)),
    [code],
  );
  const detail = useApi((signal) => (code ? regionsApi.get(code, signal) : Promise.resolve(undefined)), [code]);
  const current = summary.data?.region.code === code ? summary.data : undefined;
  // The way back up stops at the user's own region: a regulator sees only their subtree.
  const path = (detail.data && detail.data.code === code ? detail.data.path : []).filter((p) => !home || p.code.startsWith(home));

  return (
    <>
      <PageHeader
        title={t("riskRegion.title")}
        extra={
          <>
            <RegionSelect
              value={code}
              onChange={(c) => c && setCode(c)}
              rootCode={user.regionCode ?? undefined}
              style={{ width: 280 }}
              placeholder={t("riskRegion.pickRegion")}
            />
            {code && home && code !== home && path.length > 1 && (
              <Button icon={<ArrowUpOutlined />} onClick={() => setCode(path[path.length - 2]?.code ?? home)}>
                {t("riskRegion.up")}
              </Button>
            )}
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={summary.reload} />
            </Tooltip>
          </>
        }
      />
      {path.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={path.map((p) => ({
            key: p.code,
            title: p.code === code ? p.name : <Link to={{ search: `?region=${p.code}` }}>{p.name}</Link>,
          }))}
        />
      )}
      <PageState loading={!current} error={summary.error} onRetry={summary.reload}>
        {current && code && (
          <Flex vertical gap={16}>
            <div>
              <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="risk-region-name">
                {t("riskRegion.byLevelOf", { region: current.region.name })}
              </Typography.Title>
              <LevelTiles counts={current.byLevel} testIdPrefix="region-level" suffix={t("riskRegion.unitEnterprises")} />
            </div>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card title={t("riskRegion.chartTitle")} style={{ height: "100%" }}>
                  {current.children.length ? (
                    <RegionLevelChart summary={current} onPick={setCode} />
                  ) : (
                    <Typography.Text type="secondary">{t("riskRegion.noChildren")}</Typography.Text>
                  )}
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card title={t("riskRegion.tableTitle")} style={{ height: "100%" }}>
                  <RegionLevelTable summary={current} onPick={setCode} />
                </Card>
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card title={t("riskRegion.redTitle")} style={{ height: "100%" }}>
                  <RedEnterprises regionCode={code} />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card title={t("riskRegion.overdueTitle")} style={{ height: "100%" }}>
                  <OverdueReviews scope={{ region: code }} />
                </Card>
              </Col>
            </Row>
            <Card title={t("riskRegion.mapTitle")}>
              <EnterpriseRiskMap regionCode={code} />
            </Card>
            <Card title={t("riskRegion.sourcesTitle")}>
              <MajorHazardSources regionCode={code} />
            </Card>
          </Flex>
        )}
      </PageState>
    </>
  );
}
