import type { PaginationProps } from "antd";
import { useSearchParams } from "react-router";
import type { Page, PageQuery } from "../../../domain/common/page.js";
import { type ApiState, useApi } from "../api/use-api.js";

const pageSize = 20;

export type PublicPagedList<F, T> = {
  filters: F;
  list: ApiState<Page<T>>;
  /** Sets (a value) or clears (undefined) query parameters; any change but the page's goes back to page 1. */
  setQuery: (next: Record<string, string | undefined>) => void;
  /** For the page's List or Table: 20 a page, hidden on a single page. */
  pagination: PaginationProps;
};

/**
 * A public list whose page and filters live in the address (`?page=&…`), so a shared link or a reload shows the
 * same rows. `readFilters` turns the address into the page's filters; page 1 leaves `page` out of it.
 */
export function usePublicPagedList<T, F extends object = Record<never, never>>({
  readFilters = () => ({}) as F,
  load,
}: {
  readFilters?: (params: URLSearchParams) => F;
  load: (query: F & PageQuery, signal: AbortSignal) => Promise<Page<T>>;
}): PublicPagedList<F, T> {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const filters = readFilters(params);
  const list = useApi((signal) => load({ ...filters, page, pageSize }, signal), [page, JSON.stringify(filters)]);
  const setQuery = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v ? merged.set(k, v) : merged.delete(k);
    if (!("page" in next)) merged.delete("page");
    setParams(merged, { replace: true });
  };
  return {
    filters,
    list,
    setQuery,
    pagination: {
      current: page,
      pageSize,
      total: list.data?.total ?? 0,
      hideOnSinglePage: true,
      showSizeChanger: false,
      onChange: (p) => setQuery({ page: p === 1 ? undefined : String(p) }),
    },
  };
}
