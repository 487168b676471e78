import { defaultEnforcementRules as defaults, type EnforcementRules } from "./rules.js";

/** 行政处罚法 Art. 9 kinds as they occur in work-safety enforcement (amounts in fen). */
export const penaltyKinds = [
  "warning", // 警告
  "fine", // 罚款
  "confiscation", // 没收违法所得、非法财物
  "qualification_downgrade", // 降低资质等级
  "licence_revocation", // 暂扣/吊销许可证件
  "suspension", // 责令停产停业(整顿)
  "closure", // 责令关闭
  "occupational_restriction", // 限制从业
] as const;
export type PenaltyKind = (typeof penaltyKinds)[number];

/** 当事人: a natural person or an organisation (单位: 法人或者其他组织). */
export const partyKinds = ["person", "unit"] as const;
export type PartyKind = (typeof partyKinds)[number];

/**
 * One penalty item of a notice or decision. `amountFen` for fines and confiscations; `legalMaxFen` = the top of
 * the range the consequence provision allows (R7 上限处罚 needs it).
 */
export type PenaltyItem = { kind: PenaltyKind; amountFen?: number; legalMaxFen?: number; belowMaximumReason?: string };

/**
 * A proposed or decided penalty on one party. `otherHeavy`: 行政处罚法 Art. 63(5) "其他较重的行政处罚".
 * `partyName`: a natural-person party's name (published masked, enforcement.md R9).
 */
export type Penalty = { party: PartyKind; items: readonly PenaltyItem[]; otherHeavy?: boolean; partyName?: string };

export const fineTotalFen = (p: Penalty) => sumOf(p, "fine");
export const confiscationTotalFen = (p: Penalty) => sumOf(p, "confiscation");

function sumOf(p: Penalty, kind: PenaltyKind): number {
  return p.items.filter((i) => i.kind === kind).reduce((s, i) => s + (i.amountFen ?? 0), 0);
}

const within = (amount: number, bound: number, inclusive: boolean) => (inclusive ? amount <= bound : amount < bound);

/**
 * 简易程序 (R3, 行政处罚法 Art. 51): facts established, a legal basis, and only a warning and/or a fine of at most
 * ¥200 on a person or ¥3,000 on an organisation (bounds included by default: `simpleProcedureBoundInclusive`).
 * Examples 1–3.
 */
export function simpleProcedureAllowed(
  penalty: Penalty,
  facts: { factsEstablished: boolean; legalBasis: boolean } = { factsEstablished: true, legalBasis: true },
  rules: EnforcementRules = defaults,
): boolean {
  if (!facts.factsEstablished || !facts.legalBasis || penalty.otherHeavy) return false;
  if (penalty.items.length === 0 || penalty.items.some((i) => i.kind !== "warning" && i.kind !== "fine")) return false;
  const max = penalty.party === "person" ? rules.simpleProcedureMaxFineFenPerson : rules.simpleProcedureMaxFineFenUnit;
  return within(fineTotalFen(penalty), max, rules.simpleProcedureBoundInclusive);
}

/**
 * 当场收缴 (R3, 行政处罚法 Art. 68): only for a simple-procedure decision, and only a fine of at most ¥100 or one
 * that would otherwise be hard to collect (example 4).
 */
export function onTheSpotCollectionAllowed(
  p: { simpleProcedure: boolean; fineFen: number; hardToCollectLater?: boolean },
  rules: EnforcementRules = defaults,
): boolean {
  if (!p.simpleProcedure || p.fineFen <= 0) return false;
  return within(p.fineFen, rules.onTheSpotCollectionMaxFen, rules.simpleProcedureBoundInclusive) || !!p.hardToCollectLater;
}

/** Why a penalty carries the hearing right (行政处罚法 Art. 63), empty when it does not. */
export const hearingGrounds = [
  "large_fine",
  "large_confiscation",
  "qualification_or_licence",
  "suspension_closure_restriction",
  "other_heavy",
] as const;
export type HearingGround = (typeof hearingGrounds)[number];

/**
 * 听证 right (R2 hearing row, 行政处罚法 Art. 63): a fine or confiscation of 较大数额 (at or above
 * `hearingThresholdUnit` / `hearingThresholdPerson`, "以上" inclusive), a qualification downgrade or licence
 * revocation, suspension, closure or occupational restriction, or another heavy penalty.
 */
export function hearingRightGrounds(penalty: Penalty, rules: EnforcementRules = defaults): HearingGround[] {
  const threshold = penalty.party === "person" ? rules.hearingThresholdPerson : rules.hearingThresholdUnit;
  const has = (...kinds: PenaltyKind[]) => penalty.items.some((i) => kinds.includes(i.kind));
  const out: HearingGround[] = [];
  if (has("fine") && fineTotalFen(penalty) >= threshold) out.push("large_fine");
  if (has("confiscation") && confiscationTotalFen(penalty) >= threshold) out.push("large_confiscation");
  if (has("qualification_downgrade", "licence_revocation")) out.push("qualification_or_licence");
  if (has("suspension", "closure", "occupational_restriction")) out.push("suspension_closure_restriction");
  if (penalty.otherHeavy) out.push("other_heavy");
  return out;
}

export const hearingRight = (penalty: Penalty, rules: EnforcementRules = defaults) => hearingRightGrounds(penalty, rules).length > 0;

/**
 * 行政处罚法 Art. 45 ¶2: the decision may not be heavier than the notice because the party spoke up — no kind
 * the notice did not announce, and no larger fine or confiscation. Returns the first problem, or null.
 */
export function heavierThanNotice(decided: Penalty, noticed: Penalty): "new_kind" | "larger_amount" | null {
  const kinds = new Set(noticed.items.map((i) => i.kind));
  if (decided.items.some((i) => !kinds.has(i.kind))) return "new_kind";
  if (fineTotalFen(decided) > fineTotalFen(noticed) || confiscationTotalFen(decided) > confiscationTotalFen(noticed))
    return "larger_amount";
  return null;
}
