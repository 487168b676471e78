import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { criteriaItems } from "../hazards/criteria-library.js";
import { criterionById } from "../hazards/hazard.js";
import { builtinChecklistId, builtinChecklists, criterionQuestion } from "./builtin-checklists.js";
import { ChecklistContent, itemsOf } from "./checklist.js";

const byKey = (key: string) => {
  const c = builtinChecklists().find((b) => b.key === key);
  assert.ok(c, `built-in ${key}`);
  return c;
};

describe("built-in checklists from the 判定标准 library", () => {
  test("one template per category and per transcribed 工贸 article, plus the general on-site template", () => {
    assert.deepEqual(
      builtinChecklists().map((b) => b.key),
      [
        "major.hazardous_chemicals",
        "major.fireworks",
        "major.industry_trade.general",
        "major.industry_trade.metallurgy",
        "major.industry_trade.building_materials",
        "major.industry_trade.machinery",
        "major.industry_trade.dust_explosion",
        "major.industry_trade.ammonia_refrigeration",
        "major.industry_trade.confined_space",
        "site.general",
      ],
    );
  });

  test("every criterion of the library is one pass/fail item, a fail meaning 重大 with that criterion cited", () => {
    const items = builtinChecklists()
      .filter((b) => b.key.startsWith("major."))
      .flatMap((b) => itemsOf(b.content));
    assert.deepEqual(items.map((i) => i.id).sort(), criteriaItems.map((c) => c.id).sort());
    for (const it of items) {
      const c = criterionById(it.criterionId ?? "");
      assert.ok(c, it.id);
      assert.equal(it.type, "pass_fail");
      assert.equal(it.onFail, "major");
      assert.equal(it.clause?.standard, c.standard);
      assert.equal(it.clause?.number, c.docNo);
      assert.equal(it.clause?.version, c.version);
      assert.equal(`${c.docNo} ${it.clause?.article}`, c.ref);
    }
  });

  test("工贸 articles cite their 条 and item; 管理类 items are filed as 基础管理", () => {
    const general = byKey("major.industry_trade.general");
    assert.equal(general.category, "industry_trade");
    const first = itemsOf(general.content)[1];
    assert.equal(first?.clause?.article, "第三条(二)");
    assert.equal(first?.hazardCategory, "basic_management");
    const dust = itemsOf(byKey("major.industry_trade.dust_explosion").content);
    assert.equal(dust.length, 9);
    assert.equal(dust[0]?.clause?.article, "第十一条(一)");
    assert.equal(dust[0]?.hazardCategory, "site_management");
  });

  test("a criterion reads as a check; a cut-off transcription says so", () => {
    const chem2 = criterionById("aj2017-121-chem-2");
    assert.ok(chem2);
    assert.equal(criterionQuestion(chem2), "有无以下情形：特种作业人员未持证上岗");
    const cut = criteriaItems.find((c) => !c.complete);
    assert.ok(cut);
    assert.match(criterionQuestion(cut), /摘录不完整/);
  });

  test("the general on-site template: 20–35 items citing law or standards, with number limits and photo-on-fail items", () => {
    const site = byKey("site.general");
    const items = itemsOf(site.content);
    assert.ok(items.length >= 20 && items.length <= 35, String(items.length));
    assert.ok(items.every((i) => i.onFail !== "major" && i.criterionId === null));
    const fireLane = items.find((i) => i.id === "g-fire-lane");
    assert.equal(fireLane?.type, "number");
    assert.equal(fireLane?.min, 4);
    assert.ok(items.filter((i) => i.type === "number").length >= 3);
    assert.ok(items.filter((i) => i.photoOnFail).length >= 5);
    assert.ok(items.filter((i) => i.clause?.standard === "中华人民共和国安全生产法").length >= 8);
    assert.ok(items.some((i) => i.clause?.number === "GB 2894"));
    assert.ok(items.some((i) => i.clause?.number === "GB 50140"));
    assert.ok(items.some((i) => i.clause?.number === "GB 30871"));
  });

  test("every template passes the content schema unchanged, and ids are stable and distinct", () => {
    const ids = new Set<string>();
    for (const b of builtinChecklists()) {
      assert.deepEqual(ChecklistContent.parse(b.content), b.content);
      assert.equal(b.id, builtinChecklistId(b.key));
      assert.match(b.id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(b.id);
    }
    assert.equal(ids.size, builtinChecklists().length);
    // Pinned: a changed derivation would orphan every installed built-in.
    assert.equal(builtinChecklistId("site.general"), "620b2d38-4c08-8173-87bc-9c609bdc2062");
  });
});
