import type { CaseEvent } from "../../../domain/enforcement/case.js";
import { defaultFiveBatchTags, type OutcomeTag, outcomeSignals } from "../../../domain/enforcement/outcomes.js";
import type { CaseStats, CaseStatsFigures, CaseStatsGroup, CaseStatsQuery } from "../../../domain/enforcement/stats.dto.js";
import { addCounts, averageFineYuan, type CaseCounts, caseCounts, emptyCounts, yuanOf } from "../../../domain/enforcement/stats.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";
import { AppError } from "../../kernel/http/errors.js";
import { departmentsByIds } from "../departments/departments.service.js";
import { hazardRuleSettings } from "../hazards/hazards.escalation.js";
import { regulatorFinishDays } from "../inspections/inspections.service.js";
import { statsFrame } from "../inspections/inspections.stats.js";
import { listRegionChildren } from "../regions/regions.service.js";
import { caseScope } from "./enforcement.policy.js";
import { enforcementRules } from "./enforcement.service.js";
import * as repo from "./enforcement.stats.repo.js";
import "./stats.messages.js";

/** The cases one request may derive figures from; a larger period is refused with a message (400). */
export const maxStatsCases = 20_000;

let fiveBatchTags: readonly OutcomeTag[] = defaultFiveBatchTags;
/**
 * R8: the deployment's 五个一批 tags (no authoritative definition: configurable). Keys unique, labels non-empty, a
 * derivation one of the outcome signals; a bad set stops the start. Default: outcomes.ts defaultFiveBatchTags.
 */
export function configureFiveBatchTags(tags: readonly OutcomeTag[]): void {
  const keys = new Set<string>();
  for (const t of tags) {
    if (!t.key.trim() || !t.label.trim() || keys.has(t.key))
      throw new Error(`五个一批 tag "${t.key}": key and label required, keys unique`);
    if (t.derivedFrom && !outcomeSignals.includes(t.derivedFrom))
      throw new Error(`五个一批 tag "${t.key}": unknown signal ${t.derivedFrom}`);
    keys.add(t.key);
  }
  fiveBatchTags = [...tags];
}

const eventOf = (r: repo.StatsEventRow): CaseEvent => ({ ...r.payload, type: r.type, on: r.on }) as unknown as CaseEvent;

function figures(c: CaseCounts, inspections: number): CaseStatsFigures {
  return {
    inspectionsWithViolations: inspections,
    casesOpened: c.casesOpened,
    ordersIssued: c.ordersIssued,
    rectified: c.rectified,
    notRectified: c.notRectified,
    penalties: c.penalties,
    fined: c.fined,
    fineTotal: yuanOf(c.fineTotalFen),
    fineAverage: averageFineYuan(c),
    dailyFines: c.dailyFines,
    dailyFineTotal: yuanOf(c.dailyFineTotalFen),
    suspensions: c.suspensions,
    casesClosed: c.casesClosed,
    closedWithinDeadline: c.closedWithinDeadline,
    fiveBatch: { ...c.fiveBatch },
  };
}

/**
 * GET /api/cases/stats (issue 8 §6): for a region subtree (the enterprise's region) and period, optionally one
 * department, the totals and one group per child region (or per department). Each case's contribution is derived
 * from its whole event history by the domain reducer (domain/enforcement/stats.ts: event days in [from, to]).
 * "Inspections with violations" = regulator inspections finished in the period from which a case was opened: a
 * case records violation items, whereas a hazard alone may be fixed without any violation finding. An inspection
 * that opened cases in two groups counts in each, once in the totals.
 */
export async function caseStats(db: Db, ctx: Ctx, q: CaseStatsQuery): Promise<CaseStats> {
  const actor = ctx.actor as Actor; // route permission cases.oversee
  const {
    from,
    to,
    region,
    department,
    childCodeLength: length,
  } = await statsFrame(
    db,
    ctx,
    { from: q.from, to: q.to, region: q.region, department: q.departmentId },
    { prefix: "enforcement.stats", departmentField: "departmentId" },
  );
  const period = { from, to };
  const filter = { region: region?.code ?? null, departmentId: department?.id ?? null };
  const cases = await repo.casesTouched(db, caseScope(actor), period, filter, maxStatsCases);
  if (cases.length > maxStatsCases) {
    throw new AppError(400, "validation", {
      fields: [{ path: "from", code: "enforcement.stats.too_many_cases", params: { limit: maxStatsCases } }],
    });
  }

  const histories = new Map<string, CaseEvent[]>();
  for (const r of await repo.eventsOfCases(
    db,
    cases.map((c) => c.id),
  )) {
    const list = histories.get(r.caseId) ?? [];
    list.push(eventOf(r));
    histories.set(r.caseId, list);
  }
  const keyOf = (c: repo.StatsCaseRow) => (q.groupBy === "region" ? c.regionCode.slice(0, length) : c.departmentId);

  const tags = fiveBatchTags;
  const cal = hazardRuleSettings().calendar; // HOLIDAYS and 调休 WORKDAYS, as the case clocks count them (enforcement.service.ts)
  const counts = new Map<string, CaseCounts>();
  const total = emptyCounts(tags);
  for (const c of cases) {
    const one = caseCounts(histories.get(c.id) ?? [], period, { tags, rules: enforcementRules(), cal });
    addCounts(total, one);
    const k = keyOf(c);
    counts.set(k, addCounts(counts.get(k) ?? emptyCounts(tags), one));
  }

  // Inspections with violations: the cases' inspections whose case opened on or after `from`, finished in the period.
  const openedSince = cases.filter((c) => c.inspectionId && histories.get(c.id)?.some((e) => e.type === "opened" && e.on >= from));
  const finished = await regulatorFinishDays(db, ctx, [...new Set(openedSince.map((c) => c.inspectionId as string))]);
  const inspections = new Map<string, Set<string>>();
  const allInspections = new Set<string>();
  for (const c of openedSince) {
    const on = finished.get(c.inspectionId as string);
    if (!on || on < from || on > to) continue;
    allInspections.add(c.inspectionId as string);
    const k = keyOf(c);
    inspections.set(k, (inspections.get(k) ?? new Set()).add(c.inspectionId as string));
  }

  const keys = new Set<string>([...counts.keys(), ...inspections.keys()]);
  const group = (k: string, label: string | null): CaseStatsGroup => ({
    key: k,
    label,
    ...figures(counts.get(k) ?? emptyCounts(tags), inspections.get(k)?.size ?? 0),
  });
  const groups: CaseStatsGroup[] = [];
  if (q.groupBy === "region") {
    // Every child region, those without cases too.
    const children = (await listRegionChildren(db, region?.code ?? null)).items;
    for (const c of children) groups.push(group(c.code, c.name));
    const named = new Set(children.map((c) => c.code));
    for (const k of keys) if (!named.has(k)) groups.push(group(k, k === region?.code ? region.name : null));
  } else {
    const names = new Map((await departmentsByIds(db, [...keys])).map((d) => [d.id, d.name]));
    const sorted = [...keys].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, "zh-CN"));
    for (const k of sorted) groups.push(group(k, names.get(k) ?? null));
  }

  return {
    region,
    department,
    from,
    to,
    groupBy: q.groupBy,
    tags: tags.map((t) => ({ key: t.key, label: t.label })),
    totals: figures(total, allInspections.size),
    groups,
  };
}
