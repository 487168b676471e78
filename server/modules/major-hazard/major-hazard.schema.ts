import { sql } from "drizzle-orm";
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ts } from "../../kernel/db/columns.js";

/**
 * A production or storage unit (生产单元/储存单元, GB 18218-2018 cl. 3.5–3.6) of an enterprise with the
 * hazardous chemicals it holds. The identification columns (is_major, level, s, r) mirror the latest
 * computation so regulators can list major hazard sources by grade; the working lives in
 * hazard_identifications. `region_code` is the enterprise's, copied on every save, for scoping.
 */
export const hazardUnits = pgTable(
  "hazard_units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    boundaryNote: text("boundary_note"),
    peopleExposed: integer("people_exposed").notNull(),
    /** SubstanceInput[] as entered (domain/major-hazard). */
    substances: jsonb("substances").notNull(),
    betaRule: text("beta_rule").notNull().default("max"),
    /** 包保责任人 {principal, technical, operations}: {name, post, phone} or null each. */
    responsiblePersons: jsonb("responsible_persons").notNull(),
    lastAssessmentDate: date("last_assessment_date", { mode: "string" }),
    isMajor: boolean("is_major").notNull(),
    level: integer("level"),
    /** S and R as shown (cut to 6 decimals); the exact fractions are in the identification record. */
    s: doublePrecision("s").notNull(),
    r: doublePrecision("r"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("hazard_units_enterprise_name_key").on(t.enterpriseId, t.name),
    index("hazard_units_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("hazard_units_major_idx").on(t.level, t.r).where(sql`is_major`),
    check("hazard_units_kind_check", sql`${t.kind} in ('production','storage')`),
    check("hazard_units_beta_rule_check", sql`${t.betaRule} in ('max','governingCategory')`),
    check("hazard_units_people_check", sql`${t.peopleExposed} >= 0`),
    check("hazard_units_level_check", sql`(${t.isMajor} and ${t.level} between 1 and 4) or (not ${t.isMajor} and ${t.level} is null)`),
  ],
);

/**
 * Every identification computed for a unit, append-only (nothing here updates or deletes a row): the
 * input, the full result with its working, and who computed it for which version of the unit.
 */
export const hazardIdentifications = pgTable(
  "hazard_identifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hazardUnitId: uuid("hazard_unit_id")
      .notNull()
      .references(() => hazardUnits.id),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    unitVersion: integer("unit_version").notNull(),
    standard: text("standard").notNull(),
    input: jsonb("input").notNull(),
    result: jsonb("result").notNull(),
    isMajor: boolean("is_major").notNull(),
    level: integer("level"),
    computedBy: uuid("computed_by"),
    computedByName: text("computed_by_name"),
    computedAt: ts("computed_at").notNull(),
  },
  (t) => [
    uniqueIndex("hazard_identifications_unit_version_key").on(t.hazardUnitId, t.unitVersion),
    index("hazard_identifications_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("hazard_identifications_enterprise_idx").on(t.enterpriseId),
  ],
);
