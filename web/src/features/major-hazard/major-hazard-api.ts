import type { z } from "zod";
import type { Page } from "../../../../domain/common/page.js";
import type {
  ComputeRequest,
  ComputeResponse,
  HazardUnit,
  HazardUnitCreate,
  HazardUnitSummary,
  HazardUnitUpdate,
  SubstanceHits,
} from "../../../../domain/major-hazard/major-hazard.dto.js";
import { api, request } from "../../api/client.js";

export type { HazardUnit, HazardUnitSummary };
export type ComputeBody = z.input<typeof ComputeRequest>;
export type ComputeResult = z.infer<typeof ComputeResponse>;
export type UnitResult = ComputeResult["units"][number];
export type SubstanceHit = z.infer<typeof SubstanceHits>["items"][number];
export type HazardUnitCreateBody = z.input<typeof HazardUnitCreate>;
export type HazardUnitUpdateBody = z.input<typeof HazardUnitUpdate>;
export type MajorHazardGrade = 1 | 2 | 3 | 4;
export const majorHazardGrades: MajorHazardGrade[] = [1, 2, 3, 4];

const unitsOf = (enterpriseId: string) => `/api/enterprises/${encodeURIComponent(enterpriseId)}/hazard-units`;
const unitAt = (id: string) => `/api/hazard-units/${encodeURIComponent(id)}`;

export const majorHazardApi = {
  /** GB 18218-2018 identification and grading with the working; nothing is stored. */
  compute: (body: ComputeBody, signal?: AbortSignal) =>
    request<ComputeResult>("/api/major-hazard/compute", { method: "POST", body, signal }),
  substances: (q: string, signal?: AbortSignal) =>
    api.get<z.infer<typeof SubstanceHits>>("/api/major-hazard/substances", { q, limit: 20 }, signal),
  /** Major hazard sources in the caller's scope, 一级 first. */
  sources: (query: { region?: string; level?: MajorHazardGrade; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<HazardUnitSummary>>("/api/major-hazard/sources", query, signal),
  units: (enterpriseId: string, query: { major?: "true" | "false"; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<HazardUnitSummary>>(unitsOf(enterpriseId), query, signal),
  create: (enterpriseId: string, body: HazardUnitCreateBody) => api.post<HazardUnit>(unitsOf(enterpriseId), body),
  get: (id: string, signal?: AbortSignal) => api.get<HazardUnit>(unitAt(id), undefined, signal),
  update: (id: string, body: HazardUnitUpdateBody) => api.patch<HazardUnit>(unitAt(id), body),
};
