import type { z } from "zod";
import type { InspectionStats, InspectionStatsGroup, InspectionStatsQuery } from "../../../../domain/inspections/stats.dto.js";
import { api } from "../../api/client.js";

export type { InspectionStats, InspectionStatsGroup };
export type InspectionStatsParams = z.input<typeof InspectionStatsQuery>;

export const inspectionStatsApi = {
  stats: (params: InspectionStatsParams, signal?: AbortSignal) => api.get<InspectionStats>("/api/inspections/stats", params, signal),
  /** The same table as .xlsx: a plain link, the browser downloads it with the session cookie. */
  xlsxUrl: (params: InspectionStatsParams) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, String(v));
    return `/api/inspections/stats/xlsx?${q}`;
  },
};
