import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { Ctx } from "../../kernel/auth/actor.js";
import { rows, sql } from "../../kernel/db/db.js";
import { systemCtx, type TestApp, testApp } from "../../test/harness.js";
import { getUser } from "../accounts/users.service.js";
import { bigFine, type EnforcementWorld, enforcementWorld, violation } from "./enforcement.fixture.js";
import { openCase } from "./enforcement.service.js";

let w: EnforcementWorld;
let t: TestApp;
let s: EnforcementWorld["s"];
let ids: EnforcementWorld["ids"];
let enterpriseId: string;
let departmentId: string;
let housingId: string;
let get: EnforcementWorld["get"];
let send: EnforcementWorld["send"];
let count: EnforcementWorld["count"];
let finishedInspection: EnforcementWorld["finishedInspection"];
let open: EnforcementWorld["open"];
let openedCase: EnforcementWorld["openedCase"];
let event: EnforcementWorld["event"];

before(async () => {
  w = await enforcementWorld();
  ({ t, s, ids, enterpriseId, departmentId, housingId, get, send, count, finishedInspection, open, openedCase, event } = w);
});
after(() => w.close());

type Res = Awaited<ReturnType<EnforcementWorld["get"]>>;

function expect400(res: Res, path: string) {
  assert.equal(res.statusCode, 400, res.body);
  const fields = res.json().error.fields as { path: string; message: string }[] | undefined;
  assert.ok(
    fields?.some((f) => f.path === path && f.message.length > 0 && !f.message.startsWith("enforcement.")),
    `expected a message on ${path}: ${res.body}`,
  );
}

// ── tests ─────────────────────────────────────────────────────────────────────────────────────────────────
describe("opening a case", () => {
  test("from a finished regulator inspection: numbered, the team as officers, the inspection's hazards, `opened` as seq 1, audited", async () => {
    const c = await openedCase();
    assert.match(c.caseNo, /^溧应急罚〔2026〕\d+号$/);
    assert.equal(c.caseNo, `溧应急罚〔2026〕${c.seq}号`);
    assert.deepEqual([c.phase, c.version, c.departmentId, c.enterpriseId, c.source], ["open", 1, departmentId, enterpriseId, "inspection"]);
    assert.deepEqual(
      c.officers.map((o: { certNo: string }) => o.certNo),
      ["JF32048109001", "JF32048109002"],
    );
    assert.deepEqual(
      c.events.map((e: { seq: number; type: string; on: string }) => [e.seq, e.type, e.on]),
      [[1, "opened", "2026-11-23"]],
    );
    assert.equal(c.enterpriseName, w.enterpriseName);
    assert.equal(c.violations.length, 1);
    assert.deepEqual(c.violations[0].hazardIds, c.inspection.hazardIds);
    // Evidence: the inspection and the hazards its failed items raised (photos too, when taken).
    assert.deepEqual(
      c.violations[0].evidence.map((e: { kind: string; id: string }) => [e.kind, e.id]),
      [["inspection", c.inspection.id], ...c.inspection.hazardIds.map((h: string) => ["hazard", h])],
    );
    assert.equal(c.violations[0].measure, null);
    assert.equal(c.inspection.hazardIds.length, 1);
    assert.equal(c.violations[0].proposedFen, 2_000_050);
    assert.equal(c.internalNote, "拟从重处罚");
    assert.ok(c.allowedNext.includes("order_issued") && c.allowedNext.includes("filed") && !c.allowedNext.includes("opened"));
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'case.open' and entity_id = ${c.id}`), 1);
  });

  test("bad input is 400 on its field and nothing is stored", async () => {
    const i = await finishedInspection();
    const unfinished = await finishedInspection(false);
    const cases = () => count(sql`select count(*)::int as n from enforcement_cases`);
    const counters = () => count(sql`select coalesce(sum(last_seq), 0)::int as n from enforcement_case_counters`);
    const [c0, n0] = [await cases(), await counters()];
    expect400(await open(s.ins1, { inspectionId: i.id, violations: [] }), "violations");
    expect400(await open(s.ins1, { inspectionId: i.id, violations: [violation({ facts: " " })] }), "violations.0.facts");
    expect400(await open(s.ins1, { inspectionId: i.id, violations: [violation({ proposed: "12.345" })] }), "violations.0.proposed");
    expect400(
      await open(s.ins1, { inspectionId: i.id, violations: [violation({ hazardIds: [randomUUID()] })] }),
      "violations.0.hazardIds.0",
    );
    expect400(await open(s.ins1, { inspectionId: unfinished.id, violations: [violation()] }), "inspectionId");
    expect400(await open(s.ins1, { inspectionId: i.id, violations: [violation()], officers: [ids.ins1, ids.tianning] }), "officers.1");
    expect400(await open(s.ins1, { inspectionId: i.id, departmentId: randomUUID(), violations: [violation()] }), "departmentId");
    assert.equal((await open(s.tianning, { inspectionId: i.id, violations: [violation()] })).statusCode, 404);
    assert.equal((await open(s.entAdmin, { inspectionId: i.id, violations: [violation()] })).statusCode, 403);
    assert.deepEqual([await cases(), await counters()], [c0, n0]);
  });

  test("50 concurrent openings in one department get 50 distinct, gap-free numbers 1..50", async () => {
    const i = await finishedInspection();
    const actor = await getUser(t.database.db, systemCtx(t), ids.ins1);
    const ctx: Ctx = {
      ip: "127.0.0.1",
      now: t.clock.now(),
      actor: {
        userId: ids.ins1,
        username: actor.username,
        displayName: actor.displayName,
        role: "regulator_inspector",
        regionCode: "320481",
        enterpriseId: null,
        mustChangePassword: false,
        via: { kind: "token", tokenId: "test" },
      },
    };
    const opened = await Promise.all(
      Array.from({ length: 50 }, () =>
        openCase(t.database.db, ctx, {
          inspectionId: i.id,
          departmentId: housingId,
          violations: [{ ...violation(), proposed: 2_000_050 }],
        }),
      ),
    );
    const seqs = opened.map((c) => c.seq).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 50 }, (_, k) => k + 1),
    );
    assert.equal(new Set(opened.map((c) => c.caseNo)).size, 50);
    assert.ok(opened.every((c) => c.caseNo === `溧建罚〔2026〕${c.seq}号`));
  });
});

describe("events", () => {
  test("a decision before the notice, or before the defence period has run out, is 409 with the allowed types", async () => {
    const c = await openedCase();
    const early = await event(s.ins1, c.id, { type: "decision_issued", version: 1, penalty: bigFine });
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json().error.code, "enforcement.case.not_filed");
    assert.ok(early.json().error.allowed.includes("filed"));
    let res = await event(s.ins1, c.id, { type: "filed", version: 1, note: "内部：拟立案" });
    assert.equal(res.statusCode, 200, res.body);
    res = await event(s.ins1, c.id, { type: "decision_issued", version: 2, penalty: bigFine });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, "enforcement.case.no_notice");
    res = await event(s.ins1, c.id, { type: "penalty_notice", version: 2, penalty: bigFine });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().phase, "notified");
    res = await event(s.ins1, c.id, { type: "decision_issued", version: 3, penalty: bigFine });
    assert.equal(res.statusCode, 409, res.body);
    const err = res.json().error;
    assert.equal(err.code, "enforcement.case.defence_period_running");
    assert.ok(!err.message.startsWith("enforcement."), err.message);
    assert.ok(err.allowed.includes("statement_received") && err.allowed.includes("hearing_requested"));
    assert.ok(!err.allowed.includes("decision_issued"));
    // Nothing was stored by the refusals.
    assert.equal(await count(sql`select count(*)::int as n from enforcement_events where case_id = ${c.id}`), 3);
  });

  test("a hearing requested within the period (recorded by the officer for the party) moves the case to hearing", async () => {
    const c = await openedCase();
    for (const [v, body] of [
      [1, { type: "filed" }],
      [2, { type: "penalty_notice", penalty: bigFine }],
    ] as const) {
      const r = await event(s.ins1, c.id, { ...body, version: v });
      assert.equal(r.statusCode, 200, r.body);
    }
    const res = await event(s.ins2, c.id, { type: "hearing_requested", version: 3 });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual([d.phase, d.version, d.events.length, d.events.at(-1).seq], ["hearing", 4, 4, 4]);
    assert.equal(
      await count(sql`select count(*)::int as n from audit_log where action = 'case.event.hearing_requested' and entity_id = ${c.id}`),
      1,
    );
    const row = await rows<{ phase: string }>(t.database.db, sql`select phase from enforcement_cases where id = ${c.id}`);
    assert.equal(row[0]?.phase, "hearing");
  });

  test("a stale version is 409 and stores nothing; bad payload 400 on its field", async () => {
    const c = await openedCase();
    assert.equal((await event(s.ins1, c.id, { type: "filed", version: 1 })).statusCode, 200);
    const stale = await event(s.ins1, c.id, { type: "penalty_notice", version: 1, penalty: bigFine });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().error.code, "conflict.stale_version");
    expect400(await event(s.ins1, c.id, { type: "order_issued", version: 2, deadline: "2026-02-30" }), "deadline");
    expect400(await event(s.ins1, c.id, { type: "opened", version: 2 }), "type");
    assert.equal(await count(sql`select count(*)::int as n from enforcement_events where case_id = ${c.id}`), 2);
  });

  test("events are append-only: no route changes or removes one, and the database refuses UPDATE and DELETE", async () => {
    const c = await openedCase();
    for (const method of ["PUT", "PATCH", "DELETE"] as const) {
      const res = await send(s.admin, method, `/api/cases/${c.id}/events/1`, method === "DELETE" ? undefined : { type: "closed" });
      assert.equal(res.statusCode, 404, `${method}: ${res.body}`);
    }
    const refused = (e: unknown) => /append-only/.test(`${(e as Error).message} ${((e as Error).cause as Error | undefined)?.message}`);
    await assert.rejects(t.database.db.execute(sql`update enforcement_events set type = 'closed' where case_id = ${c.id}`), refused);
    await assert.rejects(t.database.db.execute(sql`delete from enforcement_events where case_id = ${c.id}`), refused);
    assert.equal(await count(sql`select count(*)::int as n from enforcement_events where case_id = ${c.id} and type = 'opened'`), 1);
  });
});

describe("access", () => {
  test("the enterprise sees its own cases without internal notes; others, another county and a township officer get 404", async () => {
    const c = await openedCase();
    assert.equal((await event(s.ins1, c.id, { type: "filed", version: 1, note: "内部：领导已同意" })).statusCode, 200);

    const mine = await get(s.entAdmin, `/api/cases/${c.id}`);
    assert.equal(mine.statusCode, 200, mine.body);
    const m = mine.json();
    assert.equal(m.internalNote, null);
    assert.ok(m.events.every((e: { note: string | null }) => e.note === null));
    assert.ok(!mine.body.includes("内部") && !mine.body.includes("拟从重处罚"));
    const list = (await get(s.entAdmin, "/api/cases?pageSize=100")).json();
    assert.ok(list.items.some((x: { id: string }) => x.id === c.id));
    assert.ok(
      list.items.every((x: { enterpriseId: string; internalNote: null }) => x.enterpriseId === enterpriseId && x.internalNote === null),
    );

    const officer = (await get(s.ins1, `/api/cases/${c.id}`)).json();
    assert.equal(officer.internalNote, "拟从重处罚");
    assert.equal(officer.events[1].note, "内部：领导已同意");

    for (const who of [s.otherEnt, s.tianning, s.township]) assert.equal((await get(who, `/api/cases/${c.id}`)).statusCode, 404);
    assert.equal((await get(s.tianning, "/api/cases")).json().total, 0);
    assert.equal((await get(s.otherEnt, "/api/cases")).json().total, 0);
    assert.equal((await get(s.grid, "/api/cases")).statusCode, 403);
    // The enterprise appends only its own acts (enforcement.party.test.ts); an officer of another county cannot reach the case.
    assert.equal((await event(s.entAdmin, c.id, { type: "penalty_notice", version: 2, penalty: bigFine })).statusCode, 403);
    assert.equal((await event(s.tianning, c.id, { type: "order_issued", version: 2, deadline: "2026-12-23" })).statusCode, 404);
    const filtered = (await get(s.ins1, `/api/cases?enterprise=${enterpriseId}&phase=filed&region=320481002`)).json();
    assert.ok(filtered.items.some((x: { id: string }) => x.id === c.id));
    assert.ok(filtered.items.every((x: { phase: string }) => x.phase === "filed"));
  });
});

// Runs last: it moves the test clock on.
describe("failure to rectify (issue 8 §4)", () => {
  test("按日连续处罚 from the events: order 11-23, fine ¥10,000 decided and refusal found on 12-01 → 8 days, ¥80,000", async () => {
    const c = await openedCase();
    const fine = { party: "unit", items: [{ kind: "fine", amountFen: 10_000_00 }] };
    let d = await w.events(c.id, [
      { type: "order_issued", deadline: "2026-11-30" },
      { type: "filed" },
      { type: "penalty_notice", penalty: fine },
    ]);
    assert.equal(d.orderUnmet, true);
    assert.equal(d.dailyFines.eligible, false);
    // The defence period (5 working days from Mon 11-23) ends Mon 11-30; the decision comes on Tue 12-01.
    t.clock.advance(8 * 86_400_000);
    await w.renewSessions();
    d = await w.events(c.id, [
      { type: "decision_issued", penalty: fine },
      { type: "reinspected_not_rectified", note: "复查仍未设置护栏" },
    ]);
    // enforcement.md R4: order day < d ≤ the re-inspection finding refusal (11-24 … 12-01, the boundary day counted).
    assert.deepEqual(
      [d.dailyFines.eligible, d.dailyFines.from, d.dailyFines.until, d.dailyFines.days, d.dailyFines.perDayFen, d.dailyFines.totalFen],
      [true, "2026-11-23", "2026-12-01", 8, 10_000_00, 80_000_00],
    );
    assert.equal(d.phase, "decided");
    assert.equal(d.orderUnmet, true, "the order stays unmet after refusal");
    const verified = await w.events(c.id, [{ type: "reinspection_requested" }, { type: "reinspected_rectified" }]);
    assert.equal(verified.orderUnmet, false);
    assert.equal(verified.dailyFines.totalFen, 80_000_00, "the default count ends at the refusal found");
  });
});

// Runs last: building an app sets the deployment's rules for the process.
describe("deployment rules (ENFORCEMENT_RULES)", () => {
  test("an override reaches the case's clocks; a bad setting stops the start", async () => {
    await assert.rejects(testApp({ ENFORCEMENT_RULES: "nonsense=1" }), /unknown rule/);
    const other = await enforcementWorld({ ENFORCEMENT_RULES: "statementWindowWorkingDays=3" });
    try {
      const c = await other.openedCase();
      const d = await other.events(c.id, [
        { type: "filed" },
        { type: "penalty_notice", penalty: { party: "unit", items: [{ kind: "fine", amountFen: 10_000_00 }] } },
      ]);
      // 15号令's 3 days, as working days: notice Mon 2026-11-23 → the window ends Thu 11-26 (default 5: Mon 11-30).
      assert.equal((d.state.rounds as { statementWindowEnd: string }[])[0]?.statementWindowEnd, "2026-11-26");
    } finally {
      await other.close();
    }
  });
});

// Runs last: building an app sets the deployment's working-day calendar for the process.
describe("deployment calendar (HOLIDAYS and 调休 WORKDAYS)", () => {
  test("a make-up weekend counts as working days of the case clocks: the defence period ends a day earlier", async () => {
    // Configuration inputs, not a real notice: Thu 11-26 off, the weekend of 11-28/29 made up (调休).
    const other = await enforcementWorld({ HOLIDAYS: "2026-11-26", WORKDAYS: "2026-11-28..2026-11-29" });
    try {
      const fine = { party: "unit", items: [{ kind: "fine", amountFen: 10_000_00 }] };
      const c = await other.openedCase();
      const d = await other.events(c.id, [{ type: "filed" }, { type: "penalty_notice", penalty: fine }]);
      // 5 working days from the notice on Mon 11-23: 24, 25, (26 off), 27, Sat 28, Sun 29 → 11-29
      // (HOLIDAYS alone: Tue 12-01; no calendar: Mon 11-30).
      assert.equal((d.state.rounds as { statementWindowEnd: string }[])[0]?.statementWindowEnd, "2026-11-29");
      // So on Mon 11-30 the period has run out and the decision may be issued (行政处罚法 Art. 44/45).
      other.t.clock.advance(7 * 86_400_000);
      await other.renewSessions();
      const decided = await other.events(c.id, [{ type: "decision_issued", penalty: fine }]);
      assert.deepEqual([decided.phase, decided.events.at(-1).on], ["decided", "2026-11-30"]);
    } finally {
      await other.close();
    }
  });
});
