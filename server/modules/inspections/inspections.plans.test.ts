import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import type { Role } from "../../../domain/access/roles.js";
import { ConfigError, loadConfig } from "../../kernel/config.js";
import {
  buildEnterprise,
  type Session,
  seedReference,
  signIn,
  systemCtx,
  type TestApp,
  testApp,
  testPassword,
} from "../../test/harness.js";
import { createUser } from "../accounts/users.service.js";
import { createDepartment } from "../departments/departments.service.js";
import { hazards } from "../hazards/hazards.schema.js";
import { registerRiskPoints } from "../risk/risk.service.js";
import { planOptionsOf } from "./inspections.plans.js";
import { inspectionPlanItems, inspectionPlans, inspections } from "./inspections.schema.js";

// The test clock starts on Monday 2026-11-23, 10:00 in Shanghai: month 11 of 2026. 溧阳市 (320481) and 天宁区
// (320402) are two counties of 常州市 (3204). Plans are drafted for 2026 from January so every month has a visit.
let t: TestApp;
const roles = ["admin", "leader", "inspector", "township", "plain", "tnLeader", "cityLeader", "entAdmin", "grid"] as const;
let s: Record<(typeof roles)[number], Session>;
const officer: Record<string, { id: string; certNo: string | null }> = {};
let e: Record<"redChem" | "mhsRecord" | "mhs" | "chem1" | "chem2" | "general" | "closed" | "tianning", { id: string }>;
let tianningDepartment: { id: string };
let liyangDepartment: { id: string };

async function account(username: string, role: Role, regionCode: string | null, over: { certNo?: string; enterpriseId?: string } = {}) {
  const u = await createUser(
    t.database.db,
    { actor: null, ip: null, now: t.clock.now() },
    {
      username,
      displayName: `用户${username}`,
      role,
      regionCode,
      enterpriseId: over.enterpriseId ?? null,
      enforcementCertNo: over.certNo ?? null,
      password: testPassword,
    },
  );
  officer[username] = { id: u.id, certNo: u.enforcementCertNo };
  return signIn(t, username);
}

before(async () => {
  t = await testApp();
  await seedReference(t);
  const ctx = systemCtx(t);
  // The department exists before the enterprises, so chemical ones derive it as their 行业 regulator.
  liyangDepartment = await createDepartment(t.database.db, ctx, { regionCode: "320481", kind: "emergency", name: "溧阳市应急管理局" });
  tianningDepartment = await createDepartment(t.database.db, ctx, { regionCode: "320402", kind: "emergency", name: "天宁区应急管理局" });
  const machinery = { category: "industry_trade", subcategory: "machinery", industryCode: "3411" } as const;
  e = {
    redChem: await buildEnterprise(t, { name: "溧阳红色化工有限公司" }),
    mhsRecord: await buildEnterprise(t, { name: "溧阳重大隐患机械有限公司", ...machinery, hasMajorHazardSource: true }),
    mhs: await buildEnterprise(t, { name: "溧阳危险源机械有限公司", ...machinery, hasMajorHazardSource: true }),
    chem1: await buildEnterprise(t, { name: "溧阳一号化工有限公司" }),
    chem2: await buildEnterprise(t, { name: "溧阳二号化工有限公司", regionCode: "320481102001" }),
    general: await buildEnterprise(t, { name: "溧阳一般机械有限公司", ...machinery }),
    closed: await buildEnterprise(t, { name: "溧阳关闭化工有限公司", status: "closed" }),
    tianning: await buildEnterprise(t, { name: "天宁化工有限公司", regionCode: "320402001001" }),
  };
  // Red risk from the risk module: LEC 10 × 6 × 40 = 2400 (> 320: 重大).
  await registerRiskPoints(t.database.db, ctx, e.redChem.id, [
    {
      point: { name: "氯化反应釜", kind: "facility", responsible: {}, majorHazardSource: false, events: [] },
      assessment: { policy: "lec", factors: { L: 10, E: 6, C: 40 } },
    },
  ]);
  // Last year's record from the hazard register: a 重大 hazard in 2025 raises orange to red; a voided one counts for nothing.
  for (const [enterprise, level, status, day] of [
    [e.mhsRecord, "major", "accepted", "2025-06-10"],
    [e.mhs, "major", "voided", "2025-07-01"],
    [e.mhs, "major", "rectifying", "2026-02-01"],
  ] as const) {
    const at = new Date(`${day}T02:00:00Z`);
    await t.database.db.insert(hazards).values({
      id: randomUUID(),
      enterpriseId: enterprise.id,
      regionCode: "320481002001",
      description: "储罐区可燃气体报警装置失效",
      location: "储罐区",
      source: "regulator_inspection",
      category: "site_management",
      level,
      majorReason: "可燃气体报警装置失效，监管部门判定",
      status,
      foundByName: "检查员",
      reportedAt: at,
      createdAt: at,
      updatedAt: at,
    });
  }
  s = {
    admin: await account("plan-admin", "admin", null),
    leader: await account("ly-leader", "regulator_leader", "320481", { certNo: "JF320481001" }),
    inspector: await account("ly-inspector", "regulator_inspector", "320481", { certNo: "JF320481002" }),
    township: await account("lc-inspector", "regulator_inspector", "320481002", { certNo: "JF320481003" }),
    plain: await account("ly-clerk", "regulator_inspector", "320481"),
    tnLeader: await account("tn-leader", "regulator_leader", "320402", { certNo: "JF320402001" }),
    cityLeader: await account("cz-leader", "regulator_leader", "3204", { certNo: "JF320400001" }),
    entAdmin: await account("ent-admin", "enterprise_admin", null, { enterpriseId: e.redChem.id }),
    grid: await account("ly-grid", "grid_member", "320481002"),
  };
});
after(() => t.close());

type Reply = { statusCode: number; body: string; json(): { error: { code: string; fields?: { path: string; message: string }[] } } };
const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const send = (session: Session, method: "POST" | "PUT" | "PATCH", url: string, payload: object, lang = "en") =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": lang }), payload });

function expect400(res: Reply, path: string) {
  assert.equal(res.statusCode, 400, res.body);
  const fields = res.json().error.fields ?? [];
  assert.ok(
    fields.some((f) => f.path === path && f.message.length > 0),
    `expected a message on ${path}: ${res.body}`,
  );
}
const countPlans = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(inspectionPlans))[0]?.n;
const auditOf = async (entityId: string) =>
  (
    (await get(s.admin, `/api/audit?entityType=inspection_plan&entityId=${entityId}&pageSize=100`)).json().items as {
      action: string;
      diff: { before: Record<string, unknown> | null; after: Record<string, unknown> | null; detail?: Record<string, unknown> };
    }[]
  ).map((a) => ({ action: a.action, ...a.diff }));

type Item = { id: string; enterpriseId: string; month: number; group: string; team: { userId: string; certNo: string }[]; status: string };
async function allItems(session: Session, planId: string, query = ""): Promise<Item[]> {
  const res = await get(session, `/api/inspection-plans/${planId}/items?pageSize=100${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

let planId: string;
let version: number;

describe("drafting a plan", () => {
  test("bad input is a 400 naming the field, and nothing is stored", async () => {
    expect400(await send(s.inspector, "POST", "/api/inspection-plans", { year: "2026" }), "year");
    expect400(
      await send(s.inspector, "POST", "/api/inspection-plans", { year: 2026, groups: [{ key: "key.red", frequency: 13 }] }),
      "groups.0.frequency",
    );
    expect400(
      await send(s.inspector, "POST", "/api/inspection-plans", { year: 2026, groups: [{ key: "general.red", frequency: 1 }] }),
      "groups.0.key",
    );
    expect400(
      await send(s.inspector, "POST", "/api/inspection-plans", {
        year: 2026,
        groups: [
          { key: "key.red", frequency: 4 },
          { key: "key.red", frequency: 2 },
        ],
      }),
      "groups",
    );
    expect400(await send(s.inspector, "POST", "/api/inspection-plans", { year: 2026, reserveShare: 0.255 }), "reserveShare");
    expect400(await send(s.inspector, "POST", "/api/inspection-plans", { year: 2026, fromMonth: 13 }), "fromMonth");
    expect400(await send(s.inspector, "POST", "/api/inspection-plans", { year: 2025 }), "year");
    expect400(await send(s.inspector, "POST", "/api/inspection-plans", { year: 2026, regionCode: "320402" }), "regionCode");
    expect400(
      await send(s.inspector, "POST", "/api/inspection-plans", { year: 2026, departmentId: tianningDepartment.id }),
      "departmentId",
    );
    const zh = await send(s.inspector, "POST", "/api/inspection-plans", { year: 2026, reserveShare: 0.255 }, "zh-CN");
    assert.match(zh.json().error.fields[0].message, /整数百分比/);
    assert.equal(await countPlans(), 0);
  });

  test("a department's plan needs two certified officers of that department (行政处罚法 Art. 42)", async () => {
    const res = await send(s.inspector, "POST", "/api/inspection-plans", { year: 2026, departmentId: liyangDepartment.id });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, "inspection_plan.inspectors_too_few");
    assert.equal(await countPlans(), 0);
  });

  test("enterprise users and grid members may not read or draft plans", async () => {
    for (const session of [s.entAdmin, s.grid]) {
      assert.equal((await get(session, "/api/inspection-plans")).statusCode, 403);
      assert.equal((await send(session, "POST", "/api/inspection-plans", { year: 2026 })).statusCode, 403);
    }
  });

  test("an inspector drafts the county's plan: groups by category and risk, visits by month, teams of two (audited)", async () => {
    const res = await send(s.inspector, "POST", "/api/inspection-plans", { year: 2026, fromMonth: 1 });
    assert.equal(res.statusCode, 201, res.body);
    const plan = res.json();
    planId = plan.id;
    version = plan.version;
    assert.deepEqual(
      [plan.regionCode, plan.regionName, plan.year, plan.status, plan.fromMonth, plan.reserveShare, plan.itemCount],
      ["320481", "溧阳市", 2026, "draft", 1, 0.2, 12],
    );
    assert.match(plan.title, /溧阳市2026年度/);
    const groups = Object.fromEntries(
      (plan.groups as { key: string; enterprises: number; frequency: number; visits: number }[]).map((g) => [
        g.key,
        [g.enterprises, g.frequency, g.visits],
      ]),
    );
    // Red: the chemical plant with a 重大 risk point, and the major hazard source with last year's 重大 hazard.
    assert.deepEqual(groups["key.red"], [2, 4, 8]);
    assert.deepEqual(groups["key.orange"], [1, 2, 2]); // a major hazard source (its voided 2025 hazard counts for nothing)
    assert.deepEqual(groups["key.blue"], [2, 1, 2]); // chemical plants without assessed risk
    assert.deepEqual(groups["general.blue"], [1, 0, 0]); // left to the double-random draw
    const red = plan.groups.find((g: { key: string }) => g.key === "key.red");
    assert.deepEqual(red.raisedBy, [
      { reason: "major_hazard_source", enterprises: 1 },
      { reason: "major_hazard_last_year", enterprises: 1 },
    ]);

    const items = await allItems(s.inspector, planId);
    assert.equal(items.length, 12);
    const of = (id: string) => items.filter((i) => i.enterpriseId === id).map((i) => i.month);
    assert.ok(
      !items.some((i) => [e.closed.id, e.tianning.id, e.general.id].includes(i.enterpriseId)),
      "closed, other county, general: no visit",
    );
    for (const id of [e.redChem.id, e.mhsRecord.id]) {
      const m = of(id);
      assert.deepEqual(
        m.slice(1).map((x, i) => x - (m[i] as number)),
        [3, 3, 3],
        "quarterly",
      );
    }
    const [first, second] = of(e.mhs.id) as [number, number];
    assert.equal(second - first, 6, "twice a year, six months apart");
    // 12 visits over 12 months: one a month.
    assert.deepEqual(
      Array.from({ length: 12 }, (_, m) => items.filter((i) => i.month === m + 1).length),
      Array(12).fill(1),
    );
    // Teams of two certified officers of 溧阳市 (the township's officer too; the clerk without a certificate never).
    const pool = new Set(["JF320481001", "JF320481002", "JF320481003"]);
    for (const i of items) {
      assert.equal(i.team.length, 2);
      assert.notEqual(i.team[0]?.userId, i.team[1]?.userId);
      for (const m of i.team) assert.ok(pool.has(m.certNo), m.certNo);
    }
    const detail = (await get(s.inspector, `/api/inspection-plans/${planId}`)).json();
    assert.deepEqual(
      detail.inspectors.map((x: { certNo: string; visits: number; inPool: boolean }) => [x.certNo, x.visits, x.inPool]),
      [
        ["JF320481001", 8, true],
        ["JF320481002", 8, true],
        ["JF320481003", 8, true],
      ],
    );
    // Capacity: ⌊3 officers × 8 ÷ 2⌋ = 12 a month × 12 months = 144, 20 % (29) held back.
    assert.deepEqual(
      [detail.capacity.capacity, detail.capacity.reserve, detail.capacity.available, detail.capacity.planned, detail.capacity.overCapacity],
      [144, 29, 115, 12, false],
    );
    const audit = await auditOf(planId);
    assert.deepEqual(
      audit.map((a) => a.action),
      ["inspection_plan.create"],
    );
  });

  test("one plan per region, department and year: a second draft is 409", async () => {
    const res = await send(s.leader, "POST", "/api/inspection-plans", { year: 2026 });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, "inspection_plan.exists");
    assert.equal(await countPlans(), 1);
  });

  test("re-drafting regenerates the visits under the version (stale → 409), audited", async () => {
    const res = await send(s.inspector, "PUT", `/api/inspection-plans/${planId}`, {
      version,
      groups: [{ key: "key.blue", frequency: 2 }],
      reserveShare: 0.3,
    });
    assert.equal(res.statusCode, 200, res.body);
    const plan = res.json();
    assert.deepEqual([plan.version, plan.itemCount, plan.reserveShare, plan.capacity.reserve], [version + 1, 14, 0.3, 44]);
    assert.equal(plan.groups.find((g: { key: string }) => g.key === "key.red").frequency, 4, "other groups keep their frequency");
    const stale = await send(s.inspector, "PUT", `/api/inspection-plans/${planId}`, { version, reserveShare: 0.1 });
    assert.equal(stale.statusCode, 409);
    version = plan.version;
    const rows = await t.database.db.select().from(inspectionPlanItems).where(eq(inspectionPlanItems.planId, planId));
    assert.equal(rows.length, 14, "the old visits are replaced");
    assert.deepEqual(
      (await auditOf(planId)).map((a) => a.action),
      ["inspection_plan.regenerate", "inspection_plan.create"],
    );
  });
});

describe("approval", () => {
  test("an inspector or the administrator may not approve; another county's leader does not see the plan", async () => {
    assert.equal((await send(s.inspector, "POST", `/api/inspection-plans/${planId}/approve`, { version })).statusCode, 403);
    assert.equal((await send(s.admin, "POST", `/api/inspection-plans/${planId}/approve`, { version })).statusCode, 403);
    assert.equal((await send(s.tnLeader, "POST", `/api/inspection-plans/${planId}/approve`, { version })).statusCode, 404);
    assert.equal((await get(s.tnLeader, `/api/inspection-plans/${planId}`)).statusCode, 404);
    assert.equal((await get(s.tnLeader, `/api/inspection-plans/${planId}/items`)).statusCode, 404);
    assert.equal((await get(s.tnLeader, "/api/inspection-plans")).json().total, 0);
  });

  test("the leader approves the current version only (stale → 409); approved once; audited", async () => {
    assert.equal((await send(s.leader, "POST", `/api/inspection-plans/${planId}/approve`, { version: version - 1 })).statusCode, 409);
    const res = await send(s.leader, "POST", `/api/inspection-plans/${planId}/approve`, { version });
    assert.equal(res.statusCode, 200, res.body);
    const plan = res.json();
    assert.deepEqual([plan.status, plan.version, plan.approvedById], ["approved", version + 1, officer["ly-leader"]?.id]);
    version = plan.version;
    const again = await send(s.leader, "POST", `/api/inspection-plans/${planId}/approve`, { version });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, "inspection_plan.not_draft");
    const redraft = await send(s.leader, "PUT", `/api/inspection-plans/${planId}`, { version, reserveShare: 0.1 });
    assert.equal(redraft.statusCode, 409, "an approved plan is not regenerated");
    const audit = await auditOf(planId);
    assert.equal(audit[0]?.action, "inspection_plan.approve");
    assert.deepEqual(audit[0]?.detail, { visits: 14, capacity: 144, reserve: 44, available: 100, overCapacity: false });
  });

  test("after approval a visit moves to another month and team with a reason (audited, version-guarded)", async () => {
    const [item] = await allItems(s.inspector, planId, "&status=upcoming");
    assert.equal(item?.month, 12, "in November only December is still to come");
    assert.ok(item);
    const url = `/api/inspection-plans/${planId}/items/${item.id}`;
    const team = [officer["lc-inspector"]?.id, officer["ly-leader"]?.id];
    expect400(await send(s.inspector, "PATCH", url, { version, month: 12 }), "reason");
    expect400(await send(s.inspector, "PATCH", url, { version, reason: "企业停产检修" }), "month");
    expect400(
      await send(s.inspector, "PATCH", url, { version, team: [officer["ly-clerk"]?.id, officer["ly-leader"]?.id], reason: "调整" }),
      "team.0",
    );
    expect400(await send(s.inspector, "PATCH", url, { version, team: [officer["ly-leader"]?.id], reason: "调整" }), "team");
    assert.equal((await send(s.inspector, "PATCH", url, { version: version - 1, month: 12, reason: "企业停产检修" })).statusCode, 409);
    assert.equal((await send(s.tnLeader, "PATCH", url, { version, month: 12, reason: "企业停产检修" })).statusCode, 404);
    const res = await send(s.inspector, "PATCH", url, { version, month: 11, team, reason: "企业12月停产检修，提前至11月" });
    assert.equal(res.statusCode, 200, res.body);
    const moved = res.json();
    assert.equal(moved.version, version + 1);
    assert.deepEqual([moved.item.month, moved.item.team.map((m: { certNo: string }) => m.certNo)], [11, ["JF320481003", "JF320481001"]]);
    version = moved.version;
    const [entry] = await auditOf(planId);
    assert.equal(entry?.action, "inspection_plan.move_item");
    assert.equal(entry?.detail?.reason, "企业12月停产检修，提前至11月");
    assert.equal(entry?.detail?.itemId, item.id);
    assert.deepEqual([entry?.before?.month, entry?.after?.month, entry?.after?.team], [12, 11, ["JF320481003", "JF320481001"]]);
  });
});

/** A finished (or still running) inspection of the visit, as the inspections module records it. */
async function inspect(item: Item, status: "finished" | "in_progress") {
  const now = t.clock.now();
  await t.database.db.insert(inspections).values({
    kind: "planned",
    enterpriseId: item.enterpriseId,
    regionCode: "320481002001",
    checklistId: randomUUID(),
    checklistVersion: 1,
    status,
    inspectors: item.team.map((m) => ({ userId: m.userId, name: "检查员", certNo: m.certNo })),
    startedAt: now,
    finishedAt: status === "finished" ? now : null,
    planItemId: item.id,
    createdAt: now,
    updatedAt: now,
  });
}

describe("progress by month and county", () => {
  type Counts = { planned: number; done: number; due: number; overdue: number };
  const expected = (items: Item[], done: Set<string>, current: number): Counts => ({
    planned: items.length,
    done: items.filter((i) => done.has(i.id)).length,
    due: items.filter((i) => !done.has(i.id) && i.month <= current).length,
    overdue: items.filter((i) => !done.has(i.id) && i.month < current).length,
  });
  const pick = (c: Counts) => ({ planned: c.planned, done: c.done, due: c.due, overdue: c.overdue });
  const done = new Set<string>();
  let items: Item[];

  test("done = a finished inspection names the visit (early ones too); due = this month or past; overdue = past", async () => {
    items = await allItems(s.inspector, planId);
    const march = items.find((i) => i.month === 3) as Item;
    const may = items.find((i) => i.month === 5) as Item;
    const later = items.find((i) => i.month >= 11) as Item; // this month or next: not overdue
    await inspect(march, "finished");
    await inspect(later, "finished"); // done before its month is over
    await inspect(may, "in_progress"); // not done yet
    done.add(march.id).add(later.id);

    const detail = (await get(s.inspector, `/api/inspection-plans/${planId}`)).json();
    assert.equal(detail.progress.currentMonth, 11);
    const want = expected(items, done, 11);
    assert.deepEqual(pick(detail.progress.totals), want);
    assert.equal(want.done, 2);
    assert.equal(want.overdue, items.filter((i) => i.month < 11).length - 1);
    for (let m = 1; m <= 12; m++) {
      assert.deepEqual(
        pick(detail.progress.months[m - 1]),
        expected(
          items.filter((i) => i.month === m),
          done,
          11,
        ),
        `month ${m}`,
      );
    }
    assert.deepEqual(
      detail.progress.counties.map((c: Counts & { code: string; name: string }) => [c.code, c.name, c.planned]),
      [["320481", "溧阳市", 14]],
    );
    const statusOf = new Map((await allItems(s.inspector, planId)).map((i) => [i.id, i.status]));
    assert.deepEqual([statusOf.get(march.id), statusOf.get(later.id), statusOf.get(may.id)], ["done", "done", "overdue"]);
    assert.equal((await allItems(s.inspector, planId, "&status=overdue")).length, want.overdue);
    assert.equal((await allItems(s.inspector, planId, "&status=due")).length, want.due);
    assert.equal((await allItems(s.inspector, planId, "&status=done")).length, 2);
    assert.deepEqual(
      (await allItems(s.inspector, planId, "&month=12&county=320481")).map((i) => i.month),
      items.filter((i) => i.month === 12).map(() => 12),
    );
    assert.equal((await allItems(s.inspector, planId, "&county=320402")).length, 0);
  });

  test("a done visit is not moved", async () => {
    const march = items.find((i) => i.month === 3) as Item;
    const res = await send(s.inspector, "PATCH", `/api/inspection-plans/${planId}/items/${march.id}`, {
      version,
      month: 4,
      reason: "调整",
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, "inspection_plan.item_done");
  });

  test("a city plan covers its counties: progress per county; a county regulator does not see it", async () => {
    const res = await send(s.cityLeader, "POST", "/api/inspection-plans", { year: 2026, fromMonth: 1 });
    assert.equal(res.statusCode, 201, res.body);
    const city = res.json();
    assert.deepEqual(
      city.progress.counties.map((c: Counts & { code: string; name: string }) => [c.code, c.name, c.planned]),
      [
        ["320402", "天宁区", 1],
        ["320481", "溧阳市", 12],
      ],
    );
    // The city's directory: its own officer and those of its counties and townships.
    assert.equal(city.capacity.inspectors, 5);
    assert.equal((await get(s.inspector, `/api/inspection-plans/${city.id}`)).statusCode, 404);
    const mine = (await get(s.inspector, "/api/inspection-plans")).json();
    assert.deepEqual(
      mine.items.map((p: { id: string }) => p.id),
      [planId],
    );
    const all = (await get(s.cityLeader, "/api/inspection-plans?year=2026")).json();
    assert.equal(all.total, 2);
    assert.equal((await get(s.cityLeader, "/api/inspection-plans?status=approved")).json().total, 1);
  });

  test("the draft form's defaults are the deployment's (PLAN_FREQUENCIES)", async () => {
    const d = (await get(s.inspector, "/api/inspection-plans/defaults")).json();
    assert.deepEqual(
      d.groups.map((g: { key: string; frequency: number }) => `${g.key}=${g.frequency}`),
      ["key.red=4", "key.orange=2", "key.yellow=1", "key.blue=1", "general.orange=0", "general.yellow=0", "general.blue=0"],
    );
    assert.deepEqual([d.reserveShare, d.visitsPerInspectorMonth, d.teamSize], [0.2, 8, 2]);
  });
  test("once the year is over every visit not done is overdue", async () => {
    t.clock.advance(45 * 24 * 3600 * 1000); // 2027-01-07
    const session = await signIn(t, "ly-inspector");
    const detail = (await get(session, `/api/inspection-plans/${planId}`)).json();
    assert.equal(detail.progress.currentMonth, 13);
    assert.deepEqual(pick(detail.progress.totals), { planned: 14, done: 2, due: 12, overdue: 12 });
  });
});

test("PLAN_FREQUENCIES is the deployment's table; a bad one stops the boot naming the variable", () => {
  const opts = planOptionsOf(loadConfig({ PLAN_FREQUENCIES: "red=6,general=1", PLAN_VISITS_PER_INSPECTOR_MONTH: "10" }));
  assert.deepEqual(
    [opts.frequencies["key.red"], opts.frequencies["key.orange"], opts.frequencies["general.blue"], opts.visitsPerInspectorMonth],
    [6, 2, 1, 10],
  );
  assert.throws(() => planOptionsOf(loadConfig({ PLAN_FREQUENCIES: "purple=1" })), /PLAN_FREQUENCIES/);
  assert.throws(
    () => loadConfig({ PLAN_FREQUENCIES: "red:4" }),
    (err: unknown) => err instanceof ConfigError && /PLAN_FREQUENCIES/.test(err.message),
  );
  assert.throws(() => loadConfig({ PLAN_VISITS_PER_INSPECTOR_MONTH: "0" }), ConfigError);
});
