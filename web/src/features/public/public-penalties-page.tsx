import { Card, Descriptions, Input, List, Select, Space, Tag, Typography } from "antd";
import { ErrorResult } from "../../components/error-result.js";
import { PublicFrame } from "../../components/public-frame.js";
import { usePublicPagedList } from "../../components/public-paged-list.js";
import { useT } from "../../i18n/i18n-context.js";
import { type PublicPenalty, publicPenaltiesApi } from "./public-penalties-api.js";

const firstYear = 2020;

/**
 * /public/penalties — 行政处罚信息公示 for everyone, no sign-in (issue 8 §5, enforcement.md R9): published penalty
 * decisions, newest first, natural persons' names masked by the server. One card per decision (phones first).
 */
export function PublicPenaltiesPage() {
  const t = useT();
  const { filters, list, setQuery, pagination } = usePublicPagedList({
    readFilters: (params) => ({ q: params.get("q") ?? undefined, year: Number(params.get("year")) || undefined }),
    load: (query, signal) => publicPenaltiesApi.list(query, signal),
  });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: Math.max(1, thisYear - firstYear + 1) }, (_, i) => thisYear - i);

  return (
    <PublicFrame title={t("publicPenalties.title")} intro={t("publicPenalties.intro")}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          id="public-penalties-search"
          allowClear
          defaultValue={filters.q}
          placeholder={t("publicPenalties.search")}
          style={{ width: 280 }}
          onSearch={(v) => setQuery({ q: v.trim() || undefined })}
        />
        <Select
          id="public-penalties-year"
          allowClear
          placeholder={t("publicPenalties.year")}
          value={filters.year}
          style={{ width: 140 }}
          onChange={(y?: number) => setQuery({ year: y ? String(y) : undefined })}
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
          pagination={pagination}
          renderItem={(item) => <PenaltyCard item={item} />}
        />
      )}
    </PublicFrame>
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
