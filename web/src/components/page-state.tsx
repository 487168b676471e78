import { Empty, Flex, Spin } from "antd";
import type { ReactNode } from "react";
import type { ApiError } from "../api/client.js";
import { useT } from "../i18n/i18n-context.js";
import { ErrorResult } from "./error-result.js";

/** Centred spinner for a page or section that is loading. */
export function PageLoading({ fullPage = false }: { fullPage?: boolean }) {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullPage ? "100vh" : 240 }}>
      <Spin size="large" description={t("common.loading")} />
    </Flex>
  );
}

type PageStateProps = {
  loading: boolean;
  error?: ApiError;
  /** Shown instead of children when true (after loading without error). */
  empty?: boolean;
  emptyText?: ReactNode;
  onRetry?: () => void;
  children: ReactNode;
};

/** Loading → error (with retry) → empty → content; never a blank area. */
export function PageState({ loading, error, empty, emptyText, onRetry, children }: PageStateProps) {
  const t = useT();
  if (error) return <ErrorResult error={error} onRetry={onRetry} />;
  if (loading) return <PageLoading />;
  if (empty) return <Empty description={emptyText ?? t("common.empty")} />;
  return <>{children}</>;
}
