/**
 * Every number of the enforcement rules (shared/domain/enforcement.md) in one object a deployment may override
 * (`{ ...defaultEnforcementRules, statementWindowWorkingDays: 3 }`). Money is in fen (integers), day counts are
 * calendar days unless the name says working days (R0). ‡ = a 15号令 figure still to be checked against 应急管理部令
 * 第18号 (in force 2026-02-01); "open point" = our reading of an unsettled question (enforcement.md, Open points).
 */
export type EnforcementRules = {
  /** ‡ 15号令 Art. 17: the 整改复查 is due within this many days of the deadline's expiry or the party's application. */
  reinspectionWithinDays: number;
  /** ‡ 15号令 Art. 17: a force-majeure extension is applied for within this many days before the deadline. */
  extensionApplyWindowDays: number;
  /** ‡ 15号令 Art. 17: the department replies to an extension application within this many days. */
  extensionReplyDays: number;
  /** ‡ 现场处理措施 suspension normally at most this many months. */
  suspensionMaxMonths: number;
  /** ‡ 15号令: an urgent case investigated first is filed (立案) within this many days. */
  urgentFilingDays: number;
  /** ‡ R3: an on-the-spot (simple procedure) decision is filed with the department within this many days. */
  simpleProcedureFilingDays: number;
  /** Open point: 陈述申辩 window after the 行政处罚告知书 (15号令 gave 3 days; 5 working days so no right is lost). */
  statementWindowWorkingDays: number;
  /** 行政处罚法 Art. 64(1), 85: the party asks for a hearing within 5 working days of the 听证告知书. */
  hearingRequestWorkingDays: number;
  /** 行政处罚法 Art. 64(2), 85: the hearing is notified at least 7 working days before it is held. */
  hearingNoticeWorkingDays: number;
  /** Open point: `true` = that many full working days strictly between notice and hearing day (conservative). */
  hearingNoticeStrict: boolean;
  /**
   * 行政处罚法 Art. 60: the decision within 90 days of filing — `[90]`. The ‡ 15号令 variant is `[30, 90, 180]`:
   * 30 days, extended to 90 and then 180 with approval (each extension a `decision_extended` event).
   */
  decisionLimitDays: readonly number[];
  /** 行政处罚法 Art. 61, 85: a decision not handed over at announcement is served within 7 working days. */
  serviceWorkingDays: number;
  /** 行政处罚法 Art. 67: the fine is paid within 15 days of receiving the decision. */
  paymentDays: number;
  /** 行政处罚法 Art. 72(1); 行政强制法 Art. 45: 3 % of the fine per day late, in total at most the fine. */
  lateSurchargePercentPerDay: number;
  /** 安全生产法 Art. 78 ¶2: published within 7 working days after the decision. */
  publicationWorkingDays: number;
  /** 行政强制法 Art. 25: 查封/扣押 at most 30 days, extended once by at most 30 with the head's approval. */
  sealDays: number;
  sealExtensionDays: number;
  /** 行政复议法 Art. 20: 60 days; 行政诉讼法 Art. 46: 6 months from knowing of the decision. */
  reconsiderationDays: number;
  lawsuitMonths: number;
  /** 行政处罚法 Art. 51 (R3): simple procedure for a warning or a fine ≤ ¥200 (person) / ≤ ¥3,000 (organisation). */
  simpleProcedureMaxFineFenPerson: number;
  simpleProcedureMaxFineFenUnit: number;
  /** Open point: "以下" includes the bound (legislative convention); `false` = 15号令 Art. 67's exclusive reading. */
  simpleProcedureBoundInclusive: boolean;
  /** 行政处罚法 Art. 68(1): on-the-spot collection of a fine ≤ ¥100 (same bound convention as above). */
  onTheSpotCollectionMaxFen: number;
  /**
   * Open point ‡ 较大数额 (行政处罚法 Art. 63(1)): 15号令 Art. 33 used ¥50,000 for units and (our reading, unverified)
   * ¥20,000 for individuals, absent a provincial figure; in fen, "以上" includes the bound. Also used for confiscation.
   */
  hearingThresholdUnit: number;
  hearingThresholdPerson: number;
  /**
   * R4 / Open point (安全生产法 Art. 112 does not say when counting stops): `refusal_found` = up to the re-inspection
   * that found non-correction (环保 按日计罚 analogy, the spec's reading); `rectification_verified` = a running
   * total up to the re-inspection that verified rectification (or today while none has).
   */
  dailyFineUntil: "refusal_found" | "rectification_verified";
  /**
   * 民法典 Art. 203: a calendar-day period for acting whose last day is a rest day ends on the next working day
   * (applied to the re-inspection, extension reply, decision, payment, filing and remedy periods; not to the
   * durations of a seal or suspension, which limit the measure itself).
   */
  rollOverRestDays: boolean;
};

export const defaultEnforcementRules: EnforcementRules = {
  reinspectionWithinDays: 10, // ‡
  extensionApplyWindowDays: 10, // ‡
  extensionReplyDays: 5, // ‡
  suspensionMaxMonths: 6, // ‡
  urgentFilingDays: 5, // ‡
  simpleProcedureFilingDays: 5, // ‡
  statementWindowWorkingDays: 5, // open point
  hearingRequestWorkingDays: 5,
  hearingNoticeWorkingDays: 7,
  hearingNoticeStrict: true, // open point
  decisionLimitDays: [90], // ‡ variant [30, 90, 180]
  serviceWorkingDays: 7,
  paymentDays: 15,
  lateSurchargePercentPerDay: 3,
  publicationWorkingDays: 7,
  sealDays: 30,
  sealExtensionDays: 30,
  reconsiderationDays: 60,
  lawsuitMonths: 6,
  simpleProcedureMaxFineFenPerson: 200_00,
  simpleProcedureMaxFineFenUnit: 3_000_00,
  simpleProcedureBoundInclusive: true, // open point
  onTheSpotCollectionMaxFen: 100_00,
  hearingThresholdUnit: 50_000_00, // open point ‡
  hearingThresholdPerson: 20_000_00, // open point ‡ (unverified)
  dailyFineUntil: "refusal_found", // open point
  rollOverRestDays: true,
};

/** The ‡ 15号令 case-limit variant: 30 days, then 90, then 180 with the higher level's approval. */
export const order15DecisionLimitDays: readonly number[] = [30, 90, 180];

/**
 * ENFORCEMENT_RULES: the deployment's overrides of the defaults above (the ‡ figures and the open points of
 * enforcement.md are deployment configuration), as "key=value,…": a number (money in fen, days), `true`/`false`,
 * `dailyFineUntil=refusal_found|rectification_verified`, `decisionLimitDays=30/90/180`. Empty → the defaults.
 * Throws on an unknown key or a value of the wrong kind (a bad setting stops the start).
 */
export function parseEnforcementRules(text: string, base: EnforcementRules = defaultEnforcementRules): EnforcementRules {
  const rules: Record<string, unknown> = { ...base };
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key = "", value = ""] = part.split("=").map((x) => x.trim());
    const current = (base as Record<string, unknown>)[key];
    if (current === undefined) throw new Error(`ENFORCEMENT_RULES: unknown rule "${key}"`);
    if (key === "dailyFineUntil") {
      if (value !== "refusal_found" && value !== "rectification_verified") {
        throw new Error("ENFORCEMENT_RULES: dailyFineUntil=refusal_found|rectification_verified");
      }
      rules[key] = value;
    } else if (key === "decisionLimitDays") {
      const days = value.split("/").map(Number);
      if (!days.length || days.some((d) => !Number.isInteger(d) || d < 1) || days.some((d, i) => i > 0 && d <= (days[i - 1] as number))) {
        throw new Error("ENFORCEMENT_RULES: decisionLimitDays as increasing days, e.g. 30/90/180");
      }
      rules[key] = days;
    } else if (typeof current === "boolean") {
      if (value !== "true" && value !== "false") throw new Error(`ENFORCEMENT_RULES: ${key}=true|false`);
      rules[key] = value === "true";
    } else {
      const n = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new Error(`ENFORCEMENT_RULES: ${key} takes a whole number`);
      rules[key] = n;
    }
  }
  return rules as EnforcementRules;
}
