import { EditOutlined, PlayCircleOutlined, PlusOutlined, ReloadOutlined, StopOutlined } from "@ant-design/icons";
import { App, Button, Flex, Popover, Segmented, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import type { OccurrenceState } from "../../../../domain/inspections/self.js";
import { toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { periodText, useFrequencyLabel } from "../checks/check-labels.js";
import { type SelfSchedule, selfInspectionsApi } from "./self-inspections-api.js";
import { EndSelfScheduleModal, SelfScheduleModal } from "./self-schedule-modals.js";

const stateColor: Record<OccurrenceState, string> = { todo: "default", in_progress: "processing", done: "success" };

/**
 * /self-inspections (issue 7 §6): the enterprise's self-inspection schedules with this period's state, due / done /
 * missed and the latest missed periods. Its administrator adds, edits and ends them; whoever does a schedule starts
 * (or continues) this period's inspection on the field page.
 */
export function SelfSchedulesPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const frequency = useFrequencyLabel();
  const canManage = roleHas(me.role, "self_inspections.manage");
  const [active, setActive] = useState<"true" | "all">("true");
  const [editing, setEditing] = useState<{ schedule?: SelfSchedule }>();
  const [ending, setEnding] = useState<SelfSchedule>();
  const [starting, setStarting] = useState<string>();
  const list = useApi((signal) => selfInspectionsApi.list({ active, page: 1, pageSize: 100 }, signal), [active]);

  // The administrator may do any; a person only their own, a post's anyone (the server decides again).
  const mayStart = (s: SelfSchedule) =>
    roleHas(me.role, "self_inspections.start") && (me.role === "enterprise_admin" || !s.assigneeUserId || s.assigneeUserId === me.id);

  const start = async (s: SelfSchedule) => {
    setStarting(s.id);
    try {
      const started = await selfInspectionsApi.start(s.id);
      navigate(`/inspections/${started.inspectionId}/field`);
    } catch (err) {
      message.error(toApiError(err).message);
      setStarting(undefined);
      list.reload();
    }
  };

  return (
    <>
      <PageHeader
        title={t("selfInspections.title")}
        extra={
          <>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={list.reload} />
            </Tooltip>
            {canManage && (
              <Button id="self-schedule-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                {t("selfInspections.create")}
              </Button>
            )}
          </>
        }
      />
      <Typography.Paragraph type="secondary">{t("selfInspections.hint")}</Typography.Paragraph>
      <Segmented
        style={{ marginBottom: 12 }}
        value={active}
        onChange={(v) => setActive(v as "true" | "all")}
        options={[
          { value: "true", label: t("selfInspections.activeOnly") },
          { value: "all", label: t("selfInspections.all") },
        ]}
      />
      <PageState loading={list.loading && !list.data} error={list.error} onRetry={list.reload}>
        <Table<SelfSchedule>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items}
          pagination={false}
          scroll={{ x: "max-content" }}
          data-testid="self-schedules"
          locale={{ emptyText: t("selfInspections.empty") }}
          columns={[
            {
              title: t("selfInspections.titleField"),
              key: "title",
              render: (_: unknown, s) => (
                <Flex vertical>
                  <Typography.Text strong>{s.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.checklistName
                      ? `${s.checklistName}（${t("selfInspections.checklistVersion", { version: s.checklistVersion ?? 0 })}）`
                      : t("selfInspections.unavailable")}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t("selfInspections.frequency"), dataIndex: "frequency", render: frequency },
            {
              title: t("selfInspections.assignee"),
              key: "assignee",
              render: (_: unknown, s) => s.assigneeName ?? s.assigneePost ?? "—",
            },
            {
              title: t("selfInspections.current"),
              key: "current",
              render: (_: unknown, s) =>
                s.current ? (
                  <Space size={4} wrap>
                    <span>{periodText(s.current)}</span>
                    <Tag color={stateColor[s.current.state]} data-testid={`self-state-${s.id}`}>
                      {t(`selfInspections.state.${s.current.state}` as MessageKey)}
                    </Tag>
                  </Space>
                ) : (
                  <Tag>{s.endedOn ? t("selfInspections.ended") : t("selfInspections.notRunning")}</Tag>
                ),
            },
            { title: t("selfInspections.due"), dataIndex: "due", align: "right" },
            { title: t("selfInspections.done"), dataIndex: "done", align: "right" },
            {
              title: t("selfInspections.missed"),
              key: "missed",
              align: "right",
              render: (_: unknown, s) => <MissedCount schedule={s} />,
            },
            {
              title: t("selfInspections.actions"),
              key: "actions",
              render: (_: unknown, s) => (
                <Space size={4} wrap>
                  {s.current?.state === "done" && s.current.inspectionId && (
                    <Button size="small" onClick={() => navigate(`/inspections/${s.current?.inspectionId}`)}>
                      {t("selfInspections.view")}
                    </Button>
                  )}
                  {s.current && s.current.state !== "done" && mayStart(s) && (
                    <Button
                      size="small"
                      type="primary"
                      icon={<PlayCircleOutlined />}
                      loading={starting === s.id}
                      data-testid={`self-start-${s.id}`}
                      onClick={() => start(s)}
                    >
                      {s.current.state === "in_progress" ? t("selfInspections.continue") : t("selfInspections.start")}
                    </Button>
                  )}
                  {canManage && !s.endedOn && (
                    <>
                      <Tooltip title={t("selfInspections.edit")}>
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          aria-label={t("selfInspections.edit")}
                          onClick={() => setEditing({ schedule: s })}
                        />
                      </Tooltip>
                      <Tooltip title={t("selfInspections.end")}>
                        <Button
                          size="small"
                          danger
                          icon={<StopOutlined />}
                          aria-label={t("selfInspections.end")}
                          onClick={() => setEnding(s)}
                        />
                      </Tooltip>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </PageState>
      <SelfScheduleModal
        open={!!editing}
        schedule={editing?.schedule}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          list.reload();
        }}
      />
      <EndSelfScheduleModal
        schedule={ending}
        onClose={() => setEnding(undefined)}
        onEnded={() => {
          setEnding(undefined);
          list.reload();
        }}
      />
    </>
  );
}

/** The missed count, with the latest missed periods on hover (and the inspection begun too late, if any). */
function MissedCount({ schedule }: { schedule: SelfSchedule }) {
  const t = useT();
  const navigate = useNavigate();
  if (schedule.missed === 0) return <span>0</span>;
  return (
    <Popover
      title={t("selfInspections.missedRecent")}
      content={
        <Flex vertical gap={4}>
          {schedule.missedRecent.map((m) =>
            m.inspectionId ? (
              <Tooltip key={m.key} title={t("selfInspections.missedLate")}>
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0, height: "auto" }}
                  onClick={() => navigate(`/inspections/${m.inspectionId}`)}
                >
                  {periodText(m)}
                </Button>
              </Tooltip>
            ) : (
              <span key={m.key}>{periodText(m)}</span>
            ),
          )}
        </Flex>
      }
    >
      <Typography.Text type="danger" style={{ cursor: "help" }}>
        {schedule.missed}
      </Typography.Text>
    </Popover>
  );
}
