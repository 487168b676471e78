import { Drawer, Image, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { CheckResultTag } from "./check-labels.js";
import { type CheckRecord, type CheckTask, checksApi } from "./checks-api.js";

/** A task's records, newest period first, with photo thumbnails (click to enlarge). */
export function CheckRecordsDrawer({ task, onClose }: { task?: CheckTask; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer
      open={!!task}
      onClose={onClose}
      size="large"
      title={task ? t("checks.recordsTitle", { content: task.content }) : ""}
      destroyOnHidden
    >
      {task && <RecordsTable taskId={task.id} />}
    </Drawer>
  );
}

export function RecordsTable({ taskId }: { taskId: string }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useApi((signal) => checksApi.records(taskId, { page, pageSize: 20 }, signal), [taskId, page]);
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Table<CheckRecord>
      rowKey="id"
      size="small"
      loading={list.loading}
      dataSource={list.data?.items}
      data-testid="check-records"
      locale={{ emptyText: t("checks.noRecords") }}
      scroll={{ x: "max-content" }}
      pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, hideOnSinglePage: true, onChange: setPage }}
      columns={[
        {
          title: t("checks.period"),
          key: "period",
          render: (_: unknown, r) => (r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart} ~ ${r.periodEnd}`),
        },
        { title: t("checks.result"), dataIndex: "result", render: (r: CheckRecord["result"]) => <CheckResultTag result={r} /> },
        { title: t("checks.remark"), dataIndex: "remark", render: (r: string | null) => r ?? "—" },
        {
          title: t("checks.photo"),
          key: "photo",
          render: (_: unknown, r) =>
            r.hasPhoto ? (
              <Image
                src={checksApi.photoUrl(r.id)}
                width={64}
                height={64}
                style={{ objectFit: "cover" }}
                alt={t("checks.photoAlt", { period: r.periodKey })}
              />
            ) : (
              "—"
            ),
        },
        { title: t("checks.doneBy"), dataIndex: "doneByName" },
        { title: t("checks.doneAt"), dataIndex: "doneAt", render: (d: string) => formatDateTime(d) },
        {
          title: t("checks.hazard"),
          dataIndex: "hazardRef",
          render: (h: string | null, r) =>
            r.result === "fail" ? (
              h ? (
                // hazardRef: the hazard the failed check raised in the register (hazards module).
                <Link to={`/hazards/${h}`} data-testid="check-hazard-link">
                  {t("hazards.checkHazard")}
                </Link>
              ) : (
                <Typography.Text type="secondary">{t("checks.hazardPending")}</Typography.Text>
              )
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}
