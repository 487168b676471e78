import { DownloadOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { toApiError } from "../../api/client.js";
import { useT } from "../../i18n/i18n-context.js";
import { downloadHazardsXlsx } from "./exposure-api.js";
import type { HazardFilters } from "./hazards-api.js";

/** 导出 Excel: the register with the filters in force (issue §7); too many rows → the server's message. */
export function HazardsExportButton({ filters }: { filters: HazardFilters }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      id="hazards-export"
      size="large"
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadHazardsXlsx(filters);
        } catch (err) {
          message.error(`${t("hazards.exportFailed")}: ${toApiError(err).message}`);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t("hazards.exportXlsx")}
    </Button>
  );
}
