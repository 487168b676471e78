import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultEscalationDays, escalationLadder, lookaheadDays, parseEscalationDays, rungRank, rungsDue } from "./escalation.js";

const D = "2026-03-10";

describe("R12 escalation ladder (rungsDue)", () => {
  // Worked example 8 (一般, D = 2026-03-10) and 9 (o = 2), then every boundary of the general ladder.
  const general: [string, string, string[]][] = [
    ["2026-03-01", "o = −9: nothing yet", []],
    ["2026-03-06", "D−4: before the reminder", []],
    ["2026-03-07", "example 8: D−3 reminder", ["reminder"]],
    ["2026-03-09", "D−1: still the reminder", ["reminder"]],
    ["2026-03-10", "on D (o = 0): not overdue yet", ["reminder"]],
    ["2026-03-11", "example 8: o = 1 overdue, principal + safety manager", ["o1"]],
    ["2026-03-12", "example 9: o = 2 still rung o ≥ 1 only", ["o1"]],
    ["2026-03-13", "example 8: o = 3 grid + territorial regulator", ["o1", "o3"]],
    ["2026-03-24", "o = 14", ["o1", "o3"]],
    ["2026-03-25", "example 8: o = 15 next regulator level", ["o1", "o3", "o15"]],
    ["2026-04-09", "o = 30", ["o1", "o3", "o15"]],
    ["2026-04-10", "example 8: o = 31 约谈", ["o1", "o3", "o15", "o31"]],
    ["2027-03-10", "a year overdue: the ladder tops out", ["o1", "o3", "o15", "o31"]],
  ];
  for (const [today, name, expected] of general) {
    test(`一般, today ${today}: ${name}`, () => assert.deepEqual(rungsDue("general", D, today), expected));
  }

  // Worked example 10 (重大, D = 2026-03-10, today 03-11 → listing raised, Art. 102 case), then the boundaries.
  const major: [string, string, string[]][] = [
    ["2026-03-02", "D−8", []],
    ["2026-03-03", "D−7 reminder to principal and supervising body", ["major_reminder"]],
    ["2026-03-10", "on D", ["major_reminder"]],
    ["2026-03-11", "example 10: o = 1 listing raised county→city", ["major_o1"]],
    ["2026-03-24", "o = 14", ["major_o1"]],
    ["2026-03-25", "o = 15 约谈, 停产停业整顿 proposed", ["major_o1", "major_o15"]],
  ];
  for (const [today, name, expected] of major) {
    test(`重大, today ${today}: ${name}`, () => assert.deepEqual(rungsDue("major", D, today), expected));
  }

  test("calendar days across a month end and a leap day", () => {
    assert.deepEqual(rungsDue("general", "2028-02-28", "2028-03-01"), ["o1"]); // 2028-02-29 exists: o = 2
    assert.deepEqual(rungsDue("general", "2028-02-28", "2028-03-02"), ["o1", "o3"]);
    assert.deepEqual(rungsDue("general", "2026-12-31", "2027-01-01"), ["o1"]);
  });

  test("a deployment's own day counts move the boundaries", () => {
    const ladder = escalationLadder({ ...defaultEscalationDays, reminder: 5, o3: 5 });
    assert.deepEqual(rungsDue("general", D, "2026-03-05", ladder), ["reminder"]);
    assert.deepEqual(rungsDue("general", D, "2026-03-14", ladder), ["o1"]);
    assert.deepEqual(rungsDue("general", D, "2026-03-15", ladder), ["o1", "o3"]);
    assert.equal(lookaheadDays(ladder), 7);
    assert.equal(lookaheadDays(), 7);
  });

  test("overrides are parsed and must keep the ladder climbing", () => {
    const ok = parseEscalationDays("o3=5, o15=20,major_reminder=10");
    assert.ok("days" in ok);
    assert.deepEqual([ok.days.o3, ok.days.o15, ok.days.major_reminder, ok.days.o1], [5, 20, 10, 1]);
    assert.ok("days" in parseEscalationDays(""));
    assert.ok("error" in parseEscalationDays("o3=20")); // o3 would pass o15
    assert.ok("error" in parseEscalationDays("o2=4"));
    assert.ok("error" in parseEscalationDays("o3"));
    assert.ok("error" in parseEscalationDays("o1=0"));
  });

  test("rungs rank in ladder order", () => {
    assert.ok(rungRank("o31") > rungRank("o15") && rungRank("o15") > rungRank("o3") && rungRank("o1") > rungRank("reminder"));
    assert.ok(rungRank("major_o15") > rungRank("major_o1") && rungRank("major_o1") > rungRank("major_reminder"));
  });
});
