import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyEvent, type CaseEvent, caseState } from "./case.js";
import { decisionDue } from "./clocks.js";
import type { OutcomeTag } from "./outcomes.js";
import type { Penalty } from "./procedure.js";
import { addCounts, averageFineYuan, caseCounts, closedWithinDecisionDeadline, emptyCounts, fiveBatchEarned, yuanOf } from "./stats.js";

const TODAY = "2026-12-31";
const fine = (yuan: number): Penalty => ({ party: "unit", items: [{ kind: "fine", amountFen: yuan * 100 }] });
const march = { from: "2026-03-01", to: "2026-03-31" };

function build(events: CaseEvent[]): CaseEvent[] {
  let list: CaseEvent[] = [];
  for (const e of events) {
    const r = applyEvent(list, e, TODAY);
    if (!r.ok) assert.fail(`${e.type} on ${e.on} refused: ${r.refusal.code} ${JSON.stringify(r.refusal.params ?? {})}`);
    list = r.events;
  }
  return list;
}

// A: order rectified on re-inspection, a ¥20,000 fine decided 03-10 (window ended 03-09), paid, closed 03-13.
const rectifiedAndFined = build([
  { type: "opened", on: "2026-03-02", source: "inspection" },
  { type: "order_issued", on: "2026-03-02", deadline: "2026-03-12" },
  { type: "filed", on: "2026-03-02" },
  { type: "penalty_notice", on: "2026-03-02", penalty: fine(20_000) },
  { type: "reinspected_rectified", on: "2026-03-05" },
  { type: "decision_issued", on: "2026-03-10", penalty: fine(20_000) },
  { type: "served", on: "2026-03-10" },
  { type: "paid", on: "2026-03-12", amountFen: 20_000_00 },
  { type: "closed", on: "2026-03-13", reason: "completed" },
]);

// B: on-site suspension, a ¥10,000 fine, not rectified on 03-13 → daily fine 11 days × ¥10,000 (R4), published 03-24.
const suspendedDailyFine = build([
  { type: "opened", on: "2026-03-02", source: "inspection" },
  { type: "order_issued", on: "2026-03-02", deadline: "2026-03-12" },
  { type: "onsite_measures", on: "2026-03-02", measures: ["suspend_production"], suspensionUntil: "2026-04-30" },
  { type: "filed", on: "2026-03-02" },
  { type: "penalty_notice", on: "2026-03-02", penalty: fine(10_000) },
  { type: "decision_issued", on: "2026-03-10", penalty: fine(10_000) },
  { type: "reinspected_not_rectified", on: "2026-03-13" },
  { type: "filed", on: "2026-03-13" },
  { type: "penalty_notice", on: "2026-03-13", penalty: fine(110_000), dailyFine: true },
  { type: "decision_issued", on: "2026-03-23", penalty: fine(110_000) },
  { type: "publication", on: "2026-03-24" },
]);

describe("one case's counts for a period (issue 8 §6)", () => {
  test("order rectified, ¥20,000 fine, closed within the decision deadline", () => {
    const c = caseCounts(rectifiedAndFined, march);
    assert.deepEqual(
      { ...c, fiveBatch: undefined },
      {
        casesOpened: 1,
        ordersIssued: 1,
        rectified: 1,
        notRectified: 0,
        penalties: 1,
        fined: 1,
        fineTotalFen: 20_000_00,
        dailyFines: 0,
        dailyFineTotalFen: 0,
        suspensions: 0,
        casesClosed: 1,
        closedWithinDeadline: 1,
        fiveBatch: undefined,
      },
    );
    assert.deepEqual(c.fiveBatch, { suspension: 0, closure: 0, maximum_penalty: 0, accountability: 0, exposure: 0 });
  });

  test("on-site suspension and a daily fine: two decisions, the daily one counted apart; 停产整顿 and 曝光 earned", () => {
    const c = caseCounts(suspendedDailyFine, march);
    assert.equal(c.notRectified, 1);
    assert.deepEqual([c.penalties, c.fined, c.fineTotalFen], [2, 2, 120_000_00]);
    assert.deepEqual([c.dailyFines, c.dailyFineTotalFen], [1, 110_000_00]);
    assert.equal(c.suspensions, 1);
    assert.equal(c.casesClosed, 0);
    assert.deepEqual(c.fiveBatch, { suspension: 1, closure: 0, maximum_penalty: 0, accountability: 0, exposure: 1 });
  });

  test("only events dated inside the period count; a tag counts in the period it was first earned", () => {
    const early = { from: "2026-03-01", to: "2026-03-09" };
    const late = { from: "2026-03-10", to: "2026-04-30" };
    const a = caseCounts(suspendedDailyFine, early);
    assert.deepEqual([a.casesOpened, a.ordersIssued, a.penalties, a.suspensions, a.notRectified], [1, 1, 0, 1, 0]);
    assert.deepEqual(fiveBatchEarned(suspendedDailyFine, early), ["suspension"]);
    const b = caseCounts(suspendedDailyFine, late);
    assert.deepEqual([b.casesOpened, b.ordersIssued, b.penalties, b.suspensions, b.notRectified], [0, 0, 2, 0, 1]);
    assert.deepEqual(fiveBatchEarned(suspendedDailyFine, late), ["exposure"]);
    // Bounds are included: the day of the decision alone.
    assert.equal(caseCounts(rectifiedAndFined, { from: "2026-03-10", to: "2026-03-10" }).penalties, 1);
    assert.equal(caseCounts(rectifiedAndFined, { from: "2026-03-11", to: "2026-03-12" }).penalties, 0);
  });

  test("a decision with a suspension item counts as a suspension; a revoked decision is no penalty", () => {
    const suspended = build([
      { type: "opened", on: "2026-03-02", source: "inspection" },
      { type: "filed", on: "2026-03-02" },
      { type: "penalty_notice", on: "2026-03-02", penalty: { party: "unit", items: [{ kind: "suspension" }] } },
      { type: "decision_issued", on: "2026-03-10", penalty: { party: "unit", items: [{ kind: "suspension" }] } },
    ]);
    const c = caseCounts(suspended, march);
    assert.deepEqual([c.penalties, c.fined, c.suspensions, c.fiveBatch.suspension], [1, 0, 1, 1]);
    const revoked = build([
      ...suspended,
      { type: "reconsideration_filed", on: "2026-03-12" },
      { type: "reconsideration_decided", on: "2026-03-20", outcome: "revoked" },
    ]);
    const r = caseCounts(revoked, march);
    // The suspension was in force until the revocation: the case keeps its 停产整顿 signal (outcomes.ts).
    assert.deepEqual([r.penalties, r.suspensions, r.fiveBatch.suspension], [0, 0, 1]);
  });

  test("a configured tag set: only its keys, a tag without derivation is never counted by itself", () => {
    const tags: OutcomeTag[] = [
      { key: "exposed", label: "曝光一批", derivedFrom: "exposure" },
      { key: "interviewed", label: "约谈一批" },
    ];
    assert.deepEqual(caseCounts(suspendedDailyFine, march, { tags }).fiveBatch, { exposed: 1, interviewed: 0 });
  });
});

describe("closed within the decision deadline (行政处罚法 Art. 60)", () => {
  const filed = "2026-03-02";
  const due = decisionDue(filed, 0); // 90 days: 05-31 is a Sunday → Mon 06-01
  const closedAfterDecisionOn = (on: string) =>
    build([
      { type: "opened", on: filed, source: "inspection" },
      { type: "filed", on: filed },
      { type: "penalty_notice", on: filed, penalty: { party: "unit", items: [{ kind: "warning" }] } },
      { type: "decision_issued", on, penalty: { party: "unit", items: [{ kind: "warning" }] } },
      { type: "closed", on, reason: "completed" },
    ]);

  test("decided on the due day counts; the day after does not", () => {
    assert.equal(due, "2026-06-01");
    assert.equal(closedWithinDecisionDeadline(caseState(closedAfterDecisionOn(due))), true);
    assert.equal(closedWithinDecisionDeadline(caseState(closedAfterDecisionOn("2026-06-02"))), false);
  });

  test("a round closed without a decision is judged by the closing day; a case without a round is on time", () => {
    const transferred = (on: string) =>
      build([
        { type: "opened", on: filed, source: "inspection" },
        { type: "filed", on: filed },
        { type: "closed", on, reason: "transferred" },
      ]);
    assert.equal(closedWithinDecisionDeadline(caseState(transferred("2026-05-20"))), true);
    assert.equal(closedWithinDecisionDeadline(caseState(transferred("2026-06-05"))), false);
    assert.equal(closedWithinDecisionDeadline(caseState(rectifiedAndFined)), true);
    const noRound = build([
      { type: "opened", on: filed, source: "inspection" },
      { type: "closed", on: "2026-03-03", reason: "no_violation" },
    ]);
    assert.equal(closedWithinDecisionDeadline(caseState(noRound)), true);
  });
});

describe("adding up", () => {
  test("sums every figure and tag; the average is per fined decision, in yuan", () => {
    const total = addCounts(addCounts(emptyCounts(), caseCounts(rectifiedAndFined, march)), caseCounts(suspendedDailyFine, march));
    assert.deepEqual([total.casesOpened, total.penalties, total.fined, total.fineTotalFen], [2, 3, 3, 140_000_00]);
    assert.equal(yuanOf(total.fineTotalFen), 140_000);
    assert.equal(averageFineYuan(total), 46_666.67);
    assert.equal(averageFineYuan(emptyCounts()), null);
    assert.deepEqual(total.fiveBatch, { suspension: 1, closure: 0, maximum_penalty: 0, accountability: 0, exposure: 1 });
  });
});
