import type { z } from "zod";
import type { AuditEntry } from "../../../../domain/audit/audit.dto.js";
import type { Page } from "../../../../domain/common/page.js";
import type {
  Enterprise,
  EnterpriseCategory,
  EnterpriseCreate,
  EnterpriseScale,
  EnterpriseSort,
  EnterpriseStatus,
  EnterpriseUpdate,
  enterpriseTransitions,
} from "../../../../domain/enterprise/enterprise.dto.js";
import type { ImportReport } from "../../../../domain/enterprise/enterprise-import.dto.js";
import type { Industry, IndustryLevel } from "../../../../domain/industries/industry.dto.js";
import { api, type Query, upload } from "../../api/client.js";

export type { Enterprise, ImportReport, Industry };
export type EnterpriseScaleValue = z.infer<typeof EnterpriseScale>;
export type EnterpriseSortValue = z.infer<typeof EnterpriseSort>;
export type EnterpriseAction = (typeof enterpriseTransitions)[number];

export type EnterpriseFilters = {
  q?: string;
  region?: string;
  industry?: string;
  category?: EnterpriseCategory;
  scale?: EnterpriseScaleValue;
  status?: EnterpriseStatus;
  sort?: EnterpriseSortValue;
};
/** Request bodies as sent: fields with a server default may be left out. */
export type EnterpriseCreateBody = z.input<typeof EnterpriseCreate>;
export type EnterpriseUpdateBody = z.input<typeof EnterpriseUpdate>;
export type EnterpriseListParams = EnterpriseFilters & { page: number; pageSize: number };
export type IndustryLevelValue = z.infer<typeof IndustryLevel>;
export type IndustrySearchParams = { q?: string; level?: IndustryLevelValue; limit?: number };

const at = (id: string) => `/api/enterprises/${encodeURIComponent(id)}`;
const importAt = (id: string) => `/api/enterprises/import/${encodeURIComponent(id)}`;

/** A same-origin GET link with the set query values (for downloads the browser handles itself). */
function linkOf(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export const enterprisesApi = {
  list: (params: EnterpriseListParams, signal?: AbortSignal) => api.get<Page<Enterprise>>("/api/enterprises", params, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Enterprise>(at(id), undefined, signal),
  history: (id: string, params: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<AuditEntry>>(`${at(id)}/history`, params, signal),
  create: (body: EnterpriseCreateBody) => api.post<Enterprise>("/api/enterprises", body),
  update: (id: string, body: EnterpriseUpdateBody) => api.patch<Enterprise>(at(id), body),
  transition: (id: string, body: { action: EnterpriseAction; version: number; reason: string }) =>
    api.post<Enterprise>(`${at(id)}/status`, body),

  /** The filtered list as .xlsx (every page). */
  exportUrl: (filters: EnterpriseFilters) => linkOf("/api/enterprises/export", filters),
  templateUrl: () => "/api/enterprises/import/template",
  rejectionsUrl: (importId: string) => `${importAt(importId)}/rejections`,

  /** Uploads an .xlsx for validation; nothing is written until the import is committed. */
  importFile: (file: File, onProgress?: (percent: number) => void, signal?: AbortSignal) =>
    upload<ImportReport>("/api/enterprises/import", file, file.name, { onProgress, signal }),
  importReport: (importId: string, signal?: AbortSignal) => api.get<ImportReport>(importAt(importId), undefined, signal),
  commitImport: (report: ImportReport) => api.post<ImportReport>(`${importAt(report.id)}/commit`, { version: report.version }),
};

export const industriesApi = {
  /** Name substring or code prefix. */
  search: (params: IndustrySearchParams, signal?: AbortSignal) => api.get<{ items: Industry[] }>("/api/industries", params, signal),
};
