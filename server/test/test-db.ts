import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { type Database, openPglite, openPostgres } from "../kernel/db/db.js";
import { migrateDatabase, migrationsFolder } from "../kernel/db/migrate.js";

/**
 * A fresh, migrated database for one test file.
 * - PGlite (default): a migrated template is dumped once per migration set to .tmp/ and each file
 *   loads its own copy (in memory), so files never share state.
 * - PostgreSQL (TEST_BACKEND=postgresql): the runner creates and migrates a template database
 *   (TEST_PG_TEMPLATE) on the server of TEST_DATABASE_URL; each file gets `CREATE DATABASE … TEMPLATE`
 *   and drops it when done.
 */
export async function testDatabase(): Promise<Database> {
  return process.env.TEST_BACKEND === "postgresql" ? postgresCopy() : pgliteCopy();
}

export const testBackend = () => (process.env.TEST_BACKEND === "postgresql" ? "postgresql" : "pglite");

function migrationsKey(): string {
  const h = createHash("sha256");
  for (const f of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const p = join(migrationsFolder, f);
    if (f.endsWith(".sql") || f.endsWith(".json")) h.update(f).update(readFileSync(p));
  }
  return h.digest("hex").slice(0, 16);
}

async function pgliteCopy(): Promise<Database> {
  const dir = join(process.cwd(), ".tmp");
  const file = join(dir, `pglite-template-${migrationsKey()}.tar.gz`);
  if (!existsSync(file)) {
    const tpl = await openPglite(undefined);
    await migrateDatabase(tpl);
    const dump = await tpl.pglite?.dumpDataDir("gzip");
    await tpl.close();
    if (!dump) throw new Error("PGlite dump failed");
    mkdirSync(dir, { recursive: true });
    // Write then rename: concurrent test files never read a half-written template.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  }
  return openPglite(undefined, { loadDataDir: new Blob([readFileSync(file)]) });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function postgresCopy(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (!url || !template) throw new Error("TEST_BACKEND=postgresql needs TEST_DATABASE_URL and TEST_PG_TEMPLATE (set by scripts/test.ts)");
  const name = `${template}_f${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Concurrent copies of one template can collide ("being accessed by other users"): retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${template}"`);
        break;
      } catch (err) {
        if (attempt >= 20 || !/being accessed/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const database = await openPostgres(withDatabase(url, name), 5);
  return {
    ...database,
    close: async () => {
      // `drop … with (force)` may still meet a closing pooled connection: that termination is expected.
      database.pool?.on("error", () => {});
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}
