import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp, usccFor } from "../../test/harness.js";
import { solidPng } from "../../test/png.js";
import { compactHazardChanges, hazardsVersion } from "./hazards.changes.js";
import { hazardChanges } from "./hazards.schema.js";
import { listCountMemo } from "./hazards.service.js";
import { statsMemo } from "./hazards.stats.js";

// The statistics and the list's count are remembered per query until a hazard of the region changes
// (hazard_changes, versioned-memo.ts): they must never be served stale.
let t: TestApp;
let liyang: string;
let tianning: string;
let s: { county: Session; liyangAdmin: Session; tianningAdmin: Session };
const photo = { contentType: "image/png", data: solidPng(2, 2).toString("base64") };

const get = (session: Session, url: string) => t.app.inject({ method: "GET", url, headers: { cookie: session.cookie } });
async function report(session: Session, enterpriseId: string, description: string): Promise<string> {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/hazards",
    headers: session.headers(),
    payload: { enterpriseId, description, location: "一号车间", source: "self_check", photos: [photo] },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}
const found = async () => (await get(s.county, "/api/hazards/stats?groupBy=region")).json().totals.found as number;
const listed = async (q = "") => (await get(s.county, `/api/hazards?pageSize=1${q}`)).json().total as number;

before(async () => {
  t = await testApp();
  await seedReference(t);
  liyang = (await buildEnterprise(t, { name: "溧阳市版本测试化工有限公司", uscc: usccFor(7101) })).id;
  tianning = (await buildEnterprise(t, { name: "天宁区版本测试化工有限公司", uscc: usccFor(7102, "320402"), regionCode: "320402001001" }))
    .id;
  const county = await buildUser(t, { role: "regulator_inspector", regionCode: "320481" });
  const liyangAdmin = await buildUser(t, { role: "enterprise_admin", enterpriseId: liyang, regionCode: null });
  const tianningAdmin = await buildUser(t, { role: "enterprise_admin", enterpriseId: tianning, regionCode: null });
  s = {
    county: await signIn(t, county.username),
    liyangAdmin: await signIn(t, liyangAdmin.username),
    tianningAdmin: await signIn(t, tianningAdmin.username),
  };
});
after(() => t.close());

describe("the hazard change log", () => {
  test("every write to the register raises the version of its county, and only there", async () => {
    const db = t.database.db;
    const [liyang0, tianning0, city0] = await Promise.all([
      hazardsVersion(db, "320481"),
      hazardsVersion(db, "320402"),
      hazardsVersion(db, "3204"),
    ]);
    const id = await report(s.liyangAdmin, liyang, "配电箱门未关闭");
    const liyang1 = await hazardsVersion(db, "320481102");
    assert.ok(BigInt(liyang1) > BigInt(liyang0), "a village's version is its county's");
    assert.equal(await hazardsVersion(db, "320402"), tianning0, "another county is untouched");
    assert.ok(BigInt(await hazardsVersion(db, "3204")) > BigInt(city0), "the city covers its counties");
    // A hazard moved to another county (its enterprise moved) changes both.
    await db.execute(sql`update hazards set region_code = '320402001001' where id = ${id}`);
    assert.ok(BigInt(await hazardsVersion(db, "320481")) > BigInt(liyang1));
    assert.ok(BigInt(await hazardsVersion(db, "320402")) > BigInt(tianning0));
    await db.execute(sql`update hazards set region_code = '320481002001' where id = ${id}`);
  });

  test("compaction folds the log without changing any version", async () => {
    const db = t.database.db;
    await report(s.tianningAdmin, tianning, "消防通道堵塞");
    const before = await Promise.all(["320481", "320402", "3204", null].map((r) => hazardsVersion(db, r)));
    const rows = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(hazardChanges))[0]?.n ?? 0;
    assert.ok((await rows()) > 2);
    await compactHazardChanges(db);
    assert.equal(await rows(), 2, "one row per county");
    assert.deepEqual(await Promise.all(["320481", "320402", "3204", null].map((r) => hazardsVersion(db, r))), before);
  });
});

describe("remembered statistics and counts", () => {
  test("asked again without a change, the counts are not computed again", async () => {
    const stats = statsMemo(t.database.db).stats;
    const first = await found();
    const misses = stats.misses;
    assert.equal(await found(), first);
    assert.equal(stats.misses, misses, "served from memory");
    const counts = listCountMemo(t.database.db).stats;
    const total = await listed();
    const countMisses = counts.misses;
    assert.equal(await listed(), total);
    assert.equal(counts.misses, countMisses);
  });

  test("a hazard reported in the county shows at once; one reported elsewhere does not recompute", async () => {
    const stats = statsMemo(t.database.db).stats;
    const [before, total] = [await found(), await listed()];
    await report(s.liyangAdmin, liyang, "二号罐区接地线松动");
    assert.equal(await found(), before + 1);
    assert.equal(await listed(), total + 1);
    assert.equal(await listed("&q=接地"), 1);

    const misses = stats.misses;
    await report(s.tianningAdmin, tianning, "天宁区另一处隐患");
    assert.equal(await found(), before + 1);
    assert.equal(stats.misses, misses, "溧阳市's figures are still current");
  });
});
