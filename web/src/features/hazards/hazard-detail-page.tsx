import { ArrowLeftOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, Descriptions, Empty, Flex, Image, Row, Timeline, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Role } from "../../../../domain/access/roles.js";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import { criterionById, type HazardAction } from "../../../../domain/hazards/hazard.js";
import { actsForListing } from "../../../../domain/hazards/supervision.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { formatDateTime } from "../../i18n/format.js";
import { useLang, useRoleLabel, useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { HazardActionModal } from "./hazard-action-modal.js";
import { HazardDetailsModal, mayCompleteDetails } from "./hazard-details-modal.js";
import { DeadlineText, HazardLevelTag, HazardStateTag, useHazardLabel } from "./hazard-labels.js";
import { CriterionCard } from "./hazard-pickers.js";
import { HazardPlace, useSubTypeLabel } from "./hazard-place.js";
import { actionsFor } from "./hazard-rules.js";
import { type HazardDetail, hazardsApi } from "./hazards-api.js";
import { activeListing, SupervisionCard } from "./supervision-card.js";

const dangerous: readonly HazardAction[] = ["reject", "void"];

/** /hazards/:id: the record, its plan, before/after photos, the timeline, and the actions open to this user. */
export function HazardDetailPage() {
  const t = useT();
  const { id = "" } = useParams();
  const me = useCurrentUser();
  const detail = useApi((signal) => hazardsApi.get(id, signal), [id]);
  const [updated, setUpdated] = useState<HazardDetail>();
  const [action, setAction] = useState<HazardAction>();
  const [completing, setCompleting] = useState(false);
  const loaded = detail.data?.id === id ? detail.data : undefined;
  const hazard = updated && updated.id === id && updated.version >= (loaded?.version ?? 0) ? updated : loaded;
  const reload = () => {
    setUpdated(undefined);
    detail.reload();
  };
  // 挂牌督办: a listed hazard is accepted or rejected through the listing (摘牌 / reject completion) instead —
  // except the automatic listing (R12), which a regulator at its level lifts by accepting (R10).
  const listing = hazard ? activeListing(hazard) : undefined;
  const viaListing = !!hazard?.supervisionLevel && !(listing?.automatic && actsForListing(me, listing.level, hazard.regionCode));
  const actions = hazard ? actionsFor(me, hazard).filter((a) => !(viaListing && (a === "accept" || a === "reject"))) : [];
  const canComplete = !!hazard && mayCompleteDetails(me, hazard);

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="hazard-title" style={{ wordBreak: "break-word" }}>
              {hazard?.description ?? t("hazards.detail")}
            </span>
            {hazard && <HazardLevelTag level={hazard.level} />}
            {hazard && (
              <span data-testid="hazard-state">
                <HazardStateTag state={hazard.state} />
              </span>
            )}
          </Flex>
        }
        extra={
          <>
            <Link to="/hazards">
              <Button icon={<ArrowLeftOutlined />}>{t("hazards.backToList")}</Button>
            </Link>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={reload} />
            </Tooltip>
          </>
        }
      />
      <PageState loading={!hazard} error={detail.error} onRetry={detail.reload}>
        {hazard && (
          <Flex vertical gap={16}>
            <Card size="small" data-testid="hazard-actions">
              {actions.length || canComplete ? (
                <Flex wrap gap={8}>
                  {canComplete && (
                    <Button id="hazard-complete-details" onClick={() => setCompleting(true)}>
                      {t("hazardDetails.open")}
                    </Button>
                  )}
                  {actions.map((a) => (
                    <Button
                      key={a}
                      id={`hazard-${a}`}
                      type={dangerous.includes(a) ? "default" : "primary"}
                      danger={dangerous.includes(a)}
                      onClick={() => setAction(a)}
                    >
                      {t(`hazards.action.${a}` as MessageKey)}
                    </Button>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t("hazards.noActions")}</Typography.Text>
              )}
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Flex vertical gap={16}>
                  <SupervisionCard hazard={hazard} onDone={setUpdated} onStale={reload} />
                  <HazardFacts hazard={hazard} />
                  <PlanCard hazard={hazard} />
                  <PhotosCard hazard={hazard} />
                </Flex>
              </Col>
              <Col xs={24} lg={10}>
                <TimelineCard hazard={hazard} />
              </Col>
            </Row>
          </Flex>
        )}
      </PageState>
      {hazard && completing && (
        <HazardDetailsModal
          hazard={hazard}
          actor={me}
          onClose={() => setCompleting(false)}
          onDone={(next) => {
            setCompleting(false);
            setUpdated(next);
          }}
          onStale={() => {
            setCompleting(false);
            reload();
          }}
        />
      )}
      {hazard && action && (
        <HazardActionModal
          hazard={hazard}
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

function HazardFacts({ hazard }: { hazard: HazardDetail }) {
  const t = useT();
  const label = useHazardLabel();
  const roleLabel = useRoleLabel();
  const subTypeLabel = useSubTypeLabel();
  const criterion = hazard.criterionId ? criterionById(hazard.criterionId) : undefined;
  const role = Role.safeParse(hazard.foundByRole);
  return (
    <Card size="small" title={t("hazards.basics")}>
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" data-testid="hazard-facts">
        <Descriptions.Item label={t("hazards.enterprise")}>
          <Link to={`/enterprises/${hazard.enterpriseId}`}>{hazard.enterpriseName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t("hazards.location")}>{hazard.location}</Descriptions.Item>
        <Descriptions.Item label={t("hazards.source")}>
          {label("source", hazard.source)}
          {hazard.sourceRef && hazard.source !== "check_task" ? ` · ${hazard.sourceRef}` : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("hazards.category")}>
          <span data-testid="hazard-category">
            {label("category", hazard.category)}
            {hazard.subType ? ` · ${subTypeLabel(hazard.category, hazard.subType)}` : ""}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t("hazards.deadline")}>
          <DeadlineText hazard={hazard} today={shanghaiDay(new Date())} />
        </Descriptions.Item>
        <Descriptions.Item label={t("hazards.acceptor")}>
          {hazard.acceptedByRegulator ? t("hazards.acceptorRegulator") : t("hazards.acceptorEnterprise")}
        </Descriptions.Item>
        <Descriptions.Item label={t("hazards.foundBy")}>
          {hazard.foundByName}
          {role.success ? `（${roleLabel(role.data)}）` : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("hazards.reportedAt")}>{formatDateTime(hazard.reportedAt)}</Descriptions.Item>
        {hazard.closedAt && <Descriptions.Item label={t("hazards.closedAt")}>{formatDateTime(hazard.closedAt)}</Descriptions.Item>}
        {hazard.majorReason && <Descriptions.Item label={t("hazards.majorReason")}>{hazard.majorReason}</Descriptions.Item>}
        <Descriptions.Item label={t("hazardDetails.place")} span={2}>
          <HazardPlace
            enterpriseId={hazard.enterpriseId}
            latitude={hazard.latitude}
            longitude={hazard.longitude}
            planX={hazard.planX}
            planY={hazard.planY}
          />
        </Descriptions.Item>
        {hazard.rectification && (
          <Descriptions.Item label={t("hazards.rectification")} span={2}>
            {hazard.rectification}
          </Descriptions.Item>
        )}
      </Descriptions>
      {hazard.criterionId && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t("hazards.criterion")}</Typography.Text>
          {criterion ? <CriterionCard item={criterion} /> : <div>{hazard.criterionRef}</div>}
        </div>
      )}
    </Card>
  );
}

function PlanCard({ hazard }: { hazard: HazardDetail }) {
  const t = useT();
  const label = useHazardLabel();
  const plan = hazard.plan;
  if (!plan) {
    return (
      <Card size="small" title={t("hazards.plan")}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("hazards.noPlan")} />
      </Card>
    );
  }
  const rows: [MessageKey, string | null][] = [
    ["hazards.plan.measures", plan.measures],
    ["hazards.plan.responsibleName", plan.responsibleName],
    ["hazards.plan.responsiblePhone", plan.responsiblePhone],
    ["hazards.plan.funds", plan.funds],
    ["hazards.plan.deadline", plan.deadline],
    ["hazards.plan.contingency", plan.contingency],
    ["hazards.plan.goal", plan.goal],
    ["hazards.plan.materials", plan.materials],
    ["hazards.plan.organisation", plan.organisation],
    ["hazards.plan.requirements", plan.requirements],
    ["hazards.plan.suspension", plan.suspension ? label("suspension", plan.suspension) : null],
  ];
  return (
    <Card size="small" title={t("hazards.plan")}>
      <Descriptions column={1} size="small" data-testid="hazard-plan">
        {rows
          .filter(([, v]) => v !== null && v !== "")
          .map(([k, v]) => (
            <Descriptions.Item key={k} label={t(k)}>
              <span style={{ whiteSpace: "pre-wrap" }}>{v}</span>
            </Descriptions.Item>
          ))}
      </Descriptions>
    </Card>
  );
}

/** Before/after photos as thumbnails; a click opens them full size (Image preview). */
function PhotosCard({ hazard }: { hazard: HazardDetail }) {
  const t = useT();
  const groups = [
    { phase: "before" as const, title: t("hazards.photosBefore") },
    { phase: "after" as const, title: t("hazards.photosAfter") },
  ];
  return (
    <Card size="small">
      <Row gutter={[16, 16]}>
        {groups.map((g) => {
          const photos = hazard.photos.filter((p) => p.phase === g.phase);
          return (
            <Col xs={24} sm={12} key={g.phase} data-testid={`hazard-photos-${g.phase}`}>
              <Typography.Text strong>{g.title}</Typography.Text>
              <div style={{ marginTop: 8 }}>
                {photos.length ? (
                  <Image.PreviewGroup>
                    <Flex wrap gap={8}>
                      {photos.map((p, i) => (
                        <Image
                          key={p.id}
                          src={hazardsApi.photoUrl(p.id)}
                          width={88}
                          height={88}
                          style={{ objectFit: "cover", borderRadius: 4 }}
                          alt={t("hazards.photoAlt", { phase: g.title, n: i + 1 })}
                        />
                      ))}
                    </Flex>
                  </Image.PreviewGroup>
                ) : (
                  <Typography.Text type="secondary">{t("hazards.noPhotos")}</Typography.Text>
                )}
              </div>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

/** Every transition: who (and in which role), when, what, and the reason or note given. */
function TimelineCard({ hazard }: { hazard: HazardDetail }) {
  const t = useT();
  const [lang] = useLang();
  const label = useHazardLabel();
  const roleLabel = useRoleLabel();
  return (
    <Card size="small" title={t("hazards.timeline")}>
      <Timeline
        data-testid="hazard-timeline"
        items={hazard.timeline.map((e) => {
          const role = Role.safeParse(e.actorRole);
          const key = `hazards.action.${e.action}` as MessageKey;
          // Actions the UI has no name for (a later job's, say) show as stored.
          const action = (t(key) as string | undefined) ?? e.action;
          return {
            key: e.id,
            color: e.toState === "voided" || e.action === "reject" ? "red" : e.toState === "accepted" ? "green" : "blue",
            content: (
              <div data-testid={`hazard-event-${e.action}`}>
                <div>
                  <Typography.Text strong>{action}</Typography.Text> → {label("state", e.toState)}
                </div>
                <Typography.Text type="secondary">
                  {e.actorName}
                  {role.success ? `（${roleLabel(role.data)}）` : ""} · {formatDateTime(e.at)}
                </Typography.Text>
                {e.changed?.length ? (
                  <div data-testid="hazard-event-changed">
                    {t("hazardDetails.changed", {
                      fields: e.changed
                        .map((f) => (t(`hazardDetails.field.${f}` as MessageKey) as string | undefined) ?? f)
                        .join(lang === "zh-CN" ? "、" : ", "),
                    })}
                  </div>
                ) : null}
                {e.note && <div style={{ whiteSpace: "pre-wrap" }}>{e.note}</div>}
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}
