/**
 * Exact rationals on BigInt, for GB 18218 sums (R5): quantities are decimals and Q divides them, so
 * S = Σ q/Q is a fraction that floats would round (0.7 + 0.2 + 0.1 = 0.9999999999999999 < 1).
 * Always reduced, denominator positive.
 */
export type Rational = { readonly n: bigint; readonly d: bigint };

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

function make(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new RangeError("division by zero");
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

export const zero: Rational = { n: 0n, d: 1n };
export const one: Rational = { n: 1n, d: 1n };
export const int = (v: number | bigint): Rational => make(BigInt(v), 1n);

/** A decimal written in plain or exponent notation ("0.75", "12", "1e-7") as an exact rational. */
export function decimal(text: string): Rational {
  const m = /^(-)?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const [, minus, whole = "0", frac = "", exp = "0"] = m;
  let n = BigInt(whole + frac) * (minus ? -1n : 1n);
  let d = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e >= 0) n *= 10n ** BigInt(e);
  else d *= 10n ** BigInt(-e);
  return make(n, d);
}

/** A JavaScript number taken at its shortest decimal form (0.1 → 1/10, not the binary double). */
export const fromNumber = (v: number): Rational => {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  return decimal(String(v));
};

export const add = (a: Rational, b: Rational): Rational => make(a.n * b.d + b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => make(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational): Rational => make(a.n * b.d, a.d * b.n);
export const sum = (xs: readonly Rational[]): Rational => xs.reduce(add, zero);

/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const x = a.n * b.d;
  const y = b.n * a.d;
  return x < y ? -1 : x > y ? 1 : 0;
}
export const gte = (a: Rational, b: Rational) => compare(a, b) >= 0;
export const max = (a: Rational, b: Rational) => (compare(a, b) >= 0 ? a : b);

/**
 * The value cut (not rounded) to `places` decimals. Cutting keeps every threshold comparison true for
 * the shown figure: with a threshold of at most `places` decimals, shown ≥ threshold ⇔ exact ≥ threshold
 * (an exact 9.9999996 shows 9.999999, never 10).
 */
export function floorTo(r: Rational, places = 6): number {
  const scale = 10n ** BigInt(places);
  let q = (r.n * scale) / r.d; // BigInt division truncates toward zero
  if (r.n < 0n && (r.n * scale) % r.d !== 0n) q -= 1n;
  return Number(q) / Number(scale);
}

/** Exact text: an integer, or "n/d". */
export const toText = (r: Rational): string => (r.d === 1n ? String(r.n) : `${r.n}/${r.d}`);
