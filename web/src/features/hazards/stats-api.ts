import type { z } from "zod";
import type {
  HazardReportPeriod,
  HazardReportsOverview,
  HazardStatsGroup,
  HazardStatsQuery,
  HazardStatsResult,
} from "../../../../domain/hazards/stats.dto.js";
import { api } from "../../api/client.js";

export type { HazardReportPeriod, HazardReportsOverview, HazardStatsGroup, HazardStatsResult };
export type StatsParams = z.input<typeof HazardStatsQuery>;

const reportsAt = (enterpriseId: string) => `/api/enterprises/${encodeURIComponent(enterpriseId)}/hazard-reports`;

export const statsApi = {
  stats: (params: StatsParams, signal?: AbortSignal) => api.get<HazardStatsResult>("/api/hazards/stats", params, signal),
  /** An enterprise's 16号令 statistics reports (R4) with due days and status. */
  reports: (enterpriseId: string, signal?: AbortSignal) => api.get<HazardReportPeriod[]>(reportsAt(enterpriseId), undefined, signal),
  /** The statistics table as .xlsx: a plain link, the browser downloads it with the session cookie. */
  xlsxUrl: (enterpriseId: string, period: string) => `${reportsAt(enterpriseId)}/${encodeURIComponent(period)}/xlsx`,
  submit: (enterpriseId: string, period: string, principalName: string) =>
    api.post<HazardReportPeriod>(`${reportsAt(enterpriseId)}/${encodeURIComponent(period)}/submit`, { principalName }),
  /** Regulators: each enterprise of a region with its submission status for a period. */
  overview: (params: { region?: string; period: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<HazardReportsOverview>("/api/hazard-reports", params, signal),
};
