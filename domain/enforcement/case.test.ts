import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  allowedNext,
  applyEvent,
  type CaseEvent,
  caseClocksDue,
  caseState,
  documentFor,
  isPartyEventType,
  orderUnmet,
  partyEventTypes,
} from "./case.js";
import type { Penalty } from "./procedure.js";
import { defaultEnforcementRules, order15DecisionLimitDays } from "./rules.js";

const TODAY = "2026-12-31";
const fine = (yuan: number, party: "unit" | "person" = "unit"): Penalty => ({ party, items: [{ kind: "fine", amountFen: yuan * 100 }] });

/** Applies events one by one, failing the test on the first refusal. */
function build(events: CaseEvent[], today = TODAY): CaseEvent[] {
  let list: CaseEvent[] = [];
  for (const e of events) {
    const r = applyEvent(list, e, today);
    if (!r.ok) assert.fail(`${e.type} on ${e.on} refused: ${r.refusal.code} ${JSON.stringify(r.refusal.params ?? {})}`);
    list = r.events;
  }
  return list;
}

function refusal(events: CaseEvent[], e: CaseEvent, today = TODAY, rules = defaultEnforcementRules) {
  const r = applyEvent(events, e, today, rules);
  return r.ok ? null : r.refusal.code;
}

const opened: CaseEvent = { type: "opened", on: "2026-03-02", source: "inspection" };
const ordered = build([opened, { type: "order_issued", on: "2026-03-02", deadline: "2026-03-12" }]);
// Penalty round: filed 03-02, notice (¥30,000: no hearing right) served Mon 03-02 → window ends Mon 03-09.
const notified = build([opened, { type: "filed", on: "2026-03-02" }, { type: "penalty_notice", on: "2026-03-02", penalty: fine(30_000) }]);
// ¥60,000 carries the hearing right.
const notifiedHearing = build([
  opened,
  { type: "filed", on: "2026-03-02" },
  { type: "penalty_notice", on: "2026-03-02", penalty: fine(60_000) },
]);

describe("the case is an append-only event list", () => {
  test("the first event opens the case; nothing comes before it, and it opens once", () => {
    assert.equal(refusal([], { type: "order_issued", on: "2026-03-02", deadline: "2026-03-12" }), "not_opened");
    assert.equal(refusal([opened], opened), "already_opened");
    assert.equal(caseState([opened]).phase, "open");
  });
  test("applying returns a new list and never changes the old one", () => {
    const before = [...ordered];
    const r = applyEvent(ordered, { type: "reinspected_rectified", on: "2026-03-10" }, TODAY);
    assert.ok(r.ok);
    assert.deepEqual(ordered, before);
    assert.equal(r.events.length, ordered.length + 1);
    assert.equal(r.state.phase, "rectified");
  });
  test("dates: a real day, not in the future, not before the last event", () => {
    assert.equal(refusal(ordered, { type: "reinspected_rectified", on: "2026-02-30" }), "invalid_date");
    assert.equal(refusal(ordered, { type: "reinspected_rectified", on: "2026-03-11" }, "2026-03-10"), "date_in_future");
    assert.equal(refusal(ordered, { type: "reinspected_rectified", on: "2026-03-01" }), "date_before_last_event");
  });
  test("a refusal carries the types allowed on today", () => {
    const r = applyEvent(notified, { type: "decision_issued", on: "2026-03-05", penalty: fine(30_000) }, "2026-03-05");
    assert.ok(!r.ok);
    assert.equal(r.refusal.code, "defence_period_running");
    assert.deepEqual(r.refusal.params, { end: "2026-03-09" });
    assert.ok(r.allowed.includes("statement_received") && !r.allowed.includes("decision_issued"));
  });
});

describe("rectification: order → re-inspection (R2, ‡ 15号令 Art. 17)", () => {
  test("non-correction can only be found after the deadline", () => {
    assert.equal(refusal(ordered, { type: "reinspected_not_rectified", on: "2026-03-12" }), "deadline_not_expired");
    const list = build([...ordered, { type: "reinspected_not_rectified", on: "2026-03-13" }]);
    assert.equal(caseState(list).phase, "not_rectified");
  });
  test("rectification may be verified any time after the order; then no order is open", () => {
    const list = build([...ordered, { type: "reinspected_rectified", on: "2026-03-05" }]);
    assert.equal(refusal(list, { type: "reinspected_not_rectified", on: "2026-03-20" }), "no_open_order");
    assert.equal(refusal(ordered, { type: "order_issued", on: "2026-03-05", deadline: "2026-03-20" }), "order_open");
  });
  test("a not-rectified order stays unmet until a later re-inspection verifies it (issue 8 §4)", () => {
    const refused = build([...ordered, { type: "reinspected_not_rectified", on: "2026-03-13" }]);
    assert.equal(orderUnmet(caseState(ordered)), true);
    assert.equal(orderUnmet(caseState(refused)), true);
    // The party applies again; the re-inspection clock runs from the application.
    const applied = build([...refused, { type: "reinspection_requested", on: "2026-03-16" }]);
    assert.deepEqual(
      caseClocksDue(applied, "2026-03-17").map((c) => [c.clock, c.due]),
      [["reinspection", "2026-03-26"]],
    );
    const verified = build([...applied, { type: "reinspected_rectified", on: "2026-03-20" }]);
    assert.equal(orderUnmet(caseState(verified)), false);
    assert.equal(caseState(verified).phase, "rectified");
    assert.equal(refusal(verified, { type: "reinspected_rectified", on: "2026-03-21" }), "no_open_order");
    assert.equal(orderUnmet(caseState(build([opened]))), false);
  });
  test("an order's deadline lies after its day", () => {
    assert.equal(refusal([opened], { type: "order_issued", on: "2026-03-02", deadline: "2026-03-02" }), "bad_deadline");
  });
  test("‡ extension: applied within the 10 days before the deadline; a grant moves it", () => {
    const long = build([opened, { type: "order_issued", on: "2026-03-02", deadline: "2026-03-31" }]);
    assert.equal(refusal(long, { type: "extension_applied", on: "2026-03-20" }), "outside_extension_window");
    assert.equal(
      refusal(long, { type: "extension_decided", on: "2026-03-21", granted: true, newDeadline: "2026-04-30" }),
      "no_extension_pending",
    );
    const applied = build([...long, { type: "extension_applied", on: "2026-03-21" }]);
    assert.equal(refusal(applied, { type: "extension_applied", on: "2026-03-22" }), "extension_pending");
    assert.equal(
      refusal(applied, { type: "extension_decided", on: "2026-03-23", granted: true, newDeadline: "2026-03-30" }),
      "bad_deadline",
    );
    const granted = build([...applied, { type: "extension_decided", on: "2026-03-23", granted: true, newDeadline: "2026-04-30" }]);
    assert.equal(caseState(granted).orders.at(-1)?.deadline, "2026-04-30");
    assert.equal(caseState(granted).orders.at(-1)?.reinspectionDue, "2026-05-11"); // 05-10 is a Sunday
    assert.equal(refusal(granted, { type: "reinspected_not_rectified", on: "2026-04-30" }), "deadline_not_expired");
    assert.equal(refusal(long, { type: "extension_applied", on: "2026-04-01" }), "outside_extension_window");
  });
  test("example 5: the re-inspection clock runs after the deadline and is overdue after 03-12", () => {
    assert.deepEqual(caseClocksDue(ordered, "2026-03-12"), []);
    assert.deepEqual(caseClocksDue(ordered, "2026-03-13"), [{ clock: "reinspection", due: "2026-03-23", overdue: false }]); // 03-22 is a Sunday
    // Deadline 03-02 → due 03-12.
    const early = build([
      { ...opened, on: "2026-02-20" },
      { type: "order_issued", on: "2026-02-20", deadline: "2026-03-02" },
    ]);
    assert.deepEqual(caseClocksDue(early, "2026-03-12"), [{ clock: "reinspection", due: "2026-03-12", overdue: false }]);
    assert.deepEqual(caseClocksDue(early, "2026-03-13"), [{ clock: "reinspection", due: "2026-03-12", overdue: true }]);
  });
});

describe("penalty procedure: notice, defence period, hearing, decision (行政处罚法 Art. 44–45, 58, 62–65)", () => {
  test("a decision before the penalty notice is refused", () => {
    const filed = build([opened, { type: "filed", on: "2026-03-02" }]);
    assert.equal(refusal(filed, { type: "decision_issued", on: "2026-03-20", penalty: fine(30_000) }), "no_notice");
    assert.equal(refusal([opened], { type: "decision_issued", on: "2026-03-20", penalty: fine(30_000) }), "not_filed");
    assert.equal(refusal([opened], { type: "penalty_notice", on: "2026-03-02", penalty: fine(30_000) }), "not_filed");
  });
  test("a decision before the end of the defence period is refused, even after a statement", () => {
    const spoke = build([...notified, { type: "statement_received", on: "2026-03-04" }]);
    assert.equal(refusal(spoke, { type: "decision_issued", on: "2026-03-09", penalty: fine(30_000) }), "defence_period_running");
    const decided = build([...spoke, { type: "decision_issued", on: "2026-03-10", penalty: fine(30_000) }]);
    assert.equal(caseState(decided).phase, "decided");
  });
  test("the defence window is configurable (15号令's 3 days)", () => {
    const rules = { ...defaultEnforcementRules, statementWindowWorkingDays: 3 };
    assert.equal(
      refusal(notified, { type: "decision_issued", on: "2026-03-05", penalty: fine(30_000) }, TODAY, rules),
      "defence_period_running",
    );
    assert.equal(refusal(notified, { type: "decision_issued", on: "2026-03-06", penalty: fine(30_000) }, TODAY, rules), null);
  });
  test("the decision is never heavier than the notice", () => {
    assert.equal(refusal(notified, { type: "decision_issued", on: "2026-03-10", penalty: fine(30_001) }), "heavier_than_notice");
  });

  test("example 6: a hearing request within the period (by Mon 03-09) moves the case to hearing", () => {
    const list = build([...notifiedHearing, { type: "hearing_requested", on: "2026-03-09" }]);
    assert.equal(caseState(list).phase, "hearing");
    assert.equal(refusal(list, { type: "hearing_requested", on: "2026-03-09" }), "hearing_already_requested");
  });
  test("example 6: a late hearing request (Tue 03-10) is refused", () => {
    assert.equal(refusal(notifiedHearing, { type: "hearing_requested", on: "2026-03-10" }), "hearing_request_late");
    assert.equal(caseState(notifiedHearing).phase, "notified");
  });
  test("no hearing right (¥30,000 on a unit): a request is refused", () => {
    assert.equal(refusal(notified, { type: "hearing_requested", on: "2026-03-03" }), "no_hearing_right");
  });
  test("with a hearing right, the decision also waits for the request period", () => {
    const rules = { ...defaultEnforcementRules, statementWindowWorkingDays: 3 };
    assert.equal(
      refusal(notifiedHearing, { type: "decision_issued", on: "2026-03-06", penalty: fine(60_000) }, TODAY, rules),
      "hearing_request_period_running",
    );
    assert.equal(refusal(notifiedHearing, { type: "decision_issued", on: "2026-03-10", penalty: fine(60_000) }, TODAY, rules), null);
  });

  const requested = build([...notifiedHearing, { type: "hearing_requested", on: "2026-03-04" }]);
  test("example 7: the hearing on Fri 03-20 must be notified by Tue 03-10", () => {
    assert.equal(refusal(requested, { type: "hearing_notice", on: "2026-03-11", hearingOn: "2026-03-20" }), "hearing_notice_late");
    assert.equal(refusal(requested, { type: "hearing_notice", on: "2026-03-10", hearingOn: "2026-03-20" }), null);
    const lenient = { ...defaultEnforcementRules, hearingNoticeStrict: false };
    assert.equal(refusal(requested, { type: "hearing_notice", on: "2026-03-11", hearingOn: "2026-03-20" }, TODAY, lenient), null);
  });
  test("a requested hearing must be held (on the notified day) and legally reviewed before the decision", () => {
    const noticed = build([...requested, { type: "hearing_notice", on: "2026-03-10", hearingOn: "2026-03-20" }]);
    assert.equal(refusal(noticed, { type: "decision_issued", on: "2026-03-19", penalty: fine(60_000) }), "hearing_pending");
    assert.equal(refusal(noticed, { type: "hearing_held", on: "2026-03-19" }), "hearing_not_on_notified_day");
    const held = build([...noticed, { type: "hearing_held", on: "2026-03-20" }]);
    assert.equal(caseState(held).phase, "notified");
    assert.equal(refusal(held, { type: "decision_issued", on: "2026-03-23", penalty: fine(60_000) }), "legal_review_missing");
    const failed = build([...held, { type: "legal_review", on: "2026-03-23", passed: false }]);
    assert.equal(refusal(failed, { type: "decision_issued", on: "2026-03-23", penalty: fine(60_000) }), "legal_review_missing");
    const passed = build([...failed, { type: "legal_review", on: "2026-03-24", passed: true }]);
    assert.equal(refusal(passed, { type: "decision_issued", on: "2026-03-24", penalty: fine(50_000) }), null);
  });
  test("a case flagged for legal review (Art. 58) needs it even without a hearing", () => {
    const flagged = build([
      { ...opened, legalReviewRequired: true },
      { type: "filed", on: "2026-03-02" },
      { type: "penalty_notice", on: "2026-03-02", penalty: fine(30_000) },
    ]);
    assert.equal(refusal(flagged, { type: "decision_issued", on: "2026-03-10", penalty: fine(30_000) }), "legal_review_missing");
  });

  test("decision limit: 90 days from filing, overdue on the board; late decisions are recorded, not refused", () => {
    assert.deepEqual(caseClocksDue(notified, "2026-06-01"), [{ clock: "decision", due: "2026-06-01", overdue: false }]);
    assert.deepEqual(caseClocksDue(notified, "2026-06-02"), [{ clock: "decision", due: "2026-06-01", overdue: true }]);
    assert.equal(refusal(notified, { type: "decision_issued", on: "2026-06-10", penalty: fine(30_000) }), null);
    assert.equal(refusal(notified, { type: "decision_extended", on: "2026-03-10" }), "no_extensions_left");
  });
  test("‡ 15号令 variant: 30 days, extended to 90 then 180, only before the limit passes", () => {
    const rules = { ...defaultEnforcementRules, decisionLimitDays: order15DecisionLimitDays };
    assert.equal(caseState(notified, rules).rounds[0]?.decisionDue, "2026-04-01");
    assert.equal(refusal(notified, { type: "decision_extended", on: "2026-04-02" }, TODAY, rules), "decision_limit_passed");
    let list = notified;
    for (const on of ["2026-03-30", "2026-05-29"]) {
      const r = applyEvent(list, { type: "decision_extended", on }, TODAY, rules);
      assert.ok(r.ok);
      list = r.events;
    }
    assert.equal(caseState(list, rules).rounds[0]?.decisionDue, "2026-08-31"); // 08-29 is a Saturday
    assert.equal(refusal(list, { type: "decision_extended", on: "2026-06-01" }, TODAY, rules), "no_extensions_left");
  });
});

const decided = build([...notified, { type: "decision_issued", on: "2026-03-10", penalty: fine(10_000) }]);

describe("after the decision: service, payment, publication, remedies", () => {
  test("payment only after a decision", () => {
    assert.equal(refusal(notified, { type: "paid", on: "2026-03-05", amountFen: 30_000_00 }), "no_decision");
  });
  test("publication only after a decision", () => {
    assert.equal(refusal(notified, { type: "publication", on: "2026-03-05" }), "no_decision");
    const published = build([...decided, { type: "publication", on: "2026-03-11" }]);
    assert.equal(refusal(published, { type: "publication", on: "2026-03-12" }), "already_published");
  });
  test("examples 8–9: service by 03-19 and publication by 03-19 after a decision on Tue 03-10", () => {
    assert.deepEqual(caseClocksDue(decided, "2026-03-19"), [
      { clock: "service", due: "2026-03-19", overdue: false, decision: 3 },
      { clock: "publication", due: "2026-03-19", overdue: false, decision: 3 },
    ]);
  });
  test("examples 10–11: paid in time, 10 days late (+¥3,000), or far too late (capped at the fine)", () => {
    const served = build([...decided, { type: "served", on: "2026-03-10" }]); // due 03-25
    assert.equal(caseState(served).decisions[0]?.paymentDue, "2026-03-25");
    const onTime = build([...served, { type: "paid", on: "2026-03-25", amountFen: 10_000_00 }]);
    assert.equal(caseState(onTime).decisions[0]?.settled, true);
    const late = build([...served, { type: "paid", on: "2026-04-04", amountFen: 10_000_00 }]);
    assert.deepEqual([caseState(late).decisions[0]?.owedFen, caseState(late).decisions[0]?.settled], [13_000_00, false]);
    assert.equal(caseState(late).phase, "decided");
    const rest = build([...late, { type: "paid", on: "2026-04-04", amountFen: 3_000_00 }]);
    assert.equal(caseState(rest).decisions[0]?.settled, true);
    assert.equal(refusal(rest, { type: "paid", on: "2026-04-05", amountFen: 1 }), "already_paid");
    const veryLate = build([...served, { type: "paid", on: "2026-05-04", amountFen: 20_000_00 }]); // 40 days late
    assert.deepEqual([caseState(veryLate).decisions[0]?.owedFen, caseState(veryLate).decisions[0]?.settled], [20_000_00, true]);
  });
  test("withdrawing publication needs a reconsideration or judgment that changed the decision, and a reason", () => {
    const published = build([...decided, { type: "served", on: "2026-03-10" }, { type: "publication", on: "2026-03-11" }]);
    assert.equal(refusal(decided, { type: "publication_withdrawn", on: "2026-03-12", reason: "复议撤销" }), "not_published");
    assert.equal(refusal(published, { type: "publication_withdrawn", on: "2026-03-12", reason: "复议撤销" }), "decision_not_changed");
    const upheld = build([
      ...published,
      { type: "reconsideration_filed", on: "2026-03-20" },
      { type: "reconsideration_decided", on: "2026-05-10", outcome: "upheld" },
    ]);
    assert.equal(refusal(upheld, { type: "publication_withdrawn", on: "2026-05-11", reason: "复议维持" }), "decision_not_changed");
    const revoked = build([
      ...published,
      { type: "litigation_filed", on: "2026-03-20" },
      { type: "litigation_decided", on: "2026-08-10", outcome: "revoked" },
    ]);
    assert.equal(refusal(revoked, { type: "publication_withdrawn", on: "2026-08-11", reason: "  " }), "reason_required");
    const withdrawn = build([...revoked, { type: "publication_withdrawn", on: "2026-08-11", reason: "判决撤销原处罚决定" }]);
    assert.deepEqual(caseState(withdrawn).decisions[0]?.withdrawn, { on: "2026-08-11", reason: "判决撤销原处罚决定" });
    assert.equal(caseState(withdrawn).decisions[0]?.settled, true); // revoked: nothing to pay
  });
  test("remedy outcomes only for a pending remedy", () => {
    assert.equal(refusal(decided, { type: "reconsideration_decided", on: "2026-03-20", outcome: "upheld" }), "no_reconsideration_pending");
    const filed = build([...decided, { type: "reconsideration_filed", on: "2026-03-20" }]);
    assert.equal(refusal(filed, { type: "reconsideration_filed", on: "2026-03-21" }), "reconsideration_pending");
  });
});

describe("R3 simple procedure in a case", () => {
  test("example 1: ¥200 on an individual decided on the spot, handed over at once", () => {
    const list = build([
      { ...opened },
      { type: "simple_decision", on: "2026-03-02", penalty: fine(200, "person"), factsEstablished: true, legalBasis: true },
    ]);
    assert.equal(caseState(list).decisions[0]?.servedOn, "2026-03-02");
    assert.equal(caseState(list).decisions[0]?.paymentDue, "2026-03-17");
  });
  test("example 2: ¥201 needs the general procedure", () => {
    const e: CaseEvent = {
      type: "simple_decision",
      on: "2026-03-02",
      penalty: fine(201, "person"),
      factsEstablished: true,
      legalBasis: true,
    };
    assert.equal(refusal([opened], e), "simple_procedure_not_allowed");
  });
  test("not while a general round is open", () => {
    const e: CaseEvent = {
      type: "simple_decision",
      on: "2026-03-02",
      penalty: fine(200, "person"),
      factsEstablished: true,
      legalBasis: true,
    };
    assert.equal(refusal(notified, e), "round_open");
  });
});

describe("R4 daily fines in a case (examples 12–13)", () => {
  // Order 03-02 and a ¥50,000 fine, re-inspection 03-12 finds no correction.
  const refused = build([
    opened,
    { type: "order_issued", on: "2026-03-02", deadline: "2026-03-05" },
    {
      type: "simple_decision",
      on: "2026-03-02",
      penalty: { party: "unit", items: [{ kind: "warning" }] },
      factsEstablished: true,
      legalBasis: true,
    },
    { type: "filed", on: "2026-03-02" },
    { type: "penalty_notice", on: "2026-03-02", penalty: fine(50_000) },
    { type: "decision_issued", on: "2026-03-10", penalty: fine(50_000) },
    { type: "reinspected_not_rectified", on: "2026-03-12" },
    { type: "filed", on: "2026-03-12" },
  ]);
  test("example 12: a daily-fine notice of exactly ¥500,000 (10 days) is accepted", () => {
    assert.equal(
      refusal(refused, { type: "penalty_notice", on: "2026-03-12", penalty: fine(450_000), dailyFine: true }),
      "daily_fine_amount",
    );
    const list = build([...refused, { type: "penalty_notice", on: "2026-03-12", penalty: fine(500_000), dailyFine: true }]);
    assert.equal(caseState(list).rounds.at(-1)?.notice?.hearingRight, true);
    assert.equal(
      refusal(list, { type: "penalty_notice", on: "2026-03-12", penalty: fine(500_000), dailyFine: true }),
      "notice_already_issued",
    );
  });
  test("not eligible without a refusal found (rectified) or without a fine", () => {
    const rectified = build([
      opened,
      { type: "order_issued", on: "2026-03-02", deadline: "2026-03-05" },
      { type: "filed", on: "2026-03-02" },
      { type: "penalty_notice", on: "2026-03-02", penalty: fine(50_000) },
      { type: "decision_issued", on: "2026-03-10", penalty: fine(50_000) },
      { type: "reinspected_rectified", on: "2026-03-12" },
      { type: "filed", on: "2026-03-12" },
    ]);
    assert.equal(
      refusal(rectified, { type: "penalty_notice", on: "2026-03-12", penalty: fine(500_000), dailyFine: true }),
      "daily_fine_not_eligible",
    );
    const noFine = build([
      opened,
      { type: "order_issued", on: "2026-03-02", deadline: "2026-03-05" },
      { type: "reinspected_not_rectified", on: "2026-03-12" },
      { type: "filed", on: "2026-03-12" },
    ]);
    assert.equal(
      refusal(noFine, { type: "penalty_notice", on: "2026-03-12", penalty: fine(500_000), dailyFine: true }),
      "daily_fine_not_eligible",
    );
  });
});

describe("R5 suspension: production resumes only after an accepted review", () => {
  const suspended = build([
    opened,
    { type: "onsite_measures", on: "2026-03-02", measures: ["suspend_production"], suspensionUntil: "2026-06-02" },
  ]);
  test("resumption without a review, or after a rejected one, is refused", () => {
    assert.equal(refusal([opened], { type: "resumed", on: "2026-03-10" }), "no_suspension");
    assert.equal(refusal(suspended, { type: "resumed", on: "2026-03-10" }), "resumption_not_accepted");
    const rejected = build([...suspended, { type: "resumption_reviewed", on: "2026-03-10", accepted: false }]);
    assert.equal(refusal(rejected, { type: "resumed", on: "2026-03-11" }), "resumption_not_accepted");
    const accepted = build([
      ...rejected,
      { type: "resumption_reviewed", on: "2026-03-20", accepted: true },
      { type: "resumed", on: "2026-03-21" },
    ]);
    assert.equal(caseState(accepted).suspension, null);
  });
  test("‡ an on-site suspension longer than 6 months is refused", () => {
    const e: CaseEvent = { type: "onsite_measures", on: "2026-03-02", measures: ["suspend_production"], suspensionUntil: "2026-09-03" };
    assert.equal(refusal([opened], e), "suspension_too_long");
  });
  test("a decided 停产停业整顿 suspends too", () => {
    const list = build([
      opened,
      { type: "filed", on: "2026-03-02" },
      { type: "penalty_notice", on: "2026-03-02", penalty: { party: "unit", items: [{ kind: "suspension" }] } },
      { type: "decision_issued", on: "2026-03-10", penalty: { party: "unit", items: [{ kind: "suspension" }] } },
    ]);
    assert.equal(caseState(list).suspension?.since, "2026-03-10");
    assert.equal(refusal(list, { type: "closed", on: "2026-03-11", reason: "completed" }), "suspension_active");
  });
});

describe("example 16: seal and its extension (行政强制法 Art. 25)", () => {
  const sealed = build([opened, { type: "sealed", on: "2026-03-02" }]);
  test("30 days, extended once by 30, before it ends", () => {
    assert.equal(caseState(sealed).seal?.ends, "2026-04-01");
    assert.equal(refusal(sealed, { type: "seal_extended", on: "2026-04-02" }), "seal_expired");
    const ext = build([...sealed, { type: "seal_extended", on: "2026-04-01" }]);
    assert.equal(caseState(ext).seal?.ends, "2026-05-01");
    assert.equal(refusal(ext, { type: "seal_extended", on: "2026-04-02" }), "seal_already_extended");
    assert.deepEqual(caseClocksDue(ext, "2026-05-02"), [{ clock: "seal", due: "2026-05-01", overdue: true }]);
  });
});

describe("closing", () => {
  test("completed only when every order is met and every fine settled", () => {
    assert.equal(refusal(ordered, { type: "closed", on: "2026-03-05", reason: "completed" }), "order_not_met");
    assert.equal(refusal(decided, { type: "closed", on: "2026-03-11", reason: "completed" }), "fine_unpaid");
    assert.equal(refusal(notified, { type: "closed", on: "2026-03-11", reason: "completed" }), "round_open");
    const paid = build([
      ...decided,
      { type: "paid", on: "2026-03-11", amountFen: 10_000_00 },
      { type: "closed", on: "2026-03-12", reason: "completed" },
    ]);
    assert.equal(caseState(paid).phase, "closed");
    assert.equal(refusal(paid, { type: "order_issued", on: "2026-03-12", deadline: "2026-03-20" }), "case_closed");
    // Remedies and publication still run after closing.
    assert.equal(refusal(paid, { type: "publication", on: "2026-03-12" }), null);
    assert.equal(refusal(paid, { type: "litigation_filed", on: "2026-03-12" }), null);
  });
  test("no violation: only without a decision", () => {
    assert.equal(refusal(notified, { type: "closed", on: "2026-03-11", reason: "no_violation" }), null);
    assert.equal(refusal(decided, { type: "closed", on: "2026-03-11", reason: "no_violation" }), "decision_exists");
  });
});

describe("allowedNext", () => {
  test("a fresh case", () => {
    const { allowed, refused } = allowedNext([opened], "2026-03-02");
    assert.deepEqual(allowed, [
      "order_issued",
      "onsite_measures",
      "sealed",
      "filed",
      "simple_decision",
      "closure_proposed",
      "criminal_referral",
      "closed",
    ]);
    assert.deepEqual(
      refused.find((r) => r.type === "decision_issued"),
      { type: "decision_issued", code: "not_filed" },
    );
  });
  test("during the defence period and after it", () => {
    assert.ok(!allowedNext(notified, "2026-03-09").allowed.includes("decision_issued"));
    assert.ok(allowedNext(notified, "2026-03-10").allowed.includes("decision_issued"));
    assert.ok(allowedNext(notifiedHearing, "2026-03-09").allowed.includes("hearing_requested"));
    assert.ok(!allowedNext(notifiedHearing, "2026-03-10").allowed.includes("hearing_requested"));
  });
  test("nothing but opening an empty case", () => assert.deepEqual(allowedNext([], "2026-03-02").allowed, ["opened"]));
});

describe("the party's own acts (issue 8 follow-up)", () => {
  test("the party submits statements, hearing, re-inspection and extension requests and payments — nothing else", () => {
    assert.deepEqual([...partyEventTypes].sort(), [
      "extension_applied",
      "hearing_requested",
      "paid",
      "reinspection_requested",
      "statement_received",
    ]);
    assert.ok(isPartyEventType("paid") && !isPartyEventType("reinspected_rectified") && !isPartyEventType("hearing_notice"));
  });
  test("submitted by the party: its acts under the same rules, any other type refused", () => {
    const applied = applyEvent(notifiedHearing, { type: "hearing_requested", on: "2026-03-09", by: "party" }, TODAY);
    assert.ok(applied.ok);
    assert.equal(applied.state.phase, "hearing");
    assert.equal(refusal(notifiedHearing, { type: "hearing_requested", on: "2026-03-10", by: "party" }), "hearing_request_late");
    assert.equal(refusal(ordered, { type: "reinspected_rectified", on: "2026-03-10", by: "party" }), "not_party_act");
    assert.equal(refusal([opened], { type: "filed", on: "2026-03-02", by: "party" }), "not_party_act");
    // ‡ 15号令 Art. 17: the 10 days before the deadline 03-12 are 03-02 … 03-12.
    assert.equal(refusal(ordered, { type: "extension_applied", on: "2026-03-12", by: "party" }), null);
    assert.equal(refusal(ordered, { type: "extension_applied", on: "2026-03-13", by: "party" }), "outside_extension_window");
  });
});

describe("statutory documents and the event each needs (R2)", () => {
  test("each kind needs its event", () => {
    assert.deepEqual(documentFor([opened], "inspection_record"), { ok: true, event: 0 });
    assert.equal(documentFor([{ ...opened, source: "tipoff" }], "inspection_record").ok, false);
    assert.deepEqual(documentFor([opened], "rectification_order"), { ok: false, code: "needs_event", needs: ["order_issued"] });
    assert.deepEqual(documentFor(ordered, "rectification_order"), { ok: true, event: 1 });
    assert.equal(documentFor(ordered, "reinspection_opinion").ok, false);
    assert.equal(documentFor(build([...ordered, { type: "reinspected_rectified", on: "2026-03-05" }]), "reinspection_opinion").ok, true);
    assert.deepEqual(documentFor(notified, "penalty_notice"), { ok: true, event: 2 });
    assert.equal(documentFor(notified, "penalty_decision").ok, false);
    assert.deepEqual(documentFor(decided, "penalty_decision"), { ok: true, event: 3 });
  });
  test("the 听证告知书 only for a penalty that carries the hearing right", () => {
    assert.deepEqual(documentFor(notified, "hearing_rights_notice"), { ok: false, code: "no_hearing_right", needs: ["penalty_notice"] });
    assert.deepEqual(documentFor(notifiedHearing, "hearing_rights_notice"), { ok: true, event: 2 });
  });
});
