import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { isValidUscc } from "../../../domain/enterprise/uscc.js";
import { runDraw } from "../../../domain/inspections/draw.js";
import { drawInputOf } from "../../../domain/inspections/random-draw.dto.js";
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

/** Signs in as a demo account and GETs as it (200 asserted). */
async function as(username: string) {
  const session = await signIn(t, username, accounts.find((a) => a.username === username)?.password);
  return async (url: string) => {
    const res = await t.app.inject({ method: "GET", url, headers: { cookie: session.cookie } });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json();
  };
}

type Inspection = {
  id: string;
  kind: string;
  status: string;
  enterpriseId: string;
  inspectors: { userId: string; certNo: string | null }[];
  planItemId: string | null;
  drawId: string | null;
};

test("demo enforcement: a closed case through its penalty path, and an open one with its order running", async () => {
  const owner = accounts.find((a) => a.role === "enterprise_admin");
  const get = await as("ly-inspector");
  const cases = (await get("/api/cases?pageSize=100")).items as { id: string; phase: string; caseNo: string; enterpriseId: string }[];
  assert.deepEqual(cases.map((c) => c.phase).sort(), ["closed", "rectifying"]);
  for (const c of cases) assert.equal(c.enterpriseId, owner?.enterpriseId);
  assert.match(cases[0]?.caseNo ?? "", /^溧应急罚〔\d{4}〕\d+号$/);
  const closed = await get(`/api/cases/${cases.find((c) => c.phase === "closed")?.id}`);
  const types = closed.events.map((e: { type: string }) => e.type);
  for (const type of ["order_issued", "reinspected_not_rectified", "penalty_notice", "decision_issued", "publication", "paid", "closed"]) {
    assert.ok(types.includes(type), `the closed case has ${type}`);
  }
  assert.equal(closed.orderUnmet, false);
  const open = await get(`/api/cases/${cases.find((c) => c.phase === "rectifying")?.id}`);
  assert.equal(open.orderUnmet, true);
  // The enterprise sees its cases without the department's internal notes.
  const own = await as(owner?.username ?? "");
  const seen = await own(`/api/cases/${closed.id}`);
  assert.equal(seen.internalNote, null);
});

test("demo self-inspections: a weekly schedule on the general template, two weeks done (one finding in the register), this week's open", async () => {
  const owner = accounts.find((a) => a.role === "enterprise_admin");
  const get = await as("ly-chem-admin");
  const schedules = await get("/api/self-inspections/schedules");
  assert.equal(schedules.total, 1);
  const [schedule] = schedules.items;
  assert.equal(schedule.frequency, "weekly");
  assert.equal(schedule.checklistName, "现场通用检查表");
  assert.deepEqual([schedule.due, schedule.done, schedule.missed], [2, 2, 0], "both past weeks done in their week");
  assert.equal(schedule.current?.state, "in_progress");

  const self = (await get(`/api/inspections?kind=self&pageSize=100`)).items as Inspection[];
  assert.deepEqual(self.map((i) => i.status).sort(), ["finished", "finished", "in_progress"]);
  assert.ok(self.every((i) => i.enterpriseId === owner?.enterpriseId));
  // Read from each record (the list's answered/failed counts are the inspections module's to get right).
  const details = await Promise.all(self.map((i) => get(`/api/inspections/${i.id}`)));
  const withFinding = details.filter((d) => d.result === "problems_found");
  assert.equal(withFinding.length, 1, "one self-inspection found a problem");
  const detail = withFinding[0];
  assert.equal(detail.hazards.length, 1);
  const hazard = await get(`/api/hazards/${detail.hazards[0].id}`);
  assert.deepEqual([hazard.enterpriseId, hazard.source, hazard.sourceRef], [owner?.enterpriseId, "self_check", detail.id]);
});

test("demo regulator inspections: a finished planned visit by two certified inspectors with two hazards, an open draw inspection", async () => {
  const owner = accounts.find((a) => a.role === "enterprise_admin");
  const get = await as("ly-inspector");
  const regulator = ((await get("/api/inspections?pageSize=100")).items as Inspection[]).filter((i) => i.kind !== "self");
  const finished = regulator.filter((i) => i.status === "finished");
  // The planned visit, and the enforcement demo's unannounced inspection of 40 days ago.
  assert.deepEqual(finished.map((i) => i.kind).sort(), ["planned", "unannounced"]);
  const visit = finished.find((i) => i.kind === "planned") as Inspection;
  assert.equal(visit.enterpriseId, owner?.enterpriseId);
  assert.equal(visit.kind, "planned");
  assert.deepEqual(
    visit.inspectors.map((m) => m.certNo),
    ["JF320481001", "JF320481002"],
  );
  const detail = await get(`/api/inspections/${visit.id}`);
  assert.equal(detail.result, "problems_found");
  assert.deepEqual(detail.signatures.map((s: { signer: string }) => s.signer).sort(), ["enterprise", "inspector", "inspector"]);
  assert.equal(detail.hazards.length, 2);
  // The findings are in the register, as regulator findings of this inspection at the company.
  const register = (await get(`/api/hazards?pageSize=100`)).items as { id: string; enterpriseId: string; source: string }[];
  for (const h of detail.hazards as { id: string }[]) {
    const found = register.find((r) => r.id === h.id);
    assert.deepEqual([found?.enterpriseId, found?.source], [owner?.enterpriseId, "regulator_inspection"]);
    assert.equal((await get(`/api/hazards/${h.id}`)).sourceRef, visit.id);
  }
  const report = await t.app.inject({
    method: "GET",
    url: `/api/inspections/${visit.id}/report.pdf`,
    headers: { cookie: (await signIn(t, "ly-inspector", accounts.find((a) => a.username === "ly-inspector")?.password)).cookie },
  });
  assert.equal(report.statusCode, 200, "the record's PDF renders with the demo photos and signatures");

  const open = regulator.filter((i) => i.status === "in_progress");
  assert.equal(open.length, 1);
  assert.equal(open[0]?.kind, "double_random");
  const answered = (await get(`/api/inspections/${open[0]?.id}`)).responses.length;
  assert.ok(answered > 0 && answered < detail.itemCount, "half answered: the field form has something to continue");
  const draw = await get(`/api/random-draws/${open[0]?.drawId}`);
  assert.equal(draw.status, "executed", "the open inspection belongs to an executed draw");
  const enterprise = await get(`/api/enterprises/${open[0]?.enterpriseId}`);
  const object = draw.objects.find((o: { uscc: string }) => o.uscc === enterprise.uscc);
  assert.ok(object, "its enterprise was drawn");
  assert.deepEqual(
    object.team.map((m: { certNo: string }) => m.certNo).sort(),
    open[0]?.inspectors.map((m) => m.certNo).sort(),
    "by the team the draw picked",
  );
});

test("demo draw: executed for 溧阳市 with a demo beacon, publicly re-runnable to the same result", async () => {
  const get = await as("ly-inspector");
  const draws = await get("/api/random-draws?pageSize=10");
  assert.equal(draws.total, 1);
  const res = await t.app.inject({ method: "GET", url: `/api/public/random-draws/${draws.items[0].id}` });
  assert.equal(res.statusCode, 200, res.body);
  const d = res.json();
  assert.equal(d.status, "executed");
  assert.match(d.title, /演示 beacon/);
  assert.equal(d.regionCode, "320481");
  assert.equal(d.result.objects.length, 5);
  const outcome = runDraw(
    drawInputOf({
      planCode: d.planCode,
      beaconValue: d.beaconValue,
      params: d.params,
      objects: d.objects,
      inspectors: d.inspectors,
      recusals: d.recusals,
      replacements: d.result.replacements,
    }),
  );
  assert.equal(outcome.seed, d.seed);
  assert.deepEqual(
    outcome.objects.map((o) => [o.uscc, ...o.team]),
    d.result.objects.map((o: { uscc: string; team: { certNo: string }[] }) => [o.uscc, ...o.team.map((m) => m.certNo)]),
  );
});

test("demo annual plan: 溧阳市 this year, drafted by the inspector, approved by the leader, the company's visit done", async () => {
  const owner = accounts.find((a) => a.role === "enterprise_admin");
  const get = await as("ly-inspector");
  const year = Number(t.clock.now().toISOString().slice(0, 4));
  const plans = await get(`/api/inspection-plans?year=${year}`);
  assert.equal(plans.total, 1);
  const plan = await get(`/api/inspection-plans/${plans.items[0].id}`);
  assert.deepEqual([plan.regionCode, plan.status, plan.departmentId], ["320481", "approved", null]);
  const leader = (await (await as("cz-yjj"))("/api/auth/me")).user;
  assert.equal(plan.approvedById, leader.id);
  assert.ok(plan.itemCount > 0);
  assert.equal(plan.progress.totals.done, 1);
  const done = await get(`/api/inspection-plans/${plan.id}/items?status=done`);
  assert.deepEqual(
    done.items.map((i: { enterpriseId: string }) => i.enterpriseId),
    [owner?.enterpriseId],
  );
  const visit = await get(`/api/inspections/${done.items[0].inspectionId}`);
  assert.equal(visit.planItemId, done.items[0].id);
});
