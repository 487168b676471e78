import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { loadExcel } from "../../kernel/files/excel.js";
import { buildCast, buildEnterprise, type Session, seedReference, signIn, type TestApp, testApp, usccFor } from "../../test/harness.js";
import { inspectionPlanItems, inspectionPlans } from "./inspections.schema.js";

// Inspection statistics (issue 7 §7), hand-computed for November 2026 in 溧阳市 (320481). The clock starts on Monday
// 2026-11-23, 10:00 in Shanghai. e1 is in 溧城街道 (320481002), e2 in 埭头镇 (320481102), e3 in 天宁区.
//
//   I1 planned, e1, department D1, finished 11-23: one general fail and one 重大 fail (criterion applies) → 2 hazards
//   I2 double_random, e1, of draw R (which drew e1 and e2), finished 11-23, all pass
//   I3 complaint, e2, started 11-23, not finished
//   I4 self, e1 (自查), finished with a fail → its hazard is no supervisory finding
//   I5 planned, e3 (天宁区), finished with a fail → outside 溧阳市
//   I6 planned, e2, D1, 11-25, finished, all pass; it names plan item P5
//
//   plan A (approved, D1): P1 e1 Nov (its inspection I1), P2 e2 Nov (not done), P3 e1 Dec (outside November)
//   plan B (draft):         P4 e2 Nov (a draft plan counts for nothing)
//   plan C (approved):      P5 e2 Nov (done by I6, linked from the inspection's side)
let t: TestApp;
let e1: string;
let e2: string;
let e3: string;
let d1: string;
let checklistId: string;
let drawId: string;
const who = ["admin", "ins1", "ins2", "tianning", "grid", "e1Admin"] as const;
let s: Record<(typeof who)[number], Session>;
let ids: Record<(typeof who)[number], string>;

const pngChunk = (type: string, data: Buffer) =>
  Buffer.concat([Buffer.from([0, 0, 0, data.length]), Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk("IHDR", Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
  pngChunk("IEND", Buffer.alloc(0)),
]).toString("base64");
const draft = {
  sections: [
    {
      id: "s1",
      title: "现场与管理",
      items: [
        { id: "guard", question: "平台临边防护栏是否完好", type: "pass_fail", onFail: "general" },
        {
          id: "chem1",
          question: "主要负责人和安全生产管理人员是否依法经考核合格",
          type: "pass_fail",
          onFail: "major",
          criterionId: "aj2017-121-chem-1",
          hazardCategory: "basic_management",
        },
      ],
    },
  ],
};

const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const send = (session: Session, method: "POST" | "PUT", url: string, payload: object = {}) =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": "en" }), payload });
async function ok<T = Record<string, unknown>>(res: Promise<{ statusCode: number; body: string; json(): T }>, status = 200): Promise<T> {
  const r = await res;
  assert.equal(r.statusCode, status, r.body);
  return r.json();
}
async function goTo(day: string) {
  t.clock.advance(new Date(`${day}T02:00:00Z`).getTime() - t.clock.now().getTime());
  for (const k of who) s[k] = await signIn(t, `stats-${k}`);
}

/** Starts an inspection; regulator kinds with the two certified inspectors. */
async function start(session: Session, body: object): Promise<string> {
  const res = await ok<{ id: string }>(
    send(session, "POST", "/api/inspections", { checklistId, inspectorIds: [ids.ins1, ids.ins2], ...body }),
    201,
  );
  return res.id;
}
/** Answers both items (the named ones failed) and signs: the inspection is finished. */
async function finish(session: Session, id: string, failed: string[] = [], regulator = true) {
  const detail = await ok<{ version: number }>(get(session, `/api/inspections/${id}`));
  const put = await ok<{ version: number }>(
    send(session, "PUT", `/api/inspections/${id}/responses`, {
      version: detail.version,
      responses: ["guard", "chem1"].map((itemId) => ({
        id: randomUUID(),
        itemId,
        result: failed.includes(itemId) ? "fail" : "pass",
        note: failed.includes(itemId) ? "现场发现问题" : null,
      })),
    }),
  );
  const signatures = [
    ...(regulator
      ? [
          { signer: "inspector", name: "检查员甲", userId: ids.ins1, image: png },
          { signer: "inspector", name: "检查员乙", userId: ids.ins2, image: png },
        ]
      : []),
    { signer: "enterprise", name: "张三", image: png },
  ];
  await ok(send(session, "POST", `/api/inspections/${id}/finish`, { version: put.version, signatures }));
}

type Figures = Record<string, unknown> & { byKind: Record<string, number> };
type Stats = {
  region: { code: string } | null;
  totals: Figures;
  groups: (Figures & { key: string | null; label: string | null })[];
  doubleRandom: Record<string, unknown>;
};
const stats = (session: Session, query = "") => get(session, `/api/inspections/stats?${query}`);
const november = "from=2026-11-01&to=2026-11-30";
const pick = (f: Figures | undefined, keys: string[]) => (f ? Object.fromEntries(keys.map((k) => [k, f[k]])) : null);
const kindsOf = (f: Figures | undefined) => (f ? Object.fromEntries(Object.entries(f.byKind).filter(([, n]) => n > 0)) : null);
const main = [
  "inspections",
  "finished",
  "enterprisesCovered",
  "enterprises",
  "coverageRate",
  "planDue",
  "planDone",
  "hazardsFound",
  "majorFound",
];

before(async () => {
  t = await testApp();
  await seedReference(t);
  e1 = (await buildEnterprise(t, { name: "溧阳市统计检查一号化工有限公司", uscc: usccFor(8201) })).id;
  e2 = (await buildEnterprise(t, { name: "溧阳市统计检查二号化工有限公司", uscc: usccFor(8202), regionCode: "320481102001" })).id;
  e3 = (await buildEnterprise(t, { name: "天宁区统计检查三号化工有限公司", uscc: usccFor(8203, "320402"), regionCode: "320402001001" })).id;
  const make = {
    admin: {},
    ins1: { role: "regulator_inspector", regionCode: "320481" },
    ins2: { role: "regulator_leader", regionCode: "320481" },
    tianning: { role: "regulator_inspector", regionCode: "320402" },
    grid: { role: "grid_member", regionCode: "320481002" },
    e1Admin: { role: "enterprise_admin", enterpriseId: e1, regionCode: null },
  } as const;
  // 执法证号 of the two certified officers.
  ({ s, ids } = await buildCast(t, make, {
    certNos: { ins1: "JF32048190001", ins2: "JF32048190002" },
    usernamePrefix: "stats-",
  }));
  d1 = (
    await ok<{ id: string }>(
      send(s.admin, "POST", "/api/departments", { regionCode: "320481", kind: "emergency", name: "溧阳市应急管理局" }),
      201,
    )
  ).id;
  const c = await ok<{ id: string; version: number }>(send(s.admin, "POST", "/api/checklists", { name: "统计测试检查表", draft }), 201);
  checklistId = c.id;
  await ok(send(s.admin, "POST", `/api/checklists/${checklistId}/publish`, { version: c.version }));

  const i1 = await start(s.ins1, { kind: "planned", enterpriseId: e1, departmentId: d1 });
  await finish(s.ins1, i1, ["guard", "chem1"]);
  // A county draw picking both 溧阳市 enterprises (k = 2) from the two certified officers; only e1 is inspected.
  const prepared = await ok<{ id: string; version: number }>(
    send(s.ins2, "POST", "/api/random-draws", {
      planCode: "LY-320481-2026-DR-STATS",
      title: "2026年11月危险化学品双随机抽查",
      regionCode: "320481",
      k: 2,
      teamSize: 2,
      beaconSource: "中国福利彩票双色球",
      beaconId: "2026136期",
    }),
    201,
  );
  const executed = await ok<{ id: string; objects: unknown[] }>(
    send(s.ins2, "POST", `/api/random-draws/${prepared.id}/execute`, { version: prepared.version, beaconValue: "03 07 12 19 25 31 + 09" }),
  );
  assert.equal(executed.objects.length, 2);
  drawId = executed.id;
  await finish(s.ins1, await start(s.ins1, { kind: "double_random", enterpriseId: e1, drawId }));
  await start(s.ins1, { kind: "complaint", enterpriseId: e2 });
  await finish(s.e1Admin, await start(s.e1Admin, { kind: "self", enterpriseId: e1, inspectorIds: [] }), ["guard"], false);
  await finish(s.admin, await start(s.admin, { kind: "planned", enterpriseId: e3 }), ["guard"]);

  // The plans are written as the plan module stores them (same module: inspection_plans / inspection_plan_items).
  const db = t.database.db;
  const now = t.clock.now();
  const plan = async (status: string, departmentId: string | null) =>
    (
      await db
        .insert(inspectionPlans)
        .values({
          regionCode: "320481",
          departmentId,
          year: 2026,
          title: `2026年度计划${status}`,
          status,
          groups: [],
          createdAt: now,
          updatedAt: now,
        })
        .returning()
    )[0]?.id as string;
  const item = async (planId: string, enterpriseId: string, month: number, inspectionId: string | null = null) =>
    (
      await db
        .insert(inspectionPlanItems)
        .values({
          planId,
          enterpriseId,
          regionCode: enterpriseId === e1 ? "320481002001" : "320481102001",
          groupKey: "key",
          month,
          team: [],
          inspectionId,
          createdAt: now,
        })
        .returning()
    )[0]?.id as string;
  const a = await plan("approved", d1);
  await item(a, e1, 11, i1);
  await item(a, e2, 11);
  await item(a, e1, 12);
  await item(await plan("draft", d1), e2, 11);
  const p5 = await item(await plan("approved", null), e2, 11);

  await goTo("2026-11-25");
  await finish(s.ins1, await start(s.ins1, { kind: "planned", enterpriseId: e2, departmentId: d1, planItemId: p5 }));
});
after(() => t.close());

describe("inspection statistics", () => {
  test("a county's November: inspections by kind, coverage, plan, hazards per inspection and 重大 — totals and townships", async () => {
    const r = await ok<Stats>(stats(s.ins1, november));
    assert.equal(r.region?.code, "320481");
    assert.deepEqual(kindsOf(r.totals), { planned: 2, double_random: 1, complaint: 1, self: 1 });
    assert.deepEqual(pick(r.totals, main), {
      inspections: 4,
      finished: 3,
      enterprisesCovered: 2,
      enterprises: 2,
      coverageRate: 1,
      planDue: 3,
      planDone: 2,
      hazardsFound: 2,
      majorFound: 1,
    });
    assert.equal(r.totals.hazardsPerInspection, 2 / 3);
    assert.equal(r.totals.planRate, 2 / 3);
    assert.equal(r.totals.doubleRandomDone, 1);
    // R7: I2's result is public from the day it finished (the draw was announced), within 20 working days.
    assert.deepEqual(r.doubleRandom, { draws: 1, drawn: 2, inspected: 1, inspectedRate: 0.5, publishedOnTime: 1 });

    const liCheng = r.groups.find((g) => g.key === "320481002");
    assert.equal(liCheng?.label, "溧城街道");
    assert.deepEqual(kindsOf(liCheng), { planned: 1, double_random: 1, self: 1 });
    assert.deepEqual(pick(liCheng, main), {
      inspections: 2,
      finished: 2,
      enterprisesCovered: 1,
      enterprises: 1,
      coverageRate: 1,
      planDue: 1,
      planDone: 1,
      hazardsFound: 2,
      majorFound: 1,
    });
    const daiTou = r.groups.find((g) => g.key === "320481102");
    assert.deepEqual(kindsOf(daiTou), { complaint: 1, planned: 1 });
    assert.deepEqual(pick(daiTou, main), {
      inspections: 2,
      finished: 1,
      enterprisesCovered: 1,
      enterprises: 1,
      coverageRate: 1,
      planDue: 2,
      planDone: 1,
      hazardsFound: 0,
      majorFound: 0,
    });
    const empty = r.groups.filter((g) => g.inspections === 0);
    assert.ok(empty.length > 5, "every township is listed");
    assert.ok(empty.every((g) => g.coverageRate === null && g.enterprises === 0));
  });

  test("by department, and for one department", async () => {
    const r = await ok<Stats>(stats(s.ins1, `${november}&groupBy=department`));
    const byD1 = r.groups.find((g) => g.key === d1);
    assert.equal(byD1?.label, "溧阳市应急管理局");
    assert.deepEqual(kindsOf(byD1), { planned: 2 });
    assert.deepEqual(pick(byD1, main), {
      inspections: 2,
      finished: 2,
      enterprisesCovered: 2,
      enterprises: null,
      coverageRate: null,
      planDue: 2,
      planDone: 1,
      hazardsFound: 2,
      majorFound: 1,
    });
    const none = r.groups.find((g) => g.key === null);
    assert.deepEqual(kindsOf(none), { double_random: 1, complaint: 1, self: 1 });
    assert.deepEqual(pick(none, ["inspections", "finished", "planDue", "planDone"]), {
      inspections: 2,
      finished: 1,
      planDue: 1,
      planDone: 1,
    });

    const only = await ok<Stats & { department: { id: string; name: string } }>(stats(s.ins1, `${november}&department=${d1}`));
    assert.deepEqual(only.department, { id: d1, name: "溧阳市应急管理局" });
    assert.equal(only.doubleRandom.draws, 0, "the draw was not the department's");
    assert.deepEqual(pick(only.totals, ["inspections", "enterprises", "coverageRate", "planDue", "planDone", "majorFound"]), {
      inspections: 2,
      enterprises: null,
      coverageRate: null,
      planDue: 2,
      planDone: 1,
      majorFound: 1,
    });
  });

  test("the period bounds inspections by the day they started and plan items by their month", async () => {
    const r = await ok<Stats>(stats(s.ins1, "from=2026-11-24&to=2026-11-30"));
    assert.deepEqual(kindsOf(r.totals), { planned: 1 });
    assert.deepEqual(pick(r.totals, ["inspections", "finished", "hazardsFound"]), { inspections: 1, finished: 1, hazardsFound: 0 });
    const before = await ok<Stats>(stats(s.ins1, "from=2026-10-01&to=2026-11-22"));
    assert.deepEqual(
      pick(before.totals, ["inspections", "planDue"]),
      { inspections: 0, planDue: 3 },
      "a plan month counts when it overlaps",
    );
    const october = await ok<Stats>(stats(s.ins1, "from=2026-10-01&to=2026-10-31"));
    assert.deepEqual(pick(october.totals, ["inspections", "planDue"]), { inspections: 0, planDue: 0 });
    const december = await ok<Stats>(stats(s.ins1, "from=2026-12-31&to=2026-12-31"));
    assert.deepEqual(pick(december.totals, ["planDue", "planDone"]), { planDue: 1, planDone: 0 });
  });

  test("scope: an administrator sees everything; a regulator only its subtree; grid members and enterprises not at all", async () => {
    const all = await ok<Stats>(stats(s.admin, november));
    assert.equal(all.region, null);
    assert.deepEqual(pick(all.totals, ["inspections", "finished", "enterprisesCovered", "hazardsFound"]), {
      inspections: 5,
      finished: 4,
      enterprisesCovered: 3,
      hazardsFound: 3,
    });
    const tianning = await ok<Stats>(stats(s.tianning, november));
    assert.deepEqual(pick(tianning.totals, ["inspections", "hazardsFound", "enterprises"]), {
      inspections: 1,
      hazardsFound: 1,
      enterprises: 1,
    });
    assert.equal((await stats(s.tianning, `${november}&region=320481`)).statusCode, 404);
    assert.equal((await stats(s.grid, november)).statusCode, 403);
    assert.equal((await stats(s.e1Admin, november)).statusCode, 403);
  });

  test("the table downloads as .xlsx with the same figures", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/inspections/stats/xlsx?${november}`,
      headers: { cookie: s.ins1.cookie, "accept-language": "zh-CN" },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers["content-type"]), /spreadsheetml/);
    const Excel = await loadExcel();
    const book = new Excel.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    assert.ok(sheet);
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.find((r) => r[0] === "名称") as unknown[];
    const total = rows.find((r) => r[0] === "合计") as unknown[];
    const liCheng = rows.find((r) => r[0] === "溧城街道") as unknown[];
    const col = (name: string) => header.indexOf(name);
    assert.deepEqual(
      ["监督检查", "已完成", "计划检查", "企业自查", "覆盖企业", "计划应检", "计划已检", "发现隐患", "发现重大隐患"].map(
        (h) => total[col(h)],
      ),
      [4, 3, 2, 1, 2, 3, 2, 2, 1],
    );
    assert.equal(liCheng[col("发现重大隐患")], 1);
    assert.ok(rows.some((r) => r[0] === "抽中企业" && r[1] === 2));
    assert.equal(
      (await t.app.inject({ method: "GET", url: `/api/inspections/stats/xlsx?${november}`, headers: { cookie: s.grid.cookie } }))
        .statusCode,
      403,
    );
  });

  test("bad input is a 400 naming the field", async () => {
    const cases: [string, string][] = [
      ["from=2026-11-30&to=2026-11-01", "to"],
      ["from=2026-02-30", "from"],
      ["region=3204811", "region"],
      [`department=${randomUUID()}`, "department"],
      ["department=D1", "department"],
      ["groupBy=enterprise", "groupBy"],
    ];
    for (const [query, path] of cases) {
      const res = await stats(s.ins1, query);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      assert.ok(
        res.json().error.fields.some((f: { path: string }) => f.path === path),
        `${path} in ${res.body}`,
      );
    }
  });
});

describe("双随机: results published on time (double-random.md R7)", () => {
  test("an unannounced draw's result is published only from its reveal date: not yet, then late; an announced one on time", async () => {
    // A 四不两直 draw of both enterprises, revealed 2027-01-04 — after the 20 working days from an inspection
    // finished 2026-11-25 (due 2026-12-23).
    const prepared = await ok<{ id: string; version: number }>(
      send(s.ins2, "POST", "/api/random-draws", {
        planCode: "LY-320481-2026-DR-STATS-4B2Z",
        title: "2026年11月“四不两直”双随机抽查",
        regionCode: "320481",
        k: 2,
        teamSize: 2,
        unannounced: true,
        revealOn: "2027-01-04",
        beaconSource: "中国福利彩票双色球",
        beaconId: "2026137期",
      }),
      201,
    );
    const executed = await ok<{ id: string }>(
      send(s.ins2, "POST", `/api/random-draws/${prepared.id}/execute`, {
        version: prepared.version,
        beaconValue: "01 02 03 04 05 06 + 07",
      }),
    );
    await finish(s.ins1, await start(s.ins1, { kind: "unannounced", enterpriseId: e2, drawId: executed.id }));

    const now = await ok<Stats>(stats(s.ins1, november));
    assert.deepEqual(now.doubleRandom, { draws: 2, drawn: 4, inspected: 2, inspectedRate: 0.5, publishedOnTime: 1 });
    assert.equal(now.totals.doubleRandomDone, 2, "an unannounced inspection of a draw is the draw's");
    const results = (id: string) => t.app.inject({ method: "GET", url: `/api/public/random-draws/${id}/results` });
    assert.equal((await results(executed.id)).statusCode, 404, "not revealed yet");

    await goTo("2027-01-05");
    const published = await ok<{ results: { inspectedOn: string; publishBy: string }[] }>(results(executed.id));
    assert.deepEqual(
      published.results.map((r) => [r.inspectedOn, r.publishBy]),
      [["2026-11-25", "2026-12-23"]],
    );
    const later = await ok<Stats>(stats(s.ins1, november));
    assert.equal(later.doubleRandom.publishedOnTime, 1, "published, but after its deadline");
    assert.equal((await ok<{ results: unknown[] }>(results(drawId))).results.length, 1);
  });
});
