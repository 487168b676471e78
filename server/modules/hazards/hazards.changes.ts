import { sql } from "drizzle-orm";
import type { AppDeps } from "../../deps.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import type { JobDefinition } from "../../kernel/jobs/jobs.js";
import { hazardChanges } from "./hazards.schema.js";

/**
 * The version of a region's hazards: the sum of the change log (hazard_changes, written by triggers in the same
 * transaction as the change) over the counties the region covers — one county for a county or anything below it,
 * all of them for a city, a province or the whole country (null). It rises with every committed change there, so
 * a figure computed after reading it is current for as long as it stays the same (versioned-memo.ts).
 */
export async function hazardsVersion(db: Db, region: string | null): Promise<string> {
  const county = region && region.length >= 6 ? region.slice(0, 6) : null;
  const where = county
    ? sql`${hazardChanges.countyCode} = ${county}`
    : region
      ? sql`${hazardChanges.countyCode} like ${`${likeEscape(region)}%`}`
      : sql`true`;
  const [row] = await db
    .select({ v: sql<string>`coalesce(sum(${hazardChanges.weight}), 0)::text` })
    .from(hazardChanges)
    .where(where);
  return row?.v ?? "0";
}

/**
 * Folds each county's log rows into one row with the same total weight, in one statement (readers see the rows
 * before or after, never a different sum); rows committed meanwhile are kept for the next run.
 */
export async function compactHazardChanges(db: Db): Promise<void> {
  await db.execute(sql`
    with gone as (delete from ${hazardChanges} returning county_code, weight)
    insert into ${hazardChanges} (county_code, weight) select county_code, sum(weight) from gone group by county_code`);
}

export function hazardChangesCompactionJob(deps: AppDeps): JobDefinition {
  return { name: "hazards.changes-compaction", cron: "15 * * * *", run: () => compactHazardChanges(deps.db) };
}
