import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildUser, type Session, signIn, type TestApp, testApp } from "../../test/harness.js";
import { builtInIndustries, ensureBuiltInIndustries } from "./industries.service.js";

let t: TestApp;
let s: Session;
before(async () => {
  t = await testApp();
  await ensureBuiltInIndustries(t.database.db, t.clock.now());
  s = await signIn(t, (await buildUser(t, { role: "enterprise_staff" })).username);
});
after(() => t.close());

test("the shipped table's known faults are mended: 3741 added, names trimmed, every code hangs from a present parent", () => {
  const rows = builtInIndustries();
  const codes = new Set(rows.map((r) => r.code));
  assert.equal(rows.find((r) => r.code === "3741")?.name, "飞机制造");
  assert.equal(rows.filter((r) => r.name !== r.name.trim()).length, 0);
  assert.equal(codes.size, rows.length, "codes are unique");
  for (const r of rows) {
    if (r.level === "section") assert.equal(r.parentCode, null);
    else assert.ok(r.parentCode && codes.has(r.parentCode), `${r.code} → ${r.parentCode}`);
  }
  assert.equal(rows.filter((r) => r.level === "section").length, 20, "门类 A–T");
});

test("search by Chinese name or by code prefix", async () => {
  const byName = (
    await t.app.inject({ method: "GET", url: `/api/industries?q=${encodeURIComponent("化学原料")}`, headers: { cookie: s.cookie } })
  ).json();
  assert.ok(
    byName.items.some((i: { code: string }) => i.code === "26"),
    "26 化学原料和化学制品制造业",
  );
  const byCode = (await t.app.inject({ method: "GET", url: "/api/industries?q=261&level=class", headers: { cookie: s.cookie } })).json();
  assert.ok(
    byCode.items.length > 0 && byCode.items.every((i: { code: string; level: string }) => i.code.startsWith("261") && i.level === "class"),
  );
  const plane = (await t.app.inject({ method: "GET", url: "/api/industries?q=3741", headers: { cookie: s.cookie } })).json();
  assert.equal(plane.items[0]?.parentCode, "374");
});
