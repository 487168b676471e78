import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea, ts } from "../../kernel/db/columns.js";

/** The stored plan (五落实 / six parts); funds are integer fen so amounts stay exact. */
export type StoredPlan = {
  measures: string;
  responsibleName: string;
  responsiblePhone: string | null;
  fundsFen: number | null;
  deadline: string;
  contingency: string | null;
  goal: string | null;
  materials: string | null;
  organisation: string | null;
  requirements: string | null;
  suspension: "none" | "partial" | "full" | null;
};

/**
 * 隐患信息档案 (16号令 Art. 10, R3): one row per hazard, whoever found it. The enterprise's region is copied
 * for regulators' scope; the finder's region is kept because acceptance of a regulator-found hazard belongs to
 * a regulator at the finder's level or above. Supervision (挂牌督办) columns come with issue 6's later part.
 */
export const hazards = pgTable(
  "hazards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    /** The enterprise's GB/T 4754 industry, copied at registration for statistics by industry. */
    industryCode: text("industry_code"),
    description: text("description").notNull(),
    location: text("location").notNull(),
    /** Where it is: GPS (WGS-84, from the reporter's phone or the map) and/or a point on the enterprise's site plan (fractions 0–1). */
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    planX: doublePrecision("plan_x"),
    planY: doublePrecision("plan_y"),
    source: text("source").notNull(),
    sourceRef: text("source_ref"),
    category: text("category").notNull(),
    subType: text("sub_type"),
    level: text("level").notNull(),
    criterionId: text("criterion_id"),
    criterionRef: text("criterion_ref"),
    majorReason: text("major_reason"),
    status: text("status").notNull(),
    plan: jsonb("plan").$type<StoredPlan>(),
    deadline: date("deadline", { mode: "string" }),
    fundsFen: bigint("funds_fen", { mode: "number" }),
    suspension: text("suspension"),
    rectification: text("rectification"),
    /** 挂牌督办 (R10): the active listing's level and deadline, copied from hazard_supervisions for lists and boards. */
    supervisionLevel: text("supervision_level"),
    supervisionDeadline: date("supervision_deadline", { mode: "string" }),
    /** The highest escalation rung fired (R12), for lists; the rungs themselves are in hazard_escalations. */
    escalationRung: text("escalation_rung"),
    foundById: uuid("found_by_id"),
    foundByName: text("found_by_name").notNull(),
    foundByRole: text("found_by_role"),
    foundByRegion: text("found_by_region"),
    reportedAt: ts("reported_at").notNull(),
    closedAt: ts("closed_at"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("hazards_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("hazards_enterprise_idx").on(t.enterpriseId, t.createdAt),
    index("hazards_status_deadline_idx").on(t.status, t.deadline),
    index("hazards_created_idx").on(t.createdAt),
    index("hazards_source_ref_idx").on(t.source, t.sourceRef),
    index("hazards_description_trgm_idx").using("gin", t.description.op("gin_trgm_ops")),
    // 1–2 character Chinese search (配电): trigrams cannot serve it; the grams of migration 0018 can.
    index("hazards_description_grams_idx").using("gin", sql`redline_grams(${t.description})`),
    index("hazards_supervision_idx").on(t.supervisionLevel, t.supervisionDeadline).where(sql`${t.supervisionLevel} is not null`),
    // 1,000,000-row measurements behind these five: docs/performance.md "Hazards at 1,000,000 rows (PostgreSQL)".
    // Open hazards (≈15 %) of a region subtree, counted index-only; status and deadline in the key answer the
    // state=… and overdue=… counts from the index too.
    index("hazards_open_region_idx")
      .using("btree", t.regionCode.op("text_pattern_ops"), t.status, t.deadline)
      .where(sql`${t.status} in ('reported','rectifying','overdue','awaiting_acceptance')`),
    // The work list's page (open, soonest deadline first): read in order and stopped after pageSize rows; the
    // trailing region column lets the scope's prefix range be checked in the index before any heap visit.
    index("hazards_open_deadline_idx")
      .using("btree", t.deadline, t.createdAt, t.id, t.regionCode.op("text_pattern_ops"))
      .where(sql`${t.status} in ('reported','rectifying','overdue','awaiting_acceptance')`),
    // 重大 hazards (≈3 %): the count of a region's, and its newest page in created order.
    index("hazards_major_region_idx").using("btree", t.regionCode.op("text_pattern_ops"), t.status).where(sql`${t.level} = 'major'`),
    index("hazards_major_created_idx").using("btree", t.createdAt, t.regionCode.op("text_pattern_ops")).where(sql`${t.level} = 'major'`),
    // Statistics (hazards.stats.repo.ts hazardCounts): every column the counts read is in the key, so a region's
    // window is aggregated index-only instead of from the heap.
    index("hazards_stats_idx").using("btree", t.regionCode.op("text_pattern_ops"), t.reportedAt, t.closedAt, t.status, t.level, t.deadline),
    check("hazards_level_check", sql`${t.level} in ('general','major')`),
    check("hazards_status_check", sql`${t.status} in ('reported','rectifying','overdue','awaiting_acceptance','accepted','voided')`),
    check(
      "hazards_source_check",
      sql`${t.source} in ('self_check','check_task','grid_patrol','regulator_inspection','tip_off','sensor','other')`,
    ),
    check("hazards_category_check", sql`${t.category} in ('basic_management','site_management')`),
    check("hazards_supervision_level_check", sql`${t.supervisionLevel} is null or ${t.supervisionLevel} in ('county','city','province')`),
    check("hazards_funds_check", sql`${t.fundsFen} is null or ${t.fundsFen} >= 0`),
    check("hazards_major_check", sql`${t.level} = 'general' or ${t.criterionId} is not null or ${t.majorReason} is not null`),
  ],
);

/** The timeline: one row per transition (and the report itself), append-only. */
export const hazardEvents = pgTable(
  "hazard_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Order of the timeline (several steps may share one instant). */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    hazardId: uuid("hazard_id")
      .notNull()
      .references(() => hazards.id),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role"),
    note: text("note"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    at: ts("at").notNull(),
  },
  (t) => [index("hazard_events_hazard_idx").on(t.hazardId, t.seq)],
);

/** Before/after photos in the database (bytea) so app instances stay stateless. */
export const hazardPhotos = pgTable(
  "hazard_photos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hazardId: uuid("hazard_id")
      .notNull()
      .references(() => hazards.id),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    phase: text("phase").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    locationKept: boolean("location_kept").notNull(),
    data: bytea("data").notNull(),
    uploadedById: uuid("uploaded_by_id"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("hazard_photos_hazard_idx").on(t.hazardId), check("hazard_photos_phase_check", sql`${t.phase} in ('before','after')`)],
);

/**
 * 挂牌督办 (R9, R10): one row per listing of a 重大 hazard — level (raised by escalation, R12), supervising unit,
 * deadline, requirements; the enterprise's completion report; and, when production was suspended, the resumption
 * application and the regulator's decision (on-site review within 10 days of receipt, R9). At most one active listing.
 */
export const hazardSupervisions = pgTable(
  "hazard_supervisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hazardId: uuid("hazard_id")
      .notNull()
      .references(() => hazards.id),
    level: text("level").notNull(),
    unitName: text("unit_name").notNull(),
    unitRegionCode: text("unit_region_code").notNull(),
    deadline: date("deadline", { mode: "string" }).notNull(),
    requirements: text("requirements").notNull(),
    /** Whether the listing is shown publicly (R10 public flag). */
    public: boolean("public").notNull().default(false),
    /** listed → completion_reported → delisted (摘牌), or back to listed when the regulator rejects the report. */
    status: text("status").notNull(),
    listedById: uuid("listed_by_id"),
    listedByName: text("listed_by_name").notNull(),
    listedAt: ts("listed_at").notNull(),
    completionReport: text("completion_report"),
    evaluation: text("evaluation"),
    completionAt: ts("completion_at"),
    /** Suspension ordered with the listing (R8/R9): none, partial, full. Resumption needs approval when not none. */
    suspension: text("suspension").notNull().default("none"),
    resumptionAppliedOn: date("resumption_applied_on", { mode: "string" }),
    resumptionReviewDue: date("resumption_review_due", { mode: "string" }),
    resumptionDecision: text("resumption_decision"),
    decidedById: uuid("decided_by_id"),
    decidedByName: text("decided_by_name"),
    decidedAt: ts("decided_at"),
    decisionNote: text("decision_note"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("hazard_supervisions_hazard_idx").on(t.hazardId),
    uniqueIndex("hazard_supervisions_active_uq").on(t.hazardId).where(sql`${t.status} in ('listed','completion_reported')`),
    index("hazard_supervisions_unit_idx").using("btree", t.unitRegionCode.op("text_pattern_ops")),
    check("hazard_supervisions_level_check", sql`${t.level} in ('county','city','province')`),
    check("hazard_supervisions_status_check", sql`${t.status} in ('listed','completion_reported','delisted')`),
    check("hazard_supervisions_suspension_check", sql`${t.suspension} in ('none','partial','full')`),
    check("hazard_supervisions_decision_check", sql`${t.resumptionDecision} is null or ${t.resumptionDecision} in ('approved','refused')`),
  ],
);

/**
 * Escalation rungs fired (R12): the primary key makes each rung fire once per hazard, however many times or on
 * however many instances the daily job runs (insert … on conflict do nothing decides who notifies).
 */
export const hazardEscalations = pgTable(
  "hazard_escalations",
  {
    hazardId: uuid("hazard_id")
      .notNull()
      .references(() => hazards.id),
    rung: text("rung").notNull(),
    /** The Asia/Shanghai day the rung fired for, and days overdue then (negative = before the deadline). */
    day: date("day", { mode: "string" }).notNull(),
    daysOverdue: integer("days_overdue").notNull(),
    firedAt: ts("fired_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hazardId, t.rung] }), index("hazard_escalations_day_idx").on(t.day)],
);

/**
 * A change log of the hazard register by county (written by statement triggers on `hazards`, migration 0027): the
 * sum of `weight` over a region's counties rises with every committed change there, so it versions anything
 * computed from that region's hazards (hazards.changes.ts). Insert-only, so concurrent writers never wait on
 * each other; an hourly job folds each county's rows into one with the same sum.
 */
export const hazardChanges = pgTable(
  "hazard_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    countyCode: text("county_code").notNull(),
    weight: bigint("weight", { mode: "number" }).notNull().default(1),
  },
  (t) => [index("hazard_changes_county_idx").using("btree", t.countyCode.op("text_pattern_ops"), t.weight)],
);

/**
 * 16号令 Art. 14 ¶1 (R4): an enterprise's quarterly and annual hazard statistics report, signed by its principal
 * and submitted to the regulator; the figures are frozen at submission. Period: "2026Q1" or "2026".
 */
export const hazardStatReports = pgTable(
  "hazard_stat_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    period: text("period").notNull(),
    kind: text("kind").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    figures: jsonb("figures").$type<Record<string, unknown>>().notNull(),
    principalName: text("principal_name").notNull(),
    submittedById: uuid("submitted_by_id"),
    submittedByName: text("submitted_by_name").notNull(),
    submittedAt: ts("submitted_at").notNull(),
    onTime: boolean("on_time").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("hazard_stat_reports_uq").on(t.enterpriseId, t.period),
    index("hazard_stat_reports_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    check("hazard_stat_reports_kind_check", sql`${t.kind} in ('quarterly','annual')`),
  ],
);

/**
 * 每周曝光 (R12, seed 001): a regulator's weekly list (week starting Monday), drafted by choosing hazards and
 * published on an officer's approval. Items are snapshots of the published fields only (enterprise name, USCC,
 * summary, deadline, days overdue, supervising body) — the public endpoint reads nothing else.
 */
export const exposureLists = pgTable(
  "exposure_lists",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    regionName: text("region_name").notNull(),
    weekStart: date("week_start", { mode: "string" }).notNull(),
    status: text("status").notNull(),
    createdById: uuid("created_by_id"),
    approvedById: uuid("approved_by_id"),
    approvedByName: text("approved_by_name"),
    publishedAt: ts("published_at"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("exposure_lists_uq").on(t.regionCode, t.weekStart),
    index("exposure_lists_published_idx").on(t.status, t.weekStart),
    check("exposure_lists_status_check", sql`${t.status} in ('draft','published')`),
  ],
);

export const exposureItems = pgTable(
  "exposure_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    listId: uuid("list_id")
      .notNull()
      .references(() => exposureLists.id),
    hazardId: uuid("hazard_id")
      .notNull()
      .references(() => hazards.id),
    enterpriseName: text("enterprise_name").notNull(),
    uscc: text("uscc").notNull(),
    summary: text("summary").notNull(),
    deadline: date("deadline", { mode: "string" }),
    daysOverdue: integer("days_overdue").notNull(),
    status: text("status").notNull(),
    supervisingBody: text("supervising_body").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [uniqueIndex("exposure_items_uq").on(t.listId, t.hazardId)],
);
