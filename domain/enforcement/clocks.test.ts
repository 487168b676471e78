import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  decisionDue,
  decisionExtensionsLeft,
  extensionApplyWindow,
  extensionReplyDue,
  filingDue,
  hearingNoticeLatest,
  hearingNoticeOnTime,
  hearingRequestEnd,
  lateSurcharge,
  paymentDue,
  publicationDue,
  reinspectionDue,
  remedyDeadlines,
  sealEnd,
  serviceDue,
  statementWindowEnd,
  suspensionLimit,
} from "./clocks.js";
import { defaultEnforcementRules, order15DecisionLimitDays, parseEnforcementRules } from "./rules.js";

const R = defaultEnforcementRules;
// Worked examples: March 2026 has no public holidays; weekends off.

describe("R2 clocks (enforcement.md worked examples 5–11, 16)", () => {
  test("example 5: deadline 2026-03-02 expires → re-inspection due 2026-03-12 ‡", () => {
    assert.equal(reinspectionDue({ deadline: "2026-03-02" }), "2026-03-12");
  });
  test("re-inspection: an earlier application starts the 10 days; a later one does not", () => {
    assert.equal(reinspectionDue({ deadline: "2026-03-20", appliedOn: "2026-03-02" }), "2026-03-12");
    assert.equal(reinspectionDue({ deadline: "2026-03-02", appliedOn: "2026-03-05" }), "2026-03-12");
    assert.equal(reinspectionDue({ deadline: "2026-03-04" }), "2026-03-16"); // 03-14 is a Saturday: Art. 203
    assert.equal(reinspectionDue({ deadline: "2026-03-04" }, { ...R, rollOverRestDays: false }), "2026-03-14");
  });

  test("statement/defence window: 5 working days by default, configurable (open point)", () => {
    assert.equal(statementWindowEnd("2026-03-02"), "2026-03-09");
    assert.equal(statementWindowEnd("2026-03-06"), "2026-03-13");
    assert.equal(statementWindowEnd("2026-03-02", { ...R, statementWindowWorkingDays: 3 }), "2026-03-05");
  });

  test("example 6: hearing notice served Mon 2026-03-02 → request deadline Mon 2026-03-09", () => {
    assert.equal(hearingRequestEnd("2026-03-02"), "2026-03-09");
  });

  const notice: [string, boolean, string, boolean, string][] = [
    ["2026-03-20", true, "2026-03-10", true, "example 7: hearing Fri 03-20 → notice by Tue 03-10 (7 full working days between)"],
    ["2026-03-20", true, "2026-03-11", false, "example 7: Wed 03-11 leaves only 6 between"],
    ["2026-03-20", false, "2026-03-11", true, "lenient reading: the hearing may be the 7th working day after the notice"],
    ["2026-03-20", false, "2026-03-12", false, "lenient reading: one day later is too late"],
    ["2026-03-23", true, "2026-03-11", true, "hearing Mon 03-23: 12,13,16,17,18,19,20 between"],
    ["2026-03-23", true, "2026-03-12", false, ""],
  ];
  for (const [hearing, strict, sent, ok, name] of notice) {
    test(`hearing ${hearing}, notice ${sent}, ${strict ? "strict" : "lenient"}: ${ok ? "on time" : "late"}${name ? ` — ${name}` : ""}`, () => {
      const rules = { ...R, hearingNoticeStrict: strict };
      assert.equal(hearingNoticeOnTime(sent, hearing, rules), ok);
    });
  }
  test("example 7: the latest notice day", () => {
    assert.equal(hearingNoticeLatest("2026-03-20"), "2026-03-10");
    assert.equal(hearingNoticeLatest("2026-03-20", { ...R, hearingNoticeStrict: false }), "2026-03-11");
  });

  test("decision limit: 90 days from filing (行政处罚法 Art. 60)", () => {
    assert.equal(decisionDue("2026-03-02"), "2026-06-01"); // 05-31 is a Sunday: Art. 203 → Mon 06-01
    assert.equal(decisionDue("2026-03-02", 0, { ...R, rollOverRestDays: false }), "2026-05-31");
    assert.equal(decisionDue("2026-03-03"), "2026-06-01");
    assert.equal(decisionExtensionsLeft(0), 0);
  });
  test("decision limit: the ‡ 15号令 variant 30 → 90 → 180 days", () => {
    const rules = { ...R, decisionLimitDays: order15DecisionLimitDays, rollOverRestDays: false };
    assert.equal(decisionDue("2026-03-02", 0, rules), "2026-04-01");
    assert.equal(decisionDue("2026-03-02", 1, rules), "2026-05-31");
    assert.equal(decisionDue("2026-03-02", 2, rules), "2026-08-29");
    assert.equal(decisionDue("2026-03-02", 5, rules), "2026-08-29");
    assert.deepEqual(
      [0, 1, 2, 3].map((n) => decisionExtensionsLeft(n, rules)),
      [2, 1, 0, 0],
    );
  });

  test("example 9: decision announced 2026-03-02, party absent → serve by 2026-03-11", () => {
    assert.equal(serviceDue("2026-03-02"), "2026-03-11");
  });

  test("example 10: fine received 2026-03-02 → last day 03-17; paid 03-27 → 10 days late, surcharge ¥3,000", () => {
    const due = paymentDue("2026-03-02");
    assert.equal(due, "2026-03-17");
    assert.deepEqual(lateSurcharge({ fineFen: 10_000_00, due, paidOn: "2026-03-27" }), { daysLate: 10, surchargeFen: 3_000_00 });
  });
  const surcharge: [string, number, number, string][] = [
    ["2026-03-17", 0, 0, "paid on the last day"],
    ["2026-03-10", 0, 0, "paid early"],
    ["2026-03-18", 1, 300_00, "one day late: 3 %"],
    ["2026-04-19", 33, 9_900_00, "33 days: 99 %"],
    ["2026-04-20", 34, 10_000_00, "34 days: 102 % → capped at the fine"],
    ["2026-04-26", 40, 10_000_00, "example 11: 40 days late, 120 % → capped ¥10,000"],
  ];
  for (const [paidOn, days, fen, name] of surcharge) {
    test(`late surcharge on ¥10,000 paid ${paidOn}: ${name}`, () => {
      assert.deepEqual(lateSurcharge({ fineFen: 10_000_00, due: "2026-03-17", paidOn }), { daysLate: days, surchargeFen: fen });
    });
  }
  test("late surcharge in whole fen, rounded down", () => {
    assert.deepEqual(lateSurcharge({ fineFen: 333, due: "2026-03-17", paidOn: "2026-03-18" }), { daysLate: 1, surchargeFen: 9 });
  });

  test("example 8: decision Mon 2026-03-02 → publish by Wed 2026-03-11", () => {
    assert.equal(publicationDue("2026-03-02"), "2026-03-11");
    assert.equal(
      publicationDue("2026-09-30", R, { holidays: ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"] }),
      "2026-10-16",
    );
  });

  test("example 16: seal on 2026-03-02 ends 2026-04-01; extended 2026-05-01 (never moved off a holiday)", () => {
    assert.equal(sealEnd("2026-03-02", false), "2026-04-01");
    assert.equal(sealEnd("2026-03-02", true), "2026-05-01");
  });

  test("‡ extension: applied within the 10 days before the deadline, replied within 5 days", () => {
    assert.deepEqual(extensionApplyWindow("2026-03-20"), { from: "2026-03-10", to: "2026-03-20" });
    assert.equal(extensionReplyDue("2026-03-10"), "2026-03-16"); // 03-15 is a Sunday
  });
  test("‡ suspension at most 6 months; ‡ filing within 5 days", () => {
    assert.equal(suspensionLimit("2026-03-02"), "2026-09-02");
    assert.equal(suspensionLimit("2026-08-31"), "2027-02-28");
    assert.equal(filingDue("2026-03-02", "urgent"), "2026-03-09"); // 03-07 is a Saturday
    assert.equal(filingDue("2026-03-03", "simple_procedure"), "2026-03-09");
  });
  test("remedies stated in the decision: 复议 60 days, lawsuit 6 months", () => {
    assert.deepEqual(remedyDeadlines("2026-03-02", { ...R, rollOverRestDays: false }), {
      reconsideration: "2026-05-01",
      lawsuit: "2026-09-02",
    });
    assert.deepEqual(remedyDeadlines("2026-03-02", R, { holidays: ["2026-05-01"] }), {
      reconsideration: "2026-05-04",
      lawsuit: "2026-09-02",
    });
  });
});

describe("defaultEnforcementRules", () => {
  test("holds the spec's numbers", () => {
    assert.equal(R.statementWindowWorkingDays, 5);
    assert.equal(R.hearingRequestWorkingDays, 5);
    assert.equal(R.hearingNoticeWorkingDays, 7);
    assert.equal(R.hearingNoticeStrict, true);
    assert.deepEqual(R.decisionLimitDays, [90]);
    assert.equal(R.reinspectionWithinDays, 10);
    assert.equal(R.paymentDays, 15);
    assert.equal(R.lateSurchargePercentPerDay, 3);
    assert.equal(R.publicationWorkingDays, 7);
    assert.equal(R.serviceWorkingDays, 7);
    assert.deepEqual([R.sealDays, R.sealExtensionDays], [30, 30]);
    assert.deepEqual(
      [R.simpleProcedureMaxFineFenPerson, R.simpleProcedureMaxFineFenUnit, R.onTheSpotCollectionMaxFen],
      [20000, 300000, 10000],
    );
    assert.equal(R.simpleProcedureBoundInclusive, true);
    assert.equal(R.hearingThresholdUnit, 5_000_000);
  });
});

describe("ENFORCEMENT_RULES (deployment overrides of the ‡ figures and open points)", () => {
  test("key=value pairs override the defaults; empty keeps them", () => {
    assert.deepEqual(parseEnforcementRules(""), defaultEnforcementRules);
    const r = parseEnforcementRules(
      "statementWindowWorkingDays=3, hearingNoticeStrict=false, dailyFineUntil=rectification_verified, decisionLimitDays=30/90/180",
    );
    assert.deepEqual(
      [r.statementWindowWorkingDays, r.hearingNoticeStrict, r.dailyFineUntil, r.decisionLimitDays, r.paymentDays],
      [3, false, "rectification_verified", [30, 90, 180], 15],
    );
    // The 3-working-day window of 15号令: notice Mon 2026-03-02 → statement window ends Thu 03-05.
    assert.equal(statementWindowEnd("2026-03-02", r), "2026-03-05");
  });
  test("an unknown rule or a value of the wrong kind is refused", () => {
    assert.throws(() => parseEnforcementRules("nonsense=1"), /unknown rule/);
    assert.throws(() => parseEnforcementRules("paymentDays=ten"), /whole number/);
    assert.throws(() => parseEnforcementRules("hearingNoticeStrict=yes"), /true\|false/);
    assert.throws(() => parseEnforcementRules("dailyFineUntil=never"), /dailyFineUntil/);
    assert.throws(() => parseEnforcementRules("decisionLimitDays=90/30"), /increasing/);
  });
});
