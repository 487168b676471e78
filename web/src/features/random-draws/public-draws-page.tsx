import { Space, Table, Tag } from "antd";
import { Link } from "react-router";
import { ErrorResult } from "../../components/error-result.js";
import { PublicFrame } from "../../components/public-frame.js";
import { usePublicPagedList } from "../../components/public-paged-list.js";
import { useT } from "../../i18n/i18n-context.js";
import { type PublicRandomDrawListItem, randomDrawsApi } from "./random-draws-api.js";

const mono = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" };

/**
 * /public/random-draws — the public index of 双随机 draws (R7), no sign-in: every executed draw whose record is
 * revealed, newest first, each linking to its record where the browser re-runs it.
 */
export function PublicDrawsPage() {
  const t = useT();
  const { list, pagination } = usePublicPagedList({ load: (query, signal) => randomDrawsApi.publicList(query, signal) });

  return (
    <PublicFrame title={t("publicDraws.title")} intro={t("publicDraws.intro")} width={1100}>
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <Table<PublicRandomDrawListItem>
          data-testid="public-draws"
          size="small"
          rowKey="id"
          loading={list.loading}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("publicDraws.empty") }}
          dataSource={list.data?.items ?? []}
          pagination={pagination}
          columns={[
            {
              title: t("randomDraws.planTitle"),
              dataIndex: "title",
              render: (title: string, d) => (
                <Space wrap size={4}>
                  <Link to={`/public/random-draws/${d.id}`}>{title}</Link>
                  {d.unannounced && <Tag color="purple">{t("randomDraws.unannounced")}</Tag>}
                </Space>
              ),
            },
            { title: t("randomDraws.planCode"), dataIndex: "planCode", render: (c: string) => <span style={mono}>{c}</span> },
            { title: t("randomDraws.region"), dataIndex: "regionName", render: (n: string | null, d) => n ?? d.regionCode },
            { title: t("publicDraws.executedOn"), dataIndex: "executedOn" },
            {
              title: t("randomDraws.drawn"),
              key: "k",
              align: "right",
              render: (_, d) => t("publicDraws.drawn", { k: d.k, n: d.objectsCount }),
            },
            {
              title: t("common.actions"),
              key: "open",
              render: (_, d) => <Link to={`/public/random-draws/${d.id}`}>{t("publicDraws.open")}</Link>,
            },
          ]}
        />
      )}
    </PublicFrame>
  );
}
