import { FileExcelOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { useT } from "../../i18n/i18n-context.js";
import { PageHeader } from "../page-header.js";

/** A statistics page's title with a refresh button and, where the server offers it, the table as Excel. */
export function StatsHeader({ title, onReload, xlsx }: { title: string; onReload: () => void; xlsx?: { href: string; testId: string } }) {
  const t = useT();
  return (
    <PageHeader
      title={title}
      extra={
        <>
          <Tooltip title={t("common.refresh")}>
            <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={onReload} />
          </Tooltip>
          {xlsx && (
            // A plain link: the browser downloads the file with the session cookie.
            <Button icon={<FileExcelOutlined />} href={xlsx.href} data-testid={xlsx.testId}>
              {t("stats.download")}
            </Button>
          )}
        </>
      }
    />
  );
}
