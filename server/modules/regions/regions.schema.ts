import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The division tree (GB/T 2260 codes truncated by level, so a subtree is a code prefix).
 * A node is never deleted: renamed or merged away, it is `retired` with a link to its successor.
 */
export const regions = pgTable(
  "regions",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    level: text("level").notNull(),
    parentCode: text("parent_code"),
    status: text("status").notNull().default("active"),
    successorCode: text("successor_code"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("regions_parent_idx").on(t.parentCode, t.code),
    index("regions_code_prefix_idx").using("btree", t.code.op("text_pattern_ops")),
    index("regions_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    // A node's predecessors (the retired nodes merged into it), read with every region detail.
    index("regions_successor_idx").on(t.successorCode).where(sql`${t.successorCode} is not null`),
    check("regions_level_check", sql`${t.level} in ('province','city','county','township','village')`),
    check("regions_status_check", sql`${t.status} in ('active','retired')`),
  ],
);
