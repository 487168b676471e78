import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp, usccFor } from "../../test/harness.js";

// 自查 schedules (issue 7 §6), hand-computed. The test clock starts on Monday 2026-11-23, 10:00 in Shanghai.
//
//   e1 (溧城街道 320481002) daily "班前自查" for staff, from 11-23: done 23; 24 started, finished on the 25th (late);
//      missed 25–29 → at 11-30: due 7, done 1, missed 6
//   e1 weekly by post "储运班长", from 11-23: the week 23–29 finished on the 26th → due 1, done 1
//   e2 (埭头镇 320481102) daily from 11-23: done 27 and 28 → due 7, done 2
//   e3 (天宁区) daily: outside 溧阳市 altogether
let t: TestApp;
let e1: string;
let e2: string;
let e3: string;
const who = ["admin", "e1Admin", "e1Staff", "e1Other", "e2Admin", "e3Admin", "county", "tianning", "grid"] as const;
let users: Record<(typeof who)[number], string>;
let s: Record<(typeof who)[number], Session>;
let checklist: string;

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
      title: "现场",
      items: [
        { id: "exit", question: "安全出口、疏散通道畅通", type: "pass_fail" },
        { id: "ppe", question: "作业人员按规定佩戴劳动防护用品", type: "pass_fail" },
      ],
    },
  ],
};

async function signInAll() {
  s = {} as typeof s;
  for (const [k, username] of Object.entries(users)) s[k as keyof typeof users] = await signIn(t, username);
}
/** Moves the clock to 10:00 in Shanghai on `day` (forward only) and signs everyone in again. */
async function goTo(day: string) {
  const delta = new Date(`${day}T02:00:00Z`).getTime() - t.clock.now().getTime();
  assert.ok(delta >= 0, `the clock only moves forward (to ${day})`);
  t.clock.advance(delta);
  await signInAll();
}

const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const send = (session: Session, method: "POST" | "PUT", url: string, payload: object = {}) =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": "en" }), payload });
async function ok<T = Record<string, unknown>>(res: Promise<{ statusCode: number; body: string; json(): T }>, status = 200): Promise<T> {
  const r = await res;
  assert.equal(r.statusCode, status, r.body);
  return r.json();
}
const userId = async (username: string) =>
  (await ok<{ items: { id: string }[] }>(get(s.admin, `/api/users?q=${username}`))).items[0]?.id as string;

type Schedule = {
  id: string;
  version: number;
  current: { key: string; state: string; inspectionId: string | null } | null;
  due: number;
  done: number;
  missed: number;
  missedRecent: { key: string; inspectionId: string | null }[];
  endedOn: string | null;
  checklistName: string | null;
  checklistVersion: number | null;
};

async function publishedChecklist(session: Session, name: string): Promise<string> {
  const c = await ok<{ id: string; version: number }>(send(session, "POST", "/api/checklists", { name, draft }), 201);
  await ok(send(session, "POST", `/api/checklists/${c.id}/publish`, { version: c.version }));
  return c.id;
}
const schedule = (session: Session, body: object) =>
  send(session, "POST", "/api/self-inspections/schedules", {
    checklistId: checklist,
    title: "班前自查",
    frequency: "daily",
    startsOn: "2026-11-23",
    ...body,
  });
const start = (session: Session, id: string) => send(session, "POST", `/api/self-inspections/schedules/${id}/start`);

/** Answers every item and signs as the enterprise: the self-inspection is finished. */
async function finish(session: Session, inspectionId: string) {
  const detail = await ok<{ version: number }>(get(session, `/api/inspections/${inspectionId}`));
  const put = await ok<{ version: number }>(
    send(session, "PUT", `/api/inspections/${inspectionId}/responses`, {
      version: detail.version,
      responses: ["exit", "ppe"].map((itemId) => ({ id: randomUUID(), itemId, result: "pass" })),
    }),
  );
  await ok(
    send(session, "POST", `/api/inspections/${inspectionId}/finish`, {
      version: put.version,
      signatures: [{ signer: "enterprise", name: "张三", image: png }],
    }),
  );
}
const completion = (session: Session, query = "") => get(session, `/api/self-inspections/completion?${query}`);

before(async () => {
  t = await testApp();
  await seedReference(t);
  e1 = (await buildEnterprise(t, { name: "溧阳市自查一号化工有限公司", uscc: usccFor(8101) })).id;
  e2 = (await buildEnterprise(t, { name: "溧阳市自查二号化工有限公司", uscc: usccFor(8102), regionCode: "320481102001" })).id;
  e3 = (await buildEnterprise(t, { name: "天宁区自查三号化工有限公司", uscc: usccFor(8103, "320402"), regionCode: "320402001001" })).id;
  const ent = (enterpriseId: string, role: "enterprise_admin" | "enterprise_staff" = "enterprise_admin") => ({
    role,
    enterpriseId,
    regionCode: null,
  });
  users = {
    admin: (await buildUser(t)).username,
    e1Admin: (await buildUser(t, ent(e1))).username,
    e1Staff: (await buildUser(t, ent(e1, "enterprise_staff"))).username,
    e1Other: (await buildUser(t, ent(e1, "enterprise_staff"))).username,
    e2Admin: (await buildUser(t, ent(e2))).username,
    e3Admin: (await buildUser(t, ent(e3))).username,
    county: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username,
    tianning: (await buildUser(t, { role: "regulator_inspector", regionCode: "320402" })).username,
    grid: (await buildUser(t, { role: "grid_member", regionCode: "320481002" })).username,
  };
  await signInAll();
  checklist = await publishedChecklist(s.e1Admin, "班前安全检查表");
});
after(() => t.close());

describe("self-inspection schedules", () => {
  let daily: Schedule;
  let weekly: Schedule;
  let e2Daily: Schedule;

  test("the enterprise administrator schedules its published checklist daily for a person; it is audited", async () => {
    daily = await ok<Schedule>(schedule(s.e1Admin, { assigneeUserId: await userId(users.e1Staff) }), 201);
    assert.deepEqual(daily.current, { key: "2026-11-23", start: "2026-11-23", end: "2026-11-23", state: "todo", inspectionId: null });
    assert.deepEqual([daily.due, daily.done, daily.missed], [0, 0, 0]);
    assert.equal(daily.checklistName, "班前安全检查表");
    assert.equal(daily.checklistVersion, 1);
    const audit = await ok<{ items: { action: string }[] }>(
      get(s.admin, `/api/audit?entityType=self_inspection_schedule&entityId=${daily.id}`),
    );
    assert.equal(audit.items[0]?.action, "self_inspection_schedule.create");

    weekly = await ok<Schedule>(schedule(s.e1Admin, { title: "储罐区周检", frequency: "weekly", assigneePost: "储运班长" }), 201);
    assert.equal(weekly.current?.key, "W2026-11-23");
    const e2List = await publishedChecklist(s.e2Admin, "二号公司日检表");
    e2Daily = await ok<Schedule>(schedule(s.e2Admin, { checklistId: e2List, assigneePost: "值班长" }), 201);
    const e3List = await publishedChecklist(s.e3Admin, "三号公司日检表");
    await ok(schedule(s.e3Admin, { checklistId: e3List, assigneePost: "值班长" }), 201);
  });

  test("bad schedules are refused with the field, and nothing is stored", async () => {
    const draftOnly = await ok<{ id: string }>(send(s.e1Admin, "POST", "/api/checklists", { name: "未发布的检查表", draft }), 201);
    const foreign = await ok<{ items: { id: string; name: string }[] }>(get(s.e2Admin, "/api/checklists?owner=mine"));
    const cases: [object, string, string][] = [
      [{ startsOn: "2026-11-22", assigneePost: "班长" }, "startsOn", "before today"],
      [{}, "assigneeUserId", "Name the person"],
      [{ assigneeUserId: await userId(users.e2Admin) }, "assigneeUserId", "active account of this enterprise"],
      [{ checklistId: draftOnly.id, assigneePost: "班长" }, "checklistId", "not been published"],
      [{ checklistId: foreign.items[0]?.id, assigneePost: "班长" }, "checklistId", "No such checklist"],
      [{ frequency: "hourly", assigneePost: "班长" }, "frequency", ""],
      [{ startsOn: "2026-02-30", assigneePost: "班长" }, "startsOn", ""],
    ];
    for (const [over, path, message] of cases) {
      const res = await schedule(s.e1Admin, over);
      assert.equal(res.statusCode, 400, `${path}: ${res.body}`);
      const field = res.json().error.fields.find((f: { path: string }) => f.path === path);
      assert.ok(field, `${path} in ${res.body}`);
      assert.ok(field.message.includes(message), field.message);
    }
    const admin = await schedule(s.admin, { assigneePost: "班长" });
    assert.equal(admin.statusCode, 400, "an administrator names the enterprise");
    assert.equal(admin.json().error.fields[0].path, "enterpriseId");
    const list = await ok<{ total: number }>(get(s.e1Admin, "/api/self-inspections/schedules"));
    assert.equal(list.total, 2);
  });

  test("only the enterprise sets up its schedules; regulators see them in their region only", async () => {
    assert.equal((await schedule(s.e1Staff, { assigneePost: "班长" })).statusCode, 403);
    assert.equal((await schedule(s.county, { enterpriseId: e1, assigneePost: "班长" })).statusCode, 403);
    assert.equal((await schedule(s.e2Admin, { enterpriseId: e1, assigneePost: "班长" })).statusCode, 403);
    assert.equal((await ok<{ total: number }>(get(s.county, `/api/self-inspections/schedules?enterprise=${e1}`))).total, 2);
    assert.equal((await get(s.tianning, `/api/self-inspections/schedules?enterprise=${e1}`)).statusCode, 404);
    assert.equal((await get(s.tianning, `/api/self-inspections/schedules/${daily.id}`)).statusCode, 404);
    assert.equal((await get(s.e2Admin, `/api/self-inspections/schedules/${daily.id}`)).statusCode, 404);
    assert.equal((await start(s.e2Admin, daily.id)).statusCode, 404);
    assert.equal((await start(s.county, daily.id)).statusCode, 403, "a regulator does not do an enterprise's self-inspection");
  });

  test("the assignee starts today's occurrence once; a second start returns the same inspection", async () => {
    assert.equal((await start(s.e1Other, daily.id)).statusCode, 403, "assigned to someone else");
    const first = await ok<{ inspectionId: string; periodKey: string; created: boolean }>(start(s.e1Staff, daily.id), 201);
    assert.equal(first.periodKey, "2026-11-23");
    assert.equal(first.created, true);
    const again = await ok<{ inspectionId: string; created: boolean }>(start(s.e1Admin, daily.id));
    assert.deepEqual(again, { inspectionId: first.inspectionId, periodKey: "2026-11-23", created: false });
    const inspection = await ok<{ kind: string; enterpriseId: string; checklistVersion: number; status: string }>(
      get(s.e1Staff, `/api/inspections/${first.inspectionId}`),
    );
    assert.deepEqual(
      [inspection.kind, inspection.enterpriseId, inspection.checklistVersion, inspection.status],
      ["self", e1, 1, "in_progress"],
    );
    assert.equal((await ok<Schedule>(get(s.e1Staff, `/api/self-inspections/schedules/${daily.id}`))).current?.state, "in_progress");

    await finish(s.e1Staff, first.inspectionId);
    const done = await ok<Schedule>(get(s.e1Staff, `/api/self-inspections/schedules/${daily.id}`));
    assert.deepEqual(done.current, {
      key: "2026-11-23",
      start: "2026-11-23",
      end: "2026-11-23",
      state: "done",
      inspectionId: first.inspectionId,
    });
    // A post's schedule may be done by anyone of the enterprise.
    const w = await ok<{ inspectionId: string }>(start(s.e1Other, weekly.id), 201);
    await goTo("2026-11-24");
    const late = await ok<{ inspectionId: string }>(start(s.e1Staff, daily.id), 201);
    await goTo("2026-11-25");
    await finish(s.e1Staff, late.inspectionId); // the 24th's inspection, finished a day late
    await goTo("2026-11-26");
    await finish(s.e1Other, w.inspectionId);
  });

  test("closed occurrences without an inspection finished within them count as missed", async () => {
    const d = await ok<Schedule>(get(s.e1Admin, `/api/self-inspections/schedules/${daily.id}`));
    assert.deepEqual([d.due, d.done, d.missed], [3, 1, 2]);
    assert.deepEqual(
      d.missedRecent.map((m) => [m.key, m.inspectionId !== null]),
      [
        ["2026-11-25", false],
        ["2026-11-24", true],
      ],
      "newest first; the 24th shows the inspection finished too late",
    );
    const w = await ok<Schedule>(get(s.e1Admin, `/api/self-inspections/schedules/${weekly.id}`));
    assert.equal(w.current?.state, "done");
    assert.deepEqual([w.due, w.done], [0, 0], "the week is still open");

    const mine = await ok<{ items: Schedule[] }>(get(s.e1Staff, "/api/self-inspections/schedules?assignee=me"));
    assert.deepEqual(
      mine.items.map((x) => x.id),
      [daily.id],
    );
  });

  test("regulators see completion per child region and enterprise, only in their subtree", async () => {
    await goTo("2026-11-27");
    await finish(s.e2Admin, (await ok<{ inspectionId: string }>(start(s.e2Admin, e2Daily.id), 201)).inspectionId);
    await goTo("2026-11-28");
    await finish(s.e2Admin, (await ok<{ inspectionId: string }>(start(s.e2Admin, e2Daily.id), 201)).inspectionId);
    await goTo("2026-11-30");

    type Row = { key: string; label: string | null; schedules: number; due: number; done: number; missed: number; rate: number | null };
    type Completion = {
      region: { code: string };
      from: string;
      to: string;
      total: Row;
      byRegion: Row[];
      byEnterprise: (Row & { regionCode: string })[];
    };
    const figures = (r: Row | undefined) => (r ? [r.schedules, r.due, r.done, r.missed] : null);
    const c = await ok<Completion>(completion(s.county));
    assert.deepEqual([c.region.code, c.from, c.to], ["320481", "2026-01-01", "2026-11-30"]);
    assert.deepEqual(figures(c.total), [3, 15, 4, 11]);
    assert.equal(c.total.rate, 4 / 15);
    assert.deepEqual(figures(c.byRegion.find((r) => r.key === "320481002")), [2, 8, 2, 6]);
    assert.deepEqual(figures(c.byRegion.find((r) => r.key === "320481102")), [1, 7, 2, 5]);
    assert.equal(c.byRegion.find((r) => r.key === "320481002")?.label, "溧城街道");
    assert.ok(c.byRegion.filter((r) => r.due === 0).length > 5, "every township is listed, those with nothing due too");
    assert.deepEqual(
      c.byEnterprise.map((r) => [r.key, r.due, r.done]),
      [
        [e1, 8, 2],
        [e2, 7, 2],
      ],
      "lowest rate first; 天宁区 is not there",
    );

    const window = await ok<Completion>(completion(s.county, "from=2026-11-27&to=2026-11-28"));
    assert.deepEqual(figures(window.total), [2, 4, 2, 2], "the week ending on the 29th is outside the window");

    const grid = await ok<Completion>(completion(s.grid));
    assert.deepEqual(figures(grid.total), [2, 8, 2, 6], "a grid member sees its township only");
    assert.equal((await completion(s.tianning, "region=320481")).statusCode, 404);
    assert.equal((await completion(s.e1Admin)).statusCode, 403);
    const bad = await completion(s.county, "from=2026-11-28&to=2026-11-27");
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].path, "to");
    assert.equal((await completion(s.county, "region=3204811")).statusCode, 400);
  });

  test("changes are version-guarded; an ended schedule cannot be started and stops accruing", async () => {
    const current = await ok<Schedule>(get(s.e1Admin, `/api/self-inspections/schedules/${daily.id}`));
    const stale = await send(s.e1Admin, "PUT", `/api/self-inspections/schedules/${daily.id}`, {
      version: current.version - 1,
      title: "班前安全自查",
    });
    assert.equal(stale.statusCode, 409);
    const renamed = await ok<Schedule & { title: string }>(
      send(s.e1Admin, "PUT", `/api/self-inspections/schedules/${daily.id}`, { version: current.version, title: "班前安全自查" }),
    );
    assert.equal(renamed.title, "班前安全自查");
    assert.equal(
      (await send(s.e1Staff, "POST", `/api/self-inspections/schedules/${daily.id}/end`, { version: renamed.version, reason: "停产" }))
        .statusCode,
      403,
    );
    const ended = await ok<Schedule>(
      send(s.e1Admin, "POST", `/api/self-inspections/schedules/${daily.id}/end`, { version: renamed.version, reason: "装置停产检修" }),
    );
    assert.equal(ended.endedOn, "2026-11-30");
    assert.equal(ended.current, null);
    assert.equal((await start(s.e1Staff, daily.id)).statusCode, 409);
    await goTo("2026-12-03");
    const later = await ok<Schedule>(get(s.e1Admin, `/api/self-inspections/schedules/${daily.id}`));
    assert.equal(later.due, 7, "accrued up to the day it ended");
    const active = await ok<{ total: number }>(get(s.e1Admin, "/api/self-inspections/schedules"));
    assert.equal(active.total, 1);
  });
});
