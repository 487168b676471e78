import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { builtInPolicies, lecFourBandPolicy, lecPolicy, lsAPolicy, lsBPolicy } from "./builtin-policies.js";
import { levelRank, type RiskLevel } from "./levels.js";
import {
  type AssessResult,
  assess,
  type BoundaryConvention,
  bandOfScore,
  type RiskPolicy,
  RiskPolicy as RiskPolicySchema,
} from "./policy.js";

function graded(policy: RiskPolicy, factors: Record<string, unknown>): AssessResult {
  const out = assess(policy, factors);
  if (!out.ok) throw new Error(`refused: ${JSON.stringify(out.issues)}`);
  return out.result;
}

const withConvention = (policy: RiskPolicy, convention: BoundaryConvention) =>
  RiskPolicySchema.parse({ ...policy, id: `${policy.id}-${convention.toLowerCase()}`, convention }) as Extract<
    RiskPolicy,
    { kind: "product" }
  >;

describe("LEC, D = L × E × C (risk-assessment R3–R5, worked examples 1–12)", () => {
  const cases: [number, Record<string, number>, number, string, RiskLevel, string][] = [
    [1, { L: 10, E: 6, C: 7 }, 420, "extreme", "major", "red"],
    [2, { L: 3, E: 3, C: 40 }, 360, "extreme", "major", "red"],
    [3, { L: 3, E: 6, C: 15 }, 270, "high", "significant", "orange"],
    [4, { L: 10, E: 10, C: 3 }, 300, "high", "significant", "orange"],
    [5, { L: 6, E: 3, C: 7 }, 126, "considerable", "general", "yellow"],
    [6, { L: 6, E: 1, C: 15 }, 90, "considerable", "general", "yellow"],
    [7, { L: 1, E: 10, C: 7 }, 70, "considerable", "general", "yellow"],
    [9, { L: 10, E: 2, C: 1 }, 20, "possible", "low", "blue"],
    [10, { L: 3, E: 3, C: 1 }, 9, "slight", "low", "blue"],
    [11, { L: 0.1, E: 0.5, C: 1 }, 0.05, "slight", "low", "blue"],
  ];
  for (const [n, factors, score, band, level, colour] of cases) {
    test(`example ${n}: ${JSON.stringify(factors)} → D=${score}, ${band}, ${level}/${colour}`, () => {
      const r = graded(lecPolicy, factors);
      assert.deepEqual([r.score, r.band, r.level, r.colour, r.policyId, r.policyVersion], [score, band, level, colour, "lec", 1]);
      assert.equal(
        r.bandName.zh.slice(0, 4),
        { extreme: "极其危险", high: "高度危险", considerable: "显著危险", possible: "一般危险", slight: "稍有危险" }[band],
      );
    });
  }

  test("example 8: under upperInclusive D = 70 (10 × 1 × 7) is 一般危险, 低/蓝; the default keeps it 显著, 一般/黄", () => {
    const r = graded(withConvention(lecPolicy, "upperInclusive"), { L: 10, E: 1, C: 7 });
    assert.deepEqual([r.score, r.band, r.level, r.colour], [70, "possible", "low", "blue"]);
    assert.equal(graded(lecPolicy, { L: 10, E: 1, C: 7 }).band, "considerable");
  });

  test("example 9: D = 20 is 一般危险 under all three conventions", () => {
    for (const c of ["literalUp", "lowerInclusive", "upperInclusive"] as const)
      assert.equal(graded(withConvention(lecPolicy, c), { L: 10, E: 2, C: 1 }).band, "possible", c);
  });

  test("example 11: 0.1 × 0.5 × 1 is exactly 0.05, not a float approximation", () => {
    const r = graded(lecPolicy, { L: 0.1, E: 0.5, C: 1 });
    assert.equal(r.scoreText, "0.05");
    assert.equal(r.score, 0.05);
  });

  test("example 12: L = 5 is not in the L table → refused, naming the field and the allowed values", () => {
    const out = assess(lecPolicy, { L: 5, E: 6, C: 7 });
    assert.equal(out.ok, false);
    assert.deepEqual(!out.ok && out.issues, [
      { path: "factors.L", code: "risk.factor_value", params: { factor: "L", value: "5", allowed: "10, 6, 3, 1, 0.5, 0.2, 0.1" } },
    ]);
  });

  test("other invalid inputs: C = 2, a missing factor, a string, an unknown factor — each named", () => {
    const out = assess(lecPolicy, { L: "10", C: 2, X: 1 });
    assert.ok(!out.ok);
    assert.deepEqual(
      out.issues.map((i) => [i.path, i.code]),
      [
        ["factors.L", "risk.factor_value"],
        ["factors.E", "risk.factor_missing"],
        ["factors.C", "risk.factor_value"],
        ["factors.X", "risk.factor_unknown"],
      ],
    );
  });

  test("R4: with the standard values D takes 103 distinct values; 160 and 320 never occur, 70 and 20 do", () => {
    const products = new Set<string>();
    const [L, E, C] = lecPolicy.factors.map((f) => f.values.map((v) => v.value)) as [number[], number[], number[]];
    for (const l of L) for (const e of E) for (const c of C) products.add(graded(lecPolicy, { L: l, E: e, C: c }).scoreText);
    assert.equal(products.size, 103);
    assert.ok(!products.has("160") && !products.has("320"));
    assert.ok(products.has("70") && products.has("20"));
  });
});

describe("LEC band boundaries, both shipped variants × the three conventions (R4, R5, example 13)", () => {
  const ε = 0.000001;
  // [D, literalUp, lowerInclusive, upperInclusive] for the 5-band table "> 320 | 160–320 | 70–160 | 20–70 | < 20".
  const fiveBand: [number, string, string, string][] = [
    [320 + ε, "extreme", "extreme", "extreme"],
    [320, "high", "extreme", "high"],
    [320 - ε, "high", "high", "high"],
    [160 + ε, "high", "high", "high"],
    [160, "high", "high", "considerable"],
    [160 - ε, "considerable", "considerable", "considerable"],
    [70 + ε, "considerable", "considerable", "considerable"],
    [70, "considerable", "considerable", "possible"],
    [70 - ε, "possible", "possible", "possible"],
    [20 + ε, "possible", "possible", "possible"],
    [20, "possible", "possible", "possible"],
    [20 - ε, "slight", "slight", "slight"],
  ];
  // The 4-band table "> 320 | 160–320 | 70–160 | < 70": its lowest bound is printed, like 20 in the 5-band one.
  const fourBand: [number, string, string, string][] = [
    [320 + ε, "extreme", "extreme", "extreme"],
    [320, "high", "extreme", "high"],
    [320 - ε, "high", "high", "high"],
    [160, "high", "high", "considerable"],
    [160 - ε, "considerable", "considerable", "considerable"],
    [70 + ε, "considerable", "considerable", "considerable"],
    [70, "considerable", "considerable", "considerable"],
    [70 - ε, "low", "low", "low"],
    [0.01, "low", "low", "low"],
  ];
  const conventions = ["literalUp", "lowerInclusive", "upperInclusive"] as const;
  for (const [name, policy, table] of [
    ["lec (5 bands)", lecPolicy, fiveBand],
    ["lec-4band", lecFourBandPolicy, fourBand],
  ] as const) {
    for (const [i, convention] of conventions.entries()) {
      test(`${name}, ${convention}`, () => {
        const p = withConvention(policy, convention);
        for (const row of table) assert.equal(bandOfScore(p, row[0]).key, row[i + 1], `D = ${row[0]}`);
      });
    }
  }

  test("example 13: a custom policy reading raw D — 320 / 160 per convention", () => {
    const expected = { literalUp: ["high", "high"], lowerInclusive: ["extreme", "high"], upperInclusive: ["high", "considerable"] };
    for (const c of conventions) {
      const raw = RiskPolicySchema.parse({
        ...withConvention(lecPolicy, c),
        id: "raw-d",
        factors: [
          { key: "D", name: { zh: "D 值", en: "D" }, values: [320, 160].map((value) => ({ value, description: { zh: "D", en: "D" } })) },
        ],
      });
      assert.deepEqual([graded(raw, { D: 320 }).band, graded(raw, { D: 160 }).band], expected[c], c);
    }
  });

  test("R5(b): under the shipped convention both variants give every factor combination the same level", () => {
    const [L, E, C] = lecPolicy.factors.map((f) => f.values.map((v) => v.value)) as [number[], number[], number[]];
    for (const l of L)
      for (const e of E)
        for (const c of C) {
          const f = { L: l, E: e, C: c };
          assert.equal(graded(lecFourBandPolicy, f).level, graded(lecPolicy, f).level, JSON.stringify(f));
        }
  });
});

describe("LS matrix, R = L × S (R6, worked examples 14–20)", () => {
  const cases: [number, number, number, number, RiskLevel, RiskLevel | null][] = [
    [14, 4, 5, 20, "major", null],
    [15, 4, 4, 16, "significant", null],
    [16, 3, 4, 12, "significant", "general"],
    [17, 2, 5, 10, "significant", "general"],
    [18, 3, 3, 9, "general", "general"],
    [19, 2, 4, 8, "general", "low"],
    [20, 1, 3, 3, "low", null],
  ];
  for (const [n, l, s, r, b, a] of cases) {
    test(`example ${n}: L=${l} S=${s} → R=${r}, B ${b}${a ? `, A ${a}` : ""}`, () => {
      const underB = graded(lsBPolicy, { L: l, S: s });
      assert.deepEqual([underB.score, underB.level, underB.policyId], [r, b, "ls-b"]);
      if (a) assert.equal(graded(lsAPolicy, { L: l, S: s }).level, a);
    });
  }

  // R6 lists the differences as R = 4, 6, 8, 10, 12; R = 5 (1 × 5, 5 × 1) is attainable and differs too (B 一般, A 低).
  test("every attainable R under both band sets; B is never below A and they differ only at 4, 5, 6, 8, 10, 12", () => {
    const B: Record<number, RiskLevel> = {};
    const A: Record<number, RiskLevel> = {};
    for (let l = 1; l <= 5; l++)
      for (let s = 1; s <= 5; s++) {
        B[l * s] = graded(lsBPolicy, { L: l, S: s }).level;
        A[l * s] = graded(lsAPolicy, { L: l, S: s }).level;
      }
    assert.deepEqual(Object.keys(B).map(Number), [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25]);
    const by = (levels: RiskLevel[]) => Object.fromEntries(Object.keys(B).map((r, i) => [r, levels[i]]));
    // 1 2 3 | 4 5 6 8 9 | 10 12 15 16 | 20 25
    assert.deepEqual(
      B,
      by([
        "low",
        "low",
        "low",
        "general",
        "general",
        "general",
        "general",
        "general",
        "significant",
        "significant",
        "significant",
        "significant",
        "major",
        "major",
      ]),
    );
    // 1–8 低 | 9–12 一般 | 15–16 较大 | 20–25 重大
    assert.deepEqual(
      A,
      by([
        "low",
        "low",
        "low",
        "low",
        "low",
        "low",
        "low",
        "general",
        "general",
        "general",
        "significant",
        "significant",
        "major",
        "major",
      ]),
    );
    const differ = Object.keys(B)
      .map(Number)
      .filter((r) => A[r] !== B[r]);
    assert.deepEqual(differ, [4, 5, 6, 8, 10, 12]);
    for (const r of differ) assert.ok(levelRank(B[r] as RiskLevel) > levelRank(A[r] as RiskLevel));
  });

  test("L and S outside 1–5 are refused", () => {
    for (const f of [
      { L: 0, S: 3 },
      { L: 6, S: 3 },
      { L: 2.5, S: 3 },
      { L: 3, S: -1 },
    ])
      assert.equal(assess(lsBPolicy, f).ok, false);
  });
});

describe("policy documents", () => {
  test("the shipped policies: lec, lec-4band, ls-b, ls-a, version 1, valid documents", () => {
    assert.deepEqual(
      builtInPolicies.map((p) => `${p.id}@${p.version}`),
      ["lec@1", "lec-4band@1", "ls-b@1", "ls-a@1"],
    );
    for (const p of builtInPolicies) assert.ok(RiskPolicySchema.safeParse(p).success, p.id);
  });

  test("exact comparison where floats mislead: 0.7 × 0.1 meets a 0.07 threshold", () => {
    const p = RiskPolicySchema.parse({
      ...lsBPolicy,
      id: "tiny",
      factors: [
        { key: "A", name: { zh: "A", en: "A" }, values: [{ value: 0.7, description: { zh: "a", en: "a" } }] },
        { key: "B", name: { zh: "B", en: "B" }, values: [{ value: 0.1, description: { zh: "b", en: "b" } }] },
      ],
      bands: [
        { key: "major", min: 0.07, name: { zh: "高", en: "high" } },
        { key: "low", name: { zh: "低", en: "low" } },
      ],
      levelMapping: { id: "two", levels: { major: "major", low: "low" } },
    });
    assert.ok(0.7 * 0.1 < 0.07, "the float product falls short");
    const r = graded(p, { A: 0.7, B: 0.1 });
    assert.deepEqual([r.scoreText, r.band], ["0.07", "major"]);
  });

  test("a matrix policy grades by its cell, not by the product", () => {
    const levels = { 1: "low", 2: "general", 3: "significant", 4: "major" } as const;
    const matrix = RiskPolicySchema.parse({
      id: "ls-4x4",
      version: 1,
      kind: "matrix",
      method: "LS",
      name: { zh: "4×4 矩阵", en: "4×4 matrix" },
      factors: ["L", "S"].map((key) => ({
        key,
        name: { zh: key, en: key },
        values: [1, 2, 3, 4].map((value) => ({ value, description: { zh: String(value), en: String(value) } })),
      })),
      bands: Object.entries(levels).map(([k, level]) => ({ key: `b${k}`, name: { zh: level, en: level } })),
      cells: [
        ["b1", "b1", "b2", "b2"],
        ["b1", "b2", "b2", "b3"],
        ["b2", "b2", "b3", "b4"],
        ["b2", "b3", "b4", "b4"],
      ],
      levelMapping: { id: "m4", levels: { b1: "low", b2: "general", b3: "significant", b4: "major" } },
      effectiveFrom: "2025-01-01",
      source: "test",
    });
    assert.equal(matrix.directJudgment, true, "R8 on by default");
    assert.deepEqual(
      [graded(matrix, { L: 4, S: 1 }).level, graded(matrix, { L: 1, S: 4 }).level, graded(matrix, { L: 3, S: 4 }).level],
      ["general", "general", "major"],
    );
    assert.equal(graded(matrix, { L: 3, S: 4 }).score, 12);
  });

  test("malformed policies are refused with the offending path", () => {
    const issues = (doc: object) => {
      const r = RiskPolicySchema.safeParse(doc);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    };
    const bands = lecPolicy.bands;
    assert.deepEqual(issues({ ...lecPolicy, bands: [bands[1], bands[0], ...bands.slice(2)] }), ["bands.1.min risk.policy.band_order"]);
    assert.deepEqual(issues({ ...lecPolicy, bands: bands.slice(0, 4) }), [
      "bands.3.min risk.policy.lowest_band_min",
      "levelMapping.levels.slight risk.policy.unknown_band",
    ]);
    assert.deepEqual(issues({ ...lecPolicy, levelMapping: { id: "partial", levels: { extreme: "major" } } }), [
      "levelMapping.levels.high risk.policy.level_missing",
      "levelMapping.levels.considerable risk.policy.level_missing",
      "levelMapping.levels.possible risk.policy.level_missing",
      "levelMapping.levels.slight risk.policy.level_missing",
    ]);
    const [L, ...rest] = lecPolicy.factors as [RiskPolicy["factors"][number], ...RiskPolicy["factors"]];
    const sevenPlaces = { ...L, values: [...L.values, { value: 0.0000001, description: { zh: "x", en: "x" } }] };
    assert.deepEqual(issues({ ...lecPolicy, factors: [sevenPlaces, ...rest] }), ["factors.0.values.7.value risk.policy.decimals"]);
    const twice = { ...L, values: [...L.values, L.values[0]] };
    assert.deepEqual(issues({ ...lecPolicy, factors: [twice, ...rest] }), ["factors.0.values.7.value risk.policy.duplicate_value"]);
  });
});
