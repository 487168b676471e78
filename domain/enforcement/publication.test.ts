import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Penalty } from "./procedure.js";
import { creditProposalReason, fenToYuan, maskName, maskNames, penaltyText, publishedPenalty, yuanText } from "./publication.js";

describe("masking natural persons' names (enforcement.md R9)", () => {
  for (const [name, masked] of [
    ["张三", "张*"],
    ["李小龙", "李**"],
    ["欧阳娜娜", "欧阳**"],
    ["欧阳", "欧*"], // two characters: 欧 is the surname, 阳 the given name
    ["司马光", "司马*"],
    ["王", "*"],
    [" 赵六 ", "赵*"],
    ["阿卜杜拉·买买提", "阿***·***"],
    ["John Smith", "J*** S****"],
    ["", ""],
  ] as const) {
    test(`${JSON.stringify(name)} → ${JSON.stringify(masked)}`, () => assert.equal(maskName(name), masked));
  }

  test("every occurrence of every known name, the longer name first", () => {
    const text = "经查，欧阳娜娜指使张三拆除护栏，张三未佩戴安全带；欧阳娜娜系主要负责人。";
    assert.equal(maskNames(text, ["张三", "欧阳娜娜", null, "欧阳"]), "经查，欧阳**指使张*拆除护栏，张*未佩戴安全带；欧阳**系主要负责人。");
  });

  test("one-character names are not replaced (they would mask ordinary words)", () => {
    assert.equal(maskNames("王某在场", ["王"]), "王某在场");
  });
});

describe("penalty text and amounts", () => {
  test("kinds in order, amounts as yuan with grouping", () => {
    const p: Penalty = {
      party: "unit",
      items: [
        { kind: "warning" },
        { kind: "fine", amountFen: 2_000_050 },
        { kind: "confiscation", amountFen: 100 },
        { kind: "suspension" },
      ],
    };
    assert.equal(penaltyText(p), "警告；罚款人民币20,000.50元；没收违法所得、非法财物人民币1.00元；责令停产停业整顿");
  });
  test("fen → yuan at the boundaries", () => {
    assert.deepEqual([fenToYuan(0), fenToYuan(5), fenToYuan(100), fenToYuan(123_456_789)], ["0.00", "0.05", "1.00", "1234567.89"]);
    assert.deepEqual([yuanText(99_999), yuanText(100_000), yuanText(123_456_789_00)], ["999.99", "1,000.00", "123,456,789.00"]);
  });
});

const enterprise = { name: "溧阳市某化工有限公司", uscc: "91320481MA1XXXXX0X", legalRepresentative: "欧阳娜娜", principalName: "李四" };
const violations = [
  {
    facts: "主要负责人李四未组织隐患排查，现场负责人张三未采取防护措施",
    provisionViolated: "《安全生产法》第二十一条",
    provisionApplied: "《安全生产法》第九十四条",
  },
  { facts: "二层平台护栏缺失", provisionViolated: "《安全生产法》第三十六条", provisionApplied: "《安全生产法》第九十九条" },
];

describe("the published record of a decision", () => {
  test("a unit: its name and USCC, the facts with persons masked, the basis, the penalty and the fine", () => {
    const p = publishedPenalty({
      penalty: { party: "unit", items: [{ kind: "fine", amountFen: 50_000_00 }] },
      enterprise,
      violations,
      persons: ["张三"],
    });
    assert.deepEqual(p, {
      partyName: "溧阳市某化工有限公司",
      uscc: "91320481MA1XXXXX0X",
      violation: "1. 主要负责人李*未组织隐患排查，现场负责人张*未采取防护措施；2. 二层平台护栏缺失",
      basis: "1. 违反《安全生产法》第二十一条，依据《安全生产法》第九十四条；2. 违反《安全生产法》第三十六条，依据《安全生产法》第九十九条",
      penalty: "罚款人民币50,000.00元",
      fineFen: 50_000_00,
    });
  });

  test("a natural person: the masked name, no code, the name nowhere in the text", () => {
    const p = publishedPenalty({
      penalty: { party: "person", partyName: "王小明", items: [{ kind: "fine", amountFen: 200_00 }] },
      enterprise,
      violations: [{ ...violations[1], facts: "王小明在二层平台作业未系安全带" } as (typeof violations)[number]],
    });
    assert.ok(p);
    assert.deepEqual([p.partyName, p.uscc, p.violation, p.fineFen], ["王**", null, "王**在二层平台作业未系安全带", 200_00]);
    assert.ok(!JSON.stringify(p).includes("王小明"));
  });

  test("a person party's name may come from the original decision when a changed penalty omits it; none at all → null", () => {
    const changed: Penalty = { party: "person", items: [{ kind: "warning" }] };
    assert.equal(publishedPenalty({ penalty: changed, partyName: "赵六", enterprise, violations })?.partyName, "赵*");
    assert.equal(publishedPenalty({ penalty: changed, enterprise, violations }), null);
  });

  test("long facts are cut to 300 characters", () => {
    const p = publishedPenalty({
      penalty: { party: "unit", items: [{ kind: "warning" }] },
      enterprise,
      violations: [{ ...violations[1], facts: "甲".repeat(400) } as (typeof violations)[number]],
    });
    assert.equal(p?.violation, `${"甲".repeat(300)}…`);
  });
});

test("a credit proposal's reason names the criterion, the case and the decision date (credit.md R2, R4)", () => {
  const r = creditProposalReason("C6", { caseNo: "溧应急罚〔2026〕3号", on: "2026-11-23" });
  assert.match(r, /C6/);
  assert.match(r, /未依法取得安全生产许可/);
  assert.match(r, /溧应急罚〔2026〕3号/);
  assert.match(r, /2026-11-23/);
});
