import { DownloadOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import type { Page } from "../../../../domain/common/page.js";
import { lastEndedPeriod, type ReportStatus } from "../../../../domain/hazards/stats.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { FilterActions, PagedTable, usePagedList } from "../../components/paged-table.js";
import { RegionSelect } from "../../components/region-select.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { enterprisesApi } from "../enterprises/enterprises-api.js";
import { type HazardReportPeriod, type HazardReportsOverview, statsApi } from "./stats-api.js";
import { periodChoices, periodLabel } from "./stats-periods.js";

const statusColours: Record<ReportStatus, string> = {
  not_due: "default",
  due: "processing",
  submitted_on_time: "success",
  submitted_late: "warning",
  missing: "error",
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT();
  return (
    <Tag color={statusColours[status]} data-status={status}>
      {t(`hazardReports.status.${status}` as MessageKey)}
    </Tag>
  );
}

/**
 * /hazards/reports: 16号令 Art. 14 (R4) statistics reports. An enterprise sees its periods with due days and
 * status, downloads each table as Excel and submits it signed by its principal; regulators follow which
 * enterprises of their region submitted a period, on time or not.
 */
export function HazardReportsPage() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={t("hazardReports.title")} />
      <Alert type="info" showIcon title={t("hazardReports.hint")} style={{ marginBottom: 16 }} />
      {me.enterpriseId ? <EnterpriseReports enterpriseId={me.enterpriseId} /> : roleHas(me.role, "hazards.review") && <RegionReports />}
    </>
  );
}

function EnterpriseReports({ enterpriseId }: { enterpriseId: string }) {
  const t = useT();
  const me = useCurrentUser();
  const list = useApi((signal) => statsApi.reports(enterpriseId, signal), [enterpriseId]);
  const [submitting, setSubmitting] = useState<HazardReportPeriod | null>(null);
  const maySubmit = me.role === "enterprise_admin";
  return (
    <PageState loading={list.loading && !list.data} error={list.error} onRetry={list.reload}>
      <Table<HazardReportPeriod>
        rowKey="period"
        size="middle"
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={list.data}
        data-testid="hazard-reports-table"
        columns={[
          { title: t("hazardReports.period"), dataIndex: "period", render: (code: string) => periodLabel(t, code) },
          { title: t("hazardReports.range"), key: "range", render: (_: unknown, p) => `${p.from} ~ ${p.to}` },
          { title: t("hazardReports.dueOn"), dataIndex: "dueOn" },
          { title: t("hazardReports.status"), dataIndex: "status", render: (s: ReportStatus) => <ReportStatusTag status={s} /> },
          {
            title: t("hazardReports.submittedAt"),
            key: "submitted",
            render: (_: unknown, p) =>
              p.submission ? (
                <span>
                  {formatDateTime(p.submission.submittedAt)} · {t("hazardReports.principal")} {p.submission.principalName}
                </span>
              ) : (
                t("common.none")
              ),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, p) => (
              <Space>
                <a href={statsApi.xlsxUrl(enterpriseId, p.period)} download data-testid={`report-download-${p.period}`}>
                  <DownloadOutlined /> {t("hazardReports.download")}
                </a>
                {maySubmit && (p.status === "due" || p.status === "missing") && (
                  <Button size="small" type="primary" id={`report-submit-${p.period}`} onClick={() => setSubmitting(p)}>
                    {t("hazardReports.submit")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {submitting && (
        <SubmitModal
          enterpriseId={enterpriseId}
          period={submitting}
          onClose={() => setSubmitting(null)}
          onDone={() => {
            setSubmitting(null);
            list.reload();
          }}
        />
      )}
    </PageState>
  );
}

function SubmitModal({
  enterpriseId,
  period,
  onClose,
  onDone,
}: {
  enterpriseId: string;
  period: HazardReportPeriod;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ principalName: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // The principal on file (一企一档) is the likely signatory.
  const enterprise = useApi((signal) => enterprisesApi.get(enterpriseId, signal), [enterpriseId]);
  const principalOnFile = enterprise.data?.principalName;
  useEffect(() => {
    if (principalOnFile && !form.isFieldTouched("principalName")) form.setFieldsValue({ principalName: principalOnFile });
  }, [principalOnFile, form]);
  const label = periodLabel(t, period.period);
  const onFinish = async ({ principalName }: { principalName: string }) => {
    setSaving(true);
    setError(null);
    try {
      await statsApi.submit(enterpriseId, period.period, principalName.trim());
      message.success(t("hazardReports.submitted", { period: label }));
      onDone();
    } catch (err) {
      setSaving(false);
      const e = toApiError(err);
      if (!applyFieldErrors(form, e, ["principalName"])) setError(e);
    }
  };
  return (
    <Modal
      open
      title={t("hazardReports.submitTitle", { period: label })}
      onCancel={onClose}
      okText={t("hazardReports.submit")}
      okButtonProps={{ id: "report-submit-ok", loading: saving }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("hazardReports.submitHint")}</Typography.Paragraph>
      <Form form={form} name="hazard-report-submit" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="principalName"
          label={t("hazardReports.principalName")}
          rules={[{ required: true, whitespace: true, message: t("hazardReports.principalRequired") }]}
        >
          <Input maxLength={50} />
        </Form.Item>
      </Form>
      <a href={statsApi.xlsxUrl(enterpriseId, period.period)} download>
        <DownloadOutlined /> {t("hazardReports.download")}
      </a>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

type Filters = { region?: string; period: string };
type Item = HazardReportsOverview["items"][number];

function RegionReports() {
  const t = useT();
  const me = useCurrentUser();
  const today = shanghaiDay(new Date());
  const choices = useMemo(() => periodChoices(today), [today]);
  const [form] = Form.useForm<Filters>();
  const initial: Filters = { region: me.regionCode ?? undefined, period: lastEndedPeriod(today, "quarterly").code };
  const [summary, setSummary] = useState<HazardReportsOverview | null>(null);
  const paged = usePagedList<Filters, Item>(async (q, signal) => {
    const overview = await statsApi.overview(q, signal);
    setSummary(overview);
    return { items: overview.items, total: overview.total, page: overview.page, pageSize: overview.pageSize } satisfies Page<Item>;
  }, initial);
  const period = summary?.period;
  return (
    <>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={initial}
        onFinish={(v) => paged.applyFilters(v)}
      >
        <Form.Item name="region">
          <RegionSelect
            rootCode={me.regionCode ?? undefined}
            allowClear={!me.regionCode}
            placeholder={t("hazardStats.region")}
            style={{ width: 220 }}
          />
        </Form.Item>
        <Form.Item name="period">
          <Select
            aria-label={t("hazardReports.period")}
            style={{ width: 180 }}
            options={choices.map((p) => ({ value: p.code, label: periodLabel(t, p.code) }))}
          />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.resetFields();
            paged.applyFilters(initial);
          }}
        />
        <Tooltip title={t("common.refresh")}>
          <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={paged.list.reload} />
        </Tooltip>
      </Form>
      {summary && period && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24}>
            <Typography.Text type="secondary">
              {periodLabel(t, period.period)} · {period.from} ~ {period.to} · {t("hazardReports.dueOn")} {period.dueOn}
            </Typography.Text>
          </Col>
          {(
            [
              ["enterprises", t("hazardReports.enterprises"), summary.enterprises],
              ["submitted", t("hazardReports.submittedCount"), summary.submitted],
              ["on-time", t("hazardReports.onTimeCount"), summary.onTime],
              ["not-submitted", t("hazardReports.notSubmitted"), Math.max(0, summary.enterprises - summary.submitted)],
            ] as const
          ).map(([id, title, value]) => (
            <Col key={id} xs={12} md={6}>
              <Card size="small">
                <Statistic title={title} value={value} data-testid={`reports-${id}`} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <PagedTable<Filters, Item>
        paged={paged}
        rowKey="enterpriseId"
        emptyText={t("hazardReports.empty")}
        data-testid="hazard-reports-overview"
        columns={[
          {
            title: t("hazardReports.enterprise"),
            dataIndex: "enterpriseName",
            render: (name: string, i) => <Link to={`/enterprises/${i.enterpriseId}`}>{name}</Link>,
          },
          { title: t("hazardReports.status"), dataIndex: "status", render: (s: ReportStatus) => <ReportStatusTag status={s} /> },
          {
            title: t("hazardReports.submittedAt"),
            key: "at",
            render: (_: unknown, i) => (i.submission ? formatDateTime(i.submission.submittedAt) : t("common.none")),
          },
          {
            title: t("hazardReports.principal"),
            key: "principal",
            render: (_: unknown, i) => i.submission?.principalName ?? t("common.none"),
          },
          {
            title: t("common.actions"),
            key: "download",
            render: (_: unknown, i) => (
              <a href={statsApi.xlsxUrl(i.enterpriseId, paged.filters.period)} download>
                <DownloadOutlined /> {t("hazardReports.download")}
              </a>
            ),
          },
        ]}
      />
    </>
  );
}
