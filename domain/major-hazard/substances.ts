import { type Table1Row, table1, table3 } from "./gb18218-tables.js";

/**
 * Finding a chemical in GB 18218-2018 Table 1 by row, CAS or name (R4(a), R9), and its Table 3 β.
 * Names compare after normalising widths, brackets and spaces ("氯化氢（无水）" = "氯化氢(无水)").
 */

export type Table3Name = (typeof table3)[number]["name"];

/** R9: Table 3 is keyed by name; each name mapped once to its CAS number so β resolves by CAS. */
export const table3Cas: Record<Table3Name, string> = {
  一氧化碳: "630-08-0", // not in Table 1
  二氧化硫: "7446-09-5",
  氨: "7664-41-7",
  环氧乙烷: "75-21-8",
  氯化氢: "7647-01-0", // Table 1 row 11 氯化氢（无水）
  溴甲烷: "74-83-9",
  氯: "7782-50-5",
  硫化氢: "7783-06-4",
  氟化氢: "7664-39-3",
  二氧化氮: "10102-44-0",
  氰化氢: "74-90-8",
  碳酰氯: "75-44-5",
  磷化氢: "7803-51-2",
  异氰酸甲酯: "624-83-9",
};

/** Table 1 rows without CAS that take a Table 3 β: 煤气 (row 13, a CO mixture) as 一氧化碳 — an open point of the spec, β 2. */
const table3ByRow: Partial<Record<number, Table3Name>> = { 13: "一氧化碳" };

/**
 * Rows whose description restricts what they cover (content, water or nitrogen share, state). Their CAS
 * number or bare name also fits chemicals the row does not cover (formalin shares 50-00-0 with row 8,
 * hydrochloric acid 7647-01-0 with row 11), so they are only chosen by row or by their full name.
 */
export const restrictedRows: ReadonlySet<number> = new Set([8, 11, 37, 38, 39, 40, 41, 42, 43, 44, 45, 72, 81]);

/** Names the standard gives inside a row's name rather than as aliases. */
const extraNames: Partial<Record<number, string[]>> = {
  49: ["甲烷", "天然气"],
  52: ["LPG", "液化气"],
  66: ["乙醇汽油", "甲醇汽油"],
};

/** NFKC folds full-width brackets, commas and signs to ASCII; spaces and letter case do not matter. */
export function normaliseName(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** The name before its first bracket: "氯化氢（无水）" → "氯化氢". */
const baseName = (name: string) => name.split(/[（(［[]/)[0]?.trim() ?? name;

type NameMatch = { row: Table1Row; exact: boolean };

function namesOf(row: Table1Row): { exact: string[]; loose: string[] } {
  return {
    exact: [row.name, ...(extraNames[row.seq] ?? [])].map(normaliseName),
    loose: [baseName(row.name), ...row.aliases, ...row.aliases.map(baseName)].map(normaliseName),
  };
}
const index = table1.map((row) => ({ row, ...namesOf(row) }));

export const table1Row = (seq: number): Table1Row | undefined => table1[seq - 1];

/** Rows listing `cas` (CAS is not unique: 9004-70-0 → rows 37–42, 6484-52-2 → rows 43–44). */
export function rowsByCas(cas: string): Table1Row[] {
  const c = cas.trim();
  return table1.filter((r) => r.cas.includes(c));
}

/** Rows a name designates: `exact` when it is the row's full name (which states any restriction). */
export function rowsByName(name: string): NameMatch[] {
  const n = normaliseName(name);
  if (!n) return [];
  const exact = index.filter((e) => e.exact.includes(n)).map((e) => ({ row: e.row, exact: true }));
  if (exact.length) return exact;
  return index.filter((e) => e.loose.includes(n)).map((e) => ({ row: e.row, exact: false }));
}

/** Table 3 entry for a chemical: by Table 1 row, by CAS, or by the Table 3 name itself. */
export function table3Entry(args: { row?: Table1Row; cas?: string | null; name?: string | null }) {
  const key =
    (args.row && table3ByRow[args.row.seq]) ??
    (Object.keys(table3Cas) as Table3Name[]).find((k) => {
      const cas = table3Cas[k];
      return (args.row?.cas.includes(cas) ?? false) || args.cas === cas;
    }) ??
    (args.name ? (Object.keys(table3Cas) as Table3Name[]).find((k) => normaliseName(k) === normaliseName(args.name ?? "")) : undefined);
  return key ? table3.find((t) => t.name === key) : undefined;
}

export type SubstanceHit = {
  row: number;
  name: string;
  aliases: readonly string[];
  cas: readonly string[];
  q: string;
  /** β from Table 3 when the chemical is a named toxic gas; otherwise β comes from its categories (Table 4). */
  table3Beta: string | null;
  /** The row covers only what its description says: the user confirms it fits. */
  restricted: boolean;
};

const hit = (row: Table1Row): SubstanceHit => ({
  row: row.seq,
  name: row.name,
  aliases: row.aliases,
  cas: row.cas,
  q: row.q,
  table3Beta: table3Entry({ row })?.beta ?? null,
  restricted: restrictedRows.has(row.seq),
});

/** Picker search over Table 1: name or alias substring, CAS prefix or row number; in table order. */
export function searchTable1(query: string, limit = 20): SubstanceHit[] {
  const q = normaliseName(query);
  if (!q) return table1.slice(0, limit).map(hit);
  return index
    .filter(
      (e) =>
        String(e.row.seq) === q ||
        e.row.cas.some((c) => c.startsWith(q)) ||
        [...e.exact, ...e.loose, ...e.row.aliases.map(normaliseName)].some((n) => n.includes(q)),
    )
    .slice(0, limit)
    .map((e) => hit(e.row));
}
