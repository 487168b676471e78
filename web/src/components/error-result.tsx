import { ReloadOutlined } from "@ant-design/icons";
import { Button, Result, Typography } from "antd";
import type { ReactNode } from "react";
import type { ApiError } from "../api/client.js";
import { useT } from "../i18n/i18n-context.js";

type ErrorResultProps = { error: ApiError; title?: ReactNode; onRetry?: () => void };

/** A failed load: the server's localised message, its request id and a retry button. */
export function ErrorResult({ error, title, onRetry }: ErrorResultProps) {
  const t = useT();
  return (
    <Result
      status={error.status === 0 ? "warning" : "error"}
      title={title ?? t("error.loadFailed")}
      subTitle={
        <>
          <div role="alert">{error.message}</div>
          {error.requestId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("error.requestId", { id: error.requestId })}
            </Typography.Text>
          )}
        </>
      }
      extra={
        onRetry && (
          <Button type="primary" icon={<ReloadOutlined />} onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )
      }
    />
  );
}
