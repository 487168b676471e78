import { EditOutlined, HistoryOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { Button, Flex, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { roleHas } from "../../../../domain/access/permissions.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { periodText, useFrequencyLabel } from "./check-labels.js";
import { CheckRecordsDrawer } from "./check-records-drawer.js";
import { CheckTaskModal, EndCheckTaskModal } from "./check-task-modals.js";
import { type CheckTask, checksApi } from "./checks-api.js";

type Props = { riskPointId: string; enterpriseId: string };

/**
 * The check tasks (隐患排查任务) of one risk point: its control measures turned into recurring checks, with
 * their current occurrence and due/done/missed counts; the enterprise administrator creates, edits and ends them.
 * Mountable on any risk point page.
 */
export function CheckTasksPanel({ riskPointId, enterpriseId }: Props) {
  const t = useT();
  const me = useCurrentUser();
  const frequency = useFrequencyLabel();
  const canManage = roleHas(me.role, "checks.manage");
  const [active, setActive] = useState<"true" | "all">("true");
  const [editing, setEditing] = useState<{ task?: CheckTask }>();
  const [ending, setEnding] = useState<CheckTask>();
  const [history, setHistory] = useState<CheckTask>();
  const point = useApi((signal) => checksApi.riskPoint(riskPointId, signal), [riskPointId]);
  const list = useApi(
    (signal) => checksApi.tasks(enterpriseId, { riskPoint: riskPointId, active, page: 1, pageSize: 100 }, signal),
    [enterpriseId, riskPointId, active],
  );

  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Flex vertical gap={12} data-testid="check-tasks-panel">
      <Flex justify="space-between" wrap gap={8}>
        <Segmented
          value={active}
          onChange={(v) => setActive(v as "true" | "all")}
          options={[
            { value: "true", label: t("checks.activeTasks") },
            { value: "all", label: t("checks.allTasks") },
          ]}
        />
        {canManage && (
          <Button id="check-task-create" type="primary" icon={<PlusOutlined />} disabled={!point.data} onClick={() => setEditing({})}>
            {t("checks.createTask")}
          </Button>
        )}
      </Flex>
      <Table<CheckTask>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("checks.noTasks") }}
        columns={[
          {
            title: t("checks.content"),
            dataIndex: "content",
            render: (c: string, task) => (
              <Flex vertical>
                <span>{c}</span>
                {task.measureText && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("checks.fromMeasure", { measure: task.measureText })}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          { title: t("checks.frequency"), dataIndex: "frequency", render: (f: CheckTask["frequency"]) => frequency(f) },
          { title: t("checks.assignee"), key: "assignee", render: (_: unknown, task) => task.assigneeName ?? task.assigneePost ?? "—" },
          {
            title: t("checks.current"),
            key: "current",
            render: (_: unknown, task) =>
              task.endedOn ? (
                <Tag>{t("checks.endedOn", { date: task.endedOn })}</Tag>
              ) : (
                <Space size={4}>
                  {periodText(task.current)}
                  {task.current &&
                    (task.currentDone ? (
                      <Tag color="success">{t("checks.doneThisPeriod")}</Tag>
                    ) : (
                      <Tag color="processing">{t("checks.toDo")}</Tag>
                    ))}
                </Space>
              ),
          },
          {
            title: t("checks.countsShort"),
            key: "counts",
            render: (_: unknown, task) => t("checks.counts", { due: task.due, done: task.done, missed: task.missed }),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, task) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setHistory(task)}>
                  {t("checks.records")}
                </Button>
                {canManage && !task.endedOn && (
                  <>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ task })} disabled={!point.data}>
                      {t("common.edit")}
                    </Button>
                    <Button type="link" size="small" danger icon={<StopOutlined />} onClick={() => setEnding(task)}>
                      {t("checks.end")}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {point.data && (
        <CheckTaskModal
          point={point.data}
          task={editing?.task}
          open={!!editing}
          onClose={() => {
            setEditing(undefined);
            list.reload();
          }}
          onSaved={() => {
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
      <EndCheckTaskModal
        task={ending}
        onClose={() => {
          setEnding(undefined);
          list.reload();
        }}
        onEnded={() => {
          setEnding(undefined);
          list.reload();
        }}
      />
      <CheckRecordsDrawer task={history} onClose={() => setHistory(undefined)} />
    </Flex>
  );
}
