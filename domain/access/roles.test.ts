import assert from "node:assert/strict";
import { test } from "node:test";
import { roleHas } from "./permissions.js";
import { inRegionSubtree, RegionCode, regionLevelOf } from "./roles.js";

test("GB/T 2260 levels by code length: 32 → 3204 → 320481 → 320481102 → 320481102001", () => {
  assert.deepEqual(["32", "3204", "320481", "320481102", "320481102001"].map(regionLevelOf), [
    "province",
    "city",
    "county",
    "township",
    "village",
  ]);
  assert.equal(regionLevelOf("32048"), undefined);
  assert.equal(RegionCode.safeParse("32048").success, false);
  assert.equal(RegionCode.safeParse("320481102001").success, true);
});

test("a subtree is a code prefix, and a node is in its own subtree", () => {
  assert.equal(inRegionSubtree("320481", "320481102001"), true);
  assert.equal(inRegionSubtree("320481", "320481"), true);
  assert.equal(inRegionSubtree("320481", "320411001"), false);
  assert.equal(inRegionSubtree("320481", null), false);
});

test("permissions: public for anyone, authenticated for any role, named ones for their roles only", () => {
  assert.equal(roleHas(null, "public"), true);
  assert.equal(roleHas(null, "authenticated"), false);
  assert.equal(roleHas("enterprise_staff", "authenticated"), true);
  assert.equal(roleHas("regulator_leader", "users.read"), true);
  assert.equal(roleHas("regulator_leader", "users.manage"), false);
  assert.equal(roleHas("admin", "audit.read"), true);
  assert.equal(roleHas("grid_member", "audit.read"), false);
});
