import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { shanghaiMidnight } from "../common/calendar.js";
import { HazardStatsQuery } from "./stats.dto.js";
import {
  countHazards,
  type HazardFacts,
  lastEndedPeriod,
  parseReportPeriod,
  percent,
  recentReportPeriods,
  reportOnTime,
  reportStatus,
  withRates,
} from "./stats.js";

/** 10:00 in Shanghai on `day`. */
const at = (day: string, hour = 10) => new Date(shanghaiMidnight(day).getTime() + hour * 3600_000);
const h = (over: Partial<HazardFacts> & { reported: string; closed?: string }): HazardFacts => ({
  level: "general",
  status: over.closed ? "accepted" : "rectifying",
  deadline: null,
  ...over,
  reportedAt: at(over.reported),
  closedAt: over.closed ? at(over.closed) : null,
});

describe("R4 periods and due days", () => {
  test("worked example 4: Q1 2026 is due 2026-04-15; 04-15 on time, 04-16 late", () => {
    const q1 = parseReportPeriod("2026Q1");
    assert.deepEqual(q1, { code: "2026Q1", kind: "quarterly", from: "2026-01-01", to: "2026-03-31", dueOn: "2026-04-15" });
    assert.equal(reportOnTime("2026-04-15", "2026-04-15"), true);
    assert.equal(reportOnTime("2026-04-16", "2026-04-15"), false);
  });

  test("worked example 5: the annual 2026 report is due 2027-01-31", () => {
    assert.deepEqual(parseReportPeriod("2026"), {
      code: "2026",
      kind: "annual",
      from: "2026-01-01",
      to: "2026-12-31",
      dueOn: "2027-01-31",
    });
  });

  test("every quarter: due the 15th of the next quarter's first month; Q4 in January of the next year", () => {
    const cases: [string, string, string, string][] = [
      ["2026Q1", "2026-01-01", "2026-03-31", "2026-04-15"],
      ["2026Q2", "2026-04-01", "2026-06-30", "2026-07-15"],
      ["2026Q3", "2026-07-01", "2026-09-30", "2026-10-15"],
      ["2026Q4", "2026-10-01", "2026-12-31", "2027-01-15"],
    ];
    for (const [code, from, to, due] of cases) {
      const p = parseReportPeriod(code);
      assert.deepEqual([p?.from, p?.to, p?.dueOn], [from, to, due], code);
    }
  });

  test("the stricter reading (statsDueInclusive = false) makes the 15th late", () => {
    assert.equal(reportOnTime("2026-04-14", "2026-04-15", false), true);
    assert.equal(reportOnTime("2026-04-15", "2026-04-15", false), false);
  });

  test("invalid period codes are refused", () => {
    for (const code of ["2026Q5", "2026Q0", "26Q1", "2026-Q1", "1999", "2026q1", ""]) assert.equal(parseReportPeriod(code), null, code);
  });

  test("status: not due while the period runs, due until the due day, then missing; a submission says on time or late", () => {
    const q1 = parseReportPeriod("2026Q1");
    assert.ok(q1);
    assert.equal(reportStatus(q1, "2026-03-31", null), "not_due");
    assert.equal(reportStatus(q1, "2026-04-01", null), "due");
    assert.equal(reportStatus(q1, "2026-04-15", null), "due");
    assert.equal(reportStatus(q1, "2026-04-16", null), "missing");
    assert.equal(reportStatus(q1, "2026-04-15", null, false), "missing");
    assert.equal(reportStatus(q1, "2026-05-01", { onTime: false }), "submitted_late");
    assert.equal(reportStatus(q1, "2026-05-01", { onTime: true }), "submitted_on_time");
  });

  test("an enterprise sees this quarter and the four before it, this year and the last", () => {
    assert.deepEqual(
      recentReportPeriods("2026-11-23").map((p) => p.code),
      ["2026Q4", "2026Q3", "2026Q2", "2026Q1", "2025Q4", "2026", "2025"],
    );
    assert.deepEqual(
      recentReportPeriods("2027-01-10").map((p) => p.code),
      ["2027Q1", "2026Q4", "2026Q3", "2026Q2", "2026Q1", "2027", "2026"],
    );
    assert.equal(lastEndedPeriod("2026-11-23", "quarterly").code, "2026Q3");
    assert.equal(lastEndedPeriod("2026-01-05", "quarterly").code, "2025Q4");
    assert.equal(lastEndedPeriod("2026-11-23", "annual").code, "2025");
  });
});

describe("statistics definitions", () => {
  const from = "2026-01-01";
  const to = "2026-03-31";

  test("found, rectified, on time and late across the period boundary", () => {
    const hazards = [
      h({ reported: "2026-01-05", closed: "2026-01-20", deadline: "2026-01-20" }), // on its deadline: on time
      h({ reported: "2026-01-06", closed: "2026-01-21", deadline: "2026-01-20" }), // the day after: late
      h({ reported: "2026-02-01", closed: "2026-04-02", deadline: "2026-03-01" }), // accepted after the period: open, overdue
      h({ reported: "2026-02-02", closed: "2026-02-02" }), // fixed on the spot: no deadline, on time
      h({ reported: "2025-12-30", closed: "2026-01-03", deadline: "2026-01-10" }), // found before, rectified in the period
      h({ reported: "2026-03-01", status: "voided", closed: "2026-03-02" }), // voided: nowhere
      h({ reported: "2026-03-10", level: "major", deadline: "2026-05-01" }), // open 重大, not overdue
      h({ reported: "2026-04-01", deadline: "2026-04-03" }), // after the period: nowhere
      h({ reported: "2025-11-01", closed: "2025-12-01" }), // closed before the period: nowhere
    ];
    const c = countHazards(hazards, from, to, "2026-11-23");
    assert.deepEqual(c, { found: 5, foundClosed: 3, rectified: 4, onTime: 3, open: 2, openMajor: 1, overdue: 1 });
    const s = withRates(c);
    assert.deepEqual([s.late, s.rectificationRate, s.onTimeRate, s.cleared], [1, 60, 75, false]);
  });

  test("the end day is today while the period runs: overdue and open are as of today", () => {
    const hazards = [h({ reported: "2026-02-01", deadline: "2026-02-10" })];
    assert.equal(countHazards(hazards, from, to, "2026-02-10").overdue, 0, "on the deadline day it is not overdue yet");
    assert.equal(countHazards(hazards, from, to, "2026-02-11").overdue, 1);
    assert.equal(countHazards(hazards, from, to, "2026-01-31").open, 0, "not yet registered on the end day");
  });

  test("hours near midnight count on their Shanghai day", () => {
    // 2026-03-31 23:30 in Shanghai is 15:30 UTC the same day; 2026-04-01 00:30 in Shanghai is still 03-31 in UTC.
    const late = { level: "general", status: "rectifying", deadline: null, reportedAt: at("2026-03-31", 23.5), closedAt: null } as const;
    const next = { ...late, reportedAt: at("2026-04-01", 0.5) };
    assert.equal(countHazards([late, next], from, to, "2026-11-23").found, 1);
  });

  test("worked example 11 and R13: 清零 only when nothing is open; rates — when the denominator is 0", () => {
    const awaiting = h({ reported: "2026-01-05", status: "awaiting_acceptance", deadline: "2026-06-01" });
    const verified = h({ reported: "2026-01-06", closed: "2026-01-07" });
    assert.equal(withRates(countHazards([awaiting, verified, verified], from, to, "2026-11-23")).cleared, false);
    assert.equal(withRates(countHazards([verified], from, to, "2026-11-23")).cleared, true);
    const none = withRates(countHazards([], from, to, "2026-11-23"));
    assert.deepEqual([none.rectificationRate, none.onTimeRate, none.cleared], [null, null, true]);
    assert.equal(percent(2, 3), 66.7);
    assert.equal(percent(1, 8), 12.5);
  });

  test("the query refuses from after to, naming to", () => {
    const res = HazardStatsQuery.safeParse({ from: "2026-04-01", to: "2026-03-31" });
    assert.equal(res.success, false);
    assert.deepEqual(res.error?.issues[0]?.path, ["to"]);
    assert.equal(HazardStatsQuery.safeParse({ from: "2026-02-30" }).success, false);
    assert.equal(HazardStatsQuery.parse({}).groupBy, "region");
  });
});
