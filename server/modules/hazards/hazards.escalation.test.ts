import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { tinyPng } from "../../../domain/hazards/photo-fixtures.js";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";
import { runHazardEscalation } from "./hazards.escalation.js";

// R12 on a fake clock. The test clock starts 2026-11-23 10:00 Shanghai; each run gets its own instant (10:00 on
// the day named). The enterprise is in 溧阳市 (county 320481) 溧城街道 (township 320481002), 常州市 (city 3204).
let t: TestApp;
let enterpriseId: string;
const who = [
  "entAdmin",
  "staff",
  "grid",
  "otherGrid",
  "countyInspector",
  "countyLeader",
  "townshipInspector",
  "cityLeader",
  "cityInspector",
  "otherCountyLeader",
] as const;
type Who = (typeof who)[number];
let s: Record<Who, Session>;

const png = Buffer.from(tinyPng());
const photos = [{ contentType: "image/png", data: png.toString("base64") }];

const at = (day: string) => new Date(`${day}T02:00:00Z`);
const run = (day: string) => runHazardEscalation(t.database.db, at(day));
const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "zh-CN" } });
const post = (session: Session, url: string, payload: object) =>
  t.app.inject({ method: "POST", url, headers: session.headers({ "accept-language": "en" }), payload });

/** The notification kinds a user has about one hazard, oldest first. */
async function inbox(user: Who, hazardId: string): Promise<string[]> {
  const res = await get(s[user], "/api/notifications?pageSize=100");
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as { kind: string; subjectId: string }[])
    .filter((n) => n.subjectId === hazardId)
    .map((n) => n.kind.replace("hazard.escalation.", ""))
    .reverse();
}
/** Everyone's inbox for a hazard, users with nothing left out. */
async function inboxes(hazardId: string): Promise<Partial<Record<Who, string[]>>> {
  const out: Partial<Record<Who, string[]>> = {};
  for (const u of who) {
    const kinds = await inbox(u, hazardId);
    if (kinds.length) out[u] = kinds;
  }
  return out;
}
const detail = async (id: string) => (await get(s.countyInspector, `/api/hazards/${id}`)).json();
const escalations = async (id: string) =>
  ((await detail(id)).timeline as { action: string; note: string | null }[])
    .filter((e) => e.action === "escalate" || e.action === "overdue")
    .map((e) => `${e.action}:${/R12:? (\w+)/.exec(e.note ?? "")?.[1] ?? ""}`);

let general: string;
let major: string;
let rejected: string;

before(async () => {
  t = await testApp();
  await seedReference(t);
  enterpriseId = (await buildEnterprise(t, { name: "溧阳市逾期测试化工有限公司" })).id;
  const other = await buildEnterprise(t, { name: "天宁区另一家化工有限公司", regionCode: "320402001001" });
  const users: Record<Who, string> = {
    entAdmin: (await buildUser(t, { role: "enterprise_admin", enterpriseId })).username,
    staff: (await buildUser(t, { role: "enterprise_staff", enterpriseId })).username,
    grid: (await buildUser(t, { role: "grid_member", regionCode: "320481002" })).username,
    otherGrid: (await buildUser(t, { role: "grid_member", regionCode: "320481102" })).username,
    countyInspector: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username,
    countyLeader: (await buildUser(t, { role: "regulator_leader", regionCode: "320481" })).username,
    townshipInspector: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481002" })).username,
    cityLeader: (await buildUser(t, { role: "regulator_leader", regionCode: "3204" })).username,
    cityInspector: (await buildUser(t, { role: "regulator_inspector", regionCode: "3204" })).username,
    otherCountyLeader: (await buildUser(t, { role: "regulator_leader", regionCode: "320402" })).username,
  };
  await buildUser(t, { role: "enterprise_admin", enterpriseId: other.id });
  s = {} as typeof s;
  for (const u of who) s[u] = await signIn(t, users[u]);

  const report = async (session: Session, over: object) => {
    const res = await post(session, "/api/hazards", {
      enterpriseId,
      description: "罐区防火堤破损未修复",
      location: "罐区",
      source: "self_check",
      photos,
      ...over,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number };
  };
  const plan = async (h: { id: string; version: number }, p: object) => {
    const res = await post(s.entAdmin, `/api/hazards/${h.id}/transitions`, { action: "set_plan", version: h.version, plan: p });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { id: string; version: number };
  };
  const generalPlan = { measures: "修补防火堤", responsibleName: "王五", deadline: "2026-11-30" };
  general = (await plan(await report(s.entAdmin, {}), generalPlan)).id;
  rejected = (await plan(await report(s.entAdmin, { description: "配电箱门缺失" }), { ...generalPlan, deadline: "2026-11-28" })).id;

  const m = await report(s.countyInspector, {
    description: "液氯储罐安全距离不足",
    source: "regulator_inspection",
    level: "major",
    majorReason: "外部安全防护距离不足，需停产治理",
  });
  const planned = await plan(m, {
    ...generalPlan,
    deadline: "2026-12-10",
    funds: "120000",
    goal: "消除储罐区重大事故隐患",
    organisation: "设备部",
    contingency: "设置警戒区",
    suspension: "partial",
  });
  major = planned.id;
  const listed = await post(s.countyInspector, `/api/hazards/${major}/supervision`, {
    deadline: "2026-12-10",
    requirements: "限期完成储罐区整改",
  });
  assert.ok(listed.statusCode === 200 || listed.statusCode === 201, listed.body);
  assert.equal((await detail(major)).supervisionLevel, "county");
});
after(() => t.close());

describe("R3: a 重大 hazard is reported to the territorial county at once", () => {
  test("county inspectors and leaders are notified on registration; nobody else", async () => {
    assert.deepEqual(await inboxes(major), { countyInspector: ["hazard.major_reported"], countyLeader: ["hazard.major_reported"] });
    assert.deepEqual(await inboxes(general), {}, "a general hazard is not reported upward");
  });
});

describe("R12 escalation on a fake clock (一般 D = 2026-11-30, 重大 D = 2026-12-10)", () => {
  test("D−4: nothing yet; D−3: the reminder reaches the enterprise administrators", async () => {
    const before = await run("2026-11-26");
    assert.deepEqual(before, { markedOverdue: 0, fired: { reminder: 1 }, notified: 1 }, "only `rejected` (D = 11-28) is at D−2");
    assert.deepEqual(await inboxes(general), {});
    const reminder = await run("2026-11-27");
    assert.deepEqual(reminder, { markedOverdue: 0, fired: { reminder: 1 }, notified: 1 });
    assert.deepEqual(await inboxes(general), { entAdmin: ["reminder"] });
    assert.equal((await detail(general)).escalationRung, "reminder");
  });

  test("day 0 (on D): not overdue yet", async () => {
    await run("2026-11-30");
    const h = await detail(general);
    assert.equal(h.state, "rectifying");
    assert.deepEqual(await escalations(general), ["escalate:reminder"]);
  });

  test("day 1: overdue, the principal and safety manager (enterprise administrators) notified, on the timeline and audited", async () => {
    const r = await run("2026-12-01");
    const h = await detail(general);
    assert.equal(h.state, "overdue");
    assert.equal(h.escalationRung, "o1");
    assert.deepEqual(await escalations(general), ["escalate:reminder", "overdue:deadline", "escalate:o1"]);
    assert.deepEqual(await inboxes(general), { entAdmin: ["reminder", "o1"] });
    assert.ok(r.markedOverdue >= 1);
    const admin = await signIn(t, (await buildUser(t)).username);
    const audit = (await get(admin, `/api/audit?entityType=hazard&entityId=${general}`)).json().items as {
      action: string;
      actorName: string;
    }[];
    assert.deepEqual(
      audit.filter((a) => a.action !== "hazard.report" && a.action !== "hazard.set_plan").map((a) => a.action),
      ["hazard.escalate", "hazard.overdue", "hazard.escalate"],
    );
    assert.ok(audit.every((a) => a.action === "hazard.report" || a.action === "hazard.set_plan" || /escalation job/.test(a.actorName)));
  });

  test("a rejected hazard goes back to rectifying and is marked overdue again by the next run", async () => {
    let h = await detail(rejected);
    assert.equal(h.state, "overdue");
    const submitted = await post(s.entAdmin, `/api/hazards/${rejected}/transitions`, {
      action: "submit",
      version: h.version,
      rectification: "已安装配电箱门",
      photos,
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const back = await post(s.entAdmin, `/api/hazards/${rejected}/transitions`, {
      action: "reject",
      version: submitted.json().version,
      reason: "门锁未装",
    });
    assert.equal(back.json().state, "rectifying");
    await run("2026-12-02");
    h = await detail(rejected);
    assert.equal(h.state, "overdue");
    assert.deepEqual(
      (await escalations(rejected)).filter((e) => e.startsWith("overdue")),
      ["overdue:deadline", "overdue:deadline"],
    );
  });

  test("day 3: the township grid and the county regulators; 重大 D−7: the reminder to the enterprise and the supervising body", async () => {
    const r = await run("2026-12-03");
    assert.equal(r.fired.o3, 1);
    assert.equal(r.fired.major_reminder, 1);
    assert.deepEqual(await inboxes(general), {
      entAdmin: ["reminder", "o1"],
      grid: ["o3"],
      countyInspector: ["o3"],
      countyLeader: ["o3"],
    });
    assert.deepEqual(await inboxes(major), {
      entAdmin: ["major_reminder"],
      countyInspector: ["hazard.major_reported", "major_reminder"],
      countyLeader: ["hazard.major_reported", "major_reminder"],
    });
  });

  test("worked example 10: 重大 o = 1 raises the listing county → city and tells the city's leaders", async () => {
    const r = await run("2026-12-11");
    assert.deepEqual(r.fired, { major_o1: 1 });
    const h = await detail(major);
    assert.equal(h.supervisionLevel, "city");
    assert.equal(h.state, "overdue");
    assert.equal(h.escalationRung, "major_o1");
    const listing = (h.supervisions as { status: string; level: string; unitRegionCode: string; unitName: string }[]).find(
      (x) => x.status === "listed",
    );
    assert.equal(listing?.level, "city");
    assert.equal(listing?.unitRegionCode, "3204");
    assert.match(listing?.unitName ?? "", /常州市/);
    assert.deepEqual((await inboxes(major)).cityLeader, ["major_o1"]);
    const note = (h.timeline as { action: string; note: string }[]).find((e) => e.action === "escalate" && /major_o1/.test(e.note));
    assert.match(note?.note ?? "", /county→city/);
    assert.match(note?.note ?? "", /安委办 notified/);
    const body = (await get(s.cityLeader, "/api/notifications?pageSize=5")).json().items[0].body as string;
    assert.match(body, /第一百零二条/);
    assert.match(body, /安委办/, "the city leaders receive the 安委办's copy (no 安委办 role)");
  });

  test("day 15: the next regulator level (city leaders) with the proposed order and Art. 102 case", async () => {
    const r = await run("2026-12-15");
    assert.equal(r.fired.o15, 2, "both general hazards"); // `rejected` (D = 11-28) reached o = 17
    const g = await inboxes(general);
    assert.deepEqual(g.cityLeader, ["o15"]);
    assert.equal(g.cityInspector, undefined, "leaders, not inspectors");
    assert.equal(g.otherCountyLeader, undefined);
    const body = (await get(s.cityLeader, "/api/notifications?pageSize=100")).json().items as {
      kind: string;
      subjectId: string;
      body: string;
    }[];
    assert.match(body.find((n) => n.subjectId === general && n.kind.endsWith("o15"))?.body ?? "", /责令限期整改/);
  });

  test("running again the same day changes and sends nothing", async () => {
    const snapshot = await inboxes(general);
    const version = (await detail(general)).version;
    assert.deepEqual(await run("2026-12-15"), { markedOverdue: 0, fired: {}, notified: 0 });
    assert.deepEqual(await inboxes(general), snapshot);
    assert.equal((await detail(general)).version, version);
  });

  test("two instances at once (Promise.all): each rung fires once, every recipient hears once", async () => {
    const [a, b] = await Promise.all([run("2026-12-31"), run("2026-12-31")]);
    const fired = (rung: "o31" | "major_o15") => (a.fired[rung] ?? 0) + (b.fired[rung] ?? 0);
    assert.equal(fired("o31"), 2); // general and rejected
    assert.equal(fired("major_o15"), 1);
    const g = await inboxes(general);
    assert.deepEqual(g.countyLeader, ["o3", "o31"]);
    assert.deepEqual(g.cityLeader, ["o15", "o31"]);
    assert.deepEqual((await inboxes(major)).cityLeader, ["major_o1", "major_o15"]);
    assert.deepEqual(
      (await escalations(general)).filter((e) => e === "escalate:o31"),
      ["escalate:o31"],
    );
    const [c, d] = await Promise.all([run("2027-01-01"), run("2027-01-01")]);
    assert.deepEqual([c.fired, d.fired, c.notified + d.notified], [{}, {}, 0]);
  });

  test("nobody outside the ladder heard anything", async () => {
    for (const id of [general, major, rejected]) {
      const all = await inboxes(id);
      for (const u of ["staff", "otherGrid", "townshipInspector", "cityInspector", "otherCountyLeader"] as const) {
        assert.equal(all[u], undefined, `${u} on ${id}`);
      }
    }
  });
});

describe("R12 长期反复: a repeated hazard enters at the next rung (D = 2027-01-10)", () => {
  let repeat: string;
  let elsewhere: string;
  let majorRepeat: string;
  before(async () => {
    const report = async (over: object) => {
      const res = await post(s.entAdmin, "/api/hazards", { enterpriseId, source: "self_check", photos, ...over });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: string; version: number };
    };
    const plan = async (h: { id: string; version: number }, p: object) => {
      const res = await post(s.entAdmin, `/api/hazards/${h.id}/transitions`, { action: "set_plan", version: h.version, plan: p });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().id as string;
    };
    const place = { category: "site_management", subType: "electrical", location: "1号储罐" };
    // The precedent: found and fixed on the spot earlier (same enterprise, sub-type and place).
    const first = await report({ ...place, description: "1号储罐防雷接地断开" });
    const fixed = await post(s.entAdmin, `/api/hazards/${first.id}/transitions`, {
      action: "fix_on_spot",
      version: first.version,
      rectification: "重新连接接地线",
      photos,
    });
    assert.equal(fixed.statusCode, 200, fixed.body);
    t.clock.minutes(1); // found again a minute later (an earlier report is the precedent, not the same instant)
    const p = { measures: "更换接地扁钢", responsibleName: "王五", deadline: "2027-01-10" };
    repeat = await plan(await report({ ...place, location: "1号 储罐", description: "1号储罐防雷接地再次断开" }), p);
    elsewhere = await plan(await report({ ...place, location: "2号储罐", description: "2号储罐防雷接地断开" }), p);
    // 重大: the same 判定标准 item again (the earlier one still open counts too).
    await report({ criterionId: "aj2017-121-chem-15", description: "3号储罐安全阀未投用", location: "3号储罐" });
    t.clock.minutes(1);
    const m = await report({ criterionId: "aj2017-121-chem-15", description: "4号储罐安全阀未投用", location: "4号储罐" });
    majorRepeat = await plan(m, {
      ...p,
      funds: "50000",
      goal: "恢复安全阀",
      organisation: "设备部",
      contingency: "设置警戒区",
      suspension: "partial",
    });
  });

  test("o = 1: the repeat also fires o3 (grid and county), the other only o1; the 重大 repeat fires major_o15 with major_o1", async () => {
    const r = await run("2027-01-11");
    assert.deepEqual(r.fired, { o1: 2, o3: 1, major_o1: 1, major_o15: 1 });
    assert.deepEqual(await inboxes(repeat), { entAdmin: ["o1"], grid: ["o3"], countyInspector: ["o3"], countyLeader: ["o3"] });
    assert.deepEqual(await inboxes(elsewhere), { entAdmin: ["o1"] });
    assert.deepEqual((await escalations(repeat)).slice(-2), ["escalate:o1", "escalate:o3"]);
    const o3 = ((await detail(repeat)).timeline as { action: string; note: string }[]).find((e) => /o3/.test(e.note ?? ""));
    assert.match(o3?.note ?? "", /repeated hazard \(长期反复\)/);
    const body = (await get(s.grid, "/api/notifications?pageSize=100"))
      .json()
      .items.find((n: { subjectId: string }) => n.subjectId === repeat);
    assert.match(body.body, /长期反复/);

    const m = await detail(majorRepeat);
    assert.equal(m.escalationRung, "major_o15");
    assert.deepEqual((await inboxes(majorRepeat)).countyLeader, ["hazard.major_reported", "major_o15"]);
    assert.deepEqual((await inboxes(majorRepeat)).cityLeader?.sort(), ["major_o1", "major_o15"], "fired in one run: same instant");
    // The automatic county listing (R12 on confirmation) is raised to the city and stays the system's.
    const listing = (m.supervisions as { status: string; level: string; automatic: boolean }[]).find((x) => x.status === "listed");
    assert.deepEqual([m.supervisionLevel, listing?.level, listing?.automatic], ["city", "city", true]);
  });

  test("run again, and two days later: nothing fires twice, the other reaches o3 on its own day count", async () => {
    assert.deepEqual(await run("2027-01-11"), { markedOverdue: 0, fired: {}, notified: 0 });
    const r = await run("2027-01-13");
    assert.deepEqual(r.fired, { o3: 1 });
    assert.deepEqual((await inboxes(elsewhere)).grid, ["o3"]);
    assert.deepEqual((await inboxes(repeat)).grid, ["o3"]);
  });
});
