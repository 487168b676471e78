import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { addDays, shanghaiDay } from "../../../domain/common/calendar.js";
import { tinyPng } from "../../../domain/hazards/photo-fixtures.js";
import type { Supervision, SupervisionBoardItem } from "../../../domain/hazards/supervision.dto.js";
import { ConfigError, loadConfig } from "../../kernel/config.js";
import { withTx } from "../../kernel/db/db.js";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, systemCtx, type TestApp, testApp } from "../../test/harness.js";
import { configureHazardRules, confirmMajorHazardInTx } from "./hazards.escalation.js";
import { findHazard } from "./hazards.repo.js";
import { hazards } from "./hazards.schema.js";

// 挂牌督办 (hazards.md R8–R10, worked example 7). The clock is set to Monday 2026-03-02, 10:00 in Shanghai, so a
// resumption application filed "today" is received on 2026-03-02. The enterprise is in 溧阳市 溧城街道 (320481002).
let t: TestApp;
let enterpriseId: string;
const roles = [
  "admin",
  "entAdmin",
  "staff",
  "county",
  "county2",
  "countyLeader",
  "township",
  "city",
  "tianning",
  "grid",
  "foreignAdmin",
] as const;
let users: Record<(typeof roles)[number], string>;
let s: Record<(typeof roles)[number], Session>;
const DAY = 24 * 3600 * 1000;

const png = Buffer.from(tinyPng());
const photo = { contentType: "image/png", data: png.toString("base64") };
const majorPlan = {
  measures: "更换失效安全阀并校验",
  responsibleName: "王五",
  funds: "120000",
  deadline: "2026-03-20",
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
  t.clock.advance(Date.parse("2026-03-02T02:00:00Z") - t.clock.now().getTime());
  await seedReference(t);
  const e = await buildEnterprise(t, { name: "溧阳市挂牌督办测试化工有限公司" });
  const other = await buildEnterprise(t, { name: "溧阳市另一家督办测试化工有限公司" });
  enterpriseId = e.id;
  users = {
    admin: (await buildUser(t)).username,
    entAdmin: (await buildUser(t, { role: "enterprise_admin", enterpriseId, regionCode: null })).username,
    staff: (await buildUser(t, { role: "enterprise_staff", enterpriseId, regionCode: null })).username,
    county: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username,
    county2: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username,
    countyLeader: (await buildUser(t, { role: "regulator_leader", regionCode: "320481" })).username,
    township: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481002" })).username,
    city: (await buildUser(t, { role: "regulator_leader", regionCode: "3204" })).username,
    tianning: (await buildUser(t, { role: "regulator_inspector", regionCode: "320402" })).username,
    grid: (await buildUser(t, { role: "grid_member", regionCode: "320481002" })).username,
    foreignAdmin: (await buildUser(t, { role: "enterprise_admin", enterpriseId: other.id, regionCode: null })).username,
  };
  await signInAll();
});
after(() => t.close());

type Res = { statusCode: number; body: string; json(): { error: { code: string; fields?: { path: string; message: string }[] } } };
const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const post = (session: Session, url: string, payload: object) =>
  t.app.inject({ method: "POST", url, headers: session.headers({ "accept-language": "en" }), payload });
const act = (session: Session, id: string, version: number, action: string, payload: object = {}) =>
  post(session, `/api/hazards/${id}/transitions`, { action, version, ...payload });
const list = (session: Session, id: string, payload: object) => post(session, `/api/hazards/${id}/supervision`, payload);
const sup = (session: Session, id: string, step: string, payload: object) =>
  post(session, `/api/hazards/${id}/supervision/${step}`, payload);
const detail = async (id: string) => (await get(s.admin, `/api/hazards/${id}`)).json();
const active = (h: { supervisions: Supervision[] }) => h.supervisions.find((x) => x.status !== "delisted") as Supervision;
const auditCount = async (id: string) => (await get(s.admin, `/api/audit?entityType=hazard&entityId=${id}&pageSize=100`)).json().total;

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
/** A 重大 hazard (121号 item 15) the enterprise reported, planned and — unless told — submitted with an after photo. */
async function majorHazard(submitted = true) {
  seq++;
  let res = await post(s.staff, "/api/hazards", {
    enterpriseId,
    description: `${seq}号储罐安全阀未投用`,
    location: `${seq}号储罐`,
    source: "self_check",
    criterionId: "aj2017-121-chem-15",
    photos: [photo],
  });
  assert.equal(res.statusCode, 201, res.body);
  let h = res.json();
  res = await act(s.entAdmin, h.id, h.version, "set_plan", { plan: majorPlan });
  assert.equal(res.statusCode, 200, res.body);
  h = res.json();
  if (submitted) h = await submit(h);
  return h;
}
async function submit(h: { id: string; version: number }) {
  const res = await act(s.staff, h.id, h.version, "submit", { rectification: "安全阀已更换并校验投用", photos: [photo] });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
const listing = { deadline: "2026-04-30", requirements: "限期完成安全阀更换，治理期间局部停产" };
const completion = {
  report: "已更换全部安全阀并经校验合格，现场恢复正常",
  evaluation: { by: "own_experts", conclusion: "企业技术人员和专家评估：隐患已消除" },
};

describe("listing (挂牌)", () => {
  test("only county-or-higher regulators list, at their own level, an open 重大 hazard in their region", async () => {
    const h = await majorHazard(false);
    const auditBefore = await auditCount(h.id);
    expectCode(await list(s.entAdmin, h.id, listing), 403, "forbidden");
    expectCode(await list(s.grid, h.id, listing), 403, "forbidden");
    expectCode(await list(s.township, h.id, listing), 403, "hazards.supervision.not_lister");
    expectCode(await list(s.county, h.id, { ...listing, level: "city" }), 403, "hazards.supervision.level_not_yours");
    expectCode(await list(s.city, h.id, { ...listing, level: "county" }), 403, "hazards.supervision.level_not_yours");
    assert.equal((await list(s.tianning, h.id, listing)).statusCode, 404);

    const general = await post(s.staff, "/api/hazards", {
      enterpriseId,
      description: "通道堆放杂物",
      location: "仓库",
      source: "self_check",
      photos: [photo],
    });
    expectCode(await list(s.county, general.json().id, listing), 409, "hazards.supervision.major_only");

    const stored = await detail(h.id);
    // Only the automatic county listing made on confirmation (R12) is there.
    assert.deepEqual(
      [stored.supervisions.length, stored.supervisionLevel, active(stored).automatic, active(stored).version],
      [1, "county", true, 1],
    );
    assert.equal(await auditCount(h.id), auditBefore);
  });

  test("bad input answers 400 on the field with a message and stores nothing", async () => {
    const h = await majorHazard(false);
    const auditBefore = await auditCount(h.id);
    const cases: [object, string][] = [
      [{ ...listing, deadline: "2026-02-30" }, "deadline"],
      [{ ...listing, deadline: "2026-03-02" }, "deadline"], // not later than today
      [{ ...listing, deadline: "2026-03-01" }, "deadline"],
      [{ ...listing, requirements: "  " }, "requirements"],
      [{ ...listing, level: "township" }, "level"],
      [{ ...listing, suspension: "some" }, "suspension"],
      [{ ...listing, unitName: "" }, "unitName"],
    ];
    for (const [body, path] of cases) expect400(await list(s.county, h.id, body), path);
    const stored = await detail(h.id);
    assert.deepEqual(
      [stored.supervisions.length, active(stored).automatic, active(stored).version, stored.version],
      [1, true, 1, h.version],
    );
    assert.equal(stored.timeline.filter((e: { action: string }) => e.action === "list").length, 1, "the automatic listing only");
    assert.equal(await auditCount(h.id), auditBefore);
  });

  test("a county inspector takes the automatic listing over at county: the 安委办 as unit, on the timeline, audited", async () => {
    const h = await majorHazard(false);
    const auto = active(await detail(h.id));
    const res = await list(s.county, h.id, { ...listing, suspension: "partial", public: true });
    assert.equal(res.statusCode, 201, res.body);
    const listed = res.json();
    const l = active(listed);
    assert.deepEqual(
      [l.id, l.level, l.unitName, l.unitRegionCode, l.deadline, l.suspension, l.public, l.status, l.version, l.automatic],
      [auto.id, "county", "溧阳市安全生产委员会办公室", "320481", "2026-04-30", "partial", true, "listed", 2, false],
    );
    assert.equal(listed.supervisions.length, 1, "in place: one listing");
    assert.deepEqual([listed.supervisionLevel, listed.supervisionDeadline, listed.state], ["county", "2026-04-30", "rectifying"]);
    const event = listed.timeline.at(-1);
    assert.deepEqual(
      [event.action, event.fromState, event.toState, event.note],
      ["list", "rectifying", "rectifying", listing.requirements],
    );
    const audit = (await get(s.admin, `/api/audit?entityType=hazard&entityId=${h.id}`)).json().items;
    assert.equal(audit[0].action, "hazard.supervision.list");
    assert.match(audit[0].diff.before.requirements, /确认即挂牌督办/, "the automatic listing's terms it replaced");
    // A regulator's own listing stays at its level; a higher level raises it in place.
    expectCode(await list(s.county2, h.id, listing), 409, "hazards.supervision.already_listed");
    const raised = await list(s.city, h.id, { ...listing, deadline: "2026-04-15" });
    assert.equal(raised.statusCode, 201, raised.body);
    const r = active(raised.json());
    assert.deepEqual(
      [r.id, r.level, r.unitRegionCode, r.deadline, r.version, raised.json().supervisionLevel, raised.json().supervisions.length],
      [auto.id, "city", "3204", "2026-04-15", 3, "city", 1],
    );
    expectCode(await list(s.county, h.id, listing), 409, "hazards.supervision.already_listed");

    const ids = async (q: string) =>
      (await get(s.county, `/api/hazards?${q}&pageSize=100`)).json().items.map((x: { id: string }) => x.id) as string[];
    assert.ok((await ids("supervised=true")).includes(h.id));
    assert.ok(!(await ids("supervised=false")).includes(h.id));
    expect400(await get(s.county, "/api/hazards?supervised=maybe"), "supervised");
  });

  test("two county listings over the automatic one at once: one takes it over, the other answers 409", async () => {
    const h = await majorHazard(false);
    const [a, b] = await Promise.all([list(s.county, h.id, listing), list(s.county2, h.id, { ...listing, deadline: "2026-05-31" })]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 409]);
    const stored = await detail(h.id);
    assert.deepEqual([stored.supervisions.length, active(stored).version, active(stored).automatic], [1, 2, false]);
    assert.equal(stored.timeline.filter((e: { action: string }) => e.action === "list").length, 2, "automatic + one take-over");
  });

  test("a closed hazard cannot be listed; the unit name may be given", async () => {
    const h = await majorHazard(false);
    const voided = await act(s.county, h.id, h.version, "void", { reason: "核实为误报" });
    expectCode(await list(s.county, h.id, listing), 409, "hazards.supervision.hazard_closed");
    const other = await majorHazard(false);
    const res = await list(s.city, other.id, { ...listing, unitName: "常州市应急管理局" });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([active(res.json()).level, active(res.json()).unitName], ["city", "常州市应急管理局"]);
    assert.equal(voided.statusCode, 200);
  });
});

describe("completion, resumption and 摘牌", () => {
  test("a suspended listing: completion after submission, resumption reviewed within 10 days (example 7), then delisting accepts", async () => {
    let h = await majorHazard(false);
    h = (await list(s.city, h.id, { ...listing, suspension: "full" })).json();
    let v = active(h).version;
    expectCode(await sup(s.staff, h.id, "completion", { version: v, ...completion }), 409, "hazards.supervision.not_submitted");
    h = await submit(h);

    // Acceptance of a listed hazard belongs to the listing's level, through 摘牌.
    expectCode(await act(s.entAdmin, h.id, h.version, "accept"), 403, "hazards.supervision.level");
    expectCode(await act(s.county, h.id, h.version, "accept"), 403, "hazards.supervision.level");
    expectCode(await act(s.city, h.id, h.version, "accept"), 409, "hazards.supervision.via_listing");
    expectCode(await act(s.city, h.id, h.version, "reject", { reason: "x" }), 409, "hazards.supervision.via_listing");
    const county = (await get(s.county, "/api/hazards?acceptableBy=me&pageSize=100")).json().items.map((x: { id: string }) => x.id);
    assert.ok(!county.includes(h.id), "a county regulator does not see a city listing as awaiting its acceptance");

    // Completion report: the enterprise's, with the evaluation (R9).
    expectCode(await sup(s.city, h.id, "completion", { version: v, ...completion }), 403, "forbidden");
    expectCode(await sup(s.admin, h.id, "completion", { version: v + 5, ...completion }), 409, "conflict.stale_version");
    expectCode(await sup(s.foreignAdmin, h.id, "completion", { version: v, ...completion }), 404, "not_found");
    expect400(
      await sup(s.staff, h.id, "completion", { version: v, ...completion, evaluation: { by: "agency", conclusion: "合格" } }),
      "evaluation.agencyName",
    );
    expect400(await sup(s.staff, h.id, "completion", { version: v, report: "", evaluation: completion.evaluation }), "report");
    assert.equal(active(await detail(h.id)).status, "listed");
    expectCode(await sup(s.staff, h.id, "completion", { version: v + 1, ...completion }), 409, "conflict.stale_version");
    expectCode(
      await sup(s.staff, h.id, "resumption", { version: v, application: "申请复产" }),
      409,
      "hazards.supervision.completion_first",
    );
    let res = await sup(s.staff, h.id, "completion", {
      version: v,
      report: completion.report,
      evaluation: { by: "agency", agencyName: "江苏某安全评价有限公司", conclusion: "评估合格" },
    });
    assert.equal(res.statusCode, 200, res.body);
    h = res.json();
    assert.deepEqual(
      [active(h).status, active(h).evaluation],
      ["completion_reported", { by: "agency", agencyName: "江苏某安全评价有限公司", conclusion: "评估合格" }],
    );
    v = active(h).version;

    // Suspended: no 摘牌 before resumption is approved (16号令 Art. 23).
    expectCode(await sup(s.city, h.id, "delist", { decision: "delist", version: v }), 409, "hazards.supervision.resumption_missing");
    expectCode(
      await sup(s.city, h.id, "resumption/decision", { version: v, decision: "approved", note: "x" }),
      409,
      "hazards.supervision.no_application",
    );
    expect400(await sup(s.staff, h.id, "resumption", { version: v, application: " " }), "application");
    res = await sup(s.staff, h.id, "resumption", { version: v, application: "治理完成，申请恢复生产（附评估报告）" });
    assert.equal(res.statusCode, 200, res.body);
    h = res.json();
    // Worked example 7: received 2026-03-02 → on-site review due 2026-03-12.
    assert.deepEqual(
      [active(h).resumptionAppliedOn, active(h).resumptionReviewDue, active(h).resumptionDecision],
      ["2026-03-02", "2026-03-12", null],
    );
    v = active(h).version;
    expectCode(
      await sup(s.staff, h.id, "resumption", { version: v, application: "再次申请" }),
      409,
      "hazards.supervision.resumption_pending",
    );
    expectCode(
      await sup(s.county, h.id, "resumption/decision", { version: v, decision: "approved", note: "x" }),
      403,
      "hazards.supervision.level",
    );
    expectCode(await sup(s.staff, h.id, "resumption/decision", { version: v, decision: "approved", note: "x" }), 403, "forbidden");
    expect400(await sup(s.city, h.id, "resumption/decision", { version: v, decision: "approved" }), "note");
    res = await sup(s.city, h.id, "resumption/decision", { version: v, decision: "refused", note: "现场复查：泄放管未恢复" });
    assert.equal(res.statusCode, 200, res.body);
    h = res.json();
    assert.equal(active(h).resumptionDecision, "refused");
    expectCode(
      await sup(s.city, h.id, "delist", { decision: "delist", version: active(h).version }),
      409,
      "hazards.supervision.resumption_missing",
    );
    h = (await sup(s.staff, h.id, "resumption", { version: active(h).version, application: "泄放管已恢复，再次申请复产" })).json();
    assert.equal(active(h).resumptionDecision, null);
    h = (
      await sup(s.city, h.id, "resumption/decision", { version: active(h).version, decision: "approved", note: "现场复查合格，同意复产" })
    ).json();
    assert.deepEqual([active(h).resumptionDecision, active(h).decisionNote], ["approved", "现场复查合格，同意复产"]);
    v = active(h).version;
    expectCode(await sup(s.staff, h.id, "resumption", { version: v, application: "x" }), 409, "hazards.supervision.resumption_approved");

    // 摘牌: the listing's level or above, current version; the hazard is accepted in the same step.
    expectCode(await sup(s.county, h.id, "delist", { decision: "delist", version: v }), 403, "hazards.supervision.level");
    expectCode(await sup(s.entAdmin, h.id, "delist", { decision: "delist", version: v }), 403, "forbidden");
    expectCode(await sup(s.city, h.id, "delist", { decision: "delist", version: v - 1 }), 409, "conflict.stale_version");
    assert.equal((await detail(h.id)).state, "awaiting_acceptance", "a refused step leaves the hazard as it was");
    res = await sup(s.city, h.id, "delist", { decision: "delist", version: v, note: "核查合格，予以摘牌" });
    assert.equal(res.statusCode, 200, res.body);
    h = res.json();
    assert.deepEqual([h.state, h.supervisionLevel, h.supervisionDeadline, h.supervisions[0].status], ["accepted", null, null, "delisted"]);
    assert.ok(h.closedAt);
    assert.deepEqual(
      h.timeline.map((e: { action: string }) => e.action),
      [
        "report",
        "list",
        "set_plan",
        "list",
        "submit",
        "completion_report",
        "resumption_apply",
        "resumption_decide",
        "resumption_apply",
        "resumption_decide",
        "delist",
        "accept",
      ],
    );
    const audit = (await get(s.admin, `/api/audit?entityType=hazard&entityId=${h.id}&pageSize=100`)).json().items;
    assert.deepEqual(
      audit.slice(0, 2).map((a: { action: string }) => a.action),
      ["hazard.accept", "hazard.supervision.delist"],
    );
    assert.equal(audit.length, 12);
    expectCode(await sup(s.city, h.id, "delist", { decision: "delist", version: v + 1 }), 409, "hazards.supervision.not_listed");
  });

  test("without suspension: no 摘牌 before completion; a rejected completion sends the listing and the hazard back", async () => {
    let h = await majorHazard();
    h = (await list(s.county, h.id, listing)).json();
    let v = active(h).version;
    expectCode(await sup(s.county, h.id, "delist", { decision: "delist", version: v }), 409, "hazards.supervision.completion_missing");
    h = (await sup(s.entAdmin, h.id, "completion", { version: v, ...completion })).json();
    v = active(h).version;
    expectCode(await sup(s.staff, h.id, "resumption", { version: v, application: "申请复产" }), 409, "hazards.supervision.no_suspension");
    expect400(await sup(s.county, h.id, "delist", { decision: "reject", version: v }), "reason");
    expectCode(await sup(s.township, h.id, "delist", { decision: "reject", version: v, reason: "x" }), 403, "hazards.supervision.level");
    let res = await sup(s.county, h.id, "delist", { decision: "reject", version: v, reason: "评估报告缺少安全阀校验记录" });
    assert.equal(res.statusCode, 200, res.body);
    h = res.json();
    assert.deepEqual(
      [active(h).status, active(h).completionReport, active(h).evaluation, h.state, h.supervisionLevel],
      ["listed", null, null, "rectifying", "county"],
    );
    assert.deepEqual(
      h.timeline.slice(-2).map((e: { action: string; note: string }) => [e.action, e.note]),
      [
        ["delist_reject", "评估报告缺少安全阀校验记录"],
        ["reject", "评估报告缺少安全阀校验记录"],
      ],
    );
    expectCode(
      await sup(s.county, h.id, "delist", { decision: "reject", version: active(h).version, reason: "x" }),
      409,
      "hazards.supervision.hazard_not_awaiting",
    );
    h = await submit(h);
    h = (await sup(s.staff, h.id, "completion", { version: active(h).version, ...completion })).json();
    // A city leader (above the county listing) may delist it.
    res = await sup(s.city, h.id, "delist", { decision: "delist", version: active(h).version });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().state, "accepted");
  });

  test("a voided hazard's listing is lifted without completion", async () => {
    let h = await majorHazard(false);
    h = (await list(s.county, h.id, listing)).json();
    h = (await act(s.county, h.id, h.version, "void", { reason: "重复登记" })).json();
    assert.equal(h.supervisionLevel, "county");
    const res = await sup(s.county, h.id, "delist", { decision: "delist", version: active(h).version });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().state, res.json().supervisionLevel, res.json().supervisions[0].status], ["voided", null, "delisted"]);
  });
});

describe("the board", () => {
  test("active listings in scope, soonest deadline first, with a countdown that turns negative", async () => {
    const a = await majorHazard(false);
    const b = await majorHazard(false);
    await list(s.county, a.id, { ...listing, deadline: "2026-03-10" });
    await list(s.city, b.id, { ...listing, deadline: "2026-03-05" });
    const board = (await get(s.county, "/api/hazards/supervision/board?pageSize=100")).json();
    const deadlines = board.items.map((x: { deadline: string }) => x.deadline);
    assert.deepEqual(deadlines, [...deadlines].sort());
    const rowOf = (page: { items: SupervisionBoardItem[] }, id: string) =>
      page.items.find((x) => x.hazardId === id) as SupervisionBoardItem;
    assert.deepEqual(
      [rowOf(board, a.id).daysLeft, rowOf(board, b.id).daysLeft, rowOf(board, a.id).enterpriseName],
      [8, 3, "溧阳市挂牌督办测试化工有限公司"],
    );
    assert.ok(board.items.every((x: { status: string }) => x.status !== "delisted"));
    const cityOnly = (await get(s.county, "/api/hazards/supervision/board?level=city&pageSize=100")).json();
    assert.ok(cityOnly.items.every((x: { level: string }) => x.level === "city") && rowOf(cityOnly, b.id));
    assert.equal((await get(s.tianning, "/api/hazards/supervision/board")).json().total, 0);
    assert.equal((await get(s.foreignAdmin, "/api/hazards/supervision/board")).json().total, 0);
    assert.ok(rowOf((await get(s.staff, "/api/hazards/supervision/board?pageSize=100")).json(), a.id));
    expect400(await get(s.county, "/api/hazards/supervision/board?level=township"), "level");

    t.clock.advance(7 * DAY); // 2026-03-09
    await signInAll();
    const later = (await get(s.county, "/api/hazards/supervision/board?pageSize=100")).json();
    assert.deepEqual([rowOf(later, a.id).daysLeft, rowOf(later, b.id).daysLeft], [1, -4]);
  });
});

type Note = { kind: string; body: string; subjectId: string };
const inbox = async (session: Session, hazardId: string) =>
  ((await get(session, "/api/notifications?pageSize=100")).json().items as Note[]).filter((n) => n.subjectId === hazardId);
const today = () => shanghaiDay(t.clock.now());
type Event = { action: string; actorName: string; note: string | null };

describe("R12 重大 on confirmation: listed at county and reported, in the same transaction", () => {
  test("a reported 重大 hazard is listed at county by the system, on the timeline, audited, and reported once to the county", async () => {
    const h = await majorHazard(false);
    const l = active(h);
    assert.deepEqual(
      [l.level, l.unitName, l.unitRegionCode, l.deadline, l.status, l.suspension, l.public, l.automatic, l.listedByName],
      ["county", "溧阳市安全生产委员会办公室", "320481", addDays(today(), 30), "listed", "none", false, true, "system:hazards"],
      "no 应急管理 department set up: the county under its 安委办's name; no own deadline at registration: 30 days",
    );
    assert.match(l.requirements, /确认即挂牌督办.*治理的目标和任务/);
    const listEvent = (h.timeline as Event[]).find((e) => e.action === "list");
    assert.equal(listEvent?.actorName, "system:hazards");
    assert.match(listEvent?.note ?? "", /R10\/R12/);
    const audit = (await get(s.admin, `/api/audit?entityType=hazard&entityId=${h.id}&pageSize=100`)).json().items as {
      action: string;
      actorName: string;
    }[];
    assert.deepEqual(
      audit.filter((a) => a.action === "hazard.supervision.list").map((a) => a.actorName),
      ["system:hazards"],
    );
    for (const who of ["county", "county2", "countyLeader"] as const) {
      const notes = await inbox(s[who], h.id);
      assert.deepEqual(
        notes.map((n) => n.kind),
        ["hazard.major_reported"],
        who,
      );
      assert.match(notes[0]?.body ?? "", /listed for supervision at county level/);
    }
    assert.deepEqual(await inbox(s.city, h.id), [], "the city is not told at confirmation");
    assert.deepEqual(await inbox(s.township, h.id), []);
  });

  test("the county's 应急管理 department, once set up, is the supervising unit", async () => {
    const dept = await post(s.admin, "/api/departments", { regionCode: "320481", kind: "emergency", name: "溧阳市应急管理局" });
    assert.equal(dept.statusCode, 201, dept.body);
    // A township's department of the same kind is not the county's.
    const township = await post(s.admin, "/api/departments", {
      regionCode: "320481002",
      kind: "emergency",
      name: "溧城街道应急管理办公室",
    });
    assert.equal(township.statusCode, 201, township.body);
    const h = await majorHazard(false);
    assert.deepEqual([active(h).unitName, active(h).unitRegionCode], ["溧阳市应急管理局", "320481"]);
  });

  test("graded 重大 later: listed with the hazard's own deadline when it is later than today, reported as graded", async () => {
    let res = await post(s.staff, "/api/hazards", {
      enterpriseId,
      description: "储罐区可燃气体报警器失效",
      location: "储罐区",
      source: "self_check",
      photos: [photo],
    });
    let h = res.json();
    assert.deepEqual([h.supervisionLevel, h.supervisions.length], [null, 0], "一般: not listed");
    h = (await act(s.entAdmin, h.id, h.version, "set_plan", { plan: { ...majorPlan, deadline: addDays(today(), 45) } })).json();
    res = await t.app.inject({
      method: "PATCH",
      url: `/api/hazards/${h.id}`,
      headers: s.staff.headers({ "accept-language": "en" }),
      payload: { version: h.version, criterionId: "aj2017-121-chem-15" },
    });
    assert.equal(res.statusCode, 200, res.body);
    h = res.json();
    assert.deepEqual(
      [h.level, h.state, h.supervisionLevel, h.supervisionDeadline, active(h).deadline, active(h).automatic],
      ["major", "rectifying", "county", addDays(today(), 45), addDays(today(), 45), true],
    );
    assert.deepEqual(
      (await inbox(s.county, h.id)).map((n) => n.kind),
      ["hazard.major_graded"],
    );
  });

  test("confirming again, or twice at once, lists and reports nothing twice", async () => {
    const g = (
      await post(s.staff, "/api/hazards", {
        enterpriseId,
        description: "泄压阀铅封缺失",
        location: "反应釜",
        source: "self_check",
        photos: [photo],
      })
    ).json();
    // As another module's intake would: the row becomes 重大 in its transaction, which then confirms it.
    const db = t.database.db;
    await db.update(hazards).set({ level: "major", majorReason: "企业无法自行消除" }).where(eq(hazards.id, g.id));
    const row = await findHazard(db, g.id, sql`true`);
    assert.ok(row);
    const confirm = () => withTx(db, (tx) => confirmMajorHazardInTx(tx, systemCtx(t), row, { enterpriseName: "测试" }));
    const [a, b] = await Promise.all([confirm(), confirm()]);
    assert.deepEqual([a.supervisionLevel, b.supervisionLevel], ["county", "county"]);
    await confirm();
    const d = await detail(g.id);
    assert.equal(d.supervisions.length, 1);
    assert.equal((d.timeline as Event[]).filter((e) => e.action === "list").length, 1);
    const audit = (await get(s.admin, `/api/audit?entityType=hazard&entityId=${g.id}&pageSize=100`)).json().items as { action: string }[];
    assert.equal(audit.filter((x) => x.action === "hazard.supervision.list").length, 1);
    for (const who of ["county", "countyLeader"] as const) assert.equal((await inbox(s[who], g.id)).length, 1, who);
  });

  test("the county accepts on its verification (R10), which lifts the automatic listing; the township may not", async () => {
    const h = await majorHazard();
    expectCode(await act(s.township, h.id, h.version, "accept"), 403, "hazards.supervision.level");
    expectCode(await act(s.entAdmin, h.id, h.version, "accept"), 403, "hazards.supervision.level");
    const res = await act(s.county, h.id, h.version, "accept", { note: "现场核查合格" });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual([d.state, d.supervisionLevel, d.supervisionDeadline, d.supervisions[0].status], ["accepted", null, null, "delisted"]);
    assert.deepEqual(
      (d.timeline as Event[]).slice(-2).map((e) => [e.action, e.note]),
      [
        ["delist", "现场核查合格"],
        ["accept", "现场核查合格"],
      ],
    );
  });

  test("a plain rejection keeps the automatic listing; a void or a downgrade lifts it", async () => {
    let h = await majorHazard();
    h = (await act(s.county, h.id, h.version, "reject", { reason: "安全阀型号不符" })).json();
    assert.deepEqual([h.state, h.supervisionLevel, active(h).status], ["rectifying", "county", "listed"]);
    h = (await act(s.county, h.id, h.version, "void", { reason: "重复登记" })).json();
    assert.deepEqual([h.state, h.supervisionLevel, h.supervisions[0].status], ["voided", null, "delisted"]);

    const m = await majorHazard(false);
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/hazards/${m.id}`,
      headers: s.county.headers({ "accept-language": "en" }),
      payload: { version: m.version, level: "general", criterionId: null, note: "复核：安全阀在用且校验有效" },
    });
    assert.equal(res.statusCode, 200, res.body);
    const down = res.json();
    assert.deepEqual([down.level, down.supervisionLevel, down.supervisions[0].status], ["general", null, "delisted"]);
    assert.deepEqual(
      (down.timeline as Event[]).slice(-2).map((e) => e.action),
      ["delist", "classify"],
    );
  });
});

describe("deployment settings: MAJOR_LISTING_DAYS and HOLIDAYS", () => {
  test("bad values stop the boot naming the variable", () => {
    for (const env of [{ MAJOR_LISTING_DAYS: "0" }, { MAJOR_LISTING_DAYS: "thirty" }, { HOLIDAYS: "国庆" }]) {
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && new RegExp(Object.keys(env)[0] as string).test(err.message),
      );
    }
    assert.deepEqual([loadConfig({}).majorListingDays, loadConfig({}).holidays], [30, ""]);
    assert.throws(() => configureHazardRules({ majorListingDays: 30, holidays: "2026-02-30", workdays: "" }), /HOLIDAYS/);
  });

  // A second app with its own configuration (the rules' settings are per process: this suite runs last).
  const first = () => t;
  let main: TestApp;
  before(async () => {
    main = first();
    t = await testApp({ MAJOR_LISTING_DAYS: "10", HOLIDAYS: "2026-03-12..2026-03-13, 2026-10-01" });
    t.clock.advance(Date.parse("2026-03-02T02:00:00Z") - t.clock.now().getTime());
    await seedReference(t);
    enterpriseId = (await buildEnterprise(t, { name: "溧阳市节假日测试化工有限公司" })).id;
    users = {
      ...users,
      admin: (await buildUser(t)).username,
      entAdmin: (await buildUser(t, { role: "enterprise_admin", enterpriseId, regionCode: null })).username,
      staff: (await buildUser(t, { role: "enterprise_staff", enterpriseId, regionCode: null })).username,
      county: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username,
    };
    s = { ...s };
    for (const k of ["admin", "entAdmin", "staff", "county"] as const) s[k] = await signIn(t, users[k]);
  });
  after(async () => {
    await t.close();
    t = main;
  });

  test("the automatic listing runs MAJOR_LISTING_DAYS; a review period ending on a listed holiday moves past it", async () => {
    let h = await majorHazard(false);
    assert.equal(active(h).deadline, "2026-03-12");
    h = (await list(s.county, h.id, { ...listing, suspension: "full" })).json();
    h = await submit(h);
    h = (await sup(s.staff, h.id, "completion", { version: active(h).version, ...completion })).json();
    const res = await sup(s.staff, h.id, "resumption", { version: active(h).version, application: "申请复产" });
    assert.equal(res.statusCode, 200, res.body);
    // Received 2026-03-02: "10日内" would end 03-12, a listed holiday as is 03-13 → 03-14 (民法典 Art. 203).
    assert.deepEqual([active(res.json()).resumptionAppliedOn, active(res.json()).resumptionReviewDue], ["2026-03-02", "2026-03-14"]);
  });
});
