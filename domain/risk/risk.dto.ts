import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { CalendarDate } from "../common/calendar.js";
import { PageQuery, pageOf } from "../common/page.js";
import { EnterpriseCategory } from "../enterprise/enterprise.dto.js";
import { AccidentType, MeasureType } from "./accident-types.js";
import { ControlLayer, ControlLayerTable, DirectJudgmentCriterion, RiskLevel, riskLevels } from "./levels.js";
import { PolicyId, RiskPolicy } from "./policy.js";
import { ReassessmentTrigger } from "./review.js";

/**
 * 风险分级管控 API shapes (issue 5), shared by server and web: risk points with their risk events
 * and control measures, assessments under versioned policies, the site plan, the regional picture.
 */

const Text = z.object({ zh: z.string(), en: z.string() });
const Uuid = z.string().uuid();
const Version = z.number().int();
const Colour = z.enum(["red", "orange", "yellow", "blue"]);

const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/);
export const ResponsiblePerson = z.object({ name: z.string().trim().min(1).max(40), phone: Phone });
export type ResponsiblePerson = z.infer<typeof ResponsiblePerson>;

/** Who answers for the point at each control layer (R9; 11号: 企业、车间、班组和岗位). */
export const ResponsiblePersons = z.object({
  enterprise: ResponsiblePerson.optional(),
  department: ResponsiblePerson.optional(),
  workshop: ResponsiblePerson.optional(),
  team_post: ResponsiblePerson.optional(),
});
export type ResponsiblePersons = z.infer<typeof ResponsiblePersons>;

/** 风险点 kinds: a unit, an area, a facility or an activity (储罐区, 反应釜, 配电室, 动火作业…). */
export const riskPointKinds = ["unit", "area", "facility", "activity"] as const;
export const RiskPointKind = z.enum(riskPointKinds);
export const riskPointKindLabels: Record<z.infer<typeof RiskPointKind>, { zh: string; en: string }> = {
  unit: { zh: "单元", en: "Unit" },
  area: { zh: "区域", en: "Area" },
  facility: { zh: "设备设施", en: "Facility" },
  activity: { zh: "作业活动", en: "Activity" },
};

/** 管控措施. An `id` keeps a measure's identity across edits (check tasks refer to it); new ones get one. */
export const ControlMeasureInput = z.object({
  id: Uuid.optional(),
  type: MeasureType,
  description: z.string().trim().min(1).max(500),
  layer: ControlLayer,
});
/** 风险事件: what can go wrong at the point, its GB 6441 accident type and consequence, and its control measures. */
export const RiskEventInput = z.object({
  id: Uuid.optional(),
  description: z.string().trim().min(1).max(500),
  accidentType: AccidentType,
  consequence: z.string().trim().min(1).max(500),
  measures: z.array(ControlMeasureInput).max(30).default([]),
});
export const ControlMeasure = ControlMeasureInput.extend({ id: Uuid });
export type ControlMeasure = z.infer<typeof ControlMeasure>;
export const RiskEvent = RiskEventInput.extend({ id: Uuid, measures: z.array(ControlMeasure) });
export type RiskEvent = z.infer<typeof RiskEvent>;

/** Place on the site plan, as fractions of its width and height from the top-left corner. */
export const PlanPosition = z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) });

const pointFields = {
  name: z.string().trim().min(1).max(100),
  kind: RiskPointKind,
  location: z.string().trim().max(200).nullable().optional(),
  responsible: ResponsiblePersons,
  notes: z.string().trim().max(2000).nullable().optional(),
  position: PlanPosition.nullable().optional(),
  /** Part of a constituted GB 18218 major hazard source (R8(c): graded 重大). */
  majorHazardSource: z.boolean(),
  events: z.array(RiskEventInput).max(50),
};

export const RiskPointCreate = z.object({
  ...pointFields,
  responsible: ResponsiblePersons.default({}),
  majorHazardSource: z.boolean().default(false),
  events: pointFields.events.default([]),
});
export type RiskPointCreate = z.infer<typeof RiskPointCreate>;

/** Partial edit under the point's version; `events` replaces the whole list (keep ids to keep identities). */
export const RiskPointUpdate = z.object(pointFields).partial().extend({ version: Version });
export type RiskPointUpdate = z.infer<typeof RiskPointUpdate>;

/** An R11 event recorded on a point: it is due for re-assessment from that day. */
export const PendingTrigger = z.object({
  trigger: ReassessmentTrigger,
  note: z.string().nullable(),
  recordedOn: z.string(),
  recordedBy: z.string(),
});
export type PendingTrigger = z.infer<typeof PendingTrigger>;

export const RiskPoint = z.object({
  id: Uuid,
  enterpriseId: Uuid,
  regionCode: z.string(),
  name: z.string(),
  kind: RiskPointKind,
  location: z.string().nullable(),
  responsible: ResponsiblePersons,
  notes: z.string().nullable(),
  position: PlanPosition.nullable(),
  majorHazardSource: z.boolean(),
  events: z.array(RiskEvent),
  /** From the latest assessment; null until the point is first assessed. */
  level: RiskLevel.nullable(),
  colour: Colour.nullable(),
  /** The layer that controls it (R9) and the layers above that oversee it. */
  controlLayer: ControlLayer.nullable(),
  overseenBy: z.array(ControlLayer),
  /** The responsible person of the controlling layer, when recorded. */
  controlledBy: ResponsiblePerson.nullable(),
  assessmentId: Uuid.nullable(),
  nextReviewDate: z.string(),
  /** The review date has come (today in Asia/Shanghai), or a trigger made it due. */
  reviewDue: z.boolean(),
  pendingTrigger: PendingTrigger.nullable(),
  version: Version,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RiskPoint = z.infer<typeof RiskPoint>;

export const RiskPointListQuery = PageQuery.extend({
  /** Name substring. */
  q: z.string().trim().max(100).optional(),
  level: RiskLevel.optional(),
});
export type RiskPointListQuery = z.infer<typeof RiskPointListQuery>;

// ── assessing ───────────────────────────────────────────────────────────────────────────────────

/** `POST /api/risk/assess`: grade factors under a policy (latest effective version unless one is named). */
export const AssessRequest = z.object({
  policy: PolicyId,
  policyVersion: z.number().int().min(1).optional(),
  factors: z.record(z.string(), z.number()),
});
export type AssessRequest = z.infer<typeof AssessRequest>;

export const AssessResponse = z.object({
  policyId: z.string(),
  policyVersion: Version,
  method: z.string(),
  factors: z.record(z.string(), z.number()),
  score: z.number(),
  scoreText: z.string(),
  band: z.string(),
  bandName: Text,
  level: RiskLevel,
  colour: Colour,
  colourHex: z.string(),
});
export type AssessResponse = z.infer<typeof AssessResponse>;

/** R8 直接判定 applied by the assessor: which criteria and why. */
export const DirectJudgment = z.object({
  criteria: z.array(DirectJudgmentCriterion).min(1).max(4),
  reason: z.string().trim().min(2).max(500),
});
export type DirectJudgment = z.infer<typeof DirectJudgment>;

/** A (re-)assessment of a point, under the point's version (a concurrent one gets 409). */
export const AssessmentCreate = AssessRequest.extend({
  version: Version,
  directJudgment: DirectJudgment.optional(),
  /** Defaults to today (Asia/Shanghai); never in the future. */
  assessedOn: CalendarDate.optional(),
});
export type AssessmentCreate = z.infer<typeof AssessmentCreate>;

export const Assessment = z.object({
  id: Uuid,
  riskPointId: Uuid,
  enterpriseId: Uuid,
  policyId: z.string(),
  policyVersion: Version,
  method: z.string(),
  factors: z.record(z.string(), z.number()),
  score: z.number(),
  scoreText: z.string(),
  band: z.string(),
  bandName: Text,
  /** The level the score gives; `level` is the recorded one after R8. */
  scoredLevel: RiskLevel,
  directJudgment: DirectJudgment.nullable(),
  overrideLevel: RiskLevel.nullable(),
  level: RiskLevel,
  colour: Colour,
  controlLayer: ControlLayer,
  /** The R11 event that prompted this re-assessment, if any. */
  trigger: PendingTrigger.nullable(),
  assessorId: Uuid.nullable(),
  assessorName: z.string(),
  assessedOn: z.string(),
  nextReviewDate: z.string(),
  createdAt: z.string(),
});
export type Assessment = z.infer<typeof Assessment>;

export const TriggerCreate = z.object({
  version: Version,
  trigger: ReassessmentTrigger,
  note: z.string().trim().min(1).max(500).optional(),
});
export type TriggerCreate = z.infer<typeof TriggerCreate>;

// ── policies ────────────────────────────────────────────────────────────────────────────────────

export const PolicyEntry = z.object({
  policy: RiskPolicy,
  builtIn: z.boolean(),
  /** Null for a built-in or deployment policy. */
  enterpriseId: Uuid.nullable(),
  createdAt: z.string().nullable(),
});
export type PolicyEntry = z.infer<typeof PolicyEntry>;

export const PolicyListQuery = z.object({
  /** Also list this enterprise's own policies (an enterprise user always sees its own). */
  enterpriseId: Uuid.optional(),
});

// ── enterprise settings, site plan, summaries ───────────────────────────────────────────────────

export const RiskSettings = z.object({
  enterpriseId: Uuid,
  controlLayers: ControlLayerTable,
  reviewIntervalMonths: z.number().int(),
  /** 0 while the enterprise still uses the defaults. */
  version: Version,
});
export type RiskSettings = z.infer<typeof RiskSettings>;

export const RiskSettingsUpdate = z.object({
  controlLayers: ControlLayerTable,
  reviewIntervalMonths: z.number().int().min(1).max(36),
  version: Version,
});
export type RiskSettingsUpdate = z.infer<typeof RiskSettingsUpdate>;

export const SitePlan = z.object({
  enterpriseId: Uuid,
  contentType: z.enum(["image/png", "image/jpeg"]),
  size: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  sha256: z.string(),
  version: Version,
  uploadedAt: z.string(),
});
export type SitePlan = z.infer<typeof SitePlan>;

const LevelCounts = z.object(Object.fromEntries(riskLevels.map((l) => [l, z.number().int()])) as Record<RiskLevel, z.ZodNumber>);
export type LevelCounts = z.infer<typeof LevelCounts>;

/** An enterprise's picture: overall level = its highest point's (issue 5 §3). */
export const EnterpriseRiskSummary = z.object({
  enterpriseId: Uuid,
  overallLevel: RiskLevel.nullable(),
  overallColour: Colour.nullable(),
  points: z.object({ total: z.number().int(), unassessed: z.number().int(), byLevel: LevelCounts }),
  reviewsDue: z.number().int(),
  sitePlan: SitePlan.nullable(),
  settings: RiskSettings,
});
export type EnterpriseRiskSummary = z.infer<typeof EnterpriseRiskSummary>;

export const RedEnterprise = z.object({
  id: Uuid,
  name: z.string(),
  regionCode: z.string(),
  regionPath: z.string().nullable(),
  majorPoints: z.number().int(),
});

/** Enterprises of a region by their highest level, per child region, and those with red risks (issue 5 §4, §8). */
export const RegionRiskSummary = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  /** Enterprises with assessed points, by overall level, in the whole subtree. */
  byLevel: LevelCounts,
  children: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** Registered enterprises that are not closed (assessed or not). */
      enterprises: z.number().int(),
      byLevel: LevelCounts,
    }),
  ),
  redEnterprises: pageOf(RedEnterprise),
  /** The same enterprises by regulatory category (监管行业: 危险化学品, 工贸, …), for 分类 supervision. */
  byCategory: z.array(z.object({ category: EnterpriseCategory, byLevel: LevelCounts })),
});
export type RegionRiskSummary = z.infer<typeof RegionRiskSummary>;

/** An enterprise with a GPS point on the regional risk map, in its overall level's colour. */
export const RiskMapPoint = z.object({
  id: Uuid,
  name: z.string(),
  regionCode: z.string(),
  level: RiskLevel,
  colour: Colour,
  longitude: z.number(),
  latitude: z.number(),
});
export const RegionRiskMap = z.object({
  items: z.array(RiskMapPoint),
  /** Assessed enterprises of the subtree without a GPS point (not on the map). */
  withoutPosition: z.number().int(),
  /** More assessed enterprises than the map draws (`riskMapLimit`). */
  truncated: z.boolean(),
});
export type RegionRiskMap = z.infer<typeof RegionRiskMap>;
export const riskMapLimit = 5000;

export const RegionSummaryQuery = PageQuery;

export const OverdueItem = z.object({
  riskPointId: Uuid,
  enterpriseId: Uuid,
  enterpriseName: z.string(),
  regionCode: z.string(),
  name: z.string(),
  level: RiskLevel.nullable(),
  colour: Colour.nullable(),
  controlLayer: ControlLayer.nullable(),
  nextReviewDate: z.string(),
  /** Days past the review date (0 when due today). */
  daysOverdue: z.number().int(),
  pendingTrigger: PendingTrigger.nullable(),
});
export type OverdueItem = z.infer<typeof OverdueItem>;

export const OverdueQuery = PageQuery.extend({
  region: RegionCode.optional(),
  enterpriseId: Uuid.optional(),
});
export type OverdueQuery = z.infer<typeof OverdueQuery>;
