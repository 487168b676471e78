import assert from "node:assert/strict";
import { test } from "node:test";
import { isValidUscc, usccAlphabet, usccCheckCharacter, usccProblem } from "./uscc.js";

// shared/domain/double-random.md worked example: ten fictional enterprises with valid GB 32100 check characters.
const valid = [
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

test("the worked-example codes pass", () => {
  for (const code of valid) assert.equal(usccProblem(code), null, code);
});

test("every single-character change of a valid code fails", () => {
  for (const code of valid) {
    for (let i = 0; i < 18; i++) {
      for (const c of usccAlphabet) {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        assert.equal(isValidUscc(changed), false, `${changed} (position ${i + 1})`);
      }
    }
  }
});

test("lower case, wrong length and the letters I, O, Z, S, V are refused", () => {
  assert.equal(usccProblem("91320402ma0dr00145"), "character");
  assert.equal(usccProblem("91320402MA0DR0014"), "length");
  assert.equal(usccProblem("91320402MA0DR001450"), "length");
  assert.equal(usccProblem(""), "length");
  for (const letter of ["I", "O", "Z", "S", "V"]) {
    assert.equal(usccProblem(`91320402MA0DR0${letter}145`), "character", letter);
  }
});

test("a check value of 31 is written as 0", () => {
  // Find a 17-character body whose weighted sum is a multiple of 31: its check character must be "0".
  const body = "9132040200000000";
  for (const c of usccAlphabet) {
    if (usccCheckCharacter(body + c) === "0") {
      assert.equal(isValidUscc(`${body}${c}0`), true);
      return;
    }
  }
  assert.fail("no body with check 0 found");
});
