import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { day, ts } from "../../kernel/db/columns.js";

export type CaseOfficer = { userId: string; name: string; certNo: string | null };

/**
 * 执法案件 (issue 8 §1): one enforcement case of a department against an enterprise. Its history is the
 * append-only `enforcement_events`; `phase` is a cache of the state derived from them (domain/enforcement/case.ts),
 * written in the same transaction as each event.
 */
export const enforcementCases = pgTable(
  "enforcement_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    departmentId: uuid("department_id").notNull(),
    /** The enterprise's village (scope), and the department's region (who may act). */
    regionCode: text("region_code").notNull(),
    departmentRegion: text("department_region").notNull(),
    enterpriseId: uuid("enterprise_id").notNull(),
    source: text("source").notNull(),
    inspectionId: uuid("inspection_id"),
    /** 案号: the department's numbering, year + sequence without gaps (enforcement_case_counters). */
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    caseNo: text("case_no").notNull(),
    title: text("title").notNull(),
    officers: jsonb("officers").$type<CaseOfficer[]>().notNull(),
    illegalProduction: boolean("illegal_production").notNull().default(false),
    phase: text("phase").notNull(),
    /** Internal notes of the department (never shown to the enterprise). */
    internalNote: text("internal_note"),
    createdById: uuid("created_by_id"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("enforcement_cases_number_key").on(t.departmentId, t.year, t.seq),
    index("enforcement_cases_region_idx").using("btree", t.regionCode.op("text_pattern_ops"), t.createdAt),
    index("enforcement_cases_enterprise_idx").on(t.enterpriseId),
    index("enforcement_cases_inspection_idx").on(t.inspectionId),
    check("enforcement_cases_source_check", sql`${t.source} in ('inspection','tipoff','accident','other')`),
  ],
);

/** The last case number a department used in a year: incremented under the row lock, so numbers never skip. */
export const enforcementCaseCounters = pgTable(
  "enforcement_case_counters",
  {
    departmentId: uuid("department_id").notNull(),
    year: integer("year").notNull(),
    lastSeq: integer("last_seq").notNull(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.year] })],
);

/** 违法行为 items of a case: facts, the provision violated and the one setting the consequence, evidence, measure, amounts. */
export const enforcementViolations = pgTable(
  "enforcement_violations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => enforcementCases.id),
    seq: integer("seq").notNull(),
    facts: text("facts").notNull(),
    provisionViolated: text("provision_violated").notNull(),
    provisionApplied: text("provision_applied").notNull(),
    measure: jsonb("measure").$type<Record<string, unknown>>(),
    hazardIds: jsonb("hazard_ids").$type<string[]>().notNull(),
    evidence: jsonb("evidence").$type<Record<string, unknown>[]>().notNull(),
    proposedFen: bigint("proposed_fen", { mode: "number" }),
    finalFen: bigint("final_fen", { mode: "number" }),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [uniqueIndex("enforcement_violations_seq_key").on(t.caseId, t.seq)],
);

/**
 * The case's history (issue 8 §1): append-only — no update or delete path in the code, and a trigger (migration)
 * refuses both in the database. `on` is the legal day of the event (Asia/Shanghai); `payload` the event's fields.
 */
export const enforcementEvents = pgTable(
  "enforcement_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => enforcementCases.id),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    on: day("on").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    note: text("note"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    at: ts("at").notNull(),
  },
  (t) => [uniqueIndex("enforcement_events_seq_key").on(t.caseId, t.seq)],
);
