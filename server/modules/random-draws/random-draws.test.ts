import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Role } from "../../../domain/access/roles.js";
import { canonicalList, commitLists, listDigest, runDraw } from "../../../domain/inspections/draw.js";
import { drawInputOf, type PublicRandomDraw, type RandomDraw } from "../../../domain/inspections/random-draw.dto.js";
import { rows, sql } from "../../kernel/db/db.js";
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
import { createUser } from "../accounts/users.service.js";
import { drawnEnterprises, drawnObject, publishedDraw } from "./random-draws.service.js";

// The test clock starts on Monday 2026-11-23, 10:00 in Shanghai.
let t: TestApp;
let s: Record<"admin" | "leader" | "city" | "tianning" | "township" | "grid" | "entAdmin", Session>;
/** 溧阳市 enterprises that belong on a 溧阳市 draw (not closed), by USCC. */
let liyang: { id: string; uscc: string; name: string }[];
let closedUscc: string;
let tianningUscc: string;
/** Certified officers of 溧阳市 (the leader and five inspectors), and one of 天宁区. */
const liyangCerts = ["JF320481001", "JF320481002", "JF320481003", "JF320481004", "JF320481005", "JF320481006"];
const tianningCert = "JF320402001";

async function officer(role: Role, regionCode: string, certNo: string | null, name: string) {
  const u = await createUser(
    t.database.db,
    { actor: null, ip: null, now: t.clock.now() },
    {
      username: `officer-${name}`,
      displayName: name,
      role,
      regionCode,
      enforcementCertNo: certNo,
      phone: "13912345678",
      password: "Redline#2026",
    },
  );
  return u;
}

before(async () => {
  t = await testApp();
  await seedReference(t);
  liyang = [];
  for (let i = 0; i < 12; i++) {
    const e = await buildEnterprise(t, { name: `溧阳市抽查测试企业${i}`, uscc: usccFor(7000 + i), regionCode: "320481002001" });
    liyang.push({ id: e.id, uscc: e.uscc, name: e.name });
  }
  // A fireworks shop in the same county (filtered out by category), a closed plant, and an enterprise of 天宁区.
  const fireworks = await buildEnterprise(t, { name: "溧阳市烟花爆竹批发部", uscc: usccFor(7100), category: "fireworks" });
  liyang.push({ id: fireworks.id, uscc: fireworks.uscc, name: fireworks.name });
  closedUscc = (await buildEnterprise(t, { name: "溧阳市已关闭化工厂", uscc: usccFor(7200), status: "closed" })).uscc;
  tianningUscc = (await buildEnterprise(t, { name: "天宁区测试企业", uscc: usccFor(7300, "320402"), regionCode: "320402001001" })).uscc;

  const leader = await officer("regulator_leader", "320481", liyangCerts[0] as string, "溧阳局长");
  for (let i = 1; i < liyangCerts.length; i++) await officer("regulator_inspector", "320481", liyangCerts[i] as string, `溧阳执法${i}`);
  await officer("regulator_inspector", "320481", null, "溧阳无证"); // no certificate: not on the inspector list
  await officer("regulator_inspector", "320402", tianningCert, "天宁执法");
  const entAdmin = await buildUser(t, { role: "enterprise_admin", enterpriseId: liyang[0]?.id });
  s = {
    admin: await signIn(t, (await buildUser(t)).username),
    leader: await signIn(t, leader.username),
    city: await signIn(t, (await buildUser(t, { role: "regulator_leader", regionCode: "3204" })).username),
    tianning: await signIn(t, (await buildUser(t, { role: "regulator_inspector", regionCode: "320402" })).username),
    township: await signIn(t, (await buildUser(t, { role: "regulator_inspector", regionCode: "320481002" })).username),
    grid: await signIn(t, (await buildUser(t, { role: "grid_member" })).username),
    entAdmin: await signIn(t, entAdmin.username),
  };
});
after(() => t.close());

const get = (session: Session | null, url: string) =>
  t.app.inject({ method: "GET", url, headers: { ...(session ? { cookie: session.cookie } : {}), "accept-language": "en" } });
const send = (session: Session, method: "POST" | "PATCH", url: string, payload: object) =>
  t.app.inject({ method, url, headers: session.headers({ "accept-language": "en" }), payload });
const count = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(t.database.db, q))[0]?.n ?? 0;
const fieldsOf = (res: { json(): { error: { fields?: { path: string }[] } } }) => (res.json().error.fields ?? []).map((f) => f.path);

let planSeq = 0;
const prepareBody = (over: object = {}) => ({
  planCode: `LY-320481-2026-DR-${String(++planSeq).padStart(3, "0")}`,
  title: "2026年第四季度危险化学品双随机抽查",
  regionCode: "320481",
  filters: { categories: ["hazardous_chemicals"] },
  sampleRate: 0.25,
  teamSize: 2,
  beaconSource: "中国福利彩票双色球",
  beaconId: "2026136期",
  ...over,
});

/** Re-runs the draw from the public record alone, with the bundled SHA-256 (what the public page does). */
function rerun(p: PublicRandomDraw) {
  assert.ok(p.objects && p.inspectors && p.recusals && p.beaconValue, "the record is complete");
  return runDraw(
    drawInputOf({
      planCode: p.planCode,
      beaconValue: p.beaconValue,
      params: p.params,
      objects: p.objects,
      inspectors: p.inspectors,
      recusals: p.recusals,
      replacements: p.result?.replacements ?? [],
    }),
  );
}

describe("accounts: 行政执法证号 on the user", () => {
  test("an administrator sets it on create and update; it is upper-cased, unique and only for regulators", async () => {
    const created = await send(s.admin, "POST", "/api/users", {
      username: "ly.cert.new",
      displayName: "新执法员",
      role: "regulator_inspector",
      regionCode: "320481",
      enforcementCertNo: "jf320481099",
      password: "Start#2026a",
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().enforcementCertNo, "JF320481099");
    const id = created.json().id;

    const taken = await send(s.admin, "PATCH", `/api/users/${id}`, { version: 1, enforcementCertNo: liyangCerts[1] });
    assert.equal(taken.statusCode, 400);
    assert.deepEqual(fieldsOf(taken), ["enforcementCertNo"]);

    const changed = await send(s.admin, "PATCH", `/api/users/${id}`, { version: 1, enforcementCertNo: "JF320481098" });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await get(s.admin, `/api/users/${id}`)).json().enforcementCertNo, "JF320481098");
    const cleared = await send(s.admin, "PATCH", `/api/users/${id}`, { version: 2, enforcementCertNo: null });
    assert.equal(cleared.json().enforcementCertNo, null);

    const staff = await send(s.admin, "POST", "/api/users", {
      username: "ent.cert",
      displayName: "企业员工",
      role: "enterprise_staff",
      enterpriseId: liyang[0]?.id,
      enforcementCertNo: "JF000000001",
      password: "Start#2026a",
    });
    assert.equal(staff.statusCode, 400);
    assert.deepEqual(fieldsOf(staff), ["enforcementCertNo"]);
    const malformed = await send(s.admin, "PATCH", `/api/users/${id}`, { version: 3, enforcementCertNo: "a b" });
    assert.equal(malformed.statusCode, 400);
    assert.deepEqual(fieldsOf(malformed), ["enforcementCertNo"]);
  });
});

describe("prepare → execute → public record", () => {
  let draw: RandomDraw;

  test("prepare freezes the registry's 溧阳市 chemical enterprises and certified 溧阳市 officers, with their digests", async () => {
    const res = await send(s.leader, "POST", "/api/random-draws", {
      ...prepareBody({ planCode: "LY-320481-2026-DR-100" }),
      recusals: [{ certNo: liyangCerts[2]?.toLowerCase(), uscc: ` ${liyang[3]?.uscc}` }],
    });
    assert.equal(res.statusCode, 201, res.body);
    draw = res.json();
    const chemicals = liyang.filter((e) => !e.name.includes("烟花")).map((e) => e.uscc);
    assert.equal(draw.status, "prepared");
    assert.equal(draw.objectsCount, 12, "the closed plant, the fireworks shop and 天宁区 are not on the list");
    assert.equal(draw.inspectorsCount, 6, "certified 溧阳市 regulators only");
    assert.equal(draw.objectsDigest, listDigest(canonicalList(chemicals)));
    assert.equal(draw.inspectorsDigest, listDigest(canonicalList(liyangCerts)));
    assert.deepEqual(draw.params.strata, { plain: 3 }, "k = ceil(25 % × 12) = 3");
    assert.deepEqual(draw.recusals, [{ certNo: liyangCerts[2], uscc: liyang[3]?.uscc, ground: "declared" }]);
    assert.equal(draw.params.rotationRounds, 0, "DRAW_ROTATION_ROUNDS defaults to off");
    assert.equal(draw.seed, null);
    assert.deepEqual(draw.objects, []);
    assert.equal(
      await count(sql`select count(*)::int as n from audit_log where action = 'random_draw.prepared' and entity_id = ${draw.id}`),
      1,
    );
  });

  test("the public record before execution: commitment and lists, no seed, no result", async () => {
    const res = await get(null, `/api/public/random-draws/${draw.id}`);
    assert.equal(res.statusCode, 200, res.body);
    const p: PublicRandomDraw = res.json();
    assert.equal(p.revealed, true);
    assert.equal(p.beaconValue, null);
    assert.equal(p.seedText, null);
    assert.equal(p.result, null);
    assert.deepEqual(
      p.objects?.map((o) => o.uscc),
      canonicalList(liyang.filter((e) => !e.name.includes("烟花")).map((e) => e.uscc)),
    );
    assert.ok(!JSON.stringify(p).includes(closedUscc) && !JSON.stringify(p).includes(tianningUscc));
    assert.equal(commitLists({ objects: p.objects ?? [], inspectors: p.inspectors ?? [] }).objectsDigest, p.objectsDigest);
  });

  test("execute with the beacon value: seed and result stored; the public record re-runs to the same result", async () => {
    const res = await send(s.leader, "POST", `/api/random-draws/${draw.id}/execute`, {
      version: draw.version,
      beaconValue: "03 08 15 21 27 30 + 11",
    });
    assert.equal(res.statusCode, 200, res.body);
    const executed: RandomDraw = res.json();
    assert.equal(executed.status, "executed");
    assert.equal(executed.objects.length, 3);
    assert.ok(executed.objects.every((o) => o.team.length === 2 && o.name.startsWith("溧阳市抽查测试企业")));
    assert.ok(executed.objects.every((o) => o.team.every((m) => m.name.startsWith("溧阳")), "team members are named"));

    const p: PublicRandomDraw = (await get(null, `/api/public/random-draws/${draw.id}`)).json();
    assert.equal(p.beaconValue, "03 08 15 21 27 30 + 11");
    assert.equal(
      p.seedText,
      `redline/draw/v1\nplan=LY-320481-2026-DR-100\nbeacon=03 08 15 21 27 30 + 11\nobjects=${p.objectsDigest}\ninspectors=${p.inspectorsDigest}\n`,
    );
    const again = rerun(p);
    assert.equal(again.seed, p.seed);
    assert.deepEqual(
      again.objects.map((o) => [o.uscc, ...o.team]),
      p.result?.objects.map((o) => [o.uscc, ...o.team.map((m) => m.certNo)]),
    );
    assert.deepEqual(executed.objects, p.result?.objects, "the regulator's view and the public one agree");
    // A recused officer is never on that enterprise's team.
    const recused = p.result?.objects.find((o) => o.uscc === liyang[3]?.uscc);
    if (recused) assert.ok(!recused.team.some((m) => m.certNo === liyangCerts[2]));
    assert.equal(
      await count(sql`select count(*)::int as n from audit_log where action = 'random_draw.executed' and entity_id = ${draw.id}`),
      1,
    );
    draw = executed;
  });

  test("published: name and certificate number of officers only, no account or enterprise ids, no phone", async () => {
    const body = (await get(null, `/api/public/random-draws/${draw.id}`)).body;
    const p: PublicRandomDraw = JSON.parse(body);
    assert.deepEqual(Object.keys(p.inspectors?.[0] ?? {}).sort(), ["certNo", "county", "name"]);
    assert.deepEqual(Object.keys(p.result?.objects[0]?.team[0] ?? {}).sort(), ["certNo", "name"]);
    assert.deepEqual(Object.keys(p.recusals?.[0] ?? {}).sort(), ["certNo", "uscc"], "no recusal ground (R7)");
    assert.equal(p.inspectors?.[0]?.county, null, "counties only in cross-county mode");
    for (const secret of ["13912345678", "officer-", "userId", "enterpriseId", liyang[0]?.id as string]) {
      assert.ok(!body.includes(secret), `the public record leaks ${secret}`);
    }
  });

  test("execute twice → 409, nothing changes", async () => {
    const res = await send(s.leader, "POST", `/api/random-draws/${draw.id}/execute`, { version: draw.version, beaconValue: "other" });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, "random_draws.already_executed");
    const p: PublicRandomDraw = (await get(null, `/api/public/random-draws/${draw.id}`)).json();
    assert.equal(p.beaconValue, "03 08 15 21 27 30 + 11");
  });

  test("a recusal after the draw: the team's stream picks the replacement, published and re-runnable", async () => {
    const first = draw.objects[0];
    assert.ok(first);
    const out = first.team[0]?.certNo as string;
    const notOnTeam = liyangCerts.find((c) => !first.team.some((m) => m.certNo === c)) as string;
    const wrong = await send(s.leader, "POST", `/api/random-draws/${draw.id}/recusals`, {
      version: draw.version,
      uscc: first.uscc,
      certNo: notOnTeam,
    });
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(fieldsOf(wrong), ["certNo"]);

    const res = await send(s.leader, "POST", `/api/random-draws/${draw.id}/recusals`, {
      version: draw.version,
      uscc: first.uscc,
      certNo: out,
    });
    assert.equal(res.statusCode, 200, res.body);
    const after: RandomDraw = res.json();
    const team = after.objects.find((o) => o.uscc === first.uscc)?.team.map((m) => m.certNo) ?? [];
    assert.equal(team.length, 2);
    assert.ok(!team.includes(out));
    assert.equal(team[0], first.team[1]?.certNo, "the other member stays");
    assert.deepEqual(after.replacements, [{ uscc: first.uscc, out, in: team[1] }]);
    assert.deepEqual(after.objects.slice(1), draw.objects.slice(1), "other teams are unchanged");

    const p: PublicRandomDraw = (await get(null, `/api/public/random-draws/${draw.id}`)).json();
    assert.deepEqual(p.result?.replacements, after.replacements);
    assert.deepEqual(
      rerun(p).objects.map((o) => o.team),
      p.result?.objects.map((o) => o.team.map((m) => m.certNo)),
    );
    const stale = await send(s.leader, "POST", `/api/random-draws/${draw.id}/recusals`, {
      version: draw.version,
      uscc: first.uscc,
      certNo: team[0],
    });
    assert.equal(stale.statusCode, 409, "version-guarded");
  });

  test("recused officers are never drawn for their enterprise (every enterprise recuses four of six)", async () => {
    const recusals = liyang.flatMap((e, i) =>
      liyangCerts.filter((_, j) => j !== i % 6 && j !== (i + 1) % 6).map((certNo) => ({ certNo, uscc: e.uscc })),
    );
    const prep = await send(s.leader, "POST", "/api/random-draws", prepareBody({ sampleRate: 0.5, recusals: recusals.slice(0, -4) }));
    assert.equal(prep.statusCode, 201, prep.body);
    const run = await send(s.leader, "POST", `/api/random-draws/${prep.json().id}/execute`, { version: 1, beaconValue: "R" });
    const drawn: RandomDraw["objects"] = run.json().objects;
    assert.equal(drawn.length, 6);
    for (const o of drawn) {
      const i = liyang.findIndex((e) => e.uscc === o.uscc);
      assert.deepEqual(
        o.team.map((m) => m.certNo).sort(),
        [liyangCerts[i % 6], liyangCerts[(i + 1) % 6]].sort(),
        `${o.uscc}: only the two officers not recused`,
      );
    }
    const p: PublicRandomDraw = (await get(null, `/api/public/random-draws/${prep.json().id}`)).json();
    assert.equal(p.recusals?.length, 12 * 4);
    assert.deepEqual(
      rerun(p).objects.map((o) => [o.uscc, ...o.team]),
      drawn.map((o) => [o.uscc, ...o.team.map((m) => m.certNo)]),
    );
  });

  test("the same inputs give the same result: a second plan with the same lists and beacon but another code differs only by seed", async () => {
    const a = await send(s.leader, "POST", "/api/random-draws", prepareBody({ planCode: "LY-320481-2026-DR-101" }));
    const b = await send(s.leader, "POST", "/api/random-draws", prepareBody({ planCode: "LY-320481-2026-DR-102" }));
    assert.equal(a.json().objectsDigest, b.json().objectsDigest);
    const ra = await send(s.leader, "POST", `/api/random-draws/${a.json().id}/execute`, { version: 1, beaconValue: "X" });
    const rb = await send(s.leader, "POST", `/api/random-draws/${b.json().id}/execute`, { version: 1, beaconValue: "X" });
    assert.notEqual(ra.json().seed, rb.json().seed, "the plan id is in the seed");
    const pa: PublicRandomDraw = (await get(null, `/api/public/random-draws/${a.json().id}`)).json();
    assert.deepEqual(
      rerun(pa).objects.map((o) => o.uscc),
      ra.json().objects.map((o: { uscc: string }) => o.uscc),
    );
  });
});

describe("unannounced (四不两直) and cross-county draws", () => {
  test("unannounced: only the commitment before execution and before the reveal date", async () => {
    const prep = await send(s.leader, "POST", "/api/random-draws", prepareBody({ unannounced: true, revealOn: "2026-12-01" }));
    assert.equal(prep.statusCode, 201, prep.body);
    const id = prep.json().id;
    const before: PublicRandomDraw = (await get(null, `/api/public/random-draws/${id}`)).json();
    assert.equal(before.revealed, false);
    assert.equal(before.objects, null);
    assert.equal(before.inspectors, null);
    assert.equal(before.recusals, null);
    assert.equal(before.objectsCount, 12);
    assert.match(before.objectsDigest, /^[0-9a-f]{64}$/);

    await send(s.leader, "POST", `/api/random-draws/${id}/execute`, { version: 1, beaconValue: "B" });
    const executed: PublicRandomDraw = (await get(null, `/api/public/random-draws/${id}`)).json();
    assert.equal(executed.revealed, false, "not before 2026-12-01");
    assert.equal(executed.result, null);
    assert.equal(executed.seedText?.startsWith("redline/draw/v1\n"), true, "the seed is public at once");

    t.clock.advance(8 * 86_400_000); // 2026-12-01
    const revealed: PublicRandomDraw = (await get(null, `/api/public/random-draws/${id}`)).json();
    t.clock.advance(-8 * 86_400_000);
    assert.equal(revealed.revealed, true);
    assert.equal(revealed.result?.objects.length, 3);
    assert.deepEqual(
      rerun(revealed).objects.map((o) => o.uscc),
      revealed.result?.objects.map((o) => o.uscc),
    );
  });

  test("crossRegion at city level: no officer of the enterprise's own county; counties published to re-run it", async () => {
    const prep = await send(
      s.city,
      "POST",
      "/api/random-draws",
      prepareBody({ planCode: "CZ-3204-2026-DR-X01", regionCode: "3204", crossRegion: true, sampleRate: undefined, k: 4 }),
    );
    // 溧阳市 enterprises have one officer outside 溧阳市 (天宁区): teams of two cannot be formed.
    assert.equal(prep.statusCode, 400, prep.body);
    assert.deepEqual([...new Set(fieldsOf(prep))], ["teamSize"]);
    await officer("regulator_inspector", "320412", "JF320412001", "武进执法");
    const ok = await send(
      s.city,
      "POST",
      "/api/random-draws",
      prepareBody({ planCode: "CZ-3204-2026-DR-X02", regionCode: "3204", crossRegion: true, k: 4, sampleRate: undefined }),
    );
    assert.equal(ok.statusCode, 201, ok.body);
    const run = await send(s.city, "POST", `/api/random-draws/${ok.json().id}/execute`, { version: 1, beaconValue: "C" });
    const p: PublicRandomDraw = (await get(null, `/api/public/random-draws/${ok.json().id}`)).json();
    const countyOfOfficer = new Map(p.inspectors?.map((i) => [i.certNo, i.county]));
    const countyOfObject = new Map(p.objects?.map((o) => [o.uscc, o.county]));
    for (const o of run.json().objects as RandomDraw["objects"]) {
      for (const m of o.team) assert.notEqual(countyOfOfficer.get(m.certNo), countyOfObject.get(o.uscc));
    }
    assert.deepEqual(
      rerun(p).objects.map((o) => o.team),
      p.result?.objects.map((o) => o.team.map((m) => m.certNo)),
    );
  });
});

describe("public index (R7)", () => {
  type Item = { id: string; planCode: string; regionName: string | null; executedOn: string; k: number; objectsCount: number };
  const index = async (query = "") => {
    const res = await get(null, `/api/public/random-draws${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: Item[]; total: number; page: number; pageSize: number };
  };

  test("executed, revealed draws only, without sign-in; an unannounced one from its reveal day", async () => {
    const waiting = await send(s.leader, "POST", "/api/random-draws", prepareBody());
    assert.equal(waiting.statusCode, 201, waiting.body);
    const all = (await get(s.admin, "/api/random-draws?pageSize=100")).json().items as RandomDraw[];
    const hidden = all.find((d) => d.unannounced && d.status === "executed") as RandomDraw;
    assert.ok(hidden, "the 四不两直 draw of the earlier test, revealed on 2026-12-01");
    const listed = await index("?pageSize=100");
    const ids = listed.items.map((i) => i.id);
    const expected = all.filter((d) => d.status === "executed" && !d.unannounced);
    assert.deepEqual(ids.sort(), expected.map((d) => d.id).sort());
    assert.equal(listed.total, expected.length);
    assert.ok(!ids.includes(hidden.id), "not before its reveal day");
    assert.ok(!ids.includes(waiting.json().id), "a prepared draw is not listed");

    const first = listed.items.find((i) => i.planCode === "LY-320481-2026-DR-100") as Item;
    assert.deepEqual(
      { regionName: first.regionName, executedOn: first.executedOn, k: first.k, objectsCount: first.objectsCount },
      { regionName: "溧阳市", executedOn: "2026-11-23", k: 3, objectsCount: 12 },
    );
    assert.deepEqual(Object.keys(first).sort(), [
      "executedOn",
      "id",
      "k",
      "objectsCount",
      "planCode",
      "regionCode",
      "regionName",
      "title",
      "unannounced",
    ]);

    t.clock.advance(8 * 86_400_000); // 2026-12-01
    const later = await index("?pageSize=100");
    t.clock.advance(-8 * 86_400_000);
    assert.ok(later.items.some((i) => i.id === hidden.id));
  });

  test("paged: pageSize ≤ 100, page 2 continues page 1; a bad page is 400", async () => {
    const whole = await index("?pageSize=100");
    const one = await index("?page=1&pageSize=2");
    const two = await index("?page=2&pageSize=2");
    assert.deepEqual(
      [...one.items, ...two.items].map((i) => i.id),
      whole.items.slice(0, 4).map((i) => i.id),
    );
    assert.equal((await get(null, "/api/public/random-draws?pageSize=101")).statusCode, 400);
    assert.equal((await get(null, "/api/public/random-draws?page=0")).statusCode, 400);
  });
});

describe("access", () => {
  let id: string;
  before(async () => {
    id = (await send(s.leader, "POST", "/api/random-draws", prepareBody())).json().id;
  });

  test("enterprise users and grid members are refused; the public needs no sign-in for the public record only", async () => {
    for (const who of [s.entAdmin, s.grid]) {
      assert.equal((await get(who, "/api/random-draws")).statusCode, 403);
      assert.equal((await get(who, `/api/random-draws/${id}`)).statusCode, 403);
      assert.equal((await send(who, "POST", "/api/random-draws", prepareBody())).statusCode, 403);
    }
    assert.equal((await get(null, `/api/random-draws/${id}`)).statusCode, 401);
    assert.equal((await get(null, `/api/public/random-draws/${id}`)).statusCode, 200);
    assert.equal((await get(null, "/api/public/random-draws/00000000-0000-4000-8000-000000000000")).statusCode, 404);
  });

  test("a county regulator sees only its subtree: 天宁区 gets 404 and an empty list; the city sees 溧阳市's", async () => {
    assert.equal((await get(s.tianning, `/api/random-draws/${id}`)).statusCode, 404);
    assert.equal((await send(s.tianning, "POST", `/api/random-draws/${id}/execute`, { version: 1, beaconValue: "x" })).statusCode, 404);
    assert.equal((await get(s.tianning, "/api/random-draws")).json().total, 0);
    assert.equal((await get(s.city, `/api/random-draws/${id}`)).statusCode, 200);
    const list = (await get(s.leader, "/api/random-draws?status=prepared")).json();
    assert.ok(list.items.some((d: { id: string }) => d.id === id));
    assert.ok(
      list.items.every((d: { regionCode: string; status: string }) => d.regionCode.startsWith("320481") && d.status === "prepared"),
    );
  });

  test("a township regulator does not organise draws; a county one not outside its county", async () => {
    const township = await send(s.township, "POST", "/api/random-draws", prepareBody({ regionCode: "320481002" }));
    assert.equal(township.statusCode, 403);
    const outside = await send(s.leader, "POST", "/api/random-draws", prepareBody({ regionCode: "320402" }));
    assert.equal(outside.statusCode, 400);
    assert.deepEqual(fieldsOf(outside), ["regionCode"]);
  });
});

describe("bad input → 400 naming the field, nothing stored", () => {
  // Built when the test runs: the enterprises' codes exist only after `before`.
  const cases: [string, () => object, string[]][] = [
    ["no beacon source", () => ({ beaconSource: "" }), ["beaconSource"]],
    ["k above n", () => ({ sampleRate: undefined, k: 13 }), ["k"]],
    ["rate 0", () => ({ sampleRate: 0 }), ["sampleRate"]],
    ["rate and k", () => ({ sampleRate: 0.1, k: 2 }), ["k"]],
    ["team of one (行政处罚法 Art. 42)", () => ({ teamSize: 1 }), ["teamSize"]],
    ["a reveal date on an announced draw", () => ({ revealOn: "2026-12-01" }), ["revealOn"]],
    ["nothing matches the filters", () => ({ filters: { categories: ["mining"] } }), ["filters"]],
    ["bad plan code", () => ({ planCode: "a b" }), ["planCode"]],
    [
      "recusal of an officer not on the list",
      () => ({ recusals: [{ certNo: tianningCert, uscc: liyang[0]?.uscc }] }),
      ["recusals.0.certNo"],
    ],
    [
      "recusal for an enterprise not on the list",
      () => ({ recusals: [{ certNo: liyangCerts[1], uscc: closedUscc }] }),
      ["recusals.0.uscc"],
    ],
  ];
  for (const [name, over, fields] of cases) {
    test(name, async () => {
      const before = await count(sql`select count(*)::int as n from random_draws`);
      const res = await send(s.leader, "POST", "/api/random-draws", { ...prepareBody(), ...over() });
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual([...new Set(fieldsOf(res))], fields);
      assert.equal(await count(sql`select count(*)::int as n from random_draws`), before);
    });
  }

  test("pool too small after recusals: the plan must add officers", async () => {
    const uscc = liyang[0]?.uscc as string;
    const recusals = liyangCerts.slice(1).map((certNo) => ({ certNo, uscc }));
    const res = await send(s.leader, "POST", "/api/random-draws", prepareBody({ recusals }));
    assert.equal(res.statusCode, 400);
    assert.deepEqual(fieldsOf(res), ["teamSize"]);
    assert.match(res.json().error.fields[0].message, new RegExp(uscc));
  });

  test("a taken plan code → 409 on planCode; an empty beacon value → 400", async () => {
    const first = await send(s.leader, "POST", "/api/random-draws", prepareBody({ planCode: "LY-DUP-001" }));
    assert.equal(first.statusCode, 201);
    const dup = await send(s.leader, "POST", "/api/random-draws", prepareBody({ planCode: "LY-DUP-001" }));
    assert.equal(dup.statusCode, 409);
    assert.deepEqual(fieldsOf(dup), ["planCode"]);
    const empty = await send(s.leader, "POST", `/api/random-draws/${first.json().id}/execute`, { version: 1, beaconValue: " " });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(fieldsOf(empty), ["beaconValue"]);
    const stale = await send(s.leader, "POST", `/api/random-draws/${first.json().id}/execute`, { version: 7, beaconValue: "x" });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "conflict.stale_version");
    assert.equal((await get(s.leader, `/api/random-draws/${first.json().id}`)).json().status, "prepared");
  });
});

describe("statistics hook", () => {
  test("drawnEnterprises: one row per drawn enterprise of executed draws in the window, counted where it lies", async () => {
    const draws = (await get(s.admin, "/api/random-draws?status=executed&pageSize=100")).json().items as RandomDraw[];
    const expected = draws.reduce((n, d) => n + d.drawnCount, 0);
    const admin = systemCtx(t);
    const window = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-31T00:00:00Z") };
    const all = await drawnEnterprises(t.database.db, admin, { region: "", ...window });
    assert.equal(all.length, expected);
    // The city draw's objects fall in both counties: each is counted in its own.
    const liyangRows = await drawnEnterprises(t.database.db, admin, { region: "320481", ...window });
    const tianning = await drawnEnterprises(t.database.db, admin, { region: "320402", ...window });
    assert.ok(liyangRows.every((r) => r.regionCode.startsWith("320481")) && tianning.every((r) => r.regionCode.startsWith("320402")));
    assert.equal(liyangRows.length + tianning.length, expected);
    const later = { from: window.to, to: new Date("2027-01-31T00:00:00Z") };
    assert.equal((await drawnEnterprises(t.database.db, admin, { region: "", ...later })).length, 0);
    const tianningRegulator = {
      ...admin,
      actor: { ...(admin.actor as NonNullable<typeof admin.actor>), role: "regulator_inspector" as const, regionCode: "320402" },
    };
    assert.deepEqual(await drawnEnterprises(t.database.db, tianningRegulator, { region: "320481", ...window }), [], "outside its region");
    assert.deepEqual(await drawnEnterprises(t.database.db, { ...admin, actor: null }, { region: "", ...window }), []);
  });
});

describe("hooks for inspections (issue 7 §5, R7)", () => {
  test("drawnObject: the drawn team (replacements applied) for a drawn enterprise, null team otherwise, null outside scope", async () => {
    const admin = systemCtx(t);
    const draws = (await get(s.admin, "/api/random-draws?status=executed&pageSize=100")).json().items as RandomDraw[];
    const liyangDraw = draws.find((d) => d.regionCode === "320481" && !d.unannounced) as RandomDraw;
    const full: RandomDraw = (await get(s.admin, `/api/random-draws/${liyangDraw.id}`)).json();
    const drawn = full.objects[0] as RandomDraw["objects"][number];
    const enterprise = liyang.find((e) => e.uscc === drawn.uscc) as { id: string };
    const found = await drawnObject(t.database.db, admin, full.id, enterprise.id);
    assert.deepEqual(
      found?.team?.map((m) => m.certNo),
      drawn.team.map((m) => m.certNo),
    );
    assert.ok(
      found?.team?.every((m) => m.userId.length === 36),
      "each drawn officer's account",
    );
    const notDrawn = liyang.find((e) => !full.objects.some((o) => o.uscc === e.uscc)) as { id: string };
    assert.equal((await drawnObject(t.database.db, admin, full.id, notDrawn.id))?.team, null);
    const tianningRegulator = {
      ...admin,
      actor: { ...(admin.actor as NonNullable<typeof admin.actor>), role: "regulator_inspector" as const, regionCode: "320402" },
    };
    assert.equal(await drawnObject(t.database.db, tianningRegulator, full.id, enterprise.id), null);
  });

  test("publishedDraw: the drawn objects in draw order once the record shows the result; 404 before", async () => {
    const admin = systemCtx(t);
    const draws = (await get(s.admin, "/api/random-draws?pageSize=100")).json().items as RandomDraw[];
    const executed = draws.find((d) => d.status === "executed" && !d.unannounced) as RandomDraw;
    const full: RandomDraw = (await get(s.admin, `/api/random-draws/${executed.id}`)).json();
    const published = await publishedDraw(t.database.db, admin, executed.id);
    assert.deepEqual(
      published.objects.map((o) => [o.uscc, o.name]),
      full.objects.map((o) => [o.uscc, o.name]),
    );
    const prepared = draws.find((d) => d.status === "prepared") as RandomDraw;
    await assert.rejects(publishedDraw(t.database.db, admin, prepared.id), /not_found/);
    const hidden = draws.find((d) => d.status === "executed" && d.unannounced);
    if (hidden) {
      const p: PublicRandomDraw = (await get(null, `/api/public/random-draws/${hidden.id}`)).json();
      if (!p.revealed) await assert.rejects(publishedDraw(t.database.db, admin, hidden.id), /not_found/);
    }
  });
});
