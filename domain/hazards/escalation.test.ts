import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  defaultEscalationDays,
  escalationLadder,
  lookaheadDays,
  parseEscalationDays,
  type RepeatFacts,
  repeatedFrom,
  rungRank,
  rungsDue,
} from "./escalation.js";

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

describe("R12 长期反复: a repeated hazard enters at the next rung", () => {
  // 一般: from o ≥ 1 the o3 rung is due too; the rungs after it keep their day counts. 重大: o ≥ 1 fires major_o15.
  const cases: [string, "general" | "major", string, string[]][] = [
    ["一般 D−3: the reminder does not move", "general", "2026-03-07", ["reminder"]],
    ["一般 on D: not overdue, nothing more", "general", "2026-03-10", ["reminder"]],
    ["一般 o = 1 enters at o3", "general", "2026-03-11", ["o1", "o3"]],
    ["一般 o = 2", "general", "2026-03-12", ["o1", "o3"]],
    ["一般 o = 14: o15 keeps its day count", "general", "2026-03-24", ["o1", "o3"]],
    ["一般 o = 15", "general", "2026-03-25", ["o1", "o3", "o15"]],
    ["一般 o = 31", "general", "2026-04-10", ["o1", "o3", "o15", "o31"]],
    ["重大 D−7 reminder", "major", "2026-03-03", ["major_reminder"]],
    ["重大 on D", "major", "2026-03-10", ["major_reminder"]],
    ["重大 o = 1 enters at major_o15", "major", "2026-03-11", ["major_o1", "major_o15"]],
  ];
  for (const [name, level, today, expected] of cases) {
    test(name, () => assert.deepEqual(rungsDue(level, D, today, undefined, { repeated: true }), expected));
  }
  test("a deployment's day counts: the entry is its own first overdue rung", () => {
    const ladder = escalationLadder({ ...defaultEscalationDays, o1: 2, o3: 5 });
    assert.deepEqual(rungsDue("general", D, "2026-03-11", ladder, { repeated: true }), []);
    assert.deepEqual(rungsDue("general", D, "2026-03-12", ladder, { repeated: true }), ["o1", "o3"]);
  });

  const at = (day: string, hour = "10:00") => new Date(`${day}T${hour}:00+08:00`);
  const base: RepeatFacts = {
    id: "now",
    enterpriseId: "e1",
    criterionId: "aj2017-121-chem-15",
    category: "site_management",
    subType: "equipment_process",
    location: "1号储罐",
    reportedAt: at("2026-03-10"),
    status: "rectifying",
  };
  const earlier = (over: Partial<RepeatFacts>): RepeatFacts => ({ ...base, id: "before", status: "accepted", ...over });
  const repeat: [string, Partial<RepeatFacts>, Partial<RepeatFacts>, boolean][] = [
    ["same criterion item 30 days before", {}, { reportedAt: at("2026-02-08") }, true],
    ["365 calendar days before: still within the window", {}, { reportedAt: at("2025-03-10", "23:59") }, true],
    ["366 days before: outside", {}, { reportedAt: at("2025-03-09") }, false],
    ["the same day, an hour earlier", {}, { reportedAt: at("2026-03-10", "09:00") }, true],
    ["reported later: the later one is the repeat, not this", {}, { reportedAt: at("2026-03-10", "11:00") }, false],
    ["another criterion item", {}, { criterionId: "aj2017-121-chem-2", reportedAt: at("2026-02-08") }, false],
    ["another enterprise", {}, { enterpriseId: "e2", reportedAt: at("2026-02-08") }, false],
    ["a voided (unfounded) precedent", {}, { status: "voided", reportedAt: at("2026-02-08") }, false],
    ["an open precedent counts", {}, { status: "overdue", reportedAt: at("2026-02-08") }, true],
    [
      "一般: same category, sub-type and place (white space ignored)",
      { criterionId: null },
      { criterionId: null, location: " 1号 储罐 ", reportedAt: at("2026-02-08") },
      true,
    ],
    ["一般: another place", { criterionId: null }, { criterionId: null, location: "2号储罐", reportedAt: at("2026-02-08") }, false],
    ["一般: another sub-type", { criterionId: null }, { criterionId: null, subType: "electrical", reportedAt: at("2026-02-08") }, false],
    [
      "一般 without a sub-type (three-tap report): not compared",
      { criterionId: null, subType: null },
      { criterionId: null, subType: null, reportedAt: at("2026-02-08") },
      false,
    ],
    [
      "一般 vs an earlier criterion hazard at the same place: compared by item only",
      { criterionId: null },
      { reportedAt: at("2026-02-08") },
      false,
    ],
  ];
  for (const [name, now, before, expected] of repeat) {
    test(`repeat: ${name}`, () => assert.equal(!!repeatedFrom({ ...base, ...now }, [earlier(before)]), expected));
  }
  test("a hazard is never its own precedent", () => assert.equal(repeatedFrom(base, [base]), undefined));
});
