import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { casCheckDigitValid } from "./cas.js";
import { filingDue, reassessmentDue } from "./deadlines.js";
import { table1, table3 } from "./gb18218-tables.js";
import { alphaFor, computeUnit, type InputIssue, MajorHazardInputError, type SubstanceInput } from "./identification.js";
import * as X from "./rational.js";
import { rowsByCas, searchTable1, table3Cas } from "./substances.js";

// Worked examples are those of shared/domain/major-hazard-sources.md (numbered as there). β for 甲醇, 甲苯, 乙醇,
// 乙酸乙酯, 丙酮 and 正己烷 is Table 4 W5.3 = 1, as the user enters it (flammable liquid category 2).
const flammable = (name: string, q: number): SubstanceInput => ({ name, quantityTonnes: q, categories: ["W5.3"] });
const unit = (substances: SubstanceInput[], peopleExposed = 0) => computeUnit({ substances, peopleExposed });
const issuesOf = (fn: () => unknown): InputIssue[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof MajorHazardInputError) return e.issues;
    throw e;
  }
  assert.fail("expected a MajorHazardInputError");
};

describe("exact arithmetic (R5)", () => {
  test("0.7 + 0.2 + 0.1 is exactly 1, where floats give 0.9999999999999999", () => {
    assert.notEqual(0.7 + 0.2 + 0.1, 1);
    assert.deepEqual(X.sum([X.fromNumber(0.7), X.fromNumber(0.2), X.fromNumber(0.1)]), X.one);
    assert.deepEqual(X.decimal("1e-7"), { n: 1n, d: 10_000_000n });
  });

  test("shown figures are cut, never rounded across a threshold", () => {
    assert.equal(X.floorTo(X.div(X.int(99_999_999), X.int(10_000_000))), 9.999999);
    assert.equal(X.floorTo(X.div(X.int(2), X.int(3))), 0.666666);
  });
});

describe("identification: S = Σ q/Q ≥ 1 (R4, R5)", () => {
  test("example 1: 甲醇 300 + 甲苯 200 in one dike → S = 0.6 + 0.4 = 1, major though each alone is below Q", () => {
    const r = unit([flammable("甲醇", 300), flammable("甲苯", 200)]);
    assert.equal(r.S, 1);
    assert.equal(r.exact.S, "1");
    assert.equal(r.isMajor, true);
    assert.deepEqual(
      r.contributions.map((c) => [c.substance, c.source, c.row, c.Q, c.qOverQ]),
      [
        ["甲醇", "table1", 65, 500, 0.6],
        ["甲苯", "table1", 64, 500, 0.4],
      ],
    );
    assert.equal(r.standard, "GB 18218-2018");
  });

  test("example 2: the same with 甲苯 199 → S = 0.998, not major, no grade", () => {
    const r = unit([flammable("甲醇", 300), flammable("甲苯", 199)]);
    assert.deepEqual([r.S, r.isMajor, r.R, r.level], [0.998, false, null, null]);
  });

  test("example 3: 甲醇 300 in dike A and 甲苯 300 in dike B are two units, S = 0.6 each, neither major", () => {
    for (const r of [unit([flammable("甲醇", 300)]), unit([flammable("甲苯", 300)])]) assert.deepEqual([r.S, r.isMajor], [0.6, false]);
  });

  test("example 4: warehouse 乙醇 200, 乙酸乙酯 150, 丙酮 100, 正己烷 60 → S = 1.02 major; without 正己烷 0.90, not", () => {
    const four = [flammable("乙醇", 200), flammable("乙酸乙酯", 150), flammable("丙酮", 100), flammable("正己烷", 60)];
    assert.deepEqual(
      unit(four).contributions.map((c) => c.qOverQ),
      [0.4, 0.3, 0.2, 0.12],
    );
    assert.deepEqual([unit(four).S, unit(four).isMajor], [1.02, true]);
    assert.deepEqual([unit(four.slice(0, 3)).S, unit(four.slice(0, 3)).isMajor], [0.9, false]);
  });

  test("example 5: q/Q = 350/500 + 100/500 + 50/500 is exactly 1 → major (a float sum gives 0.9999999999999999)", () => {
    assert.notEqual(350 / 500 + 100 / 500 + 50 / 500, 1);
    const r = unit([flammable("甲醇", 350), flammable("乙醇", 100), flammable("丙酮", 50)]);
    assert.deepEqual([r.S, r.isMajor, r.exact.S], [1, true, "1"]);
  });

  test("example 6 — a single substance at, below and above Q: 液氨 10 (Q 10) major, 9.99 not, 10.01 major", () => {
    assert.equal(unit([{ name: "液氨", quantityTonnes: 10 }]).isMajor, true);
    assert.equal(unit([{ name: "液氨", quantityTonnes: 9.99 }]).isMajor, false);
    assert.equal(unit([{ name: "液氨", quantityTonnes: 10.01 }]).isMajor, true);
  });

  test("example 7: 95 % ethanol of the same category as ethanol counts whole: q 40 against Q 500", () => {
    const [c] = unit([flammable("乙醇", 40)]).contributions;
    assert.deepEqual([c?.q, c?.Q, c?.qOverQ, c?.row], [40, 500, 0.08, 67]);
  });

  test("a mixture crossing 1 only in sum: 液氯 3 (0.6) + 液氨 4 (0.4), each below its Q", () => {
    const r = unit([
      { name: "液氯", quantityTonnes: 3 },
      { name: "液氨", quantityTonnes: 4 },
    ]);
    assert.ok(r.contributions.every((c) => c.qOverQ < 1));
    assert.deepEqual([r.S, r.isMajor], [1, true]);
  });

  test("outside Table 1 the lowest Table 2 Q among its categories applies (example 8: W5.1 Q 10 and J4 Q 50 → 10)", () => {
    const [c] = unit([{ name: "某未列名液体", categories: ["J4", "W5.1"], quantityTonnes: 12 }], 100).contributions;
    assert.deepEqual([c?.source, c?.symbol, c?.Q, c?.qOverQ], ["table2", "W5.1", 10, 1.2]);
    // Order of entry does not matter; a single category uses its own Q.
    assert.equal(unit([{ categories: ["W5.1", "J4"], quantityTonnes: 12 }]).contributions[0]?.Q, 10);
    assert.equal(unit([{ categories: ["W9.2"], quantityTonnes: 12 }]).contributions[0]?.Q, 200);
  });
});

describe("grading: R = α·Σ β·q/Q (R6–R8)", () => {
  test("example 8: β = 2 under `max` (R = 4.8 at α 2); β = 1.5 under `governingCategory` (R = 3.6)", () => {
    const s: SubstanceInput[] = [{ name: "某未列名液体", categories: ["W5.1", "J4"], quantityTonnes: 12 }];
    const max = computeUnit({ substances: s, peopleExposed: 100 });
    assert.deepEqual([max.S, max.contributions[0]?.beta, max.contributions[0]?.betaKey, max.R, max.level], [1.2, 2, "J4", 4.8, 4]);
    const governing = computeUnit({ substances: s, peopleExposed: 100 }, { betaRule: "governingCategory" });
    assert.deepEqual([governing.contributions[0]?.beta, governing.contributions[0]?.betaKey, governing.R], [1.5, "W5.1", 3.6]);
  });

  test("example 9: 液氯 20 (β 4) + 液氨 15 (β 2), 120 people → S = 5.5, R = 2 × (16 + 3) = 38 → 三级", () => {
    const r = unit(
      [
        { name: "液氯", quantityTonnes: 20 },
        { name: "液氨", quantityTonnes: 15 },
      ],
      120,
    );
    assert.deepEqual([r.S, r.alpha, r.R, r.level], [5.5, 2, 38, 3]);
    assert.deepEqual(
      r.contributions.map((c) => [c.beta, c.betaSource, c.betaKey]),
      [
        [4, "table3", "氯"],
        [2, "table3", "氨"],
      ],
    );
  });

  test("R at each level boundary (examples 10–13): 100 一级, 99.6 二级, 50 二级, 49.92 三级, 10 三级, 9.996 四级", () => {
    const cases: [SubstanceInput, number, number][] = [
      [{ name: "液氨", quantityTonnes: 250 }, 100, 1],
      [{ name: "液氨", quantityTonnes: 249 }, 99.6, 2],
      [{ name: "液氯", quantityTonnes: 31.25 }, 50, 2],
      [{ name: "液氯", quantityTonnes: 31.2 }, 49.92, 3],
      [flammable("甲醇", 2500), 10, 3],
      [flammable("甲醇", 2499), 9.996, 4],
    ];
    for (const [s, R, level] of cases) {
      const r = unit([s], 100);
      assert.deepEqual([r.R, r.level], [R, level], `${s.name} ${s.quantityTonnes}`);
    }
  });

  test("example 14: 液氨 250 with 0 / 10 / 60 people → α 0.5 / 1.0 / 1.5 → R 25 三级 / 50 二级 / 75 二级", () => {
    const at = (people: number) => unit([{ name: "液氨", quantityTonnes: 250 }], people);
    assert.deepEqual(
      [0, 10, 60].map((p) => [at(p).alpha, at(p).R, at(p).level]),
      [
        [0.5, 25, 3],
        [1, 50, 2],
        [1.5, 75, 2],
      ],
    );
  });

  test("example 15 — α by exposure band: 0, 1, 29, 30, 49, 50, 99, 100 people", () => {
    assert.deepEqual(
      [0, 1, 29, 30, 49, 50, 99, 100, 5000].map((p) => X.floorTo(alphaFor(p))),
      [0.5, 1, 1, 1.2, 1.2, 1.5, 1.5, 2, 2],
    );
    assert.throws(() => alphaFor(-1), MajorHazardInputError);
    assert.throws(() => alphaFor(2.5), MajorHazardInputError);
  });

  test("example 16: LPG 60 (W2 β 1.5) + 氢 4 (β 1.5), 10 people → S = 2.0, R = 3 → 四级", () => {
    const r = unit(
      [
        { name: "液化石油气", categories: ["W2"], quantityTonnes: 60 },
        { name: "氢气", categories: ["W2"], quantityTonnes: 4 },
      ],
      10,
    );
    assert.deepEqual([r.S, r.R, r.level], [2, 3, 4]);
    assert.deepEqual(
      r.contributions.map((c) => [c.row, c.Q, c.beta, c.betaSource]),
      [
        [52, 50, 1.5, "table4"],
        [51, 5, 1.5, "table4"],
      ],
    );
  });

  test("β of a named toxic gas comes from Table 3, whatever its categories; others by category (Table 4)", () => {
    // 氯 is J3 (acute toxicity, gas: Table 4 β 2), but Table 3 names it: β 4.
    const chlorine = unit([{ name: "氯气", categories: ["J3"], quantityTonnes: 5 }]).contributions[0];
    assert.deepEqual([chlorine?.beta, chlorine?.betaSource, chlorine?.betaKey], [4, "table3", "氯"]);
    // 二氟化氧 (Table 1 row 2) is not in Table 3: its J1 category gives β 4.
    const of2 = unit([{ name: "二氟化氧", categories: ["J1"], quantityTonnes: 1 }]).contributions[0];
    assert.deepEqual([of2?.beta, of2?.betaSource, of2?.betaKey], [4, "table4", "J1"]);
    // 一氧化碳 is in Table 3 but not Table 1: Q by its categories, β 2 by CAS.
    const co = unit([{ cas: "630-08-0", categories: ["W2", "J3"], quantityTonnes: 10 }]).contributions[0];
    assert.deepEqual([co?.source, co?.Q, co?.beta, co?.betaSource], ["table2", 10, 2, "table3"]);
    // 煤气 (row 13, a CO mixture, no CAS): β 2 as 一氧化碳 (the spec's open point).
    const gas = unit([{ name: "煤气", quantityTonnes: 20 }]).contributions[0];
    assert.deepEqual([gas?.row, gas?.beta, gas?.betaKey], [13, 2, "一氧化碳"]);
  });

  test("a major unit needs each substance's β: a Table 1 chemical outside Table 3 without categories is refused", () => {
    const issues = issuesOf(() => unit([{ name: "甲醇", quantityTonnes: 600 }]));
    assert.deepEqual(issues, [{ path: "substances.0.categories", code: "major_hazard.beta_needs_categories", params: { name: "甲醇" } }]);
    // Below Q, β is not needed (R6: R only for S ≥ 1).
    const r = unit([{ name: "甲醇", quantityTonnes: 100 }]);
    assert.deepEqual([r.isMajor, r.contributions[0]?.beta], [false, null]);
  });
});

describe("finding the substance (R4, R9)", () => {
  test("CAS lookup, including rows with several CAS numbers (甲烷/天然气, 液化石油气)", () => {
    assert.equal(unit([{ cas: "7664-41-7", quantityTonnes: 1 }]).contributions[0]?.row, 1);
    for (const cas of ["74-82-8", "8006-14-2"]) assert.equal(unit([{ cas, quantityTonnes: 1 }]).contributions[0]?.row, 49, cas);
    for (const cas of ["68476-85-7", "74-98-6", "106-97-8"])
      assert.equal(unit([{ cas, quantityTonnes: 1 }]).contributions[0]?.row, 52, cas);
    assert.deepEqual(
      rowsByCas("106-97-8").map((r) => r.seq),
      [52],
    );
  });

  test("example 17: CAS 9004-70-0 alone is ambiguous (rows 37–42): the user must pick the row before Q is set", () => {
    const issues = issuesOf(() => unit([{ cas: "9004-70-0", quantityTonnes: 5 }]));
    assert.deepEqual(issues, [
      {
        path: "substances.0.tableRow",
        code: "major_hazard.cas_ambiguous",
        params: { cas: "9004-70-0", name: "", rows: "37, 38, 39, 40, 41, 42" },
      },
    ]);
    assert.deepEqual(issuesOf(() => unit([{ cas: "6484-52-2", quantityTonnes: 5 }]))[0]?.params?.rows, "43, 44");
    // Picking the row settles it: Q 1, 1, 10, 50, 50, 50 for rows 37–42.
    assert.deepEqual(
      [37, 38, 39, 40, 41, 42].map((row) => unit([{ tableRow: row, cas: "9004-70-0", quantityTonnes: 0.5 }]).contributions[0]?.Q),
      [1, 1, 10, 50, 50, 50],
    );
    // So does the row's full name.
    assert.equal(unit([{ cas: "9004-70-0", name: "硝化纤维素（含水 ≥25%)", quantityTonnes: 0.5 }]).contributions[0]?.row, 41);
  });

  test("rows that cover only what they describe are not picked by a bare name or CAS (甲醛 > 90 %, anhydrous HCl)", () => {
    const issues = issuesOf(() => unit([{ name: "甲醛", quantityTonnes: 1 }]));
    assert.deepEqual(issues[0], {
      path: "substances.0.tableRow",
      code: "major_hazard.row_restricted",
      params: { row: 8, name: "甲醛（含量＞90%)" },
    });
    assert.equal(issuesOf(() => unit([{ cas: "7647-01-0", quantityTonnes: 1 }]))[0]?.code, "major_hazard.row_restricted");
    // Chosen explicitly, it applies; given categories instead (37 % formalin), Table 2 does.
    assert.equal(unit([{ tableRow: 8, quantityTonnes: 1 }]).contributions[0]?.Q, 5);
    const formalin = unit([{ name: "甲醛", categories: ["J5"], quantityTonnes: 1 }]).contributions[0];
    assert.deepEqual([formalin?.source, formalin?.Q], ["table2", 500]);
    // 氯化氢（无水）named in full is row 11, and takes β 3 from Table 3 (氯化氢).
    const hcl = unit([{ name: "氯化氢(无水)", quantityTonnes: 20 }]).contributions[0];
    assert.deepEqual([hcl?.row, hcl?.beta], [11, 3]);
  });

  test("mismatches and unknowns name the field at fault", () => {
    assert.deepEqual(
      issuesOf(() => unit([{ cas: "67-56-1", name: "甲苯", quantityTonnes: 1 }])),
      [{ path: "substances.0.cas", code: "major_hazard.cas_name_mismatch", params: { cas: "67-56-1", name: "甲苯", rows: "64" } }],
    );
    assert.equal(issuesOf(() => unit([{ tableRow: 65, cas: "108-88-3", quantityTonnes: 1 }]))[0]?.code, "major_hazard.cas_not_in_row");
    assert.deepEqual(
      issuesOf(() => unit([{ name: "某未列名物质", quantityTonnes: 1 }])),
      [{ path: "substances.0.categories", code: "major_hazard.categories_required", params: { name: "某未列名物质" } }],
    );
    assert.equal(issuesOf(() => unit([{ name: "硝化棉", quantityTonnes: 1 }]))[0]?.code, "major_hazard.name_ambiguous");
    assert.deepEqual(
      issuesOf(() => unit([{ name: "甲醇", quantityTonnes: 0 }, { quantityTonnes: 1 }])).map((i) => [i.path, i.code]),
      [
        ["substances.0.quantityTonnes", "major_hazard.quantity_invalid"],
        ["substances.1", "major_hazard.substance_unidentified"],
      ],
    );
    assert.equal(issuesOf(() => unit([{ categories: ["W99"], quantityTonnes: 1 }]))[0]?.code, "major_hazard.category_unknown");
  });

  test("the picker finds Table 1 rows by name, alias or CAS", () => {
    assert.deepEqual(
      searchTable1("液氯").map((h) => [h.row, h.table3Beta]),
      [[12, "4"]],
    );
    assert.deepEqual(
      searchTable1("9004-70").map((h) => h.row),
      [37, 38, 39, 40, 41, 42],
    );
    assert.equal(
      searchTable1("硝化纤维素").every((h) => h.restricted),
      true,
    );
    assert.ok(searchTable1("天然气").some((h) => h.row === 49));
  });

  test("shipped tables: 85 rows of Table 1 with valid CAS numbers; every Table 3 gas mapped to a CAS in Table 1 but 一氧化碳", () => {
    assert.equal(table1.length, 85);
    assert.ok(table1.every((r) => r.cas.every(casCheckDigitValid)));
    assert.equal(casCheckDigitValid("7664-41-8"), false);
    for (const t of table3) {
      const cas = table3Cas[t.name];
      assert.equal(rowsByCas(cas).length, t.name === "一氧化碳" ? 0 : 1, t.name);
    }
  });
});

describe("duties", () => {
  test("example 18: report 2023-05-20 → re-assessment due 2026-05-20; a report of 2026-05-20 → 备案 due 2026-06-04", () => {
    assert.equal(reassessmentDue("2023-05-20"), "2026-05-20");
    assert.equal(filingDue("2026-05-20"), "2026-06-04");
    assert.equal(reassessmentDue("2024-02-29"), "2027-02-28");
  });

  test("example 19: a 二级 source whose toxic gases reach Σq/Q = 1.0 needs a QRA by a qualified body", () => {
    // 光气 0.3 t (Q 0.3, β 20) + 甲醇 2500 t (β 1), 100 people: R = 2 × (20 + 5) = 50 → 二级.
    const r = unit([{ name: "光气", quantityTonnes: 0.3 }, flammable("甲醇", 2500)], 100);
    assert.deepEqual([r.level, r.qra.toxicGasS, r.qra.required, r.qra.reasons], [2, 1, true, ["toxic_gas"]]);
    // Below 1 over its toxic gases, or a 三级 source, it does not.
    const less = unit([{ name: "光气", quantityTonnes: 0.29 }, flammable("甲醇", 3000)], 100);
    assert.deepEqual([less.level, less.qra.required], [2, false]);
    assert.deepEqual(unit([{ name: "液氯", quantityTonnes: 20 }], 10).qra, {
      required: false,
      reasons: [],
      toxicGasS: 4,
      explosiveOrLiquefiedFlammableGasS: 0,
    });
  });

  test("R10(二): a 一级 source holding liquefied flammable gas with Σq/Q ≥ 1 needs a QRA; 二级 does not", () => {
    // LPG 2000 t: S = 40, R = 2 × 1.5 × 40 = 120 → 一级.
    const lpg = unit([{ name: "液化石油气", categories: ["W2"], quantityTonnes: 2000 }], 100);
    assert.deepEqual([lpg.level, lpg.qra.reasons], [1, ["explosive_or_liquefied_flammable_gas"]]);
    const smaller = unit([{ name: "液化石油气", categories: ["W2"], quantityTonnes: 1000 }], 100);
    assert.deepEqual([smaller.level, smaller.qra.required], [2, false]);
  });
});
