import { AuditEntry, AuditListQuery, AuditVerifyResult } from "../../../domain/audit/audit.dto.js";
import { pageOf } from "../../../domain/common/page.js";
import type { AppDeps } from "../../deps.js";
import { verifyAuditChain } from "../../kernel/audit/audit.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { listAuditEntries } from "./audit.service.js";

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
    (req) => listAuditEntries(db, req.ctx, req.query),
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
