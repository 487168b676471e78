// bench/hazards — the hazard list and statistics on 1,000,000 hazards (PostgreSQL, bench/hazards-data.ts):
// req/s, p50 and p99 under 50 connections through the real app, and through a bare Fastify + pg server running
// the same SQL (bench/hazards-server.ts) as the ceiling. Targets: app ≥ 70 % of the ceiling's req/s, list
// p99 ≤ 50 ms, stats p99 ≤ 150 ms. The caller is a county inspector of 溧阳市 (320481). Each run also prints each
// server process's CPU per request (Linux /proc) and how busy the machine was, to tell app cost from machine load.
// Run: npm run bench:hazards-data (once), then npm run bench:hazards   (BENCH_SECONDS, BENCH_ROUNDS, BENCH_ONLY=<name,…>,
// BENCH_APP_NODE_ARGS)
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import autocannon from "autocannon";
import type pg from "pg";
import { openPostgres } from "../server/kernel/db/db.js";
import { migrateDatabase } from "../server/kernel/db/migrate.js";
import { login } from "../server/modules/accounts/session.service.js";
import { createUser } from "../server/modules/accounts/users.service.js";
import { benchDatabaseName, benchUrl } from "./hazards-db.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const county = "320481"; // 溧阳市
const day = (d: Date) => d.toISOString().slice(0, 10);
const today = new Date();
const yearStart = `${today.getUTCFullYear()}-01-01`;

const endpoints = [
  // The county's work list: open hazards, soonest deadline first (the brief's headline query).
  { name: "list open by deadline", kind: "list", path: `/api/hazards?region=${county}&open=true&sort=deadline&page=1&pageSize=20` },
  { name: "list overdue", kind: "list", path: `/api/hazards?region=${county}&overdue=true&sort=deadline&page=1&pageSize=20` },
  { name: "list major, newest", kind: "list", path: `/api/hazards?region=${county}&level=major&page=1&pageSize=20` },
  { name: "list all, newest", kind: "list", path: "/api/hazards?page=1&pageSize=20" },
  {
    name: "stats by region",
    kind: "stats",
    path: `/api/hazards/stats?region=${county}&from=${yearStart}&to=${day(today)}&groupBy=region`,
  },
  // Substring searches last: the 2-character one keeps the database busy long after its run ends.
  { name: "list q=灭火器", kind: "list", path: `/api/hazards?region=${county}&q=${encodeURIComponent("灭火器")}&page=1&pageSize=20` },
  { name: "list q=配电 (2 chars)", kind: "list", path: `/api/hazards?region=${county}&q=${encodeURIComponent("配电")}&page=1&pageSize=20` },
].filter((e) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(",").some((n) => e.name.startsWith(n.trim())));

// The county inspector, created through the accounts service, with a session the two servers share.
const database = await openPostgres(benchUrl(), 2);
await migrateDatabase(database); // a bench database built before the latest migrations catches up
const ctx = { actor: null, ip: "127.0.0.1", now: new Date() };
const username = `bench-liyang-${Date.now().toString(36)}`;
await createUser(database.db, ctx, {
  username,
  displayName: "溧阳市压测检查员",
  role: "regulator_inspector",
  regionCode: county,
  password: "Bench#2026x",
});
const { secret } = await login(database.db, ctx, { username, password: "Bench#2026x" }, { idleMinutes: 120, absoluteHours: 12 });
await database.close();
const cookie = `redline_session=${secret}`;
// One connection to watch the bench database: a run starts only when the previous one's queries have finished
// (a server's backlog — e.g. the bare server's aggregations — would otherwise land in the next run's figures).
const watcher = await openPostgres(benchUrl(), 1);

function start(mode: "app" | "bare"): Promise<{ child: ChildProcess; address: string }> {
  // BENCH_APP_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the app's process.
  const nodeArgs = mode === "app" ? (process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? []) : [];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", join(import.meta.dirname, "hazards-server.ts"), mode], {
    env: { ...process.env, BENCH_COOKIE: cookie, BENCH_PATHS: JSON.stringify(endpoints.map((e) => e.path)) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let buf = "";
    child.stdout?.on("data", (d: Buffer) => {
      buf += d.toString();
      const line = buf.split("\n").find((l) => l.startsWith('{"address"'));
      if (line) resolve({ child, address: JSON.parse(line).address });
    });
    child.on("exit", (code) => reject(new Error(`bench server (${mode}) exited ${code}`)));
  });
}

function get(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { cookie } }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      })
      .on("error", reject);
  });
}

async function drained(): Promise<void> {
  for (let waited = 0; waited < 120_000; waited += 250) {
    const { rows } = await (watcher.pool as pg.Pool).query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()",
    );
    if ((rows[0]?.n ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** CPU seconds a process has used (Linux /proc, clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime (fields 14, 15 of stat(5))
}
/** The machine's busy and total CPU ticks so far (/proc/stat, all cores). */
function machineTicks(): { busy: number; total: number } {
  const t = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").split(/\s+/).slice(1).map(Number);
  const total = t.reduce((a, b) => a + b, 0);
  return { busy: total - (t[3] ?? 0) - (t[4] ?? 0), total }; // idle, iowait
}

// cpu: the server process's CPU per request (µs) — its own work, independent of how busy the machine is;
// busy: the whole machine's CPU use during the run (100 % = every core busy).
type Figures = { rps: number; p50: number; p99: number; timeouts: number; cpuUs: number; busy: number };
async function load(url: string, duration: number, pid?: number): Promise<Figures> {
  await drained();
  const cpu0 = cpuSeconds(pid);
  const m0 = machineTicks();
  // A request still unanswered after 10 s counts as a timeout (reported, not fatal: the slow searches hit it).
  const r = await autocannon({ url, connections: 50, duration, timeout: 10, headers: { cookie } });
  if (r.non2xx > 0) throw new Error(`${url}: ${r.non2xx} non-2xx responses`);
  const m1 = machineTicks();
  const cpuUs = ((cpuSeconds(pid) - cpu0) * 1e6) / Math.max(1, r.requests.total);
  const busy = (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, timeouts: r.timeouts, cpuUs, busy };
}

const started = await Promise.allSettled([start("app"), start("bare")]);
const [app, bareServer] = started.map((s) => (s.status === "fulfilled" ? s.value : null));
const summary: { name: string; kind: string; app: Figures; bare: Figures }[] = [];
try {
  if (!app || !bareServer) throw new Error("a bench server did not start");
  const servers = { app, bare: bareServer };
  console.log(`${benchDatabaseName}: 50 connections, ${seconds} s per run, ${rounds} alternating rounds, medians`);
  for (const e of endpoints) {
    // Also waits (no time limit) until the previous endpoint's backlog has drained.
    const probe = await get(servers.app.address + e.path);
    if (probe.status !== 200) {
      console.log(`\n${e.name}: the app answers ${probe.status} — not benchmarked (${probe.text.slice(0, 120)})`);
      continue;
    }
    const body = JSON.parse(probe.text) as { total?: number; totalCapped?: boolean; items?: unknown[] };
    const bareBody = JSON.parse((await get(servers.bare.address + e.path)).text) as { total?: number; items?: unknown[] };
    if (e.kind === "list" && bareBody.items?.length !== body.items?.length) {
      throw new Error(`${e.name}: app page of ${body.items?.length} ≠ bare ${bareBody.items?.length}`);
    }
    // The bare server replays the same capped count and returns it raw (cap + 1 when the app says totalCapped).
    const expected = body.totalCapped && body.total !== undefined ? body.total + 1 : body.total;
    if (e.kind === "list" && bareBody.total !== expected) throw new Error(`${e.name}: app total ${body.total} ≠ bare ${bareBody.total}`);
    console.log(`\n${e.name}  GET ${decodeURIComponent(e.path)}${body.total !== undefined ? `  (total ${body.total})` : ""}`);
    console.log("  server   req/s    p50 ms  p99 ms  cpu µs/req  machine busy");
    for (const mode of ["bare", "app"] as const) await load(servers[mode].address + e.path, 2, servers[mode].child.pid); // warm-up
    const runs: Record<"app" | "bare", Figures[]> = { app: [], bare: [] };
    for (let round = 0; round < rounds; round++) {
      for (const mode of ["bare", "app"] as const) {
        const x = await load(servers[mode].address + e.path, seconds, servers[mode].child.pid);
        runs[mode].push(x);
        const late = x.timeouts ? `  (${x.timeouts} timed out)` : "";
        console.log(
          `  ${mode.padEnd(6)} ${x.rps.toFixed(0).padStart(6)}  ${String(x.p50).padStart(7)} ${String(x.p99).padStart(7)}` +
            `  ${x.cpuUs.toFixed(0).padStart(10)}  ${(x.busy * 100).toFixed(0).padStart(11)} %${late}`,
        );
      }
    }
    const median = (xs: Figures[]) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)] as Figures;
    summary.push({ name: e.name, kind: e.kind, app: median(runs.app), bare: median(runs.bare) });
  }
} finally {
  for (const s of [app, bareServer]) s?.child.kill("SIGTERM");
  await watcher.close();
}

console.log("\nmedians                      bare req/s  p50  p99 | app req/s  p50  p99 | app/bare  target");
const cpuLines: string[] = [];
for (const s of summary) {
  const ratio = s.app.rps / s.bare.rps;
  const p99Target = s.kind === "stats" ? 150 : 50;
  const met = ratio >= 0.7 && s.app.p99 <= p99Target;
  console.log(
    `${s.name.padEnd(28)} ${s.bare.rps.toFixed(0).padStart(10)} ${String(s.bare.p50).padStart(4)} ${String(s.bare.p99).padStart(4)} |` +
      ` ${s.app.rps.toFixed(0).padStart(9)} ${String(s.app.p50).padStart(4)} ${String(s.app.p99).padStart(4)} |` +
      ` ${(ratio * 100).toFixed(0).padStart(6)} %  ${met ? "met" : "MISSED"} (≥ 70 %, p99 ≤ ${p99Target} ms)`,
  );
  cpuLines.push(`${s.name.padEnd(28)} ${s.bare.cpuUs.toFixed(0).padStart(9)} µs ${s.app.cpuUs.toFixed(0).padStart(11)} µs`);
}
console.log("\nserver CPU per request (same runs)  bare         app");
for (const l of cpuLines) console.log(l);
