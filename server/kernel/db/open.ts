import type { Config } from "../config.js";
import { type Database, openPglite, openPostgres } from "./db.js";
import { migrateDatabase } from "./migrate.js";

/** PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite under DATA_DIR; migrated either way. */
export async function openDatabase(config: Pick<Config, "databaseUrl" | "dataDir" | "pgliteSharedBuffers">): Promise<Database> {
  const database = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite(config.dataDir, { sharedBuffers: config.pgliteSharedBuffers });
  await migrateDatabase(database);
  return database;
}
