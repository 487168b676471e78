import { gb18218Standard, type Table1Row, table2, table4, table5 } from "./gb18218-tables.js";
import type { Rational } from "./rational.js";
import * as X from "./rational.js";
import { restrictedRows, rowsByCas, rowsByName, table1Row, table3Entry } from "./substances.js";

/**
 * 危险化学品重大危险源辨识与分级 (GB 18218-2018 cl. 4; 40号令 Art. 8–9), for one unit (R2: identification is
 * per 生产单元/储存单元, never per enterprise). Exact arithmetic throughout (R5); figures shown are cut
 * to 6 decimals, which never moves them across a threshold.
 */

export type HazardCategory = (typeof table2)[number]["symbol"];
export const hazardCategorySymbols = table2.map((r) => r.symbol) as [HazardCategory, ...HazardCategory[]];

/** R6: β for a substance with several categories (the standard is silent): the largest, or that of the category giving Q. */
export type BetaRule = "max" | "governingCategory";
export const betaRules = ["max", "governingCategory"] as const;

export type SubstanceInput = {
  /** Table 1 row (序号), when the user picked it: needed where a CAS number or name fits several rows. */
  tableRow?: number;
  name?: string;
  cas?: string;
  /** Table 2 symbols of the substance as present in this unit (R4: recorded per substance per unit). */
  categories?: readonly string[];
  /** q: design maximum in tonnes (R3); aerosols by net weight. A decimal string keeps every digit. */
  quantityTonnes: number | string;
  /** Held as a liquefied gas (for the QRA rule R10(二)). */
  liquefied?: boolean;
};
export type UnitInput = { substances: readonly SubstanceInput[]; peopleExposed: number };

export type Contribution = {
  /** The Table 1 name, else the name or CAS given, else the categories. */
  substance: string;
  name: string | null;
  cas: string | null;
  categories: HazardCategory[];
  /** Where Q came from: Table 1 (`row`) or Table 2 (`symbol`, the lowest Q among the categories). */
  source: "table1" | "table2";
  row: number | null;
  symbol: HazardCategory | null;
  q: number;
  Q: number;
  qOverQ: number;
  /** Null only when the unit is not major and no category was given (β is not needed then). */
  beta: number | null;
  betaSource: "table3" | "table4" | null;
  /** The Table 3 name or Table 4 symbol β was read from. */
  betaKey: string | null;
  toxicGas: boolean;
  explosiveOrLiquefiedFlammableGas: boolean;
};

export type MajorHazardLevel = 1 | 2 | 3 | 4;
export const levelLabels: Record<MajorHazardLevel, { zh: string; en: string }> = {
  1: { zh: "一级", en: "Grade 1" },
  2: { zh: "二级", en: "Grade 2" },
  3: { zh: "三级", en: "Grade 3" },
  4: { zh: "四级", en: "Grade 4" },
};

export type QraReason = "toxic_gas" | "explosive_or_liquefied_flammable_gas";

export type UnitResult = {
  standard: typeof gb18218Standard;
  betaRule: BetaRule;
  S: number;
  isMajor: boolean;
  alpha: number;
  /** Only for a major hazard source (R6). */
  R: number | null;
  level: MajorHazardLevel | null;
  contributions: Contribution[];
  /** R10 (40号令 Art. 9): a quantitative risk assessment by a qualified body. */
  qra: { required: boolean; reasons: QraReason[]; toxicGasS: number; explosiveOrLiquefiedFlammableGasS: number };
  /** S and R as exact fractions ("n/d" or an integer), for the record. */
  exact: { S: string; R: string | null };
};

/** A field of the unit's input that stops the computation; `code` names a message, `path` is relative to the unit. */
export type InputIssue = { path: string; code: string; params?: Record<string, string | number> };

export class MajorHazardInputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.code}`).join("; "));
    this.name = "MajorHazardInputError";
  }
}

const table2By = new Map(table2.map((r) => [r.symbol as string, r]));
const table4By = new Map(table4.map((r) => [r.symbol as string, r]));
const explosives = new Set<string>(["W1.1", "W1.2", "W1.3"]);
const toxicGasCategories = new Set<string>(["J1", "J3"]); // acute toxicity, gases (Table 2)
const lpgRow = 52; // 液化石油气: liquefied by definition

/** α from Table 5 by the people within 500 m of the plant boundary (R7). */
export function alphaFor(peopleExposed: number): Rational {
  const band = table5.find((b) => peopleExposed >= b.min && (b.max === null || peopleExposed <= b.max));
  if (!Number.isInteger(peopleExposed) || !band)
    throw new MajorHazardInputError([{ path: "peopleExposed", code: "major_hazard.people_invalid" }]);
  return X.decimal(band.alpha);
}

const hundred = X.int(100);
const fifty = X.int(50);
const ten = X.int(10);

/** R8 (Table 6; 40号令 Art. 8): 一级 R ≥ 100, 二级 50 ≤ R < 100, 三级 10 ≤ R < 50, 四级 R < 10. */
export function gradeOf(R: Rational): MajorHazardLevel {
  if (X.gte(R, hundred)) return 1;
  if (X.gte(R, fifty)) return 2;
  if (X.gte(R, ten)) return 3;
  return 4;
}

/** R10: (一) 一级/二级 with Σq/Q over toxic gases ≥ 1; (二) 一级 with Σq/Q over explosives or liquefied flammable gases ≥ 1. */
export function qraReasons(level: MajorHazardLevel | null, toxicGasS: Rational, explosiveOrLiquefiedS: Rational): QraReason[] {
  const reasons: QraReason[] = [];
  if ((level === 1 || level === 2) && X.gte(toxicGasS, X.one)) reasons.push("toxic_gas");
  if (level === 1 && X.gte(explosiveOrLiquefiedS, X.one)) reasons.push("explosive_or_liquefied_flammable_gas");
  return reasons;
}

type Resolved = {
  input: SubstanceInput;
  path: string;
  q: Rational;
  Q: Rational;
  row: Table1Row | undefined;
  symbol: HazardCategory | undefined;
  categories: HazardCategory[];
  table3: { name: string; beta: string } | undefined;
};

function quantityOf(v: number | string): Rational | undefined {
  try {
    const q = typeof v === "number" ? X.fromNumber(v) : X.decimal(v);
    return X.compare(q, X.zero) > 0 ? q : undefined;
  } catch {
    return undefined;
  }
}

/** The Table 1 row a substance designates, or undefined (then Table 2 applies); ambiguities become issues. */
function table1RowOf(s: SubstanceInput, path: string, hasCategories: boolean, issues: InputIssue[]): Table1Row | undefined {
  const cas = s.cas?.trim() || undefined;
  const name = s.name?.trim() || undefined;
  if (s.tableRow !== undefined) {
    const row = table1Row(s.tableRow);
    if (!row) issues.push({ path: `${path}.tableRow`, code: "major_hazard.row_unknown", params: { row: s.tableRow } });
    else if (cas && !row.cas.includes(cas))
      issues.push({ path: `${path}.cas`, code: "major_hazard.cas_not_in_row", params: { cas, row: row.seq, name: row.name } });
    return row;
  }
  // R9: match on CAS, then confirm by name. A name alone matches the row's name or aliases.
  const byName = name ? rowsByName(name) : [];
  let candidates = byName;
  if (cas) {
    const byCas = rowsByCas(cas);
    const named = byCas.filter((row) => byName.some((m) => m.row === row));
    if (byName.length && named.length === 0) {
      const rows = byName.map((m) => m.row.seq).join(", ");
      issues.push({ path: `${path}.cas`, code: "major_hazard.cas_name_mismatch", params: { cas, name: name ?? "", rows } });
      return undefined;
    }
    // Several rows share a CAS number (9004-70-0, 6484-52-2): a name may pick one of them.
    const pool = named.length === 1 ? named : byCas;
    candidates = pool.map((row) => ({ row, exact: byName.some((m) => m.row === row && m.exact) }));
  }
  if (candidates.length > 1) {
    const rows = candidates.map((c) => c.row.seq).join(", ");
    const code = cas ? "major_hazard.cas_ambiguous" : "major_hazard.name_ambiguous";
    issues.push({ path: `${path}.tableRow`, code, params: { cas: cas ?? "", name: name ?? "", rows } });
    return undefined;
  }
  const [match] = candidates;
  if (!match) return undefined;
  // A restricted row (formaldehyde > 90 %, anhydrous HCl …) is taken only when chosen or named in full; a
  // user who gives the categories instead says the row does not fit, and Table 2 applies.
  if (restrictedRows.has(match.row.seq) && !match.exact) {
    if (!hasCategories)
      issues.push({ path: `${path}.tableRow`, code: "major_hazard.row_restricted", params: { row: match.row.seq, name: match.row.name } });
    return undefined;
  }
  return match.row;
}

function resolve(s: SubstanceInput, path: string, issues: InputIssue[]): Resolved | undefined {
  const before = issues.length;
  const q = quantityOf(s.quantityTonnes);
  if (!q) issues.push({ path: `${path}.quantityTonnes`, code: "major_hazard.quantity_invalid" });
  const categories: HazardCategory[] = [];
  for (const c of s.categories ?? []) {
    if (!table2By.has(c)) issues.push({ path: `${path}.categories`, code: "major_hazard.category_unknown", params: { symbol: c } });
    else if (!categories.includes(c as HazardCategory)) categories.push(c as HazardCategory);
  }
  const row = table1RowOf(s, path, categories.length > 0, issues);
  if (issues.length > before || !q) return undefined;

  const table3 = table3Entry({ row, cas: s.cas?.trim() || null, name: row ? null : s.name });
  if (row) return { input: s, path, q, Q: X.decimal(row.q), row, symbol: undefined, categories, table3 };
  if (categories.length === 0) {
    const named = s.name?.trim() || s.cas?.trim();
    issues.push(
      named
        ? { path: `${path}.categories`, code: "major_hazard.categories_required", params: { name: named } }
        : { path, code: "major_hazard.substance_unidentified" },
    );
    return undefined;
  }
  // R4(b): not in Table 1 → the lowest Table 2 Q among its categories.
  const symbol = governing(categories);
  return { input: s, path, q, Q: X.decimal(table2By.get(symbol)?.q ?? "0"), row, symbol, categories, table3 };
}

/** The category with the lowest Table 2 Q; on a tie, the one with the larger β (the conservative reading). */
function governing(categories: HazardCategory[]): HazardCategory {
  const q = (c: HazardCategory) => X.decimal(table2By.get(c)?.q ?? "0");
  const beta = (c: HazardCategory) => X.decimal(table4By.get(c)?.beta ?? "0");
  return categories.reduce((best, c) => {
    const byQ = X.compare(q(c), q(best));
    return byQ < 0 || (byQ === 0 && X.compare(beta(c), beta(best)) > 0) ? c : best;
  });
}

/** R6: Table 3 for a named toxic gas, else Table 4 by category under `rule`; undefined without categories. */
function betaOf(r: Resolved, rule: BetaRule): { beta: Rational; source: "table3" | "table4"; key: string } | undefined {
  if (r.table3) return { beta: X.decimal(r.table3.beta), source: "table3", key: r.table3.name };
  if (r.categories.length === 0) return undefined;
  const key =
    rule === "governingCategory"
      ? (r.symbol ?? governing(r.categories))
      : r.categories.reduce((best, c) =>
          X.compare(X.decimal(table4By.get(c)?.beta ?? "0"), X.decimal(table4By.get(best)?.beta ?? "0")) > 0 ? c : best,
        );
  return { beta: X.decimal(table4By.get(key)?.beta ?? "0"), source: "table4", key };
}

const asNumber = (v: number | string) => (typeof v === "number" ? v : Number(v));

/**
 * Identifies and grades one unit: S = Σ qᵢ/Qᵢ, major iff S ≥ 1 (R5); then R = α·Σ βᵢ·qᵢ/Qᵢ and its grade
 * (R6–R8), and whether a QRA is required (R10). Throws MajorHazardInputError naming every field at fault.
 */
export function computeUnit(input: UnitInput, options: { betaRule?: BetaRule } = {}): UnitResult {
  const betaRule = options.betaRule ?? "max";
  const issues: InputIssue[] = [];
  if (input.substances.length === 0) issues.push({ path: "substances", code: "major_hazard.no_substances" });
  const resolved = input.substances.flatMap((s, i) => resolve(s, `substances.${i}`, issues) ?? []);
  let alpha: Rational | undefined;
  try {
    alpha = alphaFor(input.peopleExposed);
  } catch (e) {
    if (e instanceof MajorHazardInputError) issues.push(...e.issues);
    else throw e;
  }
  if (issues.length || !alpha) throw new MajorHazardInputError(issues);

  const ratios = resolved.map((r) => X.div(r.q, r.Q));
  const S = X.sum(ratios);
  const isMajor = X.gte(S, X.one);
  const betas = resolved.map((r) => betaOf(r, betaRule));
  let R: Rational | null = null;
  if (isMajor) {
    const missing = resolved.flatMap((r, i) =>
      betas[i] ? [] : [{ path: `${r.path}.categories`, code: "major_hazard.beta_needs_categories", params: { name: nameOf(r) } }],
    );
    if (missing.length) throw new MajorHazardInputError(missing);
    R = X.mul(alpha, X.sum(resolved.map((_, i) => X.mul(betas[i]?.beta ?? X.zero, ratios[i] ?? X.zero))));
  }
  const level = R ? gradeOf(R) : null;

  const flags = resolved.map((r) => ({
    toxicGas: !!r.table3 || r.categories.some((c) => toxicGasCategories.has(c)),
    explosiveOrLiquefiedFlammableGas:
      r.categories.some((c) => explosives.has(c)) || (r.categories.includes("W2") && (!!r.input.liquefied || r.row?.seq === lpgRow)),
  }));
  const partial = (pick: (i: number) => boolean) => X.sum(ratios.filter((_, i) => pick(i)));
  const toxicGasS = partial((i) => !!flags[i]?.toxicGas);
  const explosiveS = partial((i) => !!flags[i]?.explosiveOrLiquefiedFlammableGas);
  const reasons = qraReasons(level, toxicGasS, explosiveS);

  return {
    standard: gb18218Standard,
    betaRule,
    S: X.floorTo(S),
    isMajor,
    alpha: X.floorTo(alpha),
    R: R ? X.floorTo(R) : null,
    level,
    contributions: resolved.map((r, i) => {
      const b = betas[i];
      return {
        substance: nameOf(r),
        name: r.input.name?.trim() || null,
        cas: r.input.cas?.trim() || null,
        categories: r.categories,
        source: r.row ? "table1" : "table2",
        row: r.row?.seq ?? null,
        symbol: r.symbol ?? null,
        q: asNumber(r.input.quantityTonnes),
        Q: X.floorTo(r.Q),
        qOverQ: X.floorTo(ratios[i] ?? X.zero),
        beta: b ? X.floorTo(b.beta) : null,
        betaSource: b?.source ?? null,
        betaKey: b?.key ?? null,
        toxicGas: !!flags[i]?.toxicGas,
        explosiveOrLiquefiedFlammableGas: !!flags[i]?.explosiveOrLiquefiedFlammableGas,
      };
    }),
    qra: {
      required: reasons.length > 0,
      reasons,
      toxicGasS: X.floorTo(toxicGasS),
      explosiveOrLiquefiedFlammableGasS: X.floorTo(explosiveS),
    },
    exact: { S: X.toText(S), R: R ? X.toText(R) : null },
  };
}

function nameOf(r: Resolved): string {
  return r.row?.name ?? (r.input.name?.trim() || r.input.cas?.trim() || r.categories.join("+"));
}
