import { and, eq, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { type Db, rows } from "../../kernel/db/db.js";

/** An enterprise placed in another village (`from` → `to` are village codes). */
export type EnterpriseMove = { enterpriseId: string; from: string; to: string };

/** Re-points one table's copies of the enterprise's region code in the move's transaction; answers rows updated. */
export type MoveFollower = (tx: Db, move: EnterpriseMove) => Promise<number>;

/**
 * 企业迁址: tables that keep a copy of the enterprise's `region_code` for regulators' scope register here, and
 * `updateEnterprise` runs them in the transaction that moves it, so the new county sees them and the old one no
 * longer does. The owning modules register (app.ts) because they depend on this one, not the other way round.
 *
 * What the enterprise is and has follows it: risk points, assessments, settings, site plan and its own risk
 * policies; check tasks and records; its own checklist templates; major hazard units and identifications; hazards and their photos;
 * self-inspection schedules. What a regulator did stays with the jurisdiction that did it and registers nothing:
 * inspections (and self-inspections, which carry the village at their start), plans and plan items, enforcement
 * cases, penalty publications, credit proposals, random draws — as does the audit trail.
 */
const followers = new Map<string, MoveFollower>();

/** Registers (or replaces) `name`'s follower; answers a function that removes it again. */
export function onEnterpriseMoved(name: string, follow: MoveFollower): () => void {
  followers.set(name, follow);
  return () => {
    if (followers.get(name) === follow) followers.delete(name);
  };
}

/** A table keeping a copy of the enterprise's region: its `enterprise_id` and `region_code` columns. */
type RegionCopy = PgTable & { enterpriseId: AnyPgColumn; regionCode: AnyPgColumn };

/**
 * The usual follower: every row of `table` that belongs to the enterprise (and matches `only`, when given) takes the
 * new region code. Answers the function that removes it again.
 */
export function followRegionCopy(name: string, table: RegionCopy, only?: SQL): () => void {
  return onEnterpriseMoved(
    name,
    async (tx, m) =>
      (
        await rows(
          tx,
          sql`update ${table} set ${sql.identifier(table.regionCode.name)} = ${m.to}
              where ${and(eq(table.enterpriseId, m.enterpriseId), only)} returning 1`,
        )
      ).length,
  );
}

/** Runs every follower in registration order inside `tx`; answers rows updated by name (the move's audit detail). */
export async function followMove(tx: Db, move: EnterpriseMove): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, follow] of followers) counts[name] = await follow(tx, move);
  return counts;
}
