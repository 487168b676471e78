import type { z } from "zod";
import type { Page } from "../../../../domain/common/page.js";
import type {
  CriterionItemDto,
  Hazard,
  HazardCreate,
  HazardDetail,
  HazardDetailsUpdate,
  HazardListQuery,
  HazardTransition,
} from "../../../../domain/hazards/hazard.dto.js";
import { api } from "../../api/client.js";

export type { Hazard, HazardDetail };
export type HazardCreateBody = z.input<typeof HazardCreate>;
export type HazardTransitionBody = z.input<typeof HazardTransition>;
export type HazardDetailsBody = z.input<typeof HazardDetailsUpdate>;
export type CriterionItem = z.infer<typeof CriterionItemDto>;
export type HazardFilters = Omit<z.input<typeof HazardListQuery>, "page" | "pageSize">;

const at = (id: string) => `/api/hazards/${encodeURIComponent(id)}`;

export const hazardsApi = {
  list: (query: HazardFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<Hazard>>("/api/hazards", query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<HazardDetail>(at(id), undefined, signal),
  report: (body: HazardCreateBody) => api.post<HazardDetail>("/api/hazards", body),
  transition: (id: string, body: HazardTransitionBody) => api.post<HazardDetail>(`${at(id)}/transitions`, body),
  /** 完善信息: place, category, sub-type and grade of an open hazard (version-guarded). */
  completeDetails: (id: string, body: HazardDetailsBody) => api.patch<HazardDetail>(at(id), body),
  criteria: (enterpriseId: string, signal?: AbortSignal) =>
    api.get<CriterionItem[]>(`/api/enterprises/${encodeURIComponent(enterpriseId)}/hazard-criteria`, undefined, signal),
  photoUrl: (photoId: string) => `/api/hazard-photos/${encodeURIComponent(photoId)}`,
};
