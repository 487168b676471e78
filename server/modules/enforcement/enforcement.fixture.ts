import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { ChecklistContent } from "../../../domain/inspections/checklist.js";
import { rows, type sql } from "../../kernel/db/db.js";
import { buildCast, buildEnterprise, type Session, seedReference, signIn, systemCtx, type TestApp, testApp } from "../../test/harness.js";
import { solidPng } from "../../test/png.js";
import { createChecklist, publishChecklist } from "../checklists/checklists.service.js";
import { createDepartment } from "../departments/departments.service.js";

/**
 * The world of the enforcement tests (test-only): the test clock stands on Monday 2026-11-23 (Shanghai); the
 * enterprise is in 溧阳市 溧城街道 (320481002001); the case department is 溧阳市应急管理局 (320481). ins1 (inspector)
 * and ins2 (leader) are certified 执法人员 of 溧阳市; tianning one of 天宁区; township an inspector of 溧城街道.
 */
export const enforcementCast = {
  admin: {},
  ins1: { role: "regulator_inspector", regionCode: "320481" },
  ins2: { role: "regulator_leader", regionCode: "320481" },
  tianning: { role: "regulator_inspector", regionCode: "320402" },
  township: { role: "regulator_inspector", regionCode: "320481002" },
  grid: { role: "grid_member", regionCode: "320481002" },
  entAdmin: { role: "enterprise_admin", regionCode: null },
  otherEnt: { role: "enterprise_admin", regionCode: null },
} as const;
type Who = keyof typeof enforcementCast;

/** A one-item checklist (平台临边防护栏) whose fail raises a general hazard. */
export const guardChecklist: ChecklistContent = {
  sections: [
    {
      id: "site",
      title: "现场管理",
      items: [
        {
          id: "guard",
          question: "平台临边防护栏是否完好",
          type: "pass_fail",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: { standard: "中华人民共和国安全生产法", number: "", version: "2021", article: "第三十六条" },
          onFail: "general",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: "premises",
        },
      ],
    },
  ],
};

export const ink = solidPng(120, 40).toString("base64");

/** A violation item as POST /api/cases takes it. */
export const violation = (over: object = {}) => ({
  facts: "二层平台东侧临边防护栏缺失约3米，未采取安全防护措施",
  provisionViolated: "《中华人民共和国安全生产法》第三十六条第一款",
  provisionApplied: "《中华人民共和国安全生产法》第九十九条第（一）项",
  proposed: "20000.50",
  ...over,
});

/** A penalty whose fine (¥100,000 on a unit) carries the hearing right (行政处罚法 Art. 63). */
export const bigFine = { party: "unit", items: [{ kind: "fine", amountFen: 100_000_00 }] };

export type EnforcementWorld = Awaited<ReturnType<typeof enforcementWorld>>;

/** Builds the world on a fresh test app; `close()` it in `after`. */
export async function enforcementWorld(env: Record<string, string> = {}) {
  const t: TestApp = await testApp(env);
  await seedReference(t);
  const enterpriseName = "溧阳市执法测试化工有限公司";
  const enterpriseId = (await buildEnterprise(t, { name: enterpriseName })).id;
  const otherEnterpriseId = (await buildEnterprise(t, { name: "溧阳市另一家执法测试有限公司" })).id;
  const make = {
    ...enforcementCast,
    entAdmin: { ...enforcementCast.entAdmin, enterpriseId },
    otherEnt: { ...enforcementCast.otherEnt, enterpriseId: otherEnterpriseId },
  };
  const { s, ids, names } = await buildCast(t, make, {
    certNos: { ins1: "JF32048109001", ins2: "JF32048109002", tianning: "JF32040209001" },
    usernamePrefix: "enf-",
  });
  /** Signs everyone in again (after moving the test clock past the sessions' idle limit); `s` is updated in place. */
  async function renewSessions() {
    for (const k of Object.keys(make) as Who[]) s[k] = await signIn(t, `enf-${k}`);
  }
  const db = t.database.db;
  const departmentId = (await createDepartment(db, systemCtx(t), { regionCode: "320481", kind: "emergency", name: "溧阳市应急管理局" })).id;
  const housingId = (await createDepartment(db, systemCtx(t), { regionCode: "320481", kind: "housing", name: "溧阳市住房和城乡建设局" }))
    .id;
  const created = await createChecklist(db, systemCtx(t), { name: "执法测试检查表", category: null, draft: guardChecklist });
  const checklistId = created.id;
  await publishChecklist(db, systemCtx(t), checklistId, { version: created.version });

  const get = (session: Session, url: string) =>
    t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
  const send = (session: Session, method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: object) =>
    t.app.inject({ method, url, headers: session.headers({ "accept-language": "en" }), ...(payload ? { payload } : {}) });
  const count = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(db, q))[0]?.n ?? 0;

  /** A finished planned inspection by ins1 + ins2 with one failed item (one general hazard). */
  async function finishedInspection(finish = true, enterprise = enterpriseId): Promise<{ id: string; hazardIds: string[] }> {
    const started = await send(s.ins1, "POST", "/api/inspections", {
      kind: "planned",
      enterpriseId: enterprise,
      checklistId,
      inspectorIds: [ids.ins1, ids.ins2],
      departmentId,
    });
    assert.equal(started.statusCode, 201, started.body);
    const id = started.json().id as string;
    const put = await send(s.ins1, "PUT", `/api/inspections/${id}/responses`, {
      version: 1,
      responses: [{ id: randomUUID(), itemId: "guard", result: "fail", note: "二层平台东侧护栏缺失约3米" }],
    });
    assert.equal(put.statusCode, 200, put.body);
    if (!finish) return { id, hazardIds: [] };
    const done = await send(s.ins1, "POST", `/api/inspections/${id}/finish`, {
      version: 2,
      signatures: [
        { signer: "inspector", name: names.ins1, userId: ids.ins1, image: ink },
        { signer: "inspector", name: names.ins2, userId: ids.ins2, image: ink },
        { signer: "enterprise", name: "张三", image: ink },
      ],
    });
    assert.equal(done.statusCode, 200, done.body);
    return { id, hazardIds: done.json().hazards.map((h: { id: string }) => h.id) };
  }

  const open = (session: Session, body: object) => send(session, "POST", "/api/cases", body);
  /** A case opened by ins1 from a fresh finished inspection (one violation, an internal note). */
  async function openedCase(over: object = {}, enterprise = enterpriseId) {
    const i = await finishedInspection(true, enterprise);
    const res = await open(s.ins1, { inspectionId: i.id, violations: [violation()], internalNote: "拟从重处罚", ...over });
    assert.equal(res.statusCode, 201, res.body);
    return { ...res.json(), inspection: i };
  }
  const event = (session: Session, id: string, body: object) => send(session, "POST", `/api/cases/${id}/events`, body);
  /** Appends events in order as ins1, each on the case's version so far; fails the test on a refusal. Answers the last detail. */
  async function events(id: string, list: object[]) {
    let detail = (await get(s.ins1, `/api/cases/${id}`)).json();
    for (const e of list) {
      const res = await event(s.ins1, id, { version: detail.version, ...e });
      assert.equal(res.statusCode, 200, res.body);
      detail = res.json();
    }
    return detail;
  }

  return {
    t,
    db,
    s: s as Record<Who, Session>,
    ids: ids as Record<Who, string>,
    names: names as Record<Who, string>,
    enterpriseId,
    enterpriseName,
    otherEnterpriseId,
    departmentId,
    housingId,
    checklistId,
    get,
    send,
    count,
    finishedInspection,
    open,
    openedCase,
    event,
    events,
    renewSessions,
    close: () => t.close(),
  };
}
