import type { z } from "zod";
import type { Page } from "../../../../domain/common/page.js";
import type { ChecklistListQuery, ChecklistSummary } from "../../../../domain/inspections/checklist.dto.js";
import type {
  Inspection,
  InspectionCreate,
  InspectionDetail,
  InspectionFinish,
  InspectionListQuery,
  InspectionResponsesPut,
  InspectionResponsesResult,
  InspectorOption,
} from "../../../../domain/inspections/inspection.dto.js";
import { api, request } from "../../api/client.js";

export type { ChecklistSummary, Inspection, InspectionDetail, InspectionResponsesResult };
export type InspectionCreateBody = z.input<typeof InspectionCreate>;
export type InspectionFinishBody = z.input<typeof InspectionFinish>;
export type InspectionFilters = Omit<z.input<typeof InspectionListQuery>, "page" | "pageSize">;
export type ChecklistFilters = Omit<z.input<typeof ChecklistListQuery>, "page" | "pageSize">;

const at = (id: string) => `/api/inspections/${encodeURIComponent(id)}`;

export const inspectionsApi = {
  list: (query: InspectionFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<Inspection>>("/api/inspections", query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<InspectionDetail>(at(id), undefined, signal),
  create: (body: InspectionCreateBody) => api.post<InspectionDetail>("/api/inspections", body),
  /** The offline queue's batch (version-guarded; a replayed batch is answered with the current state). */
  putResponses: (id: string, body: InspectionResponsesPut) =>
    request<InspectionResponsesResult>(`${at(id)}/responses`, { method: "PUT", body }),
  finish: (id: string, body: InspectionFinishBody) => api.post<InspectionDetail>(`${at(id)}/finish`, body),
  teamCandidates: (q: string | undefined, signal?: AbortSignal) =>
    api.get<InspectorOption[]>("/api/inspections/team-candidates", { q }, signal),
  reportUrl: (id: string) => `${at(id)}/report.pdf`,
  photoUrl: (photoId: string) => `/api/inspection-photos/${encodeURIComponent(photoId)}`,
  /** Published templates the caller may start an inspection from (helper module checklists). */
  checklists: (query: ChecklistFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<ChecklistSummary>>("/api/checklists", { published: "true", ...query }, signal),
};
