import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
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
    description: text("description").notNull(),
    location: text("location").notNull(),
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
    check("hazards_level_check", sql`${t.level} in ('general','major')`),
    check("hazards_status_check", sql`${t.status} in ('reported','rectifying','overdue','awaiting_acceptance','accepted','voided')`),
    check(
      "hazards_source_check",
      sql`${t.source} in ('self_check','check_task','grid_patrol','regulator_inspection','tip_off','sensor','other')`,
    ),
    check("hazards_category_check", sql`${t.category} in ('basic_management','site_management')`),
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
