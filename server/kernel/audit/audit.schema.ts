import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Append-only, hash-chained audit trail (等保2.0 安全审计). UPDATE, DELETE and TRUNCATE are refused
 * by a trigger (migration 0001); `hash` = sha256(prev_hash + canonical row content).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    regionCode: text("region_code"),
    diff: jsonb("diff"),
    ip: text("ip"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("audit_log_at_idx").on(t.at),
  ],
);
