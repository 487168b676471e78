import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ts } from "../../kernel/db/columns.js";

/**
 * 网格化管理: a grid member's duty on a grid node (a township or village). Ending an assignment keeps
 * the row as history; a member holds a node at most once at a time.
 */
export const gridAssignments = pgTable(
  "grid_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    regionCode: text("region_code").notNull(),
    duties: text("duties").notNull(),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("grid_assignments_active_key").on(t.userId, t.regionCode).where(sql`active`),
    index("grid_assignments_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("grid_assignments_user_idx").on(t.userId),
    check("grid_assignments_duties_check", sql`char_length(${t.duties}) between 1 and 1000`),
  ],
);
