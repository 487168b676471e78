import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";

/** One type for both backends: repositories take a `Db` (or a transaction, which is one too). */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>>;
export type DbKind = "pglite" | "postgresql";

export type Database = {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
  /** The raw PGlite instance (embedded mode only), e.g. for cloning test templates. */
  pglite?: PGlite;
  /** The connection pool (PostgreSQL mode only). */
  pool?: pg.Pool;
};

export function pgliteExtensions() {
  return { pg_trgm };
}

export async function openPglite(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob; sharedBuffers?: string } = {},
): Promise<Database> {
  let path: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    path = join(dataDir, "pgdata");
  }
  const client = await PGlite.create(path, {
    extensions: pgliteExtensions(),
    loadDataDir: options.loadDataDir,
    postgresqlconf: `shared_buffers=${options.sharedBuffers ?? "32MB"}`,
  });
  const db = drizzlePglite(client) as unknown as Db;
  return { db, kind: "pglite", pglite: client, close: () => client.close() };
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  const db = drizzlePg(pool) as unknown as Db;
  await pool.query("select 1");
  return { db, kind: "postgresql", pool, close: () => pool.end() };
}

/** Runs `fn` in one transaction; `fn` receives the transaction as its `Db`. */
export function withTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

/** Rows of a raw query, the same on both drivers. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

export { sql };
