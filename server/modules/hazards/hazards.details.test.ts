import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";

// 完善信息 (issue §1; hazards.md R1, R2, R6/R7, R10): completing a three-tap report later. The test clock starts on
// Monday 2026-11-23, 10:00 in Shanghai. The chemical plant is in 溧阳市 溧城街道 (320481002).
let t: TestApp;
let enterpriseId: string;
const roles = ["admin", "entAdmin", "staff", "county", "township", "countyLeader", "tianning", "grid", "foreignAdmin"] as const;
let users: Record<(typeof roles)[number], string>;
let s: Record<(typeof roles)[number], Session>;

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0, 0, 0, 13]),
  Buffer.from("IHDR", "latin1"),
  Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]),
  Buffer.alloc(4),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from("IEND", "latin1"),
  Buffer.alloc(4),
]);
const photo = { contentType: "image/png", data: png.toString("base64") };
const generalPlan = { measures: "补设防护栏", responsibleName: "王五", deadline: "2026-11-30" };
const majorPlan = {
  ...generalPlan,
  funds: "120000",
  goal: "消除储罐区重大事故隐患",
  organisation: "设备部牵头，安全部配合",
  contingency: "设置警戒区，现场配备应急器材",
  suspension: "partial",
};
const chem15 = { id: "aj2017-121-chem-15", ref: "安监总管三〔2017〕121号 化工和危险化学品(十五)" };
const chem2 = { id: "aj2017-121-chem-2", ref: "安监总管三〔2017〕121号 化工和危险化学品(二)" };

before(async () => {
  t = await testApp();
  await seedReference(t);
  const e = await buildEnterprise(t, { name: "溧阳市完善信息测试化工有限公司" });
  const other = await buildEnterprise(t, { name: "溧阳市另一家完善信息测试化工有限公司" });
  enterpriseId = e.id;
  users = {
    admin: (await buildUser(t)).username,
    entAdmin: (await buildUser(t, { role: "enterprise_admin", enterpriseId, regionCode: null })).username,
    staff: (await buildUser(t, { role: "enterprise_staff", enterpriseId, regionCode: null })).username,
    county: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username,
    township: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481002" })).username,
    countyLeader: (await buildUser(t, { role: "regulator_leader", regionCode: "320481" })).username,
    tianning: (await buildUser(t, { role: "regulator_inspector", regionCode: "320402" })).username,
    grid: (await buildUser(t, { role: "grid_member", regionCode: "320481002" })).username,
    foreignAdmin: (await buildUser(t, { role: "enterprise_admin", enterpriseId: other.id, regionCode: null })).username,
  };
  s = {} as typeof s;
  for (const [k, username] of Object.entries(users)) s[k as keyof typeof users] = await signIn(t, username);
});
after(() => t.close());

type Res = { statusCode: number; body: string; json(): { error: { code: string; fields?: { path: string; message: string }[] } } };
const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const post = (session: Session, url: string, payload: object) =>
  t.app.inject({ method: "POST", url, headers: session.headers({ "accept-language": "en" }), payload });
const patch = (session: Session, h: { id: string; version: number }, payload: object, lang = "en") =>
  t.app.inject({
    method: "PATCH",
    url: `/api/hazards/${h.id}`,
    headers: session.headers({ "accept-language": lang }),
    payload: { version: h.version, ...payload },
  });
const act = (session: Session, id: string, version: number, action: string, payload: object = {}) =>
  post(session, `/api/hazards/${id}/transitions`, { action, version, ...payload });
const detail = async (id: string) => (await get(s.admin, `/api/hazards/${id}`)).json();
const audits = async (id: string) =>
  (await get(s.admin, `/api/audit?entityType=hazard&entityId=${id}&pageSize=100`)).json().items as {
    action: string;
    actorName: string;
    diff: { before?: Record<string, unknown>; after?: Record<string, unknown>; detail?: Record<string, unknown> };
  }[];
const inbox = async (session: Session, hazardId: string) =>
  ((await get(session, "/api/notifications?pageSize=100")).json().items as { kind: string; subjectId: string; body: string }[]).filter(
    (n) => n.subjectId === hazardId,
  );

function expect400(res: Res, path: string) {
  assert.equal(res.statusCode, 400, res.body);
  assert.ok(
    res.json().error.fields?.some((f) => f.path === path && f.message.length > 0),
    `expected a message on ${path}: ${res.body}`,
  );
}
function expectCode(res: Res, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.json().error.code, code, res.body);
}

let seq = 0;
/** The three-tap report from a phone: photo, place, one line. */
async function threeTap(session: Session = s.staff, over: object = {}) {
  seq++;
  const res = await post(session, "/api/hazards", {
    enterpriseId,
    description: `${seq}号储罐区安全阀未投用`,
    location: `${seq}号储罐区`,
    source: "self_check",
    photos: [photo],
    ...over,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
/** A hazard 重大 by a regulator's R1 grading (no criterion). */
async function majorByReason() {
  return threeTap(s.county, { source: "regulator_inspection", level: "major", majorReason: "储罐区整体老化，需停产改造" });
}

describe("who may complete a hazard's details", () => {
  test("the enterprise's own users and regulators in scope; not grid members, other enterprises or other regions", async () => {
    let h = await threeTap();
    for (const [who, status] of [
      ["grid", 403],
      ["foreignAdmin", 404],
      ["tianning", 404],
    ] as const) {
      const res = await patch(s[who], h, { category: "basic_management", subType: "training" });
      assert.equal(res.statusCode, status, `${who}: ${res.body}`);
    }
    expectCode(await patch(s.grid, h, { location: "新位置" }), 403, "hazards.details.not_allowed");
    for (const who of ["staff", "entAdmin", "township", "county", "admin"] as const) {
      const res = await patch(s[who], h, { location: `${who} 复核的位置` });
      assert.equal(res.statusCode, 200, `${who}: ${res.body}`);
      h = res.json();
      assert.equal(h.location, `${who} 复核的位置`);
    }
    assert.equal(h.version, 6);
  });

  test("a closed hazard (accepted or voided) cannot be changed: 409", async () => {
    const h = await threeTap();
    const voided = (await act(s.county, h.id, h.version, "void", { reason: "重复登记" })).json();
    expectCode(await patch(s.county, voided, { location: "别处" }), 409, "hazards.details.closed");
    expectCode(await patch(s.staff, voided, { category: "basic_management", subType: null }), 409, "hazards.details.closed");
  });
});

describe("category, sub-type and place", () => {
  test("the enterprise completes category, sub-type, GPS and the site-plan point; audit and timeline say what changed", async () => {
    const h = await threeTap();
    const res = await patch(s.staff, h, {
      category: "basic_management",
      subType: "training",
      latitude: 31.4167,
      longitude: 119.4833,
      planX: 0.25,
      planY: 0.75,
    });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual(
      [d.category, d.subType, d.latitude, d.longitude, d.planX, d.planY, d.level, d.state, d.version],
      ["basic_management", "training", 31.4167, 119.4833, 0.25, 0.75, "general", "reported", 2],
    );
    const event = d.timeline.at(-1);
    assert.deepEqual([event.action, event.fromState, event.toState], ["classify", "reported", "reported"]);
    assert.deepEqual(event.changed, ["category", "subType", "gps", "planPoint"]);
    const audit = (await audits(h.id)).find((a) => a.action === "hazard.classify");
    assert.ok(audit, "audited");
    assert.deepEqual(audit.diff.before, {
      category: "site_management",
      subType: null,
      latitude: null,
      longitude: null,
      planX: null,
      planY: null,
      version: 1,
    });
    assert.deepEqual(audit.diff.after, {
      category: "basic_management",
      subType: "training",
      latitude: 31.4167,
      longitude: 119.4833,
      planX: 0.25,
      planY: 0.75,
      version: 2,
    });
    assert.deepEqual(audit.diff.detail, { changed: ["category", "subType", "gps", "planPoint"] });

    // null clears a pair; a list shows the place too.
    const cleared = (await patch(s.staff, d, { latitude: null, longitude: null })).json();
    assert.deepEqual([cleared.latitude, cleared.longitude, cleared.planX], [null, null, 0.25]);
    const listed = (await get(s.county, `/api/hazards?enterprise=${enterpriseId}&pageSize=100`))
      .json()
      .items.find((x: { id: string }) => x.id === h.id);
    assert.deepEqual([listed.planX, listed.planY], [0.25, 0.75]);
  });

  test("a sub-type must belong to the category (the one sent or the one stored): 400, nothing stored", async () => {
    const h = await threeTap(s.staff, { category: "site_management", subType: "fire" });
    const auditsBefore = (await audits(h.id)).length;
    expect400(await patch(s.staff, h, { category: "site_management", subType: "training" }), "subType");
    expect400(await patch(s.staff, h, { subType: "no_such_type" }), "subType");
    // Changing the category keeps the stored sub-type unless it is changed too: fire is not a basic_management type.
    expect400(await patch(s.staff, h, { category: "basic_management" }), "subType");
    const res = await patch(s.staff, h, { category: "basic_management", subType: null });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().category, res.json().subType], ["basic_management", null]);
    assert.equal((await audits(h.id)).length, auditsBefore + 1);
  });

  test("GPS and the plan point come in pairs, within bounds; bad input answers 400 on the field and stores nothing", async () => {
    const h = await threeTap();
    const cases: [object, string][] = [
      [{ latitude: 31.4 }, "longitude"],
      [{ longitude: 119.4 }, "latitude"],
      [{ latitude: 31.4, longitude: null }, "longitude"],
      [{ latitude: 48.85, longitude: 2.35 }, "longitude"], // Paris: outside China
      [{ latitude: -31.4, longitude: 119.4 }, "latitude"],
      [{ planX: 0.5 }, "planY"],
      [{ planX: 1.2, planY: 0.5 }, "planX"],
      [{ planX: 0.5, planY: -0.1 }, "planY"],
      [{ location: "" }, "location"],
      [{ level: "severe" }, "level"],
    ];
    for (const [over, path] of cases) expect400(await patch(s.staff, h, over), path);
    const zh = await patch(s.staff, h, { latitude: 31.4 }, "zh-CN");
    assert.match(zh.json().error.fields?.[0]?.message ?? "", /经度和纬度须同时填写/);
    const d = await detail(h.id);
    assert.deepEqual([d.version, d.latitude, d.planX, d.timeline.length], [1, null, null, 1]);

    // Registration takes the same pairs.
    expect400(
      await post(s.staff, "/api/hazards", { enterpriseId, description: "x", location: "y", source: "self_check", planX: 0.5 }),
      "planY",
    );
    const reported = await threeTap(s.staff, { latitude: 31.42, longitude: 119.48, planX: 0.1, planY: 0.9 });
    assert.deepEqual([reported.latitude, reported.longitude, reported.planX, reported.planY], [31.42, 119.48, 0.1, 0.9]);
  });

  test("a stale version answers 409 and changes nothing; an unchanged request changes nothing", async () => {
    const h = await threeTap();
    const first = await patch(s.staff, h, { location: "一号罐东侧" });
    assert.equal(first.statusCode, 200, first.body);
    expectCode(await patch(s.county, h, { location: "二号罐西侧" }), 409, "conflict.stale_version");
    expectCode(await patch(s.county, h, { location: "一号罐东侧" }), 409, "conflict.stale_version");
    const same = await patch(s.staff, first.json(), { location: "一号罐东侧" });
    assert.equal(same.statusCode, 200);
    assert.equal(same.json().version, 2);
    const d = await detail(h.id);
    assert.deepEqual([d.location, d.version, d.timeline.length], ["一号罐东侧", 2, 2]);
    assert.equal((await audits(h.id)).filter((a) => a.action === "hazard.classify").length, 1);
  });
});

describe("grading (R1, R2)", () => {
  test("a criterion that applies makes the hazard 重大 with its citation, and the county regulators are told (R3)", async () => {
    const h = await threeTap();
    const res = await patch(s.staff, h, { criterionId: chem15.id });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual(
      [d.level, d.criterionId, d.criterionRef, d.majorReason, d.acceptedByRegulator],
      ["major", chem15.id, chem15.ref, null, true],
    );
    // The classify step, then the automatic county listing (R12 on confirmation).
    assert.deepEqual(d.timeline.filter((e: { action: string }) => e.action === "classify").at(-1).changed, ["level", "criterionId"]);
    assert.equal(d.timeline.at(-1).action, "list");
    for (const who of ["county", "countyLeader"] as const) {
      const notes = await inbox(s[who], h.id);
      assert.deepEqual(
        notes.map((n) => n.kind),
        ["hazard.major_graded"],
        who,
      );
      assert.match(notes[0]?.body ?? "", /化工和危险化学品\(十五\)/);
    }
    assert.deepEqual(await inbox(s.township, h.id), [], "the township is not the county");
    // Switching to another applicable item keeps it 重大 and tells nobody again.
    const switched = (await patch(s.entAdmin, d, { criterionId: chem2.id })).json();
    assert.deepEqual([switched.level, switched.criterionRef], ["major", chem2.ref]);
    assert.equal((await inbox(s.county, h.id)).length, 1);
  });

  test("a criterion that does not apply to the enterprise, or does not exist, answers 400; with level 一般 too", async () => {
    const h = await threeTap();
    expect400(await patch(s.staff, h, { criterionId: "mem2023-10-a3-2" }), "criterionId"); // a 工贸 item on a chemical plant
    expect400(await patch(s.county, h, { criterionId: "no-such-item" }), "criterionId");
    expect400(await patch(s.county, h, { criterionId: chem15.id, level: "general" }), "level");
    const d = await detail(h.id);
    assert.deepEqual([d.level, d.criterionId, d.version], ["general", null, 1]);
    assert.deepEqual(await inbox(s.county, h.id), []);
  });

  test("重大 without a criterion: a regulator with a reason; never the enterprise", async () => {
    const h = await threeTap();
    expectCode(await patch(s.entAdmin, h, { level: "major", majorReason: "我们认为很严重" }), 403, "hazards.details.major_by_regulator");
    expectCode(await patch(s.staff, h, { level: "major" }), 403, "hazards.details.major_by_regulator");
    expect400(await patch(s.county, h, { level: "major" }), "majorReason");
    expect400(await patch(s.county, h, { level: "major", majorReason: "  " }), "majorReason");
    assert.equal((await detail(h.id)).version, 1);
    const res = await patch(s.township, h, { level: "major", majorReason: "需局部停产治理，企业无法立即消除" });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual([d.level, d.criterionId, d.majorReason], ["major", null, "需局部停产治理，企业无法立即消除"]);
    assert.deepEqual(
      (await inbox(s.county, h.id)).map((n) => n.kind),
      ["hazard.major_graded"],
    );
    // The enterprise may still complete the place, but not rewrite the regulator's reason or drop the grade.
    assert.equal((await patch(s.staff, d, { location: "储罐区北侧" })).statusCode, 200);
    const now = await detail(h.id);
    expectCode(await patch(s.staff, now, { majorReason: "其实不严重" }), 403, "hazards.details.major_by_regulator");
    expectCode(await patch(s.staff, now, { level: "general" }), 403, "hazards.details.downgrade_regulator");
    // …and may replace it by a criterion item, which clears the R1 reason.
    const byCriterion = (await patch(s.staff, now, { criterionId: chem15.id })).json();
    assert.deepEqual([byCriterion.level, byCriterion.criterionRef, byCriterion.majorReason], ["major", chem15.ref, null]);
    assert.equal((await inbox(s.county, h.id)).length, 1, "still 重大: no second report");
  });

  test("downgrading 重大 → 一般: a regulator with a reason only; the enterprise may not drop its own criterion", async () => {
    const h = await threeTap(s.staff, { criterionId: chem15.id });
    expectCode(
      await patch(s.entAdmin, h, { level: "general", criterionId: null, note: "已核实" }),
      403,
      "hazards.details.downgrade_regulator",
    );
    expectCode(await patch(s.staff, h, { criterionId: null }), 403, "hazards.details.major_by_regulator");
    expect400(await patch(s.county, h, { level: "general" }), "level"); // the criterion still matches
    expect400(await patch(s.county, h, { level: "general", criterionId: null }), "note");
    assert.deepEqual([(await detail(h.id)).level, (await detail(h.id)).version], ["major", 1]);

    const res = await patch(s.county, h, { level: "general", criterionId: null, note: "现场核实：安全阀已投用，系误报" });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual([d.level, d.criterionId, d.criterionRef, d.majorReason, d.acceptedByRegulator], ["general", null, null, null, false]);
    const event = d.timeline.at(-1);
    assert.deepEqual([event.action, event.note, event.changed], ["classify", "现场核实：安全阀已投用，系误报", ["level", "criterionId"]]);
    const audit = (await audits(h.id)).find((a) => a.action === "hazard.classify");
    assert.deepEqual(
      [audit?.diff.before?.level, audit?.diff.after?.level, audit?.diff.detail?.note],
      ["major", "general", "现场核实：安全阀已投用，系误报"],
    );

    // Graded 重大 again later: the county hears of it again.
    const before = (await inbox(s.county, h.id)).length;
    assert.equal((await patch(s.county, d, { criterionId: chem2.id })).statusCode, 200);
    assert.equal((await inbox(s.county, h.id)).length, before + 1);
  });

  test("a hazard under 挂牌督办 cannot be downgraded (409) until delisted; other details may still be completed", async () => {
    let h = await majorByReason();
    h = (await act(s.entAdmin, h.id, h.version, "set_plan", { plan: majorPlan })).json();
    const listed = await post(s.county, `/api/hazards/${h.id}/supervision`, { deadline: "2026-12-31", requirements: "限期完成治理" });
    assert.equal(listed.statusCode, 201, listed.body);
    h = await detail(h.id);
    assert.equal(h.supervisionLevel, "county");
    expectCode(await patch(s.county, h, { level: "general", note: "误判" }), 409, "hazards.details.listed");
    expectCode(await patch(s.admin, h, { level: "general", note: "误判" }), 409, "hazards.details.listed");
    assert.equal((await detail(h.id)).level, "major");
    const res = await patch(s.staff, h, { category: "site_management", subType: "equipment_process" });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().supervisionLevel, "county");
  });
});

describe("the treatment plan when the grade changes (R6/R7)", () => {
  test("upgrading a hazard whose general plan lacks the six parts returns it to `reported` for a new plan", async () => {
    let h = await threeTap();
    h = (await act(s.entAdmin, h.id, h.version, "set_plan", { plan: generalPlan })).json();
    assert.equal(h.state, "rectifying");
    const res = await patch(s.staff, h, { criterionId: chem15.id });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual([d.level, d.state, d.plan, d.deadline], ["major", "reported", null, null]);
    const event = d.timeline.filter((e: { action: string }) => e.action === "classify").at(-1);
    assert.deepEqual([event.action, event.fromState, event.toState], ["classify", "rectifying", "reported"]);
    assert.ok(event.changed.includes("treatmentPlan"));
    const audit = (await audits(h.id)).find((a) => a.action === "hazard.classify");
    assert.deepEqual(audit?.diff.detail?.planLacks, ["funds", "contingency", "goal", "organisation", "suspension"]);
    assert.deepEqual([audit?.diff.before?.status, audit?.diff.after?.status], ["rectifying", "reported"]);
    // The enterprise now sets the six-part plan; a general one is refused as before.
    const general = await act(s.entAdmin, d.id, d.version, "set_plan", { plan: generalPlan });
    expect400(general, "plan.goal");
    const replanned = await act(s.entAdmin, d.id, d.version, "set_plan", { plan: majorPlan });
    assert.equal(replanned.statusCode, 200, replanned.body);
    assert.equal(replanned.json().state, "rectifying");
  });

  test("a plan that already has the six parts stays, and so does the state; a downgrade keeps the plan", async () => {
    let h = await threeTap();
    h = (await act(s.entAdmin, h.id, h.version, "set_plan", { plan: majorPlan })).json();
    const up = (await patch(s.county, h, { level: "major", majorReason: "需停产治理" })).json();
    assert.deepEqual([up.state, up.plan?.goal, up.deadline], ["rectifying", majorPlan.goal, "2026-11-30"]);
    const down = (await patch(s.county, up, { level: "general", note: "复核后确认可立即整改" })).json();
    assert.deepEqual([down.level, down.state, down.plan?.measures], ["general", "rectifying", generalPlan.measures]);
  });
});
