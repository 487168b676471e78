import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addWorkingDays, calendarPeriodEnd, isWorkingDay, nextWorkingDayFrom, type WorkCalendar, workingDaysBetween } from "./calendar.js";

// A deployment's calendar as the State Council's notice sets it (here 2025's National Day: 10-01..10-08 off,
// Sun 09-28 and Sat 10-11 made up). The figures are configuration inputs, not facts the code knows.
const nationalDay2025: WorkCalendar = {
  holidays: ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"],
  workdays: ["2025-09-28", "2025-10-11"],
};

describe("working days (enforcement.md R0: 行政处罚法 Art. 85, holidays and 调休 as configuration)", () => {
  const days: [string, boolean, string][] = [
    ["2026-03-02", true, "a Monday"],
    ["2026-03-07", false, "a Saturday"],
    ["2026-03-08", false, "a Sunday"],
    ["2025-10-01", false, "a statutory holiday"],
    ["2025-09-28", true, "a make-up Sunday (调休) is a working day"],
    ["2025-10-11", true, "a make-up Saturday"],
    ["2025-10-12", false, "the Sunday after it is not"],
  ];
  for (const [day, want, name] of days) test(`${day}: ${name}`, () => assert.equal(isWorkingDay(day, nationalDay2025), want));

  const table: [string, number, WorkCalendar | readonly string[], string, string][] = [
    ["2026-03-02", 5, {}, "2026-03-09", "example 6: Mon + 5 working days = next Mon"],
    ["2026-03-02", 7, {}, "2026-03-11", "examples 8–9: Mon + 7 working days = Wed of the next week"],
    ["2026-03-06", 1, {}, "2026-03-09", "Friday → Monday"],
    ["2026-03-07", 1, {}, "2026-03-09", "triggered on a Saturday: the Monday is the first"],
    ["2026-03-02", 0, {}, "2026-03-02", "zero is the day itself"],
    ["2025-09-26", 1, nationalDay2025, "2025-09-28", "Friday → the make-up Sunday"],
    ["2025-09-30", 1, nationalDay2025, "2025-10-09", "across the holiday week (10-04/05 are a weekend anyway)"],
    ["2025-09-30", 2, nationalDay2025, "2025-10-10", ""],
    ["2025-09-30", 3, nationalDay2025, "2025-10-11", "the make-up Saturday counts"],
    ["2025-09-30", 3, { holidays: nationalDay2025.holidays ?? [] }, "2025-10-13", "without the make-up days it does not"],
    ["2025-09-30", 3, nationalDay2025.holidays ?? [], "2025-10-13", "a bare list is read as rest days"],
    ["2026-03-20", -7, {}, "2026-03-11", "counting back: the 7th working day before Fri 03-20"],
    ["2025-10-13", -3, nationalDay2025, "2025-10-09", "counting back over the make-up Saturday"],
  ];
  for (const [day, n, cal, want, name] of table) {
    test(`${day} ${n >= 0 ? "+" : "−"} ${Math.abs(n)} → ${want}${name ? `: ${name}` : ""}`, () =>
      assert.equal(addWorkingDays(day, n, cal), want));
  }

  test("working days strictly between two days", () => {
    assert.equal(workingDaysBetween("2026-03-10", "2026-03-20"), 7); // example 7: 11,12,13,16,17,18,19
    assert.equal(workingDaysBetween("2026-03-11", "2026-03-20"), 6);
    assert.equal(workingDaysBetween("2026-03-02", "2026-03-03"), 0);
    assert.equal(workingDaysBetween("2026-03-03", "2026-03-02"), 0);
    assert.equal(workingDaysBetween("2025-09-27", "2025-10-12", nationalDay2025), 6); // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11
  });
});

describe("calendar-day periods (民法典 Art. 201 from the next day; Art. 203 off a rest day)", () => {
  const table: [string, number, boolean, string, string][] = [
    ["2026-03-02", 10, false, "2026-03-12", "example 5: 10 days after the deadline"],
    ["2026-03-02", 15, false, "2026-03-17", "example 10: 15 days to pay"],
    ["2026-03-02", 30, false, "2026-04-01", "example 16: a 30-day seal"],
    ["2026-03-04", 10, false, "2026-03-14", "ends on a Saturday without roll-over"],
    ["2026-03-04", 10, true, "2026-03-16", "with roll-over: the Monday after"],
    ["2025-09-21", 10, true, "2025-10-09", "ending on 10-01 rolls over the whole holiday"],
    ["2025-09-18", 10, true, "2025-09-28", "ending on a make-up Sunday: a working day, no roll-over"],
  ];
  for (const [day, n, roll, want, name] of table) {
    test(`${day} + ${n} days${roll ? " (roll-over)" : ""} → ${want}: ${name}`, () =>
      assert.equal(calendarPeriodEnd(day, n, nationalDay2025, roll), want));
  }
  test("the next working day from a day", () => {
    assert.equal(nextWorkingDayFrom("2026-03-02"), "2026-03-02");
    assert.equal(nextWorkingDayFrom("2026-03-07"), "2026-03-09");
  });
});
