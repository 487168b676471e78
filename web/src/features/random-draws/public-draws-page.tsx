import { SafetyCertificateFilled } from "@ant-design/icons";
import { Flex, Space, Table, Tag, Typography, theme } from "antd";
import { Link, useSearchParams } from "react-router";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { useT } from "../../i18n/i18n-context.js";
import { LanguageSwitch } from "../../i18n/language-switch.js";
import { type PublicRandomDrawListItem, randomDrawsApi } from "./random-draws-api.js";

const pageSize = 20;
const mono = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" };

/**
 * /public/random-draws — the public index of 双随机 draws (R7), no sign-in: every executed draw whose record is
 * revealed, newest first, each linking to its record where the browser re-runs it.
 */
export function PublicDrawsPage() {
  const t = useT();
  const { token } = theme.useToken();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const list = useApi((signal) => randomDrawsApi.publicList({ page, pageSize }, signal), [page]);

  return (
    <Flex vertical style={{ minHeight: "100vh", background: token.colorBgLayout }}>
      <Flex
        justify="space-between"
        align="center"
        wrap
        gap={8}
        style={{ padding: "12px 16px", background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}
      >
        <Space>
          <SafetyCertificateFilled style={{ fontSize: 22, color: token.colorError }} aria-hidden />
          <Typography.Text strong>{t("app.name")}</Typography.Text>
        </Space>
        <Space wrap>
          <LanguageSwitch />
          <Link to="/login">{t("publicExposure.signIn")}</Link>
        </Space>
      </Flex>
      <main style={{ width: "100%", maxWidth: 1100, margin: "0 auto", padding: 16, boxSizing: "border-box" }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("publicDraws.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("publicDraws.intro")}</Typography.Paragraph>
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
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              onChange: (p) => setParams(p === 1 ? new URLSearchParams() : new URLSearchParams({ page: String(p) })),
            }}
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
      </main>
    </Flex>
  );
}
