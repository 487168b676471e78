import type { z } from "zod";
import type {
  CheckCompletion,
  CheckRecord,
  CheckRecordCreate,
  CheckTask,
  CheckTaskCreate,
  CheckTaskEnd,
  CheckTaskUpdate,
} from "../../../../domain/checks/check.dto.js";
import type { Page } from "../../../../domain/common/page.js";
import type { RiskPoint } from "../../../../domain/risk/risk.dto.js";
import { api } from "../../api/client.js";

export type { CheckCompletion, CheckRecord, CheckTask, RiskPoint };
export type CheckTaskCreateBody = z.input<typeof CheckTaskCreate>;
export type CheckTaskUpdateBody = z.input<typeof CheckTaskUpdate>;
export type CheckRecordBody = z.input<typeof CheckRecordCreate>;
export type CheckTaskEndBody = z.input<typeof CheckTaskEnd>;
export type CheckTaskQuery = {
  riskPoint?: string;
  assignee?: string;
  open?: "true" | "false";
  active?: "true" | "false" | "all";
  page: number;
  pageSize: number;
};

const enterpriseAt = (id: string) => `/api/enterprises/${encodeURIComponent(id)}`;
const taskAt = (id: string) => `/api/check-tasks/${encodeURIComponent(id)}`;

export const checksApi = {
  tasks: (enterpriseId: string, query: CheckTaskQuery, signal?: AbortSignal) =>
    api.get<Page<CheckTask>>(`${enterpriseAt(enterpriseId)}/check-tasks`, query, signal),
  completion: (enterpriseId: string, signal?: AbortSignal) =>
    api.get<CheckCompletion>(`${enterpriseAt(enterpriseId)}/check-completion`, undefined, signal),
  riskPoint: (id: string, signal?: AbortSignal) => api.get<RiskPoint>(`/api/risk-points/${encodeURIComponent(id)}`, undefined, signal),
  create: (riskPointId: string, body: CheckTaskCreateBody) =>
    api.post<CheckTask>(`/api/risk-points/${encodeURIComponent(riskPointId)}/check-tasks`, body),
  update: (id: string, body: CheckTaskUpdateBody) => api.patch<CheckTask>(taskAt(id), body),
  end: (id: string, body: CheckTaskEndBody) => api.post<CheckTask>(`${taskAt(id)}/end`, body),
  records: (id: string, page: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<CheckRecord>>(`${taskAt(id)}/records`, page, signal),
  record: (id: string, body: CheckRecordBody) => api.post<CheckRecord>(`${taskAt(id)}/records`, body),
  photoUrl: (recordId: string) => `/api/check-records/${encodeURIComponent(recordId)}/photo`,
};
