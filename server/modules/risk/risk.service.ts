import { randomUUID } from "node:crypto";
import { shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import type { Enterprise } from "../../../domain/enterprise/enterprise.dto.js";
import {
  type ControlLayer,
  type ControlLayerTable,
  type DirectJudgmentCriterion,
  defaultControlLayers,
  directJudgmentCriteria,
  directJudgmentLabels,
  directJudgmentLevel,
  judgeLevel,
  layersAbove,
  type RiskLevel,
  riskColours,
} from "../../../domain/risk/levels.js";
import type { RiskPolicy } from "../../../domain/risk/policy.js";
import { defaultReviewIntervalMonths, reviewDueDate } from "../../../domain/risk/review.js";
import type {
  Assessment,
  AssessmentCreate,
  DirectJudgment,
  PendingTrigger,
  ResponsiblePersons,
  RiskEvent,
  RiskPoint,
  RiskPointCreate,
  RiskPointListQuery,
  RiskPointUpdate,
  RiskSettings,
  RiskSettingsUpdate,
  TriggerCreate,
} from "../../../domain/risk/risk.dto.js";
import { type AuditEvent, writeAudit, writeAuditBatch } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, conflict, type FieldError, fieldError, notFound, staleVersion } from "../../kernel/http/errors.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import { listAuditEntries } from "../audit/audit.service.js";
import { getEnterprise } from "../enterprises/enterprises.service.js";
import { riskPointEntity } from "./risk.messages.js";
import { gradeOrRefuse, resolvePolicy } from "./risk.policies.js";
import { assessmentScope, pointScope } from "./risk.policy.js";
import * as repo from "./risk.repo.js";
import { riskAssessments, riskEnterpriseSettings, riskPoints } from "./risk.schema.js";

const today = (ctx: Ctx) => shanghaiDay(ctx.now);

// ── presenting ──────────────────────────────────────────────────────────────────────────────────

function presentPoint(r: repo.PointRow, on: string): RiskPoint {
  const level = r.level as RiskLevel | null;
  const layer = r.controlLayer as ControlLayer | null;
  const responsible = r.responsible as ResponsiblePersons;
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    regionCode: r.regionCode,
    name: r.name,
    kind: r.kind as RiskPoint["kind"],
    location: r.location,
    responsible,
    notes: r.notes,
    position: r.planX === null || r.planY === null ? null : { x: r.planX, y: r.planY },
    majorHazardSource: r.majorHazardSource,
    events: r.events as RiskEvent[],
    level,
    colour: level ? riskColours[level] : null,
    controlLayer: layer,
    overseenBy: layer ? layersAbove(layer) : [],
    controlledBy: layer ? (responsible[layer] ?? null) : null,
    assessmentId: r.assessmentId,
    nextReviewDate: r.nextReviewDate,
    reviewDue: r.nextReviewDate <= on,
    pendingTrigger: r.pendingTrigger as PendingTrigger | null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function presentAssessment(r: repo.AssessmentRow): Assessment {
  const level = r.level as RiskLevel;
  return {
    id: r.id,
    riskPointId: r.riskPointId,
    enterpriseId: r.enterpriseId,
    policyId: r.policyId,
    policyVersion: r.policyVersion,
    method: r.method,
    factors: r.factors as Record<string, number>,
    score: Number(r.score),
    scoreText: r.score,
    band: r.band,
    bandName: r.bandName as Assessment["bandName"],
    scoredLevel: r.scoredLevel as RiskLevel,
    directJudgment: r.directJudgment as DirectJudgment | null,
    overrideLevel: r.directJudgment ? directJudgmentLevel : null,
    level,
    colour: riskColours[level],
    controlLayer: r.controlLayer as ControlLayer,
    trigger: r.trigger as PendingTrigger | null,
    assessorId: r.assessorId,
    assessorName: r.assessorName,
    assessedOn: r.assessedOn,
    nextReviewDate: r.nextReviewDate,
    createdAt: r.createdAt.toISOString(),
  };
}

/** What the audit trail keeps of a point (every field a user edits, and the cached assessment outcome). */
const auditable = (r: repo.PointRow) => ({
  name: r.name,
  kind: r.kind,
  location: r.location,
  responsible: r.responsible,
  notes: r.notes,
  planX: r.planX,
  planY: r.planY,
  majorHazardSource: r.majorHazardSource,
  events: r.events,
  level: r.level,
  controlLayer: r.controlLayer,
  assessmentId: r.assessmentId,
  nextReviewDate: r.nextReviewDate,
  pendingTrigger: r.pendingTrigger,
  version: r.version,
});

// ── settings (R9 layers, R11 interval) ──────────────────────────────────────────────────────────

type Settings = { controlLayers: ControlLayerTable; reviewIntervalMonths: number; version: number };

const defaultSettings: Settings = { controlLayers: defaultControlLayers, reviewIntervalMonths: defaultReviewIntervalMonths, version: 0 };
const settingsOfRow = (row: repo.SettingsRow): Settings => ({
  controlLayers: row.controlLayers as ControlLayerTable,
  reviewIntervalMonths: row.reviewIntervalMonths,
  version: row.version,
});

async function settingsOf(db: Db, enterpriseId: string): Promise<Settings> {
  const [row] = await repo.findSettings(db, [enterpriseId]);
  return row ? settingsOfRow(row) : defaultSettings;
}

/** Stored settings by enterprise (absent: the defaults apply). */
async function settingsFor(db: Db, enterpriseIds: string[]): Promise<Map<string, Settings>> {
  return new Map((await repo.findSettings(db, enterpriseIds)).map((r) => [r.enterpriseId, settingsOfRow(r)]));
}

export async function getRiskSettings(db: Db, ctx: Ctx, enterpriseId: string): Promise<RiskSettings> {
  await getEnterprise(db, ctx, enterpriseId);
  return { enterpriseId, ...(await settingsOf(db, enterpriseId)) };
}

/**
 * Sets an enterprise's control layer per level (R9 "changeable per enterprise") and review interval
 * (R11). Points already assessed take the new layer at once; review dates change at the next assessment.
 */
export async function updateRiskSettings(db: Db, ctx: Ctx, enterpriseId: string, input: RiskSettingsUpdate): Promise<RiskSettings> {
  const enterprise = await getEnterprise(db, ctx, enterpriseId);
  const before = await settingsOf(db, enterpriseId);
  const set = { controlLayers: input.controlLayers, reviewIntervalMonths: input.reviewIntervalMonths, updatedAt: ctx.now };
  const row = await withTx(db, async (tx) => {
    const r =
      input.version === 0
        ? await repo.insertSettings(tx, { enterpriseId, regionCode: enterprise.regionCode, ...set })
        : await updateVersioned(tx, riskEnterpriseSettings, {
            id: enterpriseId,
            key: riskEnterpriseSettings.enterpriseId,
            version: input.version,
            set,
          });
    if (!r) throw staleVersion();
    await repo.applyControlLayers(tx, enterpriseId, input.controlLayers);
    await writeAudit(tx, ctx, {
      action: "risk_settings.updated",
      entityType: "risk_settings",
      entityId: enterpriseId,
      regionCode: enterprise.regionCode,
      before: { controlLayers: before.controlLayers, reviewIntervalMonths: before.reviewIntervalMonths, version: before.version },
      after: { controlLayers: r.controlLayers, reviewIntervalMonths: r.reviewIntervalMonths, version: r.version },
    });
    return r;
  });
  return {
    enterpriseId,
    controlLayers: row.controlLayers as ControlLayerTable,
    reviewIntervalMonths: row.reviewIntervalMonths,
    version: row.version,
  };
}

// ── risk points ─────────────────────────────────────────────────────────────────────────────────

async function loadInScope(db: Db, ctx: Ctx, id: string): Promise<repo.PointRow> {
  const row = await repo.findPoint(db, id, pointScope(ctx.actor));
  if (!row) throw notFound(riskPointEntity);
  return row;
}

export async function getRiskPoint(db: Db, ctx: Ctx, id: string): Promise<RiskPoint> {
  return presentPoint(await loadInScope(db, ctx, id), today(ctx));
}

export async function listRiskPoints(db: Db, ctx: Ctx, enterpriseId: string, q: RiskPointListQuery): Promise<Page<RiskPoint>> {
  await getEnterprise(db, ctx, enterpriseId);
  const { items, total } = await repo.listPoints(db, pointScope(ctx.actor), enterpriseId, q);
  const on = today(ctx);
  return { items: items.map((r) => presentPoint(r, on)), total, page: q.page, pageSize: q.pageSize };
}

/** The point's own audit trail; whoever may see the point may see its history. */
export async function riskPointHistory(db: Db, ctx: Ctx, id: string, page: { page: number; pageSize: number }) {
  await loadInScope(db, ctx, id);
  return listAuditEntries(db, ctx, { ...page, entityType: "risk_point", entityId: id }, { unscoped: true });
}

/**
 * Gives new risk events and control measures their ids and keeps existing ones (later check tasks
 * refer to measures by id). An id the point never had is refused.
 */
function identify(input: RiskPointCreate["events"], current: RiskEvent[] = []): RiskEvent[] {
  const events = new Set(current.map((e) => e.id));
  const measures = new Set(current.flatMap((e) => e.measures.map((m) => m.id)));
  const used = new Set<string>();
  const errors: FieldError[] = [];
  const keep = (id: string | undefined, known: Set<string>, path: string) => {
    if (id && (!known.has(id) || used.has(id))) errors.push({ path, code: "risk.item_id_unknown" });
    const out = id ?? randomUUID();
    used.add(out);
    return out;
  };
  const out = input.map((e, i) => ({
    ...e,
    id: keep(e.id, events, `events.${i}.id`),
    measures: e.measures.map((m, j) => ({ ...m, id: keep(m.id, measures, `events.${i}.measures.${j}.id`) })),
  }));
  if (errors.length) throw new AppError(400, "validation", { fields: errors });
  return out;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}
const nameTaken = () => conflict("risk.point_name_taken", [{ path: "name", code: "risk.point_name_taken" }]);

/** An assessment to record with a new point (bulk registration). */
export type InitialAssessment = Omit<AssessmentCreate, "version">;

/** One enterprise's new points, each optionally with its first assessment. */
export type RiskRegister = {
  /** As read from the enterprises service under the same ctx (so already in the actor's scope). */
  enterprise: Pick<Enterprise, "id" | "regionCode">;
  items: { point: RiskPointCreate; assessment?: InitialAssessment }[];
};

/**
 * Registers risk points of one enterprise, each optionally with its first assessment, in one
 * transaction audited row by row. A new point that is not assessed is due at once.
 */
export async function registerRiskPoints(db: Db, ctx: Ctx, enterpriseId: string, items: RiskRegister["items"]): Promise<RiskPoint[]> {
  return registerRiskRegisters(db, ctx, [{ enterprise: await getEnterprise(db, ctx, enterpriseId), items }]);
}

/** Bulk registration (demo city, imports): several enterprises' registers in one transaction, one audit chain step per row. */
export async function registerRiskRegisters(db: Db, ctx: Ctx, registers: RiskRegister[]): Promise<RiskPoint[]> {
  const on = today(ctx);
  const settings = await settingsFor(
    db,
    registers.map((r) => r.enterprise.id),
  );
  const policies = new Map<string, RiskPolicy>();
  const points: (typeof riskPoints.$inferInsert)[] = [];
  const assessments: (typeof riskAssessments.$inferInsert)[] = [];
  for (const { enterprise, items } of registers) {
    if (new Set(items.map((i) => i.point.name)).size < items.length) throw nameTaken();
    for (const { point: p, assessment: a } of items) {
      const values = {
        id: randomUUID(),
        enterpriseId: enterprise.id,
        regionCode: enterprise.regionCode,
        name: p.name,
        kind: p.kind,
        location: p.location ?? null,
        responsible: p.responsible,
        notes: p.notes ?? null,
        planX: p.position?.x ?? null,
        planY: p.position?.y ?? null,
        majorHazardSource: p.majorHazardSource,
        events: identify(p.events),
        nextReviewDate: on,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      if (a) {
        const key = `${enterprise.id}/${a.policy}@${a.policyVersion ?? ""}`;
        const policy = policies.get(key) ?? (await resolvePolicy(db, ctx, a, enterprise.id));
        policies.set(key, policy);
        const graded = grade(ctx, policy, a, values, settings.get(enterprise.id) ?? defaultSettings, null);
        assessments.push({ ...graded.assessment, riskPointId: values.id, enterpriseId: enterprise.id, regionCode: enterprise.regionCode });
        Object.assign(values, graded.point);
      }
      points.push(values);
    }
  }

  const rows = await withTx(db, async (tx) => {
    const inserted: repo.PointRow[] = [];
    for (let i = 0; i < points.length; i += 500) inserted.push(...(await repo.insertPoints(tx, points.slice(i, i + 500))));
    if (inserted.length < points.length) throw nameTaken();
    const stored = new Map<string, repo.AssessmentRow>();
    for (let i = 0; i < assessments.length; i += 500)
      for (const a of await repo.insertAssessments(tx, assessments.slice(i, i + 500))) stored.set(a.riskPointId, a);
    // One row per point: its first assessment, if any, is part of its creation.
    const events = inserted.map((r): AuditEvent => {
      const a = stored.get(r.id);
      return {
        action: "risk_point.created",
        entityType: "risk_point",
        entityId: r.id,
        regionCode: r.regionCode,
        after: auditable(r),
        ...(a ? { detail: { assessment: assessmentAudit(a) } } : {}),
      };
    });
    await writeAuditBatch(tx, ctx, events);
    return inserted;
  });
  return rows.map((r) => presentPoint(r, on));
}

export async function createRiskPoint(db: Db, ctx: Ctx, enterpriseId: string, input: RiskPointCreate): Promise<RiskPoint> {
  const [point] = await registerRiskPoints(db, ctx, enterpriseId, [{ point: input }]);
  return point as RiskPoint;
}

export async function updateRiskPoint(db: Db, ctx: Ctx, id: string, input: RiskPointUpdate): Promise<RiskPoint> {
  const current = await loadInScope(db, ctx, id);
  const { version, position, events, ...fields } = input;
  const on = today(ctx);
  const set: Partial<typeof riskPoints.$inferInsert> = { ...fields, updatedAt: ctx.now };
  if (position !== undefined) Object.assign(set, { planX: position?.x ?? null, planY: position?.y ?? null });
  if (events !== undefined) set.events = identify(events, current.events as RiskEvent[]);
  // R11: joining or leaving a major hazard source changes the point's hazards; it is due for re-assessment now.
  if (fields.majorHazardSource !== undefined && fields.majorHazardSource !== current.majorHazardSource && current.nextReviewDate > on)
    set.nextReviewDate = on;
  try {
    const row = await withTx(db, async (tx) => {
      const r = await updateVersioned(tx, riskPoints, { id, version, set });
      await writeAudit(tx, ctx, {
        action: "risk_point.updated",
        entityType: "risk_point",
        entityId: id,
        regionCode: r.regionCode,
        before: auditable(current),
        after: auditable(r),
      });
      return r;
    });
    return presentPoint(row, on);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

/** R11: a change, accident, new rule… recorded on the point makes it due for re-assessment today. */
export async function recordReassessmentTrigger(db: Db, ctx: Ctx, id: string, input: TriggerCreate): Promise<RiskPoint> {
  const current = await loadInScope(db, ctx, id);
  const on = today(ctx);
  const trigger: PendingTrigger = {
    trigger: input.trigger,
    note: input.note ?? null,
    recordedOn: on,
    recordedBy: ctx.actor?.displayName ?? "",
  };
  const row = await withTx(db, async (tx) => {
    const r = await updateVersioned(tx, riskPoints, {
      id,
      version: input.version,
      set: { pendingTrigger: trigger, nextReviewDate: current.nextReviewDate < on ? current.nextReviewDate : on, updatedAt: ctx.now },
    });
    await writeAudit(tx, ctx, {
      action: "risk_point.reassessment_triggered",
      entityType: "risk_point",
      entityId: id,
      regionCode: r.regionCode,
      before: auditable(current),
      after: auditable(r),
    });
    return r;
  });
  return presentPoint(row, on);
}

// ── assessments ─────────────────────────────────────────────────────────────────────────────────

/**
 * R8: the assessor's criteria, plus (c) when the point belongs to a major hazard source. Null when
 * none applies; refused when the assessor names criteria under a policy that has direct judgment off.
 */
function directJudgmentFor(policy: RiskPolicy, point: { majorHazardSource: boolean }, given?: DirectJudgment): DirectJudgment | null {
  if (given && !policy.directJudgment) throw fieldError("directJudgment", "risk.direct_judgment_off");
  const criteria = new Set<DirectJudgmentCriterion>(given?.criteria ?? []);
  if (point.majorHazardSource && policy.directJudgment) criteria.add("major_hazard_source");
  if (criteria.size === 0) return null;
  return {
    criteria: directJudgmentCriteria.filter((c) => criteria.has(c)),
    reason: given?.reason ?? directJudgmentLabels.major_hazard_source.zh,
  };
}

/** Grades one assessment and derives what the point caches from it (level, layer, next review date). */
function grade(
  ctx: Ctx,
  policy: RiskPolicy,
  input: InitialAssessment,
  point: { majorHazardSource: boolean },
  settings: Settings,
  trigger: PendingTrigger | null,
) {
  const on = today(ctx);
  const assessedOn = input.assessedOn ?? on;
  if (assessedOn > on) throw fieldError("assessedOn", "risk.assessed_on_future");
  const result = gradeOrRefuse(policy, input.factors);
  const judgment = directJudgmentFor(policy, point, input.directJudgment);
  const { level } = judgeLevel(result.level, judgment?.criteria ?? [], policy.directJudgment);
  const controlLayer = settings.controlLayers[level];
  const nextReviewDate = reviewDueDate(assessedOn, settings.reviewIntervalMonths);
  const id = randomUUID();
  return {
    assessment: {
      id,
      policyId: policy.id,
      policyVersion: policy.version,
      method: policy.method,
      factors: result.factors,
      score: result.scoreText,
      band: result.band,
      bandName: result.bandName,
      scoredLevel: result.level,
      directJudgment: judgment,
      level,
      controlLayer,
      trigger,
      assessorId: ctx.actor?.userId ?? null,
      assessorName: ctx.actor?.displayName ?? "",
      assessedOn,
      nextReviewDate,
      createdAt: ctx.now,
    },
    point: { level, controlLayer, assessmentId: id, nextReviewDate, pendingTrigger: null },
  };
}

const assessmentAudit = (a: repo.AssessmentRow) => ({
  assessmentId: a.id,
  policy: `${a.policyId}@${a.policyVersion}`,
  factors: a.factors,
  score: a.score,
  band: a.band,
  scoredLevel: a.scoredLevel,
  directJudgment: a.directJudgment,
});

function assessedEvent(point: repo.PointRow, before: repo.PointRow, a: repo.AssessmentRow): AuditEvent {
  const cached = (r: repo.PointRow) => ({
    level: r.level,
    controlLayer: r.controlLayer,
    assessmentId: r.assessmentId,
    nextReviewDate: r.nextReviewDate,
    pendingTrigger: r.pendingTrigger,
    version: r.version,
  });
  return {
    action: "risk_point.assessed",
    entityType: "risk_point",
    entityId: point.id,
    regionCode: point.regionCode,
    before: cached(before),
    after: cached(point),
    detail: assessmentAudit(a),
  };
}

/**
 * Re-assesses a point: a new assessment row (earlier ones stay as they were), and in the same
 * transaction the point's level, control layer and review date, under the point's version.
 */
export async function assessRiskPoint(db: Db, ctx: Ctx, id: string, input: AssessmentCreate): Promise<Assessment> {
  const current = await loadInScope(db, ctx, id);
  const policy = await resolvePolicy(db, ctx, input, current.enterpriseId);
  const settings = await settingsOf(db, current.enterpriseId);
  const graded = grade(ctx, policy, input, current, settings, current.pendingTrigger as PendingTrigger | null);
  const row = await withTx(db, async (tx) => {
    const point = await updateVersioned(tx, riskPoints, { id, version: input.version, set: { ...graded.point, updatedAt: ctx.now } });
    const [a] = await repo.insertAssessments(tx, [
      { ...graded.assessment, riskPointId: id, enterpriseId: current.enterpriseId, regionCode: current.regionCode },
    ]);
    if (!a) throw new Error("insert risk_assessments returned nothing");
    await writeAudit(tx, ctx, assessedEvent(point, current, a));
    return a;
  });
  return presentAssessment(row);
}

export async function listAssessments(db: Db, ctx: Ctx, id: string, page: { page: number; pageSize: number }): Promise<Page<Assessment>> {
  await loadInScope(db, ctx, id);
  const { items, total } = await repo.listAssessments(db, assessmentScope(ctx.actor), id, page);
  return { items: items.map(presentAssessment), total, page: page.page, pageSize: page.pageSize };
}
