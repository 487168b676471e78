import assert from "node:assert/strict";
import { test } from "node:test";
import { memoPerDatabase, versionedMemo } from "./versioned-memo.js";

test("a result is reused only for the same key and version", async () => {
  const memo = versionedMemo<number>(10);
  let runs = 0;
  const compute = async () => ++runs;
  assert.equal(await memo.get("a", "1", compute), 1);
  assert.equal(await memo.get("a", "1", compute), 1);
  assert.equal(await memo.get("a", "2", compute), 2, "a new version recomputes");
  assert.equal(await memo.get("b", "2", compute), 3, "another key computes its own");
  assert.deepEqual(memo.stats, { hits: 1, misses: 3 });
});

test("concurrent callers share one computation; a failure is not remembered", async () => {
  const memo = versionedMemo<string>(10);
  let runs = 0;
  const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`r${++runs}`), 10));
  assert.deepEqual(await Promise.all([memo.get("k", "1", slow), memo.get("k", "1", slow)]), ["r1", "r1"]);
  await assert.rejects(memo.get("x", "1", () => Promise.reject(new Error("db down"))));
  assert.equal(await memo.get("x", "1", async () => "recovered"), "recovered");
});

test("the least recently used entry goes first", async () => {
  const memo = versionedMemo<string>(2);
  await memo.get("a", "1", async () => "a");
  await memo.get("b", "1", async () => "b");
  await memo.get("a", "1", async () => "a again"); // a is now the most recent
  await memo.get("c", "1", async () => "c"); // evicts b
  assert.equal(await memo.get("a", "1", async () => "recomputed"), "a");
  assert.equal(await memo.get("b", "1", async () => "recomputed"), "recomputed");
});

test("each database handle has its own memo (versions of two databases are not comparable)", async () => {
  const memoFor = memoPerDatabase<string>(10);
  const one = {};
  const two = {};
  await memoFor(one).get("k", "1", async () => "one");
  assert.equal(await memoFor(two).get("k", "1", async () => "two"), "two");
  assert.equal(await memoFor(one).get("k", "1", async () => "again"), "one");
});
