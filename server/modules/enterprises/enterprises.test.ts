import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  buildEnterprise,
  buildUser,
  type Session,
  seedReference,
  signIn,
  systemCtx,
  type TestApp,
  testApp,
  usccFor,
} from "../../test/harness.js";
import { createDepartment } from "../departments/departments.service.js";

let t: TestApp;
let admin: Session;
let liyang: Session; // 溧阳市 (320481) inspector
let tianning: { id: string };
let liyangChem: { id: string };
before(async () => {
  t = await testApp();
  await seedReference(t);
  admin = await signIn(t, (await buildUser(t)).username);
  liyang = await signIn(t, (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username);
  liyangChem = await buildEnterprise(t, { name: "溧阳市华源化工有限公司" });
  tianning = await buildEnterprise(t, {
    name: "常州市天宁消防器材有限公司",
    regionCode: "320402001001",
    industryCode: "3399",
    category: "industry_trade",
    subcategory: "machinery",
  });
});
after(() => t.close());

const get = (s: Session, url: string) => t.app.inject({ method: "GET", url, headers: { cookie: s.cookie } });
const post = (s: Session, url: string, payload: object, lang = "zh-CN") =>
  t.app.inject({ method: "POST", url, headers: s.headers({ "accept-language": lang }), payload });
const valid = (over: object = {}) => ({
  name: "溧阳市新建机械有限公司",
  uscc: usccFor(77),
  address: "溧阳市昆仑街道",
  regionCode: "320481002002",
  industryCode: "3411",
  category: "industry_trade",
  subcategory: "machinery",
  scale: "medium",
  headcount: 230,
  legalRepresentative: "李四",
  principalName: "李四",
  principalPhone: "13812345678",
  safetyManagerName: "王五",
  safetyManagerPhone: "13887654321",
  ...over,
});

describe("enterprise registry", () => {
  test("create: stored, presented with its region path and industry name, audited", async () => {
    const res = await post(liyang, "/api/enterprises", valid());
    assert.equal(res.statusCode, 201, res.body);
    const e = res.json();
    assert.equal(e.regionPath, "江苏省 / 常州市 / 溧阳市 / 溧城街道 / 平陵社区居委会");
    assert.equal(e.status, "operating");
    assert.ok(e.industryName);
    const history = (await get(liyang, `/api/enterprises/${e.id}/history`)).json();
    assert.equal(history.items[0].action, "enterprise.created");
  });

  test("bad USCC, unknown region/industry: 400 naming each field, in the caller's language; nothing stored", async () => {
    const bad = await post(
      liyang,
      "/api/enterprises",
      valid({ uscc: `${usccFor(78).slice(0, 17)}0`, regionCode: "320481999999", industryCode: "9998", name: "坏数据公司" }),
      "en",
    );
    assert.equal(bad.statusCode, 400);
    const byPath = Object.fromEntries(bad.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    assert.match(byPath.uscc, /check character/);
    const refs = await post(
      liyang,
      "/api/enterprises",
      valid({ uscc: usccFor(78), regionCode: "320481999999", industryCode: "9998", name: "坏数据公司" }),
    );
    assert.deepEqual(
      refs
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
      ["industryCode", "regionCode"],
    );
    assert.equal(
      refs.json().error.fields.find((f: { path: string }) => f.path === "regionCode").message,
      "行政区划不存在或不是村（社区）级",
    );
    assert.equal((await get(admin, `/api/enterprises?q=${encodeURIComponent("坏数据")}`)).json().total, 0);
  });

  test("a registered USCC cannot be registered twice (409 on the field)", async () => {
    const again = await post(admin, "/api/enterprises", valid({ uscc: usccFor(1001) }));
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.fields[0].path, "uscc");
  });

  test("region scope: the 溧阳市 inspector lists only 320481…, gets 404 for 天宁区, cannot create outside", async () => {
    const list = (await get(liyang, "/api/enterprises?pageSize=100")).json();
    assert.ok(list.items.length > 0);
    assert.ok(list.items.every((e: { regionCode: string }) => e.regionCode.startsWith("320481")));
    assert.equal((await get(liyang, `/api/enterprises/${tianning.id}`)).statusCode, 404);
    assert.equal((await get(admin, `/api/enterprises/${tianning.id}`)).statusCode, 200);
    const outside = await post(liyang, "/api/enterprises", valid({ uscc: usccFor(79), regionCode: "320402001001" }));
    assert.equal(outside.statusCode, 403);
    assert.equal(outside.json().error.code, "enterprise.out_of_scope");
  });

  test("an enterprise administrator sees only its own enterprise and cannot move it", async () => {
    const own = await signIn(t, (await buildUser(t, { role: "enterprise_admin", enterpriseId: liyangChem.id })).username);
    const list = (await get(own, "/api/enterprises")).json();
    assert.deepEqual(
      list.items.map((e: { id: string }) => e.id),
      [liyangChem.id],
    );
    assert.equal((await get(own, `/api/enterprises/${tianning.id}`)).statusCode, 404);
    const current = (await get(own, `/api/enterprises/${liyangChem.id}`)).json();
    const contacts = await t.app.inject({
      method: "PATCH",
      url: `/api/enterprises/${liyangChem.id}`,
      headers: own.headers(),
      payload: { version: current.version, safetyManagerName: "赵六", safetyManagerPhone: "13700000000" },
    });
    assert.equal(contacts.statusCode, 200);
    // A partial edit leaves every other field as it was (no defaults sneak in).
    assert.equal(contacts.json().standardisationGrade, current.standardisationGrade);
    assert.equal(contacts.json().hasMajorHazardSource, current.hasMajorHazardSource);
    const move = await t.app.inject({
      method: "PATCH",
      url: `/api/enterprises/${liyangChem.id}`,
      headers: own.headers(),
      payload: { version: contacts.json().version, regionCode: "320481002002" },
    });
    assert.equal(move.statusCode, 403);
    const ownRegulator = await t.app.inject({
      method: "PATCH",
      url: `/api/enterprises/${liyangChem.id}`,
      headers: own.headers(),
      payload: { version: contacts.json().version, industryDepartmentId: null, departmentOverrideReason: "自行选择" },
    });
    assert.equal(ownRegulator.statusCode, 403, "an enterprise does not choose its industry regulator");
  });

  test("search: Chinese name substring (消防 finds 某某消防器材有限公司), exact USCC, filters", async () => {
    const byName = (await get(admin, `/api/enterprises?q=${encodeURIComponent("消防")}`)).json();
    assert.deepEqual(
      byName.items.map((e: { id: string }) => e.id),
      [tianning.id],
    );
    const byUscc = (await get(admin, `/api/enterprises?q=${usccFor(1001)}`)).json();
    assert.equal(byUscc.items[0]?.uscc, usccFor(1001));
    const chem = (await get(admin, "/api/enterprises?category=hazardous_chemicals&industry=26&region=320481&pageSize=100")).json();
    assert.ok(
      chem.items.length > 0 &&
        chem.items.every(
          (e: { category: string; industryCode: string }) => e.category === "hazardous_chemicals" && e.industryCode.startsWith("26"),
        ),
    );
  });

  test("三管三必须: the industry department is derived from industry and region; an override needs a reason", async () => {
    const city = await createDepartment(t.database.db, systemCtx(t), { regionCode: "3204", kind: "emergency", name: "常州市应急管理局" });
    const county = await createDepartment(t.database.db, systemCtx(t), {
      regionCode: "320481",
      kind: "emergency",
      name: "溧阳市应急管理局",
    });
    const housing = await createDepartment(t.database.db, systemCtx(t), {
      regionCode: "320481",
      kind: "housing",
      name: "溧阳市住房和城乡建设局",
    });
    const chem = await buildEnterprise(t, { name: "溧阳市派生化工有限公司" });
    assert.equal(chem.industryDepartment?.id, county.id, "2614 制造业 → 应急管理, nearest: the county's bureau");
    const tn = await buildEnterprise(t, { name: "天宁区派生化工有限公司", regionCode: "320402001001" });
    assert.equal(tn.industryDepartment?.id, city.id, "天宁区 has no bureau of its own: the city's");
    const noReason = await post(liyang, "/api/enterprises", valid({ uscc: usccFor(90), industryDepartmentId: housing.id }), "en");
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.fields[0].path, "departmentOverrideReason");
    const overridden = await post(
      liyang,
      "/api/enterprises",
      valid({ uscc: usccFor(90), industryDepartmentId: housing.id, departmentOverrideReason: "主要从事建筑构件生产，由住建部门监管" }),
    );
    assert.equal(overridden.statusCode, 201, overridden.body);
    assert.equal(overridden.json().industryDepartment.name, "溧阳市住房和城乡建设局");
    // Moving an overridden enterprise keeps the hand-set department.
    const moved = await t.app.inject({
      method: "PATCH",
      url: `/api/enterprises/${overridden.json().id}`,
      headers: liyang.headers(),
      payload: { version: 1, industryCode: "2614" },
    });
    assert.equal(moved.json().industryDepartment.id, housing.id);
  });

  test("status: suspend (停产整顿) then resume; an illegal move is 409; a stale version is 409", async () => {
    const e = await buildEnterprise(t);
    const suspend = await post(liyang, `/api/enterprises/${e.id}/status`, {
      action: "suspend",
      version: e.version,
      reason: "重大事故隐患，责令停产整顿",
    });
    assert.equal(suspend.statusCode, 200);
    assert.equal(suspend.json().status, "suspended");
    const stale = await post(liyang, `/api/enterprises/${e.id}/status`, { action: "resume", version: e.version, reason: "整改完成" });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "conflict.stale_version");
    const illegal = await post(liyang, `/api/enterprises/${e.id}/status`, {
      action: "suspend",
      version: suspend.json().version,
      reason: "again",
    });
    assert.equal(illegal.json().error.code, "workflow.illegal_transition");
    const history = (await get(liyang, `/api/enterprises/${e.id}/history`)).json();
    assert.equal(history.items[0].action, "enterprise.suspend");
    assert.equal(history.items[0].diff.detail.reason, "重大事故隐患，责令停产整顿");
  });
});
