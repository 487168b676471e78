import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { isValidUscc } from "../../../domain/enterprise/uscc.js";
import { seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";
import { type DemoAccount, demoEnterprises, seedDemoCity } from "./demo.service.js";

let t: TestApp;
let accounts: DemoAccount[];
before(async () => {
  t = await testApp();
  await seedReference(t);
  accounts = await seedDemoCity(t.database.db, t.clock.now(), 400);
});
after(() => t.close());

test("generated enterprises: valid and unique USCCs, villages of 常州市, industries that fit the category, a realistic scale mix", () => {
  const rows = demoEnterprises(3000);
  assert.equal(rows.length, 3000);
  assert.ok(rows.every((r) => isValidUscc(r.uscc)));
  assert.equal(new Set(rows.map((r) => r.uscc)).size, 3000);
  assert.equal(new Set(rows.map((r) => r.name)).size, 3000);
  assert.ok(rows.every((r) => /^3204\d{8}$/.test(r.regionCode)));
  assert.equal(new Set(rows.map((r) => r.regionCode.slice(0, 6))).size, 6, "every county-level unit has enterprises");
  for (const r of rows.filter((x) => x.category === "hazardous_chemicals")) assert.match(r.industryCode, /^(26|5162|5265)/);
  for (const r of rows.filter((x) => x.category === "construction")) assert.match(r.industryCode, /^47/);
  const share = (scale: string) => rows.filter((r) => r.scale === scale).length / rows.length;
  assert.ok(share("micro") > 0.35 && share("large") < 0.08, "mostly micro and small, few large");
  assert.deepEqual(demoEnterprises(50), demoEnterprises(50), "deterministic");
});

test("seeding goes through the services: enterprises, departments, accounts that work as their roles", async () => {
  assert.deepEqual(accounts.map((a) => a.role).sort(), [
    "admin",
    "enterprise_admin",
    "grid_member",
    "regulator_inspector",
    "regulator_leader",
  ]);
  const login = async (username: string) => signIn(t, username, accounts.find((a) => a.username === username)?.password);
  const admin = await login("demo-admin");
  const all = (await t.app.inject({ method: "GET", url: "/api/enterprises?pageSize=1", headers: { cookie: admin.cookie } })).json();
  assert.equal(all.total, 400);
  const departments = (
    await t.app.inject({ method: "GET", url: "/api/departments?pageSize=100", headers: { cookie: admin.cookie } })
  ).json();
  assert.equal(departments.total, 7 * 9, "city + 6 counties × 9 kinds");

  const inspector = await login("ly-inspector");
  const chem = (
    await t.app.inject({
      method: "GET",
      url: `/api/enterprises?q=${encodeURIComponent("化工")}&pageSize=100`,
      headers: { cookie: inspector.cookie },
    })
  ).json();
  assert.ok(chem.items.length > 0 && chem.items.every((e: { regionCode: string }) => e.regionCode.startsWith("320481")));
  assert.ok(chem.items.every((e: { industryDepartment: { name: string } | null }) => e.industryDepartment?.name === "溧阳市应急管理局"));

  const owner = accounts.find((a) => a.role === "enterprise_admin");
  const own = await login(owner?.username ?? "");
  const mine = (await t.app.inject({ method: "GET", url: "/api/enterprises", headers: { cookie: own.cookie } })).json();
  assert.deepEqual(
    mine.items.map((e: { id: string }) => e.id),
    [owner?.enterpriseId],
  );
  assert.equal(mine.items[0].category, "hazardous_chemicals");
  assert.ok(mine.items[0].regionCode.startsWith("320481"));
});

test("the demo company has check tasks with four weeks of rounds: some done, some missed, a failed one or more", async () => {
  const owner = accounts.find((a) => a.role === "enterprise_admin");
  const own = await signIn(t, owner?.username ?? "", owner?.password);
  const res = await t.app.inject({
    method: "GET",
    url: `/api/enterprises/${owner?.enterpriseId}/check-completion`,
    headers: { cookie: own.cookie },
  });
  assert.equal(res.statusCode, 200, res.body);
  const { total, byAssignee } = res.json();
  assert.ok(total.due > 28, `due ${total.due}`);
  assert.ok(total.done > 0 && total.missed > 0, `done ${total.done}, missed ${total.missed}`);
  assert.ok(total.rate > 0.6 && total.rate < 1);
  assert.equal(byAssignee.length, 1);
  const tasks = (
    await t.app.inject({ method: "GET", url: `/api/enterprises/${owner?.enterpriseId}/check-tasks`, headers: { cookie: own.cookie } })
  ).json();
  assert.ok(tasks.items.some((task: { frequency: string }) => task.frequency === "daily"));
});

test("demo hazards: every state of the loop in 溧阳市, a listed 重大 hazard, and the escalation already run", async () => {
  const inspectorAccount = accounts.find((a) => a.username === "ly-inspector");
  const inspector = await signIn(t, "ly-inspector", inspectorAccount?.password);
  const get = async (url: string) => {
    const res = await t.app.inject({ method: "GET", url, headers: { cookie: inspector.cookie } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const all = await get("/api/hazards?pageSize=100");
  const states = new Set(all.items.map((h: { state: string }) => h.state));
  for (const s of ["accepted", "awaiting_acceptance", "rectifying", "overdue", "reported"]) assert.ok(states.has(s), `a hazard ${s}`);
  assert.ok(all.items.every((h: { regionCode: string }) => h.regionCode.startsWith("320481")));
  const board = await get("/api/hazards/supervision/board");
  assert.equal(board.total, 1, "the 重大 hazard is listed at county level");
  const overdue = all.items.find(
    (h: { state: string; description: string }) => h.state === "overdue" && h.description === "配电室门口未设置挡鼠板",
  );
  assert.equal(overdue?.escalationRung, "o3", "five days past its deadline: rungs o1 and o3 have fired");
  const inbox = await get("/api/notifications/unread-count");
  assert.ok(inbox.count > 0, "the inspector was notified");
});
