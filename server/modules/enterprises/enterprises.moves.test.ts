import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { lecPolicy } from "../../../domain/risk/builtin-policies.js";
import { rows, sql } from "../../kernel/db/db.js";
import { buildCast, buildEnterprise, type Session, seedReference, type TestApp, testApp } from "../../test/harness.js";
import { encodePng } from "../risk/risk.demo.js";
import { onEnterpriseMoved } from "./enterprises.moves.js";

// 企业迁址: an enterprise of 溧阳市 (county A, 320481) moves to a village of 天宁区 (county B, 320402). Its records
// (risk, checks, major hazard units, hazards, self-inspection schedules) follow it; an inspection A's officers
// started stays with A. The test clock starts on Monday 2026-11-23, 10:00 in Shanghai.
const fromVillage = "320481002001"; // 溧阳市 溧城街道 后街新村
const toVillage = "320402001001"; // 天宁区, another county of 常州市
let t: TestApp;
let mover: string;
let neighbour: string; // stays in 溧阳市: its records must not move
const cast = {
  admin: {},
  entAdmin: { role: "enterprise_admin", regionCode: null },
  neighbourAdmin: { role: "enterprise_admin", regionCode: null },
  liyang: { role: "regulator_inspector", regionCode: "320481" },
  liyangLeader: { role: "regulator_leader", regionCode: "320481" },
  tianning: { role: "regulator_inspector", regionCode: "320402" },
  cityLeader: { role: "regulator_leader", regionCode: "3204" },
} as const;
let s: Record<keyof typeof cast, Session>;
let ids: Record<keyof typeof cast, string>;
const made: Record<"hazard" | "checkHazard" | "point" | "task" | "unit" | "schedule" | "inspection" | "neighbourHazard", string> = {
  hazard: "",
  checkHazard: "",
  point: "",
  task: "",
  unit: "",
  schedule: "",
  inspection: "",
  neighbourHazard: "",
};

/** Every table holding a copy of the enterprise's region, as the audit row names them. */
const following = [
  "check_records",
  "check_tasks",
  "checklists",
  "hazard_identifications",
  "hazard_photos",
  "hazard_units",
  "hazards",
  "risk_assessments",
  "risk_enterprise_settings",
  "risk_points",
  "risk_policies",
  "risk_site_plans",
  "self_inspection_schedules",
];

const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const send = (session: Session, method: "POST" | "PATCH" | "PUT", url: string, payload: object) =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": "en" }), payload });
async function ok<T = Record<string, unknown>>(res: Promise<{ statusCode: number; body: string; json(): T }>, status = 200): Promise<T> {
  const r = await res;
  assert.equal(r.statusCode, status, r.body);
  return r.json();
}
const png = encodePng(4, 3, () => [200, 40, 40]);
const photo = { contentType: "image/png", data: png.toString("base64") };

/** Region codes of the enterprise's rows in each following table (distinct), straight from the database. */
async function regionsByTable(enterpriseId: string): Promise<Record<string, { n: number; regions: string[] }>> {
  const out: Record<string, { n: number; regions: string[] }> = {};
  for (const table of following) {
    const [r] = await rows<{ n: number; regions: string[] }>(
      t.database.db,
      sql`select count(*)::int as n, coalesce(array_agg(distinct region_code), '{}') as regions
          from ${sql.identifier(table)} where enterprise_id = ${enterpriseId}`,
    );
    out[table] = r as { n: number; regions: string[] };
  }
  return out;
}
const inspectionRegion = async (id: string) =>
  (await rows<{ region_code: string }>(t.database.db, sql`select region_code from inspections where id = ${id}`))[0]?.region_code;
const versionOf = async (id: string) => (await ok<{ version: number }>(get(s.admin, `/api/enterprises/${id}`))).version;
const found = async (session: Session) => (await ok<{ totals: { found: number } }>(get(session, "/api/hazards/stats"))).totals.found;

before(async () => {
  t = await testApp();
  await seedReference(t);
  mover = (await buildEnterprise(t, { name: "溧阳市迁址测试化工有限公司", regionCode: fromVillage })).id;
  neighbour = (await buildEnterprise(t, { name: "溧阳市留守测试化工有限公司", regionCode: fromVillage })).id;
  ({ s, ids } = await buildCast(
    t,
    {
      ...cast,
      entAdmin: { ...cast.entAdmin, enterpriseId: mover },
      neighbourAdmin: { ...cast.neighbourAdmin, enterpriseId: neighbour },
    },
    { certNos: { liyang: "JF32048100011", liyangLeader: "JF32048100012" } },
  ));

  // Risk: a point with a control measure, assessed; the enterprise's settings, site plan and own policy.
  const point = await ok<{ id: string; events: { measures: { id: string }[] }[] }>(
    send(s.entAdmin, "POST", `/api/enterprises/${mover}/risk-points`, {
      name: "甲醇储罐区",
      kind: "area",
      events: [
        {
          description: "储罐泄漏遇点火源",
          accidentType: "fire",
          consequence: "火灾爆炸，多人伤亡",
          measures: [{ type: "engineering", description: "液位高低报警与可燃气体检测报警有效", layer: "workshop" }],
        },
      ],
    }),
    201,
  );
  made.point = point.id;
  await ok(
    send(s.entAdmin, "POST", `/api/risk-points/${point.id}/assessments`, { policy: "ls-b", factors: { L: 3, S: 4 }, version: 1 }),
    201,
  );
  await ok(
    send(s.entAdmin, "PUT", `/api/enterprises/${mover}/risk-settings`, {
      controlLayers: { major: "enterprise", significant: "enterprise", general: "workshop", low: "team_post" },
      reviewIntervalMonths: 6,
      version: 0,
    }),
  );
  const boundary = "----redline-moves-boundary";
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.png"\r\nContent-Type: image/png\r\n\r\n`),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const plan = await t.app.inject({
    method: "POST",
    url: `/api/enterprises/${mover}/site-plan`,
    headers: s.entAdmin.headers({ "content-type": `multipart/form-data; boundary=${boundary}` }),
    payload: body,
  });
  assert.equal(plan.statusCode, 201, plan.body);
  const { version: _, ...lec } = lecPolicy;
  await ok(
    send(s.entAdmin, "POST", "/api/risk/policies", {
      ...lec,
      id: "lec-mover",
      name: { zh: "迁址企业 LEC", en: "Mover's LEC" },
      effectiveFrom: "2026-01-01",
    }),
    201,
  );

  // Checks: a daily task on the measure; today's check fails and raises a hazard.
  made.task = (
    await ok<{ id: string }>(
      send(s.entAdmin, "POST", `/api/risk-points/${point.id}/check-tasks`, {
        measureId: point.events[0]?.measures[0]?.id,
        content: "检查液位报警和可燃气体探头显示正常",
        frequency: "daily",
        assigneeUserId: ids.entAdmin,
        startsOn: "2026-11-23",
      }),
      201,
    )
  ).id;
  const record = await ok<{ hazardRef: string }>(
    send(s.entAdmin, "POST", `/api/check-tasks/${made.task}/records`, { result: "fail", remark: "可燃气体探头离线" }),
    201,
  );
  made.checkHazard = record.hazardRef;

  // Hazards: one reported with a photo; the neighbour's, which stays.
  const report = (session: Session, enterpriseId: string, description: string) =>
    ok<{ id: string }>(
      send(session, "POST", "/api/hazards", { enterpriseId, description, location: "二号车间", source: "self_check", photos: [photo] }),
      201,
    );
  made.hazard = (await report(s.entAdmin, mover, "二号车间平台防护栏缺失")).id;
  made.neighbourHazard = (await report(s.neighbourAdmin, neighbour, "配电室门未上锁")).id;

  // Major hazard: a 液氯/液氨 storage unit (identified, so an identification row too).
  made.unit = (
    await ok<{ id: string }>(
      send(s.entAdmin, "POST", `/api/enterprises/${mover}/hazard-units`, {
        kind: "storage",
        name: "液氯液氨储罐区",
        peopleExposed: 120,
        substances: [
          { name: "液氯", quantityTonnes: 20 },
          { name: "液氨", quantityTonnes: 15 },
        ],
        responsiblePersons: {
          principal: { name: "王建国", post: "总经理", phone: "13900001111" },
          technical: { name: "李工", post: "技术总监", phone: "13900002222" },
          operations: { name: "张班长", post: "储运车间主任", phone: "13900003333" },
        },
        lastAssessmentDate: "2026-05-20",
      }),
      201,
    )
  ).id;

  // Inspections: a nationwide checklist; the enterprise's daily self-inspection schedule, and an inspection
  // 溧阳市's officers start (what a regulator did: it stays).
  const draft = {
    sections: [{ id: "s1", title: "现场", items: [{ id: "exit", question: "安全出口、疏散通道畅通", type: "pass_fail" }] }],
  };
  const checklist = await ok<{ id: string; version: number }>(
    send(s.admin, "POST", "/api/checklists", { name: "迁址测试检查表", draft }),
    201,
  );
  await ok(send(s.admin, "POST", `/api/checklists/${checklist.id}/publish`, { version: checklist.version }));
  // The enterprise's own template (owned by it, so it follows).
  await ok(send(s.entAdmin, "POST", "/api/checklists", { name: "本企业日常检查表", draft }), 201);
  made.schedule = (
    await ok<{ id: string }>(
      send(s.entAdmin, "POST", "/api/self-inspections/schedules", {
        checklistId: checklist.id,
        title: "班前自查",
        frequency: "daily",
        assigneeUserId: ids.entAdmin,
        startsOn: "2026-11-23",
      }),
      201,
    )
  ).id;
  made.inspection = (
    await ok<{ id: string }>(
      send(s.liyang, "POST", "/api/inspections", {
        kind: "planned",
        enterpriseId: mover,
        checklistId: checklist.id,
        inspectorIds: [ids.liyang, ids.liyangLeader],
        latitude: 31.4167,
        longitude: 119.4833,
      }),
      201,
    )
  ).id;
});
after(() => t.close());

describe("an enterprise moved to another county takes its records along", () => {
  test("before the move: 溧阳市 sees the enterprise's records, 天宁区 sees none of them", async () => {
    const before = await regionsByTable(mover);
    for (const table of following) assert.deepEqual([before[table]?.n !== 0, before[table]?.regions], [true, [fromVillage]], table);

    assert.equal((await get(s.tianning, `/api/enterprises/${mover}`)).statusCode, 404);
    assert.equal((await get(s.tianning, `/api/hazards/${made.hazard}`)).statusCode, 404);
    assert.equal((await get(s.tianning, `/api/risk-points/${made.point}`)).statusCode, 404);
    assert.equal((await get(s.tianning, `/api/check-tasks/${made.task}`)).statusCode, 404);
    assert.equal((await ok<{ total: number }>(get(s.tianning, "/api/hazards"))).total, 0);
    assert.equal(await found(s.tianning), 0);
    assert.equal((await ok<{ total: number }>(get(s.liyang, "/api/hazards"))).total, 3);
    assert.equal(await found(s.liyang), 3);
  });

  test("a county regulator cannot move it out of its county; the other county does not even see it", async () => {
    const version = await versionOf(mover);
    const leader = await send(s.liyangLeader, "PATCH", `/api/enterprises/${mover}`, { version, regionCode: toVillage });
    assert.deepEqual([leader.statusCode, leader.json().error.code], [403, "enterprise.out_of_scope"]);
    assert.equal((await send(s.tianning, "PATCH", `/api/enterprises/${mover}`, { version, regionCode: toVillage })).statusCode, 404);
    assert.equal((await ok<{ regionCode: string }>(get(s.admin, `/api/enterprises/${mover}`))).regionCode, fromVillage);
  });

  test("an edit that keeps the village follows nothing", async () => {
    await ok(send(s.liyang, "PATCH", `/api/enterprises/${mover}`, { version: await versionOf(mover), address: "溧阳市溧城街道迁址路2号" }));
    const [last] = (
      await ok<{ items: { action: string; diff: { detail?: unknown } }[] }>(get(s.liyang, `/api/enterprises/${mover}/history`))
    ).items;
    assert.deepEqual([last?.action, last?.diff.detail], ["enterprise.updated", undefined]);
    assert.equal((await regionsByTable(mover)).hazards?.regions[0], fromVillage);
  });

  test("a follower that fails rolls the whole move back", async () => {
    const remove = onEnterpriseMoved("failing", async (tx, m) => {
      // Runs after the registered ones: their updates are inside the same transaction and must vanish with it.
      const [n] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from hazards where region_code = ${m.to}`);
      assert.equal(n?.n, 2);
      throw new Error("follower failed");
    });
    try {
      const res = await send(s.cityLeader, "PATCH", `/api/enterprises/${mover}`, {
        version: await versionOf(mover),
        regionCode: toVillage,
      });
      assert.equal(res.statusCode, 500, res.body);
    } finally {
      remove();
    }
    assert.equal((await ok<{ regionCode: string }>(get(s.admin, `/api/enterprises/${mover}`))).regionCode, fromVillage);
    const after = await regionsByTable(mover);
    for (const table of following) assert.deepEqual(after[table]?.regions, [fromVillage], table);
    assert.equal((await get(s.tianning, `/api/hazards/${made.hazard}`)).statusCode, 404);
  });

  test("the city leader moves it to 天宁区: every copy follows in the move, counted in its audit row", async () => {
    const counts = await regionsByTable(mover);
    const moved = await ok<{ regionCode: string }>(
      send(s.cityLeader, "PATCH", `/api/enterprises/${mover}`, { version: await versionOf(mover), regionCode: toVillage }),
    );
    assert.equal(moved.regionCode, toVillage);

    const after = await regionsByTable(mover);
    for (const table of following) assert.deepEqual(after[table]?.regions, [toVillage], table);
    const history = await ok<{ items: { action: string; regionCode: string; diff: { detail?: { followed: Record<string, number> } } }[] }>(
      get(s.tianning, `/api/enterprises/${mover}/history`),
    );
    const [last] = history.items;
    assert.deepEqual([last?.action, last?.regionCode], ["enterprise.updated", toVillage]);
    const followed = last?.diff.detail?.followed ?? {};
    assert.deepEqual(Object.keys(followed).sort(), following);
    for (const table of following) assert.equal(followed[table], counts[table]?.n, table);
    assert.deepEqual([followed.hazards, followed.risk_points, followed.check_tasks, followed.check_records], [2, 1, 1, 1]);

    // Neither the neighbour's records nor the inspection 溧阳市's officers started move.
    for (const [table, r] of Object.entries(await regionsByTable(neighbour)))
      if (r.n) assert.deepEqual(r.regions, [fromVillage], `neighbour ${table}`);
    assert.equal(await inspectionRegion(made.inspection), fromVillage);
  });

  test("afterwards 天宁区's inspector lists and opens them, and 溧阳市's no longer does", async () => {
    const seen = async (session: Session, status: number) => {
      for (const url of [
        `/api/enterprises/${mover}`,
        `/api/hazards/${made.hazard}`,
        `/api/hazards/${made.checkHazard}`,
        `/api/risk-points/${made.point}`,
        `/api/check-tasks/${made.task}`,
        `/api/hazard-units/${made.unit}`,
        `/api/self-inspections/schedules/${made.schedule}`,
        `/api/enterprises/${mover}/site-plan`,
      ])
        assert.equal((await get(session, url)).statusCode, status, url);
    };
    await seen(s.tianning, 200);
    await seen(s.liyang, 404);

    const hazards = await ok<{ total: number; items: { id: string }[] }>(get(s.tianning, "/api/hazards"));
    assert.deepEqual(hazards.items.map((h) => h.id).sort(), [made.hazard, made.checkHazard].sort());
    const detail = await ok<{ photos: { id: string }[] }>(get(s.tianning, `/api/hazards/${made.hazard}`));
    assert.equal((await get(s.tianning, `/api/hazard-photos/${detail.photos[0]?.id}`)).statusCode, 200);
    assert.deepEqual(
      (await ok<{ items: { id: string }[] }>(get(s.liyang, "/api/hazards"))).items.map((h) => h.id),
      [made.neighbourHazard],
    );

    const points = await ok<{ total: number }>(get(s.tianning, `/api/enterprises/${mover}/risk-points`));
    const tasks = await ok<{ total: number }>(get(s.tianning, `/api/enterprises/${mover}/check-tasks`));
    const records = await ok<{ total: number }>(get(s.tianning, `/api/check-tasks/${made.task}/records`));
    const schedules = await ok<{ items: { id: string }[] }>(get(s.tianning, `/api/self-inspections/schedules?enterprise=${mover}`));
    assert.deepEqual([points.total, tasks.total, records.total, schedules.items.map((x) => x.id)], [1, 1, 1, [made.schedule]]);
    assert.equal((await get(s.liyang, `/api/self-inspections/schedules?enterprise=${mover}`)).statusCode, 404);

    // Remembered statistics recompute for both counties.
    assert.equal(await found(s.tianning), 2);
    assert.equal(await found(s.liyang), 1);

    // The inspection is 溧阳市's: its officers still open it, 天宁区's do not.
    assert.equal((await get(s.liyang, `/api/inspections/${made.inspection}`)).statusCode, 200);
    assert.equal((await get(s.tianning, `/api/inspections/${made.inspection}`)).statusCode, 404);
  });
});
