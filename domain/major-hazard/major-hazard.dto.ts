import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { isCalendarDay } from "../common/calendar.js";
import { PageQuery } from "../common/page.js";
import { casCheckDigitValid } from "./cas.js";
import { table1 } from "./gb18218-tables.js";
import { betaRules, hazardCategorySymbols } from "./identification.js";

/**
 * 危险化学品重大危险源 (GB 18218-2018): hazard units with their chemicals, identified and graded on every
 * save; the computation is kept as an append-only identification record.
 */

export const HazardCategory = z.enum(hazardCategorySymbols);
export const BetaRule = z.enum(betaRules);

const Cas = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (!casCheckDigitValid(v)) ctx.addIssue({ code: "custom", message: "major_hazard.cas_invalid" });
  });

/** One chemical of a unit: a Table 1 row, a name or CAS (looked up in Table 1), and/or its Table 2 categories. */
export const SubstanceInput = z
  .object({
    tableRow: z.number().int().min(1).max(table1.length).optional(),
    name: z.string().trim().min(1).max(100).optional(),
    cas: Cas.optional(),
    categories: z.array(HazardCategory).max(12).optional(),
    /** Design maximum quantity in tonnes (R3). */
    quantityTonnes: z.number().positive().max(10_000_000),
    liquefied: z.boolean().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.tableRow === undefined && !s.name && !s.cas && !s.categories?.length)
      ctx.addIssue({ code: "custom", message: "major_hazard.substance_unidentified" });
  });
export type SubstanceInput = z.infer<typeof SubstanceInput>;

/** People (常住人口) within 500 m outward from the plant boundary (R7). */
const PeopleExposed = z.number().int().min(0).max(1_000_000);

export const ComputeUnitInput = z.object({ substances: z.array(SubstanceInput).min(1).max(50), peopleExposed: PeopleExposed });

export const ComputeRequest = z.object({ units: z.array(ComputeUnitInput).min(1).max(50), betaRule: BetaRule.default("max") });
export type ComputeRequest = z.infer<typeof ComputeRequest>;

export const Contribution = z.object({
  substance: z.string(),
  name: z.string().nullable(),
  cas: z.string().nullable(),
  categories: z.array(HazardCategory),
  source: z.enum(["table1", "table2"]),
  row: z.number().int().nullable(),
  symbol: HazardCategory.nullable(),
  q: z.number(),
  Q: z.number(),
  qOverQ: z.number(),
  beta: z.number().nullable(),
  betaSource: z.enum(["table3", "table4"]).nullable(),
  betaKey: z.string().nullable(),
  toxicGas: z.boolean(),
  explosiveOrLiquefiedFlammableGas: z.boolean(),
});

export const MajorHazardLevel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const UnitResult = z.object({
  standard: z.literal("GB 18218-2018"),
  betaRule: BetaRule,
  S: z.number(),
  isMajor: z.boolean(),
  alpha: z.number(),
  R: z.number().nullable(),
  level: MajorHazardLevel.nullable(),
  contributions: z.array(Contribution),
  qra: z.object({
    required: z.boolean(),
    reasons: z.array(z.enum(["toxic_gas", "explosive_or_liquefied_flammable_gas"])),
    toxicGasS: z.number(),
    explosiveOrLiquefiedFlammableGasS: z.number(),
  }),
  exact: z.object({ S: z.string(), R: z.string().nullable() }),
});
export type UnitResultDto = z.infer<typeof UnitResult>;

export const ComputeResponse = z.object({ units: z.array(UnitResult) });

export const hazardUnitKinds = ["production", "storage"] as const;
/** R2: 生产单元 (split at isolation valves) or 储存单元 (a tank farm within its dike, or a warehouse building). */
export const HazardUnitKind = z.enum(hazardUnitKinds);
export const hazardUnitKindLabels = {
  production: { zh: "生产单元", en: "Production unit" },
  storage: { zh: "储存单元", en: "Storage unit" },
} as const;

const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/);

/** A 包保责任人 (应急厅〔2021〕12号 Art. 3): name, post and phone, shown on the source's notice board. */
export const ResponsiblePerson = z.object({
  name: z.string().trim().min(1).max(40),
  post: z.string().trim().min(1).max(60),
  phone: Phone,
});
export type ResponsiblePerson = z.infer<typeof ResponsiblePerson>;

export const responsibleRoles = ["principal", "technical", "operations"] as const;
/** 主要负责人, 技术负责人, 操作负责人 (R15); required once the unit is a major hazard source. */
export const ResponsiblePersons = z.object({
  principal: ResponsiblePerson.nullable(),
  technical: ResponsiblePerson.nullable(),
  operations: ResponsiblePerson.nullable(),
});
export type ResponsiblePersons = z.infer<typeof ResponsiblePersons>;
export const responsibleRoleLabels = {
  principal: { zh: "主要负责人", en: "Principal person" },
  technical: { zh: "技术负责人", en: "Technical person" },
  operations: { zh: "操作负责人", en: "Operations person" },
} as const;

const Day = z.string().refine(isCalendarDay, { message: "major_hazard.date_invalid" });

const unitFields = {
  kind: HazardUnitKind,
  name: z.string().trim().min(1).max(100),
  /** Where the unit ends: the dike, the building, the isolation valves (R2). */
  boundaryNote: z.string().trim().max(500).nullable(),
  peopleExposed: PeopleExposed,
  substances: z.array(SubstanceInput).min(1).max(50),
  betaRule: BetaRule,
  /** Date of the latest safety assessment report (R11, R14). */
  lastAssessmentDate: Day.nullable(),
};

export const HazardUnitCreate = z.object({
  ...unitFields,
  boundaryNote: unitFields.boundaryNote.default(null),
  betaRule: unitFields.betaRule.default("max"),
  lastAssessmentDate: unitFields.lastAssessmentDate.default(null),
  responsiblePersons: z
    .object({
      principal: ResponsiblePerson.nullable().default(null),
      technical: ResponsiblePerson.nullable().default(null),
      operations: ResponsiblePerson.nullable().default(null),
    })
    .default({ principal: null, technical: null, operations: null }),
});
export type HazardUnitCreate = z.infer<typeof HazardUnitCreate>;

/** Partial edit under the version guard; a person left out of `responsiblePersons` stays as it is. */
export const HazardUnitUpdate = z
  .object({
    ...unitFields,
    responsiblePersons: z
      .object({
        principal: ResponsiblePerson.nullable(),
        technical: ResponsiblePerson.nullable(),
        operations: ResponsiblePerson.nullable(),
      })
      .partial(),
  })
  .partial()
  .extend({ version: z.number().int() });
export type HazardUnitUpdate = z.infer<typeof HazardUnitUpdate>;

/** One computation, as stored (append-only): what went in, what came out, who and when. */
export const Identification = z.object({
  id: z.string().uuid(),
  hazardUnitId: z.string().uuid(),
  unitVersion: z.number().int(),
  computedAt: z.string(),
  computedBy: z.string().nullable(),
  input: z.object({ substances: z.array(SubstanceInput), peopleExposed: z.number().int() }),
  result: UnitResult,
});
export type Identification = z.infer<typeof Identification>;

/** A unit in lists (the enterprise's units, regulators' major hazard sources). */
export const HazardUnitSummary = z.object({
  id: z.string().uuid(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  kind: HazardUnitKind,
  name: z.string(),
  peopleExposed: z.number().int(),
  isMajor: z.boolean(),
  level: MajorHazardLevel.nullable(),
  S: z.number(),
  R: z.number().nullable(),
  lastAssessmentDate: z.string().nullable(),
  /** R11(1): 3 years after the last assessment. */
  reassessmentDue: z.string().nullable(),
  principal: ResponsiblePerson.nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type HazardUnitSummary = z.infer<typeof HazardUnitSummary>;

export const HazardUnit = HazardUnitSummary.extend({
  boundaryNote: z.string().nullable(),
  substances: z.array(SubstanceInput),
  betaRule: BetaRule,
  responsiblePersons: ResponsiblePersons,
  /** R14: 备案 due 15 days after the last assessment report. */
  filingDue: z.string().nullable(),
  /** The latest computation (the unit's current identification and grade). */
  identification: Identification,
  createdAt: z.string(),
});
export type HazardUnit = z.infer<typeof HazardUnit>;

export const HazardUnitListQuery = PageQuery.extend({ major: z.enum(["true", "false"]).optional() });
export type HazardUnitListQuery = z.infer<typeof HazardUnitListQuery>;

export const MajorHazardSourceQuery = PageQuery.extend({
  /** Region subtree (within the caller's own). */
  region: RegionCode.optional(),
  level: z.coerce.number().pipe(MajorHazardLevel).optional(),
});
export type MajorHazardSourceQuery = z.infer<typeof MajorHazardSourceQuery>;

export const SubstanceSearchQuery = z.object({
  q: z.string().trim().max(50).default(""),
  limit: z.coerce.number().int().min(1).max(85).default(20),
});

export const SubstanceHit = z.object({
  row: z.number().int(),
  name: z.string(),
  aliases: z.array(z.string()),
  cas: z.array(z.string()),
  Q: z.number(),
  table3Beta: z.number().nullable(),
  restricted: z.boolean(),
});
export const SubstanceHits = z.object({ items: z.array(SubstanceHit) });
