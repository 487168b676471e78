import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { rows, sql } from "../../kernel/db/db.js";
import { type Session, signIn } from "../../test/harness.js";
import { solidPng } from "../../test/png.js";
import { bigFine, type EnforcementWorld, enforcementWorld, violation } from "./enforcement.fixture.js";

// Issue 8 §4–§5: publication of penalty decisions (enforcement.md R9), 严重失信 proposals (credit.md R2–R5) and the
// hazard register following the case. The world's clock starts on Monday 2026-11-23; decisions after a notice need
// the statement period to have run, so those tests move the clock on and sign in again.

let w: EnforcementWorld;
before(async () => {
  w = await enforcementWorld();
});
after(() => w.close());

type Who = keyof EnforcementWorld["s"];
const day = 24 * 60 * 60 * 1000;
let sessions: Partial<Record<Who, Session>> = {};

/** A live session of `who` (the world's own expire once the clock has moved days on). */
async function as(who: Who): Promise<Session> {
  const cached = sessions[who];
  if (cached) return cached;
  const [u] = await rows<{ username: string }>(w.db, sql`select username from users where id = ${w.ids[who]}`);
  const s = await signIn(w.t, u?.username as string);
  sessions[who] = s;
  return s;
}
/** Moves the clock on; the world's sessions (its finishedInspection uses them) are renewed too. */
async function advanceDays(n: number) {
  w.t.clock.advance(n * day);
  sessions = {};
  for (const who of ["ins1", "ins2"] as const) w.s[who] = await as(who);
}

const get = async (who: Who, url: string) => w.get(await as(who), url);
const anonymous = (url: string) => w.t.app.inject({ method: "GET", url, headers: { "accept-language": "en" } });

/** Appends events as `who` on the case's current version; fails the test on anything but 200. */
async function events(id: string, list: object[], who: Who = "ins1") {
  let detail = (await get(who, `/api/cases/${id}`)).json();
  for (const e of list) {
    const res = await w.event(await as(who), id, { version: detail.version, ...e });
    assert.equal(res.statusCode, 200, res.body);
    detail = res.json();
  }
  return detail;
}
const event = async (id: string, body: object, who: Who = "ins1") => {
  const { version } = (await get(who, `/api/cases/${id}`)).json();
  return w.event(await as(who), id, { version, ...body });
};

/** A case taken through filing and notice to a general-procedure decision (the statement period run out). */
async function decidedCase(over: object = {}, penalty: object = bigFine) {
  const c = await openCase(over);
  await events(c.id, [{ type: "filed" }, { type: "penalty_notice", penalty }]);
  await advanceDays(10); // 5 working days (行政处罚法 Art. 44–45, 64) and then some
  await events(c.id, [{ type: "decision_issued", penalty }]);
  return c;
}

async function openCase(over: object = {}) {
  const i = await w.finishedInspection();
  const res = await w.open(await as("ins1"), {
    inspectionId: i.id,
    violations: [violation({ facts: "主要负责人张三未组织排查，二层平台东侧临边防护栏缺失约3米" })],
    ...over,
  });
  assert.equal(res.statusCode, 201, res.body);
  return { ...res.json(), inspection: i };
}

/** A simple-procedure (简易程序) decision on a natural person, recorded today. */
const personFine = { party: "person", partyName: "欧阳娜娜", items: [{ kind: "fine", amountFen: 200_00 }] };
async function simpleCase(penalty: object = personFine, over: object = {}) {
  const c = await openCase(over);
  await events(c.id, [{ type: "simple_decision", penalty, factsEstablished: true, legalBasis: true }]);
  return c;
}

const publicList = async (query = "") => {
  const res = await anonymous(`/api/public/penalties${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res;
};
const audits = (action: string, entityId: string) =>
  w.count(sql`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${entityId}`);
const publicationOf = async (caseId: string) =>
  (
    await rows<{ id: string; withdrawn_on: string | null; withdrawn_reason: string | null }>(
      w.db,
      sql`select id, withdrawn_on::text, withdrawn_reason from penalty_publications where case_id = ${caseId}`,
    )
  )[0];

describe("publication of penalty decisions (enforcement.md R9)", () => {
  test("only published decisions appear, without sign-in: the unit, its USCC, facts, basis, penalty, fine, department, dates", async () => {
    const c = await decidedCase();
    const uscc = (await get("admin", `/api/enterprises/${w.enterpriseId}`)).json().uscc as string;
    assert.ok(!(await publicList()).body.includes(w.enterpriseName), "a decided but unpublished decision is not public");

    const d = await events(c.id, [{ type: "publication" }]);
    const published = d.events.at(-1).on as string;
    const res = await publicList();
    const item = res.json().items.find((x: { partyName: string }) => x.partyName === w.enterpriseName);
    assert.ok(item, res.body);
    assert.deepEqual(
      [item.uscc, item.penalty, item.fine, item.departmentName, item.decidedOn, item.publishedOn, item.decisionNo],
      [uscc, "罚款人民币100,000.00元", "100000.00", "溧阳市应急管理局", published, published, null],
    );
    assert.equal(item.violation, "主要负责人张*未组织排查，二层平台东侧临边防护栏缺失约3米");
    assert.match(item.basis, /^违反《中华人民共和国安全生产法》第三十六条第一款，依据《中华人民共和国安全生产法》第九十九条/);
    // The principal / legal representative / the enterprise's signer (张三) is nowhere in what the public gets.
    assert.ok(!res.body.includes("张三"), res.body);
    const one = await anonymous(`/api/public/penalties/${item.id}`);
    assert.equal(one.statusCode, 200, one.body);
    assert.deepEqual(one.json(), item);
    assert.ok(!one.body.includes("张三"));
    assert.equal(await audits("case.publication", item.id), 1);
    // Filters: region, year and the search text.
    const byRegion = (await publicList("?region=320402")).json().items as { id: string }[];
    assert.ok(!byRegion.some((x) => x.id === item.id));
    assert.ok(((await publicList("?region=320481&year=2026")).json().items as { id: string }[]).some((x) => x.id === item.id));
    assert.ok(!((await publicList("?year=2025")).json().items as { id: string }[]).some((x) => x.id === item.id));
    assert.ok(
      ((await publicList(`?q=${encodeURIComponent("执法测试化工")}`)).json().items as { id: string }[]).some((x) => x.id === item.id),
    );
    assert.equal((await anonymous("/api/public/penalties?region=abc")).statusCode, 400);
  });

  test("a natural person is published by masked name, without a code; a person party without a name is 400", async () => {
    const noName = await openCase();
    const bad = await event(noName.id, {
      type: "simple_decision",
      penalty: { party: "person", items: [{ kind: "warning" }] },
      factsEstablished: true,
      legalBasis: true,
    });
    assert.equal(bad.statusCode, 400, bad.body);
    const field = bad.json().error.fields.find((f: { path: string }) => f.path === "penalty.partyName");
    assert.ok(field && !field.message.startsWith("enforcement."), bad.body);

    // 简易程序 decisions are published on the portal too (Art. 78; credit.md R8 only keeps them off credit sites).
    const c = await simpleCase();
    await events(c.id, [{ type: "publication" }]);
    const res = await publicList();
    assert.ok(!res.body.includes("欧阳娜娜"), res.body);
    const item = res.json().items.find((x: { partyName: string }) => x.partyName === "欧阳**");
    assert.ok(item, res.body);
    assert.deepEqual([item.uscc, item.penalty, item.fine], [null, "罚款人民币200.00元", "200.00"]);
  });

  test("withdrawal needs a reason (400) and a changed or revoked decision (409); a withdrawn decision disappears", async () => {
    const c = await simpleCase({ ...personFine, partyName: "司马光" });
    await events(c.id, [{ type: "publication" }]);
    const row = await publicationOf(c.id);
    assert.ok(row && row.withdrawn_on === null);
    assert.equal((await anonymous(`/api/public/penalties/${row.id}`)).statusCode, 200);

    const noReason = await event(c.id, { type: "publication_withdrawn", reason: " " });
    assert.equal(noReason.statusCode, 400, noReason.body);
    assert.ok(noReason.json().error.fields.some((f: { path: string }) => f.path === "reason"));
    const unchanged = await event(c.id, { type: "publication_withdrawn", reason: "当事人申请" });
    assert.equal(unchanged.statusCode, 409, unchanged.body);
    assert.equal(unchanged.json().error.code, "enforcement.case.decision_not_changed");
    assert.equal((await publicationOf(c.id))?.withdrawn_on, null);

    const d = await events(c.id, [
      { type: "reconsideration_filed" },
      { type: "reconsideration_decided", outcome: "revoked" },
      { type: "publication_withdrawn", reason: "行政复议决定撤销原处罚决定" },
    ]);
    const withdrawn = await publicationOf(c.id);
    assert.deepEqual([withdrawn?.withdrawn_on, withdrawn?.withdrawn_reason], [d.events.at(-1).on, "行政复议决定撤销原处罚决定"]);
    assert.equal((await anonymous(`/api/public/penalties/${row.id}`)).statusCode, 404);
    const list = await publicList();
    assert.ok(!(list.json().items as { id: string }[]).some((x) => x.id === row.id));
    assert.ok(!list.body.includes("司马"), "neither the name nor its mask remains public");
    assert.equal(await audits("case.publication.withdrawn", row.id), 1);
  });
});

describe("严重失信 proposals (credit.md R2–R5)", () => {
  const proposals = async (who: Who) => {
    const res = await get(who, "/api/cases/credit-proposals?pageSize=100");
    return res;
  };
  const ofCase = async (who: Who, caseId: string) =>
    ((await proposals(who)).json().items as { caseId: string; criterion: string }[]).filter((p) => p.caseId === caseId);

  test("a C6 violation proposes the enterprise once the decision is issued, not before; scoped to the region and department", async () => {
    const c = await openCase({ violations: [violation({ creditCriterion: "C6" }), violation({ facts: "第二项违法行为" })] });
    await events(c.id, [{ type: "filed" }, { type: "penalty_notice", penalty: bigFine }]);
    assert.deepEqual(await ofCase("ins2", c.id), [], "no listing without a penalty decision (R2)");
    await advanceDays(10);
    const d = await events(c.id, [{ type: "decision_issued", penalty: bigFine }]);

    const res = await proposals("ins2");
    assert.equal(res.statusCode, 200, res.body);
    const mine = (res.json().items as Record<string, unknown>[]).filter((p) => p.caseId === c.id);
    assert.equal(mine.length, 1, res.body);
    const p = mine[0] as Record<string, string>;
    assert.deepEqual(
      [p.criterion, p.status, p.caseNo, p.enterpriseName, p.enterpriseId, p.decidedOn],
      ["C6", "proposed", c.caseNo, w.enterpriseName, w.enterpriseId, d.events.at(-1).on],
    );
    assert.match(p.reason as string, /C6/);
    assert.match(p.reason as string, new RegExp(c.caseNo.replace(/[〔〕]/g, ".")));
    assert.equal(await audits("case.credit_proposal", p.id as string), 1);
    // Scope: 天宁区 and the 溧城街道 township officer see nothing of 溧阳市's department; enterprises and grid have no access.
    assert.deepEqual(await ofCase("tianning", c.id), []);
    assert.deepEqual(await ofCase("township", c.id), []);
    assert.equal(
      (await proposals("admin")).json().items.some((x: { caseId: string }) => x.caseId === c.id),
      true,
    );
    assert.equal((await proposals("entAdmin")).statusCode, 403);
    assert.equal((await proposals("grid")).statusCode, 403);
    assert.equal((await get("ins2", "/api/cases/credit-proposals?region=320402")).json().total, 0);
  });

  test("no proposal without a criterion, and none from a simple-procedure decision", async () => {
    const plain = await decidedCase();
    assert.deepEqual(await ofCase("admin", plain.id), []);
    const simple = await simpleCase(
      { party: "unit", items: [{ kind: "warning" }] },
      { violations: [violation({ creditCriterion: "C6" })] },
    );
    assert.deepEqual(await ofCase("admin", simple.id), []);
  });
});

describe("hazards follow the case (issue 8 §4)", () => {
  const signOff = async (hazardId: string) => {
    const h = (await get("ins1", `/api/hazards/${hazardId}`)).json();
    return w.send(await as("ins1"), "POST", `/api/hazards/${hazardId}/transitions`, {
      action: "fix_on_spot",
      version: h.version,
      rectification: "现场恢复防护栏",
      photos: [{ contentType: "image/png", data: solidPng(8, 8).toString("base64") }],
    });
  };

  test("a hazard of a case with an unmet order cannot be signed off (409 naming the case) until re-inspection finds it rectified", async () => {
    const c = await openCase();
    const [hazardId] = c.inspection.hazardIds as string[];
    assert.ok(hazardId);
    const deadline = new Date(w.t.clock.now().getTime() + 7 * day).toISOString().slice(0, 10);
    await events(c.id, [{ type: "order_issued", deadline }]);

    const refused = await signOff(hazardId);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, "hazards.case_order_unmet");
    assert.ok(refused.json().error.message.includes(c.caseNo), refused.body);
    assert.equal((await get("ins1", `/api/hazards/${hazardId}`)).json().state, "reported");

    await events(c.id, [{ type: "reinspected_rectified" }]);
    const done = await signOff(hazardId);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().state, "accepted");
  });
});
