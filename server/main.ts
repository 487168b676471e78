import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "./app.js";
import { appJobs } from "./jobs.js";
import { ConfigError, loadConfig } from "./kernel/config.js";
import { openDatabase } from "./kernel/db/open.js";
import { startJobs } from "./kernel/jobs/jobs.js";
import { appVersion } from "./kernel/version.js";
import { ensureInitialAdmin } from "./modules/accounts/users.service.js";
import { ensureBuiltInChecklists } from "./modules/checklists/checklists.service.js";
import { seedDemoCity } from "./modules/demo/demo.service.js";
import { ensureDefaultIndustryMapping } from "./modules/departments/departments.service.js";
import { ensureBuiltInIndustries } from "./modules/industries/industries.service.js";
import { ensureBuiltInDivisions } from "./modules/regions/regions.service.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const webDist = join(root, "web", "dist");

/**
 * Boot: config → web build if missing → db → migrate → built-in regions, industries and admin on first start →
 * background jobs (unless JOBS=off) → listen.
 */
async function main() {
  const config = loadConfig();
  if (!existsSync(join(webDist, "index.html"))) {
    console.log("Building the web client (first start)…");
    const { build } = await import("vite");
    await build({ configFile: join(root, "web", "vite.config.ts"), logLevel: "warn" });
  }
  const database = await openDatabase(config);
  const clock = () => new Date();

  const loaded = await ensureBuiltInDivisions(database.db, clock());
  if (loaded) console.log(`Loaded ${loaded} administrative divisions (GB/T 2260) into the region tree.`);
  await ensureBuiltInIndustries(database.db, clock());
  await ensureDefaultIndustryMapping(database.db, clock()); // after industries: its prefixes are checked against them
  await ensureBuiltInChecklists(database.db, clock()); // 检查表 built-ins: installed once, a changed one published as its next version
  const admin = await ensureInitialAdmin(database.db, clock());
  if (admin) {
    mkdirSync(config.dataDir, { recursive: true });
    const file = join(config.dataDir, "initial-admin.json");
    writeFileSync(file, `${JSON.stringify(admin, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    console.log(
      `\n  Initial administrator — shown once / 初始管理员（仅显示一次）\n    username: ${admin.username}\n    password: ${admin.password}\n    (also in ${file}, mode 0600)\n`,
    );
    // First start only: the demo city, unless SEED_DEMO=false.
    if (config.seedDemo) {
      const t0 = Date.now();
      console.log("Seeding the demo city 常州市 (SEED_DEMO=false to skip)…");
      const accounts = await seedDemoCity(database.db, clock());
      const demoFile = join(config.dataDir, "demo-accounts.json");
      writeFileSync(
        demoFile,
        `${JSON.stringify(
          accounts.map(({ role, username, password, regionCode, enterpriseId }) => ({
            role,
            username,
            password,
            regionCode,
            enterpriseId,
          })),
          null,
          2,
        )}\n`,
        { mode: 0o600 },
      );
      chmodSync(demoFile, 0o600);
      console.log(`  Demo accounts / 演示账号 (${((Date.now() - t0) / 1000).toFixed(1)} s; also in ${demoFile}):`);
      for (const a of accounts) console.log(`    ${a.username.padEnd(15)} ${a.password.padEnd(14)} ${a.description}`);
      console.log("");
    }
  }

  const deps = { db: database.db, dbKind: database.kind, config, clock, version: appVersion, webDist };
  const app = await buildApp(deps);
  const jobs = await startJobs(database, config, clock, appJobs(deps), app.log.child({ component: "jobs" }));
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    // Jobs first: a running job finishes (bounded) while the database is still open.
    await jobs.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  await app.listen({ port: config.port, host: config.host });
  console.log(`  Redline ${appVersion} on ${database.kind} — http://localhost:${config.port}  (API docs: /api/docs)`);
  if (!config.jobsEnabled) console.log("  Background jobs are off on this instance (JOBS=off).");
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
