import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { cellValue, enterpriseColumns } from "../../../domain/enterprise/enterprise-sheet.js";
import { rows, sql } from "../../kernel/db/db.js";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp, usccFor } from "../../test/harness.js";

let t: TestApp;
let liyang: Session;
let registered: { id: string; uscc: string };
before(async () => {
  t = await testApp({ IMPORT_MAX_MB: "1" });
  await seedReference(t);
  liyang = await signIn(t, (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username);
  registered = await buildEnterprise(t, { name: "溧阳市已登记化工有限公司", uscc: usccFor(500) });
  await buildEnterprise(t, { name: "常州市天宁区外地公司", uscc: usccFor(501, "320402"), regionCode: "320402001001" });
});
after(() => t.close());

type RowData = Record<string, unknown>;
const good = (over: RowData = {}): RowData => ({
  name: "溧阳市导入机械有限公司",
  uscc: usccFor(600),
  address: "溧阳市溧城街道导入路1号",
  regionCode: "320481002001",
  industryCode: "3411",
  category: "industry_trade",
  subcategory: "machinery",
  scale: "small",
  headcount: 40,
  legalRepresentative: "周某",
  principalName: "周某",
  principalPhone: "13911112222",
  ...over,
});

async function workbookOf(data: RowData[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("企业导入");
  ws.addRow(enterpriseColumns.map((c) => (c.required ? `${c.header}*` : c.header)));
  for (const d of data) ws.addRow(enterpriseColumns.map((c) => cellValue(c, d[c.key])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

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

const upload = (fileName: string, content: Buffer, lang = "zh-CN") => {
  const m = multipart(fileName, content);
  return t.app.inject({
    method: "POST",
    url: "/api/enterprises/import",
    payload: m.payload,
    headers: liyang.headers({ "content-type": m.contentType, "accept-language": lang }),
  });
};
const importsStored = async () =>
  (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from enterprise_imports`))[0]?.n ?? 0;

describe("Excel import", () => {
  test("the template has the Chinese headers (required ones starred) and a filled example row", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/enterprises/import/template", headers: { cookie: liyang.cookie } });
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.equal(ws?.getRow(1).getCell(1).value, "企业名称*");
    assert.equal(ws?.getRow(2).getCell(6).value, "危险化学品");
  });

  test("good rows, a bad USCC, a duplicate, an unknown region and an empty required cell: exactly those rejections; commit writes only the good rows", async () => {
    const file = await workbookOf([
      good(), // row 2: new
      good({
        uscc: registered.uscc,
        name: "溧阳市已登记化工有限公司（更新）",
        category: "hazardous_chemicals",
        subcategory: null,
        industryCode: "2614",
      }), // row 3: update
      good({ uscc: `${usccFor(601).slice(0, 17)}${usccFor(601).endsWith("0") ? "1" : "0"}`, name: "校验位错误公司" }), // row 4
      good({ name: "重复代码公司" }), // row 5: same USCC as row 2
      good({ uscc: usccFor(602), regionCode: "320481999001", name: "未知区划公司" }), // row 6
      good({ uscc: usccFor(603), principalPhone: null, name: "缺负责人电话公司" }), // row 7
      good({ uscc: usccFor(604), regionCode: "320402001001", name: "越界公司" }), // row 8: outside 溧阳市
    ]);
    const res = await upload("企业名录.xlsx", file);
    assert.equal(res.statusCode, 201, res.body);
    const report = res.json();
    assert.equal(report.total, 7);
    assert.equal(report.toCreate, 1);
    assert.equal(report.toUpdate, 1);
    assert.equal(report.rejected, 5);
    const got = report.rejections.map((r: { row: number; column: string }) => `${r.row}:${r.column}`);
    assert.deepEqual(got, [
      "4:统一社会信用代码",
      "5:统一社会信用代码",
      "6:所属村（社区）区划代码",
      "7:主要负责人电话",
      "8:所属村（社区）区划代码",
    ]);
    assert.match(report.rejections[1].message, /第 2 行/);
    const en = (
      await t.app.inject({
        method: "GET",
        url: `/api/enterprises/import/${report.id}`,
        headers: { cookie: liyang.cookie, "accept-language": "en" },
      })
    ).json();
    assert.match(en.rejections[0].message, /check character/);

    const before = (await t.app.inject({ method: "GET", url: "/api/enterprises?pageSize=100", headers: { cookie: liyang.cookie } })).json()
      .total;
    const commit = await t.app.inject({
      method: "POST",
      url: `/api/enterprises/import/${report.id}/commit`,
      headers: liyang.headers(),
      payload: { version: report.version },
    });
    assert.equal(commit.statusCode, 200, commit.body);
    assert.equal(commit.json().status, "committed");
    const list = (await t.app.inject({ method: "GET", url: "/api/enterprises?pageSize=100", headers: { cookie: liyang.cookie } })).json();
    assert.equal(list.total, before + 1, "one created");
    assert.ok(list.items.some((e: { name: string }) => e.name === "溧阳市导入机械有限公司"));
    assert.ok(!list.items.some((e: { name: string }) => ["重复代码公司", "未知区划公司", "缺负责人电话公司"].includes(e.name)));
    const updated = (
      await t.app.inject({ method: "GET", url: `/api/enterprises/${registered.id}`, headers: { cookie: liyang.cookie } })
    ).json();
    assert.equal(updated.name, "溧阳市已登记化工有限公司（更新）");
    const history = (
      await t.app.inject({ method: "GET", url: `/api/enterprises/${registered.id}/history`, headers: { cookie: liyang.cookie } })
    ).json();
    assert.equal(history.items[0].action, "enterprise.updated");
    const again = await t.app.inject({
      method: "POST",
      url: `/api/enterprises/import/${report.id}/commit`,
      headers: liyang.headers(),
      payload: { version: report.version },
    });
    assert.equal(again.statusCode, 409, "an import commits once");

    const rejects = await t.app.inject({
      method: "GET",
      url: `/api/enterprises/import/${report.id}/rejections`,
      headers: { cookie: liyang.cookie },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rejects.rawPayload as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0]?.rowCount, 6, "header + 5 rejections");
  });

  test("an imported row that places a registered enterprise in another village moves its records with it (企业迁址)", async () => {
    const mover = await buildEnterprise(t, { name: "溧阳市迁址导入有限公司", uscc: usccFor(700) });
    const owner = await signIn(t, (await buildUser(t, { role: "enterprise_admin", enterpriseId: mover.id })).username);
    const hazard = await t.app.inject({
      method: "POST",
      url: "/api/hazards",
      headers: owner.headers(),
      payload: { enterpriseId: mover.id, description: "仓库消防通道堆放杂物", location: "成品仓库", source: "self_check", photos: [] },
    });
    assert.equal(hazard.statusCode, 201, hazard.body);
    const [village] = await rows<{ code: string }>(
      t.database.db,
      sql`select code from regions where code like '320481%' and level = 'village' and status = 'active' and code <> '320481002001' order by code limit 1`,
    );
    const to = village?.code as string;
    const regionOfHazard = async () =>
      (await rows<{ region_code: string }>(t.database.db, sql`select region_code from hazards where id = ${hazard.json().id}`))[0]
        ?.region_code;
    assert.equal(await regionOfHazard(), "320481002001");

    const res = await upload("迁址.xlsx", await workbookOf([good({ uscc: mover.uscc, name: "溧阳市迁址导入有限公司", regionCode: to })]));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().toUpdate, 1);
    const commit = await t.app.inject({
      method: "POST",
      url: `/api/enterprises/import/${res.json().id}/commit`,
      headers: liyang.headers(),
      payload: { version: res.json().version },
    });
    assert.equal(commit.statusCode, 200, commit.body);
    assert.equal(await regionOfHazard(), to, "the hazard's scope copy followed the enterprise");
    const history = (
      await t.app.inject({ method: "GET", url: `/api/enterprises/${mover.id}/history`, headers: { cookie: liyang.cookie } })
    ).json();
    assert.equal(history.items[0].diff.detail.followed.hazards, 1);
  });

  test("a non-xlsx upload, or garbage named .xlsx, is refused with 400 and stores nothing", async () => {
    const stored = await importsStored();
    const txt = await upload("list.csv", Buffer.from("name,uscc\n"), "en");
    assert.equal(txt.statusCode, 400);
    assert.equal(txt.json().error.fields[0].path, "file");
    const fake = await upload("fake.xlsx", Buffer.from("this is not a zip"));
    assert.equal(fake.statusCode, 400);
    assert.equal(await importsStored(), stored);
  });

  test("an oversize file is refused with 413 and stores nothing", async () => {
    const stored = await importsStored();
    const res = await upload("big.xlsx", randomBytes(1024 * 1024 + 10_000));
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, "import.too_large");
    assert.equal(await importsStored(), stored);
  });
});

describe("Excel export", () => {
  test("the current filtered list, with Chinese headers and labels", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/enterprises/export?category=hazardous_chemicals",
      headers: { cookie: liyang.cookie },
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-disposition"]), /filename\*=UTF-8''%E4%BC%81/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.equal(ws?.getRow(1).getCell(1).value, "企业名称");
    const expected = (
      await t.app.inject({
        method: "GET",
        url: "/api/enterprises?category=hazardous_chemicals&pageSize=100",
        headers: { cookie: liyang.cookie },
      })
    ).json().total;
    assert.equal((ws?.rowCount ?? 0) - 1, expected);
    for (let r = 2; r <= (ws?.rowCount ?? 0); r++) assert.equal(ws?.getRow(r).getCell(6).value, "危险化学品");
  });
});
