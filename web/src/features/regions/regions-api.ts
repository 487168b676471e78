import type { z } from "zod";
import type {
  RegionDetail,
  RegionLevel,
  RegionList,
  RegionNode,
  RegionSearchHit,
  RegionSearchResult,
} from "../../../../domain/regions/region.dto.js";
import { api } from "../../api/client.js";

export type { RegionDetail, RegionLevel, RegionNode };
export type RegionListBody = z.infer<typeof RegionList>;
export type RegionHit = z.infer<typeof RegionSearchHit>;
export type RegionSearchBody = z.infer<typeof RegionSearchResult>;
export type RegionSearchParams = { q: string; within?: string; level?: RegionLevel; limit?: number };

const at = (code: string) => `/api/regions/${encodeURIComponent(code)}`;

export const regionsApi = {
  /** The top-level nodes (the provinces of this deployment). */
  roots: (signal?: AbortSignal) => api.get<RegionListBody>("/api/regions", undefined, signal),
  /** Direct children, ordered by code. */
  children: (code: string, signal?: AbortSignal) => api.get<RegionListBody>(`${at(code)}/children`, undefined, signal),
  get: (code: string, signal?: AbortSignal) => api.get<RegionDetail>(at(code), undefined, signal),
  /** Name substring or code prefix; hits carry their full path name. */
  search: (params: RegionSearchParams, signal?: AbortSignal) => api.get<RegionSearchBody>("/api/regions/search", params, signal),
  rename: (code: string, body: { name: string; version: number }) => api.patch<RegionDetail>(at(code), body),
};
