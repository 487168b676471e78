import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { criterionById } from "../../../domain/hazards/hazard.js";
import { jpegWithExif } from "../../../domain/hazards/photo-fixtures.js";
import type { ChecklistContent } from "../../../domain/inspections/checklist.js";
import { rows, sql } from "../../kernel/db/db.js";
import { buildCast, buildEnterprise, type Session, seedReference, systemCtx, type TestApp, testApp } from "../../test/harness.js";
import { pdfFacts, pdfText, rasterize, shareOf } from "../../test/pdf-raster.js";
import { solidPng } from "../../test/png.js";
import { createChecklist, publishChecklist, updateChecklist } from "../checklists/checklists.service.js";
import { inspectionPlanItems, inspectionPlans } from "./inspections.schema.js";

// The test clock starts on Monday 2026-11-23, 10:00 in Shanghai. The chemical enterprise is in 溧阳市 溧城街道 (320481002).
let t: TestApp;
let enterpriseId: string;
let otherId: string;
let checklistId: string;
const who = ["admin", "ins1", "ins2", "noCert", "tianning", "township", "grid", "otherGrid", "entAdmin", "entStaff", "otherEnt"] as const;
let s: Record<(typeof who)[number], Session>;
let ids: Record<(typeof who)[number], string>;
let names: Record<(typeof who)[number], string>;

// ── fixtures ──────────────────────────────────────────────────────────────────────────────────────────────
const red = solidPng(64, 48, [220, 20, 20]).toString("base64");
const ink = solidPng(120, 40, [20, 20, 20]).toString("base64");

const clause = (article: string) => ({ standard: "中华人民共和国安全生产法", number: "", version: "2021", article });
const v1: ChecklistContent = {
  sections: [
    {
      id: "site",
      title: "现场管理",
      items: [
        {
          id: "guard",
          question: "平台临边防护栏是否完好",
          type: "pass_fail",
          photoOnFail: true,
          min: null,
          max: null,
          unit: null,
          clause: clause("第三十六条"),
          onFail: "general",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: "premises",
        },
        {
          id: "aisle",
          question: "消防车道净宽度是否满足要求",
          type: "number",
          photoOnFail: false,
          min: 4,
          max: null,
          unit: "m",
          clause: { standard: "GB 50016-2014", number: "", version: "2018年版", article: "7.1.8" },
          onFail: "general",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: "fire",
        },
        {
          id: "sign",
          question: "安全警示标志是否清晰",
          type: "pass_fail",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: null,
          onFail: "note",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: null,
        },
        {
          id: "remark",
          question: "现场其他情况",
          type: "text",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: null,
          onFail: "general",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: null,
        },
      ],
    },
    {
      id: "major",
      title: "重大事故隐患判定",
      items: [
        {
          id: "chem1",
          question: "主要负责人和安全生产管理人员是否依法经考核合格",
          type: "pass_fail",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: {
            standard: "化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）",
            number: "安监总管三〔2017〕121号",
            version: "2017",
            article: "(一)",
          },
          onFail: "major",
          criterionId: "aj2017-121-chem-1",
          hazardCategory: "basic_management",
          hazardSubType: "training",
        },
        {
          id: "trade1",
          question: "工贸企业管理类重大事故隐患（不适用于化工企业）",
          type: "pass_fail",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: null,
          onFail: "major",
          criterionId: "mem2023-10-a3-1",
          hazardCategory: "basic_management",
          hazardSubType: null,
        },
      ],
    },
  ],
};

before(async () => {
  t = await testApp();
  await seedReference(t);
  enterpriseId = (await buildEnterprise(t, { name: "溧阳市检查测试化工有限公司" })).id;
  otherId = (await buildEnterprise(t, { name: "溧阳市另一家检查化工有限公司", regionCode: "320481102001" })).id;
  const make = {
    admin: {},
    ins1: { role: "regulator_inspector", regionCode: "320481" },
    ins2: { role: "regulator_leader", regionCode: "320481" },
    noCert: { role: "regulator_inspector", regionCode: "320481" },
    tianning: { role: "regulator_inspector", regionCode: "320402" },
    township: { role: "regulator_inspector", regionCode: "320481002" },
    grid: { role: "grid_member", regionCode: "320481002" },
    otherGrid: { role: "grid_member", regionCode: "320481102" },
    entAdmin: { role: "enterprise_admin", enterpriseId, regionCode: null },
    entStaff: { role: "enterprise_staff", enterpriseId, regionCode: null },
    otherEnt: { role: "enterprise_admin", enterpriseId: otherId, regionCode: null },
  } as const;
  // 执法证号 (users.enforcement_cert_no) of the certified officers.
  ({ s, ids, names } = await buildCast(t, make, {
    certNos: { ins1: "JF32048100001", ins2: "JF32048100002", tianning: "JF32040200001", township: "JF32048100003" },
  }));
  const created = await createChecklist(t.database.db, systemCtx(t), { name: "现场检查测试表", category: null, draft: v1 });
  checklistId = created.id;
  await publishChecklist(t.database.db, systemCtx(t), checklistId, { version: created.version });
});
after(() => t.close());

// ── helpers ───────────────────────────────────────────────────────────────────────────────────────────────
type Res = Awaited<ReturnType<typeof get>>;
const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const send = (session: Session, method: "POST" | "PUT", url: string, payload: object) =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": "en" }), payload });
const start = (session: Session, over: object = {}) =>
  send(session, "POST", "/api/inspections", {
    kind: "planned",
    enterpriseId,
    checklistId,
    inspectorIds: [ids.ins1, ids.ins2],
    latitude: 31.4167,
    longitude: 119.4833,
    ...over,
  });
const put = (session: Session, id: string, payload: object) => send(session, "PUT", `/api/inspections/${id}/responses`, payload);
const answer = (itemId: string, over: object = {}) => ({ id: randomUUID(), itemId, result: "pass", ...over });
const photo = (itemId: string, data = red, contentType = "image/png") => ({ id: randomUUID(), itemId, contentType, data });
const sign = (signer: "inspector" | "enterprise", name: string, userId?: string) => ({
  signer,
  name,
  image: ink,
  ...(userId ? { userId } : {}),
});
const count = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(t.database.db, q))[0]?.n ?? 0;
function expect400(res: Res, path: string) {
  assert.equal(res.statusCode, 400, res.body);
  const fields = res.json().error.fields as { path: string; message: string }[] | undefined;
  assert.ok(
    fields?.some((f) => f.path === path && f.message.length > 0 && !f.message.startsWith("inspections.")),
    `expected a message on ${path}: ${res.body}`,
  );
}
/** Every item answered: the general one failed with a photo, the major one failed, the rest pass. */
const failingBatch = () => ({
  responses: [
    answer("guard", { result: "fail", note: "二层平台东侧护栏缺失约3米" }),
    answer("aisle", { result: null, number: 3.2 }),
    answer("sign", { result: "fail" }),
    answer("remark", { result: null, text: "现场整体秩序良好" }),
    answer("chem1", { result: "fail", note: "安全管理人员张某未取得考核合格证" }),
    answer("trade1", { result: "na" }),
  ],
  photos: [photo("guard")],
});
const inspectorSignatures = () => [sign("inspector", names.ins1, ids.ins1), sign("inspector", names.ins2), sign("enterprise", "张三")];

async function startedRegulatorInspection(over: object = {}) {
  const res = await start(s.ins1, over);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

// ── tests ─────────────────────────────────────────────────────────────────────────────────────────────────
describe("starting an inspection", () => {
  test("two certified inspectors start a planned inspection on the newest published version; GPS and the team are kept", async () => {
    const i = await startedRegulatorInspection();
    assert.deepEqual(
      [i.status, i.kind, i.checklistVersion, i.version, i.itemCount, i.answeredCount],
      ["in_progress", "planned", 1, 1, 6, 0],
    );
    assert.deepEqual(
      i.inspectors.map((m: { certNo: string }) => m.certNo),
      ["JF32048100001", "JF32048100002"],
    );
    assert.equal(i.inspectorRegion, "320481");
    assert.deepEqual([i.startLatitude, i.startLongitude], [31.4167, 119.4833]);
    assert.equal(i.checklist.content.sections[1].items[0].criterionId, "aj2017-121-chem-1");
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'inspection.start' and entity_id = ${i.id}`), 1);
  });

  test("the team picker lists the certified regulators of the caller's region only (name and 执法证号)", async () => {
    const mine = (await get(s.ins1, "/api/inspections/team-candidates")).json();
    assert.deepEqual(
      mine.map((o: { certNo: string }) => o.certNo),
      ["JF32048100001", "JF32048100002", "JF32048100003"],
    );
    assert.deepEqual(Object.keys(mine[0]).sort(), ["certNo", "name", "regionCode", "userId"]);
    const filtered = (await get(s.ins1, `/api/inspections/team-candidates?q=${encodeURIComponent("100002")}`)).json();
    assert.deepEqual(
      filtered.map((o: { userId: string }) => o.userId),
      [ids.ins2],
    );
    assert.equal((await get(s.entAdmin, "/api/inspections/team-candidates")).statusCode, 403);
  });

  test("a regulator inspection with one inspector, or with one holding no 执法证, is refused and nothing is stored", async () => {
    const before = await count(sql`select count(*)::int as n from inspections`);
    expect400(await start(s.ins1, { inspectorIds: [ids.ins1] }), "inspectorIds");
    expect400(await start(s.ins1, { inspectorIds: [ids.ins1, ids.ins1] }), "inspectorIds");
    expect400(await start(s.ins1, { inspectorIds: [ids.ins1, ids.noCert] }), "inspectorIds.1");
    expect400(await start(s.ins1, { inspectorIds: [ids.ins1, ids.grid] }), "inspectorIds.1");
    expect400(await start(s.ins1, { inspectorIds: [ids.ins1, randomUUID()] }), "inspectorIds.1");
    assert.equal(await count(sql`select count(*)::int as n from inspections`), before);
  });

  test("an enterprise only inspects itself (自查): another enterprise is 404, a regulator kind 403", async () => {
    expect404(await start(s.entAdmin, { kind: "self", enterpriseId: otherId, inspectorIds: [] }));
    assert.equal((await start(s.entAdmin, { kind: "planned", inspectorIds: [] })).statusCode, 403);
    const own = await start(s.entStaff, { kind: "self", inspectorIds: [] });
    assert.equal(own.statusCode, 201, own.body);
    assert.deepEqual(
      own.json().inspectors.map((m: { userId: string }) => m.userId),
      [ids.entStaff],
    );
    // …and a regulator cannot start a self-inspection for it.
    assert.equal((await start(s.ins1, { kind: "self" })).statusCode, 403);
    // A colleague of another enterprise is no member of its team.
    expect400(await start(s.entStaff, { kind: "self", inspectorIds: [ids.otherEnt] }), "inspectorIds.0");
  });

  test("a grid member inspects only inside its grid, and only patrol kinds", async () => {
    const res = await start(s.grid, { kind: "complaint", inspectorIds: [] });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(
      res.json().inspectors.map((m: { userId: string }) => m.userId),
      [ids.grid],
    );
    expect404(await start(s.otherGrid, { kind: "complaint", inspectorIds: [] }));
    assert.equal((await start(s.grid, { kind: "double_random", inspectorIds: [] })).statusCode, 403);
    // A regulator outside the enterprise's region cannot start one on it either.
    expect404(await start(s.tianning, { inspectorIds: [ids.tianning, ids.ins1] }));
  });

  test("a version not published, a template never published, GPS half given: refused", async () => {
    assert.equal((await start(s.ins1, { checklistVersion: 9 })).statusCode, 404);
    const draft = await createChecklist(t.database.db, systemCtx(t), { name: "未发布的检查表", category: null, draft: v1 });
    assert.equal((await start(s.ins1, { checklistId: draft.id })).statusCode, 409);
    expect400(await start(s.ins1, { latitude: 31.4, longitude: null }), "longitude");
  });
});

function expect404(res: Res) {
  assert.equal(res.statusCode, 404, res.body);
}

describe("answering (PUT /responses)", () => {
  test("bad input — an item not in the version, a number for a pass/fail item, a number item without its value, a photo of the wrong type — is 400 and nothing is stored", async () => {
    const i = await startedRegulatorInspection();
    const ok = answer("guard");
    const cases: [object, string][] = [
      [{ responses: [ok, answer("not-in-v1")] }, "responses.1.itemId"],
      [{ responses: [ok, answer("sign", { number: 5 })] }, "responses.1.number"],
      [{ responses: [ok, answer("aisle", { result: "fail" })] }, "responses.1.number"],
      [{ responses: [ok], photos: [photo("guard", Buffer.from("%PDF-1.4 not an image").toString("base64"))] }, "photos.0.data"],
      [{ responses: [ok], photos: [photo("guard", Buffer.from(jpegWithExif()).toString("base64"), "image/png")] }, "photos.0.data"],
      [{ responses: [ok], photos: [photo("elsewhere")] }, "photos.0.itemId"],
      [{ responses: [ok, answer("guard")] }, "responses.1.itemId"],
    ];
    for (const [batch, path] of cases) expect400(await put(s.ins1, i.id, { version: 1, ...batch }), path);
    // A value zod refuses outright (a string for a number) is 400 as well.
    assert.equal((await put(s.ins1, i.id, { version: 1, responses: [{ ...answer("aisle"), number: "3.2" }] })).statusCode, 400);
    assert.equal(await count(sql`select count(*)::int as n from inspection_responses where inspection_id = ${i.id}`), 0);
    assert.equal(await count(sql`select count(*)::int as n from inspection_photos where inspection_id = ${i.id}`), 0);
    assert.equal((await get(s.ins1, `/api/inspections/${i.id}`)).json().version, 1);
  });

  test("a batch is judged and stored; replaying it stores each response once and does not bump the version", async () => {
    const i = await startedRegulatorInspection();
    const batch = { version: 1, ...failingBatch() };
    const first = await put(s.ins1, i.id, batch);
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(
      [first.json().version, first.json().changed, first.json().responses.length, first.json().photos.length],
      [2, true, 6, 1],
    );
    const outcomes = Object.fromEntries(first.json().responses.map((r: { itemId: string; outcome: string }) => [r.itemId, r.outcome]));
    assert.deepEqual(outcomes, { guard: "fail", aisle: "fail", sign: "fail", remark: "pass", chem1: "fail", trade1: "na" });

    for (let n = 0; n < 2; n++) {
      const again = await put(s.ins1, i.id, batch); // the queue lost the answer and sends the same batch again
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual([again.json().version, again.json().changed], [2, false]);
    }
    assert.equal(await count(sql`select count(*)::int as n from inspection_responses where inspection_id = ${i.id}`), 6);
    assert.equal(await count(sql`select count(*)::int as n from inspection_photos where inspection_id = ${i.id}`), 1);
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'inspection.answer' and entity_id = ${i.id}`), 1);

    // A new answer for an item (new client id) replaces the item's answer: still one row per item.
    const changed = await put(s.ins1, i.id, { version: 2, responses: [answer("aisle", { result: null, number: 4.5 })] });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().version, 3);
    assert.equal(changed.json().responses.find((r: { itemId: string }) => r.itemId === "aisle").outcome, "pass");
    assert.equal(await count(sql`select count(*)::int as n from inspection_responses where inspection_id = ${i.id}`), 6);
  });

  test("a second device on a stale version gets 409 with the current version, and nothing is overwritten", async () => {
    const i = await startedRegulatorInspection();
    assert.equal((await put(s.ins1, i.id, { version: 1, responses: [answer("guard")] })).statusCode, 200);
    const second = await put(s.ins2, i.id, { version: 1, responses: [answer("guard", { result: "fail" })] });
    assert.equal(second.statusCode, 409, second.body);
    assert.equal(second.headers["x-inspection-version"], "2");
    assert.match(second.json().error.message, /version 2/);
    const stored = await rows<{ outcome: string }>(
      t.database.db,
      sql`select outcome from inspection_responses where inspection_id = ${i.id} and item_id = 'guard'`,
    );
    assert.deepEqual(stored, [{ outcome: "pass" }]);
    // A response id re-used for another item is refused.
    const reuse = await put(s.ins1, i.id, {
      version: 2,
      responses: [{ ...answer("sign"), id: (await get(s.ins1, `/api/inspections/${i.id}`)).json().responses[0].id }],
    });
    expect400(reuse, "responses.0.id");
  });

  test("only the team (or whoever started it) answers; others in scope read it", async () => {
    const i = await startedRegulatorInspection();
    assert.equal((await put(s.township, i.id, { version: 1, responses: [answer("guard")] })).statusCode, 403);
    assert.equal((await put(s.entAdmin, i.id, { version: 1, responses: [answer("guard")] })).statusCode, 403);
    assert.equal((await get(s.township, `/api/inspections/${i.id}`)).statusCode, 200);
    assert.equal((await get(s.entAdmin, `/api/inspections/${i.id}`)).statusCode, 200);
    expect404(await get(s.otherEnt, `/api/inspections/${i.id}`));
    expect404(await get(s.tianning, `/api/inspections/${i.id}`));
    expect404(await put(s.tianning, i.id, { version: 1, responses: [answer("guard")] }));
  });
});

describe("finishing", () => {
  test("preconditions: unanswered items, a fail without its photo, missing signatures — 400, still in progress", async () => {
    const i = await startedRegulatorInspection();
    await put(s.ins1, i.id, { version: 1, responses: [answer("guard", { result: "fail" })] });
    const res = await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, {
      version: 2,
      signatures: [sign("inspector", names.ins1, ids.ins1)],
    });
    for (const path of ["responses.aisle", "photos.guard", "signatures", "signatures.inspectors.1"]) expect400(res, path);
    const bad = await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, {
      version: 2,
      signatures: [
        { ...sign("inspector", "x", ids.ins1), image: Buffer.from(jpegWithExif()).toString("base64") },
        sign("inspector", "y", ids.grid),
        sign("enterprise", "张三"),
        sign("enterprise", "张三"),
      ],
    });
    expect400(bad, "signatures.0.image");
    expect400(bad, "signatures.1.userId");
    expect400(bad, "signatures.3.name");
    assert.equal((await get(s.ins1, `/api/inspections/${i.id}`)).json().status, "in_progress");
  });

  test("v1 is kept after v2 is published; finishing raises one hazard per failed item — 重大 citing its criterion, photos carried over — atomically; the record is then read-only", async () => {
    const ctx = systemCtx(t);
    const template = await createChecklist(t.database.db, ctx, { name: "版本测试表", category: null, draft: v1 });
    const v1Published = await publishChecklist(t.database.db, ctx, template.id, { version: template.version });
    const i = await startedRegulatorInspection({ checklistId: template.id });
    // v2: the guard item is reworded and a new item added. The running inspection keeps v1.
    const v2: ChecklistContent = structuredClone(v1);
    (v2.sections[0]?.items[0] as { question: string }).question = "平台临边防护栏高度不低于1.2米";
    v2.sections[0]?.items.push({ ...(v1.sections[0]?.items[3] as ChecklistContent["sections"][0]["items"][0]), id: "added-in-v2" });
    const edited = await updateChecklist(t.database.db, ctx, template.id, { version: v1Published.version, name: template.name, draft: v2 });
    await publishChecklist(t.database.db, ctx, template.id, { version: edited.version });
    const detail = (await get(s.ins1, `/api/inspections/${i.id}`)).json();
    assert.equal(detail.checklistVersion, 1);
    assert.equal(detail.checklist.content.sections[0].items[0].question, "平台临边防护栏是否完好");
    expect400(await put(s.ins1, i.id, { version: 1, responses: [answer("added-in-v2")] }), "responses.0.itemId");
    // A new inspection starts on v2 (or on v1 when asked for it).
    assert.equal((await startedRegulatorInspection({ checklistId: template.id })).checklistVersion, 2);
    assert.equal((await startedRegulatorInspection({ checklistId: template.id, checklistVersion: 1 })).checklistVersion, 1);

    assert.equal((await put(s.ins1, i.id, { version: 1, ...failingBatch() })).statusCode, 200);
    const res = await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, {
      version: 2,
      summary: "责令限期整改。",
      signatures: inspectorSignatures(),
    });
    assert.equal(res.statusCode, 200, res.body);
    const done = res.json();
    assert.deepEqual([done.status, done.result, done.version, done.signatures.length], ["finished", "problems_found", 3, 3]);
    // guard (general, photo), aisle (general: 3.2 m < 4 m), chem1 (重大); sign is a note; trade1 n/a.
    const byItem = Object.fromEntries(done.hazards.map((h: { itemId: string }) => [h.itemId, h]));
    assert.deepEqual(Object.keys(byItem).sort(), ["aisle", "chem1", "guard"]);
    assert.equal(byItem.chem1.level, "major");
    assert.equal(byItem.chem1.criterionRef, criterionById("aj2017-121-chem-1")?.ref);
    assert.equal(byItem.guard.level, "general");
    assert.match(byItem.aisle.description, /实测 3\.2m，要求 ≥4m/);
    assert.match(byItem.guard.description, /二层平台东侧护栏缺失约3米【依据：《中华人民共和国安全生产法》 2021 第三十六条】/);
    for (const r of done.responses) assert.equal(r.hazardId, byItem[r.itemId]?.id ?? null, r.itemId);

    const major = (await get(s.ins1, `/api/hazards/${byItem.chem1.id}`)).json();
    assert.deepEqual(
      [major.level, major.criterionId, major.source, major.sourceRef, major.state, major.category, major.subType],
      ["major", "aj2017-121-chem-1", "regulator_inspection", i.id, "reported", "basic_management", "training"],
    );
    const general = (await get(s.entAdmin, `/api/hazards/${byItem.guard.id}`)).json();
    assert.deepEqual(
      [general.photos.length, general.photos[0].phase, general.location, general.subType],
      [1, "before", "现场管理", "premises"],
    );
    assert.equal(general.acceptedByRegulator, true);
    // R12/R3: the 重大 hazard is listed at county level and reported to the county's regulators at once.
    assert.equal(major.supervisionLevel, "county");
    assert.equal(
      await count(sql`select count(*)::int as n from notifications where user_id = ${ids.ins1} and subject_id = ${byItem.chem1.id}`),
      1,
    );
    assert.equal(
      await count(sql`select count(*)::int as n from audit_log where action = 'hazard.report' and entity_id = ${byItem.chem1.id}`),
      1,
    );

    // Read-only: answers and a second finish are refused; a replay of what is stored still answers 200.
    const late = await put(s.ins1, i.id, { version: 3, responses: [answer("guard")] });
    assert.equal(late.statusCode, 409, late.body);
    assert.equal(
      (await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, { version: 3, signatures: inspectorSignatures() })).statusCode,
      409,
    );
    assert.equal(await count(sql`select count(*)::int as n from hazards where source_ref = ${i.id}`), 3);

    // A correction is a new inspection linked to it.
    const correction = await startedRegulatorInspection({ correctsId: i.id, kind: "follow_up" });
    assert.equal(correction.correctsId, i.id);
    expect400(await start(s.ins1, { correctsId: correction.id }), "correctsId");
  });

  test("finish is all or nothing: a failure at the third hazard leaves no hazard and the inspection in progress", async () => {
    const i = await startedRegulatorInspection();
    assert.equal((await put(s.ins1, i.id, { version: 1, ...failingBatch() })).statusCode, 200);
    const db = t.database.db;
    await db.execute(sql`create sequence test_hazard_insert_seq`);
    await db.execute(
      sql.raw(`create function test_fail_third_hazard() returns trigger language plpgsql as $$
        begin
          if nextval('test_hazard_insert_seq') = 3 then raise exception 'forced failure at the third hazard'; end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql`create trigger test_fail_third_hazard before insert on hazards for each row execute function test_fail_third_hazard()`,
    );
    const auditBefore = await count(sql`select count(*)::int as n from audit_log`);
    try {
      const res = await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, { version: 2, signatures: inspectorSignatures() });
      assert.equal(res.statusCode, 500, res.body);
    } finally {
      await db.execute(sql`drop trigger test_fail_third_hazard on hazards`);
      await db.execute(sql`drop function test_fail_third_hazard()`);
      await db.execute(sql`drop sequence test_hazard_insert_seq`);
    }
    assert.equal(await count(sql`select count(*)::int as n from hazards where source_ref = ${i.id}`), 0);
    assert.equal(await count(sql`select count(*)::int as n from inspection_signatures where inspection_id = ${i.id}`), 0);
    assert.equal(
      await count(sql`select count(*)::int as n from inspection_responses where inspection_id = ${i.id} and hazard_id is not null`),
      0,
    );
    assert.equal(await count(sql`select count(*)::int as n from audit_log`), auditBefore);
    const still = (await get(s.ins1, `/api/inspections/${i.id}`)).json();
    assert.deepEqual([still.status, still.version, still.hazards.length], ["in_progress", 2, 0]);
    // With the fault gone the same finish succeeds.
    const res = await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, { version: 2, signatures: inspectorSignatures() });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().hazards.length, 3);
  });

  test("a stale finish is 409; a self-inspection's hazards are self_check, a grid patrol's grid_patrol", async () => {
    const i = await startedRegulatorInspection();
    await put(s.ins1, i.id, { version: 1, responses: [answer("guard")] });
    assert.equal(
      (await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, { version: 1, signatures: inspectorSignatures() })).statusCode,
      409,
    );

    for (const [session, kind, source, signatures] of [
      [s.entStaff, "self", "self_check", [sign("enterprise", "张三")]],
      [s.grid, "complaint", "grid_patrol", [sign("inspector", names.grid, ids.grid), sign("enterprise", "张三")]],
    ] as const) {
      const started = await start(session, { kind, inspectorIds: [] });
      assert.equal(started.statusCode, 201, started.body);
      const id = started.json().id;
      const batch = failingBatch();
      assert.equal((await put(session, id, { version: 1, ...batch })).statusCode, 200);
      const res = await send(session, "POST", `/api/inspections/${id}/finish`, { version: 2, signatures });
      assert.equal(res.statusCode, 200, res.body);
      const sources = await rows<{ source: string; found_by_region: string | null }>(
        t.database.db,
        sql`select distinct source, found_by_region from hazards where source_ref = ${id}`,
      );
      assert.deepEqual(sources, [{ source, found_by_region: kind === "self" ? null : "320481002" }]);
    }
  });
});

describe("lists, photos and the report", () => {
  test("the list is scoped: a township sees its inspections, another county none, an enterprise its own", async () => {
    const mine = (await get(s.ins2, "/api/inspections?mine=true&pageSize=100")).json();
    assert.ok(mine.total > 0);
    assert.ok(mine.items.every((i: { inspectors: { userId: string }[] }) => i.inspectors.some((m) => m.userId === ids.ins2)));
    assert.ok((await get(s.township, "/api/inspections")).json().total > 0);
    assert.equal((await get(s.tianning, "/api/inspections")).json().total, 0);
    const own = (await get(s.entAdmin, "/api/inspections?pageSize=100")).json();
    assert.ok(own.items.every((i: { enterpriseId: string }) => i.enterpriseId === enterpriseId));
    assert.equal((await get(s.otherEnt, "/api/inspections")).json().total, 0);
    const finished = (await get(s.ins1, "/api/inspections?status=finished&kind=planned")).json();
    assert.ok(finished.items.length > 0 && finished.items.every((i: { status: string }) => i.status === "finished"));
    // Each row's progress agrees with its record (the counts are subqueries on the responses).
    for (const row of finished.items.slice(0, 3)) {
      const detail = (await get(s.ins1, `/api/inspections/${row.id}`)).json();
      const outcomes = detail.responses.map((r: { outcome: string | null }) => r.outcome);
      assert.equal(row.answeredCount, outcomes.filter((o: string | null) => o !== null).length);
      assert.equal(row.failedCount, outcomes.filter((o: string | null) => o === "fail").length);
      assert.ok(row.answeredCount > 0);
    }
  });

  test("photos are served in scope only", async () => {
    const i = await startedRegulatorInspection();
    const res = await put(s.ins1, i.id, { version: 1, responses: [answer("guard", { result: "fail" })], photos: [photo("guard")] });
    const photoId = res.json().photos[0].id;
    const body = await get(s.entAdmin, `/api/inspection-photos/${photoId}`);
    assert.equal(body.statusCode, 200);
    assert.equal(body.headers["content-type"], "image/png");
    expect404(await get(s.otherEnt, `/api/inspection-photos/${photoId}`));
    // Removing it (taken by mistake) is one more change.
    const removed = await put(s.ins1, i.id, { version: 2, removePhotoIds: [photoId] });
    assert.deepEqual([removed.json().version, removed.json().photos.length], [3, 0]);
  });

  test("the report PDF: Chinese header with inspectors and certificates, items by section, photo thumbnails, hazards, signatures", async () => {
    const i = await startedRegulatorInspection();
    await put(s.ins1, i.id, { version: 1, ...failingBatch() });
    const finished = await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, { version: 2, signatures: inspectorSignatures() });
    assert.equal(finished.statusCode, 200, finished.body);
    const res = await get(s.entAdmin, `/api/inspections/${i.id}/report.pdf`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers["content-type"], "application/pdf");
    const pdf = res.rawPayload;
    assert.match(pdfFacts(pdf).fonts, /NotoSansSC/);
    const text = pdfText(pdf).replace(/\s+/g, "");
    for (const expected of [
      "安全生产现场检查记录",
      "溧阳市检查测试化工有限公司",
      "执法证号JF32048100001",
      "计划检查",
      "现场管理",
      "重大事故隐患判定",
      "不合格",
      "重大事故隐患",
      criterionById("aj2017-121-chem-1")?.ref.replace(/\s+/g, "") ?? "?",
      "发现的事故隐患",
      "被检查单位负责人",
    ]) {
      assert.ok(text.includes(expected), `report lacks ${expected}`);
    }
    // The red photo thumbnail is on the page: rendered, not only named.
    const pages = pdfFacts(pdf).pages;
    let redShare = 0;
    for (let p = 1; p <= pages; p++) redShare = Math.max(redShare, shareOf(rasterize(pdf, p), { x: 0, y: 0, w: 1, h: 1 }, "#dc1414", 40));
    assert.ok(redShare > 0.001, `photo thumbnail not visible (${redShare})`);
    expect404(await get(s.otherEnt, `/api/inspections/${i.id}/report.pdf`));
  });
});

describe("links: a double-random draw (双随机) and the annual plan", () => {
  type Drawn = { uscc: string; name: string; team: { certNo: string; name: string }[] };
  type Draw = { id: string; version: number; objects: Drawn[] };
  type Key = "ins1" | "ins2" | "township";
  const certs: Record<string, Key> = { JF32048100001: "ins1", JF32048100002: "ins2", JF32048100003: "township" };
  let drawSeq = 0;
  let draw: Draw;
  let drawnId: string;
  let notDrawnId: string;
  let team: Key[];

  const anonymous = (url: string) => t.app.inject({ method: "GET", url, headers: { "accept-language": "en" } });
  async function prepare(over: object = {}): Promise<Draw> {
    const res = await send(s.ins2, "POST", "/api/random-draws", {
      planCode: `LY-320481-2026-DR-I${++drawSeq}`,
      title: "2026年11月双随机抽查（检查关联测试）",
      regionCode: "320481",
      k: 1,
      teamSize: 2,
      beaconSource: "中国福利彩票双色球",
      beaconId: "2026136期",
      ...over,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  }
  async function execute(d: Draw): Promise<Draw> {
    const res = await send(s.ins2, "POST", `/api/random-draws/${d.id}/execute`, {
      version: d.version,
      beaconValue: "03 07 12 19 25 31 + 09",
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }
  const teamOf = (d: Draw) => (d.objects[0] as Drawn).team.map((m) => certs[m.certNo] as Key);
  const enterpriseOf = (d: Draw) => ((d.objects[0] as Drawn).name === "溧阳市检查测试化工有限公司" ? enterpriseId : otherId);
  const signaturesOf = (keys: Key[]) => [...keys.map((k) => sign("inspector", names[k], ids[k])), sign("enterprise", "张三")];
  const inspections = () => count(sql`select count(*)::int as n from inspections`);

  before(async () => {
    draw = await execute(await prepare());
    drawnId = enterpriseOf(draw);
    notDrawnId = drawnId === enterpriseId ? otherId : enterpriseId;
    team = teamOf(draw);
    assert.equal(team.length, 2);
  });

  test("refused with 400 on the field, nothing stored: unknown, unseen or undrawn draw, wrong kind, another team", async () => {
    const before = await inspections();
    const drawn = { kind: "double_random", enterpriseId: drawnId, drawId: draw.id, inspectorIds: team.map((k) => ids[k]) };
    const prepared = await prepare();
    const others = (["ins1", "ins2", "township"] as const).filter((k) => !team.includes(k));
    const cases: [Session, object, string, RegExp][] = [
      [s.ins1, { ...drawn, drawId: randomUUID() }, "drawId", /No such random draw/],
      [s.ins1, { ...drawn, drawId: prepared.id }, "drawId", /not been executed/],
      [s.ins1, { ...drawn, kind: "planned" }, "kind", /double-random inspection/],
      [s.ins1, { ...drawn, kind: "unannounced" }, "kind", /double-random inspection/], // not prepared as 四不两直
      [s.ins1, { ...drawn, enterpriseId: notDrawnId }, "enterpriseId", /not drawn/],
      [s.ins1, { ...drawn, inspectorIds: [ids[team[0] as Key], ids[others[0] as Key]] }, "inspectorIds", /officers drawn/],
      [s.ins1, { ...drawn, inspectorIds: [...drawn.inspectorIds, ids[others[0] as Key]] }, "inspectorIds", /officers drawn/],
    ];
    for (const [session, body, path, message] of cases) {
      const res = await start(session, body);
      expect400(res, path);
      const field = res.json().error.fields.find((f: { path: string }) => f.path === path);
      assert.match(field.message, message, JSON.stringify(body));
    }
    // The team message names the drawn officers.
    const wrongTeam = await start(s.ins1, { ...drawn, inspectorIds: [ids[team[0] as Key], ids[others[0] as Key]] });
    for (const m of (draw.objects[0] as Drawn).team) assert.match(wrongTeam.body, new RegExp(m.certNo));
    // A township regulator does not see the county's draw (its enterprise is in the township's scope).
    expect400(await start(s.township, { ...drawn, enterpriseId }), "drawId");
    assert.equal(await inspections(), before);
  });

  test("the drawn team starts a double-random inspection linked to the draw; after a recusal only the new team may", async () => {
    const res = await start(s.ins1, {
      kind: "double_random",
      enterpriseId: drawnId,
      drawId: draw.id,
      inspectorIds: team.map((k) => ids[k]),
    });
    assert.equal(res.statusCode, 201, res.body);
    const i = res.json();
    assert.deepEqual([i.kind, i.drawId, i.enterpriseId], ["double_random", draw.id, drawnId]);
    const [audit] = await rows<{ drawId: string }>(
      t.database.db,
      sql`select diff->'after'->>'drawId' as "drawId" from audit_log where action = 'inspection.start' and entity_id = ${i.id}`,
    );
    assert.equal(audit?.drawId, draw.id);
    // Finished with problems: its result is published (see below).
    assert.equal((await put(s.ins1, i.id, { version: 1, ...failingBatch() })).statusCode, 200);
    const finished = await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, { version: 2, signatures: signaturesOf(team) });
    assert.equal(finished.statusCode, 200, finished.body);

    // R8.7: a drawn officer recuses; the published replacement joins the team, and the old team is refused.
    const uscc = (draw.objects[0] as Drawn).uscc;
    const out = (draw.objects[0] as Drawn).team[0]?.certNo as string;
    const recused = await send(s.ins2, "POST", `/api/random-draws/${draw.id}/recusals`, { version: draw.version, certNo: out, uscc });
    assert.equal(recused.statusCode, 200, recused.body);
    draw = recused.json();
    const newTeam = teamOf(draw);
    assert.ok(!newTeam.includes(certs[out] as Key));
    expect400(
      await start(s.ins1, { kind: "double_random", enterpriseId: drawnId, drawId: draw.id, inspectorIds: team.map((k) => ids[k]) }),
      "inspectorIds",
    );
    const again = await start(s.ins1, {
      kind: "double_random",
      enterpriseId: drawnId,
      drawId: draw.id,
      inspectorIds: newTeam.map((k) => ids[k]),
    });
    assert.equal(again.statusCode, 201, again.body); // in progress: not published
  });

  test("a draw prepared as 四不两直 takes an unannounced inspection; a cross-county one a cross-area inspection", async () => {
    const unannounced = await execute(await prepare({ unannounced: true, revealOn: "2027-01-04" }));
    const res = await start(s.ins1, {
      kind: "unannounced",
      enterpriseId: enterpriseOf(unannounced),
      drawId: unannounced.id,
      inspectorIds: teamOf(unannounced).map((k) => ids[k]),
    });
    assert.equal(res.statusCode, 201, res.body);
    expect400(
      await start(s.ins1, {
        kind: "cross_area",
        enterpriseId: enterpriseOf(unannounced),
        drawId: unannounced.id,
        inspectorIds: teamOf(unannounced).map((k) => ids[k]),
      }),
      "kind",
    );
    // Its results are not public before the reveal date, finished or not.
    const i = res.json();
    assert.equal((await put(s.ins1, i.id, { version: 1, ...failingBatch() })).statusCode, 200);
    const signatures = signaturesOf(teamOf(unannounced));
    assert.equal((await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, { version: 2, signatures })).statusCode, 200);
    assert.equal((await anonymous(`/api/public/random-draws/${unannounced.id}/results`)).statusCode, 404);
  });

  test("public results (R7), no sign-in: only finished linked inspections, only name, USCC, date, result and the deadline", async () => {
    const res = await anonymous(`/api/public/random-draws/${draw.id}/results`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual([body.drawId, body.publishWithinWorkingDays], [draw.id, 20]);
    assert.equal(body.results.length, 1, "the second inspection is still in progress");
    const [only] = body.results;
    assert.deepEqual(Object.keys(only).sort(), ["inspectedOn", "name", "publishBy", "result", "uscc"]);
    // Finished Monday 2026-11-23: due public 20 working days later, Monday 2026-12-21.
    assert.deepEqual(only, {
      uscc: (draw.objects[0] as Drawn).uscc,
      name: (draw.objects[0] as Drawn).name,
      inspectedOn: "2026-11-23",
      result: "ordered_to_correct",
      publishBy: "2026-12-21",
    });
    for (const hidden of ["JF3204810000", "enterpriseId", "inspectors", drawnId]) assert.ok(!res.body.includes(hidden), hidden);
    // An unknown draw and a draw not executed: 404.
    assert.equal((await anonymous(`/api/public/random-draws/${randomUUID()}/results`)).statusCode, 404);
    assert.equal((await anonymous(`/api/public/random-draws/${(await prepare()).id}/results`)).statusCode, 404);
  });

  describe("the annual plan", () => {
    let approvedItem: string;
    let draftItem: string;
    let otherItem: string;
    before(async () => {
      // Plans as the plan module stores them (same module: inspection_plans / inspection_plan_items).
      const db = t.database.db;
      const now = t.clock.now();
      const plan = async (status: string) =>
        (
          await db
            .insert(inspectionPlans)
            .values({
              regionCode: "320481",
              departmentId: null,
              year: 2026,
              title: `2026年度计划${status}`,
              status,
              groups: [],
              createdAt: now,
              updatedAt: now,
            })
            .returning()
        )[0]?.id as string;
      const item = async (planId: string, enterprise: string) =>
        (
          await db
            .insert(inspectionPlanItems)
            .values({ planId, enterpriseId: enterprise, regionCode: "320481002001", groupKey: "key", month: 11, team: [], createdAt: now })
            .returning()
        )[0]?.id as string;
      const approved = await plan("approved");
      approvedItem = await item(approved, enterpriseId);
      otherItem = await item(approved, otherId);
      draftItem = await item(await plan("draft"), enterpriseId);
    });

    test("refused with 400 on the field, nothing stored: another kind, unknown item, draft plan, another enterprise's item", async () => {
      const before = await inspections();
      const cases: [object, string, RegExp][] = [
        [{ kind: "follow_up", planItemId: approvedItem }, "kind", /planned inspection/],
        [{ planItemId: randomUUID() }, "planItemId", /No such annual plan item/],
        [{ planItemId: draftItem }, "planItemId", /not approved/],
        [{ planItemId: otherItem }, "planItemId", /another enterprise/],
      ];
      for (const [body, path, message] of cases) {
        const res = await start(s.ins1, body);
        expect400(res, path);
        assert.match(res.json().error.fields.find((f: { path: string }) => f.path === path).message, message);
      }
      assert.equal(await inspections(), before);
    });

    test("a planned inspection of the item; once it is finished the item is done and a second one is refused", async () => {
      const i = await startedRegulatorInspection({ planItemId: approvedItem });
      assert.equal(i.planItemId, approvedItem);
      // While it is in progress the item is not done: a second team may still start on it.
      assert.equal((await start(s.ins1, { planItemId: approvedItem })).statusCode, 201);
      assert.equal((await put(s.ins1, i.id, { version: 1, ...failingBatch() })).statusCode, 200);
      const finished = await send(s.ins1, "POST", `/api/inspections/${i.id}/finish`, { version: 2, signatures: inspectorSignatures() });
      assert.equal(finished.statusCode, 200, finished.body);
      const before = await inspections();
      const res = await start(s.ins1, { planItemId: approvedItem });
      expect400(res, "planItemId");
      assert.match(res.body, /already done this plan item/);
      assert.equal(await inspections(), before);
    });
  });
});
