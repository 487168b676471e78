import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";
import { onCheckFailed } from "./checks.hooks.js";

// The test clock starts on Monday 2026-11-23, 10:00 in Shanghai.
let t: TestApp;
let enterpriseId: string;
let users: Record<"admin" | "entAdmin" | "staff" | "otherStaff" | "inspector" | "tianning" | "foreignStaff", string>;
let s: Record<keyof typeof users, Session>;
let pointId: string;
let measureId: string;

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

async function signInAll() {
  s = {} as typeof s;
  for (const [k, username] of Object.entries(users)) s[k as keyof typeof users] = await signIn(t, username);
}

before(async () => {
  t = await testApp();
  await seedReference(t);
  const e = await buildEnterprise(t, { name: "溧阳市排查测试化工有限公司" });
  const other = await buildEnterprise(t, { name: "溧阳市另一家化工有限公司" });
  enterpriseId = e.id;
  users = {
    admin: (await buildUser(t)).username,
    entAdmin: (await buildUser(t, { role: "enterprise_admin", enterpriseId, regionCode: null })).username,
    staff: (await buildUser(t, { role: "enterprise_staff", enterpriseId, regionCode: null })).username,
    otherStaff: (await buildUser(t, { role: "enterprise_staff", enterpriseId, regionCode: null })).username,
    inspector: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username,
    tianning: (await buildUser(t, { role: "regulator_inspector", regionCode: "320402" })).username,
    foreignStaff: (await buildUser(t, { role: "enterprise_staff", enterpriseId: other.id, regionCode: null })).username,
  };
  await signInAll();
  const point = await send(s.entAdmin, "POST", `/api/enterprises/${enterpriseId}/risk-points`, {
    name: "甲醇储罐区",
    kind: "area",
    events: [
      {
        description: "储罐泄漏遇点火源",
        accidentType: "fire",
        consequence: "火灾爆炸，多人伤亡",
        measures: [{ type: "engineering", description: "液位高低报警与可燃气体检测报警有效", layer: "workshop" }],
      },
    ],
  });
  assert.equal(point.statusCode, 201, point.body);
  pointId = point.json().id;
  measureId = point.json().events[0].measures[0].id;
});
after(() => t.close());

const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const send = (session: Session, method: "POST" | "PATCH", url: string, payload: object) =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": "en" }), payload });
const userId = async (username: string) => (await get(s.admin, `/api/users?q=${username}`)).json().items[0].id as string;
const days = async (n: number) => {
  t.clock.advance(n * 24 * 3600 * 1000);
  await signInAll(); // sessions time out while the clock jumps
};

describe("check tasks from control measures", () => {
  let daily: { id: string; version: number };
  let weekly: { id: string; version: number };

  test("the enterprise administrator turns a measure into a daily task for a person; it is audited", async () => {
    const res = await send(s.entAdmin, "POST", `/api/risk-points/${pointId}/check-tasks`, {
      measureId,
      content: "检查液位报警和可燃气体探头显示正常",
      frequency: "daily",
      assigneeUserId: await userId(users.staff),
      startsOn: "2026-11-23",
    });
    assert.equal(res.statusCode, 201, res.body);
    daily = res.json();
    const task = res.json();
    assert.equal(task.riskPointName, "甲醇储罐区");
    assert.equal(task.measureText, "液位高低报警与可燃气体检测报警有效");
    assert.deepEqual(task.current, { key: "2026-11-23", start: "2026-11-23", end: "2026-11-23" });
    assert.deepEqual([task.due, task.done, task.missed, task.currentDone], [0, 0, 0, false]);
    const audit = (await get(s.admin, `/api/audit?entityType=check_task&entityId=${task.id}`)).json().items;
    assert.equal(audit[0].action, "check_task.create");
  });

  test("the enterprise administrator can list its own accounts to pick an assignee, and no one else's", async () => {
    const listed = (await get(s.entAdmin, "/api/users?pageSize=100")).json();
    const names = listed.items.map((u: { username: string }) => u.username).sort();
    assert.deepEqual(names, [users.entAdmin, users.otherStaff, users.staff].sort());
    assert.equal((await get(s.entAdmin, `/api/users/${await userId(users.foreignStaff)}`)).statusCode, 404);
    assert.equal((await get(s.staff, "/api/users")).statusCode, 403);
  });

  test("a weekly task may name a post instead of an account", async () => {
    const res = await send(s.entAdmin, "POST", `/api/risk-points/${pointId}/check-tasks`, {
      measureId,
      content: "检查防火堤完好、排水阀关闭",
      frequency: "weekly",
      assigneePost: "储运班长",
      startsOn: "2026-11-23",
    });
    assert.equal(res.statusCode, 201, res.body);
    weekly = res.json();
    assert.deepEqual(res.json().current, { key: "W2026-11-23", start: "2026-11-23", end: "2026-11-29" });
  });

  test("bad tasks are refused with the field and nothing is stored", async () => {
    const base = { measureId, content: "检查", frequency: "daily", assigneePost: "班长", startsOn: "2026-11-23" };
    const cases: [object, string, string][] = [
      [{ measureId: "00000000-0000-4000-8000-000000000000" }, "measureId", "no such control measure"],
      [{ assigneePost: null }, "assigneeUserId", "Name the person"],
      [{ assigneePost: null, assigneeUserId: await userId(users.foreignStaff) }, "assigneeUserId", "account of this enterprise"],
      [{ frequency: "hourly" }, "frequency", ""],
      [{ startsOn: "2026-02-30" }, "startsOn", ""],
    ];
    for (const [over, path, message] of cases) {
      const res = await send(s.entAdmin, "POST", `/api/risk-points/${pointId}/check-tasks`, { ...base, ...over });
      assert.equal(res.statusCode, 400, `${path}: ${res.body}`);
      const field = res.json().error.fields.find((f: { path: string }) => f.path === path);
      assert.ok(field, `${path} in ${res.body}`);
      assert.ok(field.message.includes(message), field.message);
    }
    const list = (await get(s.entAdmin, `/api/enterprises/${enterpriseId}/check-tasks`)).json();
    assert.equal(list.total, 2);
  });

  test("only the enterprise sets up its tasks; a regulator outside its region does not even see them", async () => {
    const body = { measureId, content: "检查", frequency: "daily", assigneePost: "班长", startsOn: "2026-11-23" };
    assert.equal((await send(s.staff, "POST", `/api/risk-points/${pointId}/check-tasks`, body)).statusCode, 403);
    assert.equal((await send(s.inspector, "POST", `/api/risk-points/${pointId}/check-tasks`, body)).statusCode, 403);
    assert.equal((await get(s.inspector, `/api/enterprises/${enterpriseId}/check-tasks`)).json().total, 2);
    assert.equal((await get(s.tianning, `/api/enterprises/${enterpriseId}/check-tasks`)).statusCode, 404);
    assert.equal((await get(s.tianning, `/api/check-tasks/${daily.id}`)).statusCode, 404);
    assert.equal((await get(s.foreignStaff, `/api/check-tasks/${daily.id}`)).statusCode, 404);
  });

  test("the assignee does today's check once; someone else, or a second time, is refused", async () => {
    assert.equal((await send(s.otherStaff, "POST", `/api/check-tasks/${daily.id}/records`, { result: "pass" })).statusCode, 403);
    const done = await send(s.staff, "POST", `/api/check-tasks/${daily.id}/records`, { result: "pass", remark: "正常" });
    assert.equal(done.statusCode, 201, done.body);
    assert.equal(done.json().periodKey, "2026-11-23");
    const again = await send(s.staff, "POST", `/api/check-tasks/${daily.id}/records`, { result: "pass" });
    assert.equal(again.statusCode, 409);
    const open = (await get(s.staff, `/api/enterprises/${enterpriseId}/check-tasks?assignee=me&open=true`)).json();
    assert.equal(open.total, 0, "nothing left to do today");
  });

  test("a fail needs a remark, takes a photo, and is handed to the hazard register's hook", async () => {
    const noRemark = await send(s.staff, "POST", `/api/check-tasks/${weekly.id}/records`, { result: "fail" });
    assert.equal(noRemark.statusCode, 400);
    assert.equal(noRemark.json().error.fields[0].path, "remark");
    const badPhoto = await send(s.staff, "POST", `/api/check-tasks/${weekly.id}/records`, {
      result: "fail",
      remark: "排水阀未关",
      photo: { contentType: "image/png", data: Buffer.from("not an image").toString("base64") },
    });
    assert.equal(badPhoto.statusCode, 400);

    const raised: string[] = [];
    onCheckFailed(async (_tx, _ctx, failed) => {
      raised.push(`${failed.riskPointName}: ${failed.remark}`);
      return `hazard:${failed.recordId}`;
    });
    try {
      const res = await send(s.staff, "POST", `/api/check-tasks/${weekly.id}/records`, {
        result: "fail",
        remark: "防火堤排水阀未关闭",
        photo: { contentType: "image/png", data: png.toString("base64") },
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().hazardRef, `hazard:${res.json().id}`);
      assert.deepEqual(raised, ["甲醇储罐区: 防火堤排水阀未关闭"]);
      const photo = await get(s.inspector, `/api/check-records/${res.json().id}/photo`);
      assert.equal(photo.statusCode, 200);
      assert.equal(photo.headers["content-type"], "image/png");
      assert.deepEqual(photo.rawPayload, png);
      assert.equal((await get(s.tianning, `/api/check-records/${res.json().id}/photo`)).statusCode, 404);
    } finally {
      onCheckFailed(null);
    }
  });

  test("closed periods without a record count as missed, per person and for the enterprise", async () => {
    await days(3); // Thursday 2026-11-26: Monday done, Tuesday and Wednesday missed
    const late = await send(s.staff, "POST", `/api/check-tasks/${daily.id}/records`, { result: "pass", periodKey: "2026-11-25" });
    assert.equal(late.statusCode, 400, "a closed day can no longer be done");
    const task = (await get(s.staff, `/api/check-tasks/${daily.id}`)).json();
    assert.deepEqual([task.due, task.done, task.missed, task.currentDone], [3, 1, 2, false]);

    await days(4); // Monday 2026-11-30: the first week closed with its (failed) check done
    const completion = (await get(s.inspector, `/api/enterprises/${enterpriseId}/check-completion`)).json();
    assert.equal(completion.asOf, "2026-11-30");
    assert.deepEqual(
      completion.byAssignee.map((r: { name: string; due: number; done: number; missed: number }) => [r.name, r.due, r.done, r.missed]),
      [
        [completion.byAssignee[0].name, 7, 1, 6],
        ["储运班长", 1, 1, 0],
      ],
    );
    assert.deepEqual([completion.total.due, completion.total.done, completion.total.missed], [8, 2, 6]);
    assert.equal(completion.total.rate, 0.25);
  });

  test("edits are version-guarded, and an ended task takes no more records and stops accruing", async () => {
    const current = (await get(s.entAdmin, `/api/check-tasks/${daily.id}`)).json();
    const stale = await send(s.entAdmin, "PATCH", `/api/check-tasks/${daily.id}`, {
      version: current.version - 1,
      content: `改${current.content}`,
    });
    assert.equal(stale.statusCode, 409);
    const ended = await send(s.entAdmin, "POST", `/api/check-tasks/${daily.id}/end`, { version: current.version, reason: "储罐停用" });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().endedOn, "2026-11-30");
    assert.equal((await send(s.staff, "POST", `/api/check-tasks/${daily.id}/records`, { result: "pass" })).statusCode, 409);
    await days(5);
    const task = (await get(s.staff, `/api/check-tasks/${daily.id}`)).json();
    assert.equal(task.due, 7, "accrued up to the day it ended");
  });
});
