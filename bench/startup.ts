// bench/startup — time from `npm start` to a healthy /api/health on a new data folder (cold) and on
// an existing one (warm), and the server's resident memory once idle. Targets: warm ≤ 3 s, idle RSS ≤ 400 MB.
// Run: npm run bench:startup
import { execSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const dataDir = mkdtempSync(join(tmpdir(), "redline-bench-"));
const port = 3900 + Math.floor(Math.random() * 90);

function rssMb(pid: number): number {
  // npm → sh → tsx → node: report the largest resident process in the tree (the server).
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    const kids = execSync(`ps -o pid= --ppid ${pids[i]} || true`).toString().trim().split(/\s+/).filter(Boolean);
    pids.push(...kids.map(Number));
  }
  return Math.max(
    ...pids.map((p) => {
      try {
        return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) / 1024;
      } catch {
        return 0;
      }
    }),
  );
}

async function startOnce(label: string, idleSeconds: number) {
  const t0 = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {}
    if (performance.now() - t0 > 120_000) throw new Error("server did not become healthy in 120 s");
    await new Promise((r) => setTimeout(r, 25));
  }
  const ready = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const rss = rssMb(child.pid as number);
  process.kill(-(child.pid as number), "SIGTERM");
  await new Promise((r) => child.on("exit", r));
  console.log(`${label.padEnd(28)} healthy after ${ready.toFixed(2)} s   idle RSS ${rss.toFixed(0)} MB`);
  return { ready, rss };
}

try {
  console.log(`npm start on PGlite, data folder ${dataDir}`);
  await startOnce("cold (new data folder)", 2);
  const warm = [];
  for (let i = 0; i < 3; i++) warm.push(await startOnce(`warm #${i + 1} (existing data)`, 5));
  const best = Math.min(...warm.map((w) => w.ready));
  const median = warm.map((w) => w.ready).sort()[1] ?? best;
  console.log(
    `warm start median ${median.toFixed(2)} s (target ≤ 3 s); idle RSS max ${Math.max(...warm.map((w) => w.rss)).toFixed(0)} MB (target ≤ 400 MB)`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
