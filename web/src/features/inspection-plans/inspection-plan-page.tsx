import { CheckOutlined, ReloadOutlined, SyncOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import type { PlanProgressCounts } from "../../../../domain/inspections/plan.dto.js";
import { planGroupKeys, planItemStatuses } from "../../../../domain/inspections/plan.js";
import { toApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { Chart } from "../../components/chart.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { formatDateTime } from "../../i18n/format.js";
import { type Translate, useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { type InspectionPlanDetail, type PlanItem, type PlanItemsParams, plansApi } from "./inspection-plans-api.js";
import { PlanDraftModal } from "./plan-draft-form.js";
import { GroupTag, ItemStatusTag, PlanStatusTag } from "./plan-labels.js";

type ItemFilters = Pick<PlanItemsParams, "month" | "county" | "group" | "status">;
const months = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * /inspection-plans/:id — a plan: its groups by category and grade, capacity against what is planned (留有余地),
 * progress (done / due / overdue) by month and county with a chart, and the planned visits. A draft is regenerated
 * or approved by a leader; an approved plan only takes audited moves of single visits.
 */
export function InspectionPlanPage() {
  const t = useT();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { id = "" } = useParams();
  const plan = useApi((signal) => plansApi.get(id, signal), [id]);
  const items = usePagedList<ItemFilters, PlanItem>((q, signal) => plansApi.items(id, q, signal), {});
  const [redrafting, setRedrafting] = useState(false);
  const [moving, setMoving] = useState<PlanItem>();
  const [approving, setApproving] = useState(false);
  const p = plan.data;
  const mayManage = roleHas(me.role, "inspection_plans.manage");
  const reloadAll = () => {
    plan.reload();
    items.list.reload();
  };

  const approve = async (current: InspectionPlanDetail) => {
    setApproving(true);
    try {
      await plansApi.approve(current.id, current.version);
      message.success(t("plans.approved"));
    } catch (err) {
      message.error(toApiError(err).message);
    } finally {
      setApproving(false);
      reloadAll();
    }
  };

  return (
    <PageState loading={plan.loading && !p} error={plan.error} onRetry={plan.reload}>
      {p && (
        <>
          <PageHeader
            title={
              <Space wrap>
                {p.title}
                <PlanStatusTag status={p.status} />
              </Space>
            }
            extra={
              <Space wrap>
                <Tooltip title={t("common.refresh")}>
                  <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={reloadAll} />
                </Tooltip>
                {p.status === "draft" && mayManage && (
                  <Button id="plan-regenerate" icon={<SyncOutlined />} onClick={() => setRedrafting(true)}>
                    {t("plans.regenerate")}
                  </Button>
                )}
                {p.status === "draft" && roleHas(me.role, "inspection_plans.approve") && (
                  <Popconfirm title={t("plans.approveConfirm")} onConfirm={() => approve(p)} okButtonProps={{ id: "plan-approve-confirm" }}>
                    <Button id="plan-approve" type="primary" icon={<CheckOutlined />} loading={approving}>
                      {t("plans.approve")}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            }
          />
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t("plans.year")}>{p.year}</Descriptions.Item>
            <Descriptions.Item label={t("plans.region")}>{p.regionName ?? p.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t("plans.department")}>{p.departmentName ?? t("plans.noDepartment")}</Descriptions.Item>
            <Descriptions.Item label={t("plans.fromMonth")}>{t("plans.months", { from: p.fromMonth })}</Descriptions.Item>
            <Descriptions.Item label={t("plans.reserve")}>{Math.round(p.reserveShare * 100)}</Descriptions.Item>
            <Descriptions.Item label={t("plans.approvedAt")}>{formatDateTime(p.approvedAt)}</Descriptions.Item>
          </Descriptions>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <GroupsCard plan={p} />
            </Col>
            <Col xs={24} xl={10}>
              <CapacityCard plan={p} />
            </Col>
          </Row>
          <ProgressCard plan={p} onPick={(f) => items.applyFilters({ ...items.filters, ...f })} />
          <Card size="small" title={t("plans.items")} style={{ marginTop: 16 }}>
            <ItemFiltersBar plan={p} filters={items.filters} onChange={items.applyFilters} />
            <PagedTable<ItemFilters, PlanItem>
              paged={items}
              rowKey="id"
              emptyText={t("plans.itemsEmpty")}
              columns={[
                { title: t("plans.monthN"), dataIndex: "month", width: 80, render: (m: number) => t("plans.month", { month: m }) },
                {
                  title: t("plans.enterprise"),
                  dataIndex: "enterpriseName",
                  render: (name: string | null, i) => <Link to={`/enterprises/${i.enterpriseId}`}>{name ?? i.enterpriseId}</Link>,
                },
                { title: t("plans.group"), dataIndex: "group", render: (g: PlanItem["group"]) => <GroupTag group={g} /> },
                {
                  title: t("plans.team"),
                  dataIndex: "team",
                  render: (team: PlanItem["team"]) => team.map((m) => m.name).join("、"),
                },
                { title: t("plans.itemStatus"), dataIndex: "status", render: (s: PlanItem["status"]) => <ItemStatusTag status={s} /> },
                {
                  title: t("plans.inspection"),
                  dataIndex: "inspectionId",
                  render: (iid: string | null) => (iid ? <Link to={`/inspections/${iid}`}>{t("plans.open")}</Link> : t("common.none")),
                },
                ...(mayManage
                  ? [
                      {
                        title: t("common.actions"),
                        key: "move",
                        render: (_: unknown, i: PlanItem) =>
                          i.status === "done" ? null : (
                            <Button type="link" size="small" data-testid={`plan-move-${i.id}`} onClick={() => setMoving(i)}>
                              {t("plans.move")}
                            </Button>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <PlanDraftModal
            target={redrafting ? p : undefined}
            onClose={() => setRedrafting(false)}
            onSaved={() => {
              setRedrafting(false);
              reloadAll();
            }}
            onStale={() => {
              setRedrafting(false);
              reloadAll();
            }}
          />
          <MoveModal
            plan={p}
            item={moving}
            onClose={() => setMoving(undefined)}
            onDone={() => {
              setMoving(undefined);
              reloadAll();
            }}
          />
        </>
      )}
    </PageState>
  );
}

function GroupsCard({ plan }: { plan: InspectionPlanDetail }) {
  const t = useT();
  return (
    <Card size="small" title={t("plans.groups")}>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={plan.groups}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("plans.group"), dataIndex: "key", render: (g: PlanItem["group"]) => <GroupTag group={g} /> },
          {
            title: t("plans.frequency"),
            dataIndex: "frequency",
            render: (f: number) => (f === 0 ? <Tag>{t("plans.toDraw")}</Tag> : f),
          },
          { title: t("plans.enterprises"), dataIndex: "enterprises" },
          { title: t("plans.visits"), dataIndex: "visits" },
          {
            title: t("plans.reasons"),
            key: "reasons",
            render: (_: unknown, g: InspectionPlanDetail["groups"][number]) => (
              <Flex wrap gap={4}>
                {g.keyReasons.map((r) => (
                  <Tag key={`k-${r.reason}`}>
                    {t(`plans.reason.${r.reason}` as MessageKey)} {r.enterprises}
                  </Tag>
                ))}
                {g.raisedBy.map((r) => (
                  <Tag key={`r-${r.reason}`} color="warning">
                    {t(`plans.raised.${r.reason}` as MessageKey)} {r.enterprises}
                  </Tag>
                ))}
              </Flex>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        {t("plans.classificationNote")}
      </Typography.Paragraph>
    </Card>
  );
}

function CapacityCard({ plan }: { plan: InspectionPlanDetail }) {
  const t = useT();
  const c = plan.capacity;
  const tiles = [
    { id: "inspectors", title: t("plans.inspectors"), value: c.inspectors },
    { id: "capacity", title: t("plans.capacityTotal"), value: c.capacity },
    { id: "reserve", title: t("plans.reserved"), value: c.reserve },
    { id: "available", title: t("plans.available"), value: c.available },
    { id: "planned", title: t("plans.planned"), value: c.planned, danger: c.overCapacity },
  ];
  return (
    <Card size="small" title={t("plans.capacity")}>
      <Row gutter={[8, 8]}>
        {tiles.map((tile) => (
          <Col key={tile.id} xs={8} md={8}>
            <Statistic
              title={tile.title}
              value={tile.value}
              styles={tile.danger ? { content: { color: "#cf1322" } } : undefined}
              data-testid={`plan-capacity-${tile.id}`}
            />
          </Col>
        ))}
      </Row>
      {c.overCapacity && <Alert type="warning" showIcon title={t("plans.overCapacity")} style={{ marginTop: 8 }} />}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        {t("plans.capacityNote", { per: c.visitsPerInspectorMonth, team: c.teamSize, months: c.months })}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="userId"
        pagination={false}
        dataSource={plan.inspectors}
        columns={[
          {
            title: t("plans.officer"),
            dataIndex: "name",
            render: (name: string, o: InspectionPlanDetail["inspectors"][number]) =>
              o.inPool ? (
                name
              ) : (
                <Space>
                  {name}
                  <Tag>{t("plans.notInPool")}</Tag>
                </Space>
              ),
          },
          { title: t("plans.certNo"), dataIndex: "certNo", render: (c: string | null) => c ?? t("common.none") },
          { title: t("plans.officerVisits"), dataIndex: "visits" },
        ]}
      />
    </Card>
  );
}

const upcomingOf = (c: PlanProgressCounts) => c.planned - c.done - c.due;

/** Done, due this month, overdue and upcoming visits per month (stacked); a bar click filters the visits. */
function ProgressChart({ plan, onPick }: { plan: InspectionPlanDetail; onPick: (month: number) => void }) {
  const t = useT();
  const option = useMemo(() => {
    const m = plan.progress.months;
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: m.map((x) => t("plans.month", { month: x.month })) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("plans.done"), type: "bar", stack: "p", itemStyle: { color: "#52c41a" }, data: m.map((x) => x.done) },
        { name: t("plans.dueNow"), type: "bar", stack: "p", itemStyle: { color: "#1677ff" }, data: m.map((x) => x.due - x.overdue) },
        { name: t("plans.overdue"), type: "bar", stack: "p", itemStyle: { color: "#ff4d4f" }, data: m.map((x) => x.overdue) },
        { name: t("plans.upcoming"), type: "bar", stack: "p", itemStyle: { color: "#d9d9d9" }, data: m.map(upcomingOf) },
      ],
    };
  }, [plan, t]);
  return <Chart option={option} height={260} ariaLabel={t("plans.chartAria")} onClick={(e) => onPick(e.dataIndex + 1)} />;
}

function Cell({ c, onClick, testId }: { c: PlanProgressCounts; onClick: () => void; testId: string }) {
  const t = useT();
  if (c.planned === 0) return <Typography.Text type="secondary">·</Typography.Text>;
  return (
    <Tooltip title={`${t("plans.done")} ${c.done} · ${t("plans.due")} ${c.due} · ${t("plans.overdue")} ${c.overdue}`}>
      <Button type="link" size="small" onClick={onClick} data-testid={testId} danger={c.overdue > 0} style={{ padding: 0 }}>
        {t("plans.cell", { done: c.done, planned: c.planned })}
      </Button>
    </Tooltip>
  );
}

type ProgressRow = PlanProgressCounts & { code: string | null; name: string; months: (PlanProgressCounts & { month: number })[] };

function ProgressCard({ plan, onPick }: { plan: InspectionPlanDetail; onPick: (f: ItemFilters) => void }) {
  const t = useT();
  const pr = plan.progress;
  const rows: ProgressRow[] = [
    ...pr.counties.map((c) => ({ ...c, name: c.name ?? c.code })),
    { ...pr.totals, code: null, name: t("plans.total"), months: pr.months },
  ];
  const pick = (county: string | null, month?: number) => onPick({ county: county ?? undefined, month });
  return (
    <Card size="small" title={t("plans.progress")} style={{ marginTop: 16 }}>
      <Row gutter={[12, 12]} style={{ marginBottom: 8 }}>
        {(["planned", "done", "due", "overdue"] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Statistic
              title={t(`plans.${k}` as MessageKey)}
              value={pr.totals[k]}
              styles={k === "overdue" && pr.totals.overdue > 0 ? { content: { color: "#cf1322" } } : undefined}
              data-testid={`plan-progress-${k}`}
            />
          </Col>
        ))}
      </Row>
      {pr.totals.planned > 0 && <ProgressChart plan={plan} onPick={(month) => pick(null, month)} />}
      <Table<ProgressRow>
        size="small"
        rowKey={(r) => r.code ?? "total"}
        pagination={false}
        dataSource={rows}
        scroll={{ x: "max-content" }}
        columns={[
          {
            title: t("plans.county"),
            dataIndex: "name",
            fixed: "left",
            render: (name: string, r) => (r.code ? name : <Typography.Text strong>{name}</Typography.Text>),
          },
          ...months.map((m) => ({
            // This month's column stands out.
            title:
              m === pr.currentMonth ? (
                <Typography.Text strong>{t("plans.month", { month: m })}</Typography.Text>
              ) : (
                t("plans.month", { month: m })
              ),
            key: `m${m}`,
            align: "center" as const,
            render: (_: unknown, r: ProgressRow) => (
              <Cell
                c={r.months[m - 1] as PlanProgressCounts}
                onClick={() => pick(r.code, m)}
                testId={`plan-cell-${r.code ?? "total"}-${m}`}
              />
            ),
          })),
          {
            title: t("plans.total"),
            key: "total",
            align: "center" as const,
            render: (_: unknown, r: ProgressRow) => (
              <Cell c={r} onClick={() => pick(r.code)} testId={`plan-cell-${r.code ?? "total"}-all`} />
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        {t("plans.progressNote")}
      </Typography.Paragraph>
    </Card>
  );
}

function statusLabel(t: Translate, s: (typeof planItemStatuses)[number]): string {
  return s === "due" ? t("plans.filter.due") : t(`plans.itemStatus.${s}` as MessageKey);
}

function ItemFiltersBar({
  plan,
  filters,
  onChange,
}: {
  plan: InspectionPlanDetail;
  filters: ItemFilters;
  onChange: (f: ItemFilters) => void;
}) {
  const t = useT();
  const set = (patch: Partial<ItemFilters>) => onChange({ ...filters, ...patch });
  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }}>
      <Select
        id="plan-items-month"
        virtual={false}
        aria-label={t("plans.monthN")}
        allowClear
        placeholder={t("plans.allMonths")}
        value={filters.month}
        onChange={(month) => set({ month })}
        options={months.map((m) => ({ value: m, label: t("plans.month", { month: m }) }))}
        style={{ width: 120 }}
      />
      <Select
        id="plan-items-county"
        aria-label={t("plans.county")}
        allowClear
        placeholder={t("plans.allCounties")}
        value={filters.county}
        onChange={(county) => set({ county })}
        options={plan.progress.counties.map((c) => ({ value: c.code, label: c.name ?? c.code }))}
        style={{ width: 160 }}
      />
      <Select
        id="plan-items-group"
        aria-label={t("plans.group")}
        allowClear
        placeholder={t("plans.allGroups")}
        value={filters.group}
        onChange={(group) => set({ group })}
        options={planGroupKeys.map((g) => ({ value: g, label: t(`plans.group.${g}` as MessageKey) }))}
        style={{ width: 160 }}
      />
      <Select
        id="plan-items-status"
        aria-label={t("plans.itemStatus")}
        allowClear
        placeholder={t("plans.allStatuses")}
        value={filters.status}
        onChange={(status) => set({ status })}
        options={planItemStatuses.map((s) => ({ value: s, label: statusLabel(t, s) }))}
        style={{ width: 170 }}
      />
    </Flex>
  );
}

type MoveValues = { month: number; team: string[]; reason: string };

/** Moves one visit (month and/or team) with a reason; the plan's version guards it and the audit trail keeps it. */
function MoveModal({
  plan,
  item,
  onClose,
  onDone,
}: {
  plan: InspectionPlanDetail;
  item?: PlanItem;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<MoveValues>();
  const [busy, setBusy] = useState(false);
  const officers = plan.inspectors.filter((o) => o.inPool);

  const onFinish = async (v: MoveValues) => {
    if (!item) return;
    setBusy(true);
    const sameTeam = v.team.length === item.team.length && v.team.every((id, i) => id === item.team[i]?.userId);
    try {
      await plansApi.move(plan.id, item.id, {
        version: plan.version,
        month: v.month !== item.month ? v.month : undefined,
        team: sameTeam ? undefined : v.team,
        reason: v.reason,
      });
      message.success(t("plans.moved"));
      onDone();
    } catch (err) {
      handleSaveError(err, {
        form,
        fieldNames: ["month", "team", "reason"],
        onStale: onDone,
        onOther: (e) => message.error(e.message),
        notify: message.error,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!item}
      title={item ? t("plans.moveTitle", { name: item.enterpriseName ?? item.enterpriseId }) : undefined}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ id: "plan-move-submit", loading: busy }}
      destroyOnHidden
    >
      {item && (
        <Form<MoveValues>
          form={form}
          name="plan-move"
          layout="vertical"
          onFinish={onFinish}
          preserve={false}
          initialValues={{ month: item.month, team: item.team.map((m) => m.userId), reason: "" }}
        >
          <Form.Item name="month" label={t("plans.monthN")}>
            <Select
              id="plan-move-month"
              virtual={false}
              options={months.map((m) => ({ value: m, label: t("plans.month", { month: m }) }))}
            />
          </Form.Item>
          <Form.Item
            name="team"
            label={t("plans.team")}
            extra={t("plans.moveTeamHelp")}
            rules={[
              {
                validator: (_, v: string[]) => (v?.length >= 2 ? Promise.resolve() : Promise.reject(new Error(t("plans.moveTeamTooFew")))),
              },
            ]}
          >
            <Select
              id="plan-move-team"
              mode="multiple"
              options={officers.map((o) => ({ value: o.userId, label: `${o.name}（${o.certNo ?? ""}）` }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("plans.moveReason")}
            rules={[{ required: true, whitespace: true, min: 2, message: t("plans.moveReasonRequired") }]}
          >
            <Input.TextArea id="plan-move-reason" rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
