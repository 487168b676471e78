import { fileURLToPath } from "node:url";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { Database } from "./db.js";

export const migrationsFolder = fileURLToPath(new URL("../../db/migrations", import.meta.url));

/**
 * Applies pending migrations; runs on every start. On PostgreSQL several app instances may start
 * at once, so the run holds a session advisory lock on one dedicated connection.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.pglite) {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  if (!database.pool) throw new Error("PostgreSQL database without a pool");
  const client = await database.pool.connect();
  try {
    await client.query("select pg_advisory_lock(7391001)");
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock(7391001)").catch(() => {});
    client.release();
  }
}
