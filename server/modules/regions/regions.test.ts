import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";
import { builtInDivisions, importDivisions, parentCodeOf, pathCodesOf } from "./regions.service.js";

let t: TestApp;
let admin: Session;
let leader: Session;
before(async () => {
  t = await testApp();
  await seedReference(t);
  admin = await signIn(t, (await buildUser(t)).username);
  leader = await signIn(t, (await buildUser(t, { role: "regulator_leader", regionCode: "320481" })).username);
});
after(() => t.close());

const get = (s: Session, url: string, lang = "zh-CN") =>
  t.app.inject({ method: "GET", url, headers: { cookie: s.cookie, "accept-language": lang } });

test("GB/T 2260 parent and path by code length", () => {
  assert.equal(parentCodeOf("320481102001"), "320481102");
  assert.equal(parentCodeOf("320481102"), "320481");
  assert.equal(parentCodeOf("320481"), "3204");
  assert.equal(parentCodeOf("3204"), "32");
  assert.equal(parentCodeOf("32"), null);
  assert.deepEqual(pathCodesOf("320481002001"), ["32", "3204", "320481", "320481002", "320481002001"]);
});

describe("region tree API", () => {
  test("the shipped data gives 常州市 its real five-level grid", async () => {
    const top = (await get(leader, "/api/regions")).json();
    assert.deepEqual(
      top.items.map((r: { code: string }) => r.code),
      ["32"],
    );
    const counties = (await get(leader, "/api/regions/3204/children")).json().items;
    assert.deepEqual(
      counties.map((c: { name: string }) => c.name),
      ["天宁区", "钟楼区", "新北区", "武进区", "金坛区", "溧阳市"],
    );
    const city = (await get(leader, "/api/regions/3204")).json();
    assert.equal(city.childCount, 6);
    const townships = (await get(leader, "/api/regions/320481/children")).json().items;
    assert.equal(townships.length, 14);
    assert.ok(townships.every((x: { level: string }) => x.level === "township"));
  });

  test("a region's detail has its path from the province down", async () => {
    const res = await get(leader, "/api/regions/320481002");
    assert.equal(res.statusCode, 200);
    const r = res.json();
    assert.equal(r.name, "溧城街道");
    assert.deepEqual(
      r.path.map((p: { name: string }) => p.name),
      ["江苏省", "常州市", "溧阳市", "溧城街道"],
    );
    assert.ok(r.childCount > 0, "溧城街道 has communities");
  });

  test("search by Chinese name substring or code prefix, with the path name", async () => {
    const hits = (await get(leader, `/api/regions/search?q=${encodeURIComponent("溧城")}`)).json().items;
    assert.equal(hits[0].code, "320481002");
    assert.equal(hits[0].pathName, "江苏省 / 常州市 / 溧阳市 / 溧城街道");
    const byCode = (await get(leader, "/api/regions/search?q=3204810&level=township")).json().items;
    assert.ok(
      byCode.length > 0 && byCode.every((h: { code: string; level: string }) => h.code.startsWith("3204810") && h.level === "township"),
    );
    const within = (await get(leader, `/api/regions/search?q=${encodeURIComponent("社区")}&within=320402&limit=50`)).json().items;
    assert.ok(within.length > 0 && within.every((h: { code: string }) => h.code.startsWith("320402")));
  });

  test("unknown code → 404; a malformed one → 400 naming the field", async () => {
    assert.equal((await get(leader, "/api/regions/320499")).statusCode, 404);
    const bad = await get(leader, "/api/regions/32048", "en");
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].path, "code");
  });

  test("an administrator renames a node (version-guarded, audited); the code stays", async () => {
    const before = (await get(admin, "/api/regions/320481001")).json();
    const rename = (version: number, name: string) =>
      t.app.inject({ method: "PATCH", url: "/api/regions/320481001", headers: admin.headers(), payload: { name, version } });
    const ok = await rename(before.version, "昆仑街道（更名）");
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().name, "昆仑街道（更名）");
    assert.equal(ok.json().version, before.version + 1);
    assert.equal((await rename(before.version, "再改")).statusCode, 409);
    const audit = (await get(admin, "/api/audit?entityType=region&entityId=320481001")).json().items;
    assert.equal(audit[0].action, "region.renamed");
    assert.deepEqual(audit[0].diff.before.name, "昆仑街道");
    const asLeader = await t.app.inject({
      method: "PATCH",
      url: "/api/regions/320481001",
      headers: leader.headers(),
      payload: { name: "x", version: 2 },
    });
    assert.equal(asLeader.statusCode, 403);
  });

  test("importing again adds nothing and renames nothing", async () => {
    const again = builtInDivisions().filter((r) => r.code.startsWith("320481"));
    const inserted = await importDivisions(t.database.db, { actor: null, ip: null, now: t.clock.now() }, again, "test");
    assert.equal(inserted, 0);
    assert.equal((await get(leader, "/api/regions/320481001")).json().name, "昆仑街道（更名）");
  });
});
