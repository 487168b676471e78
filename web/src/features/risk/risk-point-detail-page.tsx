import {
  ArrowLeftOutlined,
  EditOutlined,
  ExperimentOutlined,
  FilePdfOutlined,
  ReloadOutlined,
  ScheduleOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { measureTypeLabels } from "../../../../domain/risk/accident-types.js";
import { controlLayerLabels, controlLayers, directJudgmentLabels } from "../../../../domain/risk/levels.js";
import { type ReassessmentTrigger, reassessmentTriggerLabels, reassessmentTriggers } from "../../../../domain/risk/review.js";
import { type PendingTrigger, riskPointKindLabels } from "../../../../domain/risk/risk.dto.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { type Assessment, type AuditEntry, type RiskPoint, riskApi } from "./risk-api.js";
import { RiskLevelTag, useAccidentTypeLabel, useLabel } from "./risk-labels.js";

/** /risk-points/:id: the point, its events and measures, its latest assessment, its assessments and changes. */
export function RiskPointDetailPage() {
  const t = useT();
  const { id = "" } = useParams();
  const me = useCurrentUser();
  const canManage = roleHas(me.role, "risk.manage");
  // 隐患排查任务 of the point's control measures live in the checks feature.
  const canReadChecks = roleHas(me.role, "checks.read");
  const detail = useApi((signal) => riskApi.get(id, signal), [id]);
  const [updated, setUpdated] = useState<RiskPoint>();
  const [triggering, setTriggering] = useState(false);
  const loaded = detail.data?.id === id ? detail.data : undefined;
  const point = updated && updated.id === id && updated.version >= (loaded?.version ?? 0) ? updated : loaded;
  const reload = () => {
    setUpdated(undefined);
    detail.reload();
  };

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12} wrap>
            <span data-testid="risk-point-name">{point?.name ?? t("risk.pointDetail")}</span>
            {point && (
              <span data-testid="risk-point-level">
                <RiskLevelTag level={point.level} unassessedText={t("risk.notAssessed")} />
              </span>
            )}
          </Flex>
        }
        extra={
          point && (
            <>
              <Link to={`/enterprises/${point.enterpriseId}/risk`}>
                <Button icon={<ArrowLeftOutlined />}>{t("risk.backToRegister")}</Button>
              </Link>
              <Tooltip title={t("common.refresh")}>
                <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={reload} />
              </Tooltip>
              {canReadChecks && (
                <Link to={`/risk-points/${point.id}/checks`}>
                  <Button id="risk-point-checks" icon={<ScheduleOutlined />}>
                    {t("risk.checkTasks")}
                  </Button>
                </Link>
              )}
              <a href={riskApi.noticeCardUrl(point.id)} target="_blank" rel="noreferrer" id="risk-notice-card">
                <Button icon={<FilePdfOutlined />}>{t("risk.noticeCard")}</Button>
              </a>
              {canManage && (
                <>
                  <Button id="risk-point-trigger" icon={<WarningOutlined />} onClick={() => setTriggering(true)}>
                    {t("risk.recordTrigger")}
                  </Button>
                  <Link to={`/risk-points/${point.id}/edit`}>
                    <Button id="risk-point-edit" icon={<EditOutlined />}>
                      {t("common.edit")}
                    </Button>
                  </Link>
                  <Link to={`/risk-points/${point.id}/assess`}>
                    <Button id="risk-point-assess" type="primary" icon={<ExperimentOutlined />}>
                      {point.level ? t("risk.reassess") : t("risk.assess")}
                    </Button>
                  </Link>
                </>
              )}
            </>
          )
        }
      />
      <PageState loading={!point} error={detail.error} onRetry={detail.reload}>
        {point && (
          <Flex vertical gap={16}>
            {point.reviewDue && (
              <Alert
                type="warning"
                showIcon
                data-testid="risk-point-due"
                title={point.level ? t("risk.dueAlert", { date: point.nextReviewDate }) : t("risk.firstAssessmentDue")}
                description={point.pendingTrigger ? <TriggerText trigger={point.pendingTrigger} /> : undefined}
              />
            )}
            <PointOverview point={point} />
            <Tabs
              items={[
                { key: "events", label: t("risk.tabEvents"), children: <EventsTable point={point} /> },
                {
                  key: "assessments",
                  label: <span id="risk-assessments-tab">{t("risk.tabAssessments")}</span>,
                  children: <AssessmentsTable key={point.version} pointId={point.id} />,
                },
                {
                  key: "history",
                  label: t("risk.tabHistory"),
                  children: <PointHistory key={point.version} pointId={point.id} />,
                },
              ]}
            />
          </Flex>
        )}
      </PageState>
      {point && (
        <TriggerModal
          point={point}
          open={triggering}
          onClose={() => setTriggering(false)}
          onDone={(next) => {
            setTriggering(false);
            setUpdated(next);
          }}
          onStale={() => {
            setTriggering(false);
            reload();
          }}
        />
      )}
    </>
  );
}

function TriggerText({ trigger }: { trigger: PendingTrigger }) {
  const t = useT();
  const label = useLabel();
  return (
    <span>
      {t("risk.pendingTrigger", {
        trigger: label(reassessmentTriggerLabels[trigger.trigger]),
        on: trigger.recordedOn,
        by: trigger.recordedBy,
      })}
      {trigger.note ? ` — ${trigger.note}` : ""}
    </span>
  );
}

function PointOverview({ point: p }: { point: RiskPoint }) {
  const t = useT();
  const label = useLabel();
  const none = t("common.none");
  const latest = useApi((signal) => riskApi.assessments(p.id, { page: 1, pageSize: 1 }, signal), [p.id, p.assessmentId]);
  const a = latest.data?.items[0];
  const descriptions = { column: { xs: 1, sm: 1, md: 2 }, size: "small", bordered: true, styles: { label: { width: 150 } } } as const;

  return (
    <Flex vertical gap={16}>
      <Card title={t("risk.groupBasic")} size="small">
        <Descriptions {...descriptions}>
          <Descriptions.Item label={t("risk.kind")}>{label(riskPointKindLabels[p.kind])}</Descriptions.Item>
          <Descriptions.Item label={t("risk.location")}>{p.location ?? none}</Descriptions.Item>
          <Descriptions.Item label={t("risk.level")}>
            <RiskLevelTag level={p.level} unassessedText={t("risk.notAssessed")} />
          </Descriptions.Item>
          <Descriptions.Item label={t("risk.controlLayer")}>
            {p.controlLayer ? label(controlLayerLabels[p.controlLayer]) : none}
            {p.overseenBy.length > 0 && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {t("risk.overseenBy", { layers: p.overseenBy.map((l) => label(controlLayerLabels[l])).join("、") })}
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("risk.responsible")}>
            {p.controlledBy ? `${p.controlledBy.name} ${p.controlledBy.phone}` : none}
          </Descriptions.Item>
          <Descriptions.Item label={t("risk.nextReview")}>
            <span data-testid="risk-point-next-review">{p.nextReviewDate}</span>
            {p.reviewDue && (
              <Tag color="error" style={{ marginInlineStart: 8 }}>
                {p.level ? t("risk.overdue") : t("risk.dueFirst")}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("risk.majorHazardSource")}>
            {p.majorHazardSource ? t("common.yes") : t("common.no")}
          </Descriptions.Item>
          <Descriptions.Item label={t("risk.planPosition")}>{p.position ? t("risk.placedYes") : t("risk.placedNo")}</Descriptions.Item>
          <Descriptions.Item label={t("risk.notes")} span="filled">
            {p.notes ?? none}
          </Descriptions.Item>
          {controlLayers.map((layer) => {
            const person = p.responsible[layer];
            return (
              <Descriptions.Item key={layer} label={t("risk.layerPerson", { layer: label(controlLayerLabels[layer]) })}>
                {person ? `${person.name} ${person.phone}` : none}
              </Descriptions.Item>
            );
          })}
        </Descriptions>
      </Card>
      <Card title={t("risk.latestAssessment")} size="small" data-testid="risk-latest-assessment">
        {latest.error ? (
          <Alert type="error" showIcon title={latest.error.message} />
        ) : !a ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("risk.noAssessment")} />
        ) : (
          <Descriptions {...descriptions}>
            <Descriptions.Item label={t("risk.policy")}>
              {a.method} · {a.policyId} v{a.policyVersion}
            </Descriptions.Item>
            <Descriptions.Item label={t("risk.factors")}>{factorText(a)}</Descriptions.Item>
            <Descriptions.Item label={t("risk.score")}>
              <span data-testid="risk-latest-score">{a.scoreText}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("risk.band")}>{label(a.bandName)}</Descriptions.Item>
            <Descriptions.Item label={t("risk.level")}>
              <RiskLevelTag level={a.level} />
              {a.overrideLevel && (
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {t("risk.scoredAs", { level: t(`risk.levelShort.${a.scoredLevel}`) })}
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t("risk.assessor")}>
              {a.assessorName} · {a.assessedOn}
            </Descriptions.Item>
            {a.directJudgment && (
              <Descriptions.Item label={t("risk.directJudgment")} span="filled">
                {a.directJudgment.criteria.map((c) => label(directJudgmentLabels[c])).join("；")} — {a.directJudgment.reason}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Card>
    </Flex>
  );
}

const factorText = (a: Assessment) =>
  Object.entries(a.factors)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

function EventsTable({ point }: { point: RiskPoint }) {
  const t = useT();
  const label = useLabel();
  const accidentLabel = useAccidentTypeLabel();
  if (point.events.length === 0) return <Empty description={t("risk.noEvents")} />;
  return (
    <Flex vertical gap={12} data-testid="risk-events">
      {point.events.map((e, i) => (
        <Card key={e.id} size="small" type="inner" title={`${t("risk.eventN", { n: i + 1 })} · ${accidentLabel(e.accidentType)}`}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t("risk.eventDescription")}>{e.description}</Descriptions.Item>
            <Descriptions.Item label={t("risk.consequence")}>{e.consequence}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={e.measures}
            locale={{ emptyText: t("risk.noMeasures") }}
            columns={[
              {
                title: t("risk.measureType"),
                dataIndex: "type",
                width: 140,
                render: (v: keyof typeof measureTypeLabels) => label(measureTypeLabels[v]),
              },
              { title: t("risk.measureDescription"), dataIndex: "description" },
              {
                title: t("risk.measureLayer"),
                dataIndex: "layer",
                width: 160,
                render: (v: keyof typeof controlLayerLabels) => label(controlLayerLabels[v]),
              },
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}

/** Every assessment, newest first: the policy version, inputs and outputs it was made with (R7). */
function AssessmentsTable({ pointId }: { pointId: string }) {
  const t = useT();
  const label = useLabel();
  const paged = usePagedList<Record<string, never>, Assessment>((q, signal) => riskApi.assessments(pointId, q, signal), {});
  return (
    <PagedTable<Record<string, never>, Assessment>
      paged={paged}
      rowKey="id"
      size="small"
      emptyText={t("risk.noAssessment")}
      data-testid="risk-assessments"
      columns={[
        { title: t("risk.assessedOn"), dataIndex: "assessedOn" },
        { title: t("risk.policy"), key: "policy", render: (_: unknown, a) => `${a.method} · ${a.policyId} v${a.policyVersion}` },
        { title: t("risk.factors"), key: "factors", render: (_: unknown, a) => factorText(a) },
        { title: t("risk.score"), dataIndex: "scoreText", align: "right" },
        { title: t("risk.band"), key: "band", render: (_: unknown, a) => label(a.bandName) },
        {
          title: t("risk.level"),
          key: "level",
          render: (_: unknown, a) => (
            <Flex gap={4} align="center">
              <RiskLevelTag level={a.level} />
              {a.overrideLevel && <Tag>{t("risk.directJudgmentShort")}</Tag>}
            </Flex>
          ),
        },
        { title: t("risk.assessor"), dataIndex: "assessorName" },
        {
          title: t("risk.trigger"),
          key: "trigger",
          render: (_: unknown, a) => (a.trigger ? label(reassessmentTriggerLabels[a.trigger.trigger]) : t("common.none")),
        },
        { title: t("risk.nextReview"), dataIndex: "nextReviewDate" },
      ]}
    />
  );
}

const actionKeys: Record<string, MessageKey> = {
  "risk_point.created": "risk.action.created",
  "risk_point.updated": "risk.action.updated",
  "risk_point.assessed": "risk.action.assessed",
  "risk_point.reassessment_triggered": "risk.action.triggered",
};

const changedFields = (diff: unknown): string[] => {
  if (typeof diff !== "object" || diff === null) return [];
  const d = diff as { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };
  const keys = new Set([...Object.keys(d.before ?? {}), ...Object.keys(d.after ?? {})]);
  return [...keys].filter((k) => !["id", "version", "createdAt", "updatedAt"].includes(k));
};

/** The point's recorded changes (the audit trail), newest first. */
function PointHistory({ pointId }: { pointId: string }) {
  const t = useT();
  const paged = usePagedList<Record<string, never>, AuditEntry>((q, signal) => riskApi.history(pointId, q, signal), {});
  return (
    <PagedTable<Record<string, never>, AuditEntry>
      paged={paged}
      rowKey="id"
      size="small"
      emptyText={t("risk.noHistory")}
      columns={[
        { title: t("risk.historyAt"), dataIndex: "at", render: (v: string) => formatDateTime(v) },
        { title: t("risk.historyActor"), dataIndex: "actorName", render: (v: string | null) => v ?? t("common.none") },
        {
          title: t("risk.historyAction"),
          dataIndex: "action",
          render: (v: string) => (actionKeys[v] ? t(actionKeys[v]) : v),
        },
        { title: t("risk.historyFields"), key: "fields", render: (_: unknown, e) => changedFields(e.diff).join(", ") || t("common.none") },
      ]}
    />
  );
}

type TriggerValues = { trigger?: ReassessmentTrigger; note?: string };

/** Records an R11 event (a change or an accident at the point): the point is due for re-assessment today. */
function TriggerModal({
  point,
  open,
  onClose,
  onDone,
  onStale,
}: {
  point: RiskPoint;
  open: boolean;
  onClose: () => void;
  onDone: (next: RiskPoint) => void;
  onStale: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<TriggerValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (v: TriggerValues) => {
    setSaving(true);
    setError(undefined);
    try {
      const next = await riskApi.recordTrigger(point.id, {
        version: point.version,
        trigger: v.trigger as ReassessmentTrigger,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      message.success(t("risk.triggerRecorded"));
      form.resetFields();
      onDone(next);
    } catch (err) {
      handleSaveError(err, {
        form,
        fieldNames: ["trigger", "note"],
        notify: (m) => message.warning(m),
        onStale,
        onOther: (e) => setError(toApiError(e)),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("risk.recordTrigger")}
      okText={t("risk.triggerSubmit")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("risk.triggerHelp")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Form<TriggerValues> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="trigger" label={t("risk.trigger")} rules={[{ required: true, message: t("risk.triggerRequired") }]}>
          <Select options={reassessmentTriggers.map((r) => ({ value: r, label: label(reassessmentTriggerLabels[r]) }))} />
        </Form.Item>
        <Form.Item name="note" label={t("risk.triggerNote")} rules={[{ max: 500, message: t("risk.tooLong", { max: 500 }) }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
