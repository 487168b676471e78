import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { buildUser, type Session, seedReference, signIn, systemCtx, type TestApp, testApp } from "../../test/harness.js";
import { createDepartment } from "../departments/departments.service.js";

let t: TestApp;
let admin: Session;
before(async () => {
  t = await testApp();
  admin = await signIn(t, (await buildUser(t, { username: "root-admin" })).username);
});
after(() => t.close());

const get = (s: Session, url: string) => t.app.inject({ method: "GET", url, headers: { cookie: s.cookie } });
const send = (s: Session, method: "POST" | "PATCH", url: string, payload?: object, lang = "zh-CN") =>
  t.app.inject({ method, url, headers: s.headers({ "accept-language": lang }), payload });

describe("user administration", () => {
  test("create → the account must change its password at first sign-in; the record and its audit row exist", async () => {
    const res = await send(admin, "POST", "/api/users", {
      username: "zhang.jc",
      displayName: "张检查",
      role: "regulator_inspector",
      regionCode: "320481",
      phone: "13800000000",
      password: "Start#2026a",
    });
    assert.equal(res.statusCode, 201);
    const u = res.json();
    assert.equal(u.mustChangePassword, true);
    assert.equal(u.version, 1);
    const audit = await get(admin, `/api/audit?entityType=user&entityId=${u.id}`);
    assert.equal(audit.json().items[0].action, "user.created");
    assert.equal(audit.json().items[0].diff.after.passwordHash, undefined, "no hash in the audit trail");
  });

  test("bad input → 400 naming each field, in zh-CN or English, and nothing stored", async () => {
    const bad = { username: "ab", displayName: "", role: "emperor", password: "x" };
    const zh = await send(admin, "POST", "/api/users", bad);
    assert.equal(zh.statusCode, 400);
    assert.deepEqual(
      zh
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
      ["displayName", "role", "username"],
    );
    assert.match(zh.json().error.message, /请求参数有误/);
    const en = await send(admin, "POST", "/api/users", bad, "en");
    assert.match(en.json().error.message, /The request is invalid/);
    assert.match(en.json().error.fields.find((f: { path: string }) => f.path === "role").message, /Invalid option/);
    assert.equal((await get(admin, "/api/users?q=ab")).json().total, 0);
  });

  test("role bindings: a regulator needs a city/county/township region, an enterprise user an enterprise", async () => {
    const village = await send(
      admin,
      "POST",
      "/api/users",
      { username: "leader-v", displayName: "x", role: "regulator_leader", regionCode: "320481102001", password: "Start#2026a" },
      "en",
    );
    assert.equal(village.statusCode, 400);
    assert.equal(village.json().error.fields[0].path, "regionCode");
    assert.match(village.json().error.fields[0].message, /city\/county\/township/);
    const ent = await send(admin, "POST", "/api/users", {
      username: "ent-x",
      displayName: "x",
      role: "enterprise_staff",
      password: "Start#2026a",
    });
    assert.equal(ent.json().error.fields[0].path, "enterpriseId");
    const weak = await send(admin, "POST", "/api/users", { username: "weak-x", displayName: "x", role: "admin", password: "password" });
    assert.equal(weak.json().error.fields[0].path, "password");
  });

  test("a regulator belongs to a department of its own region; other roles to none", async () => {
    await seedReference(t);
    const bureau = await createDepartment(t.database.db, systemCtx(t), {
      regionCode: "320481",
      kind: "emergency",
      name: "溧阳市应急管理局",
    });
    const ok = await send(admin, "POST", "/api/users", {
      username: "ly-chief",
      displayName: "局长",
      role: "regulator_leader",
      regionCode: "320481",
      departmentId: bureau.id,
      password: "Start#2026a",
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().departmentId, bureau.id);
    const elsewhere = await send(
      admin,
      "POST",
      "/api/users",
      {
        username: "cz-chief",
        displayName: "x",
        role: "regulator_leader",
        regionCode: "3204",
        departmentId: bureau.id,
        password: "Start#2026a",
      },
      "en",
    );
    assert.equal(elsewhere.json().error.fields[0].path, "departmentId");
    assert.match(elsewhere.json().error.fields[0].message, /own region/);
    const grid = await send(admin, "POST", "/api/users", {
      username: "grid-dep",
      displayName: "x",
      role: "grid_member",
      regionCode: "320481002",
      departmentId: bureau.id,
      password: "Start#2026a",
    });
    assert.equal(grid.statusCode, 400);
  });

  test("duplicate username (any case) → 409 on the username field", async () => {
    await buildUser(t, { username: "li.si" });
    const res = await send(admin, "POST", "/api/users", { username: "Li.Si", displayName: "x", role: "admin", password: "Start#2026a" });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.fields[0].path, "username");
  });

  test("a stale version is refused with 409, never overwritten", async () => {
    const u = await buildUser(t, { role: "grid_member" });
    assert.equal((await send(admin, "PATCH", `/api/users/${u.id}`, { version: 1, displayName: "第一次" })).statusCode, 200);
    const stale = await send(admin, "PATCH", `/api/users/${u.id}`, { version: 1, displayName: "覆盖" });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "conflict.stale_version");
    assert.equal((await get(admin, `/api/users/${u.id}`)).json().displayName, "第一次");
  });

  test("illegal transition (enable an active account) is refused by the server", async () => {
    const u = await buildUser(t, { role: "grid_member" });
    const res = await send(admin, "POST", `/api/users/${u.id}/enable`, { version: u.version });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, "workflow.illegal_transition");
  });

  test("two concurrent transitions of one record: exactly one succeeds, the other gets 409", async () => {
    const u = await buildUser(t, { role: "grid_member" });
    const results = await Promise.all([
      send(admin, "POST", `/api/users/${u.id}/disable`, { version: u.version }),
      send(admin, "POST", `/api/users/${u.id}/disable`, { version: u.version }),
    ]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409]);
    const now = (await get(admin, `/api/users/${u.id}`)).json();
    assert.equal(now.status, "disabled");
    assert.equal(now.version, 2);
    const audit = await get(admin, `/api/audit?entityId=${u.id}&action=user.disabled`);
    assert.equal(audit.json().total, 1, "one transition, one audit row");
  });

  test("the last active administrator cannot be disabled or demoted", async () => {
    const t2 = await testApp();
    try {
      const only = await buildUser(t2);
      const other = await buildUser(t2);
      const s = await signIn(t2, only.username);
      const off = await t2.app.inject({
        method: "POST",
        url: `/api/users/${other.id}/disable`,
        headers: s.headers(),
        payload: { version: 1 },
      });
      assert.equal(off.statusCode, 200);
      const self = await t2.app.inject({
        method: "POST",
        url: `/api/users/${only.id}/disable`,
        headers: s.headers(),
        payload: { version: 1 },
      });
      assert.equal(self.json().error.code, "accounts.cannot_disable_self");
      const demote = await t2.app.inject({
        method: "PATCH",
        url: `/api/users/${only.id}`,
        headers: s.headers(),
        payload: { version: 1, role: "regulator_leader", regionCode: "3204" },
      });
      assert.equal(demote.statusCode, 409);
      assert.equal(demote.json().error.code, "accounts.last_admin");
    } finally {
      await t2.close();
    }
  });
});

describe("region scope", () => {
  test("a county leader sees records in its subtree and not outside it", async () => {
    const leader = await buildUser(t, { role: "regulator_leader", regionCode: "320481" });
    const inside = await buildUser(t, { role: "grid_member", regionCode: "320481102" });
    const insideVillage = await buildUser(t, { role: "grid_member", regionCode: "320481102001" });
    const outside = await buildUser(t, { role: "grid_member", regionCode: "320411001" });
    const s = await signIn(t, leader.username);
    assert.equal((await get(s, `/api/users/${inside.id}`)).statusCode, 200);
    assert.equal((await get(s, `/api/users/${insideVillage.id}`)).statusCode, 200);
    const hidden = await get(s, `/api/users/${outside.id}`);
    assert.equal(hidden.statusCode, 404, "out of subtree looks like it does not exist");
    const list = (await get(s, "/api/users?pageSize=100")).json();
    const ids = list.items.map((u: { id: string }) => u.id);
    assert.ok(ids.includes(inside.id) && ids.includes(insideVillage.id));
    assert.ok(!ids.includes(outside.id));
    assert.equal(list.total, ids.length);
    assert.ok(list.items.every((u: { regionCode: string }) => u.regionCode.startsWith("320481")));
    // A leader reads but does not manage accounts.
    assert.equal((await send(s, "PATCH", `/api/users/${inside.id}`, { version: 1, displayName: "x" })).statusCode, 403);
  });

  test("a city leader sees all its counties; a township grid member has no user list at all", async () => {
    const city = await buildUser(t, { role: "regulator_leader", regionCode: "3204" });
    const a = await buildUser(t, { role: "grid_member", regionCode: "320411001" });
    const b = await buildUser(t, { role: "grid_member", regionCode: "320481102" });
    const elsewhere = await buildUser(t, { role: "grid_member", regionCode: "320105001" });
    const s = await signIn(t, city.username);
    const ids = (await get(s, "/api/users?pageSize=100")).json().items.map((u: { id: string }) => u.id);
    assert.ok(ids.includes(a.id) && ids.includes(b.id) && !ids.includes(elsewhere.id));
    const grid = await signIn(t, (await buildUser(t, { role: "grid_member" })).username);
    assert.equal((await get(grid, "/api/users")).statusCode, 403);
  });

  test("pagination: pageSize over 100 is refused; total counts the whole filtered set", async () => {
    const res = await get(admin, "/api/users?pageSize=101");
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.fields[0].path, "pageSize");
    for (let i = 0; i < 3; i++) await buildUser(t, { role: "regulator_inspector", regionCode: "320412" });
    const p1 = (await get(admin, "/api/users?regionCode=320412&pageSize=2&page=1")).json();
    const p2 = (await get(admin, "/api/users?regionCode=320412&pageSize=2&page=2")).json();
    assert.equal(p1.total, 3);
    assert.equal(p1.items.length, 2);
    assert.equal(p2.items.length, 1);
  });
});
