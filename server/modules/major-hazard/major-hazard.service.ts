import { shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import { filingDue, reassessmentDue } from "../../../domain/major-hazard/deadlines.js";
import { computeUnit, MajorHazardInputError, type UnitResult } from "../../../domain/major-hazard/identification.js";
import {
  type ComputeRequest,
  type HazardUnit,
  type HazardUnitCreate,
  type HazardUnitListQuery,
  type HazardUnitSummary,
  type HazardUnitUpdate,
  type Identification,
  type MajorHazardSourceQuery,
  type ResponsiblePersons,
  responsibleRoleLabels,
  responsibleRoles,
  type SubstanceInput,
} from "../../../domain/major-hazard/major-hazard.dto.js";
import { searchTable1 } from "../../../domain/major-hazard/substances.js";
import { canonicalJson, writeAudit } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, conflict, type FieldError, fieldError, notFound } from "../../kernel/http/errors.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import { enterpriseNames, getEnterprise, recordMajorHazardSource } from "../enterprises/enterprises.service.js";
import { hazardUnitEntity } from "./major-hazard.messages.js";
import { unitScope } from "./major-hazard.policy.js";
import * as repo from "./major-hazard.repo.js";
import { hazardUnits } from "./major-hazard.schema.js";

/** The calculator's input faults as a 400 naming each field (paths prefixed for nested requests). */
function inputError(e: MajorHazardInputError, prefix = ""): AppError {
  return new AppError(400, "validation", { fields: e.issues.map((i) => ({ path: `${prefix}${i.path}`, code: i.code, params: i.params })) });
}

/** POST /api/major-hazard/compute: identification and grading of each unit, nothing stored. */
export function computeUnits(input: ComputeRequest): { units: UnitResult[] } {
  const fields: FieldError[] = [];
  const units: UnitResult[] = [];
  input.units.forEach((u, i) => {
    try {
      units.push(computeUnit(u, { betaRule: input.betaRule }));
    } catch (e) {
      if (!(e instanceof MajorHazardInputError)) throw e;
      fields.push(...(inputError(e, `units.${i}.`).options.fields ?? []));
    }
  });
  if (fields.length) throw new AppError(400, "validation", { fields });
  return { units };
}

/** Table 1 rows for a substance picker. */
export function searchSubstances(q: { q: string; limit: number }) {
  return {
    items: searchTable1(q.q, q.limit).map((h) => ({
      row: h.row,
      name: h.name,
      aliases: [...h.aliases],
      cas: [...h.cas],
      Q: Number(h.q),
      table3Beta: h.table3Beta === null ? null : Number(h.table3Beta),
      restricted: h.restricted,
    })),
  };
}

type UnitState = {
  substances: SubstanceInput[];
  peopleExposed: number;
  betaRule: HazardUnit["betaRule"];
  responsiblePersons: ResponsiblePersons;
  lastAssessmentDate: string | null;
};

function identify(u: UnitState): UnitResult {
  try {
    return computeUnit({ substances: u.substances, peopleExposed: u.peopleExposed }, { betaRule: u.betaRule });
  } catch (e) {
    if (e instanceof MajorHazardInputError) throw inputError(e);
    throw e;
  }
}

/** R15 (应急厅〔2021〕12号 Art. 3): a major hazard source names its 主要负责人, 技术负责人 and 操作负责人. */
function assertResponsiblePersons(result: UnitResult, persons: ResponsiblePersons): void {
  if (!result.isMajor) return;
  const missing = responsibleRoles.filter((r) => !persons[r]);
  if (missing.length)
    throw new AppError(400, "validation", {
      fields: missing.map((r) => ({
        path: `responsiblePersons.${r}`,
        code: "major_hazard.responsible_required",
        params: { role: responsibleRoleLabels[r] },
      })),
    });
}

function checkAssessmentDate(ctx: Ctx, day: string | null): void {
  if (day && day > shanghaiDay(ctx.now)) throw fieldError("lastAssessmentDate", "major_hazard.assessment_in_future");
}

const personsOf = (row: repo.HazardUnitRow) => row.responsiblePersons as ResponsiblePersons;

function summary(row: repo.HazardUnitRow, enterpriseName: string): HazardUnitSummary {
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    enterpriseName,
    regionCode: row.regionCode,
    kind: row.kind as HazardUnit["kind"],
    name: row.name,
    peopleExposed: row.peopleExposed,
    isMajor: row.isMajor,
    level: row.level as HazardUnit["level"],
    S: row.s,
    R: row.r,
    lastAssessmentDate: row.lastAssessmentDate,
    reassessmentDue: row.lastAssessmentDate ? reassessmentDue(row.lastAssessmentDate) : null,
    principal: personsOf(row).principal,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function presentIdentification(r: repo.IdentificationRow): Identification {
  return {
    id: r.id,
    hazardUnitId: r.hazardUnitId,
    unitVersion: r.unitVersion,
    computedAt: r.computedAt.toISOString(),
    computedBy: r.computedByName,
    input: r.input as Identification["input"],
    result: r.result as Identification["result"],
  };
}

function present(row: repo.HazardUnitRow, identification: repo.IdentificationRow, enterpriseName: string): HazardUnit {
  return {
    ...summary(row, enterpriseName),
    boundaryNote: row.boundaryNote,
    substances: row.substances as SubstanceInput[],
    betaRule: row.betaRule as HazardUnit["betaRule"],
    responsiblePersons: personsOf(row),
    filingDue: row.lastAssessmentDate ? filingDue(row.lastAssessmentDate) : null,
    identification: presentIdentification(identification),
    createdAt: row.createdAt.toISOString(),
  };
}

const auditable = (r: repo.HazardUnitRow) => ({
  enterpriseId: r.enterpriseId,
  regionCode: r.regionCode,
  kind: r.kind,
  name: r.name,
  boundaryNote: r.boundaryNote,
  peopleExposed: r.peopleExposed,
  substances: r.substances,
  betaRule: r.betaRule,
  responsiblePersons: r.responsiblePersons,
  lastAssessmentDate: r.lastAssessmentDate,
  isMajor: r.isMajor,
  level: r.level,
  s: r.s,
  r: r.r,
  version: r.version,
});

const computed = (result: UnitResult) => ({ isMajor: result.isMajor, level: result.level, s: result.S, r: result.R });

function identificationValues(ctx: Ctx, unit: repo.HazardUnitRow, state: UnitState, result: UnitResult) {
  return {
    hazardUnitId: unit.id,
    enterpriseId: unit.enterpriseId,
    regionCode: unit.regionCode,
    unitVersion: unit.version,
    standard: result.standard,
    input: { substances: state.substances, peopleExposed: state.peopleExposed },
    result,
    isMajor: result.isMajor,
    level: result.level,
    computedBy: ctx.actor?.userId ?? null,
    computedByName: ctx.actor?.username ?? null,
    computedAt: ctx.now,
  };
}

async function loadInScope(db: Db, ctx: Ctx, id: string): Promise<repo.HazardUnitRow> {
  const row = await repo.findUnit(db, id, unitScope(ctx.actor));
  if (!row) throw notFound(hazardUnitEntity);
  return row;
}

/** The enterprise the unit belongs to, seen as the caller (404 outside its scope); a closed one takes no changes. */
async function openEnterprise(db: Db, ctx: Ctx, enterpriseId: string) {
  const enterprise = await getEnterprise(db, ctx, enterpriseId);
  if (enterprise.status === "closed") throw conflict("major_hazard.enterprise_closed");
  return enterprise;
}

export async function listEnterpriseHazardUnits(
  db: Db,
  ctx: Ctx,
  enterpriseId: string,
  q: HazardUnitListQuery,
): Promise<Page<HazardUnitSummary>> {
  const enterprise = await getEnterprise(db, ctx, enterpriseId);
  const major = q.major === undefined ? undefined : q.major === "true";
  const { items, total } = await repo.listUnitsOf(db, unitScope(ctx.actor), enterpriseId, { major }, q);
  return { items: items.map((r) => summary(r, enterprise.name)), total, page: q.page, pageSize: q.pageSize };
}

/** Regulators' list: the major hazard sources of their region by grade (一级 first), scoped as every query. */
export async function listMajorHazardSources(db: Db, ctx: Ctx, q: MajorHazardSourceQuery): Promise<Page<HazardUnitSummary>> {
  const { items, total } = await repo.listMajorSources(db, unitScope(ctx.actor), { regionPrefix: q.region, level: q.level }, q);
  const names = await enterpriseNames(
    db,
    ctx,
    items.map((r) => r.enterpriseId),
  );
  return { items: items.map((r) => summary(r, names.get(r.enterpriseId) ?? "")), total, page: q.page, pageSize: q.pageSize };
}

export async function getHazardUnit(db: Db, ctx: Ctx, id: string): Promise<HazardUnit> {
  const row = await loadInScope(db, ctx, id);
  // Identifications are read through their unit, which was just loaded within the caller's scope.
  const [identification, names] = await Promise.all([repo.latestIdentification(db, id), enterpriseNames(db, ctx, [row.enterpriseId])]);
  if (!identification) throw new Error(`hazard unit ${id} has no identification`);
  return present(row, identification, names.get(row.enterpriseId) ?? "");
}

/** A unit's identification history, newest first (each computation as it was made). */
export async function listHazardIdentifications(db: Db, ctx: Ctx, id: string, page: { page: number; pageSize: number }) {
  await loadInScope(db, ctx, id);
  const { items, total } = await repo.listIdentifications(db, id, page);
  return { items: items.map(presentIdentification), total, page: page.page, pageSize: page.pageSize };
}

/**
 * Registers a unit: identifies and grades it (GB 18218-2018), stores the unit with its first
 * identification record, and marks the enterprise as holding a major hazard source when it is one —
 * all in one audited transaction.
 */
export async function createHazardUnit(db: Db, ctx: Ctx, enterpriseId: string, input: HazardUnitCreate): Promise<HazardUnit> {
  const enterprise = await openEnterprise(db, ctx, enterpriseId);
  checkAssessmentDate(ctx, input.lastAssessmentDate);
  const result = identify(input);
  assertResponsiblePersons(result, input.responsiblePersons);
  const { unit, identification } = await withTx(db, async (tx) => {
    const unit = await repo.insertUnit(tx, {
      enterpriseId,
      regionCode: enterprise.regionCode,
      kind: input.kind,
      name: input.name,
      boundaryNote: input.boundaryNote,
      peopleExposed: input.peopleExposed,
      substances: input.substances,
      betaRule: input.betaRule,
      responsiblePersons: input.responsiblePersons,
      lastAssessmentDate: input.lastAssessmentDate,
      ...computed(result),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    if (!unit) throw conflict("major_hazard.unit_name_taken", [{ path: "name", code: "major_hazard.unit_name_taken" }]);
    const identification = await repo.insertIdentification(tx, identificationValues(ctx, unit, input, result));
    await writeAudit(tx, ctx, {
      action: "hazard_unit.created",
      entityType: "hazard_unit",
      entityId: unit.id,
      regionCode: unit.regionCode,
      after: auditable(unit),
      detail: { identificationId: identification.id, standard: result.standard },
    });
    if (result.isMajor) await recordMajorHazardSource(tx, ctx, enterpriseId, true, { hazardUnitId: unit.id, level: result.level });
    return { unit, identification };
  });
  return present(unit, identification, enterprise.name);
}

/**
 * Edits a unit under its version guard and re-identifies it. A new identification record is appended
 * when the input or the result changed (R11: a change of chemicals, quantities or surroundings means
 * re-identification); the enterprise's flag follows the units' identification.
 */
export async function updateHazardUnit(db: Db, ctx: Ctx, id: string, input: HazardUnitUpdate): Promise<HazardUnit> {
  const current = await loadInScope(db, ctx, id);
  const enterprise = await openEnterprise(db, ctx, current.enterpriseId);
  const { version, responsiblePersons, ...changes } = input;
  const state: UnitState = {
    substances: changes.substances ?? (current.substances as SubstanceInput[]),
    peopleExposed: changes.peopleExposed ?? current.peopleExposed,
    betaRule: changes.betaRule ?? (current.betaRule as UnitState["betaRule"]),
    responsiblePersons: { ...personsOf(current), ...responsiblePersons },
    lastAssessmentDate: changes.lastAssessmentDate === undefined ? current.lastAssessmentDate : changes.lastAssessmentDate,
  };
  if (changes.lastAssessmentDate !== undefined) checkAssessmentDate(ctx, changes.lastAssessmentDate);
  const result = identify(state);
  assertResponsiblePersons(result, state.responsiblePersons);
  if (changes.name !== undefined && changes.name !== current.name && (await repo.unitNameTaken(db, current.enterpriseId, changes.name, id)))
    throw conflict("major_hazard.unit_name_taken", [{ path: "name", code: "major_hazard.unit_name_taken" }]);

  const { unit, identification } = await withTx(db, async (tx) => {
    const unit = await updateVersioned(tx, hazardUnits, {
      id,
      version,
      set: {
        ...changes,
        ...state,
        regionCode: enterprise.regionCode,
        ...computed(result),
        updatedAt: ctx.now,
      },
    });
    const latest = await repo.latestIdentification(tx, id);
    const same =
      latest &&
      canonicalJson({ input: latest.input, result: latest.result }) ===
        canonicalJson({ input: { substances: state.substances, peopleExposed: state.peopleExposed }, result });
    const identification = same ? latest : await repo.insertIdentification(tx, identificationValues(ctx, unit, state, result));
    await writeAudit(tx, ctx, {
      action: "hazard_unit.updated",
      entityType: "hazard_unit",
      entityId: id,
      regionCode: unit.regionCode,
      before: auditable(current),
      after: auditable(unit),
      ...(same ? {} : { detail: { identificationId: identification.id, standard: result.standard } }),
    });
    if (result.isMajor) await recordMajorHazardSource(tx, ctx, unit.enterpriseId, true, { hazardUnitId: id, level: result.level });
    else if (current.isMajor && !(await repo.hasOtherMajorUnit(tx, unit.enterpriseId, id)))
      // The last major unit is no longer one: the enterprise no longer holds a major hazard source.
      await recordMajorHazardSource(tx, ctx, unit.enterpriseId, false, { hazardUnitId: id });
    return { unit, identification };
  });
  return present(unit, identification, enterprise.name);
}
