import type { CalendarDay, WorkCalendarInput } from "../common/calendar.js";
import { type CaseEvent, type CaseState, caseState } from "./case.js";
import { defaultFiveBatchTags, fiveBatchTagsOf, type OutcomeTag } from "./outcomes.js";
import { defaultEnforcementRules as defaults, type EnforcementRules } from "./rules.js";

/**
 * Issue 8 §6: what one case contributes to the statistics of a period [from, to] (event days, inclusive), derived
 * with the case reducer from its events — the whole history, so a decision's amount is the one standing today.
 */
export type StatsPeriod = { from: CalendarDay; to: CalendarDay };

export type CaseCounts = {
  casesOpened: number;
  ordersIssued: number;
  rectified: number;
  notRectified: number;
  penalties: number;
  fined: number;
  fineTotalFen: number;
  dailyFines: number;
  dailyFineTotalFen: number;
  suspensions: number;
  casesClosed: number;
  closedWithinDeadline: number;
  /** Per tag key: 1 when the case earned the tag in the period. */
  fiveBatch: Record<string, number>;
};

export function emptyCounts(tags: readonly OutcomeTag[] = defaultFiveBatchTags): CaseCounts {
  return {
    casesOpened: 0,
    ordersIssued: 0,
    rectified: 0,
    notRectified: 0,
    penalties: 0,
    fined: 0,
    fineTotalFen: 0,
    dailyFines: 0,
    dailyFineTotalFen: 0,
    suspensions: 0,
    casesClosed: 0,
    closedWithinDeadline: 0,
    fiveBatch: Object.fromEntries(tags.map((t) => [t.key, 0])),
  };
}

/** Adds `b` into `a` (and answers `a`). */
export function addCounts(a: CaseCounts, b: CaseCounts): CaseCounts {
  for (const k of Object.keys(a) as (keyof CaseCounts)[]) {
    if (k !== "fiveBatch") a[k] += b[k];
  }
  for (const [tag, n] of Object.entries(b.fiveBatch)) a.fiveBatch[tag] = (a.fiveBatch[tag] ?? 0) + n;
  return a;
}

/**
 * A closed case was decided in time (行政处罚法 Art. 60, clocks.ts decisionDue with its extensions) when every
 * penalty round's decision — or, for a round closed without one, the closing — fell on or before its due day. A
 * case without a penalty round had no decision deadline to miss. Simple-procedure decisions are made on the spot.
 */
export function closedWithinDecisionDeadline(s: CaseState): boolean {
  const closed = s.closed;
  if (!closed) return false;
  return s.rounds.every((r) => {
    const decidedOn = r.decision === null ? closed.on : (s.decisions.find((d) => d.index === r.decision)?.on ?? closed.on);
    return decidedOn <= r.decisionDue;
  });
}

/**
 * 五个一批 (R8): the tags a case earned inside the period — those it shows with its events up to `to` and did not
 * show with its events before `from` (each tag counted once per case, in the period it was first earned).
 */
export function fiveBatchEarned(
  events: readonly CaseEvent[],
  period: StatsPeriod,
  tags: readonly OutcomeTag[] = defaultFiveBatchTags,
  rules: EnforcementRules = defaults,
  cal: WorkCalendarInput = {},
): string[] {
  const before = new Set(
    fiveBatchTagsOf(
      caseState(
        events.filter((e) => e.on < period.from),
        rules,
        cal,
      ),
      tags,
    ),
  );
  const upTo = fiveBatchTagsOf(
    caseState(
      events.filter((e) => e.on <= period.to),
      rules,
      cal,
    ),
    tags,
  );
  return upTo.filter((t) => !before.has(t));
}

/**
 * One case's counts for the period: `opened`, `order_issued` and re-inspection events dated in it; penalty
 * decisions dated in it that still stand (a revoked one is no penalty, a changed one counts at its changed fine);
 * suspensions = such decisions with a suspension item + on-site measures suspending production (R5, 安全生产法
 * Art. 65(3)); the closing if dated in it, and whether the case was decided within the deadline; 五个一批 tags.
 */
export function caseCounts(
  events: readonly CaseEvent[],
  period: StatsPeriod,
  opts: { tags?: readonly OutcomeTag[]; rules?: EnforcementRules; cal?: WorkCalendarInput } = {},
): CaseCounts {
  const tags = opts.tags ?? defaultFiveBatchTags;
  const rules = opts.rules ?? defaults;
  const cal = opts.cal ?? {};
  const inPeriod = (on: CalendarDay) => on >= period.from && on <= period.to;
  const c = emptyCounts(tags);
  for (const e of events) {
    if (!inPeriod(e.on)) continue;
    if (e.type === "opened") c.casesOpened++;
    else if (e.type === "order_issued") c.ordersIssued++;
    else if (e.type === "reinspected_rectified") c.rectified++;
    else if (e.type === "reinspected_not_rectified") c.notRectified++;
    else if (e.type === "onsite_measures" && e.measures.includes("suspend_production")) c.suspensions++;
  }
  const s = caseState(events, rules, cal);
  for (const d of s.decisions) {
    if (!inPeriod(d.on) || !d.penalty) continue;
    c.penalties++;
    if (d.fineFen > 0) {
      c.fined++;
      c.fineTotalFen += d.fineFen;
    }
    if (d.dailyFine) {
      c.dailyFines++;
      c.dailyFineTotalFen += d.fineFen;
    }
    if (d.penalty.items.some((i) => i.kind === "suspension")) c.suspensions++;
  }
  if (s.closed && inPeriod(s.closed.on)) {
    c.casesClosed++;
    if (closedWithinDecisionDeadline(s)) c.closedWithinDeadline++;
  }
  for (const tag of fiveBatchEarned(events, period, tags, rules, cal)) c.fiveBatch[tag] = (c.fiveBatch[tag] ?? 0) + 1;
  return c;
}

/** Fen to yuan (two decimals); the average fine per fined decision, null without one. */
export const yuanOf = (fen: number) => Math.round(fen) / 100;
export const averageFineYuan = (c: Pick<CaseCounts, "fined" | "fineTotalFen">) =>
  c.fined === 0 ? null : yuanOf(Math.round(c.fineTotalFen / c.fined));
