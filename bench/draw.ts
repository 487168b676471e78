// bench/draw — the whole 双随机 draw `redline/draw/v1` (double-random.md R8) over 100,000 enterprises and 500
// inspectors with recusal rules: canonicalise both lists, digest, seed, draw k = ceil(5 % × n) = 5,000 objects,
// and a team of two for each from its pool (recusals removed; a second pass in crossRegion mode). Target ≤ 100 ms
// per draw and the same result on every run. Timed with the bundled SHA-256 (the browser's re-run) and with
// node:crypto (the server's).
// Run: npm run bench:draw   (BENCH_ROUNDS, default 15)
import { createHash } from "node:crypto";
import { type DrawInput, type HashFn, plainStratum, runDraw, sampleSize, sha256, toHex } from "../domain/inspections/draw.js";

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const enterpriseCount = 100_000;
const inspectorCount = 500;
const counties = ["320402", "320404", "320411", "320412", "320413", "320481"]; // 常州市's county-level units

// Deterministic synthetic data (a linear congruential generator, so every run builds the same lists).
let state = 20261120;
const rand = (n: number) => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state % n;
};
const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const objects = Array.from({ length: enterpriseCount }, (_, i) => {
  let tail = "";
  for (let c = 0; c < 8; c++) tail += alphabet[rand(alphabet.length)];
  // Not sorted and partly lower case with stray spaces, as a registry export arrives.
  const uscc = `9132${String(i).padStart(6, "0")}${tail}`;
  return { uscc: i % 7 === 0 ? ` ${uscc.toLowerCase()}` : uscc, county: counties[rand(counties.length)] as string };
}).reverse();
const inspectors = Array.from({ length: inspectorCount }, (_, i) => ({
  certNo: `JF3204${String(i).padStart(5, "0")}`,
  county: counties[i % counties.length] as string,
}));
// Recusal rules: every officer declares 20 enterprises (relatives, former employer, last round) — 10,000 pairs.
const recusals = inspectors.flatMap((ins) =>
  Array.from({ length: 20 }, () => ({ certNo: ins.certNo, uscc: (objects[rand(enterpriseCount)] as { uscc: string }).uscc })),
);

const k = sampleSize(0.05, enterpriseCount);
const base: DrawInput = {
  planId: "CZ-3204-2026-DR-BENCH",
  beaconValue: "BENCH-BEACON-20261120",
  objects,
  inspectors,
  strata: { [plainStratum]: k },
  teamSize: 2,
  recusals,
};
const nodeHash: HashFn = (d) => createHash("sha256").update(d).digest();
const fingerprint = (r: ReturnType<typeof runDraw>) => toHex(sha256(new TextEncoder().encode(JSON.stringify(r))));

function measure(name: string, input: DrawInput, hash: HashFn) {
  const times: number[] = [];
  const cpu: number[] = [];
  const prints = new Set<string>();
  let last: ReturnType<typeof runDraw> | undefined;
  for (let i = 0; i < rounds + 2; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = runDraw(input, hash);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (i >= 2) {
      // two warm-up runs (JIT)
      times.push(ms);
      cpu.push((c.user + c.system) / 1000);
    }
    prints.add(fingerprint(last));
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const pct = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] as number).toFixed(1);
  const teams = (last?.objects ?? []).reduce((n, o) => n + o.team.length, 0);
  console.log(
    `${name.padEnd(34)} median ${pct(0.5).padStart(6)} ms  min ${(times[0] as number).toFixed(1).padStart(6)} ms  max ${pct(1).padStart(6)} ms  ` +
      `cpu median ${(cpu[Math.floor(cpu.length / 2)] as number).toFixed(1).padStart(6)} ms  ` +
      `objects ${last?.objects.length}  team seats ${teams}  identical on re-run: ${prints.size === 1 ? "yes" : "NO"}  result ${[...prints][0]?.slice(0, 16)}`,
  );
  return { median: Number(pct(0.5)), identical: prints.size === 1, print: [...prints][0] };
}

console.log(
  `redline/draw/v1: ${enterpriseCount.toLocaleString("en")} enterprises, ${inspectorCount} inspectors, ${recusals.length.toLocaleString("en")} recusals, ` +
    `k = ${k}, teamSize 2, ${rounds} rounds after 2 warm-ups, Node ${process.version}`,
);
const results = [
  measure("node:crypto SHA-256", base, nodeHash),
  measure("bundled SHA-256 (browser)", base, sha256),
  measure("node:crypto, crossRegion", { ...base, crossRegion: true }, nodeHash),
  measure("bundled SHA-256, crossRegion", { ...base, crossRegion: true }, sha256),
];
if (results[0]?.print !== results[1]?.print || results[2]?.print !== results[3]?.print) {
  console.error("✗ the two hashes gave different results");
  process.exit(1);
}
const worst = Math.max(...results.map((r) => r.median));
console.log(`${worst <= 100 && results.every((r) => r.identical) ? "✓" : "✗"} target ≤ 100 ms per draw, identical on re-run`);
if (worst > 100 || !results.every((r) => r.identical)) process.exitCode = 1;
