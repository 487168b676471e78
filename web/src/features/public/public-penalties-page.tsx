import { SafetyCertificateFilled } from "@ant-design/icons";
import { Card, Descriptions, Flex, Input, List, Select, Space, Tag, Typography, theme } from "antd";
import { Link, useSearchParams } from "react-router";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { useT } from "../../i18n/i18n-context.js";
import { LanguageSwitch } from "../../i18n/language-switch.js";
import { type PublicPenalty, publicPenaltiesApi } from "./public-penalties-api.js";

const pageSize = 20;
const firstYear = 2020;

/**
 * /public/penalties — 行政处罚信息公示 for everyone, no sign-in (issue 8 §5, enforcement.md R9): published penalty
 * decisions, newest first, natural persons' names masked by the server. One card per decision (phones first).
 */
export function PublicPenaltiesPage() {
  const t = useT();
  const { token } = theme.useToken();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const q = params.get("q") ?? undefined;
  const year = Number(params.get("year")) || undefined;
  const list = useApi((signal) => publicPenaltiesApi.list({ page, pageSize, q, year }, signal), [page, q, year]);
  const set = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v ? merged.set(k, v) : merged.delete(k);
    if (!("page" in next)) merged.delete("page");
    setParams(merged, { replace: true });
  };
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: Math.max(1, thisYear - firstYear + 1) }, (_, i) => thisYear - i);

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
      <main style={{ width: "100%", maxWidth: 960, margin: "0 auto", padding: 16, boxSizing: "border-box" }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("publicPenalties.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("publicPenalties.intro")}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            id="public-penalties-search"
            allowClear
            defaultValue={q}
            placeholder={t("publicPenalties.search")}
            style={{ width: 280 }}
            onSearch={(v) => set({ q: v.trim() || undefined })}
          />
          <Select
            id="public-penalties-year"
            allowClear
            placeholder={t("publicPenalties.year")}
            value={year}
            style={{ width: 140 }}
            onChange={(y?: number) => set({ year: y ? String(y) : undefined })}
            options={years.map((y) => ({ value: y, label: t("publicPenalties.yearOption", { year: y }) }))}
          />
        </Space>
        {list.error ? (
          <ErrorResult error={list.error} onRetry={list.reload} />
        ) : (
          <List<PublicPenalty>
            data-testid="public-penalties"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t("publicPenalties.empty") }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              hideOnSinglePage: true,
              showSizeChanger: false,
              onChange: (p) => set({ page: p === 1 ? undefined : String(p) }),
            }}
            renderItem={(item) => <PenaltyCard item={item} />}
          />
        )}
      </main>
    </Flex>
  );
}

function PenaltyCard({ item }: { item: PublicPenalty }) {
  const t = useT();
  return (
    <List.Item style={{ display: "block", border: "none", padding: "0 0 16px" }}>
      <Card
        data-testid="public-penalty"
        size="small"
        title={
          <Typography.Text strong style={{ fontSize: 16, whiteSpace: "normal" }}>
            {item.partyName}
          </Typography.Text>
        }
        extra={<Tag color="error">{item.penalty}</Tag>}
      >
        <Descriptions size="small" column={1}>
          {item.uscc && <Descriptions.Item label={t("publicPenalties.uscc")}>{item.uscc}</Descriptions.Item>}
          <Descriptions.Item label={t("publicPenalties.violation")}>{item.violation}</Descriptions.Item>
          <Descriptions.Item label={t("publicPenalties.basis")}>{item.basis}</Descriptions.Item>
          <Descriptions.Item label={t("publicPenalties.penalty")}>{item.penalty}</Descriptions.Item>
          {Number(item.fine) > 0 && (
            <Descriptions.Item label={t("publicPenalties.fine")}>{t("publicPenalties.yuan", { amount: item.fine })}</Descriptions.Item>
          )}
          <Descriptions.Item label={t("publicPenalties.department")}>{item.departmentName}</Descriptions.Item>
          <Descriptions.Item label={t("publicPenalties.decisionNo")}>{item.decisionNo ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("publicPenalties.decidedOn")}>{item.decidedOn}</Descriptions.Item>
          <Descriptions.Item label={t("publicPenalties.publishedOn")}>{item.publishedOn}</Descriptions.Item>
        </Descriptions>
      </Card>
    </List.Item>
  );
}
