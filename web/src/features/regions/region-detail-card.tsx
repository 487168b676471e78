import { ClusterOutlined, EditOutlined, MergeCellsOutlined } from "@ant-design/icons";
import { Breadcrumb, Button, Card, Descriptions, Empty, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { ApiState } from "../../api/use-api.js";
import { PageState } from "../../components/page-state.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import type { RegionDetail } from "./regions-api.js";

type RegionDetailCardProps = {
  /** The selected region's code; none selected shows a hint. */
  code?: string;
  detail: ApiState<RegionDetail | undefined>;
  /** The successor's name when the tree knows it. */
  nameOf: (code: string) => string | undefined;
  /** Present for users who may rename regions. */
  onRename?: (region: RegionDetail) => void;
  /** Present for users who may merge regions (撤并). */
  onMerge?: (region: RegionDetail) => void;
  /** The grid page of a region, when the user may open it (townships and villages in their scope). */
  gridLinkOf?: (region: RegionDetail) => string | undefined;
};

/** The page's link to a region (the selection lives in the URL, so back and forward work). */
export function regionPath(code: string): string {
  return `/regions?code=${encodeURIComponent(code)}`;
}

/** Name, code, level, path, child count and status of the selected region. */
export function RegionDetailCard({ code, detail, nameOf, onRename, onMerge, gridLinkOf }: RegionDetailCardProps) {
  const t = useT();
  const region = detail.data?.code === code ? detail.data : undefined;

  const crumbs = region ? (region.path.at(-1)?.code === region.code ? region.path : [...region.path, region]) : [];

  return (
    <Card
      title={t("regions.detail")}
      data-testid="region-detail"
      style={{ height: "100%" }}
      extra={
        region && (
          <Space size={8} wrap>
            {gridLinkOf?.(region) && (
              <Link to={gridLinkOf(region) ?? ""} title={t("grid.openTitle")}>
                <Button id="region-grid" icon={<ClusterOutlined />}>
                  {t("grid.open")}
                </Button>
              </Link>
            )}
            {onRename && (
              <Button id="region-rename" icon={<EditOutlined />} onClick={() => onRename(region)}>
                {t("regions.rename")}
              </Button>
            )}
            {onMerge && region.status === "active" && region.parentCode && (
              <Button id="region-merge" danger icon={<MergeCellsOutlined />} onClick={() => onMerge(region)}>
                {t("regionMerge.open")}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!code ? (
        <Empty description={t("regions.selectHint")} />
      ) : (
        <PageState loading={!region} error={detail.error} onRetry={detail.reload}>
          {region && (
            <Descriptions column={1} size="small" bordered styles={{ label: { width: 140 } }}>
              <Descriptions.Item label={t("regions.name")}>
                <Typography.Text strong data-testid="region-name">
                  {region.name}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t("regions.code")}>
                <Typography.Text copyable={{ tooltips: [t("common.copy"), t("common.copied")] }} data-testid="region-code">
                  {region.code}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t("regions.level")}>
                <Tag color="blue" data-testid="region-level">
                  {t(`regions.level.${region.level}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t("regions.path")}>
                <Breadcrumb
                  data-testid="region-path"
                  items={crumbs.map((p) => ({
                    key: p.code,
                    title: p.code === region.code ? p.name : <Link to={regionPath(p.code)}>{p.name}</Link>,
                  }))}
                />
              </Descriptions.Item>
              <Descriptions.Item label={t("regions.childCount")}>
                <span data-testid="region-child-count">{region.childCount}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("regions.status")}>
                <Space size={8} wrap>
                  {region.status === "active" ? (
                    <Tag color="green" data-testid="region-status">
                      {t("regions.statusActive")}
                    </Tag>
                  ) : (
                    <Tag color="default" data-testid="region-status">
                      {t("regions.statusRetired")}
                    </Tag>
                  )}
                  {region.status === "retired" && region.successorCode && (
                    <Space size={4}>
                      <Typography.Text type="secondary">{t("regions.successor")}</Typography.Text>
                      <Link to={regionPath(region.successorCode)} data-testid="region-successor">
                        {nameOf(region.successorCode) ?? region.successorCode}
                        {nameOf(region.successorCode) && (
                          <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>
                            {region.successorCode}
                          </Typography.Text>
                        )}
                      </Link>
                    </Space>
                  )}
                </Space>
              </Descriptions.Item>
              {region.predecessors.length > 0 && (
                <Descriptions.Item label={t("regions.predecessors")}>
                  <Space size={8} wrap data-testid="region-predecessors">
                    {region.predecessors.map((p) => (
                      <Link key={p} to={regionPath(p)}>
                        {nameOf(p) ?? p}
                      </Link>
                    ))}
                  </Space>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t("regions.updatedAt")}>{formatDateTime(region.updatedAt)}</Descriptions.Item>
            </Descriptions>
          )}
        </PageState>
      )}
    </Card>
  );
}
