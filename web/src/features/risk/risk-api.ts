import type { AuditEntry } from "../../../../domain/audit/audit.dto.js";
import type { Page } from "../../../../domain/common/page.js";
import type { RiskLevel } from "../../../../domain/risk/levels.js";
import type { RiskPolicyCreate } from "../../../../domain/risk/policy.js";
import type {
  Assessment,
  AssessmentCreate,
  EnterpriseRiskSummary,
  PolicyEntry,
  RiskPoint,
  RiskPointCreate,
  RiskPointUpdate,
  RiskSettings,
  RiskSettingsUpdate,
  SitePlan,
  TriggerCreate,
} from "../../../../domain/risk/risk.dto.js";
import { api, request, upload } from "../../api/client.js";

export type {
  Assessment,
  AssessmentCreate,
  AuditEntry,
  EnterpriseRiskSummary,
  PolicyEntry,
  RiskPoint,
  RiskPointCreate,
  RiskPointUpdate,
  RiskPolicyCreate,
  RiskSettings,
  RiskSettingsUpdate,
  SitePlan,
  TriggerCreate,
};

export type RiskPointFilters = { q?: string; level?: RiskLevel; page: number; pageSize: number };

const enterprise = (id: string) => `/api/enterprises/${encodeURIComponent(id)}`;
const point = (id: string) => `/api/risk-points/${encodeURIComponent(id)}`;

/** The server's largest page: lists that must be whole (the site plan's markers) read page after page. */
const maxPageSize = 100;

export const riskApi = {
  points: (enterpriseId: string, filters: RiskPointFilters, signal?: AbortSignal) =>
    api.get<Page<RiskPoint>>(`${enterprise(enterpriseId)}/risk-points`, filters, signal),
  /** Every point of the enterprise (for the four-colour map), a page of 100 at a time. */
  allPoints: async (enterpriseId: string, signal?: AbortSignal): Promise<RiskPoint[]> => {
    const items: RiskPoint[] = [];
    for (let page = 1; ; page++) {
      const p = await riskApi.points(enterpriseId, { page, pageSize: maxPageSize }, signal);
      items.push(...p.items);
      if (p.items.length === 0 || items.length >= p.total) return items;
    }
  },
  summary: (enterpriseId: string, signal?: AbortSignal) =>
    api.get<EnterpriseRiskSummary>(`${enterprise(enterpriseId)}/risk-summary`, undefined, signal),
  create: (enterpriseId: string, body: RiskPointCreate) => api.post<RiskPoint>(`${enterprise(enterpriseId)}/risk-points`, body),
  get: (id: string, signal?: AbortSignal) => api.get<RiskPoint>(point(id), undefined, signal),
  update: (id: string, body: RiskPointUpdate) => api.patch<RiskPoint>(point(id), body),
  history: (id: string, page: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<AuditEntry>>(`${point(id)}/history`, page, signal),
  assessments: (id: string, page: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<Assessment>>(`${point(id)}/assessments`, page, signal),
  assess: (id: string, body: AssessmentCreate) => api.post<Assessment>(`${point(id)}/assessments`, body),
  recordTrigger: (id: string, body: TriggerCreate) => api.post<RiskPoint>(`${point(id)}/triggers`, body),
  /** Built-in, deployment and this enterprise's own policies, latest versions. */
  policies: (enterpriseId: string, signal?: AbortSignal) =>
    api.get<{ items: PolicyEntry[] }>("/api/risk/policies", { enterpriseId }, signal),
  /** The policies the caller may use (an enterprise user's own included; without an enterprise, built-in and deployment ones). */
  policyList: (signal?: AbortSignal) => api.get<{ items: PolicyEntry[] }>("/api/risk/policies", undefined, signal),
  /** Every version of one policy, oldest first. */
  policyVersions: (policyId: string, signal?: AbortSignal) =>
    api.get<{ items: PolicyEntry[] }>(`/api/risk/policies/${encodeURIComponent(policyId)}`, undefined, signal),
  /** A new policy, or (with `previousVersion`) the next version of one. */
  createPolicy: (body: RiskPolicyCreate) => api.post<PolicyEntry>("/api/risk/policies", body),
  settings: (enterpriseId: string, signal?: AbortSignal) =>
    api.get<RiskSettings>(`${enterprise(enterpriseId)}/risk-settings`, undefined, signal),
  saveSettings: (enterpriseId: string, body: RiskSettingsUpdate) =>
    request<RiskSettings>(`${enterprise(enterpriseId)}/risk-settings`, { method: "PUT", body }),
  uploadSitePlan: (enterpriseId: string, file: File, onProgress?: (percent: number) => void) =>
    upload<SitePlan>(`${enterprise(enterpriseId)}/site-plan`, file, file.name, { onProgress }),
  /** The plan image; the hash makes a replaced plan load afresh. */
  sitePlanUrl: (plan: SitePlan) => `${enterprise(plan.enterpriseId)}/site-plan?v=${plan.sha256.slice(0, 16)}`,
  /** 风险告知卡, an A4 PDF rendered by the server. */
  noticeCardUrl: (id: string) => `${point(id)}/notice-card`,
};
