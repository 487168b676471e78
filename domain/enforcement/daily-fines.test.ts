import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type DailyFineFacts, dailyFines } from "./daily-fines.js";
import { defaultEnforcementRules } from "./rules.js";

// 安全生产法 Art. 112 (enforcement.md R4): fine ¥50,000, order 2026-03-02.
const base: DailyFineFacts = {
  violatesWorkSafetyLaw: true,
  orderedOn: "2026-03-02",
  fine: { amountFen: 50_000_00, decidedOn: "2026-03-02" },
  reinspections: [{ on: "2026-03-12", rectified: false }],
};
const today = "2026-03-31";
const untilVerified = { ...defaultEnforcementRules, dailyFineUntil: "rectification_verified" as const };

describe("R4 按日连续处罚", () => {
  test("example 12: re-inspection 2026-03-12 not corrected → 10 days → ¥500,000", () => {
    const r = dailyFines(base, today);
    assert.equal(r.eligible, true);
    assert.deepEqual(
      [r.from, r.until, r.days, r.perDayFen, r.totalFen, r.running],
      ["2026-03-02", "2026-03-12", 10, 50_000_00, 500_000_00, false],
    );
  });
  test("example 13: re-inspection the same day → 0 days → ¥0", () => {
    const r = dailyFines({ ...base, reinspections: [{ on: "2026-03-02", rectified: false }] }, today);
    assert.deepEqual([r.eligible, r.days, r.totalFen], [true, 0, 0]);
  });
  test("the day after the order is day 1 (order date < d ≤ re-inspection)", () => {
    assert.equal(dailyFines({ ...base, reinspections: [{ on: "2026-03-03", rectified: false }] }, today).totalFen, 50_000_00);
  });

  const missing: [string, Partial<DailyFineFacts>, string[]][] = [
    ["not a Work Safety Law violation", { violatesWorkSafetyLaw: false }, ["work_safety_law"]],
    ["no order to correct", { orderedOn: null }, ["order_to_correct"]],
    ["no fine", { fine: null }, ["fine"]],
    ["re-inspection found it corrected", { reinspections: [{ on: "2026-03-12", rectified: true }] }, ["refusal_found"]],
    ["no re-inspection yet", { reinspections: [] }, ["refusal_found"]],
    [
      "a refusal found before the fine was imposed does not count",
      { fine: { amountFen: 50_000_00, decidedOn: "2026-03-15" }, reinspections: [{ on: "2026-03-12", rectified: false }] },
      ["refusal_found"],
    ],
    ["order and fine both missing", { orderedOn: null, fine: null }, ["order_to_correct", "fine"]],
  ];
  for (const [name, over, want] of missing) {
    test(`not eligible: ${name}`, () => {
      const r = dailyFines({ ...base, ...over }, today);
      assert.deepEqual([r.eligible, r.missing, r.totalFen], [false, want, 0]);
    });
  }

  test("later refusals extend the count; a verified rectification stops it", () => {
    const reinspections = [
      { on: "2026-03-12", rectified: false },
      { on: "2026-03-20", rectified: false },
      { on: "2026-03-25", rectified: true },
      { on: "2026-03-28", rectified: false },
    ];
    const r = dailyFines({ ...base, reinspections }, today);
    assert.deepEqual([r.until, r.days, r.totalFen], ["2026-03-20", 18, 900_000_00]);
  });

  test("open point — counting to the verified rectification, boundary day included (issue 8 §4)", () => {
    const reinspections = [
      { on: "2026-03-12", rectified: false },
      { on: "2026-03-25", rectified: true },
    ];
    const r = dailyFines({ ...base, reinspections }, today, untilVerified);
    // Hand-computed: 03-03 … 03-25 = 23 days × ¥50,000 = ¥1,150,000.
    assert.deepEqual([r.until, r.days, r.totalFen, r.running], ["2026-03-25", 23, 1_150_000_00, false]);
  });
  test("open point — still refusing: a running total to today", () => {
    const r = dailyFines(base, "2026-03-20", untilVerified);
    assert.deepEqual([r.until, r.days, r.totalFen, r.running], ["2026-03-20", 18, 900_000_00, true]);
  });
});
