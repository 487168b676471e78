import { sql } from "drizzle-orm";
import { check, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea, day, ts } from "../../kernel/db/columns.js";

export type InspectorRef = { userId: string; name: string; certNo: string | null };

/**
 * 检查 (issue 7 §2): an enterprise's self-inspection or a regulator's / grid member's inspection of an
 * enterprise, answered against one frozen checklist version. Finished inspections are read-only; a
 * correction is a new inspection with `correctsId`.
 */
export const inspections = pgTable(
  "inspections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    enterpriseId: uuid("enterprise_id").notNull(),
    /** The enterprise's village at the start (scope and statistics). */
    regionCode: text("region_code").notNull(),
    departmentId: uuid("department_id"),
    checklistId: uuid("checklist_id").notNull(),
    checklistVersion: integer("checklist_version").notNull(),
    status: text("status").notNull().default("in_progress"),
    inspectors: jsonb("inspectors").$type<InspectorRef[]>().notNull(),
    /** The region of the inspecting body (the creator's), for 'at the finder's level' rules. */
    inspectorRegion: text("inspector_region"),
    startedAt: ts("started_at").notNull(),
    finishedAt: ts("finished_at"),
    startLatitude: doublePrecision("start_latitude"),
    startLongitude: doublePrecision("start_longitude"),
    result: text("result"),
    summary: text("summary"),
    correctsId: uuid("corrects_id"),
    planItemId: uuid("plan_item_id"),
    drawId: uuid("draw_id"),
    /** A self-inspection done for one occurrence of a schedule (reusing the check tasks' periods). */
    scheduleId: uuid("schedule_id"),
    periodKey: text("period_key"),
    createdById: uuid("created_by_id"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("inspections_enterprise_idx").on(t.enterpriseId, t.startedAt),
    index("inspections_region_idx").using("btree", t.regionCode.op("text_pattern_ops"), t.startedAt),
    index("inspections_draw_idx").on(t.drawId),
    // One self-inspection per schedule occurrence, as a database rule (the start also locks the schedule row).
    uniqueIndex("inspections_schedule_period_key").on(t.scheduleId, t.periodKey).where(sql`${t.scheduleId} is not null`),
    // Plan progress and statistics join planned inspections to their plan items.
    index("inspections_plan_item_idx").on(t.planItemId).where(sql`${t.planItemId} is not null`),
    check(
      "inspections_kind_check",
      sql`${t.kind} in ('planned','double_random','complaint','referral','accident','follow_up','self','unannounced','cross_area')`,
    ),
    check("inspections_status_check", sql`${t.status} in ('in_progress','finished')`),
  ],
);

/** The answer to one item; (inspection, item) is unique, the client's id makes a replayed batch idempotent. */
export const inspectionResponses = pgTable(
  "inspection_responses",
  {
    id: uuid("id").primaryKey(),
    inspectionId: uuid("inspection_id")
      .notNull()
      .references(() => inspections.id),
    itemId: text("item_id").notNull(),
    outcome: text("outcome"),
    result: text("result"),
    number: doublePrecision("number"),
    text: text("text"),
    note: text("note"),
    answeredById: uuid("answered_by_id"),
    answeredAt: ts("answered_at").notNull(),
    /** The hazard a failed item raised at finish. */
    hazardId: uuid("hazard_id"),
  },
  (t) => [
    uniqueIndex("inspection_responses_item").on(t.inspectionId, t.itemId),
    check("inspection_responses_outcome_check", sql`${t.outcome} is null or ${t.outcome} in ('pass','fail','na')`),
  ],
);

/** Photos of an item (evidence; carried over to the hazard a fail raises). Client id for idempotent upload. */
export const inspectionPhotos = pgTable(
  "inspection_photos",
  {
    id: uuid("id").primaryKey(),
    inspectionId: uuid("inspection_id")
      .notNull()
      .references(() => inspections.id),
    itemId: text("item_id").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    locationKept: integer("location_kept").notNull().default(0),
    data: bytea("data").notNull(),
    uploadedById: uuid("uploaded_by_id"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("inspection_photos_inspection_idx").on(t.inspectionId, t.itemId)],
);

/** Signatures (PNG strokes) of the inspectors and the enterprise's representative. */
export const inspectionSignatures = pgTable(
  "inspection_signatures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inspectionId: uuid("inspection_id")
      .notNull()
      .references(() => inspections.id),
    signer: text("signer").notNull(),
    name: text("name").notNull(),
    userId: uuid("user_id"),
    image: bytea("image").notNull(),
    signedAt: ts("signed_at").notNull(),
  },
  (t) => [
    uniqueIndex("inspection_signatures_signer").on(t.inspectionId, t.signer, t.name),
    check("inspection_signatures_signer_check", sql`${t.signer} in ('inspector','enterprise')`),
  ],
);

/**
 * 自查 schedules (issue 7 §6): an enterprise runs a checklist daily/weekly/monthly… by post, with the same
 * frequencies and periods as the check tasks (domain/checks/schedule.ts); an occurrence is done when a finished
 * self-inspection carries its (scheduleId, periodKey).
 */
export const selfInspectionSchedules = pgTable(
  "self_inspection_schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    checklistId: uuid("checklist_id").notNull(),
    title: text("title").notNull(),
    frequency: text("frequency").notNull(),
    assigneeUserId: uuid("assignee_user_id"),
    assigneePost: text("assignee_post"),
    startsOn: day("starts_on").notNull(),
    endedOn: day("ended_on"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("self_inspection_schedules_enterprise_idx").on(t.enterpriseId),
    index("self_inspection_schedules_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    check(
      "self_inspection_schedules_frequency_check",
      sql`${t.frequency} in ('daily','weekly','monthly','quarterly','half_yearly','yearly')`,
    ),
    check("self_inspection_schedules_assignee_check", sql`${t.assigneeUserId} is not null or ${t.assigneePost} is not null`),
  ],
);

/**
 * 年度监督检查计划 (issue 7 §4; double-random.md R6): a regulator's plan for a year, by category and risk group,
 * approved by the leader before it takes effect. `groups` holds each group's rule and frequency as drafted.
 */
export const inspectionPlans = pgTable(
  "inspection_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    departmentId: uuid("department_id"),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    status: text("status").notNull().default("draft"),
    groups: jsonb("groups").$type<Record<string, unknown>[]>().notNull(),
    /** 留有余地: the share of capacity held back for complaints, accidents and follow-up. */
    reserveShare: doublePrecision("reserve_share").notNull().default(0.2),
    createdById: uuid("created_by_id"),
    approvedById: uuid("approved_by_id"),
    approvedAt: ts("approved_at"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("inspection_plans_region_idx").using("btree", t.regionCode.op("text_pattern_ops"), t.year),
    check("inspection_plans_status_check", sql`${t.status} in ('draft','approved')`),
  ],
);

/** One planned inspection: an enterprise in a month with a team; linked to the inspection that did it. */
export const inspectionPlanItems = pgTable(
  "inspection_plan_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => inspectionPlans.id),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    groupKey: text("group_key").notNull(),
    month: integer("month").notNull(),
    team: jsonb("team").$type<InspectorRef[]>().notNull(),
    inspectionId: uuid("inspection_id"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    index("inspection_plan_items_plan_idx").on(t.planId, t.month),
    index("inspection_plan_items_enterprise_idx").on(t.enterpriseId),
    check("inspection_plan_items_month_check", sql`${t.month} between 1 and 12`),
  ],
);
