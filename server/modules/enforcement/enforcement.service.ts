import { type CalendarDay, shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import type { DepartmentKind } from "../../../domain/departments/department.dto.js";
import type {
  Case,
  CaseDetail,
  CaseEventInput,
  CaseListQuery,
  CaseOpen,
  CaseViolation,
  ViolationEvidence,
} from "../../../domain/enforcement/case.dto.js";
import {
  allowedNext,
  applyEvent,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  caseClocksDue,
  caseDailyFines,
  caseState,
  type DocumentKind,
  documentFor,
  documentKinds,
  documentTitles,
  isPartyEventType,
  orderUnmet,
  type PartyEventType,
  type Refusal,
} from "../../../domain/enforcement/case.js";
import { defaultCaseNumberTemplate, formatCaseNumber, parseCaseNumberTemplate } from "../../../domain/enforcement/case-number.js";
import { defaultEnforcementRules, type EnforcementRules, parseEnforcementRules } from "../../../domain/enforcement/rules.js";
import type { InspectionDetail } from "../../../domain/inspections/inspection.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, type FieldError, fieldError, notFound, staleVersion } from "../../kernel/http/errors.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import { departmentsByIds, getDepartment } from "../departments/departments.service.js";
import { enterpriseNames } from "../enterprises/enterprises.service.js";
import { hazardRuleSettings } from "../hazards/hazards.escalation.js";
import { getInspection } from "../inspections/inspections.service.js";
import { notify } from "../notifications/notifications.service.js";
import { caseEntity, partyActNames } from "./enforcement.messages.js";
import { assertMayAppend, caseScope, mayUseDepartment, type Recorder, recorderOf, seesInternal } from "./enforcement.policy.js";
import { afterCaseEvent } from "./enforcement.publication.js";
import * as repo from "./enforcement.repo.js";
import { enforcementCases } from "./enforcement.schema.js";

const today = (ctx: Ctx): CalendarDay => shanghaiDay(ctx.now);
/** The working-day calendar (行政处罚法 Art. 85): the deployment's HOLIDAYS and 调休 WORKDAYS (config.ts), loaded by buildApp. */
const calendar = () => hazardRuleSettings().calendar;

let caseNumberTemplate = defaultCaseNumberTemplate;
let rules: EnforcementRules = defaultEnforcementRules;
/** The deployment's enforcement rules: the defaults with ENFORCEMENT_RULES applied (config.ts). */
export const enforcementRules = (): EnforcementRules => rules;
/**
 * CASE_NUMBER_TEMPLATE and ENFORCEMENT_RULES (config.ts), checked when the app is built: a bad setting stops the start.
 */
export function configureEnforcement(config: { caseNumberTemplate: string; enforcementRules: string }): void {
  const t = config.caseNumberTemplate.trim() || defaultCaseNumberTemplate;
  const parsed = parseCaseNumberTemplate(t);
  if ("error" in parsed) throw new Error(`CASE_NUMBER_TEMPLATE: ${parsed.error}`);
  caseNumberTemplate = t;
  rules = parseEnforcementRules(config.enforcementRules);
}

const kindShort: Record<DepartmentKind, string> = {
  emergency: "应急",
  housing: "建",
  transport: "交",
  market: "市监",
  fire: "消",
  education: "教",
  commerce: "商",
  culture_tourism: "文旅",
  industry_it: "工信",
  agriculture: "农",
  water: "水",
  health: "卫健",
  other: "",
};

/**
 * The department's short name in its case numbers ({dept}): the first character of its name (the place, e.g. 溧 of
 * 溧阳市应急管理局) + the kind's abbreviation + 罚 — "溧应急罚". An `other` department uses its name's first two characters.
 */
export function departmentShortName(d: { name: string; kind: DepartmentKind }): string {
  const chars = [...d.name.trim()];
  const place = d.kind === "other" ? chars.slice(0, 2).join("") : (chars[0] ?? "");
  return `${place}${kindShort[d.kind]}罚`;
}

/**
 * The derived facts cached on the case row with each event: the phase, whether its order is unmet (the hazard
 * register reads it, issue 8 §4) and its running clocks with the earliest due day (boards, escalation: §3).
 */
export function caseCache(events: readonly CaseEvent[], state: CaseState) {
  // Every clock the events start, whatever today is: the re-inspection clock of an order counts from its deadline
  // even before that day has come, so "as of the end of time" lists them all (their due days do not depend on it).
  const clocks = caseClocksDue(events, "9999-12-31", rules, calendar()).map(({ overdue: _o, ...c }) => c);
  const nextDue = clocks.map((c) => c.due).sort()[0] ?? null;
  return { phase: state.phase, orderUnmet: orderUnmet(state), clocks, nextDue };
}

/** The stored row of an event as the domain's CaseEvent (type, day, payload fields). */
const eventOf = (e: repo.EventRow): CaseEvent => ({ ...e.payload, type: e.type, on: e.on }) as unknown as CaseEvent;

/** A refused event: 409 with the refusal and the event types allowed today (the route writes `allowed` into the body). */
export class CaseRefused extends AppError {
  constructor(
    readonly refusal: Refusal,
    readonly allowed: CaseEventType[],
  ) {
    super(409, `enforcement.case.${refusal.code}`, { params: refusal.params });
  }
}

type Names = { departments: Map<string, string>; enterprises: Map<string, string> };
/** The department and enterprise names of case rows (one query each). */
async function namesOf(db: Db, ctx: Ctx, rows: readonly repo.CaseRow[]): Promise<Names> {
  const [departments, enterprises] = await Promise.all([
    departmentNames(
      db,
      rows.map((r) => r.departmentId),
    ),
    enterpriseNames(
      db,
      ctx,
      rows.map((r) => r.enterpriseId),
    ),
  ]);
  return { departments, enterprises };
}

async function departmentNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  return new Map((await departmentsByIds(db, ids)).map((d) => [d.id, d.name]));
}

function present(r: repo.CaseRow, names: Names, internal: boolean): Case {
  return {
    id: r.id,
    caseNo: r.caseNo,
    year: r.year,
    seq: r.seq,
    title: r.title,
    departmentId: r.departmentId,
    departmentName: names.departments.get(r.departmentId) ?? "",
    enterpriseName: names.enterprises.get(r.enterpriseId) ?? "",
    departmentRegion: r.departmentRegion,
    regionCode: r.regionCode,
    enterpriseId: r.enterpriseId,
    source: r.source as Case["source"],
    inspectionId: r.inspectionId,
    officers: r.officers,
    illegalProduction: r.illegalProduction,
    phase: r.phase as Case["phase"],
    orderUnmet: r.orderUnmet,
    nextDue: r.nextDue,
    internalNote: internal ? r.internalNote : null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function load(db: Db, ctx: Ctx, id: string): Promise<repo.CaseRow> {
  const row = await repo.findCase(db, id, caseScope(ctx.actor));
  if (!row) throw notFound(caseEntity);
  return row;
}

async function detailOf(db: Db, ctx: Ctx, row: repo.CaseRow): Promise<CaseDetail> {
  const internal = seesInternal(ctx.actor);
  const [eventRows, violations, names, documents] = await Promise.all([
    repo.eventsOf(db, row.id),
    repo.violationsOf(db, row.id),
    namesOf(db, ctx, [row]),
    repo.documentsOf(db, row.id),
  ]);
  const events = eventRows.map(eventOf);
  const day = today(ctx);
  const cal = calendar();
  const state = caseState(events, rules, cal);
  return {
    ...present(row, names, internal),
    events: eventRows.map(({ payload: { by, ...payload }, ...e }) => ({
      seq: e.seq,
      type: e.type as CaseEventType,
      on: e.on,
      payload,
      note: internal ? e.note : null,
      actorName: e.actorName,
      by: by === "party" ? ("party" as const) : ("department" as const),
      at: e.at.toISOString(),
    })),
    violations: violations.map((v) => ({
      id: v.id,
      seq: v.seq,
      facts: v.facts,
      provisionViolated: v.provisionViolated,
      provisionApplied: v.provisionApplied,
      hazardIds: v.hazardIds,
      creditCriterion: (v.creditCriterion as CaseViolation["creditCriterion"]) ?? null,
      measure: (v.measure as CaseViolation["measure"]) ?? null,
      evidence: v.evidence as CaseViolation["evidence"],
      proposedFen: v.proposedFen,
      finalFen: v.finalFen,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind as DocumentKind,
      title: documentTitles[d.kind as DocumentKind],
      docNo: d.docNo,
      eventSeq: d.eventSeq,
      supersedesId: d.supersedesId,
      supersededById: documents.find((x) => x.supersedesId === d.id)?.id ?? null,
      templateVersion: d.templateVersion,
      sha256: d.sha256,
      sizeBytes: d.sizeBytes,
      issuedByName: d.issuedByName,
      issuedAt: d.issuedAt.toISOString(),
    })),
    documentsAllowed: internal ? documentKinds.filter((k) => documentFor(events, k, rules).ok) : [],
    dailyFines: caseDailyFines(state, day, rules),
    state: state as unknown as Record<string, unknown>,
    allowedNext: allowedFor(recorderOf(ctx.actor, row), allowedNext(events, day, rules, cal).allowed),
    clocks: caseClocksDue(events, day, rules, cal),
  };
}

/** What the caller may append: the department all the case allows; the party only its own acts, never the department's. */
function allowedFor(by: Recorder | null, allowed: CaseEventType[]): CaseEventType[] {
  if (by === "department") return allowed;
  return by === "party" ? allowed.filter(isPartyEventType) : [];
}

export async function getCase(db: Db, ctx: Ctx, id: string): Promise<CaseDetail> {
  return detailOf(db, ctx, await load(db, ctx, id));
}

export async function listCases(db: Db, ctx: Ctx, q: CaseListQuery): Promise<Page<Case>> {
  const { items, total } = await repo.listCases(db, caseScope(ctx.actor), q, q);
  const names = await namesOf(db, ctx, items);
  const internal = seesInternal(ctx.actor);
  return { items: items.map((r) => present(r, names, internal)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Opens a case from a finished regulator inspection (issue 8 §1): the department is the inspection's or the one
 * given (of the caller's region), the officers the inspection's certified team (≥ 2, 行政处罚法 Art. 42), the hazards
 * the inspection's. Number, case, violations, the `opened` event (seq 1) and the audit row: one transaction.
 */
export async function openCase(db: Db, ctx: Ctx, input: CaseOpen): Promise<CaseDetail> {
  const actor = ctx.actor as Actor; // route permission cases.manage
  const inspection = await getInspection(db, ctx, input.inspectionId); // 404 outside the caller's scope
  if (inspection.kind === "self") throw fieldError("inspectionId", "enforcement.inspection_not_regulator");
  if (inspection.status !== "finished") throw fieldError("inspectionId", "enforcement.inspection_not_finished");

  const departmentId = input.departmentId ?? inspection.departmentId;
  if (!departmentId) throw fieldError("departmentId", "enforcement.department_required");
  const department = await getDepartment(db, departmentId).catch(() => null);
  if (!department) throw fieldError("departmentId", "enforcement.department_required");
  // The department acts in the caller's region, and the enterprise lies in the department's.
  if (!mayUseDepartment(actor, department.regionCode) || !inspection.regionCode.startsWith(department.regionCode)) {
    throw fieldError("departmentId", "enforcement.department_outside");
  }

  const fields: FieldError[] = [];
  const team = inspection.inspectors.filter((m) => m.certNo);
  let officers = team;
  if (input.officers) {
    officers = [];
    for (const [i, id] of input.officers.entries()) {
      const m = team.find((x) => x.userId === id);
      if (!m) fields.push({ path: `officers.${i}`, code: "enforcement.officer_not_on_team" });
      else if (!officers.includes(m)) officers.push(m);
    }
  }
  if (fields.length === 0 && officers.length < 2) fields.push({ path: "officers", code: "enforcement.officers_required" });
  const hazardIds = inspection.hazards.map((h) => h.id);
  for (const [i, v] of input.violations.entries()) {
    for (const [j, h] of (v.hazardIds ?? []).entries()) {
      if (!hazardIds.includes(h)) fields.push({ path: `violations.${i}.hazardIds.${j}`, code: "enforcement.hazard_not_of_inspection" });
    }
  }
  if (fields.length) throw new AppError(400, "validation", { fields });

  const day = today(ctx);
  const opened: CaseEvent = {
    type: "opened",
    on: day,
    source: "inspection",
    illegalProduction: !!input.illegalProduction,
    legalReviewRequired: !!input.legalReviewRequired,
  };
  const applied = applyEvent([], opened, day, rules, calendar());
  if (!applied.ok) throw new CaseRefused(applied.refusal, applied.allowed);
  const year = Number(day.slice(0, 4));
  const title = input.title ?? `${inspection.enterpriseName}涉嫌安全生产违法案`;

  const row = await withTx(db, async (tx) => {
    const seq = await repo.nextCaseSeq(tx, department.id, year);
    const created = await repo.insertCase(tx, {
      departmentId: department.id,
      regionCode: inspection.regionCode,
      departmentRegion: department.regionCode,
      enterpriseId: inspection.enterpriseId,
      source: "inspection",
      inspectionId: inspection.id,
      year,
      seq,
      caseNo: formatCaseNumber({ dept: departmentShortName(department), year, seq }, caseNumberTemplate),
      title,
      officers: officers.map((o) => ({ userId: o.userId, name: o.name, certNo: o.certNo })),
      illegalProduction: !!input.illegalProduction,
      ...caseCache(applied.events, applied.state),
      internalNote: input.internalNote ?? null,
      createdById: actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await repo.insertViolations(
      tx,
      input.violations.map((v, i) => ({
        caseId: created.id,
        seq: i + 1,
        facts: v.facts,
        provisionViolated: v.provisionViolated,
        provisionApplied: v.provisionApplied,
        hazardIds: v.hazardIds ?? hazardIds,
        creditCriterion: v.creditCriterion ?? null,
        measure: v.measure ?? null,
        evidence: evidenceOf(inspection, v.hazardIds ?? hazardIds),
        proposedFen: v.proposed ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })),
    );
    const { type, on, ...payload } = opened;
    await repo.insertEvent(tx, {
      caseId: created.id,
      seq: 1,
      type,
      on,
      payload,
      note: null,
      actorId: actor.userId,
      actorName: actor.displayName,
      at: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: "case.open",
      entityType: "enforcement_case",
      entityId: created.id,
      regionCode: created.regionCode,
      after: { caseNo: created.caseNo, inspectionId: inspection.id, departmentId: department.id, violations: input.violations.length },
    });
    return created;
  });
  return detailOf(db, ctx, row);
}

/** Issue 8 §1 evidence of a violation: the inspection, the photos of the items whose hazards it links, those hazards. */
function evidenceOf(inspection: InspectionDetail, hazardIds: string[]): ViolationEvidence[] {
  const linked = inspection.hazards.filter((h) => hazardIds.includes(h.id));
  const items = new Set(linked.map((h) => h.itemId));
  return [
    { kind: "inspection", id: inspection.id },
    ...inspection.photos.filter((p) => items.has(p.itemId)).map((p) => ({ kind: "photo" as const, id: p.id, itemId: p.itemId })),
    ...linked.map((h) => ({ kind: "hazard" as const, id: h.id, itemId: h.itemId })),
  ];
}

/** The payload fields of an input event (everything but the envelope: version, day, note) and who submitted it. */
function eventFromInput(input: CaseEventInput, on: CalendarDay, by: Recorder): CaseEvent {
  const { version: _v, on: _on, note: _n, ...rest } = input;
  return { ...rest, on, ...(by === "party" ? { by } : {}) } as CaseEvent;
}

/**
 * Appends one event (issue 8 §1, enforcement.md R2): applyEvent decides whether the case allows it on its day —
 * refused → 409 with the allowed types; the event takes seq = last + 1 (a concurrent append hits the unique
 * (case_id, seq) → 409), the case's version is guarded (stale → 409) and its phase cache rewritten, audited —
 * one transaction. The enterprise's administrator submits the party's own acts (enforcement.policy assertMayAppend),
 * dated the day it arrives and without an internal note (400 on `on` / `note`); the case's officers are notified of
 * each in the same transaction.
 */
export async function appendEvent(db: Db, ctx: Ctx, id: string, input: CaseEventInput): Promise<CaseDetail> {
  const actor = ctx.actor as Actor; // route permission cases.read; who may append what: assertMayAppend
  const current = await load(db, ctx, id);
  const by = assertMayAppend(actor, current, input.type);
  const day = today(ctx);
  if (by === "party" && input.note) throw fieldError("note", "enforcement.party_no_internal_note");
  // The party's own submission is received the day it arrives: no back-dating into a lapsed window (Art. 64).
  if (by === "party" && input.on && input.on !== day) throw fieldError("on", "enforcement.party_on_today");
  if (current.version !== input.version) throw staleVersion();
  const event = eventFromInput(input, input.on ?? day, by);
  // Read before the transaction: PGlite runs one statement stream, so no outside query may wait inside one.
  const enterpriseName = by === "party" ? ((await enterpriseNames(db, ctx, [current.enterpriseId])).get(current.enterpriseId) ?? "") : "";
  const row = await withTx(db, async (tx) => {
    const stored = await repo.eventsOf(tx, id);
    const result = applyEvent(stored.map(eventOf), event, day, rules, calendar());
    if (!result.ok) throw new CaseRefused(result.refusal, result.allowed);
    const updated = await updateVersioned(tx, enforcementCases, {
      id,
      version: input.version,
      set: { ...caseCache(result.events, result.state), updatedAt: ctx.now },
    });
    const { type, on, ...payload } = event;
    const seq = (stored.at(-1)?.seq ?? 0) + 1;
    await repo
      .insertEvent(tx, {
        caseId: id,
        seq,
        type,
        on,
        payload,
        note: input.note ?? null,
        actorId: actor.userId,
        actorName: actor.displayName,
        at: ctx.now,
      })
      .catch((e: unknown) => {
        throw uniqueViolation(e) ? staleVersion() : e;
      });
    await afterCaseEvent(tx, ctx, { row: updated, event, seq, state: result.state }); // issue 8 §5: publication, credit
    if (by === "party" && isPartyEventType(type)) await notifyOfficers(tx, ctx, { row: updated, type, on, seq, enterpriseName });
    await writeAudit(tx, ctx, {
      action: `case.event.${type}`,
      entityType: "enforcement_case",
      entityId: id,
      regionCode: updated.regionCode,
      before: { phase: current.phase, version: current.version },
      after: { phase: updated.phase, version: updated.version, seq, on, ...payload },
    });
    return updated;
  });
  return detailOf(db, ctx, row);
}

/** The case's officers learn in their inbox that the party submitted one of its acts (once per event). */
function notifyOfficers(
  tx: Db,
  ctx: Ctx,
  f: { row: repo.CaseRow; type: PartyEventType; on: CalendarDay; seq: number; enterpriseName: string },
): Promise<number> {
  const act = partyActNames[f.type];
  const who = f.enterpriseName || f.row.title;
  return notify(tx, ctx, {
    userIds: f.row.officers.map((o) => o.userId),
    kind: `case.party.${f.type}`,
    title: { zh: `当事人提交了${act.zh}`, en: `The party submitted ${act.en}` },
    body: {
      zh: `${who}于 ${f.on} 通过本系统提交了${act.zh}（案号 ${f.row.caseNo}），请及时办理。`,
      en: `${who} submitted ${act.en} on ${f.on} (case ${f.row.caseNo}); please act on it.`,
    },
    link: `/cases/${f.row.id}`,
    subjectType: "enforcement_case",
    subjectId: f.row.id,
    dedupeKey: `case:${f.row.id}:event:${f.seq}`,
  });
}

/** 23505 unique_violation, on either driver (drizzle may wrap the driver's error in `cause`). */
function uniqueViolation(e: unknown): boolean {
  for (let x = e as { code?: string; cause?: unknown } | undefined; x; x = x.cause as typeof x) if (x.code === "23505") return true;
  return false;
}
