import type { z } from "zod";
import type { Page } from "../../../../domain/common/page.js";
import type {
  ChecklistCopy,
  ChecklistCreate,
  ChecklistDetail,
  ChecklistListQuery,
  ChecklistSummary,
  ChecklistUpdate,
  ChecklistVersionView,
} from "../../../../domain/inspections/checklist.dto.js";
import { api, request, upload } from "../../api/client.js";

export type { ChecklistDetail, ChecklistSummary, ChecklistVersionView };
export type ChecklistQuery = Omit<z.input<typeof ChecklistListQuery>, "page" | "pageSize"> & { page: number; pageSize: number };
export type ChecklistCreateBody = z.input<typeof ChecklistCreate>;
export type ChecklistUpdateBody = z.input<typeof ChecklistUpdate>;
export type ChecklistCopyBody = z.input<typeof ChecklistCopy>;

const at = (id: string) => `/api/checklists/${encodeURIComponent(id)}`;

export const checklistsApi = {
  list: (query: ChecklistQuery, signal?: AbortSignal) => api.get<Page<ChecklistSummary>>("/api/checklists", query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<ChecklistDetail>(at(id), undefined, signal),
  version: (id: string, version: number, signal?: AbortSignal) =>
    api.get<ChecklistVersionView>(`${at(id)}/versions/${version}`, undefined, signal),
  create: (body: ChecklistCreateBody) => api.post<ChecklistDetail>("/api/checklists", body),
  update: (id: string, body: ChecklistUpdateBody) => request<ChecklistDetail>(at(id), { method: "PUT", body }),
  publish: (id: string, version: number) => api.post<ChecklistDetail>(`${at(id)}/publish`, { version }),
  copy: (id: string, body: ChecklistCopyBody) => api.post<ChecklistDetail>(`${at(id)}/copy`, body),
  importFile: (file: File, onProgress: (percent: number) => void, signal: AbortSignal) =>
    upload<ChecklistDetail>("/api/checklists/import", file, file.name, { onProgress, signal }),
  /** A plain link: the session cookie goes along with a GET, the server names the file. */
  exportUrl: (id: string, version?: number) => `${at(id)}/export.xlsx${version ? `?version=${version}` : ""}`,
};
