import assert from "node:assert/strict";
import { test } from "node:test";
import type { CheckFrequency } from "../checks/schedule.js";
import { addDays, addMonths } from "../common/calendar.js";
import { completionFigures, dueInWindow, occurrenceState, SelfCompletionQuery, SelfScheduleCreate } from "./self.js";

const schedule = (frequency: CheckFrequency, startsOn: string, endedOn: string | null = null) => ({ frequency, startsOn, endedOn });

test("occurrences due in a window: periods ending in [from, to] that closed before today", () => {
  // [schedule, window, due, why]
  const cases: [ReturnType<typeof schedule>, { from: string; to: string; today: string }, number, string][] = [
    [schedule("daily", "2026-11-23"), { from: "2026-01-01", to: "2026-11-26", today: "2026-11-26" }, 3, "23, 24, 25 closed; 26 is open"],
    [schedule("daily", "2026-11-23"), { from: "2026-01-01", to: "2026-11-24", today: "2026-11-26" }, 2, "to 24 inclusive"],
    [schedule("daily", "2026-11-23"), { from: "2026-11-25", to: "2026-11-30", today: "2026-11-30" }, 5, "25…29"],
    [schedule("daily", "2026-11-23"), { from: "2026-11-23", to: "2026-11-23", today: "2026-11-23" }, 0, "the first day is still open"],
    [
      schedule("daily", "2026-11-23", "2026-11-25"),
      { from: "2026-01-01", to: "2026-12-31", today: "2026-12-10" },
      2,
      "ended on the 25th: 23 and 24",
    ],
    // 2026-11-23 is a Monday; a schedule started on Wednesday 11-11 has that week as its first occurrence.
    [schedule("weekly", "2026-11-11"), { from: "2026-01-01", to: "2026-11-23", today: "2026-11-23" }, 2, "weeks of 11-09 and 11-16"],
    [
      schedule("weekly", "2026-11-11"),
      { from: "2026-11-16", to: "2026-11-23", today: "2026-11-23" },
      1,
      "the week of 11-09 ended before from",
    ],
    [schedule("weekly", "2026-11-11"), { from: "2026-11-15", to: "2026-11-15", today: "2026-11-23" }, 1, "a week ending on from counts"],
    [schedule("monthly", "2026-01-31"), { from: "2026-01-01", to: "2026-12-31", today: "2026-11-23" }, 10, "January…October"],
    [schedule("monthly", "2026-01-31"), { from: "2026-01-01", to: "2026-12-31", today: "2027-03-01" }, 12, "all of 2026, nothing of 2027"],
    [schedule("quarterly", "2026-02-01"), { from: "2026-01-01", to: "2026-11-23", today: "2026-11-23" }, 3, "Q1–Q3"],
    [
      schedule("half_yearly", "2026-02-01"),
      { from: "2026-07-01", to: "2026-11-23", today: "2026-11-23" },
      0,
      "H1 ended before from; H2 open",
    ],
    [schedule("yearly", "2024-05-01"), { from: "2024-01-01", to: "2026-11-23", today: "2026-11-23" }, 2, "2024 and 2025"],
    [schedule("daily", "2026-12-01"), { from: "2026-01-01", to: "2026-12-31", today: "2026-11-23" }, 0, "not started yet"],
  ];
  for (const [s, w, due, why] of cases) assert.equal(dueInWindow(s, w), due, `${s.frequency} from ${s.startsOn}: ${why}`);
});

test("monthly windows split the due occurrences of a year without loss or double counting", () => {
  const s = schedule("weekly", "2026-02-04");
  const today = "2026-11-23";
  const whole = dueInWindow(s, { from: "2026-01-01", to: "2026-12-31", today });
  let parts = 0;
  for (let m = 1; m <= 12; m++) {
    const from = `2026-${String(m).padStart(2, "0")}-01`;
    parts += dueInWindow(s, { from, to: addDays(addMonths(from, 1), -1), today });
  }
  assert.equal(whole, 42, "the 42 weeks from Monday 02-02 to Monday 11-16 (week of 11-23 open)");
  assert.equal(parts, whole);
});

test("completion figures: missed = due − done, rate done ÷ due, nothing due has no rate", () => {
  assert.deepEqual(completionFigures(4, 3), { due: 4, done: 3, missed: 1, rate: 0.75 });
  assert.deepEqual(completionFigures(0, 0), { due: 0, done: 0, missed: 0, rate: null });
  assert.deepEqual(completionFigures(2, 5), { due: 2, done: 2, missed: 0, rate: 1 }, "done is capped at due");
});

test("the open occurrence's state follows its inspection", () => {
  assert.equal(occurrenceState(null), "todo");
  assert.equal(occurrenceState({ status: "in_progress" }), "in_progress");
  assert.equal(occurrenceState({ status: "finished" }), "done");
});

test("inputs: a schedule needs a known frequency and a real day; a window cannot end before it begins", () => {
  const base = { checklistId: "00000000-0000-4000-8000-000000000001", title: "每日开工前自查", assigneePost: "班长" };
  assert.equal(SelfScheduleCreate.safeParse({ ...base, frequency: "daily", startsOn: "2026-11-23" }).success, true);
  assert.equal(SelfScheduleCreate.safeParse({ ...base, frequency: "hourly", startsOn: "2026-11-23" }).success, false);
  assert.equal(SelfScheduleCreate.safeParse({ ...base, frequency: "daily", startsOn: "2026-02-30" }).success, false);
  const bad = SelfCompletionQuery.safeParse({ from: "2026-11-02", to: "2026-11-01" });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error?.issues[0]?.path, ["to"]);
});
