import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ts } from "../../kernel/db/columns.js";

export type DrawObject = { uscc: string; enterpriseId: string; name: string; regionCode: string; stratum: string };
export type DrawInspector = { certNo: string; userId: string; name: string; countyCode: string | null };
/** 回避 officer × object; `ground` is kept for the organiser only (absent on draws prepared before it: declared). */
export type DrawRecusal = { certNo: string; uscc: string; ground?: "declared" | "rotation" };
export type DrawResult = {
  objects: { uscc: string; stratum: string; team: string[] }[];
  replacements: { uscc: string; out: string; in: string }[];
};

/**
 * 双随机一公开 draws (double-random.md R8 `redline/draw/v1`). `prepare` freezes the canonical lists, their
 * digests and the beacon's future identifier (the commitment, published at once); `execute` takes the beacon
 * value once published and stores the seed and the result. Nothing here is updated after execution.
 */
export const randomDraws = pgTable(
  "random_draws",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planCode: text("plan_code").notNull(),
    title: text("title").notNull(),
    departmentId: uuid("department_id"),
    regionCode: text("region_code").notNull(),
    status: text("status").notNull().default("prepared"),
    /** k per stratum, rates, teamSize, crossRegion, filters. */
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    objects: jsonb("objects").$type<DrawObject[]>().notNull(),
    objectsDigest: text("objects_digest").notNull(),
    inspectors: jsonb("inspectors").$type<DrawInspector[]>().notNull(),
    inspectorsDigest: text("inspectors_digest").notNull(),
    recusals: jsonb("recusals").$type<DrawRecusal[]>().notNull(),
    beaconSource: text("beacon_source").notNull(),
    beaconId: text("beacon_id").notNull(),
    beaconValue: text("beacon_value"),
    seed: text("seed"),
    result: jsonb("result").$type<DrawResult>(),
    /** 四不两直: lists are revealed only with the results. */
    unannounced: boolean("unannounced").notNull().default(false),
    preparedById: uuid("prepared_by_id"),
    preparedAt: ts("prepared_at").notNull(),
    executedAt: ts("executed_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("random_draws_plan_code").on(t.planCode),
    index("random_draws_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    check("random_draws_status_check", sql`${t.status} in ('prepared','executed')`),
  ],
);
