import { SearchOutlined } from "@ant-design/icons";
import { Button, Form, Space, Table, type TableProps } from "antd";
import { useState } from "react";
import type { Page } from "../../../domain/common/page.js";
import { type ApiState, useApi } from "../api/use-api.js";
import { useT } from "../i18n/i18n-context.js";
import { ErrorResult } from "./error-result.js";

export type PagedList<F, T> = {
  list: ApiState<Page<T>>;
  filters: F;
  /** New filters start again from page 1. */
  applyFilters: (filters: F) => void;
  page: number;
  pageSize: number;
  setPaging: (page: number, pageSize: number) => void;
};

/** Filter + page state for a server-paginated list (every list endpoint takes page/pageSize ≤ 100). */
export function usePagedList<F extends object, T>(
  load: (query: F & { page: number; pageSize: number }, signal: AbortSignal) => Promise<Page<T>>,
  initialFilters: F,
): PagedList<F, T> {
  const [filters, setFilters] = useState<F>(initialFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useApi((signal) => load({ ...filters, page, pageSize }, signal), [filters, page, pageSize]);
  return {
    list,
    filters,
    applyFilters: (next) => {
      setFilters(next);
      setPage(1);
    },
    page,
    pageSize,
    // Changing the page size goes back to the first page.
    setPaging: (p, size) => {
      setPage(size === pageSize ? p : 1);
      setPageSize(size);
    },
  };
}

type PagedTableProps<F, T> = Omit<TableProps<T>, "dataSource" | "loading" | "pagination"> & {
  paged: PagedList<F, T>;
  emptyText: string;
};

/** A list page's table: loading state, an error with retry instead of a blank table, server pagination. */
export function PagedTable<F, T extends object>({ paged, emptyText, ...table }: PagedTableProps<F, T>) {
  const t = useT();
  const { list } = paged;
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Table<T>
      size="middle"
      scroll={{ x: "max-content" }}
      {...table}
      dataSource={list.data?.items}
      loading={list.loading}
      locale={{ emptyText }}
      pagination={{
        current: paged.page,
        pageSize: paged.pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => t(list.data?.totalCapped ? "common.totalCapped" : "common.total", { total }),
        onChange: paged.setPaging,
      }}
    />
  );
}

/** The search and reset buttons closing an inline filter form. */
export function FilterActions({ onReset }: { onReset: () => void }) {
  const t = useT();
  return (
    <Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t("common.search")}
        </Button>
        <Button onClick={onReset}>{t("common.reset")}</Button>
      </Space>
    </Form.Item>
  );
}
