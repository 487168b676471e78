import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";

// 溧阳市 (320481) › 溧城街道 (320481002) › 后街新村 (…001), 平陵社区 (…002); 上黄镇 (320481102) next door.
const liyang = "320481";
const licheng = "320481002";
const houjie = "320481002001";
const pingling = "320481002002";

let t: TestApp;
let admin: Session;
let leader: Session;
let tianningLeader: Session;
let inspector: Session;
let staff: Session;
let townshipMember: { id: string; username: string; session: Session };
let villageMember: { id: string; username: string; session: Session };
let shanghuangMember: { id: string; session: Session };
let inspectorId: string;

before(async () => {
  t = await testApp();
  await seedReference(t);
  admin = await signIn(t, (await buildUser(t)).username);
  leader = await signIn(t, (await buildUser(t, { role: "regulator_leader", regionCode: liyang })).username);
  tianningLeader = await signIn(t, (await buildUser(t, { role: "regulator_leader", regionCode: "320402" })).username);
  const inspectorUser = await buildUser(t, { role: "regulator_inspector", regionCode: liyang });
  inspectorId = inspectorUser.id;
  inspector = await signIn(t, inspectorUser.username);
  staff = await signIn(t, (await buildUser(t, { role: "enterprise_staff" })).username);
  const member = async (regionCode: string) => {
    const u = await buildUser(t, { role: "grid_member", regionCode });
    return { id: u.id, username: u.username, session: await signIn(t, u.username) };
  };
  townshipMember = await member(licheng);
  villageMember = await member(houjie);
  shanghuangMember = await member("320481102");
  await member(pingling); // a third member inside 溧城街道, holding nothing

  // 后街新村: two operating, one suspended; 平陵社区: one closed; 上黄镇: one operating (outside 溧城街道).
  const enterprise = (regionCode: string, status: "operating" | "suspended" | "closed") => buildEnterprise(t, { regionCode, status });
  await enterprise(houjie, "operating");
  await enterprise(houjie, "operating");
  await enterprise(houjie, "suspended");
  await enterprise(pingling, "closed");
  await enterprise("320481102001", "operating");
});
after(() => t.close());

const get = (s: Session, url: string) => t.app.inject({ method: "GET", url, headers: { cookie: s.cookie, "accept-language": "en" } });
const send = (s: Session, method: "POST" | "PATCH", url: string, payload: object) =>
  t.app.inject({ method, url, headers: s.headers({ "accept-language": "en" }), payload });
const assign = (s: Session, userId: string, regionCode: string, duties = "每周巡查辖区企业，发现隐患及时上报") =>
  send(s, "POST", "/api/grid/assignments", { userId, regionCode, duties });
const auditOf = async (id: string) => (await get(admin, `/api/audit?entityType=grid_assignment&entityId=${id}`)).json().items;

describe("assigning grid members", () => {
  let townshipOnTownship: { id: string; version: number };

  test("a leader puts a township member on its township, with duties; it is audited", async () => {
    const res = await assign(leader, townshipMember.id, licheng);
    assert.equal(res.statusCode, 201);
    const a = res.json();
    assert.deepEqual(
      [a.regionCode, a.userId, a.username, a.active, a.version],
      [licheng, townshipMember.id, townshipMember.username, true, 1],
    );
    assert.equal(a.duties, "每周巡查辖区企业，发现隐患及时上报");
    townshipOnTownship = a;

    const audit = await auditOf(a.id);
    assert.equal(audit[0].action, "grid_assignment.created");
    assert.equal(audit[0].regionCode, licheng);
    assert.deepEqual(audit[0].diff.after.userId, townshipMember.id);
  });

  test("a township member may also hold a village beneath it; a village member only its own village", async () => {
    assert.equal((await assign(leader, townshipMember.id, houjie, "兼管后街新村")).statusCode, 201);
    assert.equal((await assign(admin, villageMember.id, houjie, "后街新村日常巡查")).statusCode, 201);

    for (const node of [licheng, pingling]) {
      const res = await assign(leader, villageMember.id, node);
      assert.equal(res.statusCode, 400, node);
      assert.equal(res.json().error.fields[0].path, "userId");
      assert.match(res.json().error.message, /own region's node or a node beneath it/);
    }
  });

  test("only grid members, only townships and villages, once at a time; duties are required and bounded", async () => {
    const notMember = await assign(leader, inspectorId, licheng);
    assert.equal(notMember.statusCode, 400);
    assert.match(notMember.json().error.message, /not a grid member/);

    const county = await assign(admin, townshipMember.id, liyang);
    assert.equal(county.statusCode, 400);
    assert.equal(county.json().error.fields[0].path, "regionCode");

    const again = await assign(leader, townshipMember.id, licheng);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, "grid.duplicate");

    assert.equal((await assign(leader, villageMember.id, houjie, "  ")).statusCode, 400);
    assert.equal((await assign(leader, shanghuangMember.id, "320481102", "x".repeat(1001))).statusCode, 400);
    assert.equal((await assign(admin, townshipMember.id, "320481099")).statusCode, 404, "no such township");
  });

  test("outside its region a leader gets 403; an inspector or a grid member cannot assign at all", async () => {
    const res = await assign(tianningLeader, townshipMember.id, licheng);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, "grid.out_of_scope");
    assert.equal((await assign(inspector, townshipMember.id, licheng)).statusCode, 403);
    assert.equal((await assign(townshipMember.session, villageMember.id, houjie)).statusCode, 403);
    const listed = (await get(admin, `/api/grid/${licheng}/assignments?status=all`)).json();
    assert.equal(listed.total, 3, "nothing stored by the refusals");
  });

  test("duties change under a version guard: a stale copy gets 409 and changes nothing; audited", async () => {
    const url = `/api/grid/assignments/${townshipOnTownship.id}`;
    const ok = await send(leader, "PATCH", url, { version: 1, duties: "每周巡查；汛期每日巡查" });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().version, 2);
    const stale = await send(admin, "PATCH", url, { version: 1, duties: "覆盖" });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "conflict.stale_version");

    const audit = await auditOf(townshipOnTownship.id);
    assert.equal(audit[0].action, "grid_assignment.updated");
    assert.deepEqual(audit[0].diff.before, { duties: "每周巡查辖区企业，发现隐患及时上报", version: 1 });
    assert.deepEqual(audit[0].diff.after, { duties: "每周巡查；汛期每日巡查", version: 2 });

    assert.equal((await send(tianningLeader, "PATCH", url, { version: 2, duties: "x" })).statusCode, 404);
    assert.equal((await send(inspector, "PATCH", url, { version: 2, duties: "x" })).statusCode, 403);
    const [held] = (await get(admin, `/api/grid/${licheng}`)).json().assignments;
    assert.equal(held.duties, "每周巡查；汛期每日巡查");
  });

  test("ending keeps the assignment as history; ending twice → 409; the member may be assigned again", async () => {
    const url = `/api/grid/assignments/${townshipOnTownship.id}/end`;
    assert.equal((await send(leader, "POST", url, { version: 1 })).statusCode, 409, "stale version");
    const ended = await send(leader, "POST", url, { version: 2, reason: "人员调整" });
    assert.equal(ended.statusCode, 200);
    assert.deepEqual([ended.json().active, ended.json().version], [false, 3]);
    const twice = await send(leader, "POST", url, { version: 3 });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, "grid.assignment_ended");
    const edit = await send(leader, "PATCH", `/api/grid/assignments/${townshipOnTownship.id}`, { version: 3, duties: "x" });
    assert.equal(edit.statusCode, 409);

    const audit = await auditOf(townshipOnTownship.id);
    assert.equal(audit[0].action, "grid_assignment.ended");
    assert.deepEqual(audit[0].diff.after, { active: false, version: 3 });
    assert.equal(audit[0].diff.detail.reason, "人员调整");

    const ended2 = (await get(leader, `/api/grid/${licheng}/assignments?status=ended`)).json();
    assert.deepEqual(
      ended2.items.map((a: { id: string }) => a.id),
      [townshipOnTownship.id],
    );
    const again = await assign(leader, townshipMember.id, licheng, "重新任命");
    assert.equal(again.statusCode, 201);
    assert.notEqual(again.json().id, townshipOnTownship.id);
  });
});

describe("the grid node view", () => {
  test("a township: its members and duties, and its subtree's enterprises by status, members and villages", async () => {
    const res = await get(leader, `/api/grid/${licheng}`);
    assert.equal(res.statusCode, 200);
    const view = res.json();
    assert.equal(view.node.name, "溧城街道");
    assert.deepEqual(
      view.assignments.map((a: { username: string; duties: string }) => [a.username, a.duties]),
      [[townshipMember.username, "重新任命"]],
    );
    assert.equal(view.assignments[0].displayName.startsWith("测试"), true);
    assert.deepEqual(view.counts.enterprises, { total: 4, byStatus: { operating: 2, suspended: 1, closed: 1 } });
    assert.equal(view.counts.gridMembers, 3, "溧城街道's own member and two village members");
    assert.equal(view.counts.assignments, 3, "溧城街道 once, 后街新村 twice");
    assert.equal(view.counts.childNodes, 47);
  });

  test("a village member sees its village, with the township member who also holds it", async () => {
    const res = await get(villageMember.session, `/api/grid/${houjie}`);
    assert.equal(res.statusCode, 200);
    const view = res.json();
    assert.deepEqual(
      view.assignments.map((a: { username: string }) => a.username).sort(),
      [townshipMember.username, villageMember.username].sort(),
    );
    assert.deepEqual(view.counts.enterprises, { total: 3, byStatus: { operating: 2, suspended: 1, closed: 0 } });
    assert.deepEqual([view.counts.gridMembers, view.counts.childNodes], [1, 0]);
  });

  test("outside the caller's subtree a node does not exist (404); enterprise users are refused (403)", async () => {
    assert.equal((await get(villageMember.session, `/api/grid/${licheng}`)).statusCode, 404);
    assert.equal((await get(villageMember.session, `/api/grid/${pingling}`)).statusCode, 404);
    assert.equal((await get(shanghuangMember.session, `/api/grid/${licheng}/assignments`)).statusCode, 404);
    assert.equal((await get(tianningLeader, `/api/grid/${licheng}`)).statusCode, 404);
    assert.equal((await get(staff, `/api/grid/${houjie}`)).statusCode, 403);
    assert.equal((await get(leader, "/api/grid/320481099")).statusCode, 404, "no such township");
    assert.equal((await get(inspector, `/api/grid/${licheng}`)).statusCode, 200);
  });

  test("the subtree's assignments, paginated, with each member's contact card", async () => {
    const page1 = (await get(inspector, `/api/grid/${liyang}/assignments?pageSize=2`)).json();
    assert.equal(page1.total, 3);
    assert.equal(page1.items.length, 2);
    assert.deepEqual(
      page1.items.map((a: { regionCode: string }) => a.regionCode),
      [licheng, houjie],
    );
    const page2 = (await get(inspector, `/api/grid/${liyang}/assignments?pageSize=2&page=2`)).json();
    assert.equal(page2.items[0].regionCode, houjie);
    // 我的网格: one member's own assignments in the subtree.
    const own = (await get(townshipMember.session, `/api/grid/${licheng}/assignments?userId=${townshipMember.id}`)).json();
    assert.ok(own.total >= 1);
    assert.ok(own.items.every((a: { userId: string }) => a.userId === townshipMember.id));
    assert.ok(own.total < page1.total);
    assert.ok(page2.items[0].username && page2.items[0].displayName);
    const all = (await get(admin, `/api/grid/${liyang}/assignments?status=all`)).json();
    assert.equal(all.total, 4);
    const mine = (await get(villageMember.session, `/api/grid/${houjie}/assignments`)).json();
    assert.equal(mine.total, 2);
  });
});
