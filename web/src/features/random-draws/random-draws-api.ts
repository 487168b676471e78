import type { Page } from "../../../../domain/common/page.js";
import type { PublicDrawResults } from "../../../../domain/inspections/inspection.dto.js";
import type {
  PublicRandomDraw,
  PublicRandomDrawListItem,
  RandomDraw,
  RandomDrawPrepare,
  RandomDrawSummary,
} from "../../../../domain/inspections/random-draw.dto.js";
import { api } from "../../api/client.js";

export type { PublicDrawResults, PublicRandomDraw, PublicRandomDrawListItem, RandomDraw, RandomDrawSummary };
/** The prepare body as sent (defaults filled by the server). */
export type RandomDrawPrepareBody = Partial<RandomDrawPrepare> &
  Pick<RandomDrawPrepare, "planCode" | "title" | "regionCode" | "beaconSource" | "beaconId">;

const at = (id: string) => `/api/random-draws/${encodeURIComponent(id)}`;

export const randomDrawsApi = {
  list: (query: { status?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<RandomDrawSummary>>("/api/random-draws", query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<RandomDraw>(at(id), undefined, signal),
  prepare: (body: RandomDrawPrepareBody) => api.post<RandomDraw>("/api/random-draws", body),
  execute: (id: string, body: { version: number; beaconValue: string }) => api.post<RandomDraw>(`${at(id)}/execute`, body),
  recuse: (id: string, body: { version: number; certNo: string; uscc: string }) => api.post<RandomDraw>(`${at(id)}/recusals`, body),
  /** The public index of executed, revealed draws (R7); no sign-in needed. */
  publicList: (query: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<PublicRandomDrawListItem>>("/api/public/random-draws", query, signal),
  /** The published record; no sign-in needed. */
  publicRecord: (id: string, signal?: AbortSignal) =>
    api.get<PublicRandomDraw>(`/api/public/random-draws/${encodeURIComponent(id)}`, undefined, signal),
  /** R7: the results of the finished inspections of the drawn enterprises; no sign-in needed. */
  publicResults: (id: string, signal?: AbortSignal) =>
    api.get<PublicDrawResults>(`/api/public/random-draws/${encodeURIComponent(id)}/results`, undefined, signal),
};
