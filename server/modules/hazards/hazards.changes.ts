import { type SQL, sql } from "drizzle-orm";
import type { AppDeps } from "../../deps.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { preparedByShape } from "../../kernel/db/prepared.js";
import type { JobDefinition } from "../../kernel/jobs/jobs.js";
import { hazardChanges } from "./hazards.schema.js";

/**
 * The version of a region's hazards: the sum of the change log (hazard_changes, written by triggers in the same
 * transaction as the change) over the counties the region covers — one county for a county or anything below it,
 * all of them for a city, a province or the whole country (null). It rises with every committed change there, so
 * a figure computed after reading it is current for as long as it stays the same (versioned-memo.ts).
 */
export async function hazardsVersion(db: Db, region: string | null): Promise<string> {
  // Read before every list and statistics request: prepared per shape (kernel/db/prepared.ts).
  const county = region && region.length >= 6 ? region.slice(0, 6) : null;
  if (county) return versionOf(db, "county", () => sql`${hazardChanges.countyCode} = ${sql.placeholder("region")}`, county);
  if (region)
    return versionOf(db, "prefix", () => sql`${hazardChanges.countyCode} like ${sql.placeholder("region")}`, `${likeEscape(region)}%`);
  return versionOf(db, "all", () => sql`true`, null);
}

const versionQueries = preparedByShape<ReturnType<typeof versionQuery>>(3);
const versionQuery = (db: Db, where: SQL) =>
  db
    .select({ v: sql<string>`coalesce(sum(${hazardChanges.weight}), 0)::text` })
    .from(hazardChanges)
    .where(where)
    .prepare("");

async function versionOf(db: Db, shape: string, where: () => SQL, region: string | null): Promise<string> {
  const [row] = await versionQueries(db, shape, () => versionQuery(db, where())).execute({ region });
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
