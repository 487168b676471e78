import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyEvent, type CaseEvent, caseState } from "./case.js";
import {
  atMaximum,
  defaultFiveBatchTags,
  fiveBatchTagsOf,
  fourAlwaysChecklist,
  maximumReasonMissing,
  parseFiveBatchTags,
} from "./outcomes.js";
import type { Penalty } from "./procedure.js";

const TODAY = "2026-12-31";
function build(events: CaseEvent[]): CaseEvent[] {
  let list: CaseEvent[] = [];
  for (const e of events) {
    const r = applyEvent(list, e, TODAY);
    if (!r.ok) assert.fail(`${e.type} refused: ${r.refusal.code}`);
    list = r.events;
  }
  return list;
}
const fineOf = (yuan: number, maxYuan: number, reason?: string): Penalty => ({
  party: "unit",
  items: [{ kind: "fine", amountFen: yuan * 100, legalMaxFen: maxYuan * 100, ...(reason ? { belowMaximumReason: reason } : {}) }],
});
const illegal: CaseEvent = { type: "opened", on: "2026-03-02", source: "inspection", illegalProduction: true };

describe("R7 四个一律 on an illegal_production case", () => {
  test("a fine below the legal maximum needs a written reason; at the maximum it does not", () => {
    assert.equal(maximumReasonMissing(fineOf(100_000, 200_000), true), true);
    assert.equal(maximumReasonMissing(fineOf(100_000, 200_000, "首次违法且主动消除后果"), true), false);
    assert.equal(maximumReasonMissing(fineOf(200_000, 200_000), true), false);
    assert.equal(maximumReasonMissing(fineOf(100_000, 200_000), false), false);
    assert.equal(maximumReasonMissing({ party: "unit", items: [{ kind: "fine", amountFen: 1 }] }, true), false); // no maximum given
  });
  test("the case refuses a notice below the maximum without a reason", () => {
    const filed = build([illegal, { type: "filed", on: "2026-03-02" }]);
    const r = applyEvent(filed, { type: "penalty_notice", on: "2026-03-02", penalty: fineOf(100_000, 200_000) }, TODAY);
    assert.ok(!r.ok && r.refusal.code === "maximum_reason_required");
    assert.ok(applyEvent(filed, { type: "penalty_notice", on: "2026-03-02", penalty: fineOf(100_000, 200_000, "减轻情节") }, TODAY).ok);
  });
  test("the checklist follows the events", () => {
    assert.equal(fourAlwaysChecklist(caseState([{ ...illegal, illegalProduction: false }])), null);
    assert.deepEqual(
      fourAlwaysChecklist(caseState([illegal]))?.map((i) => i.done),
      [false, false, false, false],
    );
    const list = build([
      illegal,
      { type: "onsite_measures", on: "2026-03-02", measures: ["suspend_production"], suspensionUntil: "2026-06-01" },
      { type: "filed", on: "2026-03-02" },
      { type: "penalty_notice", on: "2026-03-02", penalty: fineOf(200_000, 200_000) },
      { type: "decision_issued", on: "2026-03-10", penalty: fineOf(200_000, 200_000) },
      { type: "criminal_referral", on: "2026-03-11" },
      { type: "closure_proposed", on: "2026-03-11" },
    ]);
    assert.deepEqual(fourAlwaysChecklist(caseState(list)), [
      { item: "close_and_ban", done: true },
      { item: "maximum_fine", done: true },
      { item: "suspend_for_rectification", done: true },
      { item: "criminal_referral", done: true },
    ]);
  });
  test("at the maximum means every fine item with a maximum is at it", () => {
    assert.equal(atMaximum(fineOf(200_000, 200_000)), true);
    assert.equal(atMaximum(fineOf(199_999, 200_000)), false);
    assert.equal(atMaximum({ party: "unit", items: [{ kind: "fine", amountFen: 5 }] }), false);
  });
});

describe("R8 五个一批 tags (configurable)", () => {
  test("the default set", () => {
    assert.deepEqual(
      defaultFiveBatchTags.map((t) => t.label),
      ["停产整顿一批", "关闭取缔一批", "上限处罚一批", "追责问责一批", "曝光一批"],
    );
  });
  test("derived from the case, plus hand-set tags the set knows", () => {
    const list = build([
      { ...illegal, illegalProduction: false },
      { type: "filed", on: "2026-03-02" },
      { type: "penalty_notice", on: "2026-03-02", penalty: fineOf(200_000, 200_000) },
      { type: "decision_issued", on: "2026-03-10", penalty: fineOf(200_000, 200_000) },
      { type: "publication", on: "2026-03-11" },
    ]);
    const s = caseState(list);
    assert.deepEqual(fiveBatchTagsOf(s), ["maximum_penalty", "exposure"]);
    assert.deepEqual(fiveBatchTagsOf(s, defaultFiveBatchTags, ["accountability", "unknown"]), [
      "maximum_penalty",
      "accountability",
      "exposure",
    ]);
    const own = [
      { key: "interview", label: "约谈一批" },
      { key: "exposed", label: "曝光", derivedFrom: "exposure" as const },
    ];
    assert.deepEqual(fiveBatchTagsOf(s, own, ["interview"]), ["interview", "exposed"]);
  });
});

test("FIVE_BATCH_TAGS: key:label[:signal] pairs, empty → the defaults, bad sets refused", () => {
  assert.equal(parseFiveBatchTags(" "), defaultFiveBatchTags);
  assert.deepEqual(parseFiveBatchTags("suspension:停产整顿一批:suspension, talks:约谈一批"), [
    { key: "suspension", label: "停产整顿一批", derivedFrom: "suspension" },
    { key: "talks", label: "约谈一批" },
  ]);
  assert.throws(() => parseFiveBatchTags("a:甲:nonsense"), /signal/);
  assert.throws(() => parseFiveBatchTags("a:甲,a:乙"), /repeated/);
  assert.throws(() => parseFiveBatchTags("a"), /key:label/);
});
