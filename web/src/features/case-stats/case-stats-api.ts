import type { z } from "zod";
import type { CaseStats, CaseStatsGroup, CaseStatsQuery } from "../../../../domain/enforcement/stats.dto.js";
import { api } from "../../api/client.js";

export type { CaseStats, CaseStatsGroup };
export type CaseStatsParams = z.input<typeof CaseStatsQuery>;

export const caseStatsApi = {
  stats: (params: CaseStatsParams, signal?: AbortSignal) => api.get<CaseStats>("/api/cases/stats", params, signal),
  /** The same table as .xlsx: a plain link, the browser downloads it with the session cookie. */
  xlsxUrl: (params: CaseStatsParams) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, String(v));
    return `/api/cases/stats.xlsx?${q}`;
  },
};
