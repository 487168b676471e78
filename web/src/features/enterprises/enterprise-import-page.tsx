import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, RedoOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Flex, Result, Row, Statistic, Steps, Table, type TableProps, Typography } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { enterpriseColumns } from "../../../../domain/enterprise/enterprise-sheet.js";
import { toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { UploadDrop, useUpload } from "../../components/upload-drop.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { enterprisesApi, type ImportReport } from "./enterprises-api.js";

type Rejection = ImportReport["rejections"][number];

const xlsxPattern = /\.xlsx$/i;

/**
 * Excel import in three steps: upload (validated on the server, nothing written), the report with
 * every rejected row, and the commit of the valid rows. The import id lives in the URL (?id=), so a
 * reload comes back to the same report.
 */
export function EnterpriseImportPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const id = params.get("id") ?? undefined;
  // The latest report this page received (upload or commit); a reload reads it again by id.
  const [report, setReport] = useState<ImportReport>();
  const loaded = useApi((signal) => (id && report?.id !== id ? enterprisesApi.importReport(id, signal) : Promise.resolve(undefined)), [id]);
  const current = report?.id === id ? report : loaded.data?.id === id ? loaded.data : undefined;
  const step = !id ? 0 : current?.status === "committed" ? 2 : 1;

  const show = (next: ImportReport) => {
    setReport(next);
    if (next.id !== id) setParams({ id: next.id });
  };
  const restart = () => {
    setReport(undefined);
    setParams({});
  };

  return (
    <>
      <PageHeader
        title={t("enterpriseImport.title")}
        extra={
          <Link to="/enterprises">
            <Button>{t("enterprises.backToList")}</Button>
          </Link>
        }
      />
      <Card>
        <Steps
          current={step}
          status={step === 2 ? "finish" : "process"}
          style={{ marginBottom: 24 }}
          items={[
            { title: t("enterpriseImport.stepUpload") },
            { title: t("enterpriseImport.stepReport") },
            { title: t("enterpriseImport.stepCommit") },
          ]}
        />
        {!id ? (
          <UploadStep onUploaded={show} />
        ) : (
          <PageState loading={!current} error={loaded.error} onRetry={loaded.reload}>
            {current &&
              (current.status === "committed" ? (
                <DoneStep report={current} onRestart={restart} />
              ) : (
                <ReportStep report={current} onCommitted={show} onRestart={restart} />
              ))}
          </PageState>
        )}
      </Card>
    </>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (report: ImportReport) => void }) {
  const t = useT();
  // Leaving the page stops an upload in flight.
  const upload = useUpload(enterprisesApi.importFile, (_file, report) => onUploaded(report));
  const requiredHeaders = enterpriseColumns.filter((c) => c.required).map((c) => c.header);

  return (
    <Flex vertical gap={16}>
      <Alert
        type="info"
        showIcon
        title={t("enterpriseImport.howTitle")}
        description={
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            <li>{t("enterpriseImport.how1")}</li>
            <li>{t("enterpriseImport.how2", { columns: requiredHeaders.join("、") })}</li>
            <li>{t("enterpriseImport.how3")}</li>
          </ol>
        }
      />
      <div>
        {/* A plain link: the browser downloads the workbook with the session cookie. */}
        <Button id="import-template" icon={<DownloadOutlined />} href={enterprisesApi.templateUrl()}>
          {t("enterpriseImport.template")}
        </Button>
      </div>
      <UploadDrop
        upload={upload}
        pattern={xlsxPattern}
        format=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        wrongType={(name) => t("enterpriseImport.onlyXlsx", { name })}
        errorTitle={t("enterpriseImport.uploadFailed")}
        drop={t("enterpriseImport.drop")}
        hint={t("enterpriseImport.dropHint")}
        // Once every byte is sent the server is validating the rows.
        progressText={(sending) =>
          sending.percent >= 100
            ? t("enterpriseImport.validating", { name: sending.fileName })
            : t("enterpriseImport.uploading", { name: sending.fileName })
        }
        testIdPrefix="import"
      />
    </Flex>
  );
}

function ReportStep({
  report,
  onCommitted,
  onRestart,
}: {
  report: ImportReport;
  onCommitted: (report: ImportReport) => void;
  onRestart: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [committing, setCommitting] = useState(false);
  const valid = report.toCreate + report.toUpdate;

  const commit = async () => {
    setCommitting(true);
    try {
      onCommitted(await enterprisesApi.commitImport(report));
    } catch (err) {
      const error = toApiError(err);
      message.error(error.message);
      // Committed meanwhile (another tab, a double click): show what the server holds now.
      if (error.status === 409) {
        try {
          onCommitted(await enterprisesApi.importReport(report.id));
        } catch {
          // The message above already said what went wrong.
        }
      }
    } finally {
      setCommitting(false);
    }
  };

  const columns: TableProps<Rejection>["columns"] = [
    { title: t("enterpriseImport.row"), dataIndex: "row", key: "row", width: 90 },
    { title: t("enterpriseImport.column"), dataIndex: "column", key: "column", width: 220 },
    { title: t("enterpriseImport.reason"), dataIndex: "message", key: "message" },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">
        {t("enterpriseImport.fileInfo", { name: report.fileName, at: formatDateTime(report.createdAt) })}
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic
            title={t("enterpriseImport.total")}
            value={report.total}
            formatter={(v) => <span data-testid="import-total">{v}</span>}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t("enterpriseImport.toCreate")}
            value={report.toCreate}
            styles={{ content: { color: "#389e0d" } }}
            formatter={(v) => <span data-testid="import-to-create">{v}</span>}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t("enterpriseImport.toUpdate")}
            value={report.toUpdate}
            styles={{ content: { color: "#1f4fd8" } }}
            formatter={(v) => <span data-testid="import-to-update">{v}</span>}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t("enterpriseImport.rejected")}
            value={report.rejected}
            styles={{ content: report.rejected > 0 ? { color: "#d4380d" } : undefined }}
            formatter={(v) => <span data-testid="import-rejected">{v}</span>}
          />
        </Col>
      </Row>
      {report.rejected > 0 ? (
        <>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t("enterpriseImport.rejections")}
            </Typography.Title>
            <Button id="import-rejections" icon={<DownloadOutlined />} href={enterprisesApi.rejectionsUrl(report.id)}>
              {t("enterpriseImport.downloadRejections")}
            </Button>
          </Flex>
          {report.rejections.length < report.rejected && (
            <Alert
              type="warning"
              showIcon
              title={t("enterpriseImport.rejectionsTruncated", { shown: report.rejections.length, total: report.rejected })}
            />
          )}
          <Table<Rejection>
            size="small"
            data-testid="import-rejection-table"
            rowKey={(r) => `${r.row}:${r.column}:${r.message}`}
            columns={columns}
            dataSource={report.rejections}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: "max-content" }}
          />
        </>
      ) : (
        <Alert type="success" showIcon title={t("enterpriseImport.allValid")} />
      )}
      <Alert
        type={valid > 0 ? "info" : "warning"}
        showIcon
        title={
          valid > 0
            ? t("enterpriseImport.commitHint", { create: report.toCreate, update: report.toUpdate })
            : t("enterpriseImport.nothingValid")
        }
      />
      <Flex gap={8} justify="flex-end" wrap>
        <Button icon={<RedoOutlined />} onClick={onRestart} disabled={committing}>
          {t("enterpriseImport.again")}
        </Button>
        <Button
          id="import-commit"
          type="primary"
          icon={<CloudUploadOutlined />}
          disabled={valid === 0}
          loading={committing}
          onClick={commit}
        >
          {t("enterpriseImport.commit")}
        </Button>
      </Flex>
    </Flex>
  );
}

function DoneStep({ report, onRestart }: { report: ImportReport; onRestart: () => void }) {
  const t = useT();
  return (
    <Result
      status="success"
      icon={<CheckCircleOutlined />}
      title={t("enterpriseImport.done")}
      subTitle={
        <span data-testid="import-result">
          {t("enterpriseImport.doneDesc", {
            create: report.toCreate,
            update: report.toUpdate,
            rejected: report.rejected,
            at: formatDateTime(report.committedAt),
          })}
        </span>
      }
      extra={[
        <Link key="list" to="/enterprises">
          <Button id="import-to-list" type="primary">
            {t("enterpriseImport.toList")}
          </Button>
        </Link>,
        <Button key="again" icon={<RedoOutlined />} onClick={onRestart}>
          {t("enterpriseImport.again")}
        </Button>,
      ]}
    />
  );
}
