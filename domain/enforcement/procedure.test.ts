import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  hearingRight,
  hearingRightGrounds,
  heavierThanNotice,
  onTheSpotCollectionAllowed,
  type PartyKind,
  type Penalty,
  simpleProcedureAllowed,
} from "./procedure.js";
import { defaultEnforcementRules } from "./rules.js";

const fine = (party: PartyKind, yuan: number): Penalty => ({ party, items: [{ kind: "fine", amountFen: yuan * 100 }] });
const exclusive = { ...defaultEnforcementRules, simpleProcedureBoundInclusive: false };

describe("R3 简易程序 (行政处罚法 Art. 51; examples 1–3)", () => {
  const table: [string, Penalty, boolean][] = [
    ["example 1: a warning", { party: "person", items: [{ kind: "warning" }] }, true],
    ["example 1: a warning on a company", { party: "unit", items: [{ kind: "warning" }] }, true],
    ["example 1: fine ¥200 on an individual (bound included)", fine("person", 200), true],
    ["example 2: fine ¥201 on an individual → general procedure", fine("person", 201), false],
    ["example 3: fine ¥3,000 on a company", fine("unit", 3000), true],
    ["example 3: fine ¥3,001 on a company → general procedure", fine("unit", 3001), false],
    ["¥3,000 on an individual → general", fine("person", 3000), false],
    ["warning and ¥150", { party: "person", items: [{ kind: "warning" }, { kind: "fine", amountFen: 150_00 }] }, true],
    [
      "two fines adding up past ¥200",
      {
        party: "person",
        items: [
          { kind: "fine", amountFen: 150_00 },
          { kind: "fine", amountFen: 60_00 },
        ],
      },
      false,
    ],
    ["confiscation is never simple", { party: "person", items: [{ kind: "confiscation", amountFen: 10_00 }] }, false],
    ["nothing decided", { party: "person", items: [] }, false],
  ];
  for (const [name, penalty, want] of table) test(name, () => assert.equal(simpleProcedureAllowed(penalty), want));

  test("bounds excluded when configured (15号令 Art. 67 reading)", () => {
    assert.equal(simpleProcedureAllowed(fine("person", 200), undefined, exclusive), false);
    assert.equal(simpleProcedureAllowed(fine("person", 199), undefined, exclusive), true);
    assert.equal(simpleProcedureAllowed(fine("unit", 3000), undefined, exclusive), false);
  });
  test("facts not established or no legal basis → general procedure", () => {
    assert.equal(simpleProcedureAllowed(fine("person", 50), { factsEstablished: false, legalBasis: true }), false);
    assert.equal(simpleProcedureAllowed(fine("person", 50), { factsEstablished: true, legalBasis: false }), false);
  });
});

describe("R3 当场收缴 (行政处罚法 Art. 68; example 4)", () => {
  const table: [string, { simpleProcedure: boolean; fineFen: number; hardToCollectLater?: boolean }, boolean][] = [
    ["example 4: ¥100 by simple procedure", { simpleProcedure: true, fineFen: 100_00 }, true],
    ["¥101", { simpleProcedure: true, fineFen: 101_00 }, false],
    ["¥2,000 that would be hard to collect later", { simpleProcedure: true, fineFen: 2000_00, hardToCollectLater: true }, true],
    ["general procedure: never on the spot", { simpleProcedure: false, fineFen: 50_00 }, false],
    ["no fine", { simpleProcedure: true, fineFen: 0 }, false],
  ];
  for (const [name, p, want] of table) test(name, () => assert.equal(onTheSpotCollectionAllowed(p), want));
  test("¥100 excluded when bounds are exclusive", () =>
    assert.equal(onTheSpotCollectionAllowed({ simpleProcedure: true, fineFen: 100_00 }, exclusive), false));
});

describe("听证 right (行政处罚法 Art. 63; hearingThresholdUnit / hearingThresholdPerson)", () => {
  const table: [string, Penalty, string[]][] = [
    ["¥50,000 on a unit: 以上 includes the bound", fine("unit", 50_000), ["large_fine"]],
    ["¥49,999 on a unit", fine("unit", 49_999), []],
    ["¥20,000 on a person", fine("person", 20_000), ["large_fine"]],
    ["¥19,999 on a person", fine("person", 19_999), []],
    [
      "confiscation ¥60,000 from a unit",
      { party: "unit", items: [{ kind: "confiscation", amountFen: 60_000_00 }] },
      ["large_confiscation"],
    ],
    ["licence revoked", { party: "unit", items: [{ kind: "licence_revocation" }] }, ["qualification_or_licence"]],
    [
      "suspension (停产停业整顿)",
      { party: "unit", items: [{ kind: "suspension" }, { kind: "fine", amountFen: 10_000_00 }] },
      ["suspension_closure_restriction"],
    ],
    ["occupational restriction", { party: "person", items: [{ kind: "occupational_restriction" }] }, ["suspension_closure_restriction"]],
    ["another heavy penalty", { party: "unit", items: [{ kind: "warning" }], otherHeavy: true }, ["other_heavy"]],
    ["a warning", { party: "unit", items: [{ kind: "warning" }] }, []],
  ];
  for (const [name, penalty, want] of table) test(name, () => assert.deepEqual(hearingRightGrounds(penalty), want));
  test("a province's own thresholds", () => {
    const rules = { ...defaultEnforcementRules, hearingThresholdUnit: 100_000_00, hearingThresholdPerson: 5_000_00 };
    assert.equal(hearingRight(fine("unit", 50_000), rules), false);
    assert.equal(hearingRight(fine("person", 5_000), rules), true);
  });
});

describe("行政处罚法 Art. 45 ¶2: the decision is never heavier than the notice", () => {
  const noticed: Penalty = { party: "unit", items: [{ kind: "warning" }, { kind: "fine", amountFen: 30_000_00 }] };
  test("the same or lighter", () => {
    assert.equal(heavierThanNotice(noticed, noticed), null);
    assert.equal(heavierThanNotice(fine("unit", 20_000), noticed), null);
  });
  test("a larger fine", () => assert.equal(heavierThanNotice(fine("unit", 30_001), noticed), "larger_amount"));
  test("a kind not announced", () =>
    assert.equal(heavierThanNotice({ party: "unit", items: [{ kind: "suspension" }] }, noticed), "new_kind"));
});
