import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import type { AppDeps } from "../../deps.js";
import { loadExcel } from "../../kernel/files/excel.js";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";
import { draftWeeklyExposure, exposureDraftJob } from "./hazards.exposure.js";
import { exposureItems, exposureLists, hazardEscalations, hazards } from "./hazards.schema.js";

// The test clock starts on Monday 2026-11-23, 10:00 in Shanghai. 溧阳市 (320481) and 天宁区 (320402) are two
// counties of 常州市; the escalation rungs are written here as the escalation job would write them.
let t: TestApp;
const roles = ["admin", "inspector", "leader", "tnLeader", "entAdmin", "grid"] as const;
let s: Record<(typeof roles)[number], Session>;
let liyang: { id: string; name: string; uscc: string };
let tianning: { id: string; name: string; uscc: string };

const week = "2026-11-23";
const longText = `三号仓库消防通道被成品货物长期占用，${"应急疏散距离不足，".repeat(12)}已多次督促仍未清理`;

before(async () => {
  t = await testApp();
  await seedReference(t);
  liyang = await buildEnterprise(t, { name: "溧阳市曝光测试化工有限公司" });
  tianning = await buildEnterprise(t, { name: "天宁区曝光测试化工有限公司", regionCode: "320402001001" });
  const users = {
    admin: await buildUser(t),
    inspector: await buildUser(t, { role: "regulator_inspector", regionCode: "320481" }),
    leader: await buildUser(t, { role: "regulator_leader", regionCode: "320481" }),
    tnLeader: await buildUser(t, { role: "regulator_leader", regionCode: "320402" }),
    entAdmin: await buildUser(t, { role: "enterprise_admin", enterpriseId: liyang.id, regionCode: null }),
    grid: await buildUser(t, { role: "grid_member", regionCode: "320481002" }),
  };
  s = {} as typeof s;
  for (const [k, u] of Object.entries(users)) s[k as keyof typeof users] = await signIn(t, u.username);
});
after(() => t.close());

type Reply = { statusCode: number; body: string; json(): { error: { fields?: { path: string; message: string }[] } } };
const get = (session: Session | null, url: string, lang = "en") =>
  t.app.inject({ method: "GET", url, headers: { ...(session ? { cookie: session.cookie } : {}), "accept-language": lang } });
const send = (session: Session, method: "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": "en" }), ...(payload ? { payload } : {}) });
const open = (session: Session, payload: object) => send(session, "POST", "/api/exposure/lists", payload);

function expect400(res: Reply, path: string) {
  assert.equal(res.statusCode, 400, res.body);
  const fields = res.json().error.fields ?? [];
  assert.ok(
    fields.some((f) => f.path === path && f.message.length > 0),
    `expected a message on ${path}: ${res.body}`,
  );
}

/** Factory: a hazard as the closed loop leaves it (state, deadline), with the escalation rungs already fired. */
async function buildHazard(
  enterprise: { id: string },
  over: Partial<typeof hazards.$inferInsert> & { rungs?: string[]; regionCode?: string } = {},
) {
  const { rungs = [], ...values } = over;
  const now = t.clock.now();
  const [row] = await t.database.db
    .insert(hazards)
    .values({
      id: randomUUID(),
      enterpriseId: enterprise.id,
      regionCode: enterprise.id === tianning.id ? "320402001001" : "320481002001",
      description: "二号车间平台防护栏缺失",
      location: "二号车间",
      source: "regulator_inspection",
      category: "site_management",
      level: "general",
      status: "rectifying",
      deadline: "2026-11-10",
      foundByName: "检查员甲",
      reportedAt: now,
      createdAt: now,
      updatedAt: now,
      ...values,
    })
    .returning();
  const h = row as typeof hazards.$inferSelect;
  for (const rung of rungs) {
    await t.database.db.insert(hazardEscalations).values({ hazardId: h.id, rung, day: "2026-11-13", daysOverdue: 3, firedAt: now });
  }
  return h;
}

const countLists = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(exposureLists))[0]?.n;
const auditActions = async (entityId: string) =>
  ((await get(s.admin, `/api/audit?entityType=exposure_list&entityId=${entityId}&pageSize=100`)).json().items as { action: string }[]).map(
    (a) => a.action,
  );

let listId: string;
let escalated: typeof hazards.$inferSelect;
let plainOverdue: typeof hazards.$inferSelect;
let onlyO1: typeof hazards.$inferSelect;
let closed: typeof hazards.$inferSelect;
let notDue: typeof hazards.$inferSelect;
let otherCounty: typeof hazards.$inferSelect;

describe("drafting the weekly list", () => {
  test("a week is named by its Monday: any other day is a 400 on weekStart, and nothing is stored", async () => {
    const before = await countLists();
    expect400(await open(s.inspector, { weekStart: "2026-11-24" }), "weekStart");
    expect400(await open(s.inspector, { weekStart: "2026-11-31" }), "weekStart");
    const zh = await t.app.inject({
      method: "POST",
      url: "/api/exposure/lists",
      headers: s.inspector.headers({ "accept-language": "zh-CN" }),
      payload: { weekStart: "2026-11-24" },
    });
    assert.match(zh.json().error.fields[0].message, /星期一/);
    assert.equal(await countLists(), before);
  });

  test("an inspector opens the draft of their county (created once, audited); others' regions and enterprise users are refused", async () => {
    const res = await open(s.inspector, { weekStart: week });
    assert.equal(res.statusCode, 201, res.body);
    const list = res.json();
    assert.deepEqual(
      [list.regionCode, list.regionName, list.weekStart, list.status, list.version, list.items],
      ["320481", "溧阳市", week, "draft", 1, []],
    );
    listId = list.id;
    const again = await open(s.leader, { weekStart: week, regionCode: "320481" });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, listId, "one list per region and week");
    assert.deepEqual(await auditActions(listId), ["exposure_list.create"]);

    expect400(await open(s.inspector, { weekStart: week, regionCode: "320402" }), "regionCode");
    expect400(await open(s.admin, { weekStart: week }), "regionCode");
    assert.equal((await open(s.entAdmin, { weekStart: week })).statusCode, 403);
    assert.equal((await open(s.grid, { weekStart: week })).statusCode, 403);
    assert.equal((await get(s.entAdmin, "/api/exposure/lists")).statusCode, 403);
    assert.equal((await get(s.tnLeader, `/api/exposure/lists/${listId}`)).statusCode, 404, "another county's list is not revealed");
    const mine = (await get(s.inspector, `/api/exposure/lists?week=${week}`)).json();
    assert.deepEqual(
      mine.items.map((l: { id: string }) => l.id),
      [listId],
    );
  });

  test("candidates are open hazards of the region with an exposure rung fired; the search offers any open overdue one", async () => {
    escalated = await buildHazard(liyang, { description: longText, deadline: "2026-11-10", rungs: ["o1", "o3"] });
    plainOverdue = await buildHazard(liyang, { description: "配电箱未上锁", deadline: "2026-11-20" });
    onlyO1 = await buildHazard(liyang, { description: "安全警示标志缺失", deadline: "2026-11-22", status: "overdue", rungs: ["o1"] });
    closed = await buildHazard(liyang, {
      description: "已整改的旧隐患",
      status: "accepted",
      closedAt: t.clock.now(),
      rungs: ["o3", "o15"],
    });
    notDue = await buildHazard(liyang, { description: "尚未到期的隐患", deadline: "2026-12-01" });
    otherCounty = await buildHazard(tianning, {
      description: "天宁区逾期重大隐患",
      level: "major",
      majorReason: "储罐区",
      rungs: ["major_o1"],
    });

    const page = (await get(s.inspector, `/api/exposure/lists/${listId}/candidates`)).json();
    assert.deepEqual(
      page.items.map((c: { hazardId: string }) => c.hazardId),
      [escalated.id],
    );
    assert.deepEqual(page.items[0].rungs, ["o3"]);
    assert.equal(page.items[0].daysOverdue, 13);
    assert.equal(page.items[0].enterpriseName, liyang.name);

    const overdue = (await get(s.inspector, `/api/exposure/lists/${listId}/candidates?kind=overdue`)).json();
    assert.deepEqual(
      overdue.items.map((c: { hazardId: string }) => c.hazardId),
      [escalated.id, plainOverdue.id, onlyO1.id],
      "open and past the deadline, oldest deadline first; not the closed, the not yet due or another county's",
    );
    const search = (
      await get(s.inspector, `/api/exposure/lists/${listId}/candidates?kind=overdue&q=${encodeURIComponent("配电箱")}`)
    ).json();
    assert.deepEqual(
      search.items.map((c: { hazardId: string }) => c.hazardId),
      [plainOverdue.id],
    );
  });
});

describe("items of a draft", () => {
  test("adding a hazard stores the published-field snapshot; a stale version is a 409 and adds nothing", async () => {
    const res = await send(s.inspector, "POST", `/api/exposure/lists/${listId}/items`, { version: 1, hazardId: escalated.id });
    assert.equal(res.statusCode, 200, res.body);
    const list = res.json();
    assert.equal(list.version, 2);
    const listed = (await get(s.inspector, `/api/exposure/lists?week=${list.weekStart}`)).json();
    assert.deepEqual(
      listed.items.map((l: { id: string; itemCount: number }) => [l.id, l.itemCount]),
      [[listId, 1]],
      "the list shows how many items it holds",
    );
    const { id, createdAt, ...item } = list.items[0];
    assert.ok(id && createdAt);
    assert.deepEqual(item, {
      hazardId: escalated.id,
      enterpriseName: liyang.name,
      uscc: liyang.uscc,
      summary: longText.slice(0, 100),
      deadline: "2026-11-10",
      daysOverdue: 13,
      status: "rectifying",
      supervisingBody: "溧阳市",
    });
    const stale = await send(s.inspector, "POST", `/api/exposure/lists/${listId}/items`, { version: 1, hazardId: plainOverdue.id });
    assert.equal(stale.statusCode, 409);
    assert.equal((await get(s.inspector, `/api/exposure/lists/${listId}`)).json().items.length, 1);
    const dup = await send(s.inspector, "POST", `/api/exposure/lists/${listId}/items`, { version: 2, hazardId: escalated.id });
    assert.equal(dup.statusCode, 409);
  });

  test("only open, overdue hazards of the list's region can be added (400 on hazardId; 404 outside the caller's scope)", async () => {
    const add = (hazardId: string) => send(s.inspector, "POST", `/api/exposure/lists/${listId}/items`, { version: 2, hazardId });
    expect400(await add(notDue.id), "hazardId");
    expect400(await add(closed.id), "hazardId");
    assert.equal((await add(otherCounty.id)).statusCode, 404);
    const bad = await send(s.inspector, "POST", `/api/exposure/lists/${listId}/items`, { version: 2, hazardId: "x", summary: "" });
    assert.equal(bad.statusCode, 400);
    assert.equal((await get(s.inspector, `/api/exposure/lists/${listId}`)).json().version, 2, "nothing stored");
  });

  test("an officer's summary is kept, editable and removable, each step audited", async () => {
    let res = await send(s.inspector, "POST", `/api/exposure/lists/${listId}/items`, {
      version: 2,
      hazardId: plainOverdue.id,
      summary: "配电箱长期未上锁",
    });
    assert.equal(res.statusCode, 200, res.body);
    let item = res.json().items.find((i: { hazardId: string }) => i.hazardId === plainOverdue.id);
    assert.deepEqual([item.summary, item.daysOverdue], ["配电箱长期未上锁", 3]);
    res = await send(s.inspector, "PATCH", `/api/exposure/lists/${listId}/items/${item.id}`, {
      version: 3,
      summary: "配电箱未上锁，存在触电风险",
    });
    assert.equal(res.statusCode, 200, res.body);
    item = res.json().items.find((i: { hazardId: string }) => i.hazardId === plainOverdue.id);
    assert.equal(item.summary, "配电箱未上锁，存在触电风险");
    assert.equal((await send(s.inspector, "DELETE", `/api/exposure/lists/${listId}/items/${item.id}?version=3`)).statusCode, 409);
    res = await send(s.inspector, "DELETE", `/api/exposure/lists/${listId}/items/${item.id}?version=4`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res.json().items.map((i: { hazardId: string }) => i.hazardId),
      [escalated.id],
    );
    assert.equal(res.json().version, 5);
    const candidates = (await get(s.inspector, `/api/exposure/lists/${listId}/candidates?kind=overdue`)).json();
    assert.ok(!candidates.items.some((c: { hazardId: string }) => c.hazardId === escalated.id), "an item is no longer a candidate");
    assert.deepEqual(await auditActions(listId), [
      "exposure_list.remove_item",
      "exposure_list.edit_item",
      "exposure_list.add_item",
      "exposure_list.add_item",
      "exposure_list.create",
    ]);
  });
});

describe("publication", () => {
  test("an inspector cannot publish; a leader's stale version is a 409; an empty list is not published", async () => {
    assert.equal((await send(s.inspector, "POST", `/api/exposure/lists/${listId}/publish`, { version: 5 })).statusCode, 403);
    assert.equal((await send(s.entAdmin, "POST", `/api/exposure/lists/${listId}/publish`, { version: 5 })).statusCode, 403);
    assert.equal((await send(s.leader, "POST", `/api/exposure/lists/${listId}/publish`, { version: 4 })).statusCode, 409);
    const empty = (await open(s.leader, { weekStart: "2026-11-16" })).json();
    const res = await send(s.leader, "POST", `/api/exposure/lists/${empty.id}/publish`, { version: 1 });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, "exposure.empty");
    assert.equal((await get(s.leader, `/api/exposure/lists/${listId}`)).json().status, "draft");
  });

  test("a leader publishes: status and days overdue are refreshed, the approval audited, and the list is immutable", async () => {
    // The escalation job moved the hazard to overdue after it was added.
    await t.database.db.update(hazards).set({ status: "overdue" }).where(eq(hazards.id, escalated.id));
    const res = await send(s.leader, "POST", `/api/exposure/lists/${listId}/publish`, { version: 5 });
    assert.equal(res.statusCode, 200, res.body);
    const list = res.json();
    assert.equal(list.status, "published");
    assert.equal(list.publishedAt, t.clock.now().toISOString());
    assert.ok(list.approvedByName);
    assert.deepEqual([list.items[0].status, list.items[0].daysOverdue], ["overdue", 13]);
    assert.equal((await auditActions(listId))[0], "exposure_list.publish");

    const itemId = list.items[0].id;
    const refused = [
      await send(s.inspector, "POST", `/api/exposure/lists/${listId}/items`, { version: 6, hazardId: plainOverdue.id }),
      await send(s.inspector, "PATCH", `/api/exposure/lists/${listId}/items/${itemId}`, { version: 6, summary: "改写" }),
      await send(s.inspector, "DELETE", `/api/exposure/lists/${listId}/items/${itemId}?version=6`),
      await send(s.leader, "POST", `/api/exposure/lists/${listId}/publish`, { version: 6 }),
    ];
    assert.deepEqual(
      refused.map((r) => [r.statusCode, r.json().error.code]),
      Array(4).fill([409, "exposure.published"]),
    );
    const stored = await t.database.db.select().from(exposureItems).where(eq(exposureItems.listId, listId));
    assert.deepEqual(
      stored.map((i) => i.summary),
      [longText.slice(0, 100)],
    );
  });
});

describe("the public page's endpoint", () => {
  test("without a cookie it returns only the published fields of published lists, each region's list its own", async () => {
    // 天宁区 publishes its own list; 溧阳市 keeps a draft for the next week with an item that must never show.
    const tn = (await open(s.tnLeader, { weekStart: week })).json();
    const added = await send(s.tnLeader, "POST", `/api/exposure/lists/${tn.id}/items`, { version: 1, hazardId: otherCounty.id });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal((await send(s.tnLeader, "POST", `/api/exposure/lists/${tn.id}/publish`, { version: 2 })).statusCode, 200);
    const draft = (await open(s.inspector, { weekStart: "2026-11-30" })).json();
    await send(s.inspector, "POST", `/api/exposure/lists/${draft.id}/items`, {
      version: 1,
      hazardId: plainOverdue.id,
      summary: "草稿条目不得公开",
    });

    const res = await t.app.inject({ method: "GET", url: "/api/public/exposure" });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ["lists", "week", "weeks"]);
    assert.equal(body.week, week);
    assert.deepEqual(body.weeks, [week], "the draft's week is not a published week");
    assert.deepEqual(
      body.lists.map((l: { regionName: string }) => l.regionName),
      ["天宁区", "溧阳市"],
    );
    for (const list of body.lists) {
      assert.deepEqual(Object.keys(list).sort(), ["items", "publishedAt", "regionName", "weekStart"]);
      for (const item of list.items) {
        assert.deepEqual(Object.keys(item).sort(), [
          "daysOverdue",
          "deadline",
          "enterpriseName",
          "status",
          "summary",
          "supervisingBody",
          "uscc",
        ]);
      }
    }
    assert.deepEqual(
      body.lists.map((l: { items: { enterpriseName: string }[] }) => l.items.map((i) => i.enterpriseName)),
      [[tianning.name], [liyang.name]],
    );
    assert.ok(!res.body.includes("草稿条目不得公开"), "a draft's items never appear");
    assert.ok(!/[0-9a-f]{8}-[0-9a-f]{4}-/.test(res.body), "no ids of any kind");
    assert.ok(!res.body.includes("检查员甲") && !res.body.includes(longText), "no people, no full descriptions");

    const nextWeek = (await t.app.inject({ method: "GET", url: "/api/public/exposure?week=2026-11-30" })).json();
    assert.deepEqual([nextWeek.week, nextWeek.lists], ["2026-11-30", []]);
    const bad = await t.app.inject({ method: "GET", url: "/api/public/exposure?week=2026-11-24", headers: { "accept-language": "en" } });
    expect400(bad, "week");
  });
});

describe("the Monday draft job", () => {
  test("drafts each county's list with its candidates once, however often or concurrently it runs", async () => {
    const monday = new Date("2026-11-30T01:00:00Z"); // 09:00 in Shanghai
    const job = exposureDraftJob({ db: t.database.db } as AppDeps);
    assert.deepEqual([job.name, job.cron], ["hazards.exposure-draft", "0 9 * * 1"]);
    await Promise.all([job.run(monday), draftWeeklyExposure(t.database.db, monday)]);
    await job.run(monday);
    const lists = await t.database.db.select().from(exposureLists).where(eq(exposureLists.weekStart, "2026-11-30"));
    assert.deepEqual(lists.map((l) => l.regionCode).sort(), ["320402", "320481"], "one list per county");
    const tn = lists.find((l) => l.regionCode === "320402");
    assert.equal(tn?.status, "draft");
    const items = await t.database.db
      .select()
      .from(exposureItems)
      .where(eq(exposureItems.listId, tn?.id as string));
    assert.deepEqual(
      items.map((i) => [i.hazardId, i.enterpriseName, i.uscc, i.daysOverdue]),
      [[otherCounty.id, tianning.name, tianning.uscc, 20]],
    );
    // 溧阳市's draft for that week was opened by an officer first: the job leaves it as it is.
    const ly = lists.find((l) => l.regionCode === "320481");
    const lyItems = await t.database.db
      .select()
      .from(exposureItems)
      .where(eq(exposureItems.listId, ly?.id as string));
    assert.deepEqual(
      lyItems.map((i) => i.hazardId),
      [plainOverdue.id],
    );
    assert.deepEqual(await auditActions(tn?.id as string), ["exposure_list.draft"]);
  });
});

describe("Excel export of the register", () => {
  async function sheetOf(res: Reply & { rawPayload: Buffer }) {
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.load(res.rawPayload as never);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: sheet.name, rows };
  }

  test("the rows are the filtered list's, in its order, with Chinese headers (English on request)", async () => {
    const filters = "open=true&level=general&sort=deadline";
    const list = (await get(s.inspector, `/api/hazards?${filters}&pageSize=100`)).json();
    assert.ok(list.total >= 3);
    const res = await get(s.inspector, `/api/hazards/export.xlsx?${filters}`, "zh-CN");
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers["content-type"]), /spreadsheetml/);
    assert.match(String(res.headers["content-disposition"]), /attachment/);
    const { name, rows } = await sheetOf(res as never);
    assert.equal(name, "隐患清单");
    assert.deepEqual(rows[0]?.slice(0, 6), ["隐患描述", "企业名称", "区划代码", "位置", "等级", "状态"]);
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[1], r[9] ?? null]),
      list.items.map((h: { description: string; enterpriseName: string; deadline: string | null }) => [
        h.description,
        h.enterpriseName,
        h.deadline,
      ]),
    );
    const overdueRow = rows.find((r) => r[0] === "配电箱未上锁");
    assert.deepEqual([overdueRow?.[4], overdueRow?.[5], overdueRow?.[10]], ["一般隐患", "整改中", 3]);

    const en = await sheetOf((await get(s.inspector, `/api/hazards/export.xlsx?${filters}`, "en")) as never);
    assert.equal(en.name, "Hazards");
    assert.equal(en.rows[0]?.[0], "Description");
  });

  test("the export is scoped like the list: an enterprise sees its own, another county none of these", async () => {
    const own = await sheetOf((await get(s.entAdmin, "/api/hazards/export.xlsx")) as never);
    assert.ok(own.rows.slice(1).every((r) => r[1] === liyang.name));
    assert.equal(own.rows.length - 1, (await get(s.entAdmin, "/api/hazards?pageSize=1")).json().total);
    const other = await sheetOf((await get(s.tnLeader, "/api/hazards/export.xlsx")) as never);
    assert.deepEqual(
      other.rows.slice(1).map((r) => r[1]),
      [tianning.name],
    );
    assert.equal((await t.app.inject({ method: "GET", url: "/api/hazards/export.xlsx" })).statusCode, 401);
  });

  test("more than 20,000 matching rows is a 400 asking to narrow the filters", async () => {
    const big = await buildEnterprise(t, { name: "溧阳市导出上限测试有限公司" });
    await t.database.db.execute(sql`
      insert into hazards (id, enterprise_id, region_code, description, location, source, category, level, status,
                           found_by_name, reported_at, created_at, updated_at)
      select gen_random_uuid(), ${big.id}, '320481002001', '批量隐患 ' || n, '车间', 'self_check', 'site_management',
             'general', 'reported', '企业', now(), now(), now()
      from generate_series(1, 20001) as n`);
    const res = await get(s.inspector, `/api/hazards/export.xlsx?enterprise=${big.id}`);
    assert.equal(res.statusCode, 400, res.body.slice(0, 200));
    assert.equal(res.json().error.code, "hazards.export_too_many");
    assert.match(res.json().error.message, /20000/);
    await t.database.db.delete(hazards).where(eq(hazards.enterpriseId, big.id));
  });
});
