import { createHash } from "node:crypto";
import { asc, desc, gt } from "drizzle-orm";
import type { Ctx } from "../auth/actor.js";
import { type Db, rows, sql } from "../db/db.js";
import { auditLog } from "./audit.schema.js";

export const genesisHash = "0".repeat(64);

export type AuditEvent = {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Extra facts that are not field changes (e.g. a reason). */
  detail?: Record<string, unknown>;
};

type ChainedContent = {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  diff: unknown;
  ip: string | null;
};

const secretKey = /hash|password|secret/i;

/** Before/after of the fields that changed, secrets never included. */
export function diffOf(before?: Record<string, unknown> | null, after?: Record<string, unknown> | null) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of keys) {
    if (secretKey.test(k)) continue;
    const x = normalise(before?.[k]);
    const y = normalise(after?.[k]);
    if (canonicalJson(x) === canonicalJson(y)) continue;
    if (before) b[k] = x;
    if (after) a[k] = y;
  }
  return { before: before ? b : null, after: after ? a : null };
}

function normalise(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v === undefined ? null : v;
}

/** JSON with object keys sorted at every depth, so jsonb's key reordering cannot change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function chainHash(prevHash: string, row: ChainedContent): string {
  const content = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash("sha256").update(`${prevHash}\n${content}`).digest("hex");
}

function contentOf(id: number, ctx: Ctx, event: AuditEvent): ChainedContent {
  const { before, after } = diffOf(event.before, event.after);
  const diff = { before, after, ...(event.detail ? { detail: event.detail } : {}) };
  return {
    id,
    at: ctx.now,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.username ?? null,
    actorRole: ctx.actor?.role ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    regionCode: event.regionCode ?? null,
    diff: JSON.parse(canonicalJson(diff)),
    ip: ctx.ip,
  };
}

/**
 * Appends one chained row inside the caller's transaction, so a rolled-back change leaves no trace.
 * A transaction-scoped advisory lock orders writers: each row links to the one committed before it,
 * across every app instance sharing the database.
 */
export async function writeAudit(tx: Db, ctx: Ctx, event: AuditEvent): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(7391002)`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const [next] = await rows<{ id: string }>(tx, sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`);
  const content = contentOf(Number(next?.id), ctx, event);
  const prevHash = last?.hash ?? genesisHash;
  await tx.insert(auditLog).values({ ...content, prevHash, hash: chainHash(prevHash, content) });
  return content.id;
}

/**
 * Appends many chained rows at once (bulk imports): one lock, one look-up of the chain's end, ids
 * drawn in one statement and rows inserted in batches — the same chain as writing them one by one.
 */
export async function writeAuditBatch(tx: Db, ctx: Ctx, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(7391002)`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const ids = await rows<{ id: string }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id from generate_series(1, ${events.length})`,
  );
  let prevHash = last?.hash ?? genesisHash;
  const values = events.map((event, i) => {
    const content = contentOf(Number(ids[i]?.id), ctx, event);
    const hash = chainHash(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < values.length; i += 1000) await tx.insert(auditLog).values(values.slice(i, i + 1000));
}

export type VerifyResult = { ok: boolean; checked: number; firstBrokenId: number | null };

/**
 * Re-computes the chain from the first row. A changed row fails its own hash; a deleted or inserted
 * row breaks the next row's link. Reads in batches and yields between them so the embedded
 * database never stalls other requests for long.
 */
export async function verifyAuditChain(db: Db, batch = 500): Promise<VerifyResult> {
  let prev = genesisHash;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(batch);
    for (const r of page) {
      const { prevHash, hash, ...content } = r;
      if (prevHash !== prev || chainHash(prev, content) !== hash) return { ok: false, checked, firstBrokenId: r.id };
      prev = hash;
      checked++;
      afterId = r.id;
    }
    if (page.length < batch) return { ok: true, checked, firstBrokenId: null };
    await new Promise((resolve) => setImmediate(resolve));
  }
}
