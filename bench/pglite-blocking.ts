// bench/pglite-blocking — PGlite runs inside the server's event loop: what does one slow query do to
// concurrent requests? Measures /api/health latency while (a) nothing else runs, (b) one monolithic
// 1-2 s query runs, (c) audit verification of 20,000 rows runs in its yielding batches.
// Run: npx tsx bench/pglite-blocking.ts
import { buildApp } from "../server/app.js";
import { verifyAuditChain, writeAudit } from "../server/kernel/audit/audit.js";
import { loadConfig } from "../server/kernel/config.js";
import { openPglite, sql, withTx } from "../server/kernel/db/db.js";
import { migrateDatabase } from "../server/kernel/db/migrate.js";

const database = await openPglite(undefined);
await migrateDatabase(database);
const config = loadConfig({ LOG_LEVEL: "silent" });
const app = await buildApp({ db: database.db, dbKind: "pglite", config, clock: () => new Date(), version: "bench" });
const base = await app.listen({ port: 0, host: "127.0.0.1" });

for (let i = 0; i < 40; i++) {
  await withTx(database.db, async (tx) => {
    for (let j = 0; j < 500; j++)
      await writeAudit(tx, { actor: null, ip: null, now: new Date() }, { action: "bench", entityType: "bench", after: { i, j } });
  });
}

async function probe(label: string, work: () => Promise<unknown>) {
  const latencies: number[] = [];
  let done = false;
  const started = performance.now();
  const job = work().then(() => {
    done = true;
  });
  while (!done) {
    const t0 = performance.now();
    await fetch(`${base}/api/health`);
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 10));
  }
  await job;
  latencies.sort((a, b) => a - b);
  const max = latencies[latencies.length - 1] ?? 0;
  const p50 = latencies[Math.floor(latencies.length / 2)] ?? 0;
  console.log(
    `${label.padEnd(44)} work ${(performance.now() - started).toFixed(0).padStart(5)} ms   health p50 ${p50.toFixed(1)} ms, max ${max.toFixed(0)} ms (${latencies.length} probes)`,
  );
}

await probe("idle (500 ms of nothing)", () => new Promise((r) => setTimeout(r, 500)));
await probe("one monolithic query (sum over 3M rows)", () => database.db.execute(sql`select sum(g) from generate_series(1, 3000000) g`));
await probe("audit verify, 20,000 rows in 500-row batches", () => verifyAuditChain(database.db));
await app.close();
await database.close();
