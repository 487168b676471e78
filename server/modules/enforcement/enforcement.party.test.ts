import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "../../kernel/db/db.js";
import { buildUser, type Session, signIn } from "../../test/harness.js";
import { bigFine, type EnforcementWorld, enforcementWorld } from "./enforcement.fixture.js";

// The enterprise records its own acts in a case (issue 8 follow-up): its administrator submits 陈述申辩, 听证申请,
// 复查申请, 延期申请 and 缴纳罚款 from its own account under the same domain rules as an officer; nothing else.

let w: EnforcementWorld;
let s: EnforcementWorld["s"];
let ids: EnforcementWorld["ids"];
let staff: Session;

before(async () => {
  w = await enforcementWorld();
  ({ s, ids } = w);
  const u = await buildUser(w.t, { role: "enterprise_staff", enterpriseId: w.enterpriseId, username: "enf-staff" });
  staff = await signIn(w.t, u.username);
});
after(() => w.close());

type Res = Awaited<ReturnType<EnforcementWorld["get"]>>;
type EventView = { seq: number; type: string; by: string; actorName: string; note: string | null; payload: Record<string, unknown> };

const detailAs = async (session: Session, id: string) => (await w.get(session, `/api/cases/${id}`)).json();

/** The enterprise administrator appends `body` on the case's current version. */
async function party(id: string, body: object): Promise<Res> {
  const { version } = await detailAs(s.entAdmin, id);
  return w.event(s.entAdmin, id, { version, ...body });
}

function expectSubmitted(res: Res, type: string) {
  assert.equal(res.statusCode, 200, res.body);
  const last = res.json().events.at(-1) as EventView;
  assert.deepEqual([last.type, last.by, last.actorName], [type, "party", w.names.entAdmin]);
  assert.equal(last.note, null);
  assert.ok(!("by" in last.payload), "the marker is not part of the act's payload");
}

const notifications = (caseId: string, userId: string) =>
  w.count(sql`select count(*)::int as n from notifications where subject_id = ${caseId} and user_id = ${userId}`);
const audited = (caseId: string, type: string, actorId: string) =>
  w.count(
    sql`select count(*)::int as n from audit_log where entity_id = ${caseId} and action = ${`case.event.${type}`} and actor_id = ${actorId}`,
  );

describe("the party submits its own acts", () => {
  test("rectification: 延期申请 within the window and 复查申请 — audited, the officers notified, shown as submitted by the party", async () => {
    const c = await w.openedCase();
    // Deadline Thu 12-03: the extension window (‡ 10 days before expiry) runs 11-23 … 12-03 and today is Mon 11-23.
    await w.events(c.id, [{ type: "order_issued", deadline: "2026-12-03" }]);

    const offered = await detailAs(s.entAdmin, c.id);
    assert.deepEqual([...offered.allowedNext].sort(), ["extension_applied", "reinspection_requested"]);
    assert.deepEqual((await detailAs(staff, c.id)).allowedNext, [], "enterprise staff are offered nothing");
    assert.ok((await detailAs(s.ins1, c.id)).allowedNext.includes("reinspected_rectified"), "the department keeps its own steps");

    expectSubmitted(await party(c.id, { type: "extension_applied" }), "extension_applied");
    const res = await party(c.id, { type: "reinspection_requested" });
    expectSubmitted(res, "reinspection_requested");
    assert.ok(
      res.json().clocks.some((k: { clock: string }) => k.clock === "extension_reply"),
      "the department's reply clock runs",
    );

    for (const type of ["extension_applied", "reinspection_requested"]) assert.equal(await audited(c.id, type, ids.entAdmin), 1);
    // Each officer of the case gets one notification per act, with a link to the case; the party gets none.
    for (const officer of [ids.ins1, ids.ins2]) assert.equal(await notifications(c.id, officer), 2);
    assert.equal(await notifications(c.id, ids.entAdmin), 0);
    const inbox = (await w.get(s.ins1, "/api/notifications?pageSize=100")).json();
    const mine = inbox.items.filter((n: { subjectId: string }) => n.subjectId === c.id);
    assert.ok(
      mine.some((n: { title: string; link: string }) => /re-inspection/.test(n.title) && n.link === `/cases/${c.id}`),
      inbox,
    );

    // The officer sees the same events as submitted by the party.
    const seen = (await detailAs(s.ins1, c.id)).events as EventView[];
    assert.deepEqual(
      seen.slice(-2).map((e) => [e.type, e.by]),
      [
        ["extension_applied", "party"],
        ["reinspection_requested", "party"],
      ],
    );
  });

  test("penalty round: 陈述申辩 and 听证申请 within the period; an officer recording the same for the party notifies nobody", async () => {
    const c = await w.openedCase();
    await w.events(c.id, [{ type: "filed" }, { type: "penalty_notice", penalty: bigFine }]);
    expectSubmitted(await party(c.id, { type: "statement_received" }), "statement_received");
    const res = await party(c.id, { type: "hearing_requested" });
    expectSubmitted(res, "hearing_requested");
    assert.equal(res.json().phase, "hearing");
    assert.equal(await notifications(c.id, ids.ins1), 2);

    // A second statement, recorded by the officer on the party's behalf: shown so, no notification.
    const detail = await w.events(c.id, [{ type: "statement_received" }]);
    const last = detail.events.at(-1) as EventView;
    assert.deepEqual([last.type, last.by, last.actorName], ["statement_received", "department", w.names.ins1]);
    assert.equal(await notifications(c.id, ids.ins1), 2);
  });

  test("缴纳罚款 of a simple-procedure decision settles it", async () => {
    const c = await w.openedCase();
    await w.events(c.id, [
      {
        type: "simple_decision",
        penalty: { party: "unit", items: [{ kind: "fine", amountFen: 3_000_00 }] },
        factsEstablished: true,
        legalBasis: true,
      },
    ]);
    assert.ok((await detailAs(s.entAdmin, c.id)).allowedNext.includes("paid"));
    const res = await party(c.id, { type: "paid", amountFen: 3_000_00 });
    expectSubmitted(res, "paid");
    assert.equal(res.json().state.decisions[0].settled, true);
    assert.equal(await audited(c.id, "paid", ids.entAdmin), 1);
  });
});

describe("what the party may not do", () => {
  test("the department's steps 403, enterprise staff 403, another enterprise 404, an internal note or another day 400, a stale version 409 — nothing stored", async () => {
    const c = await w.openedCase();
    await w.events(c.id, [{ type: "order_issued", deadline: "2026-12-03" }]);
    const stored = () => w.count(sql`select count(*)::int as n from enforcement_events where case_id = ${c.id}`);
    const before = await stored();

    for (const body of [{ type: "reinspected_rectified" }, { type: "closed", reason: "completed" }, { type: "filed" }]) {
      const res = await party(c.id, body);
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().error.code, "enforcement.event_not_allowed");
      assert.match(res.json().error.message, /^Only officers record this event/);
    }
    const zh = await w.t.app.inject({
      method: "POST",
      url: `/api/cases/${c.id}/events`,
      headers: s.entAdmin.headers({ "accept-language": "zh-CN" }),
      payload: { type: "filed", version: 2 },
    });
    assert.equal(zh.statusCode, 403);
    assert.match(zh.json().error.message, /只能由执法人员登记/);

    const byStaff = await w.event(staff, c.id, { type: "reinspection_requested", version: 2 });
    assert.equal(byStaff.statusCode, 403, byStaff.body);
    assert.equal(byStaff.json().error.code, "enforcement.party_admin_only");
    assert.equal((await w.event(s.otherEnt, c.id, { type: "reinspection_requested", version: 2 })).statusCode, 404);

    const noted = await party(c.id, { type: "reinspection_requested", note: "请尽快复查" });
    assert.equal(noted.statusCode, 400, noted.body);
    assert.ok(
      noted.json().error.fields.some((f: { path: string; message: string }) => f.path === "note" && /internal note/.test(f.message)),
      noted.body,
    );
    // Submitted today, so a lapsed window cannot be reopened by back-dating (the clock stands on Mon 11-23).
    const backdated = await party(c.id, { type: "reinspection_requested", on: "2026-11-20" });
    assert.equal(backdated.statusCode, 400, backdated.body);
    assert.ok(
      backdated.json().error.fields.some((f: { path: string }) => f.path === "on"),
      backdated.body,
    );
    expectSubmitted(await party(c.id, { type: "reinspection_requested", on: "2026-11-23" }), "reinspection_requested");
    const stale = await w.event(s.entAdmin, c.id, { type: "reinspection_requested", version: 1 });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().error.code, "conflict.stale_version");

    assert.equal(await stored(), before + 1, "only the valid submission was stored");
    assert.equal(await notifications(c.id, ids.ins1), 1);
  });

  test("an extension application outside the 10 days before the deadline is 409 with the window", async () => {
    const c = await w.openedCase();
    await w.events(c.id, [{ type: "order_issued", deadline: "2027-01-29" }]);
    assert.ok(!(await detailAs(s.entAdmin, c.id)).allowedNext.includes("extension_applied"));
    const res = await party(c.id, { type: "extension_applied" });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, "enforcement.case.outside_extension_window");
    assert.match(res.json().error.message, /2027-01-19 to 2027-01-29/);
  });
});

// Runs last: it moves the test clock on.
describe("the hearing request period (行政处罚法 Art. 64)", () => {
  test("a request after the 5 working days is 409 with the last day, and the party is no longer offered it", async () => {
    const c = await w.openedCase();
    await w.events(c.id, [{ type: "filed" }, { type: "penalty_notice", penalty: bigFine }]);
    // Notice Mon 11-23 → the request period ends Mon 11-30; Tue 12-01 is too late.
    w.t.clock.advance(8 * 86_400_000);
    await w.renewSessions();
    assert.ok(!(await detailAs(s.entAdmin, c.id)).allowedNext.includes("hearing_requested"));
    const res = await party(c.id, { type: "hearing_requested" });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, "enforcement.case.hearing_request_late");
    assert.match(res.json().error.message, /2026-11-30/);
    assert.equal(await notifications(c.id, ids.ins1), 0);
  });
});
