import type { AuditEntry } from "../../../domain/audit/audit.dto.js";
import type { Page } from "../../../domain/common/page.js";
import { auditLog } from "../../kernel/audit/audit.schema.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { type Db, sql } from "../../kernel/db/db.js";
import { listAudit } from "./audit.repo.js";

type AuditQuery = { page: number; pageSize: number; entityType?: string; entityId?: string; action?: string };

/** The audit trail newest first, limited to the actor's region scope (an administrator sees it all). */
export async function listAuditEntries(db: Db, ctx: Ctx, q: AuditQuery, opts: { unscoped?: boolean } = {}): Promise<Page<AuditEntry>> {
  // `unscoped`: a module showing one record's own history, after it has checked the caller may see that record.
  const scope = opts.unscoped ? sql`true` : scopeWhere(ctx.actor, { region: auditLog.regionCode });
  const { items, total } = await listAudit(db, scope, q, q);
  return { items: items.map(({ prevHash: _, ...r }) => ({ ...r, at: r.at.toISOString() })), total, page: q.page, pageSize: q.pageSize };
}
