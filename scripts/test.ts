// npm test: typecheck → lint → unit/HTTP suites on PGlite → the same on PostgreSQL (when
// TEST_DATABASE_URL is set, in a throwaway database) → browser tests in real Chromium.
// Test files are listed explicitly (tsx --test alone finds none on Node 20); a *.test.ts on disk
// that is missing from the list fails the run, so no test is silently skipped.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { openPostgres } from "../server/kernel/db/db.js";
import { migrateDatabase } from "../server/kernel/db/migrate.js";
import { withDatabase } from "../server/test/test-db.js";

export const unitFiles = [
  "domain/access/roles.test.ts",
  "domain/auth/password-policy.test.ts",
  "domain/enterprise/uscc.test.ts",
  "domain/risk/policy.test.ts",
  "domain/risk/levels.test.ts",
  "domain/major-hazard/identification.test.ts",
  "server/kernel/documents/pdf.test.ts",
  "domain/checks/schedule.test.ts",
  "server/modules/risk/risk-notice-card.test.ts",
  "server/modules/checks/checks.test.ts",
  "domain/hazards/hazard.test.ts",
  "server/modules/hazards/hazards.test.ts",
  "server/modules/hazards/hazards.details.test.ts",
  "domain/hazards/escalation.test.ts",
  "server/modules/hazards/hazards.escalation.test.ts",
  "server/modules/notifications/notifications.test.ts",
  "domain/hazards/stats.test.ts",
  "server/modules/hazards/hazards.stats.test.ts",
  "server/modules/hazards/hazards.changes.test.ts",
  "server/kernel/cache/versioned-memo.test.ts",
  "server/kernel/db/prepared.test.ts",
  "server/modules/hazards/hazards.exposure.test.ts",
  "domain/hazards/supervision.test.ts",
  "server/modules/hazards/hazards.supervision.test.ts",
  "server/kernel/config.test.ts",
  "server/kernel/jobs/jobs.test.ts",
  "server/kernel/audit/audit.test.ts",
  "server/kernel/authz/scope.test.ts",
  "server/modules/accounts/auth.test.ts",
  "server/modules/accounts/users.test.ts",
  "server/modules/regions/regions.test.ts",
  "server/modules/regions/regions-admin.test.ts",
  "server/modules/regions/regions-file-import.test.ts",
  "server/modules/industries/industries.test.ts",
  "server/modules/enterprises/enterprises.test.ts",
  "server/modules/enterprises/enterprises-sheet.test.ts",
  "server/modules/enterprises/enterprises.moves.test.ts",
  "server/modules/departments/departments.test.ts",
  "server/modules/grid/grid.test.ts",
  "server/modules/risk/risk.test.ts",
  "server/modules/major-hazard/major-hazard.test.ts",
  "server/modules/demo/demo.test.ts",
  "domain/inspections/draw.test.ts",
  "domain/inspections/publication.test.ts",
  "domain/common/calendar.test.ts",
  "domain/enforcement/closure.test.ts",
  "domain/enforcement/clocks.test.ts",
  "domain/enforcement/procedure.test.ts",
  "domain/enforcement/daily-fines.test.ts",
  "domain/enforcement/case.test.ts",
  "domain/enforcement/case-number.test.ts",
  "domain/enforcement/outcomes.test.ts",
  "domain/enforcement/documents.test.ts",
  "domain/enforcement/stats.test.ts",
  "domain/enforcement/escalation.test.ts",
  "server/modules/enforcement/enforcement.test.ts",
  "domain/enforcement/publication.test.ts",
  "server/modules/enforcement/enforcement.publication.test.ts",
  "server/modules/enforcement/enforcement.documents.test.ts",
  "server/modules/enforcement/enforcement.stats.test.ts",
  "server/modules/enforcement/enforcement.clocks.test.ts",
  "server/modules/enforcement/enforcement.party.test.ts",
  "server/modules/random-draws/random-draws.test.ts",
  "server/modules/random-draws/random-draws.rotation.test.ts",
  "domain/inspections/builtin-checklists.test.ts",
  "server/modules/checklists/checklists.test.ts",
  "domain/inspections/inspection.test.ts",
  "server/modules/inspections/inspections.test.ts",
  "domain/inspections/self.test.ts",
  "server/modules/inspections/inspections.self.test.ts",
  "server/modules/inspections/inspections.stats.test.ts",
  "domain/inspections/plan.test.ts",
  "server/modules/inspections/inspections.plans.test.ts",
  "server/access.test.ts",
];
export const browserFiles = [
  "e2e/first-start.e2e.ts",
  "e2e/shell.e2e.ts",
  "e2e/regions.e2e.ts",
  "e2e/enterprises.e2e.ts",
  "e2e/grid.e2e.ts",
  "e2e/checks.e2e.ts",
  "e2e/risk.e2e.ts",
  "e2e/risk-policies.e2e.ts",
  "e2e/hazards.e2e.ts",
  "e2e/hazard-details.e2e.ts",
  "e2e/notifications.e2e.ts",
  "e2e/exposure.e2e.ts",
  "e2e/supervision.e2e.ts",
  "e2e/random-draws.e2e.ts",
  "e2e/public-draws.e2e.ts",
  "e2e/self-inspections.e2e.ts",
  "e2e/checklists.e2e.ts",
  "e2e/inspections.e2e.ts",
  "e2e/inspection-plans.e2e.ts",
  "e2e/cases.e2e.ts",
  "e2e/public-penalties.e2e.ts",
  "e2e/document-templates.e2e.ts",
];

const root = join(import.meta.dirname, "..");
const totals = { passed: 0, failed: 0 };
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs one stage

function step(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  console.log(`\n── ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) finish(`${name} failed`);
}

/** Runs node's test runner on an explicit list, echoing its output and counting its results. */
function runTests(name: string, files: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  if (files.length === 0) finish(`${name}: empty test file list`);
  console.log(`\n── ${name} (${files.length} files)`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      process.stdout.write(d);
      out += d.toString();
    });
    child.on("close", (code) => {
      const pass = Number(/ℹ pass (\d+)/.exec(out)?.[1] ?? 0);
      const fail = Number(/ℹ fail (\d+)/.exec(out)?.[1] ?? 0);
      totals.passed += pass;
      totals.failed += fail + (code !== 0 && fail === 0 ? 1 : 0);
      if (pass === 0) finish(`${name}: no test ran`);
      resolve();
    });
  });
}

function finish(error?: string): never {
  if (error) {
    console.error(`\n✗ ${error}`);
    totals.failed = Math.max(totals.failed, 1);
  }
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

function listedEverywhere() {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (/\.(test|e2e)\.tsx?$/.test(e.name)) found.push(rel);
    }
  };
  for (const d of ["domain", "server", "web/src", "e2e"]) if (existsSync(join(root, d))) walk(d);
  const unlisted = found.filter((f) => !unitFiles.includes(f) && !browserFiles.includes(f));
  if (unlisted.length) finish(`test files not in scripts/test.ts: ${unlisted.join(", ")}`);
}

async function postgresSuite(url: string) {
  const template = `redline_ci_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${template}"`);
  try {
    const tpl = await openPostgres(withDatabase(url, template), 2);
    await migrateDatabase(tpl);
    await tpl.close();
    await runTests("unit + HTTP on PostgreSQL", unitFiles, { TEST_BACKEND: "postgresql", TEST_PG_TEMPLATE: template });
  } finally {
    const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${template}%`]);
    for (const r of rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
    await admin.end();
  }
}

const wants = (stage: string) => only.length === 0 || only.includes(stage);
listedEverywhere();
if (wants("typecheck")) {
  step("typecheck (server, domain, scripts)", "npx", ["tsc", "-p", "."]);
  step("typecheck (web)", "npx", ["tsc", "-p", "web/tsconfig.json"]);
}
if (wants("lint")) step("lint (Biome)", "npx", ["biome", "check", "."]);
if (wants("unit")) await runTests("unit + HTTP on PGlite", unitFiles);
if (wants("unit") && process.env.TEST_DATABASE_URL) await postgresSuite(process.env.TEST_DATABASE_URL);
else if (wants("unit")) console.log("\n── PostgreSQL suite skipped: TEST_DATABASE_URL is not set");
if (wants("e2e")) {
  step("web build", "npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
  await runTests("browser (Chromium)", browserFiles);
}
finish();
