import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Col, Flex, Modal, Row, Statistic, Table, Typography } from "antd";
import { useState } from "react";
import { UploadDrop, useUpload } from "../../components/upload-drop.js";
import { useT } from "../../i18n/i18n-context.js";
import { type RegionImportReport, regionsApi } from "./regions-api.js";

const filePattern = /\.(csv|xlsx)$/i;

/** A CSV template with the header the server reads and one example row (UTF-8 with BOM, so Excel opens it right). */
function templateHref(): string {
  const csv = "\uFEFF代码,名称,上级代码\r\n320481002901,新城社区居民委员会,320481002\r\n";
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

type Done = { fileName: string; report: RegionImportReport };

type RegionImportModalProps = {
  open: boolean;
  onClose: () => void;
  /** After a file has been imported (the tree should be reloaded). */
  onImported: () => void;
};

/** An administrator's division import: upload a .csv or .xlsx, the server applies it and answers the report. */
export function RegionImportModal({ open, onClose, onImported }: RegionImportModalProps) {
  const t = useT();
  return (
    <Modal open={open} title={t("regionImport.title")} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      {open && <ImportBody onClose={onClose} onImported={onImported} />}
    </Modal>
  );
}

function ImportBody({ onClose, onImported }: Omit<RegionImportModalProps, "open">) {
  const t = useT();
  const [done, setDone] = useState<Done>();
  // Closing the dialog stops an upload in flight (the server applies a file only once it has all of it).
  const upload = useUpload(regionsApi.importFile, (file, report) => {
    setDone({ fileName: file.name, report });
    onImported();
  });

  if (done) return <ReportView done={done} onAgain={() => setDone(undefined)} onClose={onClose} />;

  return (
    <Flex vertical gap={16}>
      <Alert
        type="info"
        showIcon
        description={
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            <li>{t("regionImport.how1")}</li>
            <li>{t("regionImport.how2")}</li>
            <li>{t("regionImport.how3")}</li>
          </ol>
        }
      />
      <div>
        <Button icon={<DownloadOutlined />} href={templateHref()} download="region-import-template.csv">
          {t("regionImport.template")}
        </Button>
      </div>
      <UploadDrop
        upload={upload}
        pattern={filePattern}
        format=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        wrongType={(name) => t("regionImport.wrongType", { name })}
        errorTitle={t("regionImport.failed")}
        drop={t("regionImport.drop")}
        hint={t("regionImport.dropHint")}
        progressText={(sending) => t("regionImport.uploading", { name: sending.fileName })}
        testIdPrefix="region-import"
      />
    </Flex>
  );
}

function ReportView({ done, onAgain, onClose }: { done: Done; onAgain: () => void; onClose: () => void }) {
  const t = useT();
  const { report } = done;
  return (
    <Flex vertical gap={16} data-testid="region-import-report">
      <Alert type={report.rejected.length ? "warning" : "success"} showIcon title={t("regionImport.done", { name: done.fileName })} />
      <Row gutter={16}>
        <Col span={6}>
          <Statistic data-testid="region-import-inserted" title={t("regionImport.inserted")} value={report.inserted} />
        </Col>
        <Col span={6}>
          <Statistic data-testid="region-import-renamed" title={t("regionImport.renamed")} value={report.renamed} />
        </Col>
        <Col span={6}>
          <Statistic title={t("regionImport.unchanged")} value={report.unchanged} />
        </Col>
        <Col span={6}>
          <Statistic
            data-testid="region-import-rejected"
            title={t("regionImport.rejected")}
            value={report.rejected.length}
            styles={report.rejected.length ? { content: { color: "#cf1322" } } : undefined}
          />
        </Col>
      </Row>
      {report.rejected.length > 0 && (
        <>
          <Typography.Text strong>{t("regionImport.rejections")}</Typography.Text>
          <Typography.Text type="secondary">{t("regionImport.rowHint")}</Typography.Text>
          <Table
            data-testid="region-import-rejections"
            size="small"
            rowKey="index"
            dataSource={report.rejected}
            pagination={report.rejected.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[
              { title: t("regionImport.row"), dataIndex: "index", key: "row", width: 90, render: (i: number) => i + 1 },
              {
                title: t("regionImport.code"),
                dataIndex: "code",
                key: "code",
                width: 150,
                render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
              },
              { title: t("regionImport.reason"), dataIndex: "reason", key: "reason" },
            ]}
          />
        </>
      )}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onAgain}>{t("regionImport.again")}</Button>
        <Button id="region-import-close" type="primary" onClick={onClose}>
          {t("regionImport.close")}
        </Button>
      </Flex>
    </Flex>
  );
}
