import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import {
  canonicalList,
  commitLists,
  compareUtf8,
  DrawError,
  type DrawInput,
  DrawStream,
  drawProblems,
  FisherYates,
  listDigest,
  plainStratum,
  runDraw,
  type StreamStep,
  sample,
  sampleSize,
  seedOf,
  seedText,
  sha256,
  toHex,
} from "./draw.js";

// double-random.md, worked example (computed with Node 20 crypto, cross-checked in Python).
const planId = "CZ-320402-2026-DR-001";
const beaconValue = "EXAMPLE-BEACON-20261120";
const enterprises = [
  "91320402MA0DR00145",
  "91320402MA0DR00220",
  "91320402MA0DR0030T",
  "91320402MA0DR0049P",
  "91320402MA0DR0057J",
  "91320402MA0DR0065D",
  "91320402MA0DR00738",
  "91320402MA0DR00813",
  "91320402MA0DR009XT",
  "91320402MA0DR0102K",
];
const officers = ["JF320400001", "JF320400002", "JF320400003", "JF320400004", "JF320400005"];
const example: DrawInput = {
  planId,
  beaconValue,
  objects: enterprises.map((uscc) => ({ uscc })),
  inspectors: officers.map((certNo) => ({ certNo })),
  strata: { [plainStratum]: 3 },
  teamSize: 2,
  recusals: [{ certNo: "JF320400003", uscc: "91320402MA0DR0102K" }],
};
const objectsDigest = "091366345034b735fcf31fd11bce67660377d96ca048fbbff1bc37ad89ce5e47";
const inspectorsDigest = "a704335fd68cc0c29dceca541d8a01a8d1ee7e752fe81ae944608a352ce15b53";
const seedHex = "4afb5fb6da599cb87d970a47f465d9edb02ba11f0e6209164a0ba3ccb6a7d1e8";
const seed = () => Uint8Array.from(Buffer.from(seedHex, "hex"));
const teamOf = (r: ReturnType<typeof runDraw>, uscc: string) => r.objects.find((o) => o.uscc === uscc)?.team;

function assertDrawError(fn: () => unknown, code: DrawError["code"]) {
  assert.throws(fn, (e: unknown) => e instanceof DrawError && e.code === code);
}

describe("worked example (R8), every row of the table", () => {
  test("objects digest and inspectors digest (R8.1)", () => {
    assert.equal(listDigest(canonicalList(enterprises)), objectsDigest);
    assert.equal(listDigest(canonicalList(officers)), inspectorsDigest);
  });

  test("seed = SHA-256 of the seed text (R8.3)", () => {
    const text = seedText({ planId, beaconValue, objectsDigest, inspectorsDigest });
    assert.equal(
      text,
      `redline/draw/v1\nplan=${planId}\nbeacon=${beaconValue}\nobjects=${objectsDigest}\ninspectors=${inspectorsDigest}\n`,
    );
    assert.equal(toHex(seedOf(text)), seedHex);
  });

  test("`objects` words for n = 10, 9, 8 and the swaps 0→9, 1→5, 2→4 (R8.4–6)", () => {
    const steps: StreamStep[] = [];
    const drawn = sample(canonicalList(enterprises), 3, new DrawStream(seed(), "objects", sha256, (s) => steps.push(s)));
    assert.deepEqual(steps, [
      { word: "a4ccc63e0850bdbd", n: 10, value: 9 },
      { word: "8aa49e27802c7340", n: 9, value: 4 },
      { word: "038a310ec179f7fa", n: 8, value: 2 },
    ]);
    assert.deepEqual(drawn.swaps, [
      [0, 9],
      [1, 5],
      [2, 4],
    ]);
    assert.deepEqual(drawn.items, ["91320402MA0DR0102K", "91320402MA0DR0065D", "91320402MA0DR0057J"]);
  });

  test("objects drawn", () => {
    const r = runDraw(example);
    assert.equal(r.seed, seedHex);
    assert.deepEqual(r.strata, [
      {
        stratum: plainStratum,
        label: "objects",
        n: 10,
        k: 3,
        swaps: [
          [0, 9],
          [1, 5],
          [2, 4],
        ],
      },
    ]);
    assert.deepEqual(
      r.objects.map((o) => o.uscc),
      ["91320402MA0DR0102K", "91320402MA0DR0065D", "91320402MA0DR0057J"],
    );
  });

  test("team for …0102K: pool 001, 002, 004, 005; words e7c8…→2, 6a7a…→2; swaps 0→2, 1→3; team 004, 005", () => {
    const steps: StreamStep[] = [];
    const pool = ["JF320400001", "JF320400002", "JF320400004", "JF320400005"];
    const fy = new FisherYates(pool, new DrawStream(seed(), "inspectors/91320402MA0DR0102K", sha256, (s) => steps.push(s)));
    assert.deepEqual([fy.next(), fy.next()], ["JF320400004", "JF320400005"]);
    assert.deepEqual(steps, [
      { word: "e7c88b409d825ec2", n: 4, value: 2 },
      { word: "6a7a76a6b886639c", n: 3, value: 2 },
    ]);
    assert.deepEqual(fy.swaps, [
      [0, 2],
      [1, 3],
    ]);
    assert.deepEqual(teamOf(runDraw(example), "91320402MA0DR0102K"), ["JF320400004", "JF320400005"]);
  });

  test("004 recuses after the draw: the next pick (i = 2) is 002 → team 005, 002", () => {
    const r = runDraw({ ...example, postDrawRecusals: [{ certNo: "JF320400004", uscc: "91320402MA0DR0102K" }] });
    assert.deepEqual(teamOf(r, "91320402MA0DR0102K"), ["JF320400005", "JF320400002"]);
    assert.deepEqual(r.replacements, [{ uscc: "91320402MA0DR0102K", out: "JF320400004", in: "JF320400002" }]);
    // Everything else is as without the event.
    const plain = runDraw(example);
    assert.deepEqual(
      r.objects.filter((o) => o.uscc !== "91320402MA0DR0102K"),
      plain.objects.filter((o) => o.uscc !== "91320402MA0DR0102K"),
    );
  });

  test("without the recusal (check): team 005, 002", () => {
    assert.deepEqual(teamOf(runDraw({ ...example, recusals: [] }), "91320402MA0DR0102K"), ["JF320400005", "JF320400002"]);
  });

  test("teams for the other two (no recusals): …0065D 003, 002; …0057J 001, 002", () => {
    const r = runDraw(example);
    assert.deepEqual(teamOf(r, "91320402MA0DR0065D"), ["JF320400003", "JF320400002"]);
    assert.deepEqual(teamOf(r, "91320402MA0DR0057J"), ["JF320400001", "JF320400002"]);
    assert.deepEqual(r.replacements, []);
  });
});

describe("boundary cases under the example", () => {
  test("n = 1,234 at rate 5 % gives k = 62 (R5: ceil, minimum 1)", () => {
    assert.equal(sampleSize(0.05, 1234), 62);
    assert.equal(sampleSize(0.05, 3), 1, "minimum 1");
    assert.equal(sampleSize(0.05, 0), 1, "minimum 1 even of nothing (then k > n refuses the draw)");
    assert.equal(sampleSize(0.07, 100), 7, "0.07 × 100 is 7.000000000000001 in binary: still 7");
    assert.equal(sampleSize(0.2, 100), 20);
    assert.equal(sampleSize(0.2, 101), 21);
    assert.equal(sampleSize(1, 10), 10);
    assert.throws(() => sampleSize(0, 10), RangeError);
    assert.throws(() => sampleSize(1.5, 10), RangeError);
  });

  test("k = n = 10 returns all 10 in a permuted order", () => {
    const r = runDraw({ ...example, strata: { [plainStratum]: 10 } });
    const drawn = r.objects.map((o) => o.uscc);
    assert.equal(drawn.length, 10);
    assert.deepEqual([...drawn].sort(), enterprises);
    assert.notDeepEqual(drawn, enterprises);
    assert.deepEqual(drawn.slice(0, 3), ["91320402MA0DR0102K", "91320402MA0DR0065D", "91320402MA0DR0057J"], "the same stream");
  });

  test("k = 11 with n = 10 is refused, at prepare and at the draw", () => {
    assertDrawError(() => runDraw({ ...example, strata: { [plainStratum]: 11 } }), "k_exceeds_n");
    assert.deepEqual(
      drawProblems({ ...example, strata: { [plainStratum]: 11 } }).map((e) => [e.code, e.detail]),
      [["k_exceeds_n", { stratum: plainStratum, k: 11, n: 10 }]],
    );
    assertDrawError(() => runDraw({ ...example, strata: { [plainStratum]: 0 } }), "k_invalid");
    assertDrawError(() => sample(enterprises, 11, new DrawStream(seed(), "objects")), "k_exceeds_n");
  });

  test("a pool of 1 after recusals with teamSize 2 is refused (the plan must add officers)", () => {
    const recusals = officers.slice(1).map((certNo) => ({ certNo, uscc: "91320402MA0DR0102K" }));
    assertDrawError(() => runDraw({ ...example, recusals }), "pool_too_small");
    assert.deepEqual(
      drawProblems({ ...example, recusals }).map((e) => [e.code, e.detail]),
      [["pool_too_small", { uscc: "91320402MA0DR0102K", pool: 1, teamSize: 2 }]],
    );
    assert.deepEqual(drawProblems(example), [], "the example itself has no problem");
  });
});

describe("R8.1 canonical lists", () => {
  test("trim, upper-case ASCII, drop duplicates and empty IDs, sort by UTF-8 bytes", () => {
    assert.deepEqual(canonicalList([" b2 ", "A1", "a1", "", "  ", "B2\t"]), ["A1", "B2"]);
    // Only ASCII is folded: é and ß stay as they are.
    assert.deepEqual(canonicalList(["é", "É", "ß"]), ["É", "ß", "é"]); // U+00C9 < U+00DF < U+00E9
  });

  test("UTF-8 order, not UTF-16: a code point above U+FFFF sorts after U+FFxx", () => {
    const astral = "\u{1F600}"; // UTF-16 D83D DE00, UTF-8 F0 9F 98 80
    const high = "\uFF21"; // Ａ, UTF-8 EF BC A1
    assert.deepEqual(canonicalList([astral, high, "Z"]), ["Z", high, astral]);
    const bytes = (s: string) => [...Buffer.from(s, "utf8")];
    const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
    const words = ["a", "\uE000", "\uD7FF", astral, high, "\u{10000}", "ab", "中", "中国"];
    assert.deepEqual([...words].sort(compareUtf8), [...words].sort(byBytes));
    assert.ok(bytes(astral)[0] === 0xf0);
  });

  test("the digest does not depend on how the list arrives", () => {
    const messy = [...enterprises].reverse().map((u, i) => (i % 2 ? ` ${u.toLowerCase()} ` : u));
    assert.equal(listDigest(canonicalList([...messy, enterprises[0] as string])), objectsDigest);
  });

  test("changing one candidate changes the list digest", () => {
    const changed = [...enterprises];
    changed[4] = "91320402MA0DR0111X";
    assert.notEqual(listDigest(canonicalList(changed)), objectsDigest);
    assert.notEqual(listDigest(canonicalList(enterprises.slice(1))), objectsDigest, "one removed");
    assert.notEqual(listDigest(canonicalList([...officers, "JF320400006"])), inspectorsDigest, "one added");
    assert.equal(listDigest([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty list = SHA-256 of nothing");
  });
});

describe("R8.4–5 stream and rejection sampling", () => {
  test("a word at or above ⌊2^64 / n⌋ × n is discarded and the next one used", () => {
    // A fake hash: block 0 is all ones (2^64 − 1 ≥ lim for n = 3), block 1 is 0…01.
    const fake = (data: Uint8Array) => {
      const out = new Uint8Array(32);
      if (data[data.length - 1] === 0) out.fill(0xff);
      else out[7] = 1;
      return out;
    };
    const steps: StreamStep[] = [];
    const s = new DrawStream(new Uint8Array(32), "objects", fake, (x) => steps.push(x));
    assert.equal(s.below(3), 1);
    assert.deepEqual(
      steps.map((x) => x.value),
      [null, null, null, null, 1],
    );
    // n = 2^k divides 2^64: nothing is ever rejected.
    assert.equal(new DrawStream(new Uint8Array(32), "x", fake).below(4), 3);
    // The fast path (no step reporting) rejects the same words.
    assert.equal(new DrawStream(new Uint8Array(32), "objects", fake).below(3), 1);
    assert.equal(new DrawStream(new Uint8Array(32), "x", fake).below(4), 3);
  });

  test("the floating-point fast path of below(n) equals the BigInt definition for every n tried", () => {
    // Words near the top of the range, where rejection happens, from a fake hash cycling through chosen blocks.
    const tops = [0xff, 0xfe, 0x00, 0x80, 0x7f];
    const fake = (data: Uint8Array) => {
      const c = data[data.length - 1] as number;
      return Uint8Array.from({ length: 32 }, (_, i) => (i % 8 < 4 ? 0xff : (tops[(c + i) % tops.length] as number) ^ (i * 37)));
    };
    const ns = [1, 2, 3, 5, 7, 10, 97, 1000, 1234, 65_535, 65_536, 99_991, 100_000, 1_048_573, 2_097_151, 2_097_152, 2_097_153, 3_000_017];
    for (const hash of [sha256, fake]) {
      for (const n of ns) {
        const fast = new DrawStream(seed(), `x/${n}`, hash);
        const big = new DrawStream(seed(), `x/${n}`, hash, () => {});
        for (let i = 0; i < 50; i++) assert.equal(fast.below(n), big.below(n), `n = ${n}, draw ${i}`);
      }
    }
  });

  test("the block input is seed ‖ label ‖ 0x00 ‖ uint64_be(c)", () => {
    const seen: string[] = [];
    const spy = (d: Uint8Array) => {
      seen.push(toHex(d));
      return sha256(d);
    };
    const s = new DrawStream(Uint8Array.of(0xaa), "ab", spy);
    for (let i = 0; i < 5; i++) s.nextWord();
    assert.deepEqual(seen, ["aa616200" + "0000000000000000", "aa616200" + "0000000000000001"]);
  });

  test("the bundled SHA-256 equals node:crypto's across block boundaries", () => {
    for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000]) {
      const d = Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 0xff);
      assert.equal(toHex(sha256(d)), createHash("sha256").update(d).digest("hex"), `length ${n}`);
    }
    assert.equal(toHex(sha256(new TextEncoder().encode("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("R8.7 the whole draw", () => {
  const nodeHash = (d: Uint8Array) => createHash("sha256").update(d).digest();

  test("same inputs give the same result, with either hash and in any input order", () => {
    const a = runDraw(example);
    assert.deepEqual(runDraw(example), a);
    assert.deepEqual(runDraw(example, nodeHash), a);
    const shuffled: DrawInput = {
      ...example,
      objects: [...example.objects].reverse().map((o) => ({ uscc: ` ${o.uscc.toLowerCase()}` })),
      inspectors: [...example.inspectors].reverse(),
    };
    assert.deepEqual(runDraw(shuffled), a);
  });

  test("a different beacon or plan gives a different seed", () => {
    const a = runDraw(example);
    assert.notEqual(runDraw({ ...example, beaconValue: "EXAMPLE-BEACON-20261121" }).seed, a.seed);
    assert.notEqual(runDraw({ ...example, planId: "CZ-320402-2026-DR-002" }).seed, a.seed);
  });

  test("a recused inspector is never drawn for that enterprise (400 beacons)", () => {
    const objects = Array.from({ length: 40 }, (_, i) => ({ uscc: `91320402MA0XX${String(i).padStart(4, "0")}Q` }));
    const inspectors = Array.from({ length: 6 }, (_, i) => ({ certNo: `JF3204${String(i).padStart(5, "0")}` }));
    // Every object recuses two or three officers; the pool keeps at least three.
    const recusals = objects.flatMap((o, i) =>
      inspectors.filter((_, j) => (i + j) % 3 === 0 || j === i % 6).map((ins) => ({ certNo: ins.certNo, uscc: o.uscc })),
    );
    const recused = new Set(recusals.map((r) => `${r.certNo}|${r.uscc}`));
    let checked = 0;
    for (let b = 0; b < 400; b++) {
      const r = runDraw({ planId: "P", beaconValue: `B${b}`, objects, inspectors, strata: { plain: 10 }, recusals });
      for (const o of r.objects) {
        assert.equal(new Set(o.team).size, 2, "two different officers");
        for (const c of o.team) {
          assert.ok(!recused.has(`${c}|${o.uscc}`), `${c} recused for ${o.uscc} (beacon B${b})`);
          checked++;
        }
      }
    }
    assert.equal(checked, 400 * 10 * 2);
  });

  test("crossRegion: no officer of the object's own county", () => {
    const objects = Array.from({ length: 30 }, (_, i) => ({
      uscc: `91320000MA0CR${String(i).padStart(4, "0")}Q`,
      county: ["320402", "320411", "320481"][i % 3] as string,
    }));
    const inspectors = Array.from({ length: 9 }, (_, i) => ({
      certNo: `JF${i}`,
      county: ["320402", "320411", "320481"][i % 3] as string,
    }));
    const countyOf = new Map(inspectors.map((x) => [x.certNo, x.county]));
    for (let b = 0; b < 50; b++) {
      const r = runDraw({ planId: "X", beaconValue: `${b}`, objects, inspectors, strata: { plain: 30 }, crossRegion: true });
      for (const o of r.objects) {
        const county = objects.find((x) => x.uscc === o.uscc)?.county;
        for (const c of o.team) assert.notEqual(countyOf.get(c), county);
      }
    }
    // Six officers outside each county: teams of 7 cannot be formed.
    assertDrawError(
      () => runDraw({ planId: "X", beaconValue: "0", objects, inspectors, strata: { plain: 1 }, crossRegion: true, teamSize: 7 }),
      "pool_too_small",
    );
    assert.equal(drawProblems({ objects, inspectors, strata: { plain: 1 }, crossRegion: true, teamSize: 7 })[0]?.code, "pool_too_small");
    assert.equal(drawProblems({ objects, inspectors, strata: { plain: 1 }, crossRegion: true, teamSize: 6 }).length, 0);
  });

  test("strata draw separately with label objects/<stratum>, in name order", () => {
    const objects = enterprises.map((uscc, i) => ({ uscc, stratum: i < 4 ? "high_attention" : plainStratum }));
    const r = runDraw({ ...example, objects, strata: { plain: 2, high_attention: 1 } });
    assert.deepEqual(
      r.strata.map((s) => [s.stratum, s.label, s.n, s.k]),
      [
        ["high_attention", "objects/high_attention", 4, 1],
        ["plain", "objects/plain", 6, 2],
      ],
    );
    const plainOnly = sample(enterprises.slice(4), 2, new DrawStream(seed(), "objects/plain"));
    assert.deepEqual(
      r.objects.filter((o) => o.stratum === plainStratum).map((o) => o.uscc),
      plainOnly.items,
    );
    assert.equal(r.seed, seedHex, "strata are parameters, not part of the seed");
    assertDrawError(() => runDraw({ ...example, objects, strata: { plain: 2 } }), "stratum_unknown");
  });

  test("a post-draw recusal must name an officer on that team; replacements run out with the pool", () => {
    assertDrawError(
      () => runDraw({ ...example, postDrawRecusals: [{ certNo: "JF320400001", uscc: "91320402MA0DR0102K" }] }),
      "not_on_team",
    );
    assertDrawError(
      () => runDraw({ ...example, postDrawRecusals: [{ certNo: "JF320400004", uscc: "91320402MA0DR00145" }] }),
      "not_on_team",
    );
    const chain = runDraw({
      ...example,
      postDrawRecusals: [
        { certNo: "JF320400004", uscc: "91320402MA0DR0102K" },
        { certNo: "JF320400005", uscc: "91320402MA0DR0102K" },
      ],
    });
    assert.equal(chain.replacements.length, 2);
    assert.deepEqual([...(teamOf(chain, "91320402MA0DR0102K") ?? [])].sort(), ["JF320400001", "JF320400002"]);
    assertDrawError(
      () =>
        runDraw({
          ...example,
          postDrawRecusals: ["JF320400004", "JF320400005", "JF320400002"].map((certNo) => ({ certNo, uscc: "91320402MA0DR0102K" })),
        }),
      "pool_exhausted",
    );
  });

  test("one ID twice with different attributes is refused", () => {
    assertDrawError(
      () =>
        runDraw({
          ...example,
          objects: [...example.objects, { uscc: "91320402mA0DR00145", stratum: "high_attention" }],
          strata: { plain: 3, high_attention: 1 },
        }),
      "id_conflict",
    );
  });

  test("commitLists gives the canonical lists and the digests the draw uses", () => {
    const c = commitLists(example);
    assert.deepEqual(c.objectIds, enterprises);
    assert.equal(c.objectsDigest, objectsDigest);
    assert.equal(c.inspectorsDigest, inspectorsDigest);
  });
});
