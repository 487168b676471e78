import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { departmentKinds } from "../../../domain/departments/department.dto.js";
import { ts } from "../../kernel/db/columns.js";

const kindIn = (column: unknown) => sql`${column} in (${sql.raw(departmentKinds.map((k) => `'${k}'`).join(","))})`;

/** Supervising departments: at most one of each kind per region (city, county or township). */
export const departments = pgTable(
  "departments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("departments_region_kind_key").on(t.regionCode, t.kind),
    index("departments_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    check("departments_kind_check", kindIn(t.kind)),
  ],
);

/** Industry → department kind: a GB/T 4754-2017 门类 letter or 大类/中类/小类 code; the longest match wins. */
export const industryDepartmentMap = pgTable(
  "industry_department_map",
  {
    industryPrefix: text("industry_prefix").primaryKey(),
    kind: text("kind").notNull(),
  },
  (t) => [check("industry_department_map_kind_check", kindIn(t.kind))],
);
