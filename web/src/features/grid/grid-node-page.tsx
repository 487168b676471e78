import { ApartmentOutlined, EditOutlined, ReloadOutlined, StopOutlined, UserAddOutlined } from "@ant-design/icons";
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Space,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { RegionCode } from "../../../../domain/access/roles.js";
import { useApi } from "../../api/use-api.js";
import { NotFound } from "../../components/not-found.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { EnterpriseStatusTag, shortRegionPath, useCategoryLabel } from "../enterprises/enterprise-labels.js";
import { type Enterprise, enterprisesApi } from "../enterprises/enterprises-api.js";
import { regionPath } from "../regions/region-detail-card.js";
import { regionsApi } from "../regions/regions-api.js";
import { gridPath, isGridLevel, managesGridAt, seesGridNode } from "./grid-access.js";
import { type GridAssignment, type GridNode, gridApi } from "./grid-api.js";
import { AssignMemberModal, EditDutiesModal, EndAssignmentModal } from "./grid-assignment-modals.js";

/** /grid/:code — a grid node: where it is, who answers for it and with which duties, and what its subtree holds. */
export function GridNodePage() {
  const { code = "" } = useParams();
  if (!RegionCode.safeParse(code).success) return <NotFound />;
  // A node of its own: lists and dialogs start again when the address moves to another node.
  return <GridNodeView key={code} code={code} />;
}

function GridNodeView({ code }: { code: string }) {
  const t = useT();
  const me = useCurrentUser();
  const node = useApi((signal) => gridApi.node(code, signal), [code]);
  const data = node.data?.node.code === code ? node.data : undefined;
  const region = data?.node;
  const canManage = managesGridAt(me, code);
  const assignable = !!region && isGridLevel(region.level) && region.status === "active";
  const [assigning, setAssigning] = useState(false);

  return (
    <>
      <PageHeader
        title={<span data-testid="grid-node-title">{region ? t("grid.nodeTitle", { name: region.name }) : t("grid.nodeLoading")}</span>}
        extra={
          <>
            <Link to={regionPath(code)}>
              <Button icon={<ApartmentOutlined />}>{t("grid.toRegion")}</Button>
            </Link>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={node.reload} />
            </Tooltip>
            {canManage && assignable && (
              <Button id="grid-assign" type="primary" icon={<UserAddOutlined />} onClick={() => setAssigning(true)}>
                {t("grid.assign")}
              </Button>
            )}
          </>
        }
      />
      <PageState loading={!data} error={node.error} onRetry={node.reload}>
        {data && (
          <Flex vertical gap={16}>
            {region && !isGridLevel(region.level) && <Alert type="info" showIcon title={t("grid.notGridLevel")} />}
            {region?.status === "retired" && <Alert type="warning" showIcon title={t("grid.retired")} />}
            <Overview data={data} />
            <Members data={data} canManage={canManage} onChanged={node.reload} />
            {data.node.childCount > 0 && <ChildNodes code={code} />}
            <Enterprises code={code} />
          </Flex>
        )}
      </PageState>
      <AssignMemberModal
        node={assigning && region ? { code: region.code, name: region.name } : undefined}
        onClose={() => setAssigning(false)}
        onAssigned={() => {
          setAssigning(false);
          node.reload();
        }}
      />
    </>
  );
}

function Overview({ data }: { data: GridNode }) {
  const t = useT();
  const me = useCurrentUser();
  const { node, counts } = data;
  const crumbs = node.path.at(-1)?.code === node.code ? node.path : [...node.path, node];
  const byStatus = counts.enterprises.byStatus;
  // Ancestors that are grid nodes the user may open link to their grid; the others to the division tree.
  const linkOf = (c: { code: string; level: GridNode["node"]["level"] }) =>
    isGridLevel(c.level) && seesGridNode(me, c.code) ? gridPath(c.code) : regionPath(c.code);

  return (
    <Card title={t("grid.counts")} size="small">
      <Flex vertical gap={16}>
        <Space wrap size={[16, 8]}>
          <Breadcrumb
            data-testid="grid-node-path"
            items={crumbs.map((p) => ({
              key: p.code,
              title: p.code === node.code ? p.name : <Link to={linkOf(p)}>{p.name}</Link>,
            }))}
          />
          <Tag color="blue">{t(`regions.level.${node.level}`)}</Tag>
          <Typography.Text type="secondary" copyable={{ tooltips: [t("common.copy"), t("common.copied")] }}>
            {node.code}
          </Typography.Text>
        </Space>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t("grid.countEnterprises")} value={counts.enterprises.total} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("grid.countEnterprisesByStatus", {
                operating: byStatus.operating ?? 0,
                suspended: byStatus.suspended ?? 0,
                closed: byStatus.closed ?? 0,
              })}
            </Typography.Text>
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("grid.countMembers")} value={counts.gridMembers} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("grid.countAssignments")} value={counts.assignments} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("grid.countChildren")} value={counts.childNodes} />
          </Col>
        </Row>
      </Flex>
    </Card>
  );
}

function Members({ data, canManage, onChanged }: { data: GridNode; canManage: boolean; onChanged: () => void }) {
  const t = useT();
  const [editing, setEditing] = useState<GridAssignment>();
  const [ending, setEnding] = useState<GridAssignment>();

  const columns: TableProps<GridAssignment>["columns"] = [
    {
      title: t("grid.member"),
      key: "member",
      render: (_, a) => (
        <span>
          <Typography.Text strong>{a.displayName}</Typography.Text>
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
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: "pre-wrap", maxWidth: 520 }}>{d}</Typography.Paragraph>
      ),
    },
    { title: t("grid.since"), dataIndex: "createdAt", key: "since", render: (v: string) => formatDateTime(v) },
    ...(canManage
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, a: GridAssignment) => (
              <Space size={4}>
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(a)}>
                  {t("grid.editDuties")}
                </Button>
                <Button size="small" type="link" danger icon={<StopOutlined />} onClick={() => setEnding(a)}>
                  {t("grid.end")}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const done = () => {
    setEditing(undefined);
    setEnding(undefined);
    onChanged();
  };

  return (
    <Card title={t("grid.members")} size="small">
      <Table<GridAssignment>
        data-testid="grid-members"
        rowKey="id"
        size="middle"
        scroll={{ x: "max-content" }}
        columns={columns}
        dataSource={data.assignments}
        pagination={false}
        locale={{ emptyText: t("grid.membersEmpty") }}
      />
      <EditDutiesModal assignment={editing} onClose={() => setEditing(undefined)} onSaved={done} onStale={done} />
      <EndAssignmentModal
        assignment={ending}
        nodeName={data.node.name}
        onClose={() => setEnding(undefined)}
        onEnded={done}
        onStale={done}
      />
    </Card>
  );
}

function ChildNodes({ code }: { code: string }) {
  const t = useT();
  const me = useCurrentUser();
  const children = useApi((signal) => regionsApi.children(code, signal), [code]);
  const active = (children.data?.items ?? []).filter((c) => c.status === "active");
  return (
    <Card title={t("grid.children")} size="small">
      <PageState
        loading={!children.data}
        error={children.error}
        onRetry={children.reload}
        empty={active.length === 0}
        emptyText={t("grid.childrenEmpty")}
      >
        <Flex wrap gap={8} data-testid="grid-children">
          {active.map((c) =>
            isGridLevel(c.level) && seesGridNode(me, c.code) ? (
              <Link key={c.code} to={gridPath(c.code)}>
                <Tag style={{ cursor: "pointer", marginInlineEnd: 0 }}>{c.name}</Tag>
              </Link>
            ) : (
              <Tag key={c.code} style={{ marginInlineEnd: 0 }}>
                {c.name}
              </Tag>
            ),
          )}
        </Flex>
      </PageState>
    </Card>
  );
}

function Enterprises({ code }: { code: string }) {
  const t = useT();
  const labels = useCategoryLabel();
  const paged = usePagedList<{ q?: string }, Enterprise>(
    (query, signal) => enterprisesApi.list({ ...query, region: code, sort: "name" }, signal),
    {},
  );

  const columns: TableProps<Enterprise>["columns"] = [
    {
      title: t("enterprises.name"),
      dataIndex: "name",
      key: "name",
      render: (name: string, e) => <Link to={`/enterprises/${e.id}`}>{name}</Link>,
    },
    { title: t("enterprises.uscc"), dataIndex: "uscc", key: "uscc", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t("enterprises.region"),
      dataIndex: "regionPath",
      key: "region",
      render: (path: string | null, e) => shortRegionPath(path) ?? e.regionCode,
    },
    { title: t("enterprises.category"), key: "category", render: (_, e) => labels.category(e.category) },
    { title: t("enterprises.statusLabel"), key: "status", render: (_, e) => <EnterpriseStatusTag status={e.status} /> },
    { title: t("enterprises.principalName"), key: "principal", render: (_, e) => `${e.principalName} ${e.principalPhone}` },
  ];

  return (
    <Card
      title={t("grid.enterprises")}
      size="small"
      extra={
        <Input.Search
          id="grid-enterprise-search"
          allowClear
          placeholder={t("grid.enterpriseSearch")}
          onSearch={(q) => paged.applyFilters({ q: q.trim() || undefined })}
          style={{ width: 260 }}
        />
      }
    >
      {paged.list.data?.total === 0 && !paged.filters.q ? (
        <Empty description={t("grid.enterprisesEmpty")} />
      ) : (
        <PagedTable<{ q?: string }, Enterprise>
          data-testid="grid-enterprises"
          rowKey="id"
          paged={paged}
          columns={columns}
          emptyText={t("enterprises.emptyFiltered")}
        />
      )}
    </Card>
  );
}
