import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { art113Closure } from "./closure.js";

describe("安全生产法 Art. 113(1) counters (enforcement.md R6, worked examples 14–15)", () => {
  const cases: [string, string[], { threeIn180Days: boolean; fourInOneYear: boolean }][] = [
    ["example 14: 07-04 ≤ 01-05 + 180 days", ["2026-01-05", "2026-03-20", "2026-07-04"], { threeIn180Days: true, fourInOneYear: false }],
    ["example 15: 07-05 > 07-04", ["2026-01-05", "2026-03-20", "2026-07-05"], { threeIn180Days: false, fourInOneYear: false }],
    ["order of input does not matter", ["2026-07-04", "2026-01-05", "2026-03-20"], { threeIn180Days: true, fourInOneYear: false }],
    [
      "four within one year (same month and day)",
      ["2026-01-05", "2026-05-01", "2026-09-01", "2027-01-05"],
      { threeIn180Days: false, fourInOneYear: true },
    ],
    [
      "the fourth a day after the year",
      ["2026-01-05", "2026-05-01", "2026-09-01", "2027-01-06"],
      { threeIn180Days: false, fourInOneYear: false },
    ],
    ["two penalties", ["2026-01-05", "2026-01-06"], { threeIn180Days: false, fourInOneYear: false }],
  ];
  for (const [name, days, expected] of cases) test(name, () => assert.deepEqual(art113Closure(days), expected));
});
