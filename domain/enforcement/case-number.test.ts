import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultCaseNumberTemplate, formatCaseNumber, parseCaseNumber, parseCaseNumberTemplate } from "./case-number.js";

describe("case numbers (案号): <dept short name>〔<year>〕<seq>号, template configurable", () => {
  test("the default format", () => {
    assert.equal(defaultCaseNumberTemplate, "{dept}〔{year}〕{seq}号");
    assert.equal(formatCaseNumber({ dept: "溧应急罚", year: 2026, seq: 12 }), "溧应急罚〔2026〕12号");
  });
  test("a deployment's own template, zero-padded", () => {
    const t = "〔{year}〕{dept}〔{seq:3}〕号";
    assert.equal(formatCaseNumber({ dept: "溧应急罚", year: 2026, seq: 12 }, t), "〔2026〕溧应急罚〔012〕号");
    assert.deepEqual(parseCaseNumber("〔2026〕溧应急罚〔012〕号", t), { dept: "溧应急罚", year: 2026, seq: 12 });
    assert.equal(formatCaseNumber({ dept: "常应急罚", year: 2026, seq: 1234 }, t), "〔2026〕常应急罚〔1234〕号");
  });
  test("formatting and parsing round-trip", () => {
    for (const seq of [1, 9, 10, 999, 1000]) {
      const parts = { dept: "常州应急罚", year: 2027, seq };
      assert.deepEqual(parseCaseNumber(formatCaseNumber(parts)), parts);
    }
  });
  const bad: [string, string][] = [
    ["溧应急罚[2026]12号", "other brackets"],
    ["溧应急罚〔26〕12号", "two-digit year"],
    ["溧应急罚〔2026〕号", "no sequence"],
    ["〔2026〕12号", "no department"],
    ["溧应急罚〔2026〕0号", "sequence 0"],
    ["溧应急罚〔2026〕12", "no 号"],
  ];
  for (const [text, name] of bad) test(`not a case number: ${name}`, () => assert.equal(parseCaseNumber(text), null));
  test("invalid parts are refused", () => {
    assert.throws(() => formatCaseNumber({ dept: "溧应急罚", year: 2026, seq: 0 }));
    assert.throws(() => formatCaseNumber({ dept: " ", year: 2026, seq: 1 }));
    assert.throws(() => formatCaseNumber({ dept: "溧应急罚", year: 26, seq: 1 }));
  });
  const templates: [string, boolean][] = [
    ["{dept}〔{year}〕{seq}号", true],
    ["{dept}{year}{seq}", false], // fields side by side cannot be read back
    ["{dept}〔{year}〕号", false],
    ["{dept}〔{year}〕{seq}{seq}号", false],
    ["{dept}〔{year:4}〕{seq}号", false],
    ["{dept}〔{yr}〕{seq}号", false],
    ["{dept}〔{year}〕{seq}号}", false],
  ];
  for (const [t, ok] of templates)
    test(`template ${t}: ${ok ? "valid" : "invalid"}`, () => assert.equal("tokens" in parseCaseNumberTemplate(t), ok));
});
