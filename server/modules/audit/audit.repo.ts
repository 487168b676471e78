import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { auditLog } from "../../kernel/audit/audit.schema.js";
import type { Db } from "../../kernel/db/db.js";

export async function listAudit(
  db: Db,
  scope: SQL,
  f: { entityType?: string; entityId?: string; action?: string },
  page: { page: number; pageSize: number },
) {
  const where = and(
    scope,
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}
