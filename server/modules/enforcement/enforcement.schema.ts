import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea, day, ts } from "../../kernel/db/columns.js";

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
    /**
     * The current order to rectify is not met (issued and open, or found not rectified and not since verified):
     * a cache of the derived state written with `phase`, read by the hazard register (issue 8 §4: a linked hazard
     * cannot be signed off meanwhile).
     */
    orderUnmet: boolean("order_unmet").notNull().default(false),
    /**
     * The running clocks (domain caseClocksDue: clock, due day, decision) and the earliest due day, cached with
     * `phase` at each event: boards and the escalation job find overdue steps by index (issue 8 §3).
     */
    clocks: jsonb("clocks").$type<{ clock: string; due: string; decision?: number }[]>().notNull().default([]),
    nextDue: day("next_due"),
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
    index("enforcement_cases_next_due_idx").on(t.nextDue).where(sql`${t.nextDue} is not null`),
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
    /** 11号令 listing criterion this violation meets without an accident (credit.md R4: C6 unlicensed, C7 agency), if any. */
    creditCriterion: text("credit_criterion"),
    proposedFen: bigint("proposed_fen", { mode: "number" }),
    finalFen: bigint("final_fen", { mode: "number" }),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("enforcement_violations_seq_key").on(t.caseId, t.seq),
    // The hazard register asks which cases a hazard belongs to (issue 8 §4).
    index("enforcement_violations_hazards_idx").using("gin", t.hazardIds),
  ],
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

/**
 * 执法文书 issued from a case (issue 8 §2, enforcement.md R2): the PDF bytes as issued with their SHA-256, the
 * fields they were rendered from and the template version. Immutable (a trigger refuses UPDATE/DELETE); a
 * correction is a new document whose `supersedesId` names the one it corrects.
 */
export const caseDocuments = pgTable(
  "case_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => enforcementCases.id),
    kind: text("kind").notNull(),
    /** 文书编号: the department's numbering per kind and year, without gaps (case_document_counters). */
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    docNo: text("doc_no").notNull(),
    /** The case event the document records (enforcement_events.seq). */
    eventSeq: integer("event_seq").notNull(),
    supersedesId: uuid("supersedes_id"),
    templateVersion: integer("template_version").notNull(),
    /** The fields the document was rendered from (parties, facts, basis, decision, deadlines…). */
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    sha256: text("sha256").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    data: bytea("data").notNull(),
    issuedById: uuid("issued_by_id"),
    issuedByName: text("issued_by_name").notNull(),
    issuedAt: ts("issued_at").notNull(),
  },
  (t) => [
    index("case_documents_case_idx").on(t.caseId, t.issuedAt),
    check(
      "case_documents_kind_check",
      sql`${t.kind} in ('inspection_record','rectification_order','onsite_measures_decision','reinspection_opinion','penalty_notice','hearing_rights_notice','penalty_decision')`,
    ),
  ],
);

/** The last document number per department, year and kind: incremented under the row lock (as case numbers). */
export const caseDocumentCounters = pgTable(
  "case_document_counters",
  {
    departmentId: uuid("department_id").notNull(),
    year: integer("year").notNull(),
    kind: text("kind").notNull(),
    lastSeq: integer("last_seq").notNull(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.year, t.kind] })],
);

/**
 * The deployment's wording of each document kind (issue 8 §2: templates are data an administrator adjusts).
 * No row → the built-in wording (domain); each change bumps `version`, and an issued document keeps the version it used.
 */
export const documentTemplates = pgTable("document_templates", {
  kind: text("kind").primaryKey(),
  wording: jsonb("wording").$type<Record<string, string>>().notNull(),
  version: integer("version").notNull().default(1),
  updatedById: uuid("updated_by_id"),
  updatedAt: ts("updated_at").notNull(),
});

/**
 * 行政处罚信息公示 (issue 8 §5, enforcement.md R9): what the public portal shows of a decision, fixed when the
 * `publication` event is recorded (natural persons' names already masked); withdrawn only by a
 * `publication_withdrawn` event with its reason.
 */
export const penaltyPublications = pgTable(
  "penalty_publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => enforcementCases.id),
    /** The decision's event index in the case (domain DecisionState.index). */
    decisionIndex: integer("decision_index").notNull(),
    regionCode: text("region_code").notNull(),
    departmentId: uuid("department_id").notNull(),
    departmentName: text("department_name").notNull(),
    enterpriseId: uuid("enterprise_id").notNull(),
    partyName: text("party_name").notNull(),
    uscc: text("uscc"),
    caseNo: text("case_no").notNull(),
    decisionNo: text("decision_no"),
    violation: text("violation").notNull(),
    basis: text("basis").notNull(),
    penalty: text("penalty").notNull(),
    fineFen: bigint("fine_fen", { mode: "number" }).notNull(),
    decidedOn: day("decided_on").notNull(),
    publishedOn: day("published_on").notNull(),
    withdrawnOn: day("withdrawn_on"),
    withdrawnReason: text("withdrawn_reason"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("penalty_publications_decision_key").on(t.caseId, t.decisionIndex),
    index("penalty_publications_region_idx").using("btree", t.regionCode.op("text_pattern_ops"), t.decidedOn),
  ],
);

/**
 * 严重失信 listing proposals raised by penalty decisions (issue 8 §5, credit.md R4–R5): a person confirms; nothing
 * is listed automatically. Listed for the leader until the credit module consumes them.
 */
export const creditProposals = pgTable(
  "credit_proposals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => enforcementCases.id),
    decisionIndex: integer("decision_index").notNull(),
    criterion: text("criterion").notNull(),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    departmentId: uuid("department_id").notNull(),
    departmentRegion: text("department_region").notNull(),
    status: text("status").notNull().default("proposed"),
    reason: text("reason").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("credit_proposals_decision_key").on(t.caseId, t.decisionIndex, t.criterion),
    index("credit_proposals_region_idx").using("btree", t.regionCode.op("text_pattern_ops"), t.createdAt),
  ],
);

/**
 * Overdue case clocks already escalated (issue 8 §3): one row per case, clock, due day, decision and rung, so the
 * daily job notifies each rung once whichever app instance runs it.
 */
export const caseClockEscalations = pgTable(
  "case_clock_escalations",
  {
    caseId: uuid("case_id")
      .notNull()
      .references(() => enforcementCases.id),
    clock: text("clock").notNull(),
    due: day("due").notNull(),
    /** The decision the clock belongs to, -1 for the case's own clocks. */
    decision: integer("decision").notNull(),
    rung: text("rung").notNull(),
    firedAt: ts("fired_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.clock, t.due, t.decision, t.rung] })],
);
