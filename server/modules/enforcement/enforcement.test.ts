import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { deflateSync } from "node:zlib";
import type { ChecklistContent } from "../../../domain/inspections/checklist.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { rows, sql } from "../../kernel/db/db.js";
import { buildCast, buildEnterprise, type Session, seedReference, systemCtx, type TestApp, testApp } from "../../test/harness.js";
import { getUser } from "../accounts/users.service.js";
import { createChecklist, publishChecklist } from "../checklists/checklists.service.js";
import { createDepartment } from "../departments/departments.service.js";
import { openCase } from "./enforcement.service.js";

// The test clock stands on Monday 2026-11-23 (Shanghai). The enterprise is in 溧阳市 溧城街道 (320481002001); the
// case department is 溧阳市应急管理局 (320481).
let t: TestApp;
let enterpriseId: string;
let otherEnterpriseId: string;
let checklistId: string;
let departmentId: string;
let housingId: string;
const who = ["admin", "ins1", "ins2", "tianning", "township", "grid", "entAdmin", "otherEnt"] as const;
let s: Record<(typeof who)[number], Session>;
let ids: Record<(typeof who)[number], string>;
let names: Record<(typeof who)[number], string>;

function solidPng(w: number, h: number): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (table[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((w * 3 + 1) * h);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
const ink = solidPng(120, 40).toString("base64");

const content: ChecklistContent = {
  sections: [
    {
      id: "site",
      title: "现场管理",
      items: [
        {
          id: "guard",
          question: "平台临边防护栏是否完好",
          type: "pass_fail",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: { standard: "中华人民共和国安全生产法", number: "", version: "2021", article: "第三十六条" },
          onFail: "general",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: "premises",
        },
      ],
    },
  ],
};

before(async () => {
  t = await testApp();
  await seedReference(t);
  enterpriseId = (await buildEnterprise(t, { name: "溧阳市执法测试化工有限公司" })).id;
  otherEnterpriseId = (await buildEnterprise(t, { name: "溧阳市另一家执法测试有限公司" })).id;
  const make = {
    admin: {},
    ins1: { role: "regulator_inspector", regionCode: "320481" },
    ins2: { role: "regulator_leader", regionCode: "320481" },
    tianning: { role: "regulator_inspector", regionCode: "320402" },
    township: { role: "regulator_inspector", regionCode: "320481002" },
    grid: { role: "grid_member", regionCode: "320481002" },
    entAdmin: { role: "enterprise_admin", enterpriseId, regionCode: null },
    otherEnt: { role: "enterprise_admin", enterpriseId: otherEnterpriseId, regionCode: null },
  } as const;
  ({ s, ids, names } = await buildCast(t, make, {
    certNos: { ins1: "JF32048109001", ins2: "JF32048109002", tianning: "JF32040209001" },
  }));
  const db = t.database.db;
  departmentId = (await createDepartment(db, systemCtx(t), { regionCode: "320481", kind: "emergency", name: "溧阳市应急管理局" })).id;
  housingId = (await createDepartment(db, systemCtx(t), { regionCode: "320481", kind: "housing", name: "溧阳市住房和城乡建设局" })).id;
  const created = await createChecklist(db, systemCtx(t), { name: "执法测试检查表", category: null, draft: content });
  checklistId = created.id;
  await publishChecklist(db, systemCtx(t), checklistId, { version: created.version });
});
after(() => t.close());

// ── helpers ───────────────────────────────────────────────────────────────────────────────────────────────
type Res = Awaited<ReturnType<typeof get>>;
const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const send = (session: Session, method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": "en" }), ...(payload ? { payload } : {}) });
const count = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(t.database.db, q))[0]?.n ?? 0;

/** A finished planned inspection by ins1 + ins2 with one failed item (one general hazard). */
async function finishedInspection(finish = true): Promise<{ id: string; hazardIds: string[] }> {
  const started = await send(s.ins1, "POST", "/api/inspections", {
    kind: "planned",
    enterpriseId,
    checklistId,
    inspectorIds: [ids.ins1, ids.ins2],
    departmentId,
  });
  assert.equal(started.statusCode, 201, started.body);
  const id = started.json().id as string;
  const put = await send(s.ins1, "PUT", `/api/inspections/${id}/responses`, {
    version: 1,
    responses: [{ id: randomUUID(), itemId: "guard", result: "fail", note: "二层平台东侧护栏缺失约3米" }],
  });
  assert.equal(put.statusCode, 200, put.body);
  if (!finish) return { id, hazardIds: [] };
  const done = await send(s.ins1, "POST", `/api/inspections/${id}/finish`, {
    version: 2,
    signatures: [
      { signer: "inspector", name: names.ins1, userId: ids.ins1, image: ink },
      { signer: "inspector", name: names.ins2, userId: ids.ins2, image: ink },
      { signer: "enterprise", name: "张三", image: ink },
    ],
  });
  assert.equal(done.statusCode, 200, done.body);
  return { id, hazardIds: done.json().hazards.map((h: { id: string }) => h.id) };
}

const violation = (over: object = {}) => ({
  facts: "二层平台东侧临边防护栏缺失约3米，未采取安全防护措施",
  provisionViolated: "《中华人民共和国安全生产法》第三十六条第一款",
  provisionApplied: "《中华人民共和国安全生产法》第九十九条第（一）项",
  proposed: "20000.50",
  ...over,
});
const open = (session: Session, body: object) => send(session, "POST", "/api/cases", body);
async function openedCase(over: object = {}) {
  const i = await finishedInspection();
  const res = await open(s.ins1, { inspectionId: i.id, violations: [violation()], internalNote: "拟从重处罚", ...over });
  assert.equal(res.statusCode, 201, res.body);
  return { ...res.json(), inspection: i };
}
const event = (session: Session, id: string, body: object) => send(session, "POST", `/api/cases/${id}/events`, body);
/** A penalty whose fine (¥100,000 on a unit) carries the hearing right (行政处罚法 Art. 63). */
const bigFine = { party: "unit", items: [{ kind: "fine", amountFen: 100_000_00 }] };

function expect400(res: Res, path: string) {
  assert.equal(res.statusCode, 400, res.body);
  const fields = res.json().error.fields as { path: string; message: string }[] | undefined;
  assert.ok(
    fields?.some((f) => f.path === path && f.message.length > 0 && !f.message.startsWith("enforcement.")),
    `expected a message on ${path}: ${res.body}`,
  );
}

// ── tests ─────────────────────────────────────────────────────────────────────────────────────────────────
describe("opening a case", () => {
  test("from a finished regulator inspection: numbered, the team as officers, the inspection's hazards, `opened` as seq 1, audited", async () => {
    const c = await openedCase();
    assert.match(c.caseNo, /^溧应急罚〔2026〕\d+号$/);
    assert.equal(c.caseNo, `溧应急罚〔2026〕${c.seq}号`);
    assert.deepEqual([c.phase, c.version, c.departmentId, c.enterpriseId, c.source], ["open", 1, departmentId, enterpriseId, "inspection"]);
    assert.deepEqual(
      c.officers.map((o: { certNo: string }) => o.certNo),
      ["JF32048109001", "JF32048109002"],
    );
    assert.deepEqual(
      c.events.map((e: { seq: number; type: string; on: string }) => [e.seq, e.type, e.on]),
      [[1, "opened", "2026-11-23"]],
    );
    assert.equal(c.violations.length, 1);
    assert.deepEqual(c.violations[0].hazardIds, c.inspection.hazardIds);
    assert.equal(c.inspection.hazardIds.length, 1);
    assert.equal(c.violations[0].proposedFen, 2_000_050);
    assert.equal(c.internalNote, "拟从重处罚");
    assert.ok(c.allowedNext.includes("order_issued") && c.allowedNext.includes("filed") && !c.allowedNext.includes("opened"));
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'case.open' and entity_id = ${c.id}`), 1);
  });

  test("bad input is 400 on its field and nothing is stored", async () => {
    const i = await finishedInspection();
    const unfinished = await finishedInspection(false);
    const cases = () => count(sql`select count(*)::int as n from enforcement_cases`);
    const counters = () => count(sql`select coalesce(sum(last_seq), 0)::int as n from enforcement_case_counters`);
    const [c0, n0] = [await cases(), await counters()];
    expect400(await open(s.ins1, { inspectionId: i.id, violations: [] }), "violations");
    expect400(await open(s.ins1, { inspectionId: i.id, violations: [violation({ facts: " " })] }), "violations.0.facts");
    expect400(await open(s.ins1, { inspectionId: i.id, violations: [violation({ proposed: "12.345" })] }), "violations.0.proposed");
    expect400(
      await open(s.ins1, { inspectionId: i.id, violations: [violation({ hazardIds: [randomUUID()] })] }),
      "violations.0.hazardIds.0",
    );
    expect400(await open(s.ins1, { inspectionId: unfinished.id, violations: [violation()] }), "inspectionId");
    expect400(await open(s.ins1, { inspectionId: i.id, violations: [violation()], officers: [ids.ins1, ids.tianning] }), "officers.1");
    expect400(await open(s.ins1, { inspectionId: i.id, departmentId: randomUUID(), violations: [violation()] }), "departmentId");
    assert.equal((await open(s.tianning, { inspectionId: i.id, violations: [violation()] })).statusCode, 404);
    assert.equal((await open(s.entAdmin, { inspectionId: i.id, violations: [violation()] })).statusCode, 403);
    assert.deepEqual([await cases(), await counters()], [c0, n0]);
  });

  test("50 concurrent openings in one department get 50 distinct, gap-free numbers 1..50", async () => {
    const i = await finishedInspection();
    const actor = await getUser(t.database.db, systemCtx(t), ids.ins1);
    const ctx: Ctx = {
      ip: "127.0.0.1",
      now: t.clock.now(),
      actor: {
        userId: ids.ins1,
        username: actor.username,
        displayName: actor.displayName,
        role: "regulator_inspector",
        regionCode: "320481",
        enterpriseId: null,
        mustChangePassword: false,
        via: { kind: "token", tokenId: "test" },
      },
    };
    const opened = await Promise.all(
      Array.from({ length: 50 }, () =>
        openCase(t.database.db, ctx, {
          inspectionId: i.id,
          departmentId: housingId,
          violations: [{ ...violation(), proposed: 2_000_050 }],
        }),
      ),
    );
    const seqs = opened.map((c) => c.seq).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 50 }, (_, k) => k + 1),
    );
    assert.equal(new Set(opened.map((c) => c.caseNo)).size, 50);
    assert.ok(opened.every((c) => c.caseNo === `溧建罚〔2026〕${c.seq}号`));
  });
});

describe("events", () => {
  test("a decision before the notice, or before the defence period has run out, is 409 with the allowed types", async () => {
    const c = await openedCase();
    const early = await event(s.ins1, c.id, { type: "decision_issued", version: 1, penalty: bigFine });
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json().error.code, "enforcement.case.not_filed");
    assert.ok(early.json().error.allowed.includes("filed"));
    let res = await event(s.ins1, c.id, { type: "filed", version: 1, note: "内部：拟立案" });
    assert.equal(res.statusCode, 200, res.body);
    res = await event(s.ins1, c.id, { type: "decision_issued", version: 2, penalty: bigFine });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, "enforcement.case.no_notice");
    res = await event(s.ins1, c.id, { type: "penalty_notice", version: 2, penalty: bigFine });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().phase, "notified");
    res = await event(s.ins1, c.id, { type: "decision_issued", version: 3, penalty: bigFine });
    assert.equal(res.statusCode, 409, res.body);
    const err = res.json().error;
    assert.equal(err.code, "enforcement.case.defence_period_running");
    assert.ok(!err.message.startsWith("enforcement."), err.message);
    assert.ok(err.allowed.includes("statement_received") && err.allowed.includes("hearing_requested"));
    assert.ok(!err.allowed.includes("decision_issued"));
    // Nothing was stored by the refusals.
    assert.equal(await count(sql`select count(*)::int as n from enforcement_events where case_id = ${c.id}`), 3);
  });

  test("a hearing requested within the period (recorded by the officer for the party) moves the case to hearing", async () => {
    const c = await openedCase();
    for (const [v, body] of [
      [1, { type: "filed" }],
      [2, { type: "penalty_notice", penalty: bigFine }],
    ] as const) {
      const r = await event(s.ins1, c.id, { ...body, version: v });
      assert.equal(r.statusCode, 200, r.body);
    }
    const res = await event(s.ins2, c.id, { type: "hearing_requested", version: 3 });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual([d.phase, d.version, d.events.length, d.events.at(-1).seq], ["hearing", 4, 4, 4]);
    assert.equal(
      await count(sql`select count(*)::int as n from audit_log where action = 'case.event.hearing_requested' and entity_id = ${c.id}`),
      1,
    );
    const row = await rows<{ phase: string }>(t.database.db, sql`select phase from enforcement_cases where id = ${c.id}`);
    assert.equal(row[0]?.phase, "hearing");
  });

  test("a stale version is 409 and stores nothing; bad payload 400 on its field", async () => {
    const c = await openedCase();
    assert.equal((await event(s.ins1, c.id, { type: "filed", version: 1 })).statusCode, 200);
    const stale = await event(s.ins1, c.id, { type: "penalty_notice", version: 1, penalty: bigFine });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().error.code, "conflict.stale_version");
    expect400(await event(s.ins1, c.id, { type: "order_issued", version: 2, deadline: "2026-02-30" }), "deadline");
    expect400(await event(s.ins1, c.id, { type: "opened", version: 2 }), "type");
    assert.equal(await count(sql`select count(*)::int as n from enforcement_events where case_id = ${c.id}`), 2);
  });

  test("events are append-only: no route changes or removes one, and the database refuses UPDATE and DELETE", async () => {
    const c = await openedCase();
    for (const method of ["PUT", "PATCH", "DELETE"] as const) {
      const res = await send(s.admin, method, `/api/cases/${c.id}/events/1`, method === "DELETE" ? undefined : { type: "closed" });
      assert.equal(res.statusCode, 404, `${method}: ${res.body}`);
    }
    const refused = (e: unknown) => /append-only/.test(`${(e as Error).message} ${((e as Error).cause as Error | undefined)?.message}`);
    await assert.rejects(t.database.db.execute(sql`update enforcement_events set type = 'closed' where case_id = ${c.id}`), refused);
    await assert.rejects(t.database.db.execute(sql`delete from enforcement_events where case_id = ${c.id}`), refused);
    assert.equal(await count(sql`select count(*)::int as n from enforcement_events where case_id = ${c.id} and type = 'opened'`), 1);
  });
});

describe("access", () => {
  test("the enterprise sees its own cases without internal notes; others, another county and a township officer get 404", async () => {
    const c = await openedCase();
    assert.equal((await event(s.ins1, c.id, { type: "filed", version: 1, note: "内部：领导已同意" })).statusCode, 200);

    const mine = await get(s.entAdmin, `/api/cases/${c.id}`);
    assert.equal(mine.statusCode, 200, mine.body);
    const m = mine.json();
    assert.equal(m.internalNote, null);
    assert.ok(m.events.every((e: { note: string | null }) => e.note === null));
    assert.ok(!mine.body.includes("内部") && !mine.body.includes("拟从重处罚"));
    const list = (await get(s.entAdmin, "/api/cases?pageSize=100")).json();
    assert.ok(list.items.some((x: { id: string }) => x.id === c.id));
    assert.ok(
      list.items.every((x: { enterpriseId: string; internalNote: null }) => x.enterpriseId === enterpriseId && x.internalNote === null),
    );

    const officer = (await get(s.ins1, `/api/cases/${c.id}`)).json();
    assert.equal(officer.internalNote, "拟从重处罚");
    assert.equal(officer.events[1].note, "内部：领导已同意");

    for (const who of [s.otherEnt, s.tianning, s.township]) assert.equal((await get(who, `/api/cases/${c.id}`)).statusCode, 404);
    assert.equal((await get(s.tianning, "/api/cases")).json().total, 0);
    assert.equal((await get(s.otherEnt, "/api/cases")).json().total, 0);
    assert.equal((await get(s.grid, "/api/cases")).statusCode, 403);
    // The enterprise appends nothing itself; an officer of another county cannot reach the case.
    assert.equal((await event(s.entAdmin, c.id, { type: "statement_received", version: 2 })).statusCode, 403);
    assert.equal((await event(s.tianning, c.id, { type: "order_issued", version: 2, deadline: "2026-12-23" })).statusCode, 404);
    const filtered = (await get(s.ins1, `/api/cases?enterprise=${enterpriseId}&phase=filed&region=320481002`)).json();
    assert.ok(filtered.items.some((x: { id: string }) => x.id === c.id));
    assert.ok(filtered.items.every((x: { phase: string }) => x.phase === "filed"));
  });
});
