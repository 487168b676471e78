import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { rows, sql } from "../../kernel/db/db.js";
import { buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";

let t: TestApp;
let admin: Session;
let leader: Session;
before(async () => {
  t = await testApp({ IMPORT_MAX_MB: "1" });
  await seedReference(t); // 常州市's real grid
  admin = await signIn(t, (await buildUser(t)).username);
  leader = await signIn(t, (await buildUser(t, { role: "regulator_leader", regionCode: "320481" })).username);
});
after(() => t.close());

function multipart(fileName: string, content: Buffer) {
  const boundary = `----redline${randomBytes(8).toString("hex")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const upload = (s: Session, fileName: string, content: Buffer, lang = "en") => {
  const m = multipart(fileName, content);
  return t.app.inject({
    method: "POST",
    url: "/api/regions/import/file",
    payload: m.payload,
    headers: s.headers({ "content-type": m.contentType, "accept-language": lang }),
  });
};
const get = (url: string) => t.app.inject({ method: "GET", url, headers: { cookie: admin.cookie } });
const regionCount = async () => (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from regions`))[0]?.n ?? 0;
const importAudits = async () =>
  (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'region.imported'`))[0]?.n ?? 0;

async function workbookOf(sheet: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("区划");
  for (const r of sheet) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("division file import (CSV or Excel)", () => {
  test("a UTF-8 CSV (BOM, Chinese headers, quoted names) adds, renames and reports row by row, like the JSON import", async () => {
    const csv = [
      "\uFEFF代码,名称,上级代码",
      '320481503,"溧阳天目湖旅游度假区",320481', // a new township
      "320481503001,湖滨社区居委会,320481503", // its village
      "320481114,南渡镇（更名）,320481", // renamed
      "320481002001,后街新村居委会,320481002", // unchanged
      "320481002950,错挂社区,320481003", // the code says 溧城街道 (320481002), the file says 古县街道
      "32048,五位代码,",
      "",
    ].join("\r\n");
    const res = await upload(admin, "溧阳区划.csv", Buffer.from(csv));
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.deepEqual([report.inserted, report.renamed, report.unchanged], [2, 1, 1]);
    assert.deepEqual(
      report.rejected.map((r: { index: number; code: string }) => [r.index, r.code]),
      [
        [4, "320481002950"],
        [5, "32048"],
      ],
    );
    assert.match(report.rejected[0].reason, /this region's parent is 320481002/);

    const village = (await get("/api/regions/320481503001")).json();
    assert.deepEqual([village.name, village.parentCode, village.level], ["湖滨社区居委会", "320481503", "village"]);
    assert.equal((await get("/api/regions/320481114")).json().name, "南渡镇（更名）");
    assert.equal((await get("/api/regions/320481002950")).statusCode, 404, "a rejected row stores nothing");

    const audit = (await get("/api/audit?entityType=region&action=region.imported")).json().items;
    const mine = audit.find((a: { diff: { detail: { source: string } } }) => a.diff.detail.source === "file");
    assert.deepEqual(
      { ...mine.diff.detail },
      { source: "file", fileName: "溧阳区划.csv", rows: 6, inserted: 2, renamed: 1, unchanged: 1, rejected: 2 },
    );
  });

  test("a CSV saved by Excel in GBK keeps its Chinese names", async () => {
    // "code,name\r\n320481002951,新城社区\r\n" in GBK: 新 D0C2, 城 B3C7, 社 C9E7, 区 C7F8.
    const gbk = Buffer.concat([
      Buffer.from("code,name\r\n320481002951,"),
      Buffer.from([0xd0, 0xc2, 0xb3, 0xc7, 0xc9, 0xe7, 0xc7, 0xf8]),
      Buffer.from("\r\n"),
    ]);
    const res = await upload(admin, "gbk.csv", gbk);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().inserted, 1);
    assert.equal((await get("/api/regions/320481002951")).json().name, "新城社区");
  });

  test("an .xlsx with English headers in another order, codes typed as numbers, is read with the streaming reader", async () => {
    const file = await workbookOf([
      ["name", "remark", "code"],
      ["溧阳高新技术产业开发区", "新设", 320481504],
      [null, null, null], // a blank row in the middle is skipped
      ["高新一社区", "", "320481504001"],
      ["高新二社区", "", 320481504002],
    ]);
    const res = await upload(admin, "divisions.xlsx", file);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { inserted: 3, renamed: 0, unchanged: 0, rejected: [] });
    const township = (await get("/api/regions/320481504")).json();
    assert.deepEqual([township.name, township.level, township.childCount], ["溧阳高新技术产业开发区", "township", 2]);
  });

  test("malformed files are refused with 400 naming the file field, in the caller's language, and store nothing", async () => {
    const regionsBefore = await regionCount();
    const auditsBefore = await importAudits();
    const cases: { name: string; content: Buffer; reason: RegExp }[] = [
      { name: "broken.xlsx", content: randomBytes(2048), reason: /cannot be read/ },
      { name: "renamed.xlsx", content: Buffer.from("code,name\n320481002952,改名的CSV\n"), reason: /cannot be read/ },
      { name: "workbook.csv", content: await workbookOf([["code", "name"]]), reason: /cannot be read/ },
      { name: "no-header.csv", content: Buffer.from("320481002953,无表头社区\n"), reason: /header/ },
      { name: "header-only.csv", content: Buffer.from("code,name\n"), reason: /no rows/ },
      { name: "divisions.txt", content: Buffer.from("code,name\n320481002954,文本\n"), reason: /\.csv or \.xlsx/ },
    ];
    for (const c of cases) {
      const res = await upload(admin, c.name, c.content);
      assert.equal(res.statusCode, 400, `${c.name}: ${res.body}`);
      const field = res.json().error.fields[0];
      assert.equal(field.path, "file", c.name);
      assert.match(field.message, c.reason, c.name);
    }
    const zh = await upload(admin, "header-only.csv", Buffer.from("code,name\n"), "zh-CN");
    assert.equal(zh.json().error.fields[0].message, "文件中除表头外没有数据行");

    assert.equal(await regionCount(), regionsBefore, "no region stored");
    assert.equal(await importAudits(), auditsBefore, "no import recorded");
  });

  test("past 50,000 rows the whole file is refused, not its first 50,000 rows imported", async () => {
    const regionsBefore = await regionCount();
    const lines = Array.from({ length: 50_001 }, (_, i) => `3204810${String(i).padStart(5, "0")},x`);
    const res = await upload(admin, "too-many.csv", Buffer.from(["code,name", ...lines].join("\n")));
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.fields[0].message, /At most 50000 rows/);
    assert.equal(await regionCount(), regionsBefore);
  });

  test("a file over the size limit answers 413 and stores nothing", async () => {
    const regionsBefore = await regionCount();
    const big = Buffer.from(`code,name\n${"320481002955,超大文件社区\n".repeat(60_000)}`);
    assert.ok(big.length > 1024 * 1024);
    const res = await upload(admin, "big.csv", big);
    assert.equal(res.statusCode, 413);
    assert.match(res.json().error.message, /1 MB/);
    assert.equal(await regionCount(), regionsBefore);
  });

  test("only an administrator imports: a regulator leader gets 403 and nothing is stored", async () => {
    const res = await upload(leader, "leader.csv", Buffer.from("code,name\n320481002956,越权社区\n"));
    assert.equal(res.statusCode, 403);
    assert.equal((await get("/api/regions/320481002956")).statusCode, 404);
  });
});
