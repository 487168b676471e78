import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ChecklistContent } from "../../../domain/inspections/checklist.js";
import { ts } from "../../kernel/db/columns.js";

/**
 * 检查表 templates (issue 7 §1). Built-in ones (generated from the 判定标准 files, `builtinKey` set) belong to
 * nobody and cannot be edited, only copied; a regulator's belong to its region, an enterprise's to it. The
 * draft is edited freely; publishing freezes it as the next row of `checklist_versions`.
 */
export const checklists = pgTable(
  "checklists",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    builtinKey: text("builtin_key"),
    ownerKind: text("owner_kind").notNull(),
    regionCode: text("region_code"),
    enterpriseId: uuid("enterprise_id"),
    name: text("name").notNull(),
    /** The enterprise category it is made for (null: any). */
    category: text("category"),
    draft: jsonb("draft").$type<ChecklistContent>().notNull(),
    /** The newest published version (0 = never published). */
    publishedVersion: integer("published_version").notNull().default(0),
    draftChanged: integer("draft_changed").notNull().default(1),
    copiedFromId: uuid("copied_from_id"),
    copiedFromVersion: integer("copied_from_version"),
    status: text("status").notNull().default("active"),
    createdById: uuid("created_by_id"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("checklists_builtin_key").on(t.builtinKey),
    index("checklists_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("checklists_enterprise_idx").on(t.enterpriseId),
    check("checklists_owner_check", sql`${t.ownerKind} in ('builtin','region','enterprise')`),
    check("checklists_status_check", sql`${t.status} in ('active','archived')`),
  ],
);

/** A published version: frozen content, never updated (inspections reference (checklist, version)). */
export const checklistVersions = pgTable(
  "checklist_versions",
  {
    checklistId: uuid("checklist_id")
      .notNull()
      .references(() => checklists.id),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    content: jsonb("content").$type<ChecklistContent>().notNull(),
    itemCount: integer("item_count").notNull(),
    publishedById: uuid("published_by_id"),
    publishedAt: ts("published_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.checklistId, t.version] })],
);
