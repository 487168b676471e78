import type { z } from "zod";
import type {
  RegionDetail,
  RegionImportReport,
  RegionLevel,
  RegionList,
  RegionMerge,
  RegionMergeResult,
  RegionNode,
  RegionSearchHit,
  RegionSearchResult,
} from "../../../../domain/regions/region.dto.js";
import { api, upload } from "../../api/client.js";

export type { RegionDetail, RegionImportReport, RegionLevel, RegionMergeResult, RegionNode };
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
  /** 撤并: retires `code` in favour of a node of the same level (administrators). */
  merge: (code: string, body: RegionMerge) => api.post<RegionMergeResult>(`${at(code)}/merge`, body),
  /** Imports a division file (.csv or .xlsx) at once and answers the report (administrators). */
  importFile: (file: File, onProgress?: (percent: number) => void, signal?: AbortSignal) =>
    upload<RegionImportReport>("/api/regions/import/file", file, file.name, { onProgress, signal }),
};
