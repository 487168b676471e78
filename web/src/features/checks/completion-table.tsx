import { Progress, Table, Typography } from "antd";
import type { CheckCompletion } from "../../../../domain/checks/check.dto.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { useT } from "../../i18n/i18n-context.js";
import { rateText } from "./check-labels.js";
import { checksApi } from "./checks-api.js";

type Row = CheckCompletion["byAssignee"][number];

/** Check-task completion over closed occurrences (missed = due − done), per person or post and in total. */
export function CompletionTable({ enterpriseId }: { enterpriseId: string }) {
  const t = useT();
  const data = useApi((signal) => checksApi.completion(enterpriseId, signal), [enterpriseId]);
  if (data.error) return <ErrorResult error={data.error} onRetry={data.reload} />;
  const c = data.data;
  return (
    <>
      {c && <Typography.Paragraph type="secondary">{t("checks.completionAsOf", { date: c.asOf })}</Typography.Paragraph>}
      <Table<Row>
        rowKey="key"
        size="small"
        loading={data.loading}
        pagination={false}
        dataSource={c?.byAssignee}
        data-testid="check-completion"
        locale={{ emptyText: t("checks.noCompletion") }}
        columns={[
          { title: t("checks.assignee"), dataIndex: "name", render: (n: string) => n || "—" },
          { title: t("checks.due"), dataIndex: "due", align: "right" },
          { title: t("checks.done"), dataIndex: "done", align: "right" },
          {
            title: t("checks.missed"),
            dataIndex: "missed",
            align: "right",
            render: (m: number, r) => <span data-testid={`missed-${r.key}`}>{m}</span>,
          },
          {
            title: t("checks.rate"),
            dataIndex: "rate",
            render: (rate: number | null) =>
              rate === null ? "—" : <Progress percent={Math.round(rate * 1000) / 10} size="small" style={{ minWidth: 120 }} />,
          },
        ]}
        summary={() =>
          c ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t("checks.enterpriseTotal")}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {c.total.due}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {c.total.done}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <span data-testid="missed-total">{c.total.missed}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4}>
                <span data-testid="rate-total">{rateText(c.total.rate)}</span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
