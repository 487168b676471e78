import assert from "node:assert/strict";
import { test } from "node:test";
import { addMonths, isCalendarDay, shanghaiDay } from "../common/calendar.js";
import { closedPeriods, countClosedPeriods, periodContaining } from "./schedule.js";

test("calendar days are Shanghai days: 16:00 UTC is already the next day there", () => {
  assert.equal(shanghaiDay(new Date("2026-11-23T15:59:59Z")), "2026-11-23");
  assert.equal(shanghaiDay(new Date("2026-11-23T16:00:00Z")), "2026-11-24");
  assert.equal(isCalendarDay("2026-02-29"), false);
  assert.equal(isCalendarDay("2028-02-29"), true);
});

test("months add by calendar day and fall back to the month's last day", () => {
  assert.equal(addMonths("2025-06-01", 12), "2026-06-01"); // risk-assessment.md example 23
  assert.equal(addMonths("2023-05-20", 36), "2026-05-20"); // major-hazard-sources.md example 18
  assert.equal(addMonths("2024-02-29", 12), "2025-02-28");
  assert.equal(addMonths("2026-01-31", 1), "2026-02-28");
  assert.equal(addMonths("2026-11-30", 3), "2027-02-28");
});

test("periods: Monday–Sunday weeks and calendar months, quarters, halves and years", () => {
  assert.deepEqual(periodContaining("daily", "2026-11-23"), { key: "2026-11-23", start: "2026-11-23", end: "2026-11-23" });
  // 2026-11-23 is a Monday; 2026-11-29 the Sunday of the same week.
  assert.deepEqual(periodContaining("weekly", "2026-11-29"), { key: "W2026-11-23", start: "2026-11-23", end: "2026-11-29" });
  assert.deepEqual(periodContaining("weekly", "2026-11-30").start, "2026-11-30");
  assert.deepEqual(periodContaining("monthly", "2028-02-10"), { key: "2028-02", start: "2028-02-01", end: "2028-02-29" });
  assert.deepEqual(periodContaining("quarterly", "2026-11-23"), { key: "2026Q4", start: "2026-10-01", end: "2026-12-31" });
  assert.deepEqual(periodContaining("half_yearly", "2026-06-30"), { key: "2026H1", start: "2026-01-01", end: "2026-06-30" });
  assert.deepEqual(periodContaining("yearly", "2026-07-01"), { key: "2026", start: "2026-01-01", end: "2026-12-31" });
});

test("closed periods: the current one is still open; the first is the one containing the start day", () => {
  assert.deepEqual(
    closedPeriods("daily", "2026-11-20", "2026-11-23").map((p) => p.key),
    ["2026-11-20", "2026-11-21", "2026-11-22"],
  );
  assert.deepEqual(closedPeriods("daily", "2026-11-23", "2026-11-23"), []);
  // Started on a Wednesday: that week is the first occurrence; it closes on Sunday.
  assert.deepEqual(
    closedPeriods("weekly", "2026-11-11", "2026-11-23").map((p) => p.key),
    ["W2026-11-09", "W2026-11-16"],
  );
  assert.deepEqual(
    closedPeriods("monthly", "2026-09-15", "2026-11-01").map((p) => p.key),
    ["2026-09", "2026-10"],
  );
  assert.deepEqual(
    closedPeriods("quarterly", "2026-09-15", "2026-11-23").map((p) => p.key),
    ["2026Q3"],
  );
});

test("the count of closed periods agrees with the listing for every frequency", () => {
  for (const f of ["daily", "weekly", "monthly", "quarterly", "half_yearly", "yearly"] as const) {
    for (const [from, today] of [
      ["2024-02-29", "2026-11-23"],
      ["2026-11-23", "2026-11-24"],
      ["2025-12-31", "2026-01-01"],
    ] as const) {
      assert.equal(countClosedPeriods(f, from, today), closedPeriods(f, from, today, 5000).length, `${f} ${from}→${today}`);
    }
  }
});
