import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Industry } from "../../../domain/industries/industry.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { likeEscape } from "../../kernel/authz/scope.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { parseCsvRecords } from "../../kernel/files/csv.js";
import { industries } from "./industries.schema.js";

const levels = { 1: "section", 2: "division", 3: "group", 4: "class" } as const;
type Row = typeof industries.$inferInsert;

/**
 * Reads the shipped GB/T 4754-2017 table and mends its known faults: trailing spaces in names;
 * class 3741 飞机制造, which the file carries as a second row coded "374" (the group's code); and
 * missing 中类 rows — a class whose group is absent hangs from its division instead.
 */
export function builtInIndustries(): Row[] {
  const file = join(import.meta.dirname, "..", "..", "..", "reference", "gbt4754-2017.csv");
  const seen = new Set<string>();
  const parsed = parseCsvRecords(readFileSync(file, "utf8")).map((r) => {
    if (r.code === "374" && r.name?.trim() === "飞机制造") return { ...r, code: "3741", level: "4", class: "3741" };
    return r;
  });
  const rows: Row[] = parsed
    .filter((r) => !seen.has(r.code as string) && seen.add(r.code as string))
    .map((r) => ({
      code: r.code as string,
      name: (r.name as string).trim(),
      level: levels[Number(r.level) as 1 | 2 | 3 | 4],
      parentCode: null,
      section: r.section as string,
      remark: r.remark || null,
    }));
  if (!rows.some((r) => r.code === "3741")) {
    rows.push({
      code: "3741",
      name: "飞机制造",
      level: "class",
      parentCode: null,
      section: "C",
      remark: "GB/T 4754-2017 小类 3741 (missing from the source file)",
    });
  }
  const codes = new Set(rows.map((r) => r.code));
  for (const r of rows) {
    if (r.level === "section") continue;
    if (r.level === "division") r.parentCode = r.section;
    else {
      const candidates = r.level === "class" ? [r.code.slice(0, 3), r.code.slice(0, 2)] : [r.code.slice(0, 2)];
      r.parentCode = candidates.find((c) => codes.has(c)) ?? r.section;
    }
  }
  return rows;
}

export async function ensureBuiltInIndustries(db: Db, now: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(industries);
  if ((row?.n ?? 0) > 0) return 0;
  const rows = builtInIndustries();
  return withTx(db, async (tx) => {
    const inserted = await tx.insert(industries).values(rows).onConflictDoNothing().returning({ code: industries.code });
    await writeAudit(
      tx,
      { actor: null, ip: null, now },
      { action: "industry.imported", entityType: "industry", detail: { source: "GB/T 4754-2017", rows: inserted.length } },
    );
    return inserted.length;
  });
}

const present = (r: typeof industries.$inferSelect): Industry => ({
  code: r.code,
  name: r.name,
  level: r.level as Industry["level"],
  parentCode: r.parentCode,
  section: r.section,
});

/** Name substring or code prefix; codes first by level then code. */
export async function searchIndustries(db: Db, q: { q?: string; level?: string; limit: number }) {
  const items = await db
    .select()
    .from(industries)
    .where(
      and(
        q.q
          ? /^[A-Z0-9]+$/i.test(q.q)
            ? sql`${industries.code} like ${`${likeEscape(q.q.toUpperCase())}%`}`
            : sql`${industries.name} like ${`%${likeEscape(q.q)}%`}`
          : undefined,
        q.level ? eq(industries.level, q.level) : undefined,
      ),
    )
    .orderBy(asc(sql`length(${industries.code})`), asc(industries.code))
    .limit(q.limit);
  return { items: items.map(present) };
}

/** The industries among `codes` that exist (for validating imports and forms in one query). */
export async function findIndustries(db: Db, codes: string[]): Promise<Industry[]> {
  if (codes.length === 0) return [];
  return (await db.select().from(industries).where(inArray(industries.code, codes))).map(present);
}
