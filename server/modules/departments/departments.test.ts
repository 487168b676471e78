import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";
import { defaultIndustryMapping, ensureDefaultIndustryMapping, industryPrefixesOf } from "./departments.service.js";

let t: TestApp;
let admin: Session;
let liyangLeader: Session;
let inspector: Session;
let staff: Session;
before(async () => {
  t = await testApp();
  await seedReference(t); // 常州市's real grid and GB/T 4754-2017
  admin = await signIn(t, (await buildUser(t)).username);
  liyangLeader = await signIn(t, (await buildUser(t, { role: "regulator_leader", regionCode: "320481" })).username);
  inspector = await signIn(t, (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username);
  staff = await signIn(t, (await buildUser(t, { role: "enterprise_staff" })).username);
});
after(() => t.close());

const get = (s: Session, url: string, lang = "zh-CN") =>
  t.app.inject({ method: "GET", url, headers: { cookie: s.cookie, "accept-language": lang } });
const send = (s: Session, method: "POST" | "PATCH" | "PUT", url: string, payload: object) =>
  t.app.inject({ method, url, headers: s.headers({ "accept-language": "en" }), payload });
const createDepartment = (s: Session, body: { regionCode: string; kind: string; name: string; phone?: string }) =>
  send(s, "POST", "/api/departments", body);
const departmentsIn = async (regionCode: string) => (await get(admin, `/api/departments?regionCode=${regionCode}`)).json();
const resolve = async (regionCode: string, industryCode: string) =>
  (await get(staff, `/api/industry-mapping/resolve?regionCode=${regionCode}&industryCode=${industryCode}`)).json();

test("an industry code's candidate prefixes, most specific first (the first with a row wins)", () => {
  const cases: [string, string, string[]][] = [
    ["2614", "C", ["2614", "261", "26", "C"]],
    ["261", "C", ["261", "26", "C"]],
    ["26", "C", ["26", "C"]],
    ["C", "C", ["C"]],
  ];
  for (const [code, section, expected] of cases) assert.deepEqual(industryPrefixesOf(code, section), expected, code);
});

describe("the built-in industry mapping", () => {
  test("covers every 门类 A–T with existing codes, and loads once into an empty table", async () => {
    const rows = defaultIndustryMapping();
    const sections = rows.filter((r) => /^[A-Z]$/.test(r.industryPrefix)).map((r) => r.industryPrefix);
    assert.deepEqual(sections, [..."ABCDEFGHIJKLMNOPQRST"]);
    // seedReference loaded it as a first start does; a second start loads nothing.
    assert.equal(await ensureDefaultIndustryMapping(t.database.db, t.clock.now()), 0);

    const listed = (await get(staff, "/api/industry-mapping")).json().items;
    assert.equal(listed.length, rows.length);
    assert.deepEqual(listed.slice(0, 3), [
      { industryPrefix: "A", kind: "agriculture", industryName: "农、林、牧、渔业" },
      { industryPrefix: "B", kind: "emergency", industryName: "采矿业" },
      { industryPrefix: "C", kind: "emergency", industryName: "制造业" },
    ]);
    const audit = (await get(admin, "/api/audit?entityType=industry_mapping")).json().items;
    assert.equal(audit.length, 1);
    assert.equal(audit[0].diff.detail.source, "built-in default");
  });

  test("三管三必须: a filling station goes to 应急管理, a department store to 商务, a building site to 住建", async () => {
    assert.equal((await resolve("320481", "5265")).kind, "emergency");
    assert.equal((await resolve("320481", "5265")).matchedPrefix, "5265");
    assert.equal((await resolve("320481", "5211")).kind, "commerce");
    assert.equal((await resolve("320481", "4813")).kind, "housing");
    assert.equal((await resolve("320481", "7020")).kind, "housing");
  });
});

describe("departments", () => {
  let cityEmergency: { id: string; version: number };

  test("an administrator sets up a city department; it is read back, listed and audited", async () => {
    const res = await createDepartment(admin, { regionCode: "3204", kind: "emergency", name: "常州市应急管理局", phone: "0519-12350" });
    assert.equal(res.statusCode, 201);
    const created = res.json();
    assert.equal(created.kind, "emergency");
    assert.equal(created.version, 1);
    cityEmergency = created;

    const read = (await get(staff, `/api/departments/${created.id}`)).json();
    assert.equal(read.name, "常州市应急管理局");
    const listed = await departmentsIn("3204");
    assert.equal(listed.total, 1);
    assert.equal(listed.items[0].id, created.id);

    const audit = (await get(admin, `/api/audit?entityType=department&entityId=${created.id}`)).json().items;
    assert.equal(audit[0].action, "department.created");
    assert.equal(audit[0].regionCode, "3204");
    assert.equal(audit[0].diff.after.name, "常州市应急管理局");
  });

  test("a change is version-guarded and audited; a stale copy gets 409 and changes nothing", async () => {
    const url = `/api/departments/${cityEmergency.id}`;
    const ok = await send(admin, "PATCH", url, { version: cityEmergency.version, phone: "0519-88888888" });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().version, 2);
    assert.equal(ok.json().name, "常州市应急管理局");

    const stale = await send(admin, "PATCH", url, { version: cityEmergency.version, name: "改名" });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "conflict.stale_version");
    assert.equal((await get(admin, url)).json().name, "常州市应急管理局");

    const audit = (await get(admin, `/api/audit?entityType=department&entityId=${cityEmergency.id}`)).json().items;
    assert.equal(audit[0].action, "department.updated");
    assert.deepEqual(audit[0].diff.before, { phone: "0519-12350", version: 1 });
    assert.deepEqual(audit[0].diff.after, { phone: "0519-88888888", version: 2 });
  });

  test("one department of each kind per region: a second → 409 naming kind", async () => {
    const dup = await createDepartment(admin, { regionCode: "3204", kind: "emergency", name: "常州市应急管理局（重复）" });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, "departments.duplicate_kind");
    assert.equal(dup.json().error.fields[0].path, "kind");
    assert.equal((await departmentsIn("3204")).total, 1);
  });

  test("an unknown region → 404; a village or a province → 400 naming regionCode", async () => {
    assert.equal((await createDepartment(admin, { regionCode: "320499", kind: "emergency", name: "x" })).statusCode, 404);
    for (const regionCode of ["320481002001", "32"]) {
      const res = await createDepartment(admin, { regionCode, kind: "emergency", name: "x" });
      assert.equal(res.statusCode, 400, regionCode);
      assert.equal(res.json().error.fields[0].path, "regionCode");
      assert.match(res.json().error.message, /city, county or township/);
    }
    assert.equal((await departmentsIn("32")).total, 1, "nothing stored");
  });

  test("a 溧阳市 leader manages 溧阳市's departments, not 天宁区's nor the city's; an inspector manages none", async () => {
    const own = await createDepartment(liyangLeader, { regionCode: "320481", kind: "emergency", name: "溧阳市应急管理局" });
    assert.equal(own.statusCode, 201);
    const township = await createDepartment(liyangLeader, { regionCode: "320481002", kind: "emergency", name: "溧城街道应急管理办公室" });
    assert.equal(township.statusCode, 201);

    const elsewhere = await createDepartment(liyangLeader, { regionCode: "320402", kind: "emergency", name: "天宁区应急管理局" });
    assert.equal(elsewhere.statusCode, 403);
    assert.equal(elsewhere.json().error.code, "departments.out_of_scope");
    assert.equal((await departmentsIn("320402")).total, 0);

    const up = await send(liyangLeader, "PATCH", `/api/departments/${cityEmergency.id}`, { version: 2, name: "改名" });
    assert.equal(up.statusCode, 403);
    assert.equal((await get(liyangLeader, `/api/departments/${cityEmergency.id}`)).json().name, "常州市应急管理局");

    assert.equal((await createDepartment(inspector, { regionCode: "320481", kind: "housing", name: "x" })).statusCode, 403);

    const mine = await send(liyangLeader, "PATCH", `/api/departments/${own.json().id}`, { version: 1, phone: "0519-87212345" });
    assert.equal(mine.statusCode, 200);
  });

  test("lists filter by region subtree and kind, paginated with a total", async () => {
    const liyang = await departmentsIn("320481");
    assert.deepEqual(
      liyang.items.map((d: { regionCode: string }) => d.regionCode),
      ["320481", "320481002"],
    );
    const page = (await get(staff, "/api/departments?kind=emergency&pageSize=2&page=2")).json();
    assert.equal(page.total, 3);
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0].regionCode, "320481002");
    assert.equal((await get(staff, "/api/departments?pageSize=101")).statusCode, 400);
  });
});

describe("industry mapping: replacement and resolution", () => {
  const put = (s: Session, items: { industryPrefix: string; kind: string }[]) => send(s, "PUT", "/api/industry-mapping", { items });

  test("an administrator replaces the table; the longest prefix wins (2614 over 261 over 26 over C)", async () => {
    const res = await put(admin, [
      { industryPrefix: "C", kind: "emergency" },
      { industryPrefix: "26", kind: "industry_it" },
      { industryPrefix: "261", kind: "market" },
      { industryPrefix: "2614", kind: "other" },
      { industryPrefix: "F", kind: "commerce" },
    ]);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      res.json().items.map((i: { industryPrefix: string }) => i.industryPrefix),
      ["C", "26", "261", "2614", "F"],
    );
    assert.equal((await resolve("3204", "2614")).kind, "other");
    assert.equal((await resolve("3204", "2613")).kind, "market");
    assert.equal((await resolve("3204", "26")).kind, "industry_it");
    assert.equal((await resolve("3204", "1311")).matchedPrefix, "C");
    const none = await resolve("3204", "P");
    assert.deepEqual([none.kind, none.department], [null, null], "education is no longer mapped");

    const audit = (await get(admin, "/api/audit?entityType=industry_mapping")).json().items[0];
    assert.equal(audit.action, "industry_mapping.replaced");
    assert.equal(audit.diff.detail.rowsBefore, defaultIndustryMapping().length);
    assert.equal(audit.diff.detail.rowsAfter, 5);
    assert.deepEqual(audit.diff.detail.added, ["26", "261", "2614"]);
  });

  test("two administrators editing at once: the second save from the old revision is refused with 409", async () => {
    const { items, revision } = (await get(admin, "/api/industry-mapping")).json();
    const mine = items.map(({ industryPrefix, kind }: { industryPrefix: string; kind: string }) => ({ industryPrefix, kind }));
    const first = await send(admin, "PUT", "/api/industry-mapping", {
      items: [...mine, { industryPrefix: "G", kind: "transport" }],
      revision,
    });
    assert.equal(first.statusCode, 200);
    assert.notEqual(first.json().revision, revision);
    const second = await send(admin, "PUT", "/api/industry-mapping", { items: mine, revision });
    assert.equal(second.statusCode, 409);
    assert.ok((await get(admin, "/api/industry-mapping")).json().items.some((i: { industryPrefix: string }) => i.industryPrefix === "G"));
    const restored = await send(admin, "PUT", "/api/industry-mapping", { items: mine, revision: first.json().revision });
    assert.equal(restored.statusCode, 200);
  });

  test("resolution walks up from a village to its county's department, and to the city's when the county has none", async () => {
    await createDepartment(admin, { regionCode: "3204", kind: "market", name: "常州市市场监督管理局" });
    const village = "320481002001"; // 后街新村居委会, 溧城街道, 溧阳市

    const emergency = await resolve(village, "1311");
    assert.equal(emergency.kind, "emergency");
    assert.equal(emergency.department.name, "溧城街道应急管理办公室", "the township has one");
    const elsewhere = await resolve("320481001001", "1311"); // 昆仑街道: no township department
    assert.equal(elsewhere.department.name, "溧阳市应急管理局");
    const market = await resolve(village, "2613");
    assert.equal(market.kind, "market");
    assert.equal(market.department.name, "常州市市场监督管理局");
    const other = await resolve(village, "2614");
    assert.deepEqual([other.kind, other.department], ["other", null], "no department of that kind anywhere up the path");

    assert.equal((await get(staff, `/api/industry-mapping/resolve?regionCode=320499&industryCode=1311`)).statusCode, 404);
    const badIndustry = await get(staff, `/api/industry-mapping/resolve?regionCode=${village}&industryCode=9999`, "en");
    assert.equal(badIndustry.statusCode, 400);
    assert.equal(badIndustry.json().error.fields[0].path, "industryCode");
  });

  test("an unknown or repeated industry code → 400 naming the item; the table is unchanged", async () => {
    const res = await put(admin, [
      { industryPrefix: "C", kind: "emergency" },
      { industryPrefix: "2699", kind: "market" },
      { industryPrefix: "C", kind: "market" },
    ]);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json().error.fields.map((f: { path: string }) => f.path),
      ["items.1.industryPrefix", "items.2.industryPrefix"],
    );
    assert.match(res.json().error.message, /GB\/T 4754-2017/);
    assert.equal((await get(staff, "/api/industry-mapping")).json().items.length, 5);
  });

  test("only an administrator replaces the table: a leader gets 403 and changes nothing", async () => {
    const res = await put(liyangLeader, [{ industryPrefix: "C", kind: "housing" }]);
    assert.equal(res.statusCode, 403);
    assert.equal((await resolve("3204", "1311")).kind, "emergency");
  });
});
