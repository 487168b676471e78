/**
 * `redline/draw/v1` — the reproducible 双随机 draw of double-random.md R8: canonical lists and their digests, the
 * seed, a SHA-256 counter-mode stream per label, rejection sampling, partial Fisher–Yates, teams with recusals
 * (回避, R4) and cross-county mode (R6), and the replacement after a post-draw recusal. Pure and isomorphic: the
 * public page re-runs it in the browser (R8.8), so the hash is a parameter (default: the SHA-256 below; the
 * server may pass node:crypto's).
 */

export const drawAlgorithm = "redline/draw/v1";
/** The stratum of plain objects (R5). A plan whose only stratum is this one is not stratified: label `objects`. */
export const plainStratum = "plain";
/** Administrative penalties need at least two officers (行政处罚法 Art. 42, R3). */
export const defaultTeamSize = 2;

export type HashFn = (data: Uint8Array) => Uint8Array;

export type DrawErrorCode =
  | "k_invalid" // k is not a whole number ≥ 1
  | "k_exceeds_n" // R8.6: k > n is an error
  | "stratum_unknown" // an object in a stratum without a k
  | "id_conflict" // one ID twice with different attributes
  | "pool_too_small" // R8.7 / boundary case: fewer officers left than teamSize
  | "not_on_team" // a post-draw recusal of an officer who is not on that object's team
  | "pool_exhausted"; // no officer left to replace a post-draw recusal

export class DrawError extends Error {
  constructor(
    readonly code: DrawErrorCode,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(detail)}`);
    this.name = "DrawError";
  }
}

// ── R8.1 canonical lists ─────────────────────────────────────────────────────────────────────────────────

const encoder = new TextEncoder();

/** Trimmed, ASCII letters upper-cased (only ASCII: R8.1 folds nothing else). */
export function canonicalId(raw: string): string {
  return isCanonicalAscii(raw) ? raw : canonicalSlow(raw);
}

/** Printable ASCII without a–z and without surrounding spaces: already canonical (nearly every USCC and 执法证号). */
function isCanonicalAscii(raw: string): boolean {
  const n = raw.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 33 || c > 126 || (c >= 97 && c <= 122)) return false;
  }
  return true;
}

function canonicalSlow(raw: string): string {
  const t = raw.trim();
  if (!/[a-z]/.test(t)) return t;
  // All ASCII: the engine's upper-casing is the same and much faster; otherwise fold only a–z.
  return /[\u0080-\uffff]/.test(t) ? t.replace(/[a-z]+/g, upper) : t.toUpperCase();
}

const upper = (x: string) => x.toUpperCase();

/**
 * Order by UTF-8 bytes, which is Unicode code point order. JavaScript compares UTF-16 code units, which agrees
 * except where a surrogate (U+D800–DFFF, i.e. a code point ≥ U+10000) meets U+E000–FFFF; fix that case up.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x >= 0xe000 ? -0x800 : 0x2000;
      y += y >= 0xe000 ? -0x800 : 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** R8.1: trim, upper-case ASCII, drop empty IDs and duplicates, sort ascending by UTF-8 bytes. */
export function canonicalList(ids: Iterable<string>): string[] {
  return sortUnique(Array.from(ids, canonicalId));
}

/** Sorts canonical IDs in place by UTF-8 bytes and drops empty ones and duplicates. */
function sortUnique(list: string[]): string[] {
  // Without a code unit ≥ U+D800 the engine's own sort is already UTF-8 order, and several times faster.
  let plain = true;
  for (const id of list) if (!isCanonicalAscii(id) && /[\ud800-\uffff]/.test(id)) plain = false;
  if (plain) list.sort();
  else list.sort(compareUtf8);
  let w = 0;
  for (let r = 0; r < list.length; r++) {
    const id = list[r] as string;
    if (id !== "" && (w === 0 || id !== list[w - 1])) list[w++] = id;
  }
  list.length = w;
  return list;
}

/** R8.1: lowercase hex SHA-256 of each ID followed by `\n` (the list must already be canonical). */
export function listDigest(canonical: readonly string[], hash: HashFn = sha256): string {
  // ASCII IDs (USCC, 执法证号) are written byte for byte: no 2 MB joined string to build and encode for 100,000.
  let size = 0;
  for (const id of canonical) size += id.length + 1;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const id of canonical) {
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      if (c > 127) return toHex(hash(encoder.encode(`${canonical.join("\n")}\n`)));
      bytes[at++] = c;
    }
    bytes[at++] = 10;
  }
  return toHex(hash(bytes));
}

// ── R8.3 seed ────────────────────────────────────────────────────────────────────────────────────────────

export type SeedInputs = { planId: string; beaconValue: string; objectsDigest: string; inspectorsDigest: string };

export function seedText(s: SeedInputs): string {
  return `${drawAlgorithm}\nplan=${s.planId}\nbeacon=${s.beaconValue}\nobjects=${s.objectsDigest}\ninspectors=${s.inspectorsDigest}\n`;
}

/** seed = SHA-256(UTF-8(seedText)), 32 bytes. */
export function seedOf(text: string, hash: HashFn = sha256): Uint8Array {
  return hash(encoder.encode(text));
}

// ── R8.4–5 stream and uniform integers ───────────────────────────────────────────────────────────────────

const two64 = 1n << 64n;

/** A step of a stream, for showing the working (the worked example's words → values). */
export type StreamStep = { word: string; n: number; value: number | null };

/**
 * R8.4: block_c = SHA-256(seed ‖ UTF-8(label) ‖ 0x00 ‖ uint64_be(c)), c = 0, 1, 2…, read 8 bytes at a time as
 * big-endian unsigned 64-bit words.
 */
export class DrawStream {
  private readonly input: Uint8Array;
  private readonly counterAt: number;
  private counter = 0;
  private block: Uint8Array | null = null;
  private offset = 32;

  constructor(
    seed: Uint8Array,
    readonly label: string,
    private readonly hash: HashFn = sha256,
    private readonly onStep?: (step: StreamStep) => void,
  ) {
    const l = encoder.encode(label);
    this.input = new Uint8Array(seed.length + l.length + 1 + 8);
    this.input.set(seed, 0);
    this.input.set(l, seed.length);
    this.counterAt = seed.length + l.length + 1; // the 0x00 separator is already zero
  }

  /** The next word as its high and low 32 bits (plain numbers: no BigInt on the hot path). */
  private nextHalves(): [number, number] {
    if (this.offset >= 32) {
      const c = this.counter++;
      const at = this.counterAt;
      const hi = Math.floor(c / 0x100000000);
      const input = this.input;
      input[at] = hi >>> 24;
      input[at + 1] = hi >>> 16;
      input[at + 2] = hi >>> 8;
      input[at + 3] = hi;
      input[at + 4] = c >>> 24;
      input[at + 5] = c >>> 16;
      input[at + 6] = c >>> 8;
      input[at + 7] = c;
      this.block = this.hash(input);
      this.offset = 0;
    }
    const b = this.block as Uint8Array;
    const o = this.offset;
    this.offset += 8;
    return [
      ((b[o] as number) * 0x1000000 + (((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number))) >>> 0,
      ((b[o + 4] as number) * 0x1000000 + (((b[o + 5] as number) << 16) | ((b[o + 6] as number) << 8) | (b[o + 7] as number))) >>> 0,
    ];
  }

  nextWord(): bigint {
    const [hi, lo] = this.nextHalves();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** R8.5: lim = ⌊2^64 / n⌋ × n; the next word w < lim gives w mod n, a larger one is discarded. */
  below(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`below(${n})`);
    if (n > smallN || this.onStep) return this.belowBig(n);
    // n ≤ 2^21: every product below stays under 2^53, so doubles are exact. r = 2^64 mod n; the rejected words are
    // the top r ones, 2^64 − r … 2^64 − 1 (high half all ones, low half ≥ 2^32 − r).
    const m = 0x100000000 % n;
    const r = (m * m) % n;
    for (;;) {
      const [hi, lo] = this.nextHalves();
      if (r > 0 && hi === 0xffffffff && lo >= 0x100000000 - r) continue;
      return ((hi % n) * 0x100000000 + lo) % n;
    }
  }

  /** The same with BigInt, for any n, reporting each word (the worked example's working). */
  private belowBig(n: number): number {
    const bn = BigInt(n);
    const lim = (two64 / bn) * bn;
    for (;;) {
      const w = this.nextWord();
      const value = w < lim ? Number(w % bn) : null;
      this.onStep?.({ word: w.toString(16).padStart(16, "0"), n, value });
      if (value !== null) return value;
    }
  }
}

/** Up to 2^21 the fast path of `below` is exact in floating point. */
const smallN = 0x200000;

// ── R8.6 partial Fisher–Yates ────────────────────────────────────────────────────────────────────────────

/**
 * a = list; for i = 0, 1, 2…: j = i + below(n − i), swap a[i], a[j], yield a[i]. Swaps are kept in a sparse map so
 * a 100,000-entry list is neither copied nor changed. `next()` can go on past k (the replacement rule, R8.7).
 */
export class FisherYates<T> {
  private readonly moved = new Map<number, T>();
  private i = 0;
  readonly swaps: [number, number][] = [];

  constructor(
    private readonly list: readonly T[],
    private readonly stream: DrawStream,
  ) {}

  get remaining(): number {
    return this.list.length - this.i;
  }

  next(): T {
    const n = this.list.length;
    const i = this.i;
    if (i >= n) throw new RangeError("Fisher–Yates exhausted");
    const j = i + this.stream.below(n - i);
    const ai = this.at(i);
    const aj = this.at(j);
    this.moved.set(j, ai);
    this.moved.set(i, aj);
    this.swaps.push([i, j]);
    this.i++;
    return aj;
  }

  private at(x: number): T {
    const moved = this.moved.get(x);
    return moved === undefined ? (this.list[x] as T) : moved;
  }
}

/** R8.6: k of n in draw order. k > n is an error; k = n returns a permutation of all. */
export function sample<T>(list: readonly T[], k: number, stream: DrawStream): { items: T[]; swaps: [number, number][] } {
  assertK(k, list.length, {});
  const fy = new FisherYates(list, stream);
  const items: T[] = [];
  for (let i = 0; i < k; i++) items.push(fy.next());
  return { items, swaps: fy.swaps };
}

function assertK(k: number, n: number, detail: Record<string, string | number>): void {
  if (!Number.isSafeInteger(k) || k < 1) throw new DrawError("k_invalid", { ...detail, k });
  if (k > n) throw new DrawError("k_exceeds_n", { ...detail, k, n });
}

// ── R5 proportion ────────────────────────────────────────────────────────────────────────────────────────

/**
 * k = ceil(rate × n), minimum 1 (R5). The product is rounded to 12 significant digits first so binary fractions
 * do not add one (0.07 × 100 is 7.000000000000001 in floating point, and must give 7).
 */
export function sampleSize(rate: number, n: number): number {
  if (!(rate > 0 && rate <= 1)) throw new RangeError(`rate ${rate}`);
  return Math.max(1, Math.ceil(Number((rate * n).toPrecision(12))));
}

// ── R8.7 the whole draw ──────────────────────────────────────────────────────────────────────────────────

/** An inspection object: USCC, its stratum (default plain) and county (first 6 digits of its region, for crossRegion). */
export type DrawObjectInput = { uscc: string; stratum?: string; county?: string | null };
/** An officer: 执法证号 and home county (null for an officer above county level: never excluded by crossRegion). */
export type DrawInspectorInput = { certNo: string; county?: string | null };
/** 回避: officer × object. */
export type RecusalInput = { certNo: string; uscc: string };

export type DrawInput = {
  planId: string;
  beaconValue: string;
  objects: readonly DrawObjectInput[];
  inspectors: readonly DrawInspectorInput[];
  /** k per stratum (R8.2, published at commit). */
  strata: Readonly<Record<string, number>>;
  teamSize?: number;
  /** Seed 001: no officer of the object's own county on its team. */
  crossRegion?: boolean;
  /** Recusals declared before the draw. */
  recusals?: readonly RecusalInput[];
  /** Recusals after the draw, in the order they happened; each is replaced by the next pick of that team's stream. */
  postDrawRecusals?: readonly RecusalInput[];
};

export type DrawnObject = { uscc: string; stratum: string; team: string[] };
export type Replacement = { uscc: string; out: string; in: string };

export type DrawOutcome = {
  algorithm: typeof drawAlgorithm;
  objectsDigest: string;
  inspectorsDigest: string;
  seedText: string;
  seed: string;
  /** Per stratum in UTF-8 order of its name: label, n, k and the swaps (i → j). */
  strata: { stratum: string; label: string; n: number; k: number; swaps: [number, number][] }[];
  /** Drawn objects in draw order (strata in order), each with its team in draw order. */
  objects: DrawnObject[];
  replacements: Replacement[];
};

/** The canonical lists and their digests — the commitment (R8.1–2); prepare needs only this. */
export function commitLists(input: Pick<DrawInput, "objects" | "inspectors">, hash: HashFn = sha256) {
  const objectIds = canonicalList(input.objects.map((o) => o.uscc));
  const inspectorIds = canonicalList(input.inspectors.map((i) => i.certNo));
  return {
    objectIds,
    inspectorIds,
    objectsDigest: listDigest(objectIds, hash),
    inspectorsDigest: listDigest(inspectorIds, hash),
  };
}

/** The label of a stratum's object draw: `objects` unless the plan has strata other than plain (R8.7). */
export function objectsLabel(stratum: string, strata: Readonly<Record<string, number>>): string {
  const names = Object.keys(strata);
  return names.length === 1 && names[0] === plainStratum ? "objects" : `objects/${stratum}`;
}

type Prepared = ReturnType<typeof prepareDraw>;

/**
 * Canonical lists, digests, strata, recusals and counties. Built for 100,000 objects in a few milliseconds: the
 * per-object maps (stratum, county) are only built when they are needed — several strata, duplicates to check,
 * or the counties of the drawn objects only.
 */
function prepareDraw(input: Omit<DrawInput, "planId" | "beaconValue">, hash: HashFn) {
  const objectRows = input.objects.map((o) => canonicalId(o.uscc)); // aligned with input.objects
  const objectIds = sortUnique([...objectRows]);
  const inspectorRows = input.inspectors.map((i) => canonicalId(i.certNo));
  const inspectorIds = sortUnique([...inspectorRows]);
  let nonEmpty = 0;
  for (const id of objectRows) if (id !== "") nonEmpty++;

  // The same ID twice must say the same thing (stratum, county).
  const objectAttrs = (r: number) => `${input.objects[r]?.stratum ?? plainStratum}\u0000${input.objects[r]?.county ?? ""}`;
  if (objectIds.length < nonEmpty) conflicts(objectRows, objectAttrs, "objects");
  if (inspectorIds.length < inspectorRows.filter((id) => id !== "").length) {
    conflicts(inspectorRows, (r) => input.inspectors[r]?.county ?? "", "inspectors");
  }

  const names = Object.keys(input.strata);
  const byStratum = new Map<string, string[]>();
  if (names.length === 1) {
    const only = names[0] as string;
    for (let r = 0; r < objectRows.length; r++) {
      const stratum = input.objects[r]?.stratum ?? plainStratum;
      if (stratum !== only && objectRows[r] !== "") throw new DrawError("stratum_unknown", { uscc: objectRows[r] as string, stratum });
    }
    byStratum.set(only, objectIds);
  } else {
    const stratumOf = new Map<string, string>();
    input.objects.forEach((o, r) => {
      stratumOf.set(objectRows[r] as string, o.stratum ?? plainStratum);
    });
    for (const id of objectIds) {
      const stratum = stratumOf.get(id) as string;
      if (!(stratum in input.strata)) throw new DrawError("stratum_unknown", { uscc: id, stratum });
      const list = byStratum.get(stratum) ?? [];
      byStratum.set(stratum, list);
      list.push(id); // still in canonical order
    }
  }

  /** Counties of the given objects (only these, not all 100,000). */
  const countiesOf = (wanted: Set<string>) => {
    const out = new Map<string, string>();
    objectRows.forEach((id, r) => {
      const county = input.objects[r]?.county;
      if (county && wanted.has(id)) out.set(id, county);
    });
    return out;
  };

  const inspectorCounty = new Map<string, string>();
  inspectorRows.forEach((id, r) => {
    if (id !== "") inspectorCounty.set(id, input.inspectors[r]?.county ?? "");
  });
  /** crossRegion: the inspector list without one county's officers, built once per county. */
  const outsideCounty = new Map<string, string[]>();
  const poolOutside = (county: string) => {
    let pool = outsideCounty.get(county);
    if (!pool) {
      pool = inspectorIds.filter((c) => inspectorCounty.get(c) !== county);
      outsideCounty.set(county, pool);
    }
    return pool;
  };

  const recused = new Map<string, Set<string>>();
  for (const r of input.recusals ?? []) {
    const u = canonicalId(r.uscc);
    const set = recused.get(u) ?? new Set<string>();
    recused.set(u, set);
    set.add(canonicalId(r.certNo));
  }

  return {
    objectIds,
    inspectorIds,
    objectsDigest: listDigest(objectIds, hash),
    inspectorsDigest: listDigest(inspectorIds, hash),
    byStratum,
    countiesOf,
    poolOutside,
    recused,
    teamSize: input.teamSize ?? defaultTeamSize,
    crossRegion: !!input.crossRegion,
  };
}

/** Throws id_conflict when one canonical ID appears twice with different attributes. */
function conflicts(ids: string[], attrs: (row: number) => string, list: string) {
  const seen = new Map<string, string>();
  ids.forEach((id, r) => {
    if (id === "") return;
    const a = attrs(r);
    const had = seen.get(id);
    if (had !== undefined && had !== a) throw new DrawError("id_conflict", { list, id });
    seen.set(id, a);
  });
}

/** R8.7: the team pool for object X — canonical inspectors minus recusals for X, minus X's county when crossRegion. */
function poolFor(p: Prepared, uscc: string, county: string | undefined): readonly string[] {
  const base = p.crossRegion && county ? p.poolOutside(county) : p.inspectorIds;
  const rec = p.recused.get(uscc);
  return rec ? base.filter((c) => !rec.has(c)) : base;
}

/**
 * What would stop a draw before the beacon is known (prepare refuses these): a k that is not 1…n for its stratum,
 * and objects whose pool is smaller than teamSize (the plan must add officers). Objects are listed up to `limit`.
 */
export function drawProblems(input: Omit<DrawInput, "beaconValue" | "planId">, hash: HashFn = sha256, limit = 20): DrawError[] {
  const p = prepareDraw(input, hash);
  const problems: DrawError[] = [];
  for (const [stratum, k] of Object.entries(input.strata)) {
    try {
      assertK(k, p.byStratum.get(stratum)?.length ?? 0, { stratum });
    } catch (e) {
      problems.push(e as DrawError);
    }
  }
  if (!Number.isSafeInteger(p.teamSize) || p.teamSize < 1) problems.push(new DrawError("k_invalid", { teamSize: p.teamSize }));
  // Only objects with a recusal, or every object in crossRegion mode, can have a pool below the whole list.
  const counties = p.crossRegion ? p.countiesOf(new Set(p.objectIds)) : new Map<string, string>();
  const candidates = p.crossRegion ? p.objectIds : p.objectIds.filter((id) => p.recused.has(id));
  if (!p.crossRegion && p.inspectorIds.length < p.teamSize && p.objectIds.length > 0) candidates.unshift(p.objectIds[0] as string);
  for (const uscc of candidates) {
    if (problems.length >= limit) break;
    const size = poolFor(p, uscc, counties.get(uscc)).length;
    if (size < p.teamSize) problems.push(new DrawError("pool_too_small", { uscc, pool: size, teamSize: p.teamSize }));
  }
  return problems;
}

/** Runs `redline/draw/v1` end to end (R8.1–7). Same input → same outcome, on any machine. */
export function runDraw(input: DrawInput, hash: HashFn = sha256): DrawOutcome {
  const p = prepareDraw(input, hash);
  const text = seedText({
    planId: input.planId,
    beaconValue: input.beaconValue,
    objectsDigest: p.objectsDigest,
    inspectorsDigest: p.inspectorsDigest,
  });
  const seed = seedOf(text, hash);

  const strata: DrawOutcome["strata"] = [];
  const objects: DrawnObject[] = [];
  for (const stratum of Object.keys(input.strata).sort(compareUtf8)) {
    const list = p.byStratum.get(stratum) ?? [];
    const k = input.strata[stratum] as number;
    assertK(k, list.length, { stratum });
    const label = objectsLabel(stratum, input.strata);
    const drawn = sample(list, k, new DrawStream(seed, label, hash));
    strata.push({ stratum, label, n: list.length, k, swaps: drawn.swaps });
    for (const uscc of drawn.items) objects.push({ uscc, stratum, team: [] });
  }

  const counties = p.crossRegion ? p.countiesOf(new Set(objects.map((o) => o.uscc))) : undefined;
  const samplers = new Map<string, FisherYates<string>>();
  for (const o of objects) {
    const pool = poolFor(p, o.uscc, counties?.get(o.uscc));
    if (pool.length < p.teamSize) throw new DrawError("pool_too_small", { uscc: o.uscc, pool: pool.length, teamSize: p.teamSize });
    const fy = new FisherYates(pool, new DrawStream(seed, `inspectors/${o.uscc}`, hash));
    for (let i = 0; i < p.teamSize; i++) o.team.push(fy.next());
    samplers.set(o.uscc, fy);
  }

  // R8.7: a recusal after the draw continues the same Fisher–Yates (i = k, k+1…); the next pick replaces the officer.
  const replacements: Replacement[] = [];
  const byUscc = new Map(objects.map((o) => [o.uscc, o]));
  for (const r of input.postDrawRecusals ?? []) {
    const uscc = canonicalId(r.uscc);
    const out = canonicalId(r.certNo);
    const o = byUscc.get(uscc);
    const at = o ? o.team.indexOf(out) : -1;
    if (!o || at < 0) throw new DrawError("not_on_team", { uscc, certNo: out });
    const fy = samplers.get(uscc) as FisherYates<string>;
    if (fy.remaining === 0) throw new DrawError("pool_exhausted", { uscc });
    const next = fy.next();
    o.team.splice(at, 1);
    o.team.push(next);
    replacements.push({ uscc, out, in: next });
  }

  return {
    algorithm: drawAlgorithm,
    objectsDigest: p.objectsDigest,
    inspectorsDigest: p.inspectorsDigest,
    seedText: text,
    seed: toHex(seed),
    strata,
    objects,
    replacements,
  };
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

// ── SHA-256 (FIPS 180-4) ─────────────────────────────────────────────────────────────────────────────────
// Synchronous and dependency-free, for the browser: node:crypto does not exist there and WebCrypto is asynchronous.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The 32-byte SHA-256 digest of `data`. */
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
// Working buffers reused across calls (JavaScript runs one call at a time): the draw hashes thousands of short inputs.
const H = new Uint32Array(8);
const W = new Uint32Array(64);
const TAIL = new Uint8Array(128);

export function sha256(data: Uint8Array): Uint8Array {
  H.set(IV);
  const len = data.length;
  // Whole blocks straight from the input; the tail (with 0x80 and the bit length) from the padded buffer.
  const whole = len - (len % 64);
  const tailLen = len % 64 < 56 ? 64 : 128;
  TAIL.fill(0);
  TAIL.set(data.subarray(whole));
  TAIL[len - whole] = 0x80;
  const bits = len * 8;
  const hiBits = Math.floor(bits / 0x100000000);
  for (let i = 0; i < 4; i++) {
    TAIL[tailLen - 8 + i] = hiBits >>> (24 - 8 * i);
    TAIL[tailLen - 4 + i] = bits >>> (24 - 8 * i);
  }
  for (let off = 0; off < whole; off += 64) compress(H, W, data, off);
  for (let off = 0; off < tailLen; off += 64) compress(H, W, TAIL, off);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const x = H[i] as number;
    out[i * 4] = x >>> 24;
    out[i * 4 + 1] = x >>> 16;
    out[i * 4 + 2] = x >>> 8;
    out[i * 4 + 3] = x;
  }
  return out;
}

function compress(h: Uint32Array, w: Uint32Array, b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const j = off + i * 4;
    w[i] = ((b[j] as number) << 24) | ((b[j + 1] as number) << 16) | ((b[j + 2] as number) << 8) | (b[j + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15] as number;
    const y = w[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = h[0] as number;
  let bb = h[1] as number;
  let c = h[2] as number;
  let d = h[3] as number;
  let e = h[4] as number;
  let f = h[5] as number;
  let g = h[6] as number;
  let hh = h[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & bb) ^ (a & c) ^ (bb & c);
    const t2 = (S0 + maj) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = bb;
    bb = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0] as number) + a;
  h[1] = (h[1] as number) + bb;
  h[2] = (h[2] as number) + c;
  h[3] = (h[3] as number) + d;
  h[4] = (h[4] as number) + e;
  h[5] = (h[5] as number) + f;
  h[6] = (h[6] as number) + g;
  h[7] = (h[7] as number) + hh;
}
