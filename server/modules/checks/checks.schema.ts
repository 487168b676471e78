import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea, day, ts } from "../../kernel/db/columns.js";

/**
 * 隐患排查任务: a recurring check of one control measure on a risk point. The measure lives in the risk
 * module (referenced by id, read through its service). Ending a task keeps it and its records as history.
 */
export const checkTasks = pgTable(
  "check_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    riskPointId: uuid("risk_point_id").notNull(),
    measureId: uuid("measure_id").notNull(),
    content: text("content").notNull(),
    method: text("method"),
    frequency: text("frequency").notNull(),
    assigneeUserId: uuid("assignee_user_id"),
    assigneePost: text("assignee_post"),
    startsOn: day("starts_on").notNull(),
    endedOn: day("ended_on"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("check_tasks_enterprise_idx").on(t.enterpriseId),
    index("check_tasks_point_idx").on(t.riskPointId),
    index("check_tasks_assignee_idx").on(t.assigneeUserId),
    index("check_tasks_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    check("check_tasks_frequency_check", sql`${t.frequency} in ('daily','weekly','monthly','quarterly','half_yearly','yearly')`),
    check("check_tasks_assignee_check", sql`${t.assigneeUserId} is not null or ${t.assigneePost} is not null`),
  ],
);

/** One done occurrence: at most one record per task and period; append-only. */
export const checkRecords = pgTable(
  "check_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => checkTasks.id),
    enterpriseId: uuid("enterprise_id").notNull(),
    regionCode: text("region_code").notNull(),
    periodKey: text("period_key").notNull(),
    periodStart: day("period_start").notNull(),
    periodEnd: day("period_end").notNull(),
    result: text("result").notNull(),
    remark: text("remark"),
    photoType: text("photo_type"),
    photo: bytea("photo"),
    doneById: uuid("done_by_id"),
    doneByName: text("done_by_name").notNull(),
    doneAt: ts("done_at").notNull(),
    hazardRef: text("hazard_ref"),
  },
  (t) => [
    uniqueIndex("check_records_task_period_key").on(t.taskId, t.periodKey),
    index("check_records_enterprise_idx").on(t.enterpriseId, t.doneAt),
    check("check_records_result_check", sql`${t.result} in ('pass','fail')`),
  ],
);
