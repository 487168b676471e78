import { Card, Descriptions, Empty, Flex, List, Select, Skeleton, Space, Tag, Typography } from "antd";
import { useSearchParams } from "react-router";
import { addDays } from "../../../../domain/common/calendar.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { PublicFrame } from "../../components/public-frame.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { type PublicExposure, publicExposureApi } from "./public-exposure-api.js";

type Item = PublicExposure["lists"][number]["items"][number];

/**
 * /public/exposure — 每周曝光 for everyone, no sign-in (issue §6, R12): the published lists of a week, each
 * region's its own, with only the published fields. Built for phones: one card per item, no wide tables.
 */
export function PublicExposurePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const week = params.get("week") ?? undefined;
  const data = useApi((signal) => publicExposureApi.get(week, signal), [week]);
  const shown = data.data;

  return (
    <PublicFrame title={t("publicExposure.title")} intro={t("publicExposure.intro")}>
      {data.error ? (
        <ErrorResult error={data.error} onRetry={data.reload} />
      ) : !shown ? (
        <Skeleton active />
      ) : shown.week === null ? (
        <Empty description={t("publicExposure.none")} />
      ) : (
        <>
          <Space style={{ marginBottom: 16 }} wrap>
            <Typography.Text>{t("publicExposure.week")}</Typography.Text>
            <Select
              id="public-exposure-week"
              value={shown.week}
              style={{ minWidth: 240 }}
              onChange={(w) => setParams(new URLSearchParams({ week: w }), { replace: true })}
              options={[...new Set([shown.week, ...shown.weeks])].map((w) => ({
                value: w,
                label: t("publicExposure.weekRange", { from: w, to: addDays(w, 6) }),
              }))}
            />
          </Space>
          {shown.lists.length === 0 && <Empty description={t("publicExposure.noneThisWeek")} />}
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            {shown.lists.map((list) => (
              <Card
                key={`${list.regionName}-${list.weekStart}`}
                data-testid="public-exposure-list"
                title={
                  <Space wrap>
                    <span>{list.regionName}</span>
                    <Tag>{t("publicExposure.count", { count: list.items.length })}</Tag>
                  </Space>
                }
                extra={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("publicExposure.publishedAt", { at: formatDateTime(list.publishedAt) })}
                  </Typography.Text>
                }
                styles={{ body: { padding: "4px 16px" } }}
              >
                <List<Item> dataSource={list.items} renderItem={(item) => <ExposureEntry item={item} />} />
              </Card>
            ))}
          </Space>
        </>
      )}
    </PublicFrame>
  );
}

function ExposureEntry({ item }: { item: Item }) {
  const t = useT();
  return (
    <List.Item data-testid="public-exposure-item" style={{ display: "block" }}>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {item.enterpriseName}
        </Typography.Text>
        <Tag color={item.status === "accepted" ? "success" : "error"}>{t(`publicExposure.status.${item.status}` as MessageKey)}</Tag>
      </Flex>
      <Typography.Paragraph style={{ margin: "8px 0" }}>{item.summary}</Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t("publicExposure.uscc")}>{item.uscc}</Descriptions.Item>
        <Descriptions.Item label={t("publicExposure.supervisingBody")}>{item.supervisingBody}</Descriptions.Item>
        <Descriptions.Item label={t("publicExposure.deadline")}>{item.deadline ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("publicExposure.daysOverdue")}>
          <Typography.Text type="danger">{t("publicExposure.days", { days: item.daysOverdue })}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </List.Item>
  );
}
