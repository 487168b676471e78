import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { jpegWithExif } from "../../../domain/hazards/photo-fixtures.js";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";
import * as repo from "./hazards.repo.js";

// The test clock starts on Monday 2026-11-23, 10:00 in Shanghai. The enterprise is in 溧阳市 溧城街道 (320481002).
let t: TestApp;
let enterpriseId: string;
let machineryId: string;
const roles = ["admin", "entAdmin", "staff", "county", "township", "city", "tianning", "grid", "otherGrid", "foreignStaff"] as const;
let users: Record<(typeof roles)[number], string>;
let s: Record<(typeof roles)[number], Session>;

const pngChunk = (type: string, data: Buffer) =>
  Buffer.concat([Buffer.from([0, 0, 0, data.length]), Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk("IHDR", Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
  pngChunk("IEND", Buffer.alloc(0)),
]);
const photo = (b: Uint8Array = png, contentType = "image/png", keepLocation?: boolean) => ({
  contentType,
  data: Buffer.from(b).toString("base64"),
  ...(keepLocation === undefined ? {} : { keepLocation }),
});
const plan = { measures: "补设防护栏并张贴警示标志", responsibleName: "王五", funds: "800.50", deadline: "2026-11-30" };
const majorPlan = {
  ...plan,
  funds: "120000",
  goal: "消除储罐区重大事故隐患",
  organisation: "设备部牵头，安全部配合",
  contingency: "设置警戒区，现场配备应急器材",
  suspension: "partial",
};

async function signInAll() {
  s = {} as typeof s;
  for (const [k, username] of Object.entries(users)) s[k as keyof typeof users] = await signIn(t, username);
}

before(async () => {
  t = await testApp();
  await seedReference(t);
  const e = await buildEnterprise(t, { name: "溧阳市隐患测试化工有限公司" });
  const other = await buildEnterprise(t, { name: "溧阳市另一家化工有限公司" });
  const machinery = await buildEnterprise(t, {
    name: "溧阳市测试锅炉机械有限公司",
    category: "industry_trade",
    subcategory: "machinery",
    industryCode: "3411",
  });
  enterpriseId = e.id;
  machineryId = machinery.id;
  users = {
    admin: (await buildUser(t)).username,
    entAdmin: (await buildUser(t, { role: "enterprise_admin", enterpriseId, regionCode: null })).username,
    staff: (await buildUser(t, { role: "enterprise_staff", enterpriseId, regionCode: null })).username,
    county: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username,
    township: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481002" })).username,
    city: (await buildUser(t, { role: "regulator_leader", regionCode: "3204" })).username,
    tianning: (await buildUser(t, { role: "regulator_inspector", regionCode: "320402" })).username,
    grid: (await buildUser(t, { role: "grid_member", regionCode: "320481002" })).username,
    otherGrid: (await buildUser(t, { role: "grid_member", regionCode: "320481102" })).username,
    foreignStaff: (await buildUser(t, { role: "enterprise_staff", enterpriseId: other.id, regionCode: null })).username,
  };
  await signInAll();
});
after(() => t.close());

const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const post = (session: Session, url: string, payload: object) =>
  t.app.inject({ method: "POST", url, headers: session.headers({ "accept-language": "en" }), payload });
const report = (session: Session, over: object = {}) =>
  post(session, "/api/hazards", {
    enterpriseId,
    description: "二号车间平台防护栏缺失",
    location: "二号车间二层平台",
    source: "self_check",
    category: "site_management",
    subType: "premises",
    photos: [photo()],
    ...over,
  });
const act = (session: Session, id: string, version: number, action: string, payload: object = {}) =>
  post(session, `/api/hazards/${id}/transitions`, { action, version, ...payload });
const total = async () => (await get(s.admin, "/api/hazards?pageSize=1")).json().total as number;
function expect400(
  res: { statusCode: number; body: string; json(): { error: { fields?: { path: string; message: string }[] } } },
  path: string,
) {
  assert.equal(res.statusCode, 400, res.body);
  assert.ok(
    res.json().error.fields?.some((f) => f.path === path && f.message.length > 0),
    `expected a message on ${path}: ${res.body}`,
  );
}

describe("registering hazards", () => {
  test("enterprise staff report a self-found hazard with a photo; GPS Exif is stripped unless kept", async () => {
    const res = await report(s.staff, { photos: [photo(jpegWithExif(), "image/jpeg"), photo(jpegWithExif(), "image/jpeg", true)] });
    assert.equal(res.statusCode, 201, res.body);
    const h = res.json();
    assert.deepEqual([h.state, h.level, h.source, h.version, h.acceptedByRegulator], ["reported", "general", "self_check", 1, false]);
    assert.deepEqual(
      h.timeline.map((e: { action: string; toState: string }) => [e.action, e.toState]),
      [["report", "reported"]],
    );
    const stripped = h.photos.find((p: { locationKept: boolean }) => !p.locationKept);
    const kept = h.photos.find((p: { locationKept: boolean }) => p.locationKept);
    const strippedBody = (await get(s.county, `/api/hazard-photos/${stripped.id}`)).rawPayload.toString("latin1");
    assert.ok(strippedBody.startsWith("\xff\xd8"), "still a JPEG");
    assert.ok(!strippedBody.includes("GPSLatitude"), "GPS removed");
    assert.ok(strippedBody.includes("JFIF"), "JFIF kept");
    assert.equal(stripped.locationKept, false);
    const keptBody = (await get(s.county, `/api/hazard-photos/${kept.id}`)).rawPayload.toString("latin1");
    assert.ok(keptBody.includes("GPSLatitude"));
    assert.equal((await get(s.foreignStaff, `/api/hazard-photos/${stripped.id}`)).statusCode, 404);
    assert.equal((await get(s.tianning, `/api/hazards/${h.id}`)).statusCode, 404);
    const audit = (await get(s.admin, `/api/audit?entityType=hazard&entityId=${h.id}`)).json().items;
    assert.equal(audit[0].action, "hazard.report");
  });

  test("bad input answers 400 on the field with a message and stores nothing", async () => {
    const before = await total();
    const gif = Buffer.from("GIF89a-not-an-image-at-all");
    const cases: [object, string][] = [
      [{ description: "" }, "description"],
      [{ location: undefined }, "location"],
      [{ source: "rumour" }, "source"],
      [{ photos: [photo(gif, "image/png")] }, "photos.0.data"],
      [{ photos: [photo(jpegWithExif(), "image/png")] }, "photos.0.data"],
      [{ photos: [photo(Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]))] }, "photos.0.data"],
      [{ level: "major" }, "majorReason"],
      [{ criterionId: "mem2023-10-a3-2" }, "criterionId"], // a 工贸 item on a chemical plant
      [{ criterionId: "no-such-item" }, "criterionId"],
      [{ subType: "fire", category: "basic_management" }, "subType"],
    ];
    for (const [over, path] of cases) expect400(await report(s.staff, over), path);
    expect400(await report(s.grid, { source: "self_check" }), "source");
    assert.equal(await total(), before);
  });

  test("worked example 1: a 工贸 machinery plant matching 10号令 第三条(二) is 重大 with the citation", async () => {
    const res = await report(s.county, { enterpriseId: machineryId, source: "regulator_inspection", criterionId: "mem2023-10-a3-2" });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().level, res.json().criterionRef], ["major", "应急管理部令第10号 第三条(二)"]);
    const picker = (await get(s.county, `/api/enterprises/${machineryId}/hazard-criteria`)).json();
    assert.ok(picker.some((c: { id: string }) => c.id === "mem2023-10-a7-1"));
    assert.ok(!picker.some((c: { id: string }) => c.id.startsWith("aj2017")));
  });

  test("worked example 2: a chemical plant matching 121号 item 2 is 重大 even if reported as general", async () => {
    const res = await report(s.staff, {
      level: "general",
      criterionId: "aj2017-121-chem-2",
      description: "外包检修人员特种作业未持证上岗",
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().level, res.json().acceptedByRegulator], ["major", true]);
  });

  test("grid members report patrol findings in their subtree only", async () => {
    assert.equal((await report(s.grid, { source: "grid_patrol" })).statusCode, 201);
    assert.equal((await report(s.otherGrid, { source: "grid_patrol" })).statusCode, 404);
    assert.equal((await report(s.foreignStaff, {})).statusCode, 404);
  });
});

describe("the closed loop", () => {
  test("a self-found general hazard: the enterprise plans, submits, is rejected, resubmits and accepts", async () => {
    let h = (await report(s.staff)).json();
    const versionBefore = h.version;
    expect400(await act(s.staff, h.id, h.version, "set_plan", { plan: { ...plan, deadline: "2026-11-23" } }), "plan.deadline");
    expect400(await act(s.staff, h.id, h.version, "set_plan", { plan: { ...plan, funds: -5 } }), "plan.funds");
    expect400(await act(s.staff, h.id, h.version, "set_plan", { plan: { funds: "10" } }), "plan.measures");
    assert.equal((await get(s.staff, `/api/hazards/${h.id}`)).json().version, versionBefore);
    assert.equal((await act(s.county, h.id, h.version, "set_plan", { plan })).statusCode, 403);
    assert.equal((await act(s.staff, h.id, h.version, "submit", { rectification: "x", photos: [photo()] })).statusCode, 409);
    let res = await act(s.staff, h.id, h.version, "set_plan", { plan });
    assert.equal(res.statusCode, 200, res.body);
    h = res.json();
    assert.deepEqual([h.state, h.deadline, h.plan.funds], ["rectifying", "2026-11-30", "800.50"]);
    assert.equal((await act(s.staff, h.id, h.version - 1, "submit", { rectification: "已补设", photos: [photo()] })).statusCode, 409);
    expect400(await act(s.staff, h.id, h.version, "submit", { rectification: "已补设", photos: [] }), "photos");
    res = await act(s.staff, h.id, h.version, "submit", { rectification: "已补设防护栏", photos: [photo()] });
    assert.equal(res.statusCode, 200, res.body);
    h = res.json();
    assert.equal(h.state, "awaiting_acceptance");
    assert.deepEqual(
      h.photos.map((p: { phase: string }) => p.phase),
      ["before", "after"],
    );
    assert.equal((await act(s.staff, h.id, h.version, "accept")).statusCode, 403);
    assert.equal((await act(s.county, h.id, h.version, "accept")).statusCode, 403);
    expect400(await act(s.entAdmin, h.id, h.version, "reject", {}), "reason");
    h = (await act(s.entAdmin, h.id, h.version, "reject", { reason: "防护栏高度不足1.05米" })).json();
    assert.equal(h.state, "rectifying");
    h = (await act(s.staff, h.id, h.version, "submit", { rectification: "已加高至1.2米", photos: [photo()] })).json();
    res = await act(s.entAdmin, h.id, h.version, "accept", { note: "复查合格" });
    assert.equal(res.statusCode, 200, res.body);
    h = res.json();
    assert.equal(h.state, "accepted");
    assert.ok(h.closedAt);
    assert.deepEqual(
      h.timeline.map((e: { action: string }) => e.action),
      ["report", "set_plan", "submit", "reject", "submit", "accept"],
    );
    assert.equal(h.timeline[3].note, "防护栏高度不足1.05米");
    const audit = (await get(s.admin, `/api/audit?entityType=hazard&entityId=${h.id}&pageSize=50`)).json().items;
    assert.equal(audit.length, 6);
    assert.equal((await act(s.entAdmin, h.id, h.version, "void", { reason: "x" })).statusCode, 403);
    assert.equal((await act(s.county, h.id, h.version, "void", { reason: "x" })).statusCode, 409);
  });

  test("a regulator-found hazard is accepted only by a regulator of its region at the finder's level or above", async () => {
    let h = (await report(s.county, { source: "regulator_inspection", description: "配电箱未接地" })).json();
    h = (await act(s.entAdmin, h.id, h.version, "set_plan", { plan })).json();
    h = (await act(s.staff, h.id, h.version, "submit", { rectification: "已接地", photos: [photo()] })).json();
    const denied = await act(s.entAdmin, h.id, h.version, "accept");
    assert.equal(denied.statusCode, 403);
    assert.match(denied.json().error.message, /accepted by the regulator/);
    assert.equal((await act(s.township, h.id, h.version, "accept")).statusCode, 403);
    assert.equal((await act(s.grid, h.id, h.version, "accept")).statusCode, 403);
    assert.equal((await act(s.tianning, h.id, h.version, "accept")).statusCode, 404);
    const res = await act(s.city, h.id, h.version, "accept");
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().state, "accepted");
  });

  test("worked example 6: a 重大 hazard cannot start rectifying without all six plan parts and the suspension", async () => {
    let h = (await report(s.staff, { criterionId: "aj2017-121-chem-15", description: "安全阀未投用" })).json();
    const noFunds = await act(s.entAdmin, h.id, h.version, "set_plan", { plan: { ...majorPlan, funds: null } });
    expect400(noFunds, "plan.funds");
    expect400(await act(s.entAdmin, h.id, h.version, "set_plan", { plan }), "plan.suspension");
    assert.equal((await get(s.entAdmin, `/api/hazards/${h.id}`)).json().state, "reported");
    assert.equal((await act(s.entAdmin, h.id, h.version, "fix_on_spot", { rectification: "x", photos: [photo()] })).statusCode, 409);
    const res = await act(s.entAdmin, h.id, h.version, "set_plan", { plan: majorPlan });
    assert.equal(res.statusCode, 200, res.body);
    h = res.json();
    assert.deepEqual([h.state, h.plan.suspension, h.plan.funds], ["rectifying", "partial", "120000.00"]);
    h = (await act(s.staff, h.id, h.version, "submit", { rectification: "安全阀已校验投用", photos: [photo()] })).json();
    assert.equal((await act(s.entAdmin, h.id, h.version, "accept")).statusCode, 403);
    // Listed at county on confirmation (R12): the county accepts it, which lifts that automatic listing (R10).
    assert.equal((await act(s.township, h.id, h.version, "accept")).statusCode, 403);
    assert.equal((await act(s.county, h.id, h.version, "accept")).statusCode, 200);
  });

  test("worked example 3: a missing guard rail fixed during inspection is 一般 and closed the same day", async () => {
    const h = (await report(s.county, { source: "regulator_inspection", description: "楼梯护栏缺失" })).json();
    assert.equal((await act(s.entAdmin, h.id, h.version, "fix_on_spot", { rectification: "x", photos: [photo()] })).statusCode, 403);
    expect400(await act(s.county, h.id, h.version, "fix_on_spot", { rectification: "现场恢复护栏", photos: [] }), "photos");
    const res = await act(s.county, h.id, h.version, "fix_on_spot", { rectification: "现场恢复护栏", photos: [photo()] });
    assert.equal(res.statusCode, 200, res.body);
    const done = res.json();
    assert.deepEqual(
      [done.level, done.state, done.closedAt.slice(0, 10), done.reportedAt.slice(0, 10)],
      ["general", "accepted", "2026-11-23", "2026-11-23"],
    );
  });

  test("a regulator may void with a reason; the enterprise may not", async () => {
    const h = (await report(s.staff, { description: "误报：灭火器压力正常" })).json();
    assert.equal((await act(s.entAdmin, h.id, h.version, "void", { reason: "误报" })).statusCode, 403);
    expect400(await act(s.county, h.id, h.version, "void", {}), "reason");
    const res = await act(s.county, h.id, h.version, "void", { reason: "核实为误报" });
    assert.equal(res.json().state, "voided");
    assert.equal((await act(s.entAdmin, h.id, res.json().version, "set_plan", { plan })).statusCode, 409);
  });
});

describe("lists", () => {
  test("filters by level, state, source, Chinese text and scope", async () => {
    const major = (await get(s.county, "/api/hazards?level=major&pageSize=100")).json();
    assert.ok(major.total >= 3 && major.items.every((h: { level: string }) => h.level === "major"));
    const found = (await get(s.county, `/api/hazards?q=${encodeURIComponent("配电箱")}`)).json();
    assert.deepEqual(
      found.items.map((h: { description: string }) => h.description),
      ["配电箱未接地"],
    );
    // 1–2 characters (no trigram) through the grams index; spaces and ASCII case handled like ilike.
    const descriptions = async (q: string) =>
      (await get(s.county, `/api/hazards?pageSize=100&q=${encodeURIComponent(q)}`))
        .json()
        .items.map((h: { description: string }) => h.description)
        .sort();
    assert.deepEqual(await descriptions("接地"), ["配电箱未接地"]);
    assert.deepEqual(await descriptions("箱未"), ["配电箱未接地"]);
    assert.deepEqual(await descriptions("箱接"), []);
    const one = await descriptions("箱");
    assert.ok(one.includes("配电箱未接地") && one.every((d: string) => d.includes("箱")));
    const voided = (await get(s.staff, "/api/hazards?state=voided")).json();
    assert.equal(voided.total, 1);
    assert.equal((await get(s.tianning, "/api/hazards")).json().total, 0);
    assert.equal((await get(s.foreignStaff, "/api/hazards")).json().total, 0);
    const mine = (await get(s.staff, "/api/hazards?pageSize=100")).json();
    assert.ok(mine.items.every((h: { enterpriseId: string }) => h.enterpriseId === enterpriseId));
    expect400(await get(s.staff, "/api/hazards?source=rumour"), "source");
  });

  test("overdue: open hazards past their deadline (Asia/Shanghai)", async () => {
    let h = (await report(s.staff, { description: "消防通道堆放杂物" })).json();
    h = (await act(s.staff, h.id, h.version, "set_plan", { plan: { ...plan, deadline: "2026-11-24" } })).json();
    assert.ok(!(await get(s.staff, "/api/hazards?overdue=true&pageSize=100")).json().items.some((x: { id: string }) => x.id === h.id));
    t.clock.advance(2 * 24 * 3600 * 1000);
    await signInAll();
    const overdue = (await get(s.staff, "/api/hazards?overdue=true&pageSize=100")).json();
    assert.ok(overdue.items.some((x: { id: string }) => x.id === h.id));
    assert.ok(overdue.items.every((x: { state: string }) => x.state !== "accepted"));
  });
});

describe("work lists", () => {
  test("awaiting my acceptance: the enterprise sees its own general ones, the finder's level the regulator-found ones", async () => {
    let own = (await report(s.staff, { description: "灭火器压力不足" })).json();
    own = (await act(s.staff, own.id, own.version, "set_plan", { plan: { ...plan, deadline: "2026-12-20" } })).json();
    own = (await act(s.staff, own.id, own.version, "submit", { rectification: "已更换", photos: [photo()] })).json();
    let found = (await report(s.county, { source: "regulator_inspection", description: "安全出口锁闭" })).json();
    found = (await act(s.entAdmin, found.id, found.version, "set_plan", { plan: { ...plan, deadline: "2026-12-10" } })).json();
    found = (await act(s.staff, found.id, found.version, "submit", { rectification: "已开启", photos: [photo()] })).json();
    const ids = async (session: Session, query: string) =>
      (await get(session, `/api/hazards?${query}&pageSize=100`)).json().items.map((x: { id: string }) => x.id) as string[];
    const entMine = await ids(s.entAdmin, "acceptableBy=me");
    assert.ok(entMine.includes(own.id) && !entMine.includes(found.id));
    const countyMine = await ids(s.county, "acceptableBy=me");
    assert.ok(countyMine.includes(found.id) && !countyMine.includes(own.id));
    assert.ok(!(await ids(s.township, "acceptableBy=me")).includes(found.id), "below the finder's level");
    assert.deepEqual(await ids(s.staff, "acceptableBy=me"), []);

    const open = (await get(s.staff, "/api/hazards?open=true&sort=deadline&pageSize=100")).json().items as {
      state: string;
      deadline: string | null;
    }[];
    assert.ok(open.every((x) => !["accepted", "voided"].includes(x.state)));
    const deadlines = open.flatMap((x) => (x.deadline ? [x.deadline] : []));
    assert.deepEqual(deadlines, [...deadlines].sort(), "soonest deadline first");
    assert.ok(
      open.findIndex((x) => x.deadline === null) === -1 ||
        open.slice(open.findIndex((x) => x.deadline === null)).every((x) => x.deadline === null),
    );
  });
});

describe("check tasks", () => {
  test("a failed check raises a general hazard linked to the record, reported by the checker", async () => {
    const point = await post(s.entAdmin, `/api/enterprises/${enterpriseId}/risk-points`, {
      name: "甲醇储罐区",
      kind: "area",
      events: [
        {
          description: "储罐泄漏遇点火源",
          accidentType: "fire",
          consequence: "火灾爆炸",
          measures: [{ type: "engineering", description: "可燃气体检测报警有效", layer: "workshop" }],
        },
      ],
    });
    assert.equal(point.statusCode, 201, point.body);
    const task = await post(s.entAdmin, `/api/risk-points/${point.json().id}/check-tasks`, {
      measureId: point.json().events[0].measures[0].id,
      content: "检查可燃气体探头",
      frequency: "daily",
      assigneePost: "储运班长",
      startsOn: "2026-11-23",
    });
    assert.equal(task.statusCode, 201, task.body);
    const record = await post(s.staff, `/api/check-tasks/${task.json().id}/records`, { result: "fail", remark: "2号探头无显示" });
    assert.equal(record.statusCode, 201, record.body);
    const hazardId = record.json().hazardRef;
    assert.ok(hazardId);
    const h = (await get(s.county, `/api/hazards/${hazardId}`)).json();
    assert.deepEqual(
      [h.source, h.sourceRef, h.level, h.state, h.enterpriseId],
      ["check_task", record.json().id, "general", "reported", enterpriseId],
    );
    assert.match(h.description, /2号探头无显示/);
    assert.equal(h.foundByName, (await get(s.staff, "/api/auth/me")).json().user?.displayName ?? h.foundByName);
  });
});

describe("counting a list", () => {
  test("the count stops at the cap and says so; below it the count is exact (the export counts to its own cap)", async () => {
    for (let i = 0; i < 3; i++) assert.equal((await report(s.staff, { description: `计数测试隐患 ${i}` })).statusCode, 201);
    const q = { page: 1, pageSize: 2, sort: "newest", q: "计数测试隐患" } as const;
    const db = t.database.db;
    const exact = await repo.listHazards(db, sql`true`, q, "2026-11-23");
    assert.deepEqual([exact.total, exact.capped, exact.items.length], [3, false, 2]);
    const capped = await repo.listHazards(db, sql`true`, q, "2026-11-23", undefined, 2);
    assert.deepEqual([capped.total, capped.capped], [2, true]);
    const atCap = await repo.listHazards(db, sql`true`, q, "2026-11-23", undefined, 3);
    assert.deepEqual([atCap.total, atCap.capped], [3, false]);
    const page = (await get(s.admin, `/api/hazards?q=${encodeURIComponent("计数测试隐患")}`)).json();
    assert.deepEqual([page.total, page.totalCapped], [3, false]);
  });
});
