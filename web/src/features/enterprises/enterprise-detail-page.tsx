import { ArrowLeftOutlined, EditOutlined, PauseCircleOutlined, PlayCircleOutlined, ReloadOutlined, StopOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Flex, Tabs, Tooltip, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { EnterpriseHistory } from "./enterprise-history.js";
import { EnterpriseStatusTag, useCategoryLabel } from "./enterprise-labels.js";
import { EnterpriseTransitionModal, transitionsFrom } from "./enterprise-transition-modal.js";
import { type Enterprise, type EnterpriseAction, enterprisesApi } from "./enterprises-api.js";

const actionIcons: Record<EnterpriseAction, ReactNode> = {
  suspend: <PauseCircleOutlined />,
  resume: <PlayCircleOutlined />,
  close: <StopOutlined />,
};

/** 一企一档: the record grouped by topic, its status actions and its change history. */
export function EnterpriseDetailPage() {
  const t = useT();
  const { id = "" } = useParams();
  const me = useCurrentUser();
  const canEdit = roleHas(me.role, "enterprises.update");
  const canTransition = roleHas(me.role, "enterprises.transition");
  const detail = useApi((signal) => enterprisesApi.get(id, signal), [id]);
  // A status change answers the new record: shown at once, without waiting for a reload.
  const [updated, setUpdated] = useState<Enterprise>();
  const [action, setAction] = useState<EnterpriseAction>();
  // The last record is kept while another loads: only this page's id counts.
  const loaded = detail.data?.id === id ? detail.data : undefined;
  const enterprise = updated && updated.id === id && updated.version >= (loaded?.version ?? 0) ? updated : loaded;

  const reload = () => {
    setUpdated(undefined);
    detail.reload();
  };

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12} wrap>
            <span data-testid="enterprise-name">{enterprise?.name ?? t("enterprises.detail")}</span>
            {enterprise && <EnterpriseStatusTag status={enterprise.status} />}
          </Flex>
        }
        extra={
          <>
            <Link to="/enterprises">
              <Button icon={<ArrowLeftOutlined />}>{t("enterprises.backToList")}</Button>
            </Link>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={reload} />
            </Tooltip>
            {enterprise && (
              <>
                <Link to={`/enterprises/${enterprise.id}/risk`}>
                  <Button id="enterprise-risk">{t("risk.enterpriseLink")}</Button>
                </Link>
                <Link to={`/enterprises/${enterprise.id}/hazard-units`}>
                  <Button id="enterprise-hazard-units">{t("mh.link")}</Button>
                </Link>
                <Link to={`/enterprises/${enterprise.id}/checks`}>
                  <Button id="enterprise-checks">{t("checks.link")}</Button>
                </Link>
                {roleHas(me.role, "hazards.read") && (
                  <Link to={`/hazards?enterprise=${enterprise.id}`}>
                    <Button id="enterprise-hazards">{t("hazards.link")}</Button>
                  </Link>
                )}
              </>
            )}
            {enterprise && canEdit && (
              <Link to={`/enterprises/${enterprise.id}/edit`}>
                <Button id="enterprise-edit" type="primary" icon={<EditOutlined />}>
                  {t("common.edit")}
                </Button>
              </Link>
            )}
            {enterprise &&
              canTransition &&
              transitionsFrom[enterprise.status].map((a) => (
                <Button key={a} id={`enterprise-${a}`} icon={actionIcons[a]} danger={a === "close"} onClick={() => setAction(a)}>
                  {t(`enterprises.transition.${a}`)}
                </Button>
              ))}
          </>
        }
      />
      <PageState loading={!enterprise} error={detail.error} onRetry={detail.reload}>
        {enterprise && (
          <Tabs
            items={[
              { key: "profile", label: t("enterprises.tabProfile"), children: <EnterpriseProfile enterprise={enterprise} /> },
              {
                key: "history",
                label: <span id="enterprise-history-tab">{t("enterprises.tabHistory")}</span>,
                // Remounted per version, so a change made here shows in the history at once.
                children: <EnterpriseHistory key={enterprise.version} enterpriseId={enterprise.id} />,
              },
            ]}
          />
        )}
      </PageState>
      {enterprise && (
        <EnterpriseTransitionModal
          enterprise={enterprise}
          action={action}
          onClose={() => setAction(undefined)}
          onDone={(next) => {
            setAction(undefined);
            setUpdated(next);
          }}
          onStale={() => {
            setAction(undefined);
            reload();
          }}
        />
      )}
    </>
  );
}

function EnterpriseProfile({ enterprise: e }: { enterprise: Enterprise }) {
  const t = useT();
  const labels = useCategoryLabel();
  const none = t("common.none");
  const column = { xs: 1, sm: 1, md: 2 };
  const descriptions = { column, size: "small", bordered: true, styles: { label: { width: 160 } } } as const;
  const copyable = { tooltips: [t("common.copy"), t("common.copied")] };

  return (
    <Flex vertical gap={16}>
      <Card title={t("enterprises.groupBasic")} size="small">
        <Descriptions {...descriptions}>
          <Descriptions.Item label={t("enterprises.name")}>{e.name}</Descriptions.Item>
          <Descriptions.Item label={t("enterprises.uscc")}>
            <Typography.Text copyable={copyable} data-testid="enterprise-uscc">
              {e.uscc}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("enterprises.legalRepresentative")}>{e.legalRepresentative}</Descriptions.Item>
          <Descriptions.Item label={t("enterprises.scale")}>{t(`enterprises.scale.${e.scale}`)}</Descriptions.Item>
          <Descriptions.Item label={t("enterprises.headcount")}>{e.headcount}</Descriptions.Item>
          <Descriptions.Item label={t("enterprises.statusLabel")}>
            <EnterpriseStatusTag status={e.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t("enterprises.createdAt")}>{formatDateTime(e.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t("enterprises.updatedAt")}>{formatDateTime(e.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("enterprises.groupPlace")} size="small">
        <Descriptions {...descriptions}>
          <Descriptions.Item label={t("enterprises.regionPath")} span="filled">
            <span data-testid="enterprise-region-path">{e.regionPath ?? e.regionCode}</span>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {e.regionCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("enterprises.address")} span="filled">
            {e.address}
          </Descriptions.Item>
          <Descriptions.Item label={t("enterprises.coordinates")} span="filled">
            {e.longitude !== null && e.latitude !== null ? `${e.longitude}, ${e.latitude}` : none}
          </Descriptions.Item>
          <Descriptions.Item label={t("enterprises.industry")} span="filled">
            <span data-testid="enterprise-industry">
              {e.industryCode}
              {e.industryName ? ` ${e.industryName}` : ""}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t("enterprises.industryDepartment")} span="filled">
            <span data-testid="enterprise-department">{e.industryDepartment?.name ?? t("enterprises.departmentNone")}</span>
            {e.departmentOverrideReason && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }} data-testid="enterprise-department-override">
                {t("enterprises.departmentOverridden", { reason: e.departmentOverrideReason })}
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("enterprises.category")}>{labels.category(e.category)}</Descriptions.Item>
          <Descriptions.Item label={t("enterprises.subcategory")}>
            {e.subcategory ? labels.subcategory(e.subcategory) : none}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("enterprises.groupPeople")} size="small">
        <Descriptions {...descriptions}>
          <Descriptions.Item label={t("enterprises.principalName")}>{e.principalName}</Descriptions.Item>
          <Descriptions.Item label={t("enterprises.principalPhone")}>{e.principalPhone}</Descriptions.Item>
          <Descriptions.Item label={t("enterprises.safetyManagerName")}>{e.safetyManagerName ?? none}</Descriptions.Item>
          <Descriptions.Item label={t("enterprises.safetyManagerPhone")}>{e.safetyManagerPhone ?? none}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("enterprises.groupSafety")} size="small">
        <Descriptions {...descriptions}>
          <Descriptions.Item label={t("enterprises.hasMajorHazardSource")}>
            {e.hasMajorHazardSource ? t("common.yes") : t("common.no")}
          </Descriptions.Item>
          <Descriptions.Item label={t("enterprises.standardisationGrade")}>
            {t(`enterprises.grade.${e.standardisationGrade}`)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Flex>
  );
}
