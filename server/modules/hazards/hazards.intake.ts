import { randomUUID } from "node:crypto";
import { inArray, type SQL, sql } from "drizzle-orm";
import { writeAuditBatch } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, rows as queryRows } from "../../kernel/db/db.js";
import { confirmMajorHazardInTx } from "./hazards.escalation.js";
import type { HazardRow } from "./hazards.repo.js";
import { hazardEvents, hazardPhotos, hazards } from "./hazards.schema.js";
import { auditable } from "./hazards.service.js";

/** A photo already checked by type and stripped of location metadata by the caller (domain/hazards/photo.ts). */
export type IntakePhoto = { contentType: string; data: Buffer; locationKept: boolean };

/** One hazard found by another module's record (an inspection's failed item), with its evidence. */
export type IntakeHazard = Omit<typeof hazards.$inferInsert, "id" | "status" | "createdAt" | "updatedAt" | "reportedAt"> & {
  photos: IntakePhoto[];
  /** Matches the `ref` of the rows of `photoRows` to copy as this hazard's 'before' photos. */
  photoRef?: string | null;
};

/**
 * Photos the caller already holds in its own table, copied inside the database: a query answering
 * (ref text, content_type text, bytes int, location_kept boolean, data bytea). Bytes never cross into JS — on PGlite
 * a bytea parameter or result is hex text at ~10 MB/s, so 35 photos of 250 KB took seconds each way.
 */
export type PhotoRows = SQL;

/**
 * Registers several hazards at once inside the caller's transaction — the same rows, 'before' photos, `report`
 * timeline events and `hazard.report` audit rows as reportHazard writes one by one, in a handful of statements
 * (an inspection's 40 findings in one finish, issue 7 §2); photos come as bytes or, copied inside the database, as
 * `photoRows` of the caller's own table. A 重大 hazard is confirmed in the same transaction (confirmMajorHazardInTx:
 * county listing, R12, and the county's regulators told, R3 "promptly"). Returns the rows in the order given.
 */
export async function registerHazardsInTx(
  tx: Db,
  ctx: Ctx,
  found: IntakeHazard[],
  enterpriseName: string,
  photoRows?: PhotoRows,
): Promise<HazardRow[]> {
  if (found.length === 0) return [];
  const values = found.map(({ photos: _, photoRef: __, ...h }) => ({
    ...h,
    id: randomUUID(),
    status: "reported",
    reportedAt: ctx.now,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }));
  const inserted = await tx.insert(hazards).values(values).returning();
  const byId = new Map(inserted.map((r) => [r.id, r]));
  const rows = values.map((v) => byId.get(v.id) as HazardRow);

  const photos = rows.flatMap((row, i) =>
    (found[i]?.photos ?? []).map((p) => ({
      hazardId: row.id,
      enterpriseId: row.enterpriseId,
      regionCode: row.regionCode,
      phase: "before",
      contentType: p.contentType,
      bytes: p.data.length,
      locationKept: p.locationKept,
      data: p.data,
      uploadedById: row.foundById,
      createdAt: ctx.now,
    })),
  );
  if (photos.length) await tx.insert(hazardPhotos).values(photos);
  const refs = rows.flatMap((row, i) => (found[i]?.photoRef ? [sql`(${found[i]?.photoRef}::text, ${row.id}::uuid)`] : []));
  const copied = new Map<string, number>();
  if (photoRows && refs.length) {
    const copiedRows = await queryRows<{ hazard_id: string }>(
      tx,
      sql`
      insert into ${hazardPhotos} (hazard_id, enterprise_id, region_code, phase, content_type, bytes, location_kept, data, uploaded_by_id, created_at)
      select h.id, h.enterprise_id, h.region_code, 'before', src.content_type, src.bytes, src.location_kept, src.data, h.found_by_id, ${ctx.now.toISOString()}::timestamptz
      from (${photoRows}) as src
      join (values ${sql.join(refs, sql`, `)}) as link(ref, hazard_id) on link.ref = src.ref
      join ${hazards} h on h.id = link.hazard_id
      returning hazard_id`,
    );
    for (const r of copiedRows) copied.set(r.hazard_id, (copied.get(r.hazard_id) ?? 0) + 1);
  }
  await tx.insert(hazardEvents).values(
    rows.map((row) => ({
      hazardId: row.id,
      action: "report",
      fromState: null,
      toState: "reported",
      actorId: row.foundById,
      actorName: row.foundByName,
      actorRole: row.foundByRole,
      note: null,
      at: ctx.now,
    })),
  );
  await writeAuditBatch(
    tx,
    ctx,
    rows.map((row, i) => ({
      action: "hazard.report",
      entityType: "hazard",
      entityId: row.id,
      regionCode: row.regionCode,
      after: auditable(row),
      detail: { photos: (found[i]?.photos.length ?? 0) + (copied.get(row.id) ?? 0) },
    })),
  );
  // R12 "重大 on confirmation": listed at county level and reported to the county's regulators, as reportHazard does.
  const out: HazardRow[] = [];
  for (const row of rows) out.push(row.level === "major" ? await confirmMajorHazardInTx(tx, ctx, row, { enterpriseName }) : row);
  return out;
}

export type HazardSummary = Pick<HazardRow, "id" | "level" | "status" | "criterionRef" | "description">;

/** Grade, state and citation of hazards by id, for the record that raised them (its scope already checked). */
export function hazardSummaries(db: Db, ids: string[]): Promise<HazardSummary[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: hazards.id,
      level: hazards.level,
      status: hazards.status,
      criterionRef: hazards.criterionRef,
      description: hazards.description,
    })
    .from(hazards)
    .where(inArray(hazards.id, ids));
}
