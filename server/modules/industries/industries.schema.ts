import { index, pgTable, text } from "drizzle-orm/pg-core";

/** GB/T 4754-2017 national industry classification, as shipped (reference/gbt4754-2017.csv) with its known faults corrected. */
export const industries = pgTable(
  "industries",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    level: text("level").notNull(),
    parentCode: text("parent_code"),
    section: text("section").notNull(),
    remark: text("remark"),
  },
  (t) => [index("industries_parent_idx").on(t.parentCode), index("industries_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops"))],
);
