import type { z } from "zod";
import type { Page } from "../../../../domain/common/page.js";
import type {
  Department,
  DepartmentCreate,
  DepartmentForIndustry,
  DepartmentKind,
  DepartmentUpdate,
  IndustryMapping,
  IndustryMappingEntry,
  IndustryMappingList,
} from "../../../../domain/departments/department.dto.js";
import { api, request } from "../../api/client.js";

export type { Department, DepartmentForIndustry, DepartmentKind, IndustryMapping };
export type MappingEntry = z.infer<typeof IndustryMappingEntry>;
export type DepartmentFilters = { regionCode?: string; kind?: DepartmentKind };
export type DepartmentListParams = DepartmentFilters & { page: number; pageSize: number };

const at = (id: string) => `/api/departments/${encodeURIComponent(id)}`;

export const departmentsApi = {
  /** Departments in a region's subtree (the region itself included), by region then kind. */
  list: (params: DepartmentListParams, signal?: AbortSignal) => api.get<Page<Department>>("/api/departments", params, signal),
  create: (body: z.input<typeof DepartmentCreate>) => api.post<Department>("/api/departments", body),
  update: (id: string, body: z.input<typeof DepartmentUpdate>) => api.patch<Department>(at(id), body),

  mapping: (signal?: AbortSignal) => api.get<IndustryMappingList>("/api/industry-mapping", undefined, signal),
  /** Replaces the whole table (administrators). */
  replaceMapping: (items: IndustryMapping[], revision: string) =>
    request<IndustryMappingList>("/api/industry-mapping", { method: "PUT", body: { items, revision } }),
  /** The industry regulator the saved table gives an enterprise of `industryCode` in `regionCode`. */
  resolve: (regionCode: string, industryCode: string, signal?: AbortSignal) =>
    api.get<DepartmentForIndustry>("/api/industry-mapping/resolve", { regionCode, industryCode }, signal),
};

/**
 * The departments that may supervise an enterprise of `villageCode`: those of its city, county and township
 * (departments sit at those levels only). Listing is by subtree and ordered by region code, so each
 * level's own departments come first in its listing; one short page per level holds them all.
 */
export async function departmentsAbove(villageCode: string, signal?: AbortSignal): Promise<Department[]> {
  const levels = [4, 6, 9].filter((n) => n < villageCode.length).map((n) => villageCode.slice(0, n));
  const pages = await Promise.all(levels.map((code) => departmentsApi.list({ regionCode: code, page: 1, pageSize: 50 }, signal)));
  return pages.flatMap((p, i) => p.items.filter((d) => d.regionCode === levels[i]));
}
