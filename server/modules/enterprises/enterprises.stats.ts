import { sql } from "drizzle-orm";
import { type EnterpriseStatus, enterpriseStatuses } from "../../../domain/enterprise/enterprise.dto.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { enterprises } from "./enterprises.schema.js";

/**
 * Enterprises of a region subtree by status, every status present (0 when none), in one grouped
 * query over the region prefix index. The caller decides whether its actor may see the subtree.
 */
export async function countEnterprisesByStatus(db: Db, regionPrefix: string): Promise<Record<EnterpriseStatus, number>> {
  const rows = await db
    .select({ status: enterprises.status, n: sql<number>`count(*)::int` })
    .from(enterprises)
    .where(sql`${enterprises.regionCode} like ${`${likeEscape(regionPrefix)}%`}`)
    .groupBy(enterprises.status);
  const counts = Object.fromEntries(enterpriseStatuses.map((s) => [s, 0])) as Record<EnterpriseStatus, number>;
  for (const r of rows) counts[r.status as EnterpriseStatus] = r.n;
  return counts;
}
