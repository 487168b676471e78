import { Card, Empty, Flex, Table, type TableProps, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { SessionUser } from "../../../../domain/auth/auth.dto.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { RegionSelect } from "../../components/region-select.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { shortPathOf, useRegionDetails } from "../regions/use-region-names.js";
import { gridLevels, gridPath } from "./grid-access.js";
import { assignmentsOf, type GridAssignment, gridApi } from "./grid-api.js";

/**
 * /grid — 我的网格 for a grid member (the nodes they hold, with their duties); for administrators and
 * regulators a way into any node of their area and the grid members of that area.
 */
export function GridPage() {
  const t = useT();
  const me = useCurrentUser();
  const member = me.role === "grid_member";
  return (
    <>
      <PageHeader title={member ? t("grid.mineTitle") : t("grid.manageTitle")} />
      <Flex vertical gap={16}>
        {member && <MyGrid me={me} />}
        <OpenNode me={me} />
        {!member && <AreaAssignments me={me} />}
      </Flex>
    </>
  );
}

function useNodeColumn(codes: string[]): NonNullable<TableProps<GridAssignment>["columns"]>[number] {
  const t = useT();
  const details = useRegionDetails(codes);
  return {
    title: t("grid.node"),
    key: "node",
    render: (_, a) => (
      <Link to={gridPath(a.regionCode)}>
        {shortPathOf(details.get(a.regionCode), a.regionCode)}
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          {a.regionCode}
        </Typography.Text>
      </Link>
    ),
  };
}

function MyGrid({ me }: { me: SessionUser }) {
  const t = useT();
  const mine = useApi(
    (signal) => (me.regionCode ? assignmentsOf(me.id, me.regionCode, signal) : Promise.resolve([])),
    [me.id, me.regionCode],
  );
  const items = mine.data ?? [];
  const nodeColumn = useNodeColumn(items.map((a) => a.regionCode));
  const columns: TableProps<GridAssignment>["columns"] = [
    nodeColumn,
    {
      title: t("grid.duties"),
      dataIndex: "duties",
      key: "duties",
      render: (d: string) => (
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: "pre-wrap", maxWidth: 560 }}>{d}</Typography.Paragraph>
      ),
    },
    { title: t("grid.since"), dataIndex: "createdAt", key: "since", render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Card title={t("grid.mineTitle")} size="small">
      <PageState loading={!mine.data} error={mine.error} onRetry={mine.reload} empty={items.length === 0} emptyText={t("grid.mineEmpty")}>
        <Typography.Paragraph type="secondary">{t("grid.mineHint")}</Typography.Paragraph>
        <Table<GridAssignment> data-testid="my-grid" rowKey="id" size="middle" columns={columns} dataSource={items} pagination={false} />
      </PageState>
    </Card>
  );
}

function OpenNode({ me }: { me: SessionUser }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Card title={t("grid.pickTitle")} size="small">
      <Typography.Paragraph type="secondary">{t("grid.pickHint")}</Typography.Paragraph>
      <RegionSelect
        id="grid-node-pick"
        levels={gridLevels}
        rootCode={me.regionCode ?? undefined}
        placeholder={t("grid.pickPlaceholder")}
        onChange={(code) => code && navigate(gridPath(code))}
        style={{ width: "100%", maxWidth: 480 }}
      />
    </Card>
  );
}

function AreaAssignments({ me }: { me: SessionUser }) {
  const t = useT();
  // Regulators start from their own area; an administrator picks one.
  const [area, setArea] = useState<string | undefined>(me.regionCode ?? undefined);
  const areaDetails = useRegionDetails(area ? [area] : []);
  return (
    <Card
      title={t("grid.areaTitle")}
      size="small"
      extra={
        <RegionSelect
          value={area}
          onChange={(code) => setArea(code ?? me.regionCode ?? undefined)}
          rootCode={me.regionCode ?? undefined}
          allowClear={!me.regionCode}
          style={{ width: 280 }}
        />
      }
    >
      {area ? (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t("grid.areaHint", { area: areaDetails.get(area)?.name ?? area })}</Typography.Text>
          <AreaTable key={area} area={area} />
        </Flex>
      ) : (
        <Empty description={t("grid.areaPick")} />
      )}
    </Card>
  );
}

function AreaTable({ area }: { area: string }) {
  const t = useT();
  const paged = usePagedList<Record<string, never>, GridAssignment>((query, signal) => gridApi.assignments(area, query, signal), {});
  const nodeColumn = useNodeColumn((paged.list.data?.items ?? []).map((a) => a.regionCode));
  const columns: TableProps<GridAssignment>["columns"] = [
    nodeColumn,
    {
      title: t("grid.member"),
      key: "member",
      render: (_, a) => (
        <span>
          {a.displayName}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            {a.username}
          </Typography.Text>
        </span>
      ),
    },
    { title: t("grid.phone"), dataIndex: "phone", key: "phone", render: (p: string | null) => p ?? t("common.none") },
    {
      title: t("grid.duties"),
      dataIndex: "duties",
      key: "duties",
      render: (d: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: d }} style={{ marginBottom: 0, maxWidth: 420 }}>
          {d}
        </Typography.Paragraph>
      ),
    },
    { title: t("grid.since"), dataIndex: "createdAt", key: "since", render: (v: string) => formatDateTime(v) },
  ];
  return <PagedTable paged={paged} rowKey="id" columns={columns} emptyText={t("grid.areaEmpty")} data-testid="grid-area-assignments" />;
}
