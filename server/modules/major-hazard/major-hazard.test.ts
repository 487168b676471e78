import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, systemCtx, type TestApp, testApp } from "../../test/harness.js";
import { seedDemoHazardUnits } from "./major-hazard.demo.js";

// 溧阳市 (320481) › 溧城街道 (320481002) › 后街新村: the chemical plant; a second plant in 天宁区 (320402).
let t: TestApp;
let admin: Session;
let plantAdmin: Session; // enterprise_admin of the 溧阳 plant
let plantStaff: Session;
let otherAdmin: Session; // enterprise_admin of the 天宁 plant
let inspector: Session; // 溧阳市
let tianningLeader: Session;
let gridMember: Session; // 溧城街道
let plant: { id: string };
let other: { id: string };

before(async () => {
  t = await testApp();
  await seedReference(t);
  plant = await buildEnterprise(t, { name: "溧阳市华源化工有限公司" });
  other = await buildEnterprise(t, { name: "常州市天宁精细化工有限公司", regionCode: "320402001001" });
  const session = async (over: Parameters<typeof buildUser>[1]) => signIn(t, (await buildUser(t, over)).username);
  admin = await session({});
  plantAdmin = await session({ role: "enterprise_admin", enterpriseId: plant.id });
  plantStaff = await session({ role: "enterprise_staff", enterpriseId: plant.id });
  otherAdmin = await session({ role: "enterprise_admin", enterpriseId: other.id });
  inspector = await session({ role: "regulator_inspector", regionCode: "320481" });
  tianningLeader = await session({ role: "regulator_leader", regionCode: "320402" });
  gridMember = await session({ role: "grid_member", regionCode: "320481002" });
});
after(() => t.close());

const get = (s: Session, url: string, lang = "en") =>
  t.app.inject({ method: "GET", url, headers: { cookie: s.cookie, "accept-language": lang } });
const send = (s: Session, method: "POST" | "PATCH", url: string, payload: object, lang = "en") =>
  t.app.inject({ method, url, headers: s.headers({ "accept-language": lang }), payload });
const fieldsOf = (res: { json(): { error: { fields?: { path: string; message: string }[] } } }) =>
  Object.fromEntries((res.json().error.fields ?? []).map((f) => [f.path, f.message]));

const persons = {
  principal: { name: "王建国", post: "总经理", phone: "13900001111" },
  technical: { name: "李工", post: "技术总监", phone: "13900002222" },
  operations: { name: "张班长", post: "储运车间主任", phone: "13900003333" },
};
/** 液氯 20 t + 液氨 15 t, 120 people within 500 m: example 9 (S 5.5, R 38, 三级). */
const chlorineStore = (over: object = {}) => ({
  kind: "storage",
  name: "液氯液氨储罐区",
  boundaryNote: "1号防火堤内",
  peopleExposed: 120,
  substances: [
    { name: "液氯", quantityTonnes: 20 },
    { name: "液氨", quantityTonnes: 15 },
  ],
  responsiblePersons: persons,
  lastAssessmentDate: "2026-05-20",
  ...over,
});
const enterpriseOf = async (id: string) => (await get(admin, `/api/enterprises/${id}`)).json();
const auditOf = async (type: string, id: string) => (await get(admin, `/api/audit?entityType=${type}&entityId=${id}`)).json().items;
const unitCount = async (enterpriseId: string) => (await get(admin, `/api/enterprises/${enterpriseId}/hazard-units`)).json().total;

describe("the calculator over HTTP", () => {
  test("compute: per unit S, major, R, α, grade and the working; two dikes are two units (examples 1, 3, 9)", async () => {
    const res = await send(plantStaff, "POST", "/api/major-hazard/compute", {
      units: [
        {
          substances: [
            { name: "甲醇", quantityTonnes: 300, categories: ["W5.3"] },
            { name: "甲苯", quantityTonnes: 200, categories: ["W5.3"] },
          ],
          peopleExposed: 0,
        },
        { substances: [{ name: "甲醇", quantityTonnes: 300 }], peopleExposed: 0 },
        { substances: chlorineStore().substances, peopleExposed: 120 },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const [one, dikeA, chlorine] = res.json().units;
    assert.deepEqual([one.S, one.isMajor, one.R, one.level, one.alpha], [1, true, 0.5, 4, 0.5]);
    assert.deepEqual([dikeA.S, dikeA.isMajor, dikeA.R, dikeA.level], [0.6, false, null, null]);
    assert.deepEqual([chlorine.S, chlorine.R, chlorine.level, chlorine.standard], [5.5, 38, 3, "GB 18218-2018"]);
    assert.deepEqual(
      chlorine.contributions.map((c: { row: number; q: number; Q: number; qOverQ: number; beta: number }) => [
        c.row,
        c.q,
        c.Q,
        c.qOverQ,
        c.beta,
      ]),
      [
        [12, 20, 5, 4, 4],
        [1, 15, 10, 1.5, 2],
      ],
    );
  });

  test("an ambiguous CAS number or a bad check digit: 400 naming the unit's substance field; public callers 401", async () => {
    const res = await send(plantStaff, "POST", "/api/major-hazard/compute", {
      units: [
        { substances: [{ name: "甲醇", quantityTonnes: 1 }], peopleExposed: 0 },
        { substances: [{ cas: "9004-70-0", quantityTonnes: 1 }], peopleExposed: 0 },
      ],
    });
    assert.equal(res.statusCode, 400);
    assert.match(fieldsOf(res)["units.1.substances.0.tableRow"] ?? "", /rows 37, 38, 39, 40, 41, 42.*pick the row/);
    const zh = await send(
      plantStaff,
      "POST",
      "/api/major-hazard/compute",
      { units: [{ substances: [{ cas: "9004-70-0", quantityTonnes: 1 }], peopleExposed: 0 }] },
      "zh-CN",
    );
    assert.match(fieldsOf(zh)["units.0.substances.0.tableRow"] ?? "", /第 37, 38, 39, 40, 41, 42 行/);
    const check = await send(plantStaff, "POST", "/api/major-hazard/compute", {
      units: [{ substances: [{ cas: "7664-41-8", quantityTonnes: 1 }], peopleExposed: 0 }],
    });
    assert.equal(check.statusCode, 400);
    assert.match(fieldsOf(check)["units.0.substances.0.cas"] ?? "", /check digit/);
    const anonymous = await t.app.inject({ method: "POST", url: "/api/major-hazard/compute", payload: { units: [] } });
    assert.equal(anonymous.statusCode, 401);
  });

  test("the substance picker searches Table 1 by name, alias and CAS", async () => {
    const chlorine = (await get(plantStaff, `/api/major-hazard/substances?q=${encodeURIComponent("液氯")}`)).json();
    assert.deepEqual(
      chlorine.items.map((h: { row: number; Q: number; table3Beta: number }) => [h.row, h.Q, h.table3Beta]),
      [[12, 5, 4]],
    );
    const nitrocellulose = (await get(plantStaff, "/api/major-hazard/substances?q=9004-70-0")).json();
    assert.deepEqual(
      nitrocellulose.items.map((h: { row: number; Q: number }) => [h.row, h.Q]),
      [
        [37, 1],
        [38, 1],
        [39, 10],
        [40, 50],
        [41, 50],
        [42, 50],
      ],
    );
  });
});

describe("hazard units", () => {
  let unit: { id: string; version: number };

  test("an enterprise registers a unit: graded on save, working kept, enterprise flagged as holding a major hazard source; audited", async () => {
    const before = await enterpriseOf(plant.id);
    assert.equal(before.hasMajorHazardSource, false);
    const res = await send(plantAdmin, "POST", `/api/enterprises/${plant.id}/hazard-units`, chlorineStore());
    assert.equal(res.statusCode, 201, res.body);
    unit = res.json();
    const u = res.json();
    assert.deepEqual([u.isMajor, u.level, u.S, u.R, u.version], [true, 3, 5.5, 38, 1]);
    assert.equal(u.enterpriseName, "溧阳市华源化工有限公司");
    assert.equal(u.regionCode, "320481002001");
    assert.deepEqual(u.responsiblePersons, persons);
    assert.equal(u.identification.unitVersion, 1);
    assert.equal(u.identification.result.exact.R, "38");
    assert.deepEqual(u.identification.input.substances, chlorineStore().substances);
    // R11(1) and R14: re-assessment 3 years on, 备案 within 15 days of the report.
    assert.deepEqual([u.reassessmentDue, u.filingDue], ["2029-05-20", "2026-06-04"]);

    const after = await enterpriseOf(plant.id);
    assert.deepEqual([after.hasMajorHazardSource, after.version], [true, before.version + 1]);
    const [created] = await auditOf("hazard_unit", u.id);
    assert.equal(created.action, "hazard_unit.created");
    assert.equal(created.diff.after.level, 3);
    assert.equal(created.diff.detail.identificationId, u.identification.id);
    const [flag] = await auditOf("enterprise", plant.id);
    assert.equal(flag.action, "enterprise.major_hazard_source");
    assert.deepEqual([flag.diff.before.hasMajorHazardSource, flag.diff.after.hasMajorHazardSource], [false, true]);
  });

  test("a major unit must name its three 包保 persons (R15): 400 per missing person, nothing stored", async () => {
    const count = await unitCount(plant.id);
    const res = await send(
      plantAdmin,
      "POST",
      `/api/enterprises/${plant.id}/hazard-units`,
      chlorineStore({ name: "二号罐区", responsiblePersons: { principal: persons.principal } }),
      "zh-CN",
    );
    assert.equal(res.statusCode, 400);
    assert.deepEqual(fieldsOf(res), {
      "responsiblePersons.technical": "该单元构成重大危险源，须明确技术负责人（姓名、职务、电话）",
      "responsiblePersons.operations": "该单元构成重大危险源，须明确操作负责人（姓名、职务、电话）",
    });
    assert.equal(await unitCount(plant.id), count);
  });

  test("bad input: 400 with the field path and message, nothing stored", async () => {
    const count = await unitCount(plant.id);
    // 甲醇 600 t is major, and its β needs a category (not a Table 3 gas).
    const noBeta = await send(
      plantAdmin,
      "POST",
      `/api/enterprises/${plant.id}/hazard-units`,
      chlorineStore({ name: "甲醇罐区", substances: [{ name: "甲醇", quantityTonnes: 600 }] }),
    );
    assert.equal(noBeta.statusCode, 400);
    assert.match(fieldsOf(noBeta)["substances.0.categories"] ?? "", /not in Table 3/);
    const future = await send(
      plantAdmin,
      "POST",
      `/api/enterprises/${plant.id}/hazard-units`,
      chlorineStore({ name: "X", lastAssessmentDate: "2026-11-24" }),
    );
    assert.equal(future.statusCode, 400);
    assert.ok(fieldsOf(future).lastAssessmentDate);
    const shape = await send(plantAdmin, "POST", `/api/enterprises/${plant.id}/hazard-units`, {
      ...chlorineStore({ name: "Y", kind: "pipeline", peopleExposed: -1 }),
      substances: [{ quantityTonnes: 0 }],
    });
    assert.equal(shape.statusCode, 400);
    assert.deepEqual(Object.keys(fieldsOf(shape)).sort(), ["kind", "peopleExposed", "substances.0", "substances.0.quantityTonnes"]);
    assert.equal(await unitCount(plant.id), count);
  });

  test("one name per enterprise (409); another enterprise's plant does not exist (404); staff and regulators cannot register (403); a closed enterprise takes no units (409)", async () => {
    const again = await send(plantAdmin, "POST", `/api/enterprises/${plant.id}/hazard-units`, chlorineStore());
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, "major_hazard.unit_name_taken");
    assert.equal(
      (await send(otherAdmin, "POST", `/api/enterprises/${plant.id}/hazard-units`, chlorineStore({ name: "Z" }))).statusCode,
      404,
    );
    assert.equal(
      (await send(plantStaff, "POST", `/api/enterprises/${plant.id}/hazard-units`, chlorineStore({ name: "Z" }))).statusCode,
      403,
    );
    assert.equal(
      (await send(inspector, "POST", `/api/enterprises/${plant.id}/hazard-units`, chlorineStore({ name: "Z" }))).statusCode,
      403,
    );
    assert.equal(await unitCount(plant.id), 1);
    const closed = await buildEnterprise(t, { name: "溧阳市已关闭化工有限公司", status: "closed" });
    const refused = await send(admin, "POST", `/api/enterprises/${closed.id}/hazard-units`, chlorineStore());
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, "major_hazard.enterprise_closed");
    assert.equal(await unitCount(closed.id), 0);
  });

  test("an edit re-identifies under the version guard: new record appended, history kept, a stale copy gets 409", async () => {
    const url = `/api/hazard-units/${unit.id}`;
    // 液氨 only, 60 people: S = 1.5 → R = 1.5 × 2 × 1.5 = 4.5 → 四级.
    const res = await send(plantAdmin, "PATCH", url, { version: 1, substances: [{ name: "液氨", quantityTonnes: 15 }], peopleExposed: 60 });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().level, res.json().R, res.json().version, res.json().identification.unitVersion], [4, 4.5, 2, 2]);

    const stale = await send(admin, "PATCH", url, { version: 1, peopleExposed: 0 });
    assert.equal(stale.statusCode, 409);
    assert.equal((await get(admin, url)).json().peopleExposed, 60);

    // A change of the persons alone is no new computation.
    const phone = await send(plantAdmin, "PATCH", url, {
      version: 2,
      responsiblePersons: { operations: { ...persons.operations, phone: "13900004444" } },
    });
    assert.equal(phone.statusCode, 200);
    assert.deepEqual([phone.json().version, phone.json().identification.unitVersion], [3, 2]);
    assert.equal(phone.json().responsiblePersons.principal.name, "王建国", "persons left out stay");

    const history = (await get(plantStaff, `${url}/identifications`)).json();
    assert.deepEqual(
      history.items.map((i: { unitVersion: number; result: { level: number } }) => [i.unitVersion, i.result.level]),
      [
        [2, 4],
        [1, 3],
      ],
    );
    const audit = await auditOf("hazard_unit", unit.id);
    assert.deepEqual(
      audit.map((a: { action: string }) => a.action),
      ["hazard_unit.updated", "hazard_unit.updated", "hazard_unit.created"],
    );
    assert.deepEqual([audit[1].diff.before.level, audit[1].diff.after.level], [3, 4]);
    unit = phone.json();
  });

  test("when its last major unit stops being one, the enterprise no longer holds a major hazard source", async () => {
    const below = await send(plantAdmin, "PATCH", `/api/hazard-units/${unit.id}`, {
      version: unit.version,
      substances: [{ name: "液氨", quantityTonnes: 9.99 }],
    });
    assert.equal(below.statusCode, 200, below.body);
    assert.deepEqual([below.json().isMajor, below.json().level, below.json().R], [false, null, null]);
    const e = await enterpriseOf(plant.id);
    assert.equal(e.hasMajorHazardSource, false);
    const [flag] = await auditOf("enterprise", plant.id);
    assert.deepEqual([flag.action, flag.diff.after.hasMajorHazardSource], ["enterprise.major_hazard_source", false]);
    // Major again: the flag follows.
    const back = await send(plantAdmin, "PATCH", `/api/hazard-units/${unit.id}`, {
      version: below.json().version,
      substances: [{ name: "液氨", quantityTonnes: 250 }],
      peopleExposed: 100,
    });
    assert.deepEqual([back.json().level, back.json().R], [1, 100]);
    assert.equal((await enterpriseOf(plant.id)).hasMajorHazardSource, true);
  });
});

describe("who sees major hazard sources", () => {
  before(async () => {
    const post = (s: Session, enterpriseId: string, body: object) => send(s, "POST", `/api/enterprises/${enterpriseId}/hazard-units`, body);
    // 溧阳: a 二级 source (液氯 31.25 t, α 2 → R 50) and a unit below Q; 天宁: a 二级 source.
    assert.equal(
      (await post(plantAdmin, plant.id, chlorineStore({ name: "氯气钢瓶库", substances: [{ name: "液氯", quantityTonnes: 31.25 }] })))
        .statusCode,
      201,
    );
    assert.equal(
      (await post(plantAdmin, plant.id, chlorineStore({ name: "甲醇中间罐", substances: [{ name: "甲醇", quantityTonnes: 100 }] })))
        .statusCode,
      201,
    );
    assert.equal(
      (await post(admin, other.id, chlorineStore({ name: "液氨罐区", substances: [{ name: "液氨", quantityTonnes: 249 }] }))).statusCode,
      201,
    );
  });

  const sources = async (s: Session, query = "") =>
    (await get(s, `/api/major-hazard/sources?${query}`))
      .json()
      .items.map((u: { name: string; level: number; enterpriseName: string }) => [u.enterpriseName, u.name, u.level]);

  test("a regulator lists its region's sources by grade (一级 first), filters by grade and sub-region; never another region's", async () => {
    assert.deepEqual(await sources(inspector), [
      ["溧阳市华源化工有限公司", "液氯液氨储罐区", 1],
      ["溧阳市华源化工有限公司", "氯气钢瓶库", 2],
    ]);
    assert.deepEqual(await sources(inspector, "level=2"), [["溧阳市华源化工有限公司", "氯气钢瓶库", 2]]);
    assert.deepEqual(await sources(inspector, "region=320481102"), []);
    assert.deepEqual(await sources(tianningLeader), [["常州市天宁精细化工有限公司", "液氨罐区", 2]]);
    assert.deepEqual(await sources(tianningLeader, "region=320481"), [], "outside its subtree the filter finds nothing");
    assert.equal((await sources(admin)).length, 3);
    assert.equal((await get(inspector, "/api/major-hazard/sources?level=5")).statusCode, 400);
  });

  test("a unit outside the caller's scope does not exist (404); a grid member of the township and the plant's staff read it", async () => {
    const [mine] = (await get(plantStaff, `/api/enterprises/${plant.id}/hazard-units?major=true`)).json().items;
    assert.ok(mine);
    assert.equal((await get(tianningLeader, `/api/hazard-units/${mine.id}`)).statusCode, 404);
    assert.equal((await get(otherAdmin, `/api/hazard-units/${mine.id}`)).statusCode, 404);
    assert.equal((await get(otherAdmin, `/api/enterprises/${plant.id}/hazard-units`)).statusCode, 404);
    assert.equal(
      (await send(otherAdmin, "PATCH", `/api/hazard-units/${mine.id}`, { version: mine.version, peopleExposed: 0 })).statusCode,
      404,
    );
    assert.equal((await get(gridMember, `/api/hazard-units/${mine.id}`)).statusCode, 200);
    assert.equal((await get(inspector, `/api/hazard-units/${mine.id}/identifications`)).statusCode, 200);
    const own = (await get(otherAdmin, "/api/major-hazard/sources")).json();
    assert.deepEqual(
      own.items.map((u: { enterpriseId: string }) => u.enterpriseId),
      [other.id],
    );
    const all = (await get(plantStaff, `/api/enterprises/${plant.id}/hazard-units`)).json();
    // Listed by name; compared as a set, since name order follows the database's collation.
    assert.deepEqual(
      all.items.map((u: { name: string; isMajor: boolean }) => `${u.name}:${u.isMajor}`).sort(),
      ["液氯液氨储罐区:true", "氯气钢瓶库:true", "甲醇中间罐:false"].sort(),
    );
  });
});

describe("demo", () => {
  test("溧阳市's largest chemical plants get units of every grade and units that are not sources", async () => {
    for (let i = 0; i < 6; i++) await buildEnterprise(t, { name: `溧阳市演示化工有限公司${i}`, headcount: 900 - i });
    assert.equal(await seedDemoHazardUnits(t.database.db, systemCtx(t), "320481", 6), 8);
    const { items } = (await get(inspector, "/api/major-hazard/sources?pageSize=100")).json();
    const demo = items.filter((u: { enterpriseName: string }) => u.enterpriseName.startsWith("溧阳市演示化工"));
    assert.deepEqual(
      demo.map((u: { name: string; level: number; R: number }) => [u.name, u.level, u.R]),
      [
        ["液氨环氧乙烷罐区", 1, 140],
        ["液氯液氨储罐区", 2, 56],
        ["液化石油气球罐区", 3, 18],
        ["甲醇甲苯储罐区", 4, 8.1],
      ],
    );
    const lpg = (await get(admin, `/api/hazard-units/${demo[2].id}`)).json();
    assert.equal(lpg.identification.result.qra.required, false, "三级: no QRA");
    const top = (await get(admin, `/api/hazard-units/${demo[0].id}`)).json();
    assert.deepEqual(top.identification.result.qra.reasons, ["toxic_gas"]);
  });
});
