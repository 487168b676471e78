import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseHolidays } from "../common/calendar.js";
import { addWorkingDays, publicationDeadline, publicResultOf, publishedOnTime, publishWithinWorkingDays } from "./publication.js";

const nationalDay = (parseHolidays("2026-10-01..2026-10-07") as { days: string[] }).days;

describe("working days (double-random.md R7: results public within 20 working days)", () => {
  const table: [string, number, readonly string[], string, string][] = [
    ["2026-11-23", 1, [], "2026-11-24", "Monday → Tuesday"],
    ["2026-11-27", 1, [], "2026-11-30", "Friday → Monday: the weekend is not counted"],
    ["2026-11-28", 1, [], "2026-11-30", "ended on a Saturday → Monday"],
    ["2026-11-23", 5, [], "2026-11-30", "a week"],
    ["2026-11-23", 20, [], "2026-12-21", "four weeks"],
    ["2026-09-30", 1, nationalDay, "2026-10-08", "the National Day holiday is not counted"],
    ["2026-09-30", 20, nationalDay, "2026-11-04", "20 working days across the holiday"],
    ["2026-09-30", 20, [], "2026-10-28", "the same without configured holidays"],
    ["2026-12-30", 2, ["2027-01-01"], "2027-01-04", "across the year end and New Year's Day"],
    ["2026-11-23", 0, [], "2026-11-23", "zero days is the day itself"],
  ];
  for (const [day, n, holidays, want, name] of table) {
    test(`${day} + ${n} → ${want}: ${name}`, () => assert.equal(addWorkingDays(day, n, holidays), want));
  }

  test("the deadline defaults to 20 working days after the inspection's end", () => {
    assert.equal(publishWithinWorkingDays, 20);
    assert.equal(publicationDeadline("2026-11-23"), "2026-12-21");
    assert.equal(publicationDeadline("2026-09-30", nationalDay), "2026-11-04");
    // A make-up Saturday (调休 WORKDAYS) inside the period is a working day: one day earlier.
    assert.equal(publicationDeadline("2026-09-30", { holidays: nationalDay, workdays: ["2026-10-10"] }), "2026-11-03");
  });
});

describe("published on time", () => {
  const ended = "2026-11-23";
  const table: [string, string, boolean, string][] = [
    ["2026-11-20", "2026-11-23", true, "announced draw: published the day the inspection ends"],
    ["2026-12-21", "2026-12-21", true, "unannounced draw revealed on the deadline itself"],
    ["2026-12-22", "2026-12-30", false, "revealed a day after the deadline"],
    ["2026-12-21", "2026-12-20", false, "not yet revealed: not published (yet)"],
  ];
  for (const [revealedOn, today, want, name] of table) {
    test(name, () => assert.equal(publishedOnTime({ ended, revealedOn, today }), want));
  }
});

test("the inspection's result as published: no problem, or problems ordered to be corrected", () => {
  assert.deepEqual(publicResultOf, { passed: "no_problem", problems_found: "ordered_to_correct" });
});
