import type { AuditEntry, AuditVerifyResult } from "../../../../domain/audit/audit.dto.js";
import type { Page } from "../../../../domain/common/page.js";
import { api } from "../../api/client.js";

export type AuditFilters = { entityType?: string; entityId?: string; action?: string };

export const auditApi = {
  list: (params: AuditFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<AuditEntry>>("/api/audit", params, signal),
  verify: () => api.get<AuditVerifyResult>("/api/audit/verify"),
};
