import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, DatePicker, Flex, Row, Statistic, Table, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { Link, useSearchParams } from "react-router";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { RegionSelect } from "../../components/region-select.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { rateText } from "../checks/check-labels.js";
import { type SelfCompletionRow, selfInspectionsApi } from "./self-inspections-api.js";

/**
 * /self-inspections/completion (issue 7 §6): for a regulator's region and a period, how the enterprises keep their
 * self-inspection schedules — due, done, missed and the rate in total, per child region (click to drill in) and per
 * enterprise, lowest rate first. The definitions are the server's (domain/inspections/self.ts).
 */
export function SelfCompletionPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const today = shanghaiDay(new Date());
  const region = params.get("region") ?? me.regionCode ?? undefined;
  const from = params.get("from") ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get("to") ?? today;
  const set = (values: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(values)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const result = useApi((signal) => selfInspectionsApi.completion({ region, from, to }, signal), [region, from, to]);
  const data = result.data;

  const figures = (extra: object[] = []) => [
    ...extra,
    { title: t("selfCompletion.schedules"), dataIndex: "schedules", align: "right" as const },
    { title: t("selfInspections.due"), dataIndex: "due", align: "right" as const },
    { title: t("selfInspections.done"), dataIndex: "done", align: "right" as const },
    { title: t("selfInspections.missed"), dataIndex: "missed", align: "right" as const },
    { title: t("selfCompletion.rate"), dataIndex: "rate", align: "right" as const, render: rateText },
  ];

  return (
    <>
      <PageHeader
        title={t("selfCompletion.title")}
        extra={
          <Tooltip title={t("common.refresh")}>
            <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={result.reload} />
          </Tooltip>
        }
      />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <RegionSelect
          id="self-completion-region"
          value={region}
          onChange={(code) => set({ region: code })}
          rootCode={me.regionCode ?? undefined}
          allowClear={!me.regionCode}
          placeholder={t("selfCompletion.region")}
          style={{ width: 240 }}
        />
        <DatePicker.RangePicker
          aria-label={t("selfCompletion.range")}
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          onChange={(range) => {
            if (range?.[0] && range[1]) set({ from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") });
          }}
        />
      </Flex>
      <PageState loading={result.loading && !data} error={result.error} onRetry={result.reload}>
        {data && (
          <>
            <Typography.Paragraph type="secondary" data-testid="self-completion-range">
              {t("selfCompletion.asOf", { from: data.from, to: data.to, asOf: data.asOf })}
            </Typography.Paragraph>
            <Row gutter={[12, 12]}>
              {(
                [
                  ["due", t("selfInspections.due"), data.total.due],
                  ["done", t("selfInspections.done"), data.total.done],
                  ["missed", t("selfInspections.missed"), data.total.missed],
                  ["rate", t("selfCompletion.rate"), rateText(data.total.rate)],
                ] as const
              ).map(([id, title, value]) => (
                <Col key={id} xs={12} md={6}>
                  <Card size="small">
                    <Statistic
                      title={title}
                      value={value}
                      styles={id === "missed" && data.total.missed > 0 ? { content: { color: "#cf1322" } } : undefined}
                      data-testid={`self-completion-${id}`}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
            <Card size="small" style={{ marginTop: 16 }} title={t("selfCompletion.byRegion")}>
              <Table<SelfCompletionRow>
                size="small"
                rowKey="key"
                dataSource={data.byRegion}
                pagination={data.byRegion.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                scroll={{ x: "max-content" }}
                data-testid="self-completion-regions"
                columns={figures([
                  {
                    title: t("selfCompletion.name"),
                    key: "name",
                    render: (_: unknown, r: SelfCompletionRow) =>
                      r.key !== data.region?.code ? (
                        <Button type="link" size="small" style={{ padding: 0, height: "auto" }} onClick={() => set({ region: r.key })}>
                          {r.label ?? r.key}
                        </Button>
                      ) : (
                        (r.label ?? r.key)
                      ),
                  },
                ])}
              />
            </Card>
            <Card size="small" style={{ marginTop: 16 }} title={t("selfCompletion.byEnterprise")}>
              {data.truncated && <Typography.Paragraph type="warning">{t("selfCompletion.truncated")}</Typography.Paragraph>}
              <Table<SelfCompletionRow & { regionCode: string }>
                size="small"
                rowKey="key"
                dataSource={data.byEnterprise}
                pagination={data.byEnterprise.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                scroll={{ x: "max-content" }}
                data-testid="self-completion-enterprises"
                locale={{ emptyText: t("selfCompletion.noEnterprises") }}
                columns={figures([
                  {
                    title: t("selfCompletion.name"),
                    key: "name",
                    render: (_: unknown, r: SelfCompletionRow) => <Link to={`/enterprises/${r.key}`}>{r.label ?? r.key}</Link>,
                  },
                ])}
              />
            </Card>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              {t("selfCompletion.hint")}
            </Typography.Paragraph>
          </>
        )}
      </PageState>
    </>
  );
}
