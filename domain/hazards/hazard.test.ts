import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { acceptedByRegulator, criteriaFor, criterionById, hazardMachine, planProblems, yuanToFen } from "./hazard.js";
import { sniffPhotoType, stripLocationMetadata } from "./photo.js";
import { jpegWithExif } from "./photo-fixtures.js";

const today = "2026-11-23";
const general = { measures: "加装防护栏", responsibleName: "李四", deadline: "2026-11-30" };
const major = {
  ...general,
  funds: "120000",
  contingency: "设置警戒区，配备应急器材",
  goal: "消除储罐区安全距离不足",
  organisation: "设备部",
  suspension: "partial" as const,
};
const codes = (p: { code: string }[]) => p.map((x) => x.code).sort();

describe("五落实 and the six-part plan (R6, R7)", () => {
  test("a general plan needs measures, a responsible person and a deadline later than today", () => {
    assert.deepEqual(planProblems("general", general, today), []);
    assert.deepEqual(codes(planProblems("general", {}, today)), [
      "hazards.plan.deadline_required",
      "hazards.plan.measures_required",
      "hazards.plan.responsibleName_required",
    ]);
    assert.deepEqual(codes(planProblems("general", { ...general, deadline: today }, today)), ["hazards.plan.deadline_past"]);
    assert.deepEqual(planProblems("general", { ...general, deadline: "2026-11-24" }, today), []);
    assert.deepEqual(codes(planProblems("general", { ...general, deadline: "2026-02-30" }, today)), ["hazards.plan.deadline_invalid"]);
  });

  test("funds are exact and never negative", () => {
    assert.equal(yuanToFen("350.5"), 35050);
    assert.equal(yuanToFen(0.1), 10);
    assert.equal(yuanToFen("12000"), 1200000);
    assert.equal(yuanToFen("1.234"), null);
    assert.deepEqual(codes(planProblems("general", { ...general, funds: -1 }, today)), ["hazards.plan.funds_negative"]);
    assert.deepEqual(codes(planProblems("general", { ...general, funds: "-0.01" }, today)), ["hazards.plan.funds_negative"]);
    assert.deepEqual(planProblems("general", { ...general, funds: 0 }, today), []);
  });

  test("worked example 6: a major hazard's plan lacking funds is refused; each of the six parts is required", () => {
    assert.deepEqual(planProblems("major", major, today), []);
    assert.deepEqual(codes(planProblems("major", { ...major, funds: null }, today)), ["hazards.plan.funds_required"]);
    for (const part of ["goal", "measures", "organisation", "contingency", "suspension"] as const) {
      assert.deepEqual(codes(planProblems("major", { ...major, [part]: null }, today)), [`hazards.plan.${part}_required`], part);
    }
  });
});

describe("the state machine as data", () => {
  test("accept and fix_on_spot close, reject returns to rectifying, void leaves any open state", () => {
    const t = hazardMachine.transitions;
    assert.deepEqual([t.set_plan.from, t.set_plan.to], [["reported"], "rectifying"]);
    assert.equal(t.accept.to, "accepted");
    assert.deepEqual(t.fix_on_spot.from, ["reported"]);
    assert.deepEqual([t.reject.from, t.reject.to], [["awaiting_acceptance"], "rectifying"]);
    assert.ok(!(t.void.from as readonly string[]).includes("accepted"));
  });

  test("a major or regulator-found hazard is accepted by the regulator", () => {
    assert.equal(acceptedByRegulator({ level: "general", source: "self_check" }), false);
    assert.equal(acceptedByRegulator({ level: "general", source: "regulator_inspection" }), true);
    assert.equal(acceptedByRegulator({ level: "major", source: "self_check" }), true);
  });
});

describe("major-hazard criteria library (R2)", () => {
  test("worked example 1: 10号令 Art. 3 item 2 applies to a 工贸 machinery plant and cites 第三条(二)", () => {
    const item = criteriaFor("industry_trade", "machinery").find((c) => c.id === "mem2023-10-a3-2");
    assert.equal(item?.ref, "应急管理部令第10号 第三条(二)");
    assert.match(item?.text ?? "", /特种作业人员/);
  });

  test("worked example 2: 121号 item 2 applies to a chemical plant, not to a 工贸 one", () => {
    const item = criterionById("aj2017-121-chem-2");
    assert.equal(item?.docNo, "安监总管三〔2017〕121号");
    assert.ok(criteriaFor("hazardous_chemicals").some((c) => c.id === "aj2017-121-chem-2"));
    assert.ok(!criteriaFor("industry_trade", "machinery").some((c) => c.id === "aj2017-121-chem-2"));
    assert.equal(criteriaFor("hazardous_chemicals").length, 20);
    assert.equal(criteriaFor("fireworks").length, 20);
  });

  test("industry articles apply only to their sub-category", () => {
    assert.ok(criteriaFor("industry_trade", "metallurgy").some((c) => c.id === "mem2023-10-a4-1"));
    assert.ok(!criteriaFor("industry_trade", "machinery").some((c) => c.id === "mem2023-10-a4-1"));
    assert.ok(criteriaFor("industry_trade", null).some((c) => c.id === "mem2023-10-a11-3"));
    assert.equal(criteriaFor("mining").length, 0);
  });
});

describe("photos", () => {
  test("the type comes from the content", () => {
    assert.equal(sniffPhotoType(jpegWithExif()), "image/jpeg");
    assert.equal(sniffPhotoType(new TextEncoder().encode("GIF89a........")), null);
  });

  test("a JPEG's APP1 Exif segment (GPS) is removed and everything else kept", () => {
    const src = jpegWithExif();
    const out = stripLocationMetadata("image/jpeg", src) as Uint8Array;
    const text = new TextDecoder("latin1").decode(out);
    assert.ok(!text.includes("GPSLatitude") && !text.includes("Exif"));
    assert.ok(text.includes("JFIF"));
    assert.equal(out.length, src.length - (4 + 27));
    assert.deepEqual([...out.subarray(-4)], [0x12, 0x34, 0xff, 0xd9]);
  });

  test("PNG eXIf and WebP EXIF chunks are removed", () => {
    const chunk = (type: string, data: number[]) => {
      const len = [0, 0, 0, data.length];
      return [...len, ...[...type].map((c) => c.charCodeAt(0)), ...data, 0, 0, 0, 0];
    };
    const png = Uint8Array.from([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...chunk("IHDR", [1, 2]),
      ...chunk("eXIf", [9, 9, 9]),
      ...chunk("IEND", []),
    ]);
    const p = stripLocationMetadata("image/png", png) as Uint8Array;
    assert.equal(p.length, png.length - 15);
    assert.ok(!new TextDecoder("latin1").decode(p).includes("eXIf"));

    const riffChunk = (fourcc: string, data: number[]) => [...[...fourcc].map((c) => c.charCodeAt(0)), data.length, 0, 0, 0, ...data];
    const body = [
      ...riffChunk("VP8X", [0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      ...riffChunk("VP8 ", [1, 2]),
      ...riffChunk("EXIF", [7, 7, 7, 7]),
    ];
    const webp = Uint8Array.from(
      [..."RIFF"]
        .map((c) => c.charCodeAt(0))
        .concat(
          [body.length + 4, 0, 0, 0],
          [..."WEBP"].map((c) => c.charCodeAt(0)),
          body,
        ),
    );
    const w = stripLocationMetadata("image/webp", webp) as Uint8Array;
    assert.equal(w.length, webp.length - 12);
    assert.equal(new DataView(w.buffer).getUint32(4, true), w.length - 8);
    assert.equal(w[20], 0); // VP8X EXIF flag cleared
  });

  test("a broken structure is refused", () => {
    assert.equal(stripLocationMetadata("image/jpeg", Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff])), null);
  });
});
