import type { Page } from "../../../../domain/common/page.js";
import type { EnterpriseRiskSummary, OverdueItem, RegionRiskMap, RegionRiskSummary } from "../../../../domain/risk/risk.dto.js";
import { api } from "../../api/client.js";

export type { EnterpriseRiskSummary, OverdueItem, RegionRiskSummary };

export const riskRegionApi = {
  /** Enterprises by highest level per child region, and the page of enterprises with red risks. */
  regionSummary: (code: string, page: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<RegionRiskSummary>(`/api/risk/regions/${encodeURIComponent(code)}/summary`, page, signal),
  /** Points due or overdue for re-assessment in the caller's scope (a region subtree or one enterprise). */
  overdue: (query: { region?: string; enterpriseId?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<OverdueItem>>("/api/risk/overdue", query, signal),
  enterpriseSummary: (enterpriseId: string, signal?: AbortSignal) =>
    api.get<EnterpriseRiskSummary>(`/api/enterprises/${encodeURIComponent(enterpriseId)}/risk-summary`, undefined, signal),
  /** Assessed enterprises of the subtree with GPS points and their overall level. */
  map: (code: string, signal?: AbortSignal) =>
    api.get<RegionRiskMap>(`/api/risk/regions/${encodeURIComponent(code)}/map`, undefined, signal),
};
