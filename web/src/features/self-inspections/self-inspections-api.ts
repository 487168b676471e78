import type { z } from "zod";
import type { Page } from "../../../../domain/common/page.js";
import type { ChecklistSummary } from "../../../../domain/inspections/checklist.dto.js";
import type {
  SelfCompletion,
  SelfCompletionQuery,
  SelfCompletionRow,
  SelfSchedule,
  SelfScheduleCreate,
  SelfScheduleEnd,
  SelfScheduleStarted,
  SelfScheduleUpdate,
} from "../../../../domain/inspections/self.js";
import { api, request } from "../../api/client.js";

export type { ChecklistSummary, SelfCompletion, SelfCompletionRow, SelfSchedule, SelfScheduleStarted };
export type SelfScheduleCreateBody = z.input<typeof SelfScheduleCreate>;
export type SelfScheduleUpdateBody = z.input<typeof SelfScheduleUpdate>;
export type SelfScheduleEndBody = z.input<typeof SelfScheduleEnd>;
export type SelfCompletionParams = z.input<typeof SelfCompletionQuery>;
export type SelfScheduleQuery = {
  enterprise?: string;
  assignee?: string;
  active?: "true" | "false" | "all";
  page: number;
  pageSize: number;
};

const at = (id: string) => `/api/self-inspections/schedules/${encodeURIComponent(id)}`;

export const selfInspectionsApi = {
  list: (query: SelfScheduleQuery, signal?: AbortSignal) => api.get<Page<SelfSchedule>>("/api/self-inspections/schedules", query, signal),
  create: (body: SelfScheduleCreateBody) => api.post<SelfSchedule>("/api/self-inspections/schedules", body),
  update: (id: string, body: SelfScheduleUpdateBody) => request<SelfSchedule>(at(id), { method: "PUT", body }),
  end: (id: string, body: SelfScheduleEndBody) => api.post<SelfSchedule>(`${at(id)}/end`, body),
  /** Starts the open occurrence's self-inspection (or returns the one already begun). */
  start: (id: string) => api.post<SelfScheduleStarted>(`${at(id)}/start`),
  completion: (params: SelfCompletionParams, signal?: AbortSignal) =>
    api.get<SelfCompletion>("/api/self-inspections/completion", params, signal),
  /** Published checklists the enterprise can see (the server checks the choice again). */
  checklists: (q: string, signal?: AbortSignal) =>
    api.get<Page<ChecklistSummary>>("/api/checklists", { q: q || undefined, published: "true", page: 1, pageSize: 50 }, signal),
};
