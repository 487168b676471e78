import { AuditEntry, AuditListQuery, AuditVerifyResult } from "../../../domain/audit/audit.dto.js";
import { pageOf } from "../../../domain/common/page.js";
import type { AppDeps } from "../../deps.js";
import { verifyAuditChain } from "../../kernel/audit/audit.js";
import { auditLog } from "../../kernel/audit/audit.schema.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { listAudit } from "./audit.repo.js";

export function auditRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/audit",
    {
      config: { permission: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "Audit trail, newest first",
        querystring: AuditListQuery,
        response: { 200: pageOf(AuditEntry), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { items, total } = await listAudit(db, scopeWhere(req.actor, { region: auditLog.regionCode }), q, q);
      return {
        items: items.map(({ prevHash: _, ...r }) => ({ ...r, at: r.at.toISOString() })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    "/api/audit/verify",
    {
      config: { permission: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "Re-compute the hash chain and name the first broken row",
        response: { 200: AuditVerifyResult, ...errorResponses },
      },
    },
    () => verifyAuditChain(db),
  );
}
