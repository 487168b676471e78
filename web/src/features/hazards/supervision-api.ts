import type { z } from "zod";
import type { Page } from "../../../../domain/common/page.js";
import type {
  Supervision,
  SupervisionBoardItem,
  SupervisionBoardQuery,
  SupervisionCompletionInput,
  SupervisionDelistInput,
  SupervisionListInput,
  SupervisionResumptionDecisionInput,
  SupervisionResumptionInput,
} from "../../../../domain/hazards/supervision.dto.js";
import { api } from "../../api/client.js";
import type { HazardDetail } from "./hazards-api.js";

export type { Supervision, SupervisionBoardItem };
export type SupervisionBoardFilters = Omit<z.input<typeof SupervisionBoardQuery>, "page" | "pageSize">;

const at = (id: string) => `/api/hazards/${encodeURIComponent(id)}/supervision`;

/** 挂牌督办: each step answers the hazard with its listings and timeline. */
export const supervisionApi = {
  list: (id: string, body: z.input<typeof SupervisionListInput>) => api.post<HazardDetail>(at(id), body),
  completion: (id: string, body: z.input<typeof SupervisionCompletionInput>) => api.post<HazardDetail>(`${at(id)}/completion`, body),
  resumption: (id: string, body: z.input<typeof SupervisionResumptionInput>) => api.post<HazardDetail>(`${at(id)}/resumption`, body),
  decide: (id: string, body: z.input<typeof SupervisionResumptionDecisionInput>) =>
    api.post<HazardDetail>(`${at(id)}/resumption/decision`, body),
  delist: (id: string, body: z.input<typeof SupervisionDelistInput>) => api.post<HazardDetail>(`${at(id)}/delist`, body),
  board: (query: SupervisionBoardFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<SupervisionBoardItem>>("/api/hazards/supervision/board", query, signal),
};
