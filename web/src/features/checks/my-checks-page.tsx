import { CheckOutlined, CloseOutlined, HistoryOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, Empty, Flex, Row, Segmented, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { periodText, useFrequencyLabel } from "./check-labels.js";
import { CheckRecordsDrawer } from "./check-records-drawer.js";
import { type CheckTask, checksApi } from "./checks-api.js";
import { RecordCheckModal } from "./record-check-modal.js";

/**
 * 我的排查: the signed-in enterprise user's check tasks whose current occurrence is still to do (today's
 * daily checks, this week's weekly ones…), each done with pass or fail; or all their tasks with counts.
 */
export function MyChecksPage() {
  const t = useT();
  const user = useCurrentUser();
  const frequency = useFrequencyLabel();
  const [view, setView] = useState<"open" | "all">("open");
  const [recording, setRecording] = useState<{ task: CheckTask; result: "pass" | "fail" }>();
  const [history, setHistory] = useState<CheckTask>();
  const enterpriseId = user.enterpriseId ?? "";
  const list = useApi(
    (signal) =>
      checksApi.tasks(enterpriseId, { assignee: "me", open: view === "open" ? "true" : undefined, page: 1, pageSize: 100 }, signal),
    [enterpriseId, view],
  );
  const tasks = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t("checks.myTitle")}
        extra={
          <>
            <Segmented
              value={view}
              onChange={(v) => setView(v as "open" | "all")}
              options={[
                { value: "open", label: t("checks.viewOpen") },
                { value: "all", label: t("checks.viewAll") },
              ]}
            />
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={list.reload} />
            </Tooltip>
          </>
        }
      />
      <PageState loading={list.loading && !list.data} error={list.error} onRetry={list.reload}>
        {tasks.length === 0 ? (
          <Empty description={view === "open" ? t("checks.myEmptyOpen") : t("checks.myEmptyAll")} data-testid="my-checks-empty" />
        ) : (
          <Row gutter={[16, 16]} data-testid="my-checks">
            {tasks.map((task) => (
              <Col key={task.id} xs={24} md={12} xl={8}>
                <Card
                  size="small"
                  data-testid={`my-check-${task.id}`}
                  title={task.content}
                  extra={<Tag>{frequency(task.frequency)}</Tag>}
                  actions={[
                    ...(task.current && !task.currentDone
                      ? [
                          <Button
                            key="pass"
                            type="link"
                            icon={<CheckOutlined />}
                            onClick={() => setRecording({ task, result: "pass" })}
                            data-testid="check-pass"
                          >
                            {t("checks.pass")}
                          </Button>,
                          <Button
                            key="fail"
                            type="link"
                            danger
                            icon={<CloseOutlined />}
                            onClick={() => setRecording({ task, result: "fail" })}
                            data-testid="check-fail"
                          >
                            {t("checks.fail")}
                          </Button>,
                        ]
                      : []),
                    <Button key="history" type="link" icon={<HistoryOutlined />} onClick={() => setHistory(task)}>
                      {t("checks.records")}
                    </Button>,
                  ]}
                >
                  <Flex vertical gap={4}>
                    <Typography.Text>
                      <Typography.Text type="secondary">{t("checks.riskPoint")}：</Typography.Text>
                      {task.riskPointName}
                    </Typography.Text>
                    {task.measureText && (
                      <Typography.Text>
                        <Typography.Text type="secondary">{t("checks.measure")}：</Typography.Text>
                        {task.measureText}
                      </Typography.Text>
                    )}
                    {task.method && (
                      <Typography.Text>
                        <Typography.Text type="secondary">{t("checks.method")}：</Typography.Text>
                        {task.method}
                      </Typography.Text>
                    )}
                    <Typography.Text>
                      <Typography.Text type="secondary">{t("checks.period")}：</Typography.Text>
                      {periodText(task.current)}{" "}
                      {task.current &&
                        (task.currentDone ? (
                          <Tag color="success">{t("checks.doneThisPeriod")}</Tag>
                        ) : (
                          <Tag color="processing">{t("checks.toDo")}</Tag>
                        ))}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {t("checks.counts", { due: task.due, done: task.done, missed: task.missed })}
                    </Typography.Text>
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </PageState>
      <RecordCheckModal
        task={recording?.task}
        initialResult={recording?.result ?? "pass"}
        onClose={() => setRecording(undefined)}
        onDone={() => {
          setRecording(undefined);
          list.reload();
        }}
      />
      <CheckRecordsDrawer task={history} onClose={() => setHistory(undefined)} />
    </>
  );
}
