import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  classifyEnterprise,
  currentPlanMonth,
  defaultPlanFrequencies,
  generatePlan,
  monthOffsets,
  type PlanEnterprise,
  type PlanInspector,
  parsePlanFrequencies,
  planCapacity,
  planItemStatus,
  visitMonths,
} from "./plan.js";

let seq = 0;
function enterprise(over: Partial<PlanEnterprise> = {}): PlanEnterprise {
  seq++;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    regionCode: "320481002001",
    category: "other",
    subcategory: null,
    industryCode: "5110",
    hasMajorHazardSource: false,
    riskLevel: null,
    hazardsLastYear: 0,
    majorHazardsLastYear: 0,
    accidentsLastYear: null,
    ...over,
  };
}
const officers = (n: number): PlanInspector[] =>
  Array.from({ length: n }, (_, i) => ({
    userId: `10000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
    name: `执法员${i + 1}`,
    certNo: `JF3204810${String(i + 1).padStart(2, "0")}`,
  }));
const rules = { frequencies: defaultPlanFrequencies, fromMonth: 1, reservePercent: 20, visitsPerInspectorMonth: 8 };
const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

describe("classifying an enterprise (R6 key groups, planning colour)", () => {
  const cases: [string, Partial<PlanEnterprise>, string, string[], string[]][] = [
    ["unassessed, other category: general blue", {}, "general.blue", [], []],
    ["yellow risk, other category: general yellow", { riskLevel: "general" }, "general.yellow", [], []],
    ["orange risk, other category: general orange", { riskLevel: "significant" }, "general.orange", [], []],
    ["red risk is always key", { riskLevel: "major" }, "key.red", ["red_risk"], []],
    ["hazardous chemicals, unassessed: key blue", { category: "hazardous_chemicals" }, "key.blue", ["hazardous_chemicals"], []],
    ["fireworks, yellow: key yellow", { category: "fireworks", riskLevel: "general" }, "key.yellow", ["fireworks"], []],
    ["mining: key", { category: "mining", riskLevel: "low" }, "key.blue", ["mining"], []],
    ["工贸 metallurgy is metal smelting", { category: "industry_trade", subcategory: "metallurgy" }, "key.blue", ["metal_smelting"], []],
    ["GB/T 4754 division 32 (non-ferrous smelting) is metal smelting", { industryCode: "3216" }, "key.blue", ["metal_smelting"], []],
    ["工贸 machinery is not key", { category: "industry_trade", subcategory: "machinery", industryCode: "3411" }, "general.blue", [], []],
    [
      "a major hazard source is key and at least orange",
      { hasMajorHazardSource: true },
      "key.orange",
      ["major_hazard_source"],
      ["major_hazard_source"],
    ],
    [
      "a major hazard source already red stays red",
      { hasMajorHazardSource: true, riskLevel: "major" },
      "key.red",
      ["major_hazard_source", "red_risk"],
      [],
    ],
    [
      "a 重大 hazard last year raises one level (orange → red, so key)",
      { riskLevel: "significant", majorHazardsLastYear: 1 },
      "key.red",
      ["red_risk"],
      ["major_hazard_last_year"],
    ],
    ["general hazards alone raise nothing", { riskLevel: "general", hazardsLastYear: 30 }, "general.yellow", [], []],
    ["an accident last year raises one level", { riskLevel: "low", accidentsLastYear: 1 }, "general.yellow", [], ["accident_last_year"]],
    ["no accident register (null) raises nothing", { riskLevel: "low", accidentsLastYear: null }, "general.blue", [], []],
    [
      "a 重大 hazard and an accident raise once, not twice",
      { riskLevel: "low", majorHazardsLastYear: 2, accidentsLastYear: 1 },
      "general.yellow",
      [],
      ["major_hazard_last_year", "accident_last_year"],
    ],
    [
      "major hazard source, then a 重大 hazard: orange → red",
      { hasMajorHazardSource: true, majorHazardsLastYear: 1 },
      "key.red",
      ["major_hazard_source", "red_risk"],
      ["major_hazard_source", "major_hazard_last_year"],
    ],
    ["red cannot be raised further", { riskLevel: "major", accidentsLastYear: 3 }, "key.red", ["red_risk"], []],
    ["dust explosion (when known) is key", { dustExplosion: true }, "key.blue", ["dust_explosion"], []],
    ["ammonia refrigeration (when known) is key", { ammoniaRefrigeration: true }, "key.blue", ["ammonia_refrigeration"], []],
  ];
  for (const [name, over, group, reasons, raisedBy] of cases) {
    test(name, () => {
      const c = classifyEnterprise(enterprise(over));
      assert.equal(c.group, group);
      assert.deepEqual(c.keyReasons, reasons);
      assert.deepEqual(c.raisedBy, raisedBy);
    });
  }
});

describe("PLAN_FREQUENCIES", () => {
  test("empty: the defaults (red 4, orange 2, yellow 1, blue 1, general left to the draw)", () => {
    assert.deepEqual(parsePlanFrequencies(""), { frequencies: defaultPlanFrequencies });
    assert.deepEqual(Object.values(defaultPlanFrequencies), [4, 2, 1, 1, 0, 0, 0]);
  });
  test("colours set key groups, general every general group, a group key one group; later entries win", () => {
    const r = parsePlanFrequencies("red=6, blue=0,general=1,general.orange=2");
    assert.ok("frequencies" in r);
    assert.deepEqual(r.frequencies, {
      "key.red": 6,
      "key.orange": 2,
      "key.yellow": 1,
      "key.blue": 0,
      "general.orange": 2,
      "general.yellow": 1,
      "general.blue": 1,
    });
  });
  test("bad entries are refused with a reason", () => {
    for (const bad of ["red=13", "purple=1", "red", "red=-1", "general.red=2"]) assert.ok("error" in parsePlanFrequencies(bad), bad);
    assert.ok("frequencies" in parsePlanFrequencies("red=12"), "12 (monthly) is the boundary");
  });
});

describe("spreading visits over the months", () => {
  const cases: [number, number, number, number[]][] = [
    [4, 0, 1, [1, 4, 7, 10]],
    [4, 2, 1, [3, 6, 9, 12]],
    [2, 5, 1, [6, 12]],
    [3, 0, 1, [1, 5, 9]],
    [5, 0, 1, [1, 3, 5, 8, 10]],
    [1, 11, 1, [12]],
    [12, 0, 1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    [2, 0, 7, [7, 10]],
    [4, 0, 11, [11, 12]], // more visits than months left: one a month
  ];
  for (const [n, o, from, months] of cases) {
    test(`${n}/yr from month ${from}, offset ${o} → ${months.join(",")}`, () => assert.deepEqual(visitMonths(n, o, from), months));
  }
  test("offsets: quarterly has 3 starting months, yearly 12, late in the year fewer", () => {
    assert.deepEqual(
      [monthOffsets(4, 1), monthOffsets(1, 1), monthOffsets(2, 1), monthOffsets(5, 1), monthOffsets(4, 11), monthOffsets(1, 12)],
      [3, 12, 6, 3, 1, 1],
    );
  });
  test("every frequency, start month and offset stays within the year, increasing, min(n, months left) visits", () => {
    for (let from = 1; from <= 12; from++) {
      for (let n = 1; n <= 12; n++) {
        for (let o = 0; o < monthOffsets(n, from); o++) {
          const m = visitMonths(n, o, from);
          assert.equal(m.length, Math.min(n, 13 - from));
          assert.ok((m[0] as number) >= from && (m.at(-1) as number) <= 12, `${n} from ${from} offset ${o}: ${m}`);
          for (let i = 1; i < m.length; i++) assert.ok((m[i] as number) > (m[i - 1] as number));
        }
      }
    }
  });
});

describe("generating a plan", () => {
  const region = [
    ...Array.from({ length: 3 }, () => enterprise({ category: "hazardous_chemicals", riskLevel: "major" })), // key red ×4
    ...Array.from({ length: 2 }, () => enterprise({ hasMajorHazardSource: true, regionCode: "320402001001" })), // key orange ×2
    ...Array.from({ length: 6 }, () => enterprise({ category: "fireworks" })), // key blue ×1
    ...Array.from({ length: 4 }, () => enterprise({ riskLevel: "general" })), // general yellow: the draw
  ];

  test("group counts and visits: red quarterly, orange twice, blue once, general none", () => {
    const plan = generatePlan(region, officers(3), rules);
    const g = Object.fromEntries(plan.groups.map((x) => [x.key, [x.enterprises, x.frequency, x.visits]]));
    assert.deepEqual(g["key.red"], [3, 4, 12]);
    assert.deepEqual(g["key.orange"], [2, 2, 4]);
    assert.deepEqual(g["key.blue"], [6, 1, 6]);
    assert.deepEqual(g["general.yellow"], [4, 0, 0]);
    assert.equal(plan.visits.length, 22);
  });

  test("an enterprise's visits are evenly spaced (quarterly: 3 months apart, twice: 6) and months are balanced", () => {
    const plan = generatePlan(region, officers(3), rules);
    for (const e of region) {
      const months = plan.visits.filter((v) => v.enterpriseId === e.id).map((v) => v.month);
      const gaps = months.slice(1).map((m, i) => m - (months[i] as number));
      if (months.length === 4) assert.deepEqual(gaps, [3, 3, 3]);
      if (months.length === 2) assert.deepEqual(gaps, [6]);
    }
    const perMonth = Array.from({ length: 12 }, (_, i) => plan.visits.filter((v) => v.month === i + 1).length);
    assert.ok(spread(perMonth) <= 1, `months balanced: ${perMonth}`);
    // The three red enterprises take the three quarterly patterns.
    const firsts = region.slice(0, 3).map((e) => plan.visits.find((v) => v.enterpriseId === e.id)?.month);
    assert.deepEqual([...firsts].sort(), [1, 2, 3]);
  });

  test("teams of two distinct officers from the pool, load balanced round-robin (per year and per month)", () => {
    const pool = officers(5);
    const plan = generatePlan(region, pool, rules);
    for (const v of plan.visits) {
      assert.equal(v.team.length, 2);
      assert.notEqual(v.team[0]?.userId, v.team[1]?.userId);
      for (const m of v.team) assert.ok(pool.some((p) => p.userId === m.userId));
    }
    const loads = plan.load.map((l) => l.visits);
    assert.equal(
      loads.reduce((a, b) => a + b, 0),
      44,
    );
    assert.ok(spread(loads) <= 1, `year load balanced: ${loads}`);
    for (let m = 1; m <= 12; m++) {
      const month = pool.map((p) => plan.visits.filter((v) => v.month === m && v.team.some((x) => x.userId === p.userId)).length);
      assert.ok(spread(month) <= 1, `month ${m} balanced: ${month}`);
    }
  });

  test("deterministic: the same inputs in any order give the same plan", () => {
    const a = generatePlan(region, officers(4), rules);
    const b = generatePlan([...region].reverse(), [...officers(4)].reverse(), rules);
    assert.deepEqual(a.visits, b.visits);
    assert.deepEqual(a.load, b.load);
  });

  test("a plan drafted mid-year spreads over the months left", () => {
    const plan = generatePlan(region, officers(3), { ...rules, fromMonth: 7 });
    assert.ok(plan.visits.every((v) => v.month >= 7));
    const red = plan.visits.filter((v) => v.enterpriseId === region[0]?.id);
    assert.equal(red.length, 4);
    assert.equal(plan.capacity.months, 6);
  });

  test("visits need at least two officers; a plan of general enterprises only needs none", () => {
    assert.throws(() => generatePlan(region, officers(1), rules));
    assert.equal(generatePlan(region.slice(11), [], rules).visits.length, 0);
  });

  test("capacity vs planned: ⌊officers × per-officer ÷ 2⌋ a month, 20 % held back (rounded up)", () => {
    const plan = generatePlan(region, officers(3), rules);
    assert.deepEqual(
      [plan.capacity.capacity, plan.capacity.reserve, plan.capacity.available, plan.capacity.planned, plan.capacity.overCapacity],
      [144, 29, 115, 22, false],
    );
    assert.equal(plan.capacity.byMonth.length, 12);
    assert.deepEqual(plan.capacity.byMonth[0], { month: 1, planned: 2, available: 9 });
  });
});

describe("capacity boundaries", () => {
  const at = (planned: number) =>
    planCapacity({
      inspectors: 2,
      fromMonth: 12,
      reservePercent: 20,
      visitsPerInspectorMonth: 10,
      plannedByMonth: new Map([[12, planned]]),
    });
  test("planned up to the available capacity fits; one more is over", () => {
    assert.deepEqual([at(8).capacity, at(8).reserve, at(8).available, at(8).overCapacity], [10, 2, 8, false]);
    assert.equal(at(9).overCapacity, true);
  });
  test("no reserve, no officers", () => {
    const c = planCapacity({ inspectors: 0, fromMonth: 1, reservePercent: 0, visitsPerInspectorMonth: 8, plannedByMonth: new Map() });
    assert.deepEqual([c.capacity, c.available, c.overCapacity], [0, 0, false]);
  });
});

describe("progress of a planned visit", () => {
  test("the plan's current month: 0 before its year, 13 after, else today's month (Shanghai day)", () => {
    assert.deepEqual(
      [currentPlanMonth(2027, "2026-11-23"), currentPlanMonth(2025, "2026-11-23"), currentPlanMonth(2026, "2026-11-23")],
      [0, 13, 11],
    );
  });
  const cases: [number, number, boolean, string][] = [
    [10, 11, false, "overdue"],
    [11, 11, false, "due"],
    [12, 11, false, "upcoming"],
    [10, 11, true, "done"],
    [12, 11, true, "done"], // done early
    [1, 0, false, "upcoming"],
    [12, 13, false, "overdue"],
  ];
  for (const [month, current, done, status] of cases) {
    test(`month ${month}, current ${current}, ${done ? "done" : "not done"} → ${status}`, () =>
      assert.equal(planItemStatus(month, current, done), status));
  }
});

test("each group tallies the reasons that put its members there", () => {
  const plan = generatePlan(
    [
      enterprise({ hasMajorHazardSource: true, category: "hazardous_chemicals" }),
      enterprise({ hasMajorHazardSource: true }),
      enterprise({ riskLevel: "significant", majorHazardsLastYear: 1 }),
    ],
    officers(2),
    rules,
  );
  const g = Object.fromEntries(plan.groups.map((x) => [x.key, x]));
  assert.deepEqual(g["key.orange"]?.keyReasons, [
    { reason: "major_hazard_source", enterprises: 2 },
    { reason: "hazardous_chemicals", enterprises: 1 },
  ]);
  assert.deepEqual(g["key.orange"]?.raisedBy, [{ reason: "major_hazard_source", enterprises: 2 }]);
  assert.deepEqual(g["key.red"]?.raisedBy, [{ reason: "major_hazard_last_year", enterprises: 1 }]);
  assert.deepEqual(g["general.blue"]?.keyReasons, []);
});
