// bench/import — 50,000 enterprise rows: build the .xlsx, validate it with the streaming reader and
// commit it, on PGlite (and PostgreSQL with BENCH_DATABASE_URL). Target: validate + commit ≤ 30 s.
// Run: npx tsx bench/import.ts   (BENCH_ROWS=50000 by default)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { cellValue, enterpriseColumns } from "../domain/enterprise/enterprise-sheet.js";
import { usccAlphabet, usccCheckCharacter } from "../domain/enterprise/uscc.js";
import type { Ctx } from "../server/kernel/auth/actor.js";
import { loadConfig } from "../server/kernel/config.js";
import { openDatabase } from "../server/kernel/db/open.js";
import { commitImport, importReport, validateImport } from "../server/modules/enterprises/enterprises.import.js";
import { readEnterpriseSheet } from "../server/modules/enterprises/enterprises.sheet.js";
import { ensureBuiltInIndustries } from "../server/modules/industries/industries.service.js";
import { builtInDivisions, importDivisions } from "../server/modules/regions/regions.service.js";

const n = Number(process.env.BENCH_ROWS ?? 50_000);
const villages = builtInDivisions()
  .filter((r) => r.code.startsWith("3204") && r.code.length === 12)
  .map((r) => r.code);

function uscc(i: number) {
  let serial = "";
  for (let x = i, k = 0; k < 7; k++, x = Math.floor(x / 31)) serial = usccAlphabet[x % 31] + serial;
  const body = `91320400MA${serial}`;
  return body + usccCheckCharacter(body);
}

async function buildFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("企业导入");
  ws.addRow(enterpriseColumns.map((c) => c.header));
  for (let i = 0; i < n; i++) {
    const d: Record<string, unknown> = {
      name: `常州市压测企业${i}有限公司`,
      uscc: uscc(i),
      address: `常州市测试路${i}号`,
      regionCode: villages[i % villages.length],
      industryCode: i % 3 === 0 ? "2614" : "3411",
      category: i % 3 === 0 ? "hazardous_chemicals" : "industry_trade",
      subcategory: i % 3 === 0 ? null : "machinery",
      scale: ["micro", "small", "medium", "large"][i % 4],
      headcount: 10 + (i % 500),
      legalRepresentative: "某某",
      principalName: "某某",
      principalPhone: "13900000000",
    };
    ws.addRow(enterpriseColumns.map((c) => cellValue(c, d[c.key])));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function run(label: string, env: Record<string, string>, file: Buffer) {
  const dataDir = mkdtempSync(join(tmpdir(), "redline-import-"));
  const database = await openDatabase(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", ...env }));
  try {
    const ctx: Ctx = {
      actor: {
        userId: "00000000-0000-4000-8000-000000000001",
        username: "bench",
        displayName: "bench",
        role: "admin",
        regionCode: null,
        enterpriseId: null,
        mustChangePassword: false,
        via: { kind: "token", tokenId: "bench" },
      },
      ip: null,
      now: new Date(),
    };
    await importDivisions(
      database.db,
      ctx,
      builtInDivisions().filter((r) => r.code === "32" || r.code.startsWith("3204")),
      "bench",
    );
    await ensureBuiltInIndustries(database.db, ctx.now);
    const t0 = performance.now();
    const id = await validateImport(database.db, ctx, "bench.xlsx", readEnterpriseSheet(Readable.from(file)));
    const t1 = performance.now();
    const report = await importReport(database.db, ctx, id, "en");
    await commitImport(database.db, ctx, id, report.version);
    const t2 = performance.now();
    console.log(
      `${label.padEnd(11)} ${n} rows: validate ${((t1 - t0) / 1000).toFixed(1)} s (${report.toCreate} to create, ${report.rejected} rejected), commit ${((t2 - t1) / 1000).toFixed(1)} s, total ${((t2 - t0) / 1000).toFixed(1)} s (target ≤ 30 s); RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
    );
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const tb = performance.now();
const file = await buildFile();
console.log(`built ${n}-row .xlsx (${(file.length / 1e6).toFixed(1)} MB) in ${((performance.now() - tb) / 1000).toFixed(1)} s`);
await run("pglite", { DATABASE_URL: "" }, file);
if (process.env.BENCH_DATABASE_URL) {
  // A throwaway database on the given server.
  const pg = (await import("pg")).default;
  const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await admin.connect();
  const name = `redline_bench_${Date.now()}`;
  await admin.query(`create database "${name}"`);
  try {
    const url = new URL(process.env.BENCH_DATABASE_URL);
    url.pathname = `/${name}`;
    await run("postgresql", { DATABASE_URL: url.toString() }, file);
  } finally {
    await admin.query(`drop database "${name}" with (force)`);
    await admin.end();
  }
}
