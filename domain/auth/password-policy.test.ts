import assert from "node:assert/strict";
import { test } from "node:test";
import { checkPassword } from "./password-policy.js";

// 等保2.0 complexity: ≥ 8 characters (8 itself is enough) and ≥ 3 of 4 classes.
const cases: [string, boolean][] = [
  ["Aa1!aaa", false], // 7 characters: one short of the bound
  ["Aa1aaaaa", true], // exactly 8, upper+lower+digit
  ["aa1!aaaa", true], // lower+digit+symbol
  ["AA1!AAAA", true], // upper+digit+symbol
  ["Aa!aaaaa", true], // upper+lower+symbol
  ["aaaaaaa1", false], // 2 classes
  ["密码密码密码密码1a", true], // CJK counts as a symbol class: lower+digit+other
  ["", false],
];

for (const [password, ok] of cases) {
  test(`password ${JSON.stringify(password)} → ${ok ? "accepted" : "refused"}`, () => {
    assert.equal(checkPassword(password).ok, ok);
  });
}
