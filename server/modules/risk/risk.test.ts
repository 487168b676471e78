import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { lecPolicy } from "../../../domain/risk/builtin-policies.js";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, systemCtx, type TestApp, testApp } from "../../test/harness.js";
import { demoSitePlan, encodePng, seedDemoRisks } from "./risk.demo.js";

// The test clock starts at 2026-11-23 10:00 in Shanghai. 溧阳市 (320481) › 溧城街道 (320481002) › 后街新村 (…001);
// 天宁区 (320402) is another county of 常州市 (3204).
let t: TestApp;
let chem: string; // 溧阳 chemical company, 后街新村
let neighbour: string; // another 溧阳 enterprise, 上黄镇
let tianning: string; // an enterprise in 天宁区
const names = ["admin", "chemAdmin", "chemStaff", "neighbourAdmin", "inspector", "tianningInspector", "cityLeader", "gridMember"] as const;
let s: Record<(typeof names)[number], Session>;

before(async () => {
  t = await testApp();
  await seedReference(t);
  chem = (await buildEnterprise(t, { name: "溧阳市风险测试化工有限公司", longitude: 119.4841, latitude: 31.4162 })).id;
  neighbour = (await buildEnterprise(t, { name: "溧阳市上黄机械有限公司", regionCode: "320481102001" })).id;
  tianning = (await buildEnterprise(t, { name: "常州市天宁测试化工有限公司", regionCode: "320402001001" })).id;
  const users = {
    admin: await buildUser(t),
    chemAdmin: await buildUser(t, { role: "enterprise_admin", enterpriseId: chem }),
    chemStaff: await buildUser(t, { role: "enterprise_staff", enterpriseId: chem }),
    neighbourAdmin: await buildUser(t, { role: "enterprise_admin", enterpriseId: neighbour }),
    inspector: await buildUser(t, { role: "regulator_inspector", regionCode: "320481" }),
    tianningInspector: await buildUser(t, { role: "regulator_inspector", regionCode: "320402" }),
    cityLeader: await buildUser(t, { role: "regulator_leader", regionCode: "3204" }),
    gridMember: await buildUser(t, { role: "grid_member", regionCode: "320481002" }),
  };
  s = {} as typeof s;
  for (const n of names) s[n] = await signIn(t, users[n].username);
});
after(() => t.close());

const get = (session: Session, url: string, lang = "en") =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": lang } });
const send = (session: Session, method: "POST" | "PATCH" | "PUT", url: string, payload: object, lang = "en") =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": lang }), payload });

const tankFarm = {
  name: "甲醇储罐区",
  kind: "area",
  location: "厂区东北角",
  responsible: {
    enterprise: { name: "张三", phone: "13900000001" },
    department: { name: "李四", phone: "13900000002" },
    workshop: { name: "王五", phone: "13900000003" },
  },
  events: [
    {
      description: "储罐泄漏遇点火源",
      accidentType: "fire",
      consequence: "火灾爆炸，多人伤亡",
      measures: [
        { type: "engineering", description: "液位高低报警与可燃气体检测报警有效", layer: "workshop" },
        { type: "emergency", description: "配备泡沫灭火系统，定期演练", layer: "department" },
      ],
    },
  ],
};

async function newPoint(session: Session, enterpriseId: string, body: object) {
  const res = await send(session, "POST", `/api/enterprises/${enterpriseId}/risk-points`, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
const assessPoint = (session: Session, id: string, body: object) => send(session, "POST", `/api/risk-points/${id}/assessments`, body);
const historyOf = async (id: string) => (await get(s.admin, `/api/risk-points/${id}/history`)).json().items;

describe("POST /api/risk/assess (pure, any signed-in user)", () => {
  test("LEC example 1 and LS example 16 through the API; the policy version is reported", async () => {
    const lec = await send(s.chemStaff, "POST", "/api/risk/assess", { policy: "lec", factors: { L: 10, E: 6, C: 7 } });
    assert.equal(lec.statusCode, 200, lec.body);
    assert.deepEqual(
      [lec.json().score, lec.json().band, lec.json().level, lec.json().colour, lec.json().policyVersion],
      [420, "extreme", "major", "red", 1],
    );
    const ls = await send(s.gridMember, "POST", "/api/risk/assess", { policy: "ls-a", policyVersion: 1, factors: { L: 3, S: 4 } });
    assert.deepEqual([ls.json().score, ls.json().level, ls.json().colour], [12, "general", "yellow"]);
    const unsigned = await t.app.inject({ method: "POST", url: "/api/risk/assess", payload: { policy: "lec", factors: {} } });
    assert.equal(unsigned.statusCode, 401);
  });

  test("example 12: L = 5 is refused with 400 naming factors.L, in the caller's language", async () => {
    const en = await send(s.inspector, "POST", "/api/risk/assess", { policy: "lec", factors: { L: 5, E: 6, C: 7 } });
    assert.equal(en.statusCode, 400);
    assert.deepEqual(en.json().error.fields, [
      { path: "factors.L", message: "L = 5 is not in the policy's table (allowed: 10, 6, 3, 1, 0.5, 0.2, 0.1)" },
    ]);
    const zh = await send(s.inspector, "POST", "/api/risk/assess", { policy: "lec", factors: { L: 5, E: 6, C: 7 } }, "zh-CN");
    assert.match(zh.json().error.fields[0].message, /L = 5 不在该评价方法的取值表中/);
    const unknown = await send(s.inspector, "POST", "/api/risk/assess", { policy: "no-such", factors: { L: 1 } });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.fields[0].path, "policy");
    const text = await send(s.inspector, "POST", "/api/risk/assess", { policy: "ls-b", factors: { L: "3", S: 3 } });
    assert.equal(text.statusCode, 400);
    assert.equal(text.json().error.fields[0].path, "factors.L");
  });
});

describe("risk points and assessments", () => {
  let point: { id: string; version: number; events: { id: string; measures: { id: string }[] }[] };

  test("an enterprise administrator adds a point with events and measures; it is due for assessment at once; audited", async () => {
    point = await newPoint(s.chemAdmin, chem, tankFarm);
    assert.equal(point.version, 1);
    const p = point as unknown as Record<string, unknown>;
    assert.deepEqual([p.level, p.colour, p.nextReviewDate, p.reviewDue, p.regionCode], [null, null, "2026-11-23", true, "320481002001"]);
    assert.equal(point.events[0]?.measures.length, 2);
    assert.ok(point.events[0]?.measures.every((m) => /^[0-9a-f-]{36}$/.test(m.id)));
    const [created] = await historyOf(point.id);
    assert.equal(created.action, "risk_point.created");
    assert.equal(created.diff.after.name, "甲醇储罐区");
    const dup = await send(s.chemAdmin, "POST", `/api/enterprises/${chem}/risk-points`, { name: "甲醇储罐区", kind: "unit" });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, "risk.point_name_taken");
    const other = await newPoint(s.chemAdmin, chem, { name: "甲醇罐区门岗", kind: "unit" });
    const renamed = await send(s.chemAdmin, "PATCH", `/api/risk-points/${other.id}`, { version: 1, name: "甲醇储罐区" });
    assert.deepEqual([renamed.statusCode, renamed.json().error.code], [409, "risk.point_name_taken"]);
  });

  test("assessing with LEC sets the point's level, colour, control layer and review date in the same step; audited", async () => {
    const res = await assessPoint(s.chemAdmin, point.id, { policy: "lec", factors: { L: 3, E: 6, C: 15 }, version: 1 });
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json();
    assert.deepEqual(
      [a.score, a.band, a.scoredLevel, a.level, a.colour, a.controlLayer, a.policyId, a.policyVersion],
      [270, "high", "significant", "significant", "orange", "department", "lec", 1],
    );
    assert.deepEqual([a.assessedOn, a.nextReviewDate, a.directJudgment], ["2026-11-23", "2027-11-23", null]);
    const p = (await get(s.chemStaff, `/api/risk-points/${point.id}`)).json();
    assert.deepEqual(
      [p.level, p.colour, p.controlLayer, p.overseenBy, p.controlledBy.name, p.nextReviewDate, p.reviewDue, p.version],
      ["significant", "orange", "department", ["enterprise"], "李四", "2027-11-23", false, 2],
    );
    const [assessed] = await historyOf(point.id);
    assert.equal(assessed.action, "risk_point.assessed");
    assert.deepEqual(assessed.diff.after.level, "significant");
    assert.equal(assessed.diff.detail.policy, "lec@1");
    point.version = 2;
  });

  test("an invalid factor value → 400 and nothing changes; a stale version → 409 and nothing changes", async () => {
    const bad = await assessPoint(s.chemAdmin, point.id, { policy: "lec", factors: { L: 5, E: 6, C: 7 }, version: 2 });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].path, "factors.L");
    const stale = await assessPoint(s.chemAdmin, point.id, { policy: "lec", factors: { L: 10, E: 6, C: 7 }, version: 1 });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "conflict.stale_version");
    const staleEdit = await send(s.chemAdmin, "PATCH", `/api/risk-points/${point.id}`, { version: 1, notes: "覆盖" });
    assert.equal(staleEdit.statusCode, 409);
    const p = (await get(s.chemAdmin, `/api/risk-points/${point.id}`)).json();
    assert.deepEqual([p.level, p.version, p.notes], ["significant", 2, null]);
    assert.equal((await get(s.chemAdmin, `/api/risk-points/${point.id}/assessments`)).json().total, 1);
  });

  test("editing events keeps the ids sent back and gives new items ids; an id the point never had is refused", async () => {
    const [event] = point.events as [{ id: string; measures: { id: string }[] }];
    const edited = await send(s.chemAdmin, "PATCH", `/api/risk-points/${point.id}`, {
      version: 2,
      events: [
        {
          ...tankFarm.events[0],
          id: event.id,
          measures: [
            { ...tankFarm.events[0]?.measures[0], id: event.measures[0]?.id },
            { type: "ppe", description: "进入罐区穿防静电服", layer: "team_post" },
          ],
        },
      ],
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const e = edited.json().events[0];
    assert.equal(e.id, event.id);
    assert.equal(e.measures[0].id, event.measures[0]?.id);
    assert.notEqual(e.measures[1].id, event.measures[1]?.id, "a new measure gets a new id");
    point = edited.json();

    const foreign = await send(s.chemAdmin, "PATCH", `/api/risk-points/${point.id}`, {
      version: 3,
      events: [{ ...tankFarm.events[0], id: "00000000-0000-4000-8000-00000000ffff" }],
    });
    assert.equal(foreign.statusCode, 400);
    assert.equal(foreign.json().error.fields[0].path, "events.0.id");
  });

  test("example 21: inside a GB 18218 unit, LEC 3×3×1 scores 低 but is recorded 重大/红 with the reason", async () => {
    const reactor = await newPoint(s.chemAdmin, chem, { name: "光气化反应釜", kind: "facility", majorHazardSource: true });
    const res = await assessPoint(s.chemAdmin, reactor.id, { policy: "lec", factors: { L: 3, E: 3, C: 1 }, version: 1 });
    const a = res.json();
    assert.deepEqual([a.score, a.band, a.scoredLevel, a.overrideLevel, a.level, a.colour], [9, "slight", "low", "major", "major", "red"]);
    assert.deepEqual(a.directJudgment.criteria, ["major_hazard_source"]);
    assert.match(a.directJudgment.reason, /重大危险源/);
    assert.equal(a.controlLayer, "enterprise");

    const dock = await newPoint(s.chemAdmin, chem, { name: "装卸码头", kind: "area" });
    const judged = await assessPoint(s.chemAdmin, dock.id, {
      policy: "ls-b",
      factors: { L: 1, S: 2 },
      version: 1,
      directJudgment: { criteria: ["past_accident"], reason: "2024 年发生过一次重伤事故，条件未消除" },
    });
    assert.deepEqual([judged.json().scoredLevel, judged.json().level], ["low", "major"]);
    assert.equal(judged.json().directJudgment.reason, "2024 年发生过一次重伤事故，条件未消除");

    // R11: the point becomes part of a major hazard source — a change of its hazards, due for re-assessment today.
    const joined = await send(s.chemAdmin, "PATCH", `/api/risk-points/${dock.id}`, { version: 2, majorHazardSource: true });
    assert.deepEqual([joined.json().nextReviewDate, joined.json().reviewDue, joined.json().level], ["2026-11-23", true, "major"]);
  });

  test("example 23: assessed on 2025-06-01 → review due 2026-06-01, so it is overdue now; a future date is refused", async () => {
    const shed = await newPoint(s.chemAdmin, chem, { name: "危废暂存间", kind: "area" });
    const future = await assessPoint(s.chemAdmin, shed.id, {
      policy: "ls-b",
      factors: { L: 2, S: 3 },
      version: 1,
      assessedOn: "2026-11-24",
    });
    assert.equal(future.statusCode, 400);
    assert.equal(future.json().error.fields[0].path, "assessedOn");
    const a = (
      await assessPoint(s.chemAdmin, shed.id, { policy: "ls-b", factors: { L: 2, S: 3 }, version: 1, assessedOn: "2025-06-01" })
    ).json();
    assert.deepEqual([a.level, a.assessedOn, a.nextReviewDate], ["general", "2025-06-01", "2026-06-01"]);
    const overdue = (await get(s.chemAdmin, `/api/risk/overdue?enterpriseId=${chem}`)).json();
    const item = overdue.items.find((i: { riskPointId: string }) => i.riskPointId === shed.id);
    assert.deepEqual([item.daysOverdue, item.level, item.enterpriseName], [175, "general", "溧阳市风险测试化工有限公司"]);
  });

  test("an R11 trigger makes a point due today; re-assessing records the trigger and clears it", async () => {
    const res = await send(s.chemAdmin, "POST", `/api/risk-points/${point.id}/triggers`, {
      version: point.version,
      trigger: "process_change",
      note: "甲醇改为乙醇储存",
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      [res.json().nextReviewDate, res.json().reviewDue, res.json().pendingTrigger.trigger],
      ["2026-11-23", true, "process_change"],
    );
    const due = (await get(s.inspector, "/api/risk/overdue?region=320481")).json();
    assert.ok(due.items.some((i: { riskPointId: string; daysOverdue: number }) => i.riskPointId === point.id && i.daysOverdue === 0));
    assert.equal((await historyOf(point.id))[0].action, "risk_point.reassessment_triggered");

    const again = await assessPoint(s.chemAdmin, point.id, { policy: "lec", factors: { L: 3, E: 6, C: 15 }, version: res.json().version });
    assert.equal(again.json().trigger.note, "甲醇改为乙醇储存");
    const p = (await get(s.chemAdmin, `/api/risk-points/${point.id}`)).json();
    assert.deepEqual([p.pendingTrigger, p.nextReviewDate], [null, "2027-11-23"]);
    point = p;
    const list = (await get(s.chemAdmin, `/api/risk-points/${point.id}/assessments`)).json();
    assert.equal(list.total, 2, "re-assessing keeps the earlier assessment");
  });
});

describe("policies are versioned: a change never rewrites history (R1)", () => {
  const draft = (over: object = {}) => {
    const { version: _, ...rest } = lecPolicy;
    return { ...rest, id: "lec-jiangsu", name: { zh: "江苏 LEC", en: "Jiangsu LEC" }, effectiveFrom: "2026-01-01", ...over };
  };

  test("an administrator adds a deployment policy, then a new version; the earlier assessment keeps its score, band and version", async () => {
    const v1 = await send(s.admin, "POST", "/api/risk/policies", draft({ convention: "upperInclusive" }));
    assert.equal(v1.statusCode, 201, v1.body);
    assert.deepEqual([v1.json().policy.version, v1.json().builtIn, v1.json().enterpriseId], [1, false, null]);
    const pump = await newPoint(s.chemAdmin, chem, { name: "甲醇泵房", kind: "facility" });
    const first = (await assessPoint(s.chemAdmin, pump.id, { policy: "lec-jiangsu", factors: { L: 10, E: 1, C: 7 }, version: 1 })).json();
    assert.deepEqual(
      [first.score, first.band, first.level, first.policyVersion],
      [70, "possible", "low", 1],
      "example 8 under upperInclusive",
    );

    t.clock.minutes(1); // assessments are listed newest first by when they were made
    const v2 = await send(s.admin, "POST", "/api/risk/policies", draft({ convention: "literalUp", previousVersion: 1 }));
    assert.equal(v2.statusCode, 201, v2.body);
    assert.equal(v2.json().policy.version, 2);
    const second = (await assessPoint(s.chemAdmin, pump.id, { policy: "lec-jiangsu", factors: { L: 10, E: 1, C: 7 }, version: 2 })).json();
    assert.deepEqual([second.band, second.level, second.policyVersion], ["considerable", "general", 2]);

    const [latest, earlier] = (await get(s.inspector, `/api/risk-points/${pump.id}/assessments`)).json().items;
    assert.deepEqual([latest.id, latest.policyVersion], [second.id, 2]);
    assert.deepEqual(
      [earlier.id, earlier.score, earlier.band, earlier.level, earlier.policyVersion, earlier.factors],
      [first.id, 70, "possible", "low", 1, { L: 10, E: 1, C: 7 }],
    );
    const versions = (await get(s.chemStaff, "/api/risk/policies/lec-jiangsu")).json().items;
    assert.deepEqual(
      versions.map((v: { policy: { version: number; convention: string } }) => [v.policy.version, v.policy.convention]),
      [
        [1, "upperInclusive"],
        [2, "literalUp"],
      ],
    );
    const pinned = await send(s.chemStaff, "POST", "/api/risk/assess", {
      policy: "lec-jiangsu",
      policyVersion: 1,
      factors: { L: 10, E: 1, C: 7 },
    });
    assert.equal(pinned.json().band, "possible", "an old version stays usable by number");
  });

  test("a concurrent change (stale previousVersion) → 409; a built-in id is reserved; a malformed policy → 400 with its path", async () => {
    const stale = await send(s.admin, "POST", "/api/risk/policies", draft({ previousVersion: 1 }));
    assert.equal(stale.statusCode, 409);
    const again = await send(s.admin, "POST", "/api/risk/policies", draft());
    assert.equal(again.json().error.code, "risk.policy_exists");
    const builtIn = await send(s.admin, "POST", "/api/risk/policies", draft({ id: "lec" }));
    assert.deepEqual([builtIn.statusCode, builtIn.json().error.code], [409, "risk.policy_reserved"]);
    const bands = lecPolicy.bands;
    const unordered = await send(
      s.admin,
      "POST",
      "/api/risk/policies",
      draft({ id: "bad-lec", bands: [bands[1], bands[0], ...bands.slice(2)] }),
    );
    assert.equal(unordered.statusCode, 400);
    assert.equal(unordered.json().error.fields[0].path, "bands.1.min");
    assert.match(unordered.json().error.fields[0].message, /strictly decrease/);
    assert.equal((await get(s.admin, "/api/risk/policies/bad-lec")).statusCode, 404, "nothing stored");
    const history = (await get(s.admin, "/api/audit?entityType=risk_policy")).json();
    assert.deepEqual(
      history.items.map((i: { entityId: string }) => i.entityId),
      ["lec-jiangsu@2", "lec-jiangsu@1"],
    );
  });

  test("an enterprise's own policy: only its administrator adds it, only it and its regulators see it", async () => {
    const own = await send(s.chemAdmin, "POST", "/api/risk/policies", draft({ id: "chem-ls", enterpriseId: neighbour }));
    assert.equal(own.statusCode, 404, "not for another enterprise");
    const created = await send(s.chemAdmin, "POST", "/api/risk/policies", draft({ id: "chem-lec" }));
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().enterpriseId, chem);
    assert.equal((await send(s.inspector, "POST", "/api/risk/policies", draft({ id: "insp-lec" }))).statusCode, 403);

    const ids = async (session: Session, q = "") =>
      (await get(session, `/api/risk/policies${q}`)).json().items.map((e: { policy: { id: string } }) => e.policy.id);
    assert.deepEqual(await ids(s.chemStaff), ["lec", "lec-4band", "ls-b", "ls-a", "chem-lec", "lec-jiangsu"]);
    assert.deepEqual(await ids(s.neighbourAdmin), ["lec", "lec-4band", "ls-b", "ls-a", "lec-jiangsu"]);
    assert.deepEqual(await ids(s.inspector, `?enterpriseId=${chem}`), ["lec", "lec-4band", "ls-b", "ls-a", "chem-lec", "lec-jiangsu"]);
    assert.equal((await get(s.tianningInspector, "/api/risk/policies/chem-lec")).statusCode, 404);
    const elsewhere = await send(s.neighbourAdmin, "POST", "/api/risk/assess", { policy: "chem-lec", factors: { L: 1, E: 1, C: 1 } });
    assert.deepEqual([elsewhere.statusCode, elsewhere.json().error.fields[0].path], [400, "policy"]);
    const taken = await send(s.neighbourAdmin, "POST", "/api/risk/policies", draft({ id: "chem-lec" }));
    assert.deepEqual([taken.statusCode, taken.json().error.code], [409, "risk.policy_id_taken"]);
  });
});

describe("access: an enterprise edits only its own risks; a regulator reads only its subtree", () => {
  let pointId: string;
  before(async () => {
    pointId = (await newPoint(s.chemAdmin, chem, { name: "配电室", kind: "facility" })).id;
  });

  test("another enterprise's administrator gets 404 for every write and read; staff may read but not write", async () => {
    assert.equal(
      (await send(s.neighbourAdmin, "POST", `/api/enterprises/${chem}/risk-points`, { name: "x", kind: "unit" })).statusCode,
      404,
    );
    assert.equal((await send(s.neighbourAdmin, "PATCH", `/api/risk-points/${pointId}`, { version: 1, notes: "x" })).statusCode, 404);
    assert.equal(
      (await assessPoint(s.neighbourAdmin, pointId, { policy: "lec", factors: { L: 1, E: 1, C: 1 }, version: 1 })).statusCode,
      404,
    );
    assert.equal((await get(s.neighbourAdmin, `/api/risk-points/${pointId}`)).statusCode, 404);
    assert.equal((await get(s.neighbourAdmin, `/api/enterprises/${chem}/risk-points`)).statusCode, 404);
    assert.equal((await get(s.chemStaff, `/api/risk-points/${pointId}`)).statusCode, 200);
    assert.equal((await send(s.chemStaff, "PATCH", `/api/risk-points/${pointId}`, { version: 1, notes: "x" })).statusCode, 403);
    assert.equal((await send(s.inspector, "PATCH", `/api/risk-points/${pointId}`, { version: 1, notes: "x" })).statusCode, 403);
    const p = (await get(s.chemAdmin, `/api/risk-points/${pointId}`)).json();
    assert.deepEqual([p.version, p.notes], [1, null], "nothing changed by the refusals");
  });

  test("溧阳's inspector and grid member read 溧阳's risks; 天宁's inspector gets 404", async () => {
    assert.equal((await get(s.inspector, `/api/risk-points/${pointId}`)).statusCode, 200);
    assert.equal((await get(s.inspector, `/api/enterprises/${chem}/risk-points?pageSize=100`)).json().total, 7);
    assert.equal((await get(s.gridMember, `/api/risk-points/${pointId}`)).statusCode, 200);
    assert.equal((await get(s.tianningInspector, `/api/risk-points/${pointId}`)).statusCode, 404);
    assert.equal((await get(s.tianningInspector, `/api/risk-points/${pointId}/assessments`)).statusCode, 404);
    assert.equal((await get(s.tianningInspector, `/api/enterprises/${chem}/risk-points`)).statusCode, 404);
    assert.equal((await get(s.tianningInspector, "/api/risk/overdue")).json().total, 0);
    assert.equal(
      (await get(s.tianningInspector, `/api/enterprises/${tianning}/risk-points`)).statusCode,
      200,
      "its own county's enterprise",
    );
    assert.equal((await get(s.inspector, `/api/enterprises/${tianning}/risk-points`)).statusCode, 404);
    assert.ok((await get(s.inspector, "/api/risk/overdue")).json().total > 0);
  });
});

describe("control layers per enterprise (R9, example 22)", () => {
  test("by default a 较大 risk sits at department level; an enterprise may raise it to enterprise level, existing points follow", async () => {
    const before = (await get(s.chemStaff, `/api/enterprises/${chem}/risk-settings`)).json();
    assert.deepEqual([before.controlLayers.significant, before.reviewIntervalMonths, before.version], ["department", 12, 0]);
    const layers = { major: "enterprise", significant: "enterprise", general: "workshop", low: "team_post" };
    const set = await send(s.chemAdmin, "PUT", `/api/enterprises/${chem}/risk-settings`, {
      controlLayers: layers,
      reviewIntervalMonths: 6,
      version: 0,
    });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().version, 1);
    const twice = await send(s.chemAdmin, "PUT", `/api/enterprises/${chem}/risk-settings`, {
      controlLayers: layers,
      reviewIntervalMonths: 6,
      version: 0,
    });
    assert.equal(twice.statusCode, 409);
    const points = (await get(s.chemAdmin, `/api/enterprises/${chem}/risk-points?level=significant`)).json().items;
    assert.ok(points.length > 0);
    assert.ok(
      points.every(
        (p: { controlLayer: string; controlledBy: { name: string } }) => p.controlLayer === "enterprise" && p.controlledBy.name === "张三",
      ),
    );
    const audit = (await get(s.admin, `/api/audit?entityType=risk_settings&entityId=${chem}`)).json().items;
    assert.deepEqual(audit[0].diff.after.controlLayers.significant, "enterprise");
    assert.equal(
      (
        await send(s.neighbourAdmin, "PUT", `/api/enterprises/${chem}/risk-settings`, {
          controlLayers: layers,
          reviewIntervalMonths: 6,
          version: 1,
        })
      ).statusCode,
      404,
    );

    const boiler = await newPoint(s.chemAdmin, chem, { name: "导热油炉", kind: "facility" });
    const a = (await assessPoint(s.chemAdmin, boiler.id, { policy: "ls-b", factors: { L: 3, S: 4 }, version: 1 })).json();
    assert.deepEqual([a.level, a.controlLayer, a.nextReviewDate], ["significant", "enterprise", "2027-05-23"], "6-month interval");
  });
});

const png = (width: number, height: number) => encodePng(width, height, () => [192, 192, 192]);

function multipart(filename: string, contentType: string, bytes: Buffer) {
  const boundary = "----redline-test-boundary";
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, type: `multipart/form-data; boundary=${boundary}` };
}
const upload = (session: Session, enterpriseId: string, filename: string, contentType: string, bytes: Buffer) => {
  const body = multipart(filename, contentType, bytes);
  return t.app.inject({
    method: "POST",
    url: `/api/enterprises/${enterpriseId}/site-plan`,
    headers: session.headers({ "content-type": body.type, "accept-language": "en" }),
    payload: body.payload,
  });
};

describe("site plan and the four-colour map", () => {
  test("the enterprise uploads a PNG plan (stored in the database, audited) and places a point on it", async () => {
    const image = png(640, 480);
    const res = await upload(s.chemAdmin, chem, "厂区平面图.png", "image/png", image);
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(
      [res.json().contentType, res.json().width, res.json().height, res.json().size, res.json().version],
      ["image/png", 640, 480, image.length, 1],
    );
    const back = await get(s.inspector, `/api/enterprises/${chem}/site-plan`);
    assert.equal(back.statusCode, 200);
    assert.equal(back.headers["content-type"], "image/png");
    assert.ok(back.rawPayload.equals(image));
    const audit = (await get(s.admin, `/api/audit?entityType=risk_site_plan&entityId=${chem}`)).json().items;
    assert.equal(audit[0].action, "risk_site_plan.uploaded");
    assert.equal(audit[0].diff.after.width, 640);

    const [first] = (await get(s.chemAdmin, `/api/enterprises/${chem}/risk-points?q=${encodeURIComponent("甲醇储罐")}`)).json().items;
    const placed = await send(s.chemAdmin, "PATCH", `/api/risk-points/${first.id}`, {
      version: first.version,
      position: { x: 0.25, y: 0.6 },
    });
    assert.equal(placed.statusCode, 200, placed.body);
    assert.deepEqual([placed.json().position, placed.json().colour], [{ x: 0.25, y: 0.6 }, "orange"]);
    const outside = await send(s.chemAdmin, "PATCH", `/api/risk-points/${first.id}`, {
      version: placed.json().version,
      position: { x: 1.2, y: 0.6 },
    });
    assert.equal(outside.statusCode, 400);
    assert.equal(outside.json().error.fields[0].path, "position.x");
  });

  test("not an image → 400; over 10 MB → 413; another enterprise → 404; a regulator outside the region cannot download", async () => {
    const text = await upload(s.chemAdmin, chem, "plan.png", "image/png", Buffer.from("not really a picture"));
    assert.equal(text.statusCode, 400);
    assert.equal(text.json().error.fields[0].path, "file");
    const big = Buffer.concat([png(10, 10), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(s.chemAdmin, chem, "plan.png", "image/png", big);
    assert.equal(tooBig.statusCode, 413);
    assert.match(tooBig.json().error.message, /10 MB/);
    assert.equal((await upload(s.neighbourAdmin, chem, "plan.png", "image/png", png(10, 10))).statusCode, 404);
    assert.equal((await get(s.tianningInspector, `/api/enterprises/${chem}/site-plan`)).statusCode, 404);
    const kept = (await get(s.chemStaff, `/api/enterprises/${chem}/risk-summary`)).json().sitePlan;
    assert.deepEqual([kept.width, kept.version], [640, 1], "the refused uploads left the plan as it was");
  });

  test("the enterprise's overall level is its highest point's", async () => {
    const summary = (await get(s.chemStaff, `/api/enterprises/${chem}/risk-summary`)).json();
    assert.deepEqual([summary.overallLevel, summary.overallColour], ["major", "red"]);
    assert.ok(summary.points.byLevel.major >= 2 && summary.points.byLevel.significant >= 1);
    assert.equal(summary.points.unassessed, 2, "配电室 and 甲醇罐区门岗 are not assessed yet");
    const empty = (await get(s.neighbourAdmin, `/api/enterprises/${neighbour}/risk-summary`)).json();
    assert.deepEqual([empty.overallLevel, empty.points.total, empty.sitePlan], [null, 0, null]);
  });
});

describe("the regional picture (issue 5 §4)", () => {
  const summaryOf = async (session: Session, code: string) => get(session, `/api/risk/regions/${code}/summary`);

  test("溧阳's inspector sees enterprises by highest level per township and the red list; the count changes with an assessment", async () => {
    const res = await summaryOf(s.inspector, "320481");
    assert.equal(res.statusCode, 200, res.body);
    const view = res.json();
    assert.equal(view.region.name, "溧阳市");
    const licheng = view.children.find((c: { code: string }) => c.code === "320481002");
    assert.equal(licheng.name, "溧城街道");
    assert.deepEqual(licheng.byLevel, { low: 0, general: 0, significant: 0, major: 1 }, "one enterprise, counted at its highest level");
    assert.equal(licheng.enterprises, 1);
    assert.deepEqual(view.byLevel, { low: 0, general: 0, significant: 0, major: 1 });
    assert.deepEqual(
      view.redEnterprises.items.map((e: { id: string; name: string; majorPoints: number }) => [e.id, e.name, e.majorPoints]),
      [[chem, "溧阳市风险测试化工有限公司", 2]],
    );

    const workshop = await newPoint(s.neighbourAdmin, neighbour, { name: "冲压车间", kind: "area" });
    await assessPoint(s.neighbourAdmin, workshop.id, { policy: "ls-b", factors: { L: 3, S: 3 }, version: 1 });
    const after = (await summaryOf(s.inspector, "320481")).json();
    const shanghuang = after.children.find((c: { code: string }) => c.code === "320481102");
    assert.deepEqual(shanghuang.byLevel, { low: 0, general: 1, significant: 0, major: 0 });
    assert.deepEqual(after.byLevel, { low: 0, general: 1, significant: 0, major: 1 });
    // 分类: both are registered as 危险化学品 enterprises.
    assert.deepEqual(after.byCategory, [{ category: "hazardous_chemicals", byLevel: { low: 0, general: 1, significant: 0, major: 1 } }]);
  });

  test("the regional map draws assessed enterprises that have a GPS point, in their overall colour", async () => {
    const map = (await get(s.inspector, "/api/risk/regions/320481/map")).json();
    assert.deepEqual(
      map.items.map((p: { id: string; level: string; colour: string; longitude: number }) => [p.id, p.level, p.colour, p.longitude]),
      [[chem, "major", "red", 119.4841]],
    );
    assert.deepEqual([map.withoutPosition, map.truncated], [1, false], "上黄's enterprise has no GPS point");
    assert.equal((await get(s.tianningInspector, "/api/risk/regions/320481/map")).statusCode, 404);
    assert.equal((await get(s.cityLeader, "/api/risk/regions/3204/map")).json().items.length, 1);
  });

  test("the city leader sees counties; a township is its own leaf; outside the subtree or as an enterprise → 404", async () => {
    const city = (await summaryOf(s.cityLeader, "3204")).json();
    const liyang = city.children.find((c: { code: string }) => c.code === "320481");
    assert.deepEqual(liyang.byLevel, { low: 0, general: 1, significant: 0, major: 1 });
    assert.equal(city.children.find((c: { code: string }) => c.code === "320402").byLevel.major, 0);
    const village = (await summaryOf(s.gridMember, "320481002001")).json();
    assert.deepEqual([village.children, village.byLevel.major], [[], 1]);
    assert.equal((await summaryOf(s.tianningInspector, "320481")).statusCode, 404);
    assert.equal((await summaryOf(s.inspector, "3204")).statusCode, 404);
    assert.equal((await summaryOf(s.chemAdmin, "320481")).statusCode, 404);
    assert.equal((await summaryOf(s.gridMember, "320481102")).statusCode, 404);
  });
});

describe("demo registers", () => {
  test("generated through the service: typical points assessed, the showcase company's placed on its site plan", async () => {
    const d = await testApp();
    try {
      await seedReference(d);
      const showcase = await buildEnterprise(d, { name: "溧阳市演示化工有限公司", hasMajorHazardSource: true });
      const plain = await buildEnterprise(d, { name: "溧阳市演示涂料有限公司", regionCode: "320481102001" });
      const machine = await buildEnterprise(d, {
        name: "溧阳市演示机械有限公司",
        category: "industry_trade",
        subcategory: "machinery",
        industryCode: "3411",
      });
      const points = await seedDemoRisks(d.database.db, systemCtx(d), showcase.id);
      const admin = await signIn(d, (await buildUser(d)).username);
      const list = async (id: string) =>
        (
          await d.app.inject({ method: "GET", url: `/api/enterprises/${id}/risk-points?pageSize=100`, headers: { cookie: admin.cookie } })
        ).json();
      const mine = await list(showcase.id);
      const other = await list(plain.id);
      assert.equal(points, mine.total + other.total);
      assert.equal(mine.total, 7);
      assert.ok(mine.items.every((p: { position: unknown; level: string }) => p.position && p.level));
      const storage = mine.items.find((p: { name: string }) => p.name === "甲类储罐区");
      assert.deepEqual([storage.majorHazardSource, storage.level], [true, "major"], "R8(c) on the major hazard source's storage");
      assert.ok(other.total >= 3 && other.total <= 5);
      assert.equal((await list(machine.id)).total, 0, "machinery is left out");
      const plan = await d.app.inject({
        method: "GET",
        url: `/api/enterprises/${showcase.id}/site-plan`,
        headers: { cookie: admin.cookie },
      });
      assert.ok(plan.rawPayload.equals(demoSitePlan()));
    } finally {
      await d.close();
    }
  });
});
