import type { CaseState } from "./case.js";
import type { Penalty } from "./procedure.js";

/**
 * R7: on a case tagged `illegal_production`, a fine set below the legal maximum (`legalMaxFen` of its item) needs a
 * written reason (`belowMaximumReason`); the decision itself stays with the officer. False when no maximum is given.
 */
export function maximumReasonMissing(penalty: Penalty, illegalProduction: boolean): boolean {
  if (!illegalProduction) return false;
  return penalty.items.some(
    (i) => i.kind === "fine" && i.legalMaxFen !== undefined && (i.amountFen ?? 0) < i.legalMaxFen && !i.belowMaximumReason?.trim(),
  );
}

/** A decided penalty at the top of its range: every fine item with a maximum given is at it (上限处罚). */
export function atMaximum(penalty: Penalty): boolean {
  const fines = penalty.items.filter((i) => i.kind === "fine" && i.legalMaxFen !== undefined);
  return fines.length > 0 && fines.every((i) => (i.amountFen ?? 0) >= (i.legalMaxFen ?? 0));
}

/**
 * 四个一律 (R7, seed 001) for an `illegal_production` case: (a) close and ban (关闭取缔) — a closure proposed or a
 * closure penalty; (b) the top of the legal range (上限处罚); (c) suspension for rectification (停产整顿) — on-site
 * or decided; (d) crimes referred (移送). Derived from the events; the officer still decides each.
 */
export const fourAlwaysItems = ["close_and_ban", "maximum_fine", "suspend_for_rectification", "criminal_referral"] as const;
export type FourAlwaysItem = (typeof fourAlwaysItems)[number];

export const fourAlwaysLabels: Record<FourAlwaysItem, string> = {
  close_and_ban: "一律关闭取缔",
  maximum_fine: "一律上限处罚",
  suspend_for_rectification: "一律停产整顿",
  criminal_referral: "一律追究法律责任",
};

/** The checklist, or null for a case not tagged illegal production. */
export function fourAlwaysChecklist(s: CaseState): { item: FourAlwaysItem; done: boolean }[] | null {
  if (!s.opened?.illegalProduction) return null;
  const f = caseOutcomeFacts(s);
  const done: Record<FourAlwaysItem, boolean> = {
    close_and_ban: f.closure,
    maximum_fine: f.maximum,
    suspend_for_rectification: f.suspension,
    criminal_referral: !!s.criminalReferralOn,
  };
  return fourAlwaysItems.map((item) => ({ item, done: done[item] }));
}

/**
 * 五个一批 (R8): no authoritative definition, so a configurable set of outcome tags counted in reports. A tag may be
 * derived from the case (`derivedFrom`) or only set by hand. Defaults as enforcement.md R8 lists them.
 */
export const outcomeSignals = ["suspension", "closure", "maximum_fine", "accountability", "exposure"] as const;
export type OutcomeSignal = (typeof outcomeSignals)[number];
export type OutcomeTag = { key: string; label: string; derivedFrom?: OutcomeSignal };

export const defaultFiveBatchTags: readonly OutcomeTag[] = [
  { key: "suspension", label: "停产整顿一批", derivedFrom: "suspension" },
  { key: "closure", label: "关闭取缔一批", derivedFrom: "closure" },
  { key: "maximum_penalty", label: "上限处罚一批", derivedFrom: "maximum_fine" },
  { key: "accountability", label: "追责问责一批", derivedFrom: "accountability" },
  { key: "exposure", label: "曝光一批", derivedFrom: "exposure" },
];

/**
 * FIVE_BATCH_TAGS: "key:label[:signal],…" → the tags; empty → the defaults. Throws on an unknown signal, a missing
 * key or label, or a repeated key (a bad deployment setting stops the start).
 */
export function parseFiveBatchTags(text: string): readonly OutcomeTag[] {
  if (!text.trim()) return defaultFiveBatchTags;
  const tags: OutcomeTag[] = [];
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key = "", label = "", signal] = part.split(":").map((x) => x.trim());
    if (!key || !label) throw new Error(`FIVE_BATCH_TAGS "${part}": key:label[:signal]`);
    if (tags.some((t) => t.key === key)) throw new Error(`FIVE_BATCH_TAGS: key "${key}" repeated`);
    if (signal && !(outcomeSignals as readonly string[]).includes(signal)) {
      throw new Error(`FIVE_BATCH_TAGS "${part}": signal one of ${outcomeSignals.join(", ")}`);
    }
    tags.push(signal ? { key, label, derivedFrom: signal as OutcomeSignal } : { key, label });
  }
  return tags;
}

/** The signals a case shows: suspended, closure, a maximum fine, a referral, a published (not withdrawn) decision. */
export function outcomeSignalsOf(s: CaseState): OutcomeSignal[] {
  const list = caseOutcomeFacts(s);
  const out: OutcomeSignal[] = [];
  if (list.suspension) out.push("suspension");
  if (list.closure) out.push("closure");
  if (list.maximum) out.push("maximum_fine");
  if (s.criminalReferralOn) out.push("accountability");
  if (s.decisions.some((d) => d.publishedOn && !d.withdrawn)) out.push("exposure");
  return out;
}

function caseOutcomeFacts(s: CaseState) {
  const standing = s.decisions.flatMap((d) => (d.penalty ? [d.penalty] : []));
  return {
    suspension: !!s.suspension || s.suspensionsEnded > 0 || standing.some((p) => p.items.some((i) => i.kind === "suspension")),
    closure: !!s.closureProposedOn || s.closed?.reason === "closure" || standing.some((p) => p.items.some((i) => i.kind === "closure")),
    maximum: standing.some(atMaximum),
  };
}

/** The tag keys of `tags` a case earns: derived ones from its signals, plus the hand-set keys the officer chose. */
export function fiveBatchTagsOf(
  s: CaseState,
  tags: readonly OutcomeTag[] = defaultFiveBatchTags,
  manual: readonly string[] = [],
): string[] {
  const signals = new Set(outcomeSignalsOf(s));
  const known = new Set(tags.map((t) => t.key));
  return tags
    .filter((t) => (t.derivedFrom && signals.has(t.derivedFrom)) || (manual.includes(t.key) && known.has(t.key)))
    .map((t) => t.key);
}
