import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Role } from "../access/roles.js";
import { ChecklistContent, ChecklistItem } from "./checklist.js";
import {
  clauseText,
  findingOf,
  finishProblems,
  hazardSourceOf,
  inspectingBodyOf,
  resultOf,
  startableKinds,
  type TeamCandidate,
  teamProblems,
} from "./inspection.js";

const item = (over: Partial<ChecklistItem> & { id: string }) => ChecklistItem.parse({ question: "检查项目", type: "pass_fail", ...over });
const officer = (n: number, over: Partial<TeamCandidate> = {}): TeamCandidate => ({
  userId: `u${n}`,
  role: "regulator_inspector",
  status: "active",
  enforcementCertNo: `JF32048100${n}`,
  enterpriseId: null,
  ...over,
});
const codes = (p: { path: string; code: string }[]) => p.map((x) => `${x.path} ${x.code}`);

describe("who starts which kind", () => {
  const table: [Role, string[]][] = [
    ["admin", ["planned", "double_random", "complaint", "referral", "accident", "follow_up", "unannounced", "cross_area"]],
    ["regulator_leader", ["planned", "double_random", "complaint", "referral", "accident", "follow_up", "unannounced", "cross_area"]],
    ["regulator_inspector", ["planned", "double_random", "complaint", "referral", "accident", "follow_up", "unannounced", "cross_area"]],
    ["grid_member", ["planned", "complaint", "referral", "follow_up", "unannounced"]],
    ["enterprise_admin", ["self"]],
    ["enterprise_staff", ["self"]],
  ];
  for (const [role, kinds] of table)
    test(`${role}: ${kinds.join(", ")}`, () => assert.deepEqual([...startableKinds(role)].sort(), kinds.sort()));

  test("the inspecting body decides the hazards' source", () => {
    assert.equal(hazardSourceOf[inspectingBodyOf("self", "enterprise_staff")], "self_check");
    assert.equal(hazardSourceOf[inspectingBodyOf("planned", "grid_member")], "grid_patrol");
    assert.equal(hazardSourceOf[inspectingBodyOf("double_random", "regulator_inspector")], "regulator_inspection");
    assert.equal(hazardSourceOf[inspectingBodyOf("complaint", "admin")], "regulator_inspection");
  });
});

describe("the team (行政处罚法 Art. 42: at least two 执法人员)", () => {
  test("two certified regulators: fine", () => assert.deepEqual(teamProblems("regulator", "e1", [officer(1), officer(2)]), []));
  test("one inspector is refused", () =>
    assert.deepEqual(codes(teamProblems("regulator", "e1", [officer(1)])), ["inspectorIds inspections.two_inspectors"]));
  test("the same inspector twice counts once", () =>
    assert.deepEqual(codes(teamProblems("regulator", "e1", [officer(1), officer(1)])), ["inspectorIds inspections.two_inspectors"]));
  test("no certificate, a blank one, a grid member, a disabled account", () =>
    assert.deepEqual(
      codes(
        teamProblems("regulator", "e1", [
          officer(1, { enforcementCertNo: null }),
          officer(2, { enforcementCertNo: "  " }),
          officer(3, { role: "grid_member" }),
          officer(4, { status: "disabled" }),
          officer(5),
        ]),
      ),
      [
        "inspectorIds.0 inspections.inspector_no_cert",
        "inspectorIds.1 inspections.inspector_no_cert",
        "inspectorIds.2 inspections.inspector_not_regulator",
        "inspectorIds.3 inspections.inspector_inactive",
      ],
    ));
  test("a grid patrol may be one grid member; a self-inspection only the enterprise's own accounts", () => {
    assert.deepEqual(teamProblems("grid", "e1", []), []);
    assert.deepEqual(codes(teamProblems("grid", "e1", [officer(1)])), ["inspectorIds.0 inspections.inspector_not_grid"]);
    assert.deepEqual(teamProblems("enterprise", "e1", [officer(1, { role: "enterprise_staff", enterpriseId: "e1" })]), []);
    assert.deepEqual(codes(teamProblems("enterprise", "e1", [officer(1, { role: "enterprise_staff", enterpriseId: "e2" })])), [
      "inspectorIds.0 inspections.inspector_not_enterprise",
    ]);
  });
});

describe("finish preconditions", () => {
  const content = ChecklistContent.parse({
    sections: [
      {
        id: "s1",
        title: "现场",
        items: [
          item({ id: "a", photoOnFail: true }),
          item({ id: "b", type: "number", min: 4, unit: "m" }),
          item({ id: "c", type: "photo" }),
        ],
      },
    ],
  });
  const inspectors = [
    { userId: "u1", name: "张三" },
    { userId: "u2", name: "李四" },
  ];
  const signed = [
    { signer: "inspector" as const, name: "张三", userId: "u1" },
    { signer: "inspector" as const, name: "李四", userId: null },
    { signer: "enterprise" as const, name: "王五", userId: null },
  ];
  const base = {
    body: "regulator" as const,
    content,
    inspectors,
    signatures: signed,
    photoItems: new Set(["c"]),
    answers: [
      { itemId: "a", outcome: "pass" as const },
      { itemId: "b", outcome: "fail" as const },
      { itemId: "c", outcome: "pass" as const },
    ],
  };
  test("all answered, signed by both inspectors (by id or by name) and the enterprise: may finish", () =>
    assert.deepEqual(finishProblems(base), []));
  test("an unanswered item and one answered with no outcome are named", () =>
    assert.deepEqual(codes(finishProblems({ ...base, answers: [{ itemId: "a", outcome: null }, base.answers[1] as never] })), [
      "responses.a inspections.item_unanswered",
      "responses.c inspections.item_unanswered",
    ]));
  test("不适用 is an answer", () =>
    assert.deepEqual(
      finishProblems({ ...base, photoItems: new Set(), answers: base.answers.map((a) => ({ ...a, outcome: "na" as const })) }),
      [],
    ));
  test("a fail with photoOnFail and a photo item need a photo", () =>
    assert.deepEqual(
      codes(
        finishProblems({
          ...base,
          photoItems: new Set(),
          answers: [{ itemId: "a", outcome: "fail" }, base.answers[1] as never, base.answers[2] as never],
        }),
      ),
      ["photos.a inspections.photo_required", "photos.c inspections.photo_required"],
    ));
  test("missing signatures: the enterprise's and each inspector's", () =>
    assert.deepEqual(codes(finishProblems({ ...base, signatures: [signed[0] as never] })), [
      "signatures inspections.signature_enterprise",
      "signatures.inspectors.1 inspections.signature_inspector",
    ]));
  test("a self-inspection needs the enterprise's signature only", () =>
    assert.deepEqual(finishProblems({ ...base, body: "enterprise", signatures: [signed[2] as never] }), []));
  test("the result follows the answers", () => {
    assert.deepEqual(resultOf(base.answers), { result: "problems_found", problem: null });
    assert.deepEqual(resultOf(base.answers, "passed"), { result: "problems_found", problem: "inspections.result_conflict" });
    assert.deepEqual(resultOf([{ itemId: "a", outcome: "pass" }]), { result: "passed", problem: null });
  });
});

describe("what a failed item becomes (hazards.md R2)", () => {
  const applies = (id: string) => id === "aj2017-121-chem-1";
  test("note → no hazard; general → 一般", () => {
    assert.equal(findingOf(item({ id: "n", onFail: "note" }), applies), null);
    assert.deepEqual(findingOf(item({ id: "g" }), applies), { level: "general", criterionId: null, criterionNotApplicable: null });
  });
  test("a criterion that applies → 重大 citing it; one that does not → 一般, saying so", () => {
    assert.deepEqual(findingOf(item({ id: "m", onFail: "major", criterionId: "aj2017-121-chem-1" }), applies), {
      level: "major",
      criterionId: "aj2017-121-chem-1",
      criterionNotApplicable: null,
    });
    assert.deepEqual(findingOf(item({ id: "m", onFail: "major", criterionId: "mem2023-10-3-2" }), applies), {
      level: "general",
      criterionId: null,
      criterionNotApplicable: "mem2023-10-3-2",
    });
  });
  test("the clause as one line", () => {
    assert.equal(
      clauseText(item({ id: "x", clause: { standard: "安全生产法", number: "", version: "", article: "第四十一条" } })),
      "《安全生产法》 第四十一条",
    );
    assert.equal(
      clauseText(item({ id: "x", clause: { standard: "GB 30871-2022", number: "", version: "", article: "5.2.1" } })),
      "GB 30871-2022 5.2.1",
    );
    assert.equal(clauseText(item({ id: "x" })), null);
  });
});
