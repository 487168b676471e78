import { DeleteOutlined, EditOutlined, GlobalOutlined, PlusOutlined, SendOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { addDays, shanghaiDay } from "../../../../domain/common/calendar.js";
import { toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { PageHeader } from "../../components/page-header.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { RegionSelect } from "../../components/region-select.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { type CandidateKind, type ExposureCandidate, type ExposureList, type ExposureListDetail, exposureApi } from "./exposure-api.js";
import { HazardLevelTag, HazardStateTag } from "./hazard-labels.js";

/** The Monday of the week a day falls in (weeks are named by their Monday). */
const mondayOf = (d: Dayjs) => d.subtract((d.day() + 6) % 7, "day").format("YYYY-MM-DD");

/**
 * /hazards/exposure — 每周曝光 (R12): a regulator picks a week (and, above county level, a region), opens or
 * starts its draft, adds overdue hazards from the candidates, edits what will be published, and a leader
 * approves and publishes it to /public/exposure.
 */
export function ExposurePage() {
  const t = useT();
  const me = useCurrentUser();
  const [week, setWeek] = useState(() => mondayOf(dayjs(shanghaiDay(new Date()))));
  const [region, setRegion] = useState<string | undefined>(me.regionCode ?? undefined);
  const current = useApi(
    async (signal): Promise<ExposureListDetail | null> => {
      if (!region) return null;
      const page = await exposureApi.lists({ region, week, page: 1, pageSize: 100 }, signal);
      const found = page.items.find((l) => l.regionCode === region);
      return found ? exposureApi.get(found.id, signal) : null;
    },
    [region, week],
  );
  const recent = usePagedList<object, ExposureList>((q, signal) => exposureApi.lists(q, signal), {});

  const openList = (l: Pick<ExposureList, "regionCode" | "weekStart">) => {
    setRegion(l.regionCode);
    setWeek(l.weekStart);
  };

  return (
    <>
      <PageHeader
        title={t("exposure.title")}
        extra={
          <Link to="/public/exposure" target="_blank">
            <Button icon={<GlobalOutlined />}>{t("exposure.publicPage")}</Button>
          </Link>
        }
      />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Space>
          <Typography.Text>{t("exposure.week")}</Typography.Text>
          <DatePicker
            id="exposure-week"
            picker="week"
            allowClear={false}
            value={dayjs(week)}
            format={(d) => t("exposure.weekRange", { from: mondayOf(d), to: addDays(mondayOf(d), 6) })}
            onChange={(d) => d && setWeek(mondayOf(d))}
            style={{ width: 240 }}
          />
        </Space>
        <Space>
          <Typography.Text>{t("exposure.region")}</Typography.Text>
          <RegionSelect
            value={region}
            onChange={setRegion}
            rootCode={me.regionCode ?? undefined}
            levels={["city", "county", "township"]}
            placeholder={t("exposure.regionRequired")}
            style={{ width: 240 }}
          />
        </Space>
      </Flex>

      {current.error ? (
        <ErrorResult error={current.error} onRetry={current.reload} />
      ) : !region ? (
        <Alert type="info" showIcon title={t("exposure.regionRequired")} />
      ) : current.data === null ? (
        <NoList
          region={region}
          week={week}
          onCreated={() => {
            current.reload();
            recent.list.reload();
          }}
        />
      ) : current.data ? (
        <ListEditor
          list={current.data}
          onChanged={() => {
            current.reload();
            recent.list.reload();
          }}
        />
      ) : (
        <Card loading />
      )}

      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t("exposure.recent")}
      </Typography.Title>
      <PagedTable<object, ExposureList>
        paged={recent}
        rowKey="id"
        emptyText={t("exposure.recentEmpty")}
        columns={[
          {
            title: t("exposure.week"),
            dataIndex: "weekStart",
            render: (w: string) => t("exposure.weekRange", { from: w, to: addDays(w, 6) }),
          },
          { title: t("exposure.region"), dataIndex: "regionName" },
          { title: t("exposure.state"), dataIndex: "status", render: (s: ExposureList["status"]) => <ListStatusTag status={s} /> },
          { title: t("exposure.itemCount"), dataIndex: "itemCount" },
          { title: t("exposure.publishedAt"), dataIndex: "publishedAt", render: (d: string | null) => formatDateTime(d) },
          {
            title: t("common.actions"),
            key: "open",
            render: (_: unknown, l) => (
              <Button type="link" size="small" onClick={() => openList(l)}>
                {t("exposure.open")}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

function ListStatusTag({ status }: { status: ExposureList["status"] }) {
  const t = useT();
  return (
    <Tag color={status === "published" ? "success" : "default"} data-status={status}>
      {t(`exposure.status.${status}` as MessageKey)}
    </Tag>
  );
}

function NoList({ region, week, onCreated }: { region: string; week: string; onCreated: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Card>
      <Empty description={t("exposure.noList")}>
        <Button
          id="exposure-create"
          type="primary"
          icon={<PlusOutlined />}
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await exposureApi.open({ regionCode: region, weekStart: week });
              message.success(t("exposure.created"));
              onCreated();
            } catch (err) {
              message.error(toApiError(err).message);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("exposure.create")}
        </Button>
      </Empty>
    </Card>
  );
}

function ListEditor({ list, onChanged }: { list: ExposureListDetail; onChanged: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<ExposureListDetail["items"][number]>();
  const draft = list.status === "draft";
  const mayPublish = roleHas(me.role, "exposure.publish");

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
    } catch (err) {
      message.error(toApiError(err).message);
    } finally {
      onChanged();
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            <span>{list.regionName}</span>
            <span>{t("exposure.weekRange", { from: list.weekStart, to: addDays(list.weekStart, 6) })}</span>
            <ListStatusTag status={list.status} />
          </Space>
        }
        extra={
          draft &&
          mayPublish && (
            <Popconfirm
              title={t("exposure.publishConfirm")}
              onConfirm={() => act(() => exposureApi.publish(list.id, list.version), t("exposure.publishedOk"))}
            >
              <Button id="exposure-publish" type="primary" icon={<SendOutlined />} disabled={list.items.length === 0}>
                {t("exposure.publish")}
              </Button>
            </Popconfirm>
          )
        }
      >
        {draft && !mayPublish && <Alert type="info" showIcon title={t("exposure.publishHint")} style={{ marginBottom: 12 }} />}
        {!draft && (
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t("exposure.publishedAt")}>{formatDateTime(list.publishedAt)}</Descriptions.Item>
            <Descriptions.Item label={t("exposure.approvedBy")}>{list.approvedByName ?? "—"}</Descriptions.Item>
          </Descriptions>
        )}
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t("exposure.items", { count: list.items.length })}
        </Typography.Title>
        <Table
          size="middle"
          rowKey="id"
          data-testid="exposure-items"
          scroll={{ x: "max-content" }}
          pagination={false}
          dataSource={list.items}
          locale={{ emptyText: t("exposure.itemsEmpty") }}
          columns={[
            { title: t("exposure.enterprise"), dataIndex: "enterpriseName" },
            { title: t("exposure.uscc"), dataIndex: "uscc" },
            {
              title: t("exposure.summary"),
              dataIndex: "summary",
              render: (s: string) => <span style={{ display: "inline-block", maxWidth: 320 }}>{s}</span>,
            },
            { title: t("exposure.deadline"), dataIndex: "deadline", render: (d: string | null) => d ?? "—" },
            {
              title: t("exposure.daysOverdue"),
              dataIndex: "daysOverdue",
              render: (d: number) => (
                <Typography.Text type={d > 0 ? "danger" : undefined}>{t("exposure.daysOverdueValue", { days: d })}</Typography.Text>
              ),
            },
            { title: t("exposure.state"), dataIndex: "status", render: (s: ExposureCandidate["state"]) => <HazardStateTag state={s} /> },
            { title: t("exposure.supervisingBody"), dataIndex: "supervisingBody" },
            ...(draft
              ? [
                  {
                    title: t("common.actions"),
                    key: "actions",
                    render: (_: unknown, item: ExposureListDetail["items"][number]) => (
                      <Space size={0}>
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(item)}>
                          {t("exposure.editSummary")}
                        </Button>
                        <Popconfirm
                          title={t("exposure.removeConfirm")}
                          onConfirm={() => act(() => exposureApi.removeItem(list.id, item.id, list.version), t("exposure.saved"))}
                        >
                          <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                            {t("exposure.remove")}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {draft && <Candidates list={list} onAdded={onChanged} />}
      {editing && (
        <SummaryModal
          summary={editing.summary}
          onCancel={() => setEditing(undefined)}
          onSave={async (summary) => {
            await exposureApi.editItem(list.id, editing.id, { version: list.version, summary });
            message.success(t("exposure.saved"));
            setEditing(undefined);
            onChanged();
          }}
        />
      )}
    </Space>
  );
}

function SummaryModal({ summary, onCancel, onSave }: { summary: string; onCancel: () => void; onSave: (s: string) => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<{ summary: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <Modal
      open
      title={t("exposure.editSummary")}
      okText={t("common.save")}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ summary }}
        onFinish={async (v) => {
          setBusy(true);
          setError(undefined);
          try {
            await onSave(v.summary.trim());
          } catch (err) {
            setError(toApiError(err).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="summary"
          label={t("exposure.summary")}
          extra={t("exposure.summaryHelp")}
          rules={[{ required: true, whitespace: true, message: t("exposure.summaryRequired") }]}
        >
          <Input.TextArea id="exposure-summary" rows={4} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type CandidateFilters = { kind: CandidateKind; q?: string };

function Candidates({ list, onAdded }: { list: ExposureListDetail; onAdded: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const paged = usePagedList<CandidateFilters, ExposureCandidate>((q, signal) => exposureApi.candidates(list.id, q, signal), {
    kind: "escalated",
  });
  const [adding, setAdding] = useState<string>();
  // A change to the list (an item added or removed) changes who is still a candidate.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the list's version moves.
  useEffect(() => paged.list.reload(), [list.version]);

  return (
    <Card title={t("exposure.candidates")} data-testid="exposure-candidates">
      <Typography.Paragraph type="secondary">{t("exposure.candidatesHelp")}</Typography.Paragraph>
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Segmented<CandidateKind>
          value={paged.filters.kind}
          onChange={(kind) => paged.applyFilters({ ...paged.filters, kind })}
          options={[
            { value: "escalated", label: t("exposure.kind.escalated") },
            { value: "overdue", label: t("exposure.kind.overdue") },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t("exposure.searchDescription")}
          style={{ width: 240 }}
          onSearch={(q) => paged.applyFilters({ ...paged.filters, q: q.trim() || undefined })}
        />
      </Flex>
      <PagedTable<CandidateFilters, ExposureCandidate>
        paged={paged}
        rowKey="hazardId"
        emptyText={t("exposure.candidatesEmpty")}
        columns={[
          { title: t("exposure.enterprise"), dataIndex: "enterpriseName" },
          {
            title: t("exposure.description"),
            dataIndex: "description",
            render: (d: string, c) => (
              <Link to={`/hazards/${c.hazardId}`} style={{ display: "inline-block", maxWidth: 320 }}>
                {d}
              </Link>
            ),
          },
          { title: t("exposure.level"), dataIndex: "level", render: (l: ExposureCandidate["level"]) => <HazardLevelTag level={l} /> },
          { title: t("exposure.deadline"), dataIndex: "deadline", render: (d: string | null) => d ?? "—" },
          {
            title: t("exposure.daysOverdue"),
            dataIndex: "daysOverdue",
            render: (d: number) => <Typography.Text type="danger">{t("exposure.daysOverdueValue", { days: d })}</Typography.Text>,
          },
          {
            title: t("exposure.rungs"),
            dataIndex: "rungs",
            render: (rungs: string[]) => rungs.map((r) => <Tag key={r}>{t(`exposure.rung.${r}` as MessageKey)}</Tag>),
          },
          {
            title: t("common.actions"),
            key: "add",
            render: (_: unknown, c) => (
              <Button
                size="small"
                type="primary"
                ghost
                icon={<PlusOutlined />}
                loading={adding === c.hazardId}
                data-testid={`exposure-add-${c.hazardId}`}
                onClick={async () => {
                  setAdding(c.hazardId);
                  try {
                    await exposureApi.add(list.id, { version: list.version, hazardId: c.hazardId });
                    message.success(t("exposure.addedOk"));
                  } catch (err) {
                    message.error(toApiError(err).message);
                  } finally {
                    setAdding(undefined);
                    onAdded();
                  }
                }}
              >
                {t("exposure.add")}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
