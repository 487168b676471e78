import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea, day, ts } from "../../kernel/db/columns.js";

const levelCheck = (column: unknown) => sql`${column} in ('major','significant','general','low')`;

/**
 * Custom risk policies (R1): a deployment's (enterprise null) or one enterprise's. Rows are never
 * changed: a change is a new version. The built-in policies live in code (domain/risk) and are not stored.
 */
export const riskPolicies = pgTable(
  "risk_policies",
  {
    id: text("id").notNull(),
    version: integer("version").notNull(),
    enterpriseId: uuid("enterprise_id"),
    /** The owning enterprise's region (scope), null for a deployment policy. */
    regionCode: text("region_code"),
    /** The whole RiskPolicy document as validated (domain/risk/policy.ts). */
    document: jsonb("document").notNull(),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.version] }),
    index("risk_policies_enterprise_idx").on(t.enterpriseId),
    index("risk_policies_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
  ],
);

/**
 * 风险点 (risk point / analysis object) of an enterprise, with its risk events and their control
 * measures (jsonb, edited with the point under its version), responsible persons by control layer,
 * its place on the site plan and the cached outcome of its latest assessment.
 */
export const riskPoints = pgTable(
  "risk_points",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enterpriseId: uuid("enterprise_id").notNull(),
    /** The enterprise's region when the point was written: the regulators' scope. */
    regionCode: text("region_code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    location: text("location"),
    responsible: jsonb("responsible").notNull().default({}),
    notes: text("notes"),
    planX: doublePrecision("plan_x"),
    planY: doublePrecision("plan_y"),
    /** Part of a constituted GB 18218 major hazard source: R8(c) grades it 重大 whatever the score. */
    majorHazardSource: boolean("major_hazard_source").notNull().default(false),
    events: jsonb("events").notNull().default([]),
    level: text("level"),
    controlLayer: text("control_layer"),
    assessmentId: uuid("assessment_id"),
    nextReviewDate: day("next_review_date").notNull(),
    /** An R11 event (change, accident, …) recorded since the last assessment; it made the point due. */
    pendingTrigger: jsonb("pending_trigger"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("risk_points_enterprise_name_key").on(t.enterpriseId, t.name),
    index("risk_points_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("risk_points_review_idx").on(t.nextReviewDate),
    check("risk_points_kind_check", sql`${t.kind} in ('unit','area','facility','activity')`),
    check("risk_points_level_check", sql`${t.level} is null or ${levelCheck(t.level)}`),
    check(
      "risk_points_position_check",
      sql`(${t.planX} is null and ${t.planY} is null) or (${t.planX} between 0 and 1 and ${t.planY} between 0 and 1)`,
    ),
  ],
);

/**
 * One assessment of a risk point (append-only: re-assessing adds a row). It keeps the policy id and
 * version, the inputs and every output, so a later policy version never rewrites it (R1).
 */
export const riskAssessments = pgTable(
  "risk_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    riskPointId: uuid("risk_point_id")
      .notNull()
      .references(() => riskPoints.id),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    policyId: text("policy_id").notNull(),
    policyVersion: integer("policy_version").notNull(),
    method: text("method").notNull(),
    factors: jsonb("factors").notNull(),
    /** Exact decimal (e.g. 0.05 for 0.1 × 0.5 × 1). */
    score: numeric("score").notNull(),
    band: text("band").notNull(),
    bandName: jsonb("band_name").notNull(),
    scoredLevel: text("scored_level").notNull(),
    /** R8 直接判定: {criteria, reason} when a criterion applied. */
    directJudgment: jsonb("direct_judgment"),
    level: text("level").notNull(),
    controlLayer: text("control_layer").notNull(),
    trigger: jsonb("trigger"),
    assessorId: uuid("assessor_id"),
    assessorName: text("assessor_name").notNull(),
    assessedOn: day("assessed_on").notNull(),
    nextReviewDate: day("next_review_date").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    index("risk_assessments_point_idx").on(t.riskPointId, t.createdAt),
    index("risk_assessments_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    check("risk_assessments_level_check", sql`${levelCheck(t.level)} and ${levelCheck(t.scoredLevel)}`),
  ],
);

/** An enterprise's own choices: control layer per level (R9) and the review interval (R11). */
export const riskEnterpriseSettings = pgTable("risk_enterprise_settings", {
  enterpriseId: uuid("enterprise_id").primaryKey(),
  regionCode: text("region_code").notNull(),
  controlLayers: jsonb("control_layers").notNull(),
  reviewIntervalMonths: integer("review_interval_months").notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: ts("updated_at").notNull(),
});

/** The enterprise's site plan (厂区平面图) for the four-colour map: one image per enterprise. */
export const riskSitePlans = pgTable(
  "risk_site_plans",
  {
    enterpriseId: uuid("enterprise_id").primaryKey(),
    regionCode: text("region_code").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    sha256: text("sha256").notNull(),
    image: bytea("image").notNull(),
    uploadedBy: uuid("uploaded_by"),
    version: integer("version").notNull().default(1),
    uploadedAt: ts("uploaded_at").notNull(),
  },
  (t) => [
    check("risk_site_plans_type_check", sql`${t.contentType} in ('image/png','image/jpeg')`),
    check("risk_site_plans_size_check", sql`${t.size} between 1 and 10485760`),
  ],
);
