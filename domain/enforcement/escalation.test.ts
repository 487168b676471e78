import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { caseClockLadder, caseClockRungsDue, clockDaysOverdue, parseCaseEscalationDays } from "./escalation.js";

const due = "2026-12-10";

describe("case clock escalation ladder (issue 8 §3, defaults mirror hazards.md R12)", () => {
  test("rungs due by day: none on the due day, officers the day after, leader at o ≥ 3, superior at o ≥ 15", () => {
    const cases: [string, string[]][] = [
      ["2026-12-01", []],
      ["2026-12-10", []],
      ["2026-12-11", ["officers"]],
      ["2026-12-12", ["officers"]],
      ["2026-12-13", ["officers", "leader"]],
      ["2026-12-24", ["officers", "leader"]],
      ["2026-12-25", ["officers", "leader", "superior"]],
      ["2027-03-01", ["officers", "leader", "superior"]],
    ];
    for (const [today, rungs] of cases) assert.deepEqual(caseClockRungsDue(due, today), rungs, today);
  });

  test("a configured ladder moves the leader and superior rungs; officers stay at the day after", () => {
    const ladder = caseClockLadder({ leader: 5, superior: 20 });
    assert.deepEqual(caseClockRungsDue(due, "2026-12-11", ladder), ["officers"]);
    assert.deepEqual(caseClockRungsDue(due, "2026-12-14", ladder), ["officers"]);
    assert.deepEqual(caseClockRungsDue(due, "2026-12-15", ladder), ["officers", "leader"]);
    assert.deepEqual(caseClockRungsDue(due, "2026-12-30", ladder), ["officers", "leader", "superior"]);
  });

  test("days overdue count calendar days across a month end and are 0 until overdue", () => {
    assert.equal(clockDaysOverdue(due, "2026-12-09"), 0);
    assert.equal(clockDaysOverdue(due, due), 0);
    assert.equal(clockDaysOverdue(due, "2027-01-02"), 23);
  });

  test("CASE_ESCALATION_DAYS: overrides parsed, a ladder that does not climb or an unknown rung refused", () => {
    const ok = parseCaseEscalationDays(" leader=5, superior=20");
    assert.ok("days" in ok);
    assert.deepEqual(ok.days, { leader: 5, superior: 20 });
    const empty = parseCaseEscalationDays("");
    assert.ok("days" in empty);
    assert.deepEqual(empty.days, { leader: 3, superior: 15 });
    assert.ok("error" in parseCaseEscalationDays("leader=15")); // not below superior
    assert.ok("error" in parseCaseEscalationDays("leader=1")); // officers already at o ≥ 1
    assert.ok("error" in parseCaseEscalationDays("officers=2"));
    assert.ok("error" in parseCaseEscalationDays("leader"));
  });
});
