import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { AppDeps } from "../../deps.js";
import { rows, sql } from "../../kernel/db/db.js";
import { buildUser, type Session, signIn, systemCtx } from "../../test/harness.js";
import { getUser } from "../accounts/users.service.js";
import { caseClockEscalationJob, runCaseClockEscalation } from "./enforcement.clocks.js";
import { type EnforcementWorld, enforcementWorld } from "./enforcement.fixture.js";

// Issue 8 §3 on the test clock. Cases are opened and ordered on Mon 2026-11-23 (deadline 2026-11-30 → re-inspection
// due 2026-12-10, enforcement.md R2 / worked example 5), then the app clock moves to 2026-12-21 (11 days overdue).
// The escalation job is run for explicit days; its ladder defaults to officers o ≥ 1, leader o ≥ 3, superior o ≥ 15.

const DAY = 86_400_000;
const at = (day: string) => new Date(`${day}T02:00:00Z`); // 10:00 Shanghai
const casts = ["ins1", "ins2", "tianning", "township", "grid", "entAdmin"] as const;

let w: EnforcementWorld;
let s: Record<(typeof casts)[number] | "ins3" | "cityLeader", Session>;
let ins3: { id: string; displayName: string };

type Opened = { id: string; caseNo: string };
let overdueCase: Opened; // officers ins1 + ins2, re-inspection due 2026-12-10
let earlierCase: Opened; // officers ins2 + ins3 (not ins1), re-inspection due 2026-12-05
let laterCase: Opened; // deadline 2027-01-31: running, not overdue
let metCase: Opened; // re-inspected (rectified) on the day of the order
let ladderCase: Opened; // for the escalation ladder: re-inspection due 2026-12-15
let lateMetCase: Opened; // escalated once, then re-inspected

const get = (who: Session, url: string) => w.get(who, url);
const board = async (who: Session, query = "") => {
  const res = await get(who, `/api/cases/board?pageSize=100${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { total: number; items: { id: string; nextDue: string; mine: boolean; clocks: Record<string, unknown>[] }[] };
};
const idsOf = (b: { items: { id: string }[] }) => b.items.map((i) => i.id);
const run = (day: string) => runCaseClockEscalation(w.db, at(day));
const firedFor = async (caseId: string) =>
  (
    await rows<{ rung: string; clock: string; due: string }>(
      w.db,
      sql`select rung, clock, due::text as due from case_clock_escalations where case_id = ${caseId} order by fired_at, rung`,
    )
  ).map((r) => `${r.clock}:${r.due}:${r.rung}`);
/** The case-clock notifications of a user about one case, oldest first. */
async function inbox(who: Session, caseId: string) {
  const res = await get(who, "/api/notifications?pageSize=100");
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as { kind: string; subjectId: string; body: string; link: string }[])
    .filter((n) => n.subjectId === caseId && n.kind.startsWith("case.clock."))
    .reverse();
}

before(async () => {
  w = await enforcementWorld();
  const order = (deadline: string) => [{ type: "order_issued", deadline }];
  overdueCase = await w.openedCase();
  await w.events(overdueCase.id, order("2026-11-30"));
  earlierCase = await w.openedCase();
  await w.events(earlierCase.id, order("2026-11-25"));
  laterCase = await w.openedCase();
  await w.events(laterCase.id, order("2027-01-31"));
  metCase = await w.openedCase();
  await w.events(metCase.id, [...order("2026-11-30"), { type: "reinspected_rectified" }]);
  ladderCase = await w.openedCase();
  await w.events(ladderCase.id, order("2026-12-05"));
  lateMetCase = await w.openedCase();
  await w.events(lateMetCase.id, order("2026-11-30"));

  // A third certified inspector of 溧阳市; the earlier case is handled by ins2 and ins3 (ins1 is not its officer).
  const u = await buildUser(w.t, { role: "regulator_inspector", regionCode: "320481" });
  ins3 = { id: u.id, displayName: u.displayName };
  await w.db.execute(sql`update users set enforcement_cert_no = 'JF32048109003' where id = ${u.id}`);
  const officers = [
    { userId: w.ids.ins2, name: w.names.ins2, certNo: "JF32048109002" },
    { userId: ins3.id, name: ins3.displayName, certNo: "JF32048109003" },
  ];
  await w.db.execute(sql`update enforcement_cases set officers = ${JSON.stringify(officers)}::jsonb where id = ${earlierCase.id}`);
  const city = await buildUser(w.t, { role: "regulator_leader", regionCode: "3204" }); // 常州市: the parent region

  // 2026-12-21: sessions from the 23rd have expired, everyone signs in again.
  w.t.clock.advance(28 * DAY);
  const sessions: Partial<typeof s> = {};
  for (const k of casts) sessions[k] = await signIn(w.t, (await getUser(w.db, systemCtx(w.t), w.ids[k])).username);
  sessions.ins3 = await signIn(w.t, u.username);
  sessions.cityLeader = await signIn(w.t, city.username);
  s = sessions as typeof s;
});
after(() => w.close());

describe("the overdue-steps board (GET /api/cases/board)", () => {
  test("lists the overdue re-inspection with its due day and days overdue; the case's officer sees it as theirs", async () => {
    const b = await board(s.ins1, "&overdue=true");
    const item = b.items.find((i) => i.id === overdueCase.id);
    assert.ok(item, "the overdue case is on the board");
    assert.equal(item.nextDue, "2026-12-10");
    assert.equal(item.mine, true);
    assert.deepEqual(item.clocks, [
      { clock: "reinspection", due: "2026-12-10", overdue: true, daysOverdue: 11, decision: null, escalated: [] },
    ]);
    assert.ok(
      b.items.every((i) => i.nextDue < "2026-12-21"),
      "overdue=true: only cases past a due day",
    );
    assert.ok(!idsOf(b).includes(laterCase.id) && !idsOf(b).includes(metCase.id));
  });

  test("filters: running in time, due within n days, region subtree; a met clock is on no board", async () => {
    const inTime = await board(s.ins1, "&overdue=false");
    assert.ok(idsOf(inTime).includes(laterCase.id));
    assert.ok(!idsOf(inTime).includes(overdueCase.id));
    assert.ok(inTime.items.every((i) => i.nextDue >= "2026-12-21"));
    const later = inTime.items.find((i) => i.id === laterCase.id);
    assert.deepEqual(
      later?.clocks.map((c) => [c.clock, c.due, c.overdue, c.daysOverdue]),
      [["reinspection", "2027-02-10", false, 0]],
    );

    const soon = await board(s.ins1, "&dueWithin=7");
    assert.ok(idsOf(soon).includes(overdueCase.id) && !idsOf(soon).includes(laterCase.id));
    assert.ok(!idsOf(await board(s.ins1)).includes(metCase.id));

    assert.ok(idsOf(await board(s.ins1, "&region=320481002")).includes(overdueCase.id));
    assert.equal((await board(s.ins1, "&region=320402")).total, 0);
    const bad = await get(s.ins1, "/api/cases/board?region=3204811");
    assert.equal(bad.statusCode, 400, bad.body);
    const field = (bad.json().error.fields as { path: string; message: string }[]).find((f) => f.path === "region");
    assert.equal(field?.message, "A region code has 2, 4, 6, 9 or 12 digits");
    assert.equal((await get(s.ins1, "/api/cases/board?overdue=yes")).statusCode, 400);
  });

  test("an inspector's own cases come first, a leader's board is by due day; mine=true keeps only one's own", async () => {
    const mine = idsOf(await board(s.ins1));
    assert.ok(mine.indexOf(overdueCase.id) < mine.indexOf(earlierCase.id), "ins1: own case first although due later");
    const leader = idsOf(await board(s.ins2));
    assert.ok(leader.indexOf(earlierCase.id) < leader.indexOf(overdueCase.id), "leader: earliest due first");

    const own = await board(s.ins1, "&mine=true");
    assert.ok(!idsOf(own).includes(earlierCase.id) && idsOf(own).includes(overdueCase.id));
    assert.ok(own.items.every((i) => i.mine));
    const ins3Own = await board(s.ins3, "&mine=true");
    assert.deepEqual(idsOf(ins3Own), [earlierCase.id]);
  });

  test("scope: another county's inspector and a township officer see none of it; enterprise and grid get 403", async () => {
    assert.equal((await board(s.tianning)).total, 0);
    assert.ok(!idsOf(await board(s.township)).includes(overdueCase.id));
    for (const who of [s.entAdmin, s.grid]) {
      const res = await get(who, "/api/cases/board");
      assert.equal(res.statusCode, 403, res.body);
    }
  });
});

describe("the escalation job (runCaseClockEscalation)", () => {
  test("a met clock escalates no further, and a clock met in time never fires", async () => {
    await run("2026-12-11");
    assert.deepEqual(await firedFor(lateMetCase.id), ["reinspection:2026-12-10:officers"]);
    const res = await w.event(s.ins1, lateMetCase.id, { type: "reinspected_rectified", version: 2, on: "2026-12-12" });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().clocks, []);
    for (const day of ["2026-12-13", "2026-12-14"]) await run(day); // o = 3, 4: the leader's rung had been due
    assert.deepEqual(await firedFor(lateMetCase.id), ["reinspection:2026-12-10:officers"]);
    assert.deepEqual(await firedFor(metCase.id), []);
    assert.deepEqual(await inbox(s.ins1, metCase.id), []);
    assert.ok(!idsOf(await board(s.ins1)).includes(lateMetCase.id));
  });

  test("officers the day after the due day, once; the leader at o ≥ 3; the parent region's leaders at o ≥ 15", async () => {
    const due = "reinspection:2026-12-15";
    await run("2026-12-15");
    assert.deepEqual(await firedFor(ladderCase.id), [], "nothing on the due day");

    await run("2026-12-16");
    await run("2026-12-16");
    await run("2026-12-17");
    assert.deepEqual(await firedFor(ladderCase.id), [`${due}:officers`], "two runs (and the next day) fire officers once");
    const officerInbox = await inbox(s.ins1, ladderCase.id);
    assert.deepEqual(
      officerInbox.map((n) => n.kind),
      ["case.clock.officers"],
    );
    assert.ok(officerInbox[0]?.body.startsWith(`Case ${ladderCase.caseNo} (溧阳市执法测试化工有限公司)`), officerInbox[0]?.body);
    assert.match(officerInbox[0]?.body ?? "", /"Re-inspection" was due on 2026-12-15 and is 1 day\(s\) overdue/);
    assert.equal(officerInbox[0]?.link, `/cases/${ladderCase.id}`);
    assert.deepEqual(
      (await inbox(s.ins2, ladderCase.id)).map((n) => n.kind),
      ["case.clock.officers"],
    );

    const third = await run("2026-12-18");
    assert.ok((third.fired.leader ?? 0) >= 1);
    await run("2026-12-18");
    assert.deepEqual(await firedFor(ladderCase.id), [`${due}:officers`, `${due}:leader`]);
    // ins2 is the 溧阳市 leader (分管领导) as well as an officer: both notices, each once.
    assert.deepEqual(
      (await inbox(s.ins2, ladderCase.id)).map((n) => n.kind),
      ["case.clock.officers", "case.clock.leader"],
    );
    assert.deepEqual(
      (await inbox(s.ins1, ladderCase.id)).map((n) => n.kind),
      ["case.clock.officers"],
    );
    assert.deepEqual(await inbox(s.cityLeader, ladderCase.id), []);

    await run("2026-12-29");
    assert.equal((await firedFor(ladderCase.id)).length, 2, "o = 14: not yet the superior");
    await run("2026-12-30");
    await run("2026-12-30");
    assert.deepEqual(await firedFor(ladderCase.id), [`${due}:officers`, `${due}:leader`, `${due}:superior`]);
    const superior = await inbox(s.cityLeader, ladderCase.id);
    assert.deepEqual(
      superior.map((n) => n.kind),
      ["case.clock.superior"],
    );
    assert.match(superior[0]?.body ?? "", /15 day\(s\) overdue \(溧阳市应急管理局\)/);

    // Audited as the system's act, one row per fired rung.
    const audit = await rows<{ actor_name: string; n: number }>(
      w.db,
      sql`select actor_name, count(*)::int as n from audit_log where action = 'case.clock.escalate' and entity_id = ${ladderCase.id} group by actor_name`,
    );
    assert.deepEqual(audit, [{ actor_name: "system:case clocks", n: 3 }]);
  });

  test("the board shows the rungs fired for each clock", async () => {
    const item = (await board(s.ins2, "&overdue=true")).items.find((i) => i.id === ladderCase.id);
    assert.deepEqual(item?.clocks[0]?.escalated, ["officers", "leader", "superior"]);
  });
});

test("CASE_ESCALATION_DAYS: a ladder that does not climb stops the start of the jobs", () => {
  const deps = (caseEscalationDays: string) => ({ db: w.db, config: { caseEscalationDays } }) as unknown as AppDeps;
  assert.equal(caseClockEscalationJob(deps("leader=5,superior=20")).name, "enforcement.clocks.escalate");
  assert.throws(() => caseClockEscalationJob(deps("leader=20,superior=15")), /CASE_ESCALATION_DAYS: superior/);
});
