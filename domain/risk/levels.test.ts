import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addDays, addMonths, daysBetween, shanghaiDay } from "../common/calendar.js";
import { accidentTypeLabels, accidentTypes, measureTypeLabels } from "./accident-types.js";
import { lecPolicy } from "./builtin-policies.js";
import { controlOf, defaultControlLayers, highestLevel, judgeLevel, riskColours, riskLevelLabels } from "./levels.js";
import { assess } from "./policy.js";
import { isReviewDue, reviewDueDate } from "./review.js";

describe("levels, colours and control layers (R2, R8, R9)", () => {
  test("R2: 重大/较大/一般/低 ↔ red/orange/yellow/blue", () => {
    assert.deepEqual(
      Object.entries(riskColours).map(([level, colour]) => `${riskLevelLabels[level as keyof typeof riskColours].zh}=${colour}`),
      ["重大风险=red", "较大风险=orange", "一般风险=yellow", "低风险=blue"],
    );
  });

  test("example 21: LEC 3×3×1 scores 低, but a point inside a GB 18218 unit is recorded 重大 (R8(c))", () => {
    const scored = assess(lecPolicy, { L: 3, E: 3, C: 1 });
    assert.ok(scored.ok);
    assert.equal(scored.result.level, "low");
    assert.deepEqual(judgeLevel(scored.result.level, ["major_hazard_source"]), { level: "major", overrideLevel: "major" });
    assert.deepEqual(judgeLevel("low", []), { level: "low", overrideLevel: null });
    assert.deepEqual(judgeLevel("low", ["past_accident"], false), { level: "low", overrideLevel: null }, "a policy may switch R8 off");
    assert.equal(judgeLevel("major", ["mandatory_violation"]).level, "major", "max(scored, override)");
  });

  test("example 22: a 较大 risk is controlled at department level and overseen by the enterprise; layers change per enterprise", () => {
    assert.deepEqual(controlOf("significant"), { layer: "department", overseenBy: ["enterprise"] });
    assert.deepEqual(controlOf("low"), { layer: "team_post", overseenBy: ["enterprise", "department", "workshop"] });
    assert.deepEqual(controlOf("major"), { layer: "enterprise", overseenBy: [] });
    // A local variant: 重大 and 较大 both at enterprise level.
    assert.deepEqual(controlOf("significant", { ...defaultControlLayers, significant: "enterprise" }), {
      layer: "enterprise",
      overseenBy: [],
    });
  });

  test("an enterprise's overall level is its highest point's", () => {
    assert.equal(highestLevel(["low", "significant", null, "general"]), "significant");
    assert.equal(highestLevel([null, undefined]), null);
  });
});

describe("re-assessment dates (R11), reasoned in Asia/Shanghai on calendar dates", () => {
  test("example 23: a 一般 risk last reviewed 2025-06-01 is due 2026-06-01", () => {
    assert.equal(reviewDueDate("2025-06-01"), "2026-06-01");
    assert.equal(reviewDueDate("2025-06-01", 6), "2025-12-01");
  });

  test("month ends clamp: 2024-02-29 + 12 months → 2025-02-28; 2025-08-31 + 6 → 2026-02-28", () => {
    assert.equal(addMonths("2024-02-29", 12), "2025-02-28");
    assert.equal(addMonths("2025-08-31", 6), "2026-02-28");
    assert.equal(addMonths("2025-12-15", 1), "2026-01-15");
  });

  test("the Shanghai date turns at 16:00 UTC", () => {
    assert.equal(shanghaiDay(new Date("2025-05-31T15:59:59Z")), "2025-05-31");
    assert.equal(shanghaiDay(new Date("2025-05-31T16:00:00Z")), "2025-06-01");
  });

  test("due on the review date itself, not the day before; days counted on the calendar", () => {
    assert.equal(isReviewDue("2026-06-01", "2026-05-31"), false);
    assert.equal(isReviewDue("2026-06-01", "2026-06-01"), true);
    assert.equal(daysBetween("2026-02-27", "2026-03-01"), 2);
    assert.equal(addDays("2026-03-01", -2), "2026-02-27");
    assert.equal(addDays("2024-12-31", 60), "2025-03-01");
  });
});

test("GB 6441: 20 accident types in the standard's order; five measure types", () => {
  assert.equal(accidentTypes.length, 20);
  assert.deepEqual(
    accidentTypes.map((t) => accidentTypeLabels[t].no),
    Array.from({ length: 20 }, (_, i) => i + 1),
  );
  assert.equal(accidentTypeLabels.poisoning_asphyxiation.zh, "中毒和窒息");
  assert.deepEqual(
    Object.values(measureTypeLabels).map((m) => m.zh),
    ["工程技术", "管理", "培训教育", "个体防护", "应急处置"],
  );
});
