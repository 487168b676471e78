import type { z } from "zod";
import type { Page } from "../../../../domain/common/page.js";
import type { Department } from "../../../../domain/departments/department.dto.js";
import type {
  InspectionPlan,
  InspectionPlanCreate,
  InspectionPlanDetail,
  InspectionPlanListQuery,
  InspectionPlanRegenerate,
  PlanDefaults,
  PlanItem,
  PlanItemMove,
  PlanItemsQuery,
} from "../../../../domain/inspections/plan.dto.js";
import { api, request } from "../../api/client.js";

export type { Department, InspectionPlan, InspectionPlanDetail, PlanDefaults, PlanItem };
export type PlanListParams = Partial<z.infer<typeof InspectionPlanListQuery>>;
export type PlanItemsParams = Partial<z.infer<typeof PlanItemsQuery>>;

const at = (id: string) => `/api/inspection-plans/${encodeURIComponent(id)}`;

export const plansApi = {
  list: (query: PlanListParams, signal?: AbortSignal) => api.get<Page<InspectionPlan>>("/api/inspection-plans", query, signal),
  defaults: (signal?: AbortSignal) => api.get<PlanDefaults>("/api/inspection-plans/defaults", undefined, signal),
  create: (body: InspectionPlanCreate) => api.post<InspectionPlanDetail>("/api/inspection-plans", body),
  get: (id: string, signal?: AbortSignal) => api.get<InspectionPlanDetail>(at(id), undefined, signal),
  regenerate: (id: string, body: InspectionPlanRegenerate) => request<InspectionPlanDetail>(at(id), { method: "PUT", body }),
  approve: (id: string, version: number) => api.post<InspectionPlanDetail>(`${at(id)}/approve`, { version }),
  items: (id: string, query: PlanItemsParams, signal?: AbortSignal) => api.get<Page<PlanItem>>(`${at(id)}/items`, query, signal),
  move: (id: string, itemId: string, body: PlanItemMove) =>
    api.patch<{ version: number; item: PlanItem }>(`${at(id)}/items/${encodeURIComponent(itemId)}`, body),
  /** The departments of a region, for a department's own plan. */
  departments: (regionCode: string, signal?: AbortSignal) =>
    api.get<Page<Department>>("/api/departments", { regionCode, page: 1, pageSize: 100 }, signal),
};
