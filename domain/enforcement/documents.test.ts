import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { documentKinds, documentTitles } from "./case.js";
import {
  builtinWording,
  chineseDate,
  DocumentTemplatePut,
  documentAbbreviations,
  documentPlaceholders,
  documentSlots,
  effectiveWording,
  fillTemplate,
  formatDocumentNumber,
  listsAfter,
  penaltyItemText,
  placeholdersIn,
  rmbUpper,
  wordingProblems,
} from "./documents.js";

describe("document numbers", () => {
  test("place + kind of the department, the kind's abbreviation, year and sequence", () => {
    assert.equal(
      formatDocumentNumber({ deptShort: "溧应急", abbr: documentAbbreviations.rectification_order, year: 2026, seq: 1 }),
      "溧应急责改〔2026〕1号",
    );
    assert.equal(
      formatDocumentNumber({ deptShort: "溧建", abbr: documentAbbreviations.penalty_decision, year: 2027, seq: 12 }),
      "溧建罚决〔2027〕12号",
    );
  });

  test("every kind has its own abbreviation", () => {
    assert.equal(new Set(Object.values(documentAbbreviations)).size, documentKinds.length);
  });
});

describe("人民币大写", () => {
  const table: [number, string][] = [
    [0, "零元整"],
    [5, "伍分"],
    [50, "伍角"],
    [1_00, "壹元整"],
    [10_05, "壹拾元零伍分"],
    [10_50, "壹拾元伍角"],
    [1005_00, "壹仟零伍元整"],
    [1010_00, "壹仟零壹拾元整"],
    [3000_00, "叁仟元整"],
    [20000_50, "贰万元伍角"],
    [100000_00, "壹拾万元整"],
    [105000_00, "壹拾万伍仟元整"],
    [1000001_00, "壹佰万零壹元整"],
    [10010000_00, "壹仟零壹万元整"],
    [100000000_00, "壹亿元整"],
    [100001000_00, "壹亿零壹仟元整"],
    [123456789_12, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"],
  ];
  for (const [fen, upper] of table) test(`${fen} fen → ${upper}`, () => assert.equal(rmbUpper(fen), upper));

  test("refuses what is no amount", () => {
    assert.throws(() => rmbUpper(-1), RangeError);
    assert.throws(() => rmbUpper(1.5), RangeError);
  });

  test("penalty items as a decision states them", () => {
    assert.equal(penaltyItemText({ kind: "fine", amountFen: 100000_00 }), "罚款人民币壹拾万元整（¥100,000.00）");
    assert.equal(penaltyItemText({ kind: "warning" }), "警告");
    assert.equal(penaltyItemText({ kind: "suspension" }), "责令停产停业整顿");
  });
});

describe("wording", () => {
  test("fillTemplate replaces known placeholders and leaves unknown ones visible", () => {
    assert.equal(
      fillTemplate("责令{enterprise}于{deadline}前整改", { enterprise: "甲公司", deadline: "2026年12月23日" }),
      "责令甲公司于2026年12月23日前整改",
    );
    assert.equal(fillTemplate("{a}{b}{a}", { a: "x" }), "x{b}x");
    assert.equal(fillTemplate("{toString}", {}), "{toString}");
  });

  test("the built-in wording of every kind has a title, uses only the placeholders the server fills, and lists after a real slot", () => {
    for (const kind of documentKinds) {
      const w = builtinWording[kind] as Record<string, string>;
      assert.equal(w.title, documentTitles[kind]);
      assert.deepEqual(documentSlots[kind], Object.keys(w));
      for (const [slot, text] of Object.entries(w)) {
        for (const p of placeholdersIn(text)) assert.ok(documentPlaceholders[kind].includes(p), `${kind}.${slot}: {${p}}`);
      }
      const after = listsAfter[kind];
      assert.ok(after === null || documentSlots[kind].includes(after), kind);
      assert.deepEqual(wordingProblems(kind, w), []);
    }
  });

  test("the legal-basis placeholder reaches every kind's page", () => {
    for (const kind of documentKinds) {
      const text = Object.values(builtinWording[kind]).join("");
      assert.ok(listsAfter[kind] !== null || text.includes("{basis}"), kind);
    }
  });

  test("a deployment's slots lie over the built-in wording", () => {
    const w = effectiveWording("rectification_order", { footer: "本指令书一式三份。" });
    assert.equal(w.footer, "本指令书一式三份。");
    assert.equal(w.order, builtinWording.rectification_order.order);
    assert.deepEqual(effectiveWording("penalty_notice", null), builtinWording.penalty_notice);
  });

  test("refused wording: unknown slot, empty, too long, a placeholder the kind does not fill", () => {
    assert.deepEqual(
      wordingProblems("rectification_order", {
        nonsense: "x",
        footer: "  ",
        order: "x".repeat(2001),
        rights: "复议：{reconsiderationBody}；罚款：{penalty}",
        opening: "{enterprise}：",
      }),
      [
        { slot: "nonsense", code: "document_template.unknown_slot" },
        { slot: "footer", code: "document_template.empty" },
        { slot: "order", code: "document_template.too_long" },
        { slot: "rights", code: "document_template.unknown_placeholder", params: { name: "penalty" } },
      ],
    );
    assert.deepEqual(wordingProblems("rectification_order", { order: "x".repeat(2000) }), []);
  });

  test("the PUT body trims, refuses empty texts and a negative version", () => {
    assert.equal(DocumentTemplatePut.safeParse({ version: 0, wording: { footer: " a " } }).data?.wording.footer, "a");
    assert.equal(DocumentTemplatePut.safeParse({ version: 0, wording: { footer: " " } }).success, false);
    assert.equal(DocumentTemplatePut.safeParse({ version: -1, wording: {} }).success, false);
  });

  test("dates as the documents write them", () => {
    assert.equal(chineseDate("2026-03-02"), "2026年3月2日");
    assert.equal(chineseDate("2026-11-23"), "2026年11月23日");
  });
});
