// bench/http — req/s and latency of GET /api/auth/me with a session under 50 connections, through the
// full kernel and through a bare Fastify route doing the same lookup, on PGlite and (when
// BENCH_DATABASE_URL is set) PostgreSQL. Target: kernel within 30 % of bare.
// Run: npm run bench:http   (BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:http)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

async function measure(backend: "pglite" | "postgresql", mode: "kernel" | "bare") {
  const dataDir = mkdtempSync(join(tmpdir(), "redline-http-"));
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: backend === "postgresql" ? process.env.BENCH_DATABASE_URL : "" };
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "http-server.ts"), mode], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const { address, cookie } = await new Promise<{ address: string; cookie: string }>((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const line = buf.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line));
    });
    child.on("exit", (code) => reject(new Error(`bench server exited ${code}`)));
  });
  try {
    const result = await autocannon({ url: `${address}/api/auth/me`, connections: 50, duration: seconds, headers: { cookie } });
    if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx responses`);
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  } finally {
    child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const backends: ("pglite" | "postgresql")[] = process.env.BENCH_DATABASE_URL ? ["pglite", "postgresql"] : ["pglite"];
console.log(`GET /api/auth/me, 50 connections, ${seconds} s each`);
console.log("backend     route    req/s    p50 ms  p99 ms");
for (const backend of backends) {
  // Alternating rounds, median per route: a 2-core machine is noisy, one run each proves little.
  const runs: Record<string, { rps: number; p50: number; p99: number }[]> = { bare: [], kernel: [] };
  for (let round = 0; round < rounds; round++) {
    for (const mode of ["bare", "kernel"] as const) {
      const x = await measure(backend, mode);
      runs[mode]?.push(x);
      console.log(
        `${backend.padEnd(11)} ${mode.padEnd(7)} ${x.rps.toFixed(0).padStart(6)}  ${String(x.p50).padStart(7)} ${String(x.p99).padStart(7)}`,
      );
    }
  }
  const median = (xs: { rps: number; p50: number; p99: number }[]) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)];
  const r = { bare: median(runs.bare ?? []), kernel: median(runs.kernel ?? []) };
  console.log(`${backend} medians: bare ${r.bare?.rps.toFixed(0)} req/s, kernel ${r.kernel?.rps.toFixed(0)} req/s`);
  const overhead = 1 - (r.kernel?.rps ?? 0) / (r.bare?.rps ?? 1);
  console.log(`${backend}: kernel overhead ${(overhead * 100).toFixed(1)} % of bare throughput (target ≤ 30 %)`);
}
