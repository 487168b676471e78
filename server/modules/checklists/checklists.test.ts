import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { builtinChecklistId, builtinChecklists } from "../../../domain/inspections/builtin-checklists.js";
import type { ChecklistContent } from "../../../domain/inspections/checklist.js";
import { rows, sql } from "../../kernel/db/db.js";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, systemCtx, type TestApp, testApp } from "../../test/harness.js";
import { ensureBuiltInChecklists, getChecklistVersion, latestChecklistVersion } from "./checklists.service.js";

let t: TestApp;
let s: Record<"admin" | "leader" | "inspector" | "tianning" | "grid" | "entAdmin" | "entStaff" | "otherEntAdmin", Session>;
let enterpriseId: string;
let otherEnterpriseId: string;

const generalId = builtinChecklistId("site.general");
const chemId = builtinChecklistId("major.hazardous_chemicals");

before(async () => {
  t = await testApp();
  await seedReference(t);
  await ensureBuiltInChecklists(t.database.db, t.clock.now());
  enterpriseId = (await buildEnterprise(t, { name: "溧阳市检查表测试化工有限公司" })).id;
  otherEnterpriseId = (await buildEnterprise(t, { name: "溧阳市另一家检查表化工有限公司" })).id;
  const u = async (role: Parameters<typeof buildUser>[1]) => signIn(t, (await buildUser(t, role)).username);
  s = {
    admin: await u({}),
    leader: await u({ role: "regulator_leader", regionCode: "320481" }),
    inspector: await u({ role: "regulator_inspector", regionCode: "320481" }),
    tianning: await u({ role: "regulator_inspector", regionCode: "320402" }),
    grid: await u({ role: "grid_member", regionCode: "320481002" }),
    entAdmin: await u({ role: "enterprise_admin", enterpriseId, regionCode: null }),
    entStaff: await u({ role: "enterprise_staff", enterpriseId, regionCode: null }),
    otherEntAdmin: await u({ role: "enterprise_admin", enterpriseId: otherEnterpriseId, regionCode: null }),
  };
});
after(() => t.close());

const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const send = (session: Session, method: "POST" | "PUT", url: string, payload: object) =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": "en" }), payload });
const count = async (query: ReturnType<typeof sql>) => (await rows<{ n: number }>(t.database.db, query))[0]?.n ?? 0;

const item = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  question: `检查项 ${id} 是否符合要求`,
  type: "pass_fail",
  clause: { standard: "中华人民共和国安全生产法", number: "", version: "2021", article: "第四十一条" },
  ...over,
});
const content = (...items: object[]) => ({ sections: [{ id: "s1", title: "现场", items }] });

describe("built-in templates", () => {
  test("every built-in is installed and published as version 1, the criteria templates citing their criterion", async () => {
    const list = await get(s.entStaff, "/api/checklists?owner=builtin&pageSize=100");
    assert.equal(list.statusCode, 200, list.body);
    const builtins = builtinChecklists();
    assert.equal(list.json().total, builtins.length);
    for (const c of list.json().items) {
      assert.equal(c.publishedVersion, 1);
      assert.equal(c.mayEdit, false);
    }
    const chem = await get(s.entStaff, `/api/checklists/${chemId}/versions/1`);
    assert.equal(chem.statusCode, 200, chem.body);
    const first = chem.json().content.sections[0].items[1];
    assert.equal(first.criterionId, "aj2017-121-chem-2");
    assert.equal(first.onFail, "major");
    assert.deepEqual(first.clause, {
      standard: "化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）",
      number: "安监总管三〔2017〕121号",
      version: "2017（试行）",
      article: "化工和危险化学品(二)",
    });
  });

  test("installing again changes nothing: no new version, no new audit row", async () => {
    const audits = await count(sql`select count(*)::int as n from audit_log where entity_type = 'checklist'`);
    assert.equal(await ensureBuiltInChecklists(t.database.db, t.clock.now()), 0);
    assert.equal(await count(sql`select count(*)::int as n from checklist_versions where checklist_id = ${chemId}`), 1);
    assert.equal(await count(sql`select count(*)::int as n from audit_log where entity_type = 'checklist'`), audits);
  });

  test("a built-in whose stored version differs from the generated content is published as the next version; v1 stays", async () => {
    // Simulate an older generator: the draft and v1 of a built-in carried other content.
    const old = { sections: [{ id: "a", title: "旧", items: [item("old-1")] }] };
    const id = builtinChecklistId("major.industry_trade.machinery");
    await t.database.db.execute(sql`update checklist_versions set content = ${JSON.stringify(old)}::jsonb where checklist_id = ${id}`);
    assert.equal(await ensureBuiltInChecklists(t.database.db, t.clock.now()), 1);
    const v1 = await get(s.admin, `/api/checklists/${id}/versions/1`);
    assert.equal(v1.json().content.sections[0].items[0].id, "old-1");
    const v2 = await get(s.admin, `/api/checklists/${id}/versions/2`);
    assert.equal(v2.statusCode, 200, v2.body);
    assert.equal(v2.json().content.sections[0].items[0].criterionId, "mem2023-10-a7-1");
  });

  test("nobody edits or publishes a built-in, not even an administrator", async () => {
    const detail = (await get(s.admin, `/api/checklists/${generalId}`)).json();
    const put = await send(s.admin, "PUT", `/api/checklists/${generalId}`, { version: detail.version, name: "改", draft: detail.draft });
    assert.equal(put.statusCode, 403, put.body);
    assert.equal(put.json().error.code, "checklists.builtin_readonly");
    const pub = await send(s.leader, "POST", `/api/checklists/${generalId}/publish`, { version: detail.version });
    assert.equal(pub.statusCode, 403);
  });
});

describe("versioning", () => {
  let id: string;

  test("publish v1, edit, publish v2: v1 is unchanged and each version is audited", async () => {
    const created = await send(s.inspector, "POST", "/api/checklists", {
      name: "溧阳市动火作业检查表",
      draft: content(item("a"), item("b")),
    });
    assert.equal(created.statusCode, 201, created.body);
    id = created.json().id;
    assert.equal(created.json().ownerKind, "region");
    assert.equal(created.json().regionCode, "320481");
    assert.equal(created.json().publishedVersion, 0);
    const p1 = await send(s.inspector, "POST", `/api/checklists/${id}/publish`, { version: created.json().version });
    assert.equal(p1.statusCode, 200, p1.body);
    assert.equal(p1.json().publishedVersion, 1);
    assert.equal(p1.json().draftChanged, false);

    const edited = content(
      item("a", { question: "动火作业票是否在有效期内" }),
      item("b"),
      item("c", { type: "number", min: 5, unit: "m" }),
    );
    const put = await send(s.leader, "PUT", `/api/checklists/${id}`, {
      version: p1.json().version,
      name: "溧阳市动火作业检查表",
      draft: edited,
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().draftChanged, true);
    const p2 = await send(s.leader, "POST", `/api/checklists/${id}/publish`, { version: put.json().version });
    assert.equal(p2.statusCode, 200, p2.body);
    assert.deepEqual(
      p2.json().versions.map((v: { version: number; itemCount: number }) => [v.version, v.itemCount]),
      [
        [2, 3],
        [1, 2],
      ],
    );

    const v1 = await get(s.entStaff, `/api/checklists/${id}/versions/1`);
    assert.equal(v1.statusCode, 200, v1.body); // a region template applies to the enterprises below it
    assert.equal(v1.json().content.sections[0].items.length, 2);
    assert.equal(v1.json().content.sections[0].items[0].question, "检查项 a 是否符合要求");
    const latest = await latestChecklistVersion(t.database.db, systemCtx(t), id);
    assert.equal(latest.version, 2);
    assert.equal(latest.content.sections[0]?.items[2]?.min, 5);
    assert.equal(await count(sql`select count(*)::int as n from audit_log where entity_id = ${id} and action = 'checklist.publish'`), 2);
  });

  test("publishing again with nothing changed is 409, and so is a stale version", async () => {
    const d = (await get(s.inspector, `/api/checklists/${id}`)).json();
    const same = await send(s.inspector, "POST", `/api/checklists/${id}/publish`, { version: d.version });
    assert.equal(same.statusCode, 409);
    assert.equal(same.json().error.code, "checklists.nothing_to_publish");
    // Editing back to the published content leaves nothing to publish either.
    const back = await send(s.inspector, "PUT", `/api/checklists/${id}`, { version: d.version, name: d.name, draft: d.draft });
    assert.equal(back.json().draftChanged, false);
    const stale = await send(s.inspector, "PUT", `/api/checklists/${id}`, { version: d.version, name: "旧副本的修改", draft: d.draft });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "conflict.stale_version");
    const stalePublish = await send(s.inspector, "POST", `/api/checklists/${id}/publish`, { version: d.version });
    assert.equal(stalePublish.statusCode, 409);
    assert.equal((await get(s.inspector, `/api/checklists/${id}`)).json().name, "溧阳市动火作业检查表");
  });

  test("a template never published has no latest version (409) and an unknown version is 404", async () => {
    const created = await send(s.entAdmin, "POST", "/api/checklists", { name: "班前检查", draft: content(item("x")) });
    await assert.rejects(latestChecklistVersion(t.database.db, systemCtx(t), created.json().id), { status: 409 });
    await assert.rejects(getChecklistVersion(t.database.db, systemCtx(t), id, 9), { status: 404 });
    assert.equal((await get(s.inspector, `/api/checklists/${id}/versions/9`)).statusCode, 404);
  });
});

describe("copy and access", () => {
  test("a regulator copies the built-in general template into its region's draft, then adapts it", async () => {
    const res = await send(s.leader, "POST", `/api/checklists/${generalId}/copy`, {});
    assert.equal(res.statusCode, 201, res.body);
    const copy = res.json();
    assert.equal(copy.copiedFromId, generalId);
    assert.equal(copy.copiedFromVersion, 1);
    assert.equal(copy.regionCode, "320481");
    assert.equal(copy.mayEdit, true);
    const general = builtinChecklists().find((b) => b.key === "site.general");
    assert.deepEqual(copy.draft, general?.content);
    const draft = structuredClone(copy.draft) as ChecklistContent;
    const first = draft.sections[0]?.items[0];
    assert.ok(first);
    first.question = "是否建立并落实全员安全生产责任制（含考核）";
    const put = await send(s.leader, "PUT", `/api/checklists/${copy.id}`, { version: copy.version, name: copy.name, draft });
    assert.equal(put.statusCode, 200, put.body);
    const builtinAfter = (await get(s.leader, `/api/checklists/${generalId}`)).json();
    assert.deepEqual(builtinAfter.draft, general?.content);
  });

  test("an enterprise copies into its own; another enterprise neither sees nor edits it", async () => {
    const res = await send(s.entAdmin, "POST", `/api/checklists/${chemId}/copy`, { name: "本企业重大隐患自查表" });
    assert.equal(res.statusCode, 201, res.body);
    const own = res.json();
    assert.equal(own.ownerKind, "enterprise");
    assert.equal(own.enterpriseId, enterpriseId);
    const seen = await get(s.otherEntAdmin, `/api/checklists/${own.id}`);
    assert.equal(seen.statusCode, 404);
    const put = await send(s.otherEntAdmin, "PUT", `/api/checklists/${own.id}`, { version: own.version, name: "x", draft: own.draft });
    assert.equal(put.statusCode, 404);
    // Its staff reads it but may not change it (no checklists.manage).
    assert.equal((await get(s.entStaff, `/api/checklists/${own.id}`)).statusCode, 200);
    const staffPut = await send(s.entStaff, "PUT", `/api/checklists/${own.id}`, { version: own.version, name: "x", draft: own.draft });
    assert.equal(staffPut.statusCode, 403);
    // Its regulator sees the enterprise's template but it stays the enterprise's to change.
    const reg = await get(s.inspector, `/api/checklists/${own.id}`);
    assert.equal(reg.statusCode, 200);
    assert.equal(reg.json().mayEdit, false);
    const regPut = await send(s.inspector, "PUT", `/api/checklists/${own.id}`, { version: own.version, name: "x", draft: own.draft });
    assert.equal(regPut.statusCode, 403);
    assert.equal(regPut.json().error.code, "checklists.not_owner");
  });

  test("another county's regulator does not see 溧阳市's templates; the enterprise and grid member below do", async () => {
    const created = await send(s.leader, "POST", "/api/checklists", { name: "溧阳市专项检查表", draft: content(item("z")) });
    const id = created.json().id;
    assert.equal((await get(s.tianning, `/api/checklists/${id}`)).statusCode, 404);
    const list = (await get(s.tianning, "/api/checklists?pageSize=100")).json();
    assert.ok(
      list.items.every(
        (c: { regionCode: string | null; ownerKind: string }) => c.ownerKind === "builtin" || c.regionCode?.startsWith("320402"),
      ),
    );
    assert.equal((await get(s.grid, `/api/checklists/${id}`)).statusCode, 200);
    assert.equal((await get(s.entStaff, `/api/checklists/${id}`)).statusCode, 200);
    const mine = (await get(s.entAdmin, "/api/checklists?owner=mine&pageSize=100")).json();
    assert.ok(mine.items.length > 0);
    assert.ok(mine.items.every((c: { enterpriseId: string }) => c.enterpriseId === enterpriseId));
  });

  test("a grid member reads but cannot create or copy (403)", async () => {
    assert.equal((await send(s.grid, "POST", "/api/checklists", { name: "x", draft: content(item("a")) })).statusCode, 403);
    assert.equal((await send(s.grid, "POST", `/api/checklists/${generalId}/copy`, {})).statusCode, 403);
  });
});

describe("bad input", () => {
  test("an invalid item answers 400 with its exact field path, and nothing is stored", async () => {
    const before = await count(sql`select count(*)::int as n from checklists`);
    const bad = content(item("a"), item("b"), item("c"), item("d", { type: "number", min: 10, max: 2 }));
    const res = await send(s.inspector, "POST", "/api/checklists", { name: "坏检查表", draft: bad });
    assert.equal(res.statusCode, 400, res.body);
    const fields = res.json().error.fields;
    assert.deepEqual(
      fields.map((f: { path: string }) => f.path),
      ["draft.sections.0.items.3.max"],
    );
    assert.match(fields[0].message, /upper limit/);
    assert.equal(await count(sql`select count(*)::int as n from checklists`), before);
  });

  test("a 重大 item without a criterion, or citing an unknown one, is refused; the draft is unchanged", async () => {
    const created = (await send(s.inspector, "POST", "/api/checklists", { name: "好检查表", draft: content(item("a")) })).json();
    const noCriterion = await send(s.inspector, "PUT", `/api/checklists/${created.id}`, {
      version: created.version,
      name: created.name,
      draft: content(item("a", { onFail: "major" })),
    });
    assert.equal(noCriterion.statusCode, 400);
    assert.equal(noCriterion.json().error.fields[0].path, "draft.sections.0.items.0.criterionId");
    const unknown = await send(s.inspector, "PUT", `/api/checklists/${created.id}`, {
      version: created.version,
      name: created.name,
      draft: content(item("a", { onFail: "major", criterionId: "no-such-criterion" })),
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.fields[0].path, "draft.sections.0.items.0.criterionId");
    const after = (await get(s.inspector, `/api/checklists/${created.id}`)).json();
    assert.equal(after.version, created.version);
    assert.deepEqual(after.draft, created.draft);
  });
});

function multipart(fileName: string, body: Buffer) {
  const boundary = `----redline${randomBytes(8).toString("hex")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, body, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
const upload = (session: Session, fileName: string, body: Buffer, query = "") => {
  const m = multipart(fileName, body);
  return t.app.inject({
    method: "POST",
    url: `/api/checklists/import${query}`,
    payload: m.payload,
    headers: session.headers({ "content-type": m.contentType, "accept-language": "en" }),
  });
};

describe("xlsx", () => {
  test("export → import gives the same content, name and category", async () => {
    for (const id of [generalId, chemId]) {
      const exported = await get(s.entAdmin, `/api/checklists/${id}/export.xlsx?version=1`);
      assert.equal(exported.statusCode, 200, exported.body);
      assert.match(String(exported.headers["content-type"]), /spreadsheetml/);
      const imported = await upload(s.entAdmin, "export.xlsx", exported.rawPayload);
      assert.equal(imported.statusCode, 201, imported.body);
      const source = (await get(s.entAdmin, `/api/checklists/${id}/versions/1`)).json();
      assert.deepEqual(imported.json().draft, source.content);
      assert.equal(imported.json().name, source.name);
      assert.equal(imported.json().category, source.category);
      assert.equal(imported.json().enterpriseId, enterpriseId);
      assert.equal(imported.json().publishedVersion, 0);
    }
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'checklist.import'`), 2);
  });

  test("bad rows answer 400 naming each worksheet row, and nothing is stored", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("检查表");
    ws.addRow(["分节名称", "检查内容", "类型", "下限", "上限", "不合格判定"]);
    ws.addRow(["现场", "消防通道是否畅通", "合格/不合格", "", "", "一般隐患"]);
    ws.addRow(["现场", "消防车道宽度", "数值", "四米", "", "一般隐患"]);
    ws.addRow(["现场", "报警设定值", "数值", "30", "25", "一般隐患"]);
    ws.addRow(["现场", "有无重大隐患", "合格/不合格", "", "", "严重"]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await count(sql`select count(*)::int as n from checklists`);
    const res = await upload(s.inspector, "bad.xlsx", body);
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().error.fields.map((f: { path: string }) => f.path),
      ["rows.3.min", "rows.5.onFail"],
    );
    // Once the cells read, the content rules speak in rows as well.
    ws.getRow(3).getCell(4).value = 4;
    ws.getRow(5).getCell(6).value = "重大隐患";
    const second = await upload(s.inspector, "bad.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    assert.equal(second.statusCode, 400, second.body);
    assert.deepEqual(
      second
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
      ["rows.4.max", "rows.5.criterionId"],
    );
    assert.equal(await count(sql`select count(*)::int as n from checklists`), before);
    const notXlsx = await upload(s.inspector, "bad.xlsx", Buffer.from("not a workbook"));
    assert.equal(notXlsx.statusCode, 400);
    assert.equal(notXlsx.json().error.fields[0].path, "file");
  });
});
