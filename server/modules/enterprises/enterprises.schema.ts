import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ts } from "../../kernel/db/columns.js";

/** 一企一档: the enterprise registry. Region = territorial supervisor (属地); industry → industry supervisor (行业). */
export const enterprises = pgTable(
  "enterprises",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    uscc: text("uscc").notNull(),
    address: text("address").notNull(),
    regionCode: text("region_code").notNull(),
    longitude: doublePrecision("longitude"),
    latitude: doublePrecision("latitude"),
    industryCode: text("industry_code").notNull(),
    category: text("category").notNull(),
    subcategory: text("subcategory"),
    scale: text("scale").notNull(),
    headcount: integer("headcount").notNull(),
    legalRepresentative: text("legal_representative").notNull(),
    principalName: text("principal_name").notNull(),
    principalPhone: text("principal_phone").notNull(),
    safetyManagerName: text("safety_manager_name"),
    safetyManagerPhone: text("safety_manager_phone"),
    hasMajorHazardSource: boolean("has_major_hazard_source").notNull().default(false),
    standardisationGrade: text("standardisation_grade").notNull().default("none"),
    status: text("status").notNull().default("operating"),
    /** 行业 supervisor: derived from the industry code (三管三必须), unless overridden with a reason. */
    industryDepartmentId: uuid("industry_department_id"),
    departmentOverrideReason: text("department_override_reason"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("enterprises_department_idx").on(t.industryDepartmentId),
    uniqueIndex("enterprises_uscc_key").on(t.uscc),
    index("enterprises_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("enterprises_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    index("enterprises_industry_idx").using("btree", t.industryCode.op("text_pattern_ops")),
    index("enterprises_category_idx").on(t.category, t.status),
    check("enterprises_status_check", sql`${t.status} in ('operating','suspended','closed')`),
    check("enterprises_scale_check", sql`${t.scale} in ('large','medium','small','micro')`),
    check("enterprises_subcategory_check", sql`${t.subcategory} is null or ${t.category} = 'industry_trade'`),
  ],
);

/** An uploaded spreadsheet, validated and waiting for the user to commit its valid rows (or committed). */
export const enterpriseImports = pgTable("enterprise_imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  fileName: text("file_name").notNull(),
  createdBy: uuid("created_by"),
  createdAt: ts("created_at").notNull(),
  status: text("status").notNull().default("validated"),
  total: integer("total").notNull(),
  toCreate: integer("to_create").notNull(),
  toUpdate: integer("to_update").notNull(),
  rejected: integer("rejected").notNull(),
  /** Rejections: [{row, column, code, params}] — messages are localised when shown. */
  rejections: jsonb("rejections").notNull(),
  committedAt: ts("committed_at"),
  version: integer("version").notNull().default(1),
});

/** The valid rows of an import, as they will be written on commit. */
export const enterpriseImportRows = pgTable(
  "enterprise_import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => enterpriseImports.id),
    rowNo: integer("row_no").notNull(),
    enterpriseId: uuid("enterprise_id"),
    data: jsonb("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNo] })],
);
