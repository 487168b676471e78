import { z } from "zod";
import { CalendarDate } from "../common/calendar.js";
import { defaultColourHex, type RiskColour, RiskLevel, riskColours } from "./levels.js";

/**
 * Assessment methods as versioned, immutable policies (risk-assessment R1, R7). Two generic kinds:
 * - `product`: score = product of the factors (LEC D = L×E×C, LS R = L×S, MES…), graded by bands
 *   with lower thresholds and a boundary convention (R4);
 * - `matrix`: a two-factor grid whose cells name the band (any L×S matrix).
 * Bands map to the four levels through the policy's level mapping (R5). Refinement failures name a
 * message code (`risk.policy.*`), translated where the policy is shown.
 */

/** Factor values and thresholds: positive decimals with at most 6 places, compared exactly. */
export const decimalPlaces = 6;
const Decimal = z
  .number()
  .positive()
  .max(1e9)
  .refine((v) => Number(v.toFixed(decimalPlaces)) === v, "risk.policy.decimals");

const Text = z.object({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
const Key = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,23}$/, "a letter, then letters, digits or _");

/** Policy ids: lower-case slug; a policy is named by id + version. */
export const PolicyId = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, "lower-case letters, digits and -");

export const FactorValue = z.object({ value: Decimal, description: Text });
export const Factor = z.object({ key: Key, name: Text, values: z.array(FactorValue).min(1).max(20) });
export type Factor = z.infer<typeof Factor>;

/** A band; in a `product` policy every band but the lowest has its lower threshold `min`. */
export const Band = z.object({ key: Key, name: Text, min: Decimal.nullable().optional() });
export type Band = z.infer<typeof Band>;

/**
 * How a score equal to a threshold is graded (R4). The printed LEC table ("> 320 | 160–320 | 70–160
 * | 20–70 | < 20") settles only its outer bounds; the conventions settle the shared inner ones:
 * - `literalUp` (default): the top bound is strict (> 320), every other threshold belongs to the band above;
 * - `lowerInclusive`: every threshold belongs to the band above (≥ 320 | ≥ 160 | ≥ 70 | ≥ 20);
 * - `upperInclusive`: every threshold belongs to the band below, except the lowest, which the
 *   printed "< 20" gives to the band above: > 320 | (160, 320] | (70, 160] | [20, 70] | < 20.
 */
export const boundaryConventions = ["literalUp", "lowerInclusive", "upperInclusive"] as const;
export const BoundaryConvention = z.enum(boundaryConventions);
export type BoundaryConvention = z.infer<typeof BoundaryConvention>;

/** Band → level (R5, e.g. `lec-5to4`). */
export const LevelMapping = z.object({ id: PolicyId, levels: z.record(z.string(), RiskLevel) });

const Hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, "#rrggbb");
export const PolicyColours = z.object({ major: Hex, significant: Hex, general: Hex, low: Hex });

const common = {
  id: PolicyId,
  name: Text,
  /** LEC, LS, MES…: what the method is called (free text). */
  method: z.string().trim().min(1).max(20),
  bands: z.array(Band).min(2).max(8),
  levelMapping: LevelMapping,
  colours: PolicyColours.default(defaultColourHex),
  /** R8 direct-judgment overrides apply (configurable, default on). */
  directJudgment: z.boolean().default(true),
  effectiveFrom: CalendarDate,
  /** Where the tables come from (citation). */
  source: z.string().trim().min(1).max(500),
};
const productShape = { ...common, kind: z.literal("product"), convention: BoundaryConvention, factors: z.array(Factor).min(1).max(4) };
const matrixShape = {
  ...common,
  kind: z.literal("matrix"),
  /** Rows are the first factor's values, columns the second's, in table order. */
  factors: z.array(Factor).length(2),
  cells: z.array(z.array(Key).min(1).max(20)).min(1).max(20),
};

type Draft = z.infer<z.ZodObject<typeof productShape>> | z.infer<z.ZodObject<typeof matrixShape>>;

function checkPolicy(p: Draft, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const factorKeys = new Set<string>();
  p.factors.forEach((f, i) => {
    if (factorKeys.has(f.key)) issue(["factors", i, "key"], "risk.policy.duplicate_key");
    factorKeys.add(f.key);
    const seen = new Set<number>();
    f.values.forEach((v, j) => {
      if (seen.has(v.value)) issue(["factors", i, "values", j, "value"], "risk.policy.duplicate_value");
      seen.add(v.value);
    });
  });
  const bandKeys = new Set<string>();
  p.bands.forEach((b, i) => {
    if (bandKeys.has(b.key)) issue(["bands", i, "key"], "risk.policy.duplicate_key");
    bandKeys.add(b.key);
  });
  if (p.kind === "product") {
    p.bands.forEach((b, i) => {
      const last = i === p.bands.length - 1;
      if (last && b.min != null) issue(["bands", i, "min"], "risk.policy.lowest_band_min");
      if (!last && b.min == null) issue(["bands", i, "min"], "risk.policy.band_min_missing");
      const above = p.bands[i - 1]?.min;
      if (!last && b.min != null && above != null && b.min >= above) issue(["bands", i, "min"], "risk.policy.band_order");
    });
  } else {
    p.bands.forEach((b, i) => {
      if (b.min != null) issue(["bands", i, "min"], "risk.policy.matrix_band_min");
    });
    const [rows, cols] = p.factors;
    if (p.cells.length !== rows?.values.length) issue(["cells"], "risk.policy.matrix_shape");
    p.cells.forEach((row, i) => {
      if (row.length !== cols?.values.length) issue(["cells", i], "risk.policy.matrix_shape");
      row.forEach((key, j) => {
        if (!bandKeys.has(key)) issue(["cells", i, j], "risk.policy.unknown_band");
      });
    });
  }
  for (const key of bandKeys) if (!(key in p.levelMapping.levels)) issue(["levelMapping", "levels", key], "risk.policy.level_missing");
  for (const key of Object.keys(p.levelMapping.levels))
    if (!bandKeys.has(key)) issue(["levelMapping", "levels", key], "risk.policy.unknown_band");
}

const Version = z.number().int().min(1);

/** A stored (or built-in) policy: immutable once it exists; a change is a new version. */
export const RiskPolicy = z
  .discriminatedUnion("kind", [z.object({ ...productShape, version: Version }), z.object({ ...matrixShape, version: Version })])
  .superRefine(checkPolicy);
export type RiskPolicy = z.infer<typeof RiskPolicy>;
export type ProductPolicy = Extract<RiskPolicy, { kind: "product" }>;

/**
 * Adding a policy (or a new version of one): the server assigns the version. `previousVersion` is
 * the latest version the author saw (absent for a new id), so two concurrent changes cannot both win.
 * `enterpriseId` makes it one enterprise's policy (an enterprise administrator's is always its own).
 */
const createExtra = { previousVersion: Version.optional(), enterpriseId: z.string().uuid().nullable().optional() };
export const RiskPolicyCreate = z
  .discriminatedUnion("kind", [z.object({ ...productShape, ...createExtra }), z.object({ ...matrixShape, ...createExtra })])
  .superRefine(checkPolicy);
export type RiskPolicyCreate = z.infer<typeof RiskPolicyCreate>;

// ── exact arithmetic ─────────────────────────────────────────────────────────────────────────────

/** `v` as an integer count of 10⁻⁶ (v has at most 6 places, so this is exact: 0.1 → 100000n). */
export function toUnits(v: number): bigint {
  return BigInt(v.toFixed(decimalPlaces).replace(".", ""));
}

/** The decimal text of `units / 10^places`, without trailing zeros (50000n, 12 → "0.00000005"). */
export function formatUnits(units: bigint, places: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** A product of decimals kept exact: `units` counts 10^-places (0.1 × 0.5 × 1 = 50000000000000n at 18 places). */
type Exact = { units: bigint; places: number };

function product(values: number[]): Exact {
  return { units: values.reduce((acc, v) => acc * toUnits(v), 1n), places: decimalPlaces * values.length };
}

/** Compares an exact score with a threshold of at most 6 places: -1, 0 or 1. */
function compare(score: Exact, threshold: number): number {
  const t = toUnits(threshold) * 10n ** BigInt(score.places - decimalPlaces);
  return score.units < t ? -1 : score.units > t ? 1 : 0;
}

/** Whether a score equal to threshold `i` (0 = the top one) of `count` belongs to the band above (R4). */
function thresholdGoesUp(convention: BoundaryConvention, i: number, count: number): boolean {
  switch (convention) {
    case "lowerInclusive":
      return true;
    case "literalUp":
      return i !== 0;
    case "upperInclusive":
      return i === count - 1 && i !== 0;
  }
}

function productBand(policy: ProductPolicy, score: Exact): Band {
  const thresholds = policy.bands.length - 1;
  for (let i = 0; i < thresholds; i++) {
    const band = policy.bands[i] as Band;
    const c = compare(score, band.min as number);
    if (c > 0 || (c === 0 && thresholdGoesUp(policy.convention, i, thresholds))) return band;
  }
  return policy.bands[thresholds] as Band;
}

/** The band of a raw score under a `product` policy (e.g. D = 320 with no factor values behind it). */
export function bandOfScore(policy: ProductPolicy, score: number): Band {
  return productBand(policy, { units: toUnits(score), places: decimalPlaces });
}

// ── assessing ───────────────────────────────────────────────────────────────────────────────────

export type AssessResult = {
  policyId: string;
  policyVersion: number;
  method: string;
  /** The factor values used, by key. */
  factors: Record<string, number>;
  score: number;
  /** The exact score as decimal text ("0.05"). */
  scoreText: string;
  band: string;
  bandName: { zh: string; en: string };
  level: RiskLevel;
  colour: RiskColour;
  colourHex: string;
};

/** Why factors were refused: `path` is the request field, `code` a message code, `params` fill it. */
export type AssessIssue = { path: string; code: string; params: Record<string, string | number> };

/**
 * Grades `factors` under `policy`. Only values the policy's factor tables define are accepted (R3:
 * "any other value is rejected unless the policy defines it"); every factor is required.
 */
export function assess(
  policy: RiskPolicy,
  factors: Record<string, unknown>,
): { ok: true; result: AssessResult } | { ok: false; issues: AssessIssue[] } {
  const issues: AssessIssue[] = [];
  const chosen: Record<string, number> = {};
  const indexes: number[] = [];
  for (const f of policy.factors) {
    const v = factors[f.key];
    const allowed = f.values.map((x) => x.value).join(", ");
    const i = typeof v === "number" ? f.values.findIndex((x) => x.value === v) : -1;
    if (v === undefined) issues.push({ path: `factors.${f.key}`, code: "risk.factor_missing", params: { factor: f.key, allowed } });
    else if (i < 0)
      issues.push({ path: `factors.${f.key}`, code: "risk.factor_value", params: { factor: f.key, value: String(v), allowed } });
    else {
      chosen[f.key] = v as number;
      indexes.push(i);
    }
  }
  const known = new Set(policy.factors.map((f) => f.key));
  for (const key of Object.keys(factors))
    if (!known.has(key)) issues.push({ path: `factors.${key}`, code: "risk.factor_unknown", params: { factor: key } });
  if (issues.length) return { ok: false, issues };

  const score = product(Object.values(chosen));
  const band =
    policy.kind === "product"
      ? productBand(policy, score)
      : (policy.bands.find((b) => b.key === policy.cells[indexes[0] as number]?.[indexes[1] as number]) as Band);
  const level = policy.levelMapping.levels[band.key] as RiskLevel;
  const scoreText = formatUnits(score.units, score.places);
  return {
    ok: true,
    result: {
      policyId: policy.id,
      policyVersion: policy.version,
      method: policy.method,
      factors: chosen,
      score: Number(scoreText),
      scoreText,
      band: band.key,
      bandName: band.name,
      level,
      colour: riskColours[level],
      colourHex: policy.colours[level],
    },
  };
}
