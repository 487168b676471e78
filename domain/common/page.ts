import { z } from "zod";

export const maxPageSize = 100;

/** Query for every list endpoint: 1-based page, at most 100 rows. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(maxPageSize).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    /** Set when counting stopped at `total`: there are more rows (large lists count up to a cap, not exactly). */
    totalCapped: z.boolean().optional(),
  });
}
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number; totalCapped?: boolean };
