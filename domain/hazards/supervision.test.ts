import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Role } from "../access/roles.js";
import { parseHolidays } from "../common/calendar.js";
import { SupervisionDelistInput, SupervisionListInput } from "./supervision.dto.js";
import {
  actsForListing,
  daysLeft,
  defaultListingLevel,
  defaultUnitName,
  listableLevels,
  resumptionReviewDue,
  supersedesListing,
  supervisionLevelOfRegion,
  unitRegionOf,
} from "./supervision.js";

const who = (role: Role, regionCode: string | null = null) => ({ role, regionCode });

describe("挂牌督办 levels (R10)", () => {
  test("a regulator lists at its own level; an administrator at any; township regulators and others not at all", () => {
    const cases: [ReturnType<typeof who>, string[], string | null][] = [
      [who("admin"), ["county", "city", "province"], "county"],
      [who("regulator_leader", "3204"), ["city"], "city"],
      [who("regulator_inspector", "3204"), ["city"], "city"],
      [who("regulator_inspector", "320481"), ["county"], "county"],
      [who("regulator_inspector", "320481002"), [], null],
      [who("grid_member", "320481002"), [], null],
      [who("enterprise_admin"), [], null],
      [who("enterprise_staff"), [], null],
    ];
    for (const [actor, levels, def] of cases) {
      assert.deepEqual(listableLevels(actor), levels, `${actor.role} ${actor.regionCode}`);
      assert.equal(defaultListingLevel(actor), def, `${actor.role} ${actor.regionCode}`);
    }
  });

  test("region codes map to levels by length (province 2, city 4, county 6; none below)", () => {
    assert.deepEqual(["32", "3204", "320481", "320481002", "320481002001", null].map(supervisionLevelOfRegion), [
      "province",
      "city",
      "county",
      null,
      null,
      null,
    ]);
    assert.equal(unitRegionOf("320481002001", "county"), "320481");
    assert.equal(unitRegionOf("320481002001", "city"), "3204");
    assert.equal(unitRegionOf("320481002001", "province"), "32");
    assert.equal(defaultUnitName("溧阳市"), "溧阳市安全生产委员会办公室");
  });

  test("a listing is acted on by a regulator containing the hazard at the listing's level or above", () => {
    const h = "320481002001";
    const cases: [ReturnType<typeof who>, "county" | "city" | "province", boolean][] = [
      [who("regulator_inspector", "320481"), "county", true],
      [who("regulator_leader", "3204"), "county", true],
      [who("regulator_inspector", "320481"), "city", false], // below the listing's level
      [who("regulator_inspector", "320481002"), "county", false], // township
      [who("regulator_inspector", "320402"), "county", false], // another county
      [who("regulator_leader", "3204"), "province", false],
      [who("admin"), "province", true],
      [who("enterprise_admin"), "county", false],
      [who("grid_member", "320481"), "county", false],
    ];
    for (const [actor, level, ok] of cases) assert.equal(actsForListing(actor, level, h), ok, `${actor.role} ${actor.regionCode} ${level}`);
  });
});

describe("resumption review due (R9, 16号令 Art. 23)", () => {
  test("worked example 7: received 2026-03-02 → on-site review due 2026-03-12", () => {
    assert.equal(resumptionReviewDue("2026-03-02"), "2026-03-12");
  });

  test("counted from the day after receipt, across month and year ends; holidays extend only when configured", () => {
    assert.equal(resumptionReviewDue("2026-02-25"), "2026-03-07");
    assert.equal(resumptionReviewDue("2026-12-28"), "2027-01-07");
    assert.equal(resumptionReviewDue("2026-09-21"), "2026-10-01", "default: a holiday does not extend the period");
    const national = ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"];
    assert.equal(resumptionReviewDue("2026-09-21", { holidays: national }), "2026-10-08", "民法典 Art. 203");
    assert.equal(resumptionReviewDue("2026-03-02", { holidays: national }), "2026-03-12");
  });

  test("countdown: positive before the deadline, 0 on the day, negative once past", () => {
    assert.equal(daysLeft("2026-12-01", "2026-11-23"), 8);
    assert.equal(daysLeft("2026-11-23", "2026-11-23"), 0);
    assert.equal(daysLeft("2026-11-20", "2026-11-23"), -3);
  });
});

describe("HOLIDAYS as a deployment writes it", () => {
  test("days and inclusive ranges, sorted, without duplicates", () => {
    assert.deepEqual(parseHolidays(""), { days: [] });
    assert.deepEqual(parseHolidays(" 2027-01-01 , 2026-10-01..2026-10-03,2026-10-02"), {
      days: ["2026-10-01", "2026-10-02", "2026-10-03", "2027-01-01"],
    });
    const parsed = parseHolidays("2026-09-30..2026-10-02");
    assert.ok("days" in parsed);
    assert.equal(resumptionReviewDue("2026-09-20", { holidays: parsed.days }), "2026-10-03");
  });
  test("a day that does not exist, a backward or oversized range, or stray text is refused", () => {
    for (const bad of ["2026-02-30", "2026-10-07..2026-10-01", "2026-01-01..2027-12-31", "2026-10-01..2026-10-02..2026-10-03", "十一"]) {
      assert.ok("error" in parseHolidays(bad), bad);
    }
  });
});

describe("a regulator's listing over the active one (R10, R12)", () => {
  test("a higher level raises any listing; the automatic one is taken over at its own level; nothing goes down", () => {
    const cases: [Parameters<typeof supersedesListing>[0], Parameters<typeof supersedesListing>[1], boolean][] = [
      [{ level: "county", automatic: true }, "county", true],
      [{ level: "county", automatic: true }, "city", true],
      [{ level: "county", automatic: false }, "county", false],
      [{ level: "county", automatic: false }, "city", true],
      [{ level: "city", automatic: true }, "county", false],
      [{ level: "city", automatic: false }, "province", true],
      [{ level: "province", automatic: false }, "province", false],
    ];
    for (const [current, level, expected] of cases)
      assert.equal(supersedesListing(current, level), expected, `${JSON.stringify(current)} ← ${level}`);
  });
});

describe("request DTOs", () => {
  test("a listing needs a real deadline and requirements; suspension and public have defaults", () => {
    const ok = SupervisionListInput.parse({ deadline: "2026-12-31", requirements: " 按期完成治理 " });
    assert.deepEqual([ok.suspension, ok.public, ok.requirements], ["none", false, "按期完成治理"]);
    assert.ok(!SupervisionListInput.safeParse({ deadline: "2026-02-30", requirements: "x" }).success);
    assert.ok(!SupervisionListInput.safeParse({ deadline: "2026-12-31", requirements: "  " }).success);
    assert.ok(!SupervisionListInput.safeParse({ deadline: "2026-12-31", requirements: "x", level: "township" }).success);
  });

  test("rejecting a completion needs a reason; delisting does not", () => {
    assert.ok(SupervisionDelistInput.safeParse({ decision: "delist", version: 2 }).success);
    assert.ok(!SupervisionDelistInput.safeParse({ decision: "reject", version: 2 }).success);
    assert.ok(SupervisionDelistInput.safeParse({ decision: "reject", version: 2, reason: "整改报告缺少评估结论" }).success);
  });
});
