import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";

let t: TestApp;
let admin: Session;
let leader: Session;
before(async () => {
  t = await testApp();
  await seedReference(t); // 常州市's real grid
  admin = await signIn(t, (await buildUser(t)).username);
  leader = await signIn(t, (await buildUser(t, { role: "regulator_leader", regionCode: "320481" })).username);
});
after(() => t.close());

const get = (s: Session, url: string) => t.app.inject({ method: "GET", url, headers: { cookie: s.cookie } });
const post = (s: Session, url: string, payload: object, lang = "en") =>
  t.app.inject({ method: "POST", url, headers: s.headers({ "accept-language": lang }), payload });
const importRows = (s: Session, rows: { code: string; name: string }[], lang = "en") => post(s, "/api/regions/import", { rows }, lang);
const auditOf = async (entityId: string) => (await get(admin, `/api/audit?entityType=region&entityId=${entityId}`)).json().items;

describe("administrator import", () => {
  test("adds new nodes (a parent may come later in the file), renames changed names, reports the rest row by row", async () => {
    const res = await importRows(admin, [
      { code: "320481002901", name: "新城社区居委会" }, // a new village under 溧城街道
      { code: "320481501", name: "溧阳高新区" }, // a new township…
      { code: "320481501001", name: "高新社区居委会" }, // …and its village, listed before or after
      { code: "320481002001", name: "后街新村居委会" }, // unchanged
      { code: "320481003", name: "古县街道（更名）" }, // renamed
      { code: "32048", name: "五位代码" }, // not a GB/T 2260 length
      { code: "320481002902", name: "  " }, // no name
      { code: "320481002901", name: "重复" }, // twice in the file
      { code: "320481599001", name: "无上级" }, // parent neither stored nor imported
    ]);
    assert.equal(res.statusCode, 200);
    const report = res.json();
    assert.deepEqual([report.inserted, report.renamed, report.unchanged], [3, 1, 1]);
    assert.deepEqual(
      report.rejected.map((r: { index: number; code: string }) => [r.index, r.code]),
      [
        [5, "32048"],
        [6, "320481002902"],
        [7, "320481002901"],
        [8, "320481599001"],
      ],
    );
    assert.match(report.rejected[0].reason, /2, 4, 6, 9 or 12 digits/);
    assert.match(report.rejected[2].reason, /more than once/);
    assert.match(report.rejected[3].reason, /320481599 does not exist/);

    const township = (await get(leader, "/api/regions/320481501")).json();
    assert.deepEqual([township.name, township.level, township.parentCode, township.childCount], ["溧阳高新区", "township", "320481", 1]);
    const renamed = (await get(leader, "/api/regions/320481003")).json();
    assert.equal(renamed.name, "古县街道（更名）");
    assert.equal(renamed.version, 2);
    assert.equal((await get(leader, "/api/regions/320481002902")).statusCode, 404, "rejected rows store nothing");
  });

  test("each rename and each new node has its audit row, and the import one with its counts", async () => {
    const renamed = await auditOf("320481003");
    assert.equal(renamed[0].action, "region.renamed");
    assert.deepEqual(renamed[0].diff.before, { name: "古县街道", version: 1 });
    assert.deepEqual(renamed[0].diff.after, { name: "古县街道（更名）", version: 2 });
    const created = await auditOf("320481501001");
    assert.equal(created[0].action, "region.created");
    assert.equal(created[0].diff.after.parentCode, "320481501");
    const summary = (await get(admin, "/api/audit?entityType=region&action=region.imported")).json().items;
    const mine = summary.find((a: { diff: { detail: { source: string } } }) => a.diff.detail.source === "api");
    assert.deepEqual({ ...mine.diff.detail }, { source: "api", rows: 9, inserted: 3, renamed: 1, unchanged: 1, rejected: 4 });
  });

  test("reasons follow Accept-Language", async () => {
    const res = await importRows(admin, [{ code: "3204819", name: "x" }], "zh-CN");
    assert.equal(res.json().rejected[0].reason, "代码须为 2、4、6、9 或 12 位数字（GB/T 2260）");
  });

  test("importing the same rows again changes nothing and writes no rename", async () => {
    const res = await importRows(admin, [
      { code: "320481501", name: "溧阳高新区" },
      { code: "320481003", name: "古县街道（更名）" },
    ]);
    assert.deepEqual(res.json(), { inserted: 0, renamed: 0, unchanged: 2, rejected: [] });
    assert.equal((await auditOf("320481003")).length, 1);
  });

  test("only an administrator imports: a leader gets 403 and nothing is stored", async () => {
    const res = await importRows(leader, [{ code: "320481502", name: "越权新增" }]);
    assert.equal(res.statusCode, 403);
    assert.equal((await get(admin, "/api/regions/320481502")).statusCode, 404);
  });

  test("a body past 50,000 rows is refused whole; one of thousands of rows (past 1 MB) is taken", async () => {
    const over = Array.from({ length: 50_001 }, () => ({ code: "32", name: "江苏省" }));
    const refused = await importRows(admin, over);
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.fields[0].path, "rows");

    // 10,000 new villages under ten of 溧阳市's townships: 1.1 MB of JSON.
    const townships = [
      "320481001",
      "320481002",
      "320481003",
      "320481106",
      "320481107",
      "320481109",
      "320481111",
      "320481114",
      "320481116",
      "320481400",
    ];
    const rows = townships.flatMap((tw) =>
      Array.from({ length: 1000 }, (_, i) => ({
        code: `${tw}${String(i).padStart(3, "0")}`,
        name: `江苏省常州市溧阳市测试新建安置社区居民委员会第${i}号`,
      })),
    );
    const payload = { rows };
    assert.ok(Buffer.byteLength(JSON.stringify(payload)) > 1024 * 1024);
    const res = await post(admin, "/api/regions/import", payload);
    assert.equal(res.statusCode, 200);
    const report = res.json();
    assert.equal(report.rejected.length, 0);
    assert.equal(report.inserted + report.renamed + report.unchanged, 10_000);
    assert.ok(report.inserted > 9000, `${report.inserted} inserted`);
  });
});

describe("merge (撤并)", () => {
  // 埭头镇 (320481101, 8 villages) is merged into 上黄镇 (320481102).
  let merged: { version: number };

  test("a township merged into another becomes retired with its successor; its active children are listed", async () => {
    const before = (await get(admin, "/api/regions/320481101")).json();
    const res = await post(admin, "/api/regions/320481101/merge", {
      into: "320481102",
      version: before.version,
      reason: "苏政复〔2026〕1号",
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual([body.region.status, body.region.successorCode, body.region.version], ["retired", "320481102", before.version + 1]);
    assert.equal(body.successor.name, "上黄镇");
    assert.equal(body.activeChildren.length, 8);
    assert.ok(body.activeChildren.every((c: { code: string }) => c.code.startsWith("320481101")));
    merged = body.region;

    const audit = await auditOf("320481101");
    assert.equal(audit[0].action, "region.merged");
    assert.deepEqual(audit[0].diff.after, { status: "retired", successorCode: "320481102", version: before.version + 1 });
    assert.equal(audit[0].diff.detail.reason, "苏政复〔2026〕1号");
    assert.equal(audit[0].diff.detail.activeChildren.length, 8);
  });

  test("the retired node still resolves; the successor names its predecessors; the children stay put", async () => {
    const old = await get(leader, "/api/regions/320481101");
    assert.equal(old.statusCode, 200);
    assert.deepEqual([old.json().status, old.json().successorCode], ["retired", "320481102"]);
    assert.deepEqual(old.json().predecessors, []);
    assert.deepEqual((await get(leader, "/api/regions/320481102")).json().predecessors, ["320481101"]);
    const village = (await get(leader, "/api/regions/320481101200")).json();
    assert.deepEqual([village.status, village.parentCode], ["active", "320481101"]);
  });

  test("merging again → 409; into itself → 400; a stale version → 409; nothing changes", async () => {
    const again = await post(admin, "/api/regions/320481101/merge", { into: "320481103", version: merged.version, reason: "x" });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, "regions.merge.retired");

    const self = await post(admin, "/api/regions/320481103/merge", { into: "320481103", version: 1, reason: "x" });
    assert.equal(self.statusCode, 400);
    assert.equal(self.json().error.fields[0].path, "into");

    const stale = await post(admin, "/api/regions/320481103/merge", { into: "320481106", version: 7, reason: "x" });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "conflict.stale_version");
    assert.equal((await get(admin, "/api/regions/320481103")).json().status, "active");
  });

  test("the target must exist, be active and of the same level; an unknown node → 404; a leader → 403", async () => {
    const cases: [string, string, number][] = [
      ["320481103", "320481199", 400], // no such township
      ["320481103", "320481101", 400], // retired
      ["320481103", "320481102001", 400], // a village
      ["320481199", "320481102", 404],
    ];
    for (const [code, into, status] of cases) {
      const version = status === 404 ? 1 : (await get(admin, `/api/regions/${code}`)).json().version;
      const res = await post(admin, `/api/regions/${code}/merge`, { into, version, reason: "x" });
      assert.equal(res.statusCode, status, `${code} → ${into}`);
      if (status === 400) assert.equal(res.json().error.fields[0].path, "into");
    }
    const asLeader = await post(leader, "/api/regions/320481103/merge", { into: "320481102", version: 2, reason: "x" });
    assert.equal(asLeader.statusCode, 403);
    assert.equal((await get(admin, "/api/regions/320481103")).json().status, "active");
  });

  test("after a merge the children are re-imported under the successor; nothing new hangs from the retired node", async () => {
    const res = await importRows(admin, [
      { code: "320481102300", name: "埭西村村委会" },
      { code: "320481101900", name: "新村" },
      { code: "320481101", name: "埭头镇（新）" },
    ]);
    const report = res.json();
    assert.equal(report.inserted, 1);
    assert.deepEqual(
      report.rejected.map((r: { index: number; reason: string }) => [r.index, r.reason]),
      [
        [1, "The parent region 320481101 is retired"],
        [2, "This region is retired (merged into 320481102) and cannot be renamed"],
      ],
    );
    assert.equal((await get(admin, "/api/regions/320481102300")).json().parentCode, "320481102");
  });
});
