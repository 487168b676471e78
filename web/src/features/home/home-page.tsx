import { ReloadOutlined } from "@ant-design/icons";
import { Badge, Button, Card, Col, Descriptions, Flex, Row, Tag, Typography } from "antd";
import { Link } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { regionLevelOf, scopeKindOf } from "../../../../domain/access/roles.js";
import { useApi } from "../../api/use-api.js";
import { isGroup, navFor } from "../../app/nav.js";
import { PageState } from "../../components/page-state.js";
import { useRoleLabel, useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { EnterpriseDashboard } from "../dashboards/enterprise-dashboard.js";
import { RegulatorDashboard } from "../dashboards/regulator-dashboard.js";
import { healthApi } from "./health-api.js";

export function HomePage() {
  const t = useT();
  const roleLabel = useRoleLabel();
  const user = useCurrentUser();
  const health = useApi((signal) => healthApi.get(signal), []);
  const level = user.regionCode ? regionLevelOf(user.regionCode) : undefined;
  const shortcuts = navFor(user.role).flatMap((e) => (isGroup(e) ? e.children : []));

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }} data-testid="home-welcome">
          {t("home.welcome", { name: user.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">{t("home.subtitle")}</Typography.Text>
      </div>
      {/* The role's dashboard (issue 5 §8): the region's picture for regional roles, the enterprise's own for its users. */}
      {scopeKindOf[user.role] !== "enterprise" && roleHas(user.role, "risk.read") && <RegulatorDashboard />}
      {scopeKindOf[user.role] === "enterprise" && user.enterpriseId && <EnterpriseDashboard enterpriseId={user.enterpriseId} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t("home.account")} style={{ height: "100%" }}>
            <Descriptions column={1} size="small" styles={{ label: { width: 140 } }}>
              <Descriptions.Item label={t("home.username")}>{user.username}</Descriptions.Item>
              <Descriptions.Item label={t("home.role")}>
                <Tag color="blue" data-testid="home-role">
                  {roleLabel(user.role)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t("home.region")}>
                <span data-testid="home-region">{user.regionCode ?? t("common.none")}</span>
                {level && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                    ({t(`region.${level}`)})
                  </Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t("home.scope")}>{t(`scope.${scopeKindOf[user.role]}`)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            title={t("home.health")}
            style={{ height: "100%" }}
            extra={
              <Button
                type="text"
                size="small"
                icon={<ReloadOutlined />}
                aria-label={t("common.refresh")}
                loading={health.loading}
                onClick={health.reload}
              />
            }
          >
            <PageState loading={health.loading && !health.data} error={health.error} onRetry={health.reload}>
              {health.data && (
                <Descriptions column={1} size="small" data-testid="home-health">
                  <Descriptions.Item label={t("home.status")}>
                    {health.data.status === "ok" ? (
                      <Badge status="success" text={t("home.healthOk")} />
                    ) : (
                      <Badge status="error" text={`${t("home.healthDegraded")} (${health.data.status})`} />
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t("home.database")}>{health.data.database}</Descriptions.Item>
                  <Descriptions.Item label={t("home.version")}>{health.data.version}</Descriptions.Item>
                </Descriptions>
              )}
            </PageState>
          </Card>
        </Col>
      </Row>
      {shortcuts.length > 0 && (
        <Card title={t("home.shortcuts")}>
          <Flex wrap gap={12}>
            {shortcuts.map((s) => (
              <Link key={s.path} to={s.path}>
                <Button icon={s.icon}>{t(s.label)}</Button>
              </Link>
            ))}
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
