import { ErrorBody } from "../../../../domain/common/error.js";
import type { Page } from "../../../../domain/common/page.js";
import type {
  ExposureCandidate,
  ExposureCandidateQuery,
  ExposureList,
  ExposureListDetail,
} from "../../../../domain/hazards/exposure.dto.js";
import { ApiError, api, type Query, request } from "../../api/client.js";
import { acceptLanguageOf, getLang } from "../../i18n/language.js";
import { translate } from "../../i18n/messages.js";
import type { HazardFilters } from "./hazards-api.js";

export type { ExposureCandidate, ExposureList, ExposureListDetail };
export type CandidateKind = ExposureCandidateQuery["kind"];

const at = (id: string) => `/api/exposure/lists/${encodeURIComponent(id)}`;

export const exposureApi = {
  lists: (query: { region?: string; week?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<ExposureList>>("/api/exposure/lists", query, signal),
  open: (body: { regionCode?: string; weekStart: string }) => api.post<ExposureListDetail>("/api/exposure/lists", body),
  get: (id: string, signal?: AbortSignal) => api.get<ExposureListDetail>(at(id), undefined, signal),
  candidates: (id: string, query: { kind: CandidateKind; q?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<ExposureCandidate>>(`${at(id)}/candidates`, query, signal),
  add: (id: string, body: { version: number; hazardId: string; summary?: string }) => api.post<ExposureListDetail>(`${at(id)}/items`, body),
  editItem: (id: string, itemId: string, body: { version: number; summary: string }) =>
    api.patch<ExposureListDetail>(`${at(id)}/items/${encodeURIComponent(itemId)}`, body),
  removeItem: (id: string, itemId: string, version: number) =>
    request<ExposureListDetail>(`${at(id)}/items/${encodeURIComponent(itemId)}`, { method: "DELETE", query: { version } }),
  publish: (id: string, version: number) => api.post<ExposureListDetail>(`${at(id)}/publish`, { version }),
};

/** The file name the server gave (RFC 5987 filename* first), else `fallback`. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="([^"]+)"/i.exec(disposition ?? "")?.[1] ?? fallback;
}

/**
 * Downloads the filtered hazard register as .xlsx (GET /api/hazards/export.xlsx). Fetched rather than linked,
 * so a refusal (too many rows: narrow the filters) arrives as a message instead of a page of JSON.
 */
export async function downloadHazardsXlsx(filters: HazardFilters): Promise<void> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters as Query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  let response: Response;
  try {
    response = await fetch(`/api/hazards/export.xlsx?${params}`, {
      headers: { "Accept-Language": acceptLanguageOf(getLang()) },
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network", translate(getLang(), "error.network"));
  }
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ApiError(response.status, "http", translate(getLang(), "error.unexpected", { status: response.status }));
    throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.fields ?? []);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileNameOf(response.headers.get("content-disposition"), "hazards.xlsx");
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
