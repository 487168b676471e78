import { PlusOutlined, ProfileOutlined, SearchOutlined } from "@ant-design/icons";
import { Button, Card, Col, Flex, Input, Row, Segmented, Statistic, Tabs, Tag, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { controlLayerLabels, defaultColourHex, type RiskLevel } from "../../../../domain/risk/levels.js";
import { riskPointKindLabels } from "../../../../domain/risk/risk.dto.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { type EnterpriseRiskSummary, type RiskPoint, riskApi } from "./risk-api.js";
import { levelsHighFirst, RiskLevelTag, unassessedColour, useLabel } from "./risk-labels.js";
import { RiskSettingsCard } from "./risk-settings-card.js";
import { SitePlanMap } from "./site-plan-map.js";

/**
 * An enterprise's risk register (风险分级管控): its overall level (the highest point's, issue 5 §3), the
 * points by level, the list with filters, and the four-colour site map.
 */
export function RiskRegister({ enterpriseId }: { enterpriseId: string }) {
  const t = useT();
  const me = useCurrentUser();
  const canManage = roleHas(me.role, "risk.manage");
  const summary = useApi((signal) => riskApi.summary(enterpriseId, signal), [enterpriseId]);
  // Points placed or assessed on the map change the picture: the list and the counts follow.
  const [changes, setChanges] = useState(0);
  const changed = () => {
    setChanges((n) => n + 1);
    summary.reload();
  };

  return (
    <Flex vertical gap={16}>
      {summary.error ? <ErrorResult error={summary.error} onRetry={summary.reload} /> : <RiskSummaryCards summary={summary.data} />}
      <Tabs
        destroyOnHidden
        tabBarExtraContent={
          canManage && (
            <Flex gap={8}>
              <Link to="/risk/policies">
                <Button id="risk-policies-link" icon={<ProfileOutlined />}>
                  {t("risk.policiesLink")}
                </Button>
              </Link>
              <Link to={`/enterprises/${enterpriseId}/risk/new`}>
                <Button id="risk-point-add" type="primary" icon={<PlusOutlined />}>
                  {t("risk.addPoint")}
                </Button>
              </Link>
            </Flex>
          )
        }
        items={[
          { key: "points", label: t("risk.tabPoints"), children: <RiskPointTable enterpriseId={enterpriseId} changes={changes} /> },
          {
            key: "map",
            label: <span id="risk-map-tab">{t("risk.tabMap")}</span>,
            children: (
              <SitePlanMap enterpriseId={enterpriseId} plan={summary.data?.sitePlan ?? null} canManage={canManage} onChanged={changed} />
            ),
          },
          {
            key: "settings",
            label: <span id="risk-settings-tab">{t("risk.tabSettings")}</span>,
            children: <RiskSettingsCard enterpriseId={enterpriseId} canManage={canManage} onSaved={changed} />,
          },
        ]}
      />
    </Flex>
  );
}

function RiskSummaryCards({ summary }: { summary: EnterpriseRiskSummary | undefined }) {
  const t = useT();
  const label = useLabel();
  const loading = !summary;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={6}>
        <Card
          size="small"
          style={{ borderTop: `3px solid ${summary?.overallLevel ? defaultColourHex[summary.overallLevel] : unassessedColour}` }}
        >
          <Statistic
            title={t("risk.overallLevel")}
            loading={loading}
            valueRender={() => <RiskLevelTag level={summary?.overallLevel ?? null} unassessedText={t("risk.notAssessed")} />}
            data-testid="risk-overall-level"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("risk.overallHint")}
          </Typography.Text>
        </Card>
      </Col>
      {levelsHighFirst.map((level) => (
        <Col key={level} xs={12} md={3}>
          <Card size="small" style={{ borderTop: `3px solid ${defaultColourHex[level]}` }}>
            <Statistic
              title={t(`risk.levelShort.${level}`)}
              value={summary?.points.byLevel[level] ?? 0}
              loading={loading}
              data-testid={`risk-count-${level}`}
            />
          </Card>
        </Col>
      ))}
      <Col xs={12} md={3}>
        <Card size="small" style={{ borderTop: `3px solid ${unassessedColour}` }}>
          <Statistic
            title={t("risk.unassessed")}
            value={summary?.points.unassessed ?? 0}
            loading={loading}
            data-testid="risk-count-unassessed"
          />
        </Card>
      </Col>
      <Col xs={12} md={3}>
        <Card size="small">
          <Statistic
            title={t("risk.reviewsDue")}
            value={summary?.reviewsDue ?? 0}
            loading={loading}
            styles={{ content: summary?.reviewsDue ? { color: "#cf1322" } : undefined }}
            data-testid="risk-reviews-due"
          />
        </Card>
      </Col>
      {summary && (
        <Col span={24}>
          <Typography.Text type="secondary">
            {t("risk.controlTable", {
              table: levelsHighFirst
                .map((l) => `${t(`risk.levelShort.${l}`)} → ${label(controlLayerLabels[summary.settings.controlLayers[l]])}`)
                .join("；"),
              months: summary.settings.reviewIntervalMonths,
            })}
          </Typography.Text>
        </Col>
      )}
    </Row>
  );
}

/** The points, filtered by level and name, with their control layer, responsible person and review date. */
function RiskPointTable({ enterpriseId, changes }: { enterpriseId: string; changes: number }) {
  const t = useT();
  const label = useLabel();
  const [q, setQ] = useState("");
  const paged = usePagedList<PointFilters, RiskPoint>(
    ({ level, query, page, pageSize }, signal) =>
      riskApi.points(enterpriseId, { q: query || undefined, level: level === "all" ? undefined : level, page, pageSize }, signal),
    { level: "all", query: "" },
  );
  const { filters, applyFilters } = paged;
  // A change elsewhere on the page (a point placed, assessed) reloads the list as it stands.
  const reload = paged.list.reload;
  const seen = useRef(changes);
  useEffect(() => {
    if (seen.current === changes) return;
    seen.current = changes;
    reload();
  }, [changes, reload]);

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} justify="space-between">
        <Segmented
          id="risk-level-filter"
          value={filters.level}
          onChange={(v) => applyFilters({ ...filters, level: v as RiskLevel | "all" })}
          options={[
            { value: "all", label: t("risk.allLevels") },
            ...levelsHighFirst.map((l) => ({ value: l, label: t(`risk.levelShort.${l}`) })),
          ]}
        />
        <Input
          id="risk-point-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("risk.searchPlaceholder")}
          style={{ width: 260 }}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            if (!e.target.value) applyFilters({ ...filters, query: "" });
          }}
          onPressEnter={() => applyFilters({ ...filters, query: q.trim() })}
        />
      </Flex>
      <PagedTable<PointFilters, RiskPoint>
        paged={paged}
        size="small"
        rowKey="id"
        emptyText={t("risk.noPoints")}
        data-testid="risk-points"
        columns={[
          { title: t("risk.pointName"), dataIndex: "name", render: (name: string, p) => <Link to={`/risk-points/${p.id}`}>{name}</Link> },
          { title: t("risk.kind"), dataIndex: "kind", render: (k: RiskPoint["kind"]) => label(riskPointKindLabels[k]) },
          {
            title: t("risk.level"),
            key: "level",
            render: (_: unknown, p) => <RiskLevelTag level={p.level} unassessedText={t("risk.notAssessed")} />,
          },
          {
            title: t("risk.controlLayer"),
            key: "layer",
            render: (_: unknown, p) => (p.controlLayer ? label(controlLayerLabels[p.controlLayer]) : t("common.none")),
          },
          {
            title: t("risk.responsible"),
            key: "person",
            render: (_: unknown, p) => (p.controlledBy ? `${p.controlledBy.name} ${p.controlledBy.phone}` : t("common.none")),
          },
          {
            title: t("risk.nextReview"),
            key: "review",
            render: (_: unknown, p) => (
              <Flex gap={6} align="center">
                <span>{p.nextReviewDate}</span>
                {p.reviewDue && (
                  <Tag color="error" data-testid="risk-review-due">
                    {p.level ? t("risk.overdue") : t("risk.dueFirst")}
                  </Tag>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}

type PointFilters = { level: RiskLevel | "all"; query: string };
