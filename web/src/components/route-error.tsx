import { ReloadOutlined } from "@ant-design/icons";
import { Button, Result, Typography } from "antd";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { useT } from "../i18n/i18n-context.js";
import { NotFound } from "./not-found.js";

/** Router error boundary: a page that threw while rendering or a lazy chunk that failed to load. */
export function RouteError() {
  const t = useT();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  const detail = error instanceof Error ? error.message : isRouteErrorResponse(error) ? error.statusText : undefined;
  return (
    <Result
      status="error"
      title={t("error.pageCrashed")}
      subTitle={
        <>
          <div>{t("error.pageCrashedDesc")}</div>
          {detail && (
            <Typography.Text type="secondary" code>
              {detail}
            </Typography.Text>
          )}
        </>
      }
      extra={
        <Button type="primary" icon={<ReloadOutlined />} onClick={() => window.location.reload()}>
          {t("error.reloadPage")}
        </Button>
      }
    />
  );
}
