import { and, asc, desc, eq, inArray, isNotNull, ne, type SQL, sql } from "drizzle-orm";
import type { InspectionListQuery } from "../../../domain/inspections/inspection.dto.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { inspectionPhotos, inspectionResponses, inspectionSignatures, inspections } from "./inspections.schema.js";

export type InspectionRow = typeof inspections.$inferSelect;
export type ResponseRow = typeof inspectionResponses.$inferSelect;
export type PhotoMeta = Omit<typeof inspectionPhotos.$inferSelect, "data" | "uploadedById" | "inspectionId">;
export type Counts = { answered: number; failed: number };

export async function findInspection(db: Db, id: string, scope: SQL): Promise<InspectionRow | undefined> {
  const [row] = await db
    .select()
    .from(inspections)
    .where(and(eq(inspections.id, id), scope))
    .limit(1);
  return row;
}

export async function insertInspection(db: Db, values: typeof inspections.$inferInsert): Promise<InspectionRow> {
  const [row] = await db.insert(inspections).values(values).returning();
  return row as InspectionRow;
}

/**
 * The version guard of every change: bumps the version of an in-progress inspection still at `version`.
 * Undefined when another change came first or it was finished meanwhile (the caller re-reads and answers 409).
 */
export async function bumpInProgress(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof inspections.$inferInsert>,
): Promise<InspectionRow | undefined> {
  const [row] = await db
    .update(inspections)
    .set({ ...set, version: sql`${inspections.version} + 1` })
    .where(and(eq(inspections.id, id), eq(inspections.version, version), eq(inspections.status, "in_progress")))
    .returning();
  return row;
}

// The outer id is qualified by hand: drizzle writes a single-table select's columns unqualified, and a bare "id"
// inside the subquery would be the response's own.
const countsSql = {
  answered: sql<number>`(select count(*)::int from ${inspectionResponses} r where r.inspection_id = "inspections"."id" and r.outcome is not null)`,
  failed: sql<number>`(select count(*)::int from ${inspectionResponses} r where r.inspection_id = "inspections"."id" and r.outcome = 'fail')`,
};

export async function listInspections(db: Db, scope: SQL, q: InspectionListQuery, mine?: SQL) {
  const where = and(
    scope,
    q.kind ? eq(inspections.kind, q.kind) : undefined,
    q.status ? eq(inspections.status, q.status) : undefined,
    q.enterprise ? eq(inspections.enterpriseId, q.enterprise) : undefined,
    q.region ? sql`${inspections.regionCode} like ${`${likeEscape(q.region)}%`}` : undefined,
    mine,
  );
  const [items, [count]] = await Promise.all([
    db
      .select({ row: inspections, answered: countsSql.answered, failed: countsSql.failed })
      .from(inspections)
      .where(where)
      .orderBy(desc(inspections.startedAt), asc(inspections.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(inspections).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function countsOf(db: Db, id: string): Promise<Counts> {
  const [row] = await db
    .select({
      answered: sql<number>`count(*) filter (where ${inspectionResponses.outcome} is not null)::int`,
      failed: sql<number>`count(*) filter (where ${inspectionResponses.outcome} = 'fail')::int`,
    })
    .from(inspectionResponses)
    .where(eq(inspectionResponses.inspectionId, id));
  return { answered: row?.answered ?? 0, failed: row?.failed ?? 0 };
}

export function responsesOf(db: Db, inspectionId: string): Promise<ResponseRow[]> {
  return db
    .select()
    .from(inspectionResponses)
    .where(eq(inspectionResponses.inspectionId, inspectionId))
    .orderBy(asc(inspectionResponses.answeredAt), asc(inspectionResponses.itemId));
}

/** Stored responses with these ids in any other inspection (a client id is global). */
export async function responseIdsElsewhere(db: Db, inspectionId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db
    .select({ id: inspectionResponses.id })
    .from(inspectionResponses)
    .where(and(inArray(inspectionResponses.id, ids), ne(inspectionResponses.inspectionId, inspectionId)));
  return new Set(found.map((r) => r.id));
}

export async function photoIdsElsewhere(db: Db, inspectionId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db
    .select({ id: inspectionPhotos.id })
    .from(inspectionPhotos)
    .where(and(inArray(inspectionPhotos.id, ids), ne(inspectionPhotos.inspectionId, inspectionId)));
  return new Set(found.map((r) => r.id));
}

/** One answer per item: a newer answer (a new client id) replaces the item's previous one. */
export async function upsertResponses(db: Db, values: (typeof inspectionResponses.$inferInsert)[]): Promise<void> {
  if (values.length === 0) return;
  await db
    .insert(inspectionResponses)
    .values(values)
    .onConflictDoUpdate({
      target: [inspectionResponses.inspectionId, inspectionResponses.itemId],
      set: {
        id: sql`excluded.id`,
        outcome: sql`excluded.outcome`,
        result: sql`excluded.result`,
        number: sql`excluded.number`,
        text: sql`excluded.text`,
        note: sql`excluded.note`,
        answeredById: sql`excluded.answered_by_id`,
        answeredAt: sql`excluded.answered_at`,
      },
    });
}

export function photosOf(db: Db, inspectionId: string): Promise<PhotoMeta[]> {
  return db
    .select({
      id: inspectionPhotos.id,
      itemId: inspectionPhotos.itemId,
      contentType: inspectionPhotos.contentType,
      bytes: inspectionPhotos.bytes,
      locationKept: inspectionPhotos.locationKept,
      createdAt: inspectionPhotos.createdAt,
    })
    .from(inspectionPhotos)
    .where(eq(inspectionPhotos.inspectionId, inspectionId))
    .orderBy(asc(inspectionPhotos.createdAt), asc(inspectionPhotos.id));
}

/** Photos with their bytes (the report's thumbnails). */
export function photoDataOf(db: Db, inspectionId: string) {
  return db
    .select({
      id: inspectionPhotos.id,
      itemId: inspectionPhotos.itemId,
      contentType: inspectionPhotos.contentType,
      data: inspectionPhotos.data,
    })
    .from(inspectionPhotos)
    .where(eq(inspectionPhotos.inspectionId, inspectionId))
    .orderBy(asc(inspectionPhotos.createdAt), asc(inspectionPhotos.id));
}

/**
 * The inspection's photos as the hazard register copies them inside the database (hazards.intake.ts PhotoRows):
 * ref = the item id. Their bytes never pass through JS (slow on PGlite).
 */
export const photoRowsSql = (inspectionId: string): SQL =>
  sql`select ${inspectionPhotos.itemId} as ref, ${inspectionPhotos.contentType} as content_type, ${inspectionPhotos.bytes} as bytes, ${inspectionPhotos.locationKept} <> 0 as location_kept, ${inspectionPhotos.data} as data from ${inspectionPhotos} where ${inspectionPhotos.inspectionId} = ${inspectionId}`;

export async function insertPhotos(db: Db, values: (typeof inspectionPhotos.$inferInsert)[]): Promise<void> {
  if (values.length) await db.insert(inspectionPhotos).values(values).onConflictDoNothing({ target: inspectionPhotos.id });
}

export async function deletePhotos(db: Db, inspectionId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const gone = await db
    .delete(inspectionPhotos)
    .where(and(eq(inspectionPhotos.inspectionId, inspectionId), inArray(inspectionPhotos.id, ids)))
    .returning({ id: inspectionPhotos.id });
  return gone.length;
}

export async function findPhoto(db: Db, id: string, scope: SQL) {
  const [row] = await db
    .select({ contentType: inspectionPhotos.contentType, data: inspectionPhotos.data })
    .from(inspectionPhotos)
    .where(and(eq(inspectionPhotos.id, id), scope))
    .limit(1);
  return row;
}

/** Who signed and when (the images only for the report: signatureImagesOf). */
export function signaturesOf(db: Db, inspectionId: string) {
  return db
    .select({
      id: inspectionSignatures.id,
      signer: inspectionSignatures.signer,
      name: inspectionSignatures.name,
      userId: inspectionSignatures.userId,
      signedAt: inspectionSignatures.signedAt,
    })
    .from(inspectionSignatures)
    .where(eq(inspectionSignatures.inspectionId, inspectionId))
    .orderBy(desc(inspectionSignatures.signer), asc(inspectionSignatures.signedAt), asc(inspectionSignatures.name)); // inspectors first
}

export function signatureImagesOf(db: Db, inspectionId: string) {
  return db
    .select({ id: inspectionSignatures.id, image: inspectionSignatures.image })
    .from(inspectionSignatures)
    .where(eq(inspectionSignatures.inspectionId, inspectionId));
}

export async function insertSignatures(db: Db, values: (typeof inspectionSignatures.$inferInsert)[]): Promise<void> {
  if (values.length) await db.insert(inspectionSignatures).values(values);
}

/** Links each failed response to the hazard it raised, in one statement. */
export async function linkHazards(db: Db, links: { responseId: string; hazardId: string }[]): Promise<void> {
  if (links.length === 0) return;
  const pairs = sql.join(
    links.map((l) => sql`(${l.responseId}::uuid, ${l.hazardId}::uuid)`),
    sql`, `,
  );
  await db.execute(
    sql`update ${inspectionResponses} set hazard_id = v.hazard_id from (values ${pairs}) as v(response_id, hazard_id) where ${inspectionResponses.id} = v.response_id`,
  );
}

/** The hazards raised by an inspection's responses. */
export async function hazardLinksOf(db: Db, inspectionId: string) {
  return db
    .select({ itemId: inspectionResponses.itemId, hazardId: inspectionResponses.hazardId })
    .from(inspectionResponses)
    .where(and(eq(inspectionResponses.inspectionId, inspectionId), isNotNull(inspectionResponses.hazardId)));
}

/** When each finished non-self inspection of `ids` within `scope` finished. */
export function regulatorFinishTimes(db: Db, ids: readonly string[], scope: SQL) {
  return db
    .select({ id: inspections.id, finishedAt: inspections.finishedAt })
    .from(inspections)
    .where(and(inArray(inspections.id, [...ids]), ne(inspections.kind, "self"), isNotNull(inspections.finishedAt), scope));
}
