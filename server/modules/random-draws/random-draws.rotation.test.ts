import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Role } from "../../../domain/access/roles.js";
import { runDraw } from "../../../domain/inspections/draw.js";
import { drawInputOf, type PublicRandomDraw, type RandomDraw } from "../../../domain/inspections/random-draw.dto.js";
import { loadConfig } from "../../kernel/config.js";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp, usccFor } from "../../test/harness.js";
import { createUser } from "../accounts/users.service.js";

// R4 rotation recusal (回避: "inspected the same object in the previous random round"). The deployment default here is
// DRAW_ROTATION_ROUNDS=1; one draw series is 溧阳市's department-less draws: three enterprises, all drawn (k = 3), six
// certified officers, teams of two.
let t: TestApp;
let leader: Session;
let city: Session;
const certs = ["JF320481101", "JF320481102", "JF320481103", "JF320481104", "JF320481105", "JF320481106"];

async function officer(role: Role, certNo: string, name: string) {
  return createUser(
    t.database.db,
    { actor: null, ip: null, now: t.clock.now() },
    { username: `rot-${name}`, displayName: name, role, regionCode: "320481", enforcementCertNo: certNo, password: "Redline#2026" },
  );
}

before(async () => {
  t = await testApp({ DRAW_ROTATION_ROUNDS: "1" });
  await seedReference(t);
  for (let i = 0; i < 3; i++) await buildEnterprise(t, { name: `溧阳市轮换测试企业${i}`, uscc: usccFor(8000 + i) });
  const head = await officer("regulator_leader", certs[0] as string, "rot-leader");
  for (let i = 1; i < certs.length; i++) await officer("regulator_inspector", certs[i] as string, `rot-${i}`);
  leader = await signIn(t, head.username);
  city = await signIn(t, (await buildUser(t, { role: "regulator_leader", regionCode: "3204" })).username);
});
after(() => t.close());

let seq = 0;
const body = (over: object = {}) => ({
  planCode: `LY-ROT-${String(++seq).padStart(3, "0")}`,
  title: "轮换回避测试抽查",
  regionCode: "320481",
  k: 3,
  teamSize: 2,
  beaconSource: "中国福利彩票双色球",
  beaconId: "2026137期",
  ...over,
});

async function prepare(session: Session, over: object = {}) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/random-draws",
    headers: session.headers({ "accept-language": "en" }),
    payload: body(over),
  });
  return res;
}

async function publicRecord(id: string): Promise<PublicRandomDraw> {
  const res = await t.app.inject({ method: "GET", url: `/api/public/random-draws/${id}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** Executes a minute after the previous execution (the series is ordered by execution time; sessions idle out at 30). */
async function execute(session: Session, d: RandomDraw, beaconValue: string): Promise<RandomDraw> {
  t.clock.minutes(1);
  const res = await t.app.inject({
    method: "POST",
    url: `/api/random-draws/${d.id}/execute`,
    headers: session.headers(),
    payload: { version: d.version, beaconValue },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** The draw's teams re-run from its public record, with the recusals given instead of the published ones. */
function teamsWith(p: PublicRandomDraw, beaconValue: string, recusals: { certNo: string; uscc: string }[]) {
  assert.ok(p.objects && p.inspectors);
  const outcome = runDraw(
    drawInputOf({ planCode: p.planCode, beaconValue, params: p.params, objects: p.objects, inspectors: p.inspectors, recusals }),
  );
  return pairsOf(outcome.objects.map((o) => ({ uscc: o.uscc, team: o.team.map((certNo) => ({ certNo })) })));
}

/** (USCC × 执法证号) pairs of a result, as "uscc|certNo". */
const pairsOf = (objects: { uscc: string; team: { certNo: string }[] }[]) =>
  new Set(objects.flatMap((o) => o.team.map((m) => `${o.uscc}|${m.certNo}`)));
const recusalPairs = (d: { recusals: { certNo: string; uscc: string }[] }) => new Set(d.recusals.map((r) => `${r.uscc}|${r.certNo}`));
const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x));

/** The first demo beacon value for which `wanted` holds — constructs the case a test needs, deterministically. */
function beaconWhere(wanted: (beacon: string) => boolean): string {
  for (let i = 0; i < 500; i++) if (wanted(`S${i}`)) return `S${i}`;
  throw new Error("no beacon value found");
}

describe("rotation recusal (R4)", () => {
  const teams: Set<string>[] = [];
  let d1: RandomDraw;

  test("DRAW_ROTATION_ROUNDS: 0–10, default 0 (off)", () => {
    assert.equal(loadConfig({}).drawRotationRounds, 0);
    assert.equal(loadConfig({ DRAW_ROTATION_ROUNDS: "3" }).drawRotationRounds, 3);
    assert.throws(() => loadConfig({ DRAW_ROTATION_ROUNDS: "11" }), /DRAW_ROTATION_ROUNDS/);
    assert.throws(() => loadConfig({ DRAW_ROTATION_ROUNDS: "-1" }), /DRAW_ROTATION_ROUNDS/);
  });

  test("the first draw of the series: nothing to rotate", async () => {
    const res = await prepare(leader, { rotationRounds: 0 });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().params.rotationRounds, 0);
    d1 = await execute(leader, res.json(), "03 08 15 21 27 30 + 11");
    teams.push(pairsOf(d1.objects));
    assert.equal(teams[0]?.size, 6);
  });

  test("rotationRounds = 1 (the setting): the previous draw's teams recuse, and no officer meets their enterprise again", async () => {
    const res = await prepare(leader);
    assert.equal(res.statusCode, 201, res.body);
    const prepared: RandomDraw = res.json();
    assert.equal(prepared.params.rotationRounds, 1, "the deployment default, published with the parameters");
    assert.deepEqual(recusalPairs(prepared), teams[0], "exactly the previous draw's (enterprise, officer) pairs");
    assert.ok(prepared.recusals.every((r) => r.ground === "rotation"));

    // A beacon value for which the same lists without the rotation would put an officer back on their enterprise.
    const p = await publicRecord(prepared.id);
    const beacon = beaconWhere((b) => overlap(teamsWith(p, b, []), teams[0] as Set<string>).length > 0);
    const d2 = await execute(leader, prepared, beacon);
    teams.push(pairsOf(d2.objects));
    assert.deepEqual(overlap(teams[1] as Set<string>, teams[0] as Set<string>), []);

    // The public record (recusals as certNo × USCC, no ground) re-runs to the same result.
    const record = await publicRecord(d2.id);
    assert.deepEqual(Object.keys(record.recusals?.[0] ?? {}).sort(), ["certNo", "uscc"]);
    assert.equal(record.params.rotationRounds, 1);
    assert.deepEqual(teamsWith(record, beacon, record.recusals ?? []), teams[1]);
  });

  test("rotationRounds = 0: an officer may be drawn for the same enterprise again", async () => {
    const res = await prepare(leader, { rotationRounds: 0 });
    assert.equal(res.statusCode, 201, res.body);
    const prepared: RandomDraw = res.json();
    assert.deepEqual(prepared.recusals, []);
    const p = await publicRecord(prepared.id);
    const beacon = beaconWhere((b) => overlap(teamsWith(p, b, []), teams[1] as Set<string>).length > 0);
    const d3 = await execute(leader, prepared, beacon);
    teams.push(pairsOf(d3.objects));
    assert.ok(
      overlap(teams[2] as Set<string>, teams[1] as Set<string>).length > 0,
      "an officer back on an enterprise of the previous draw",
    );
  });

  test("another series (a city draw over 3204) executed in between does not count", async () => {
    const res = await prepare(city, { regionCode: "3204", rotationRounds: 0 });
    assert.equal(res.statusCode, 201, res.body);
    await execute(city, res.json(), "C1");
  });

  test("the rule looks back exactly N draws of the series", async () => {
    const [t1, t2, t3] = teams as [Set<string>, Set<string>, Set<string>];
    const two = await prepare(leader, { rotationRounds: 2 });
    assert.equal(two.statusCode, 201, two.body);
    assert.deepEqual(recusalPairs(two.json()), new Set([...t2, ...t3]), "the last two 溧阳市 draws, not the city's");
    const beyond = [...t1].filter((x) => !t2.has(x) && !t3.has(x));
    assert.ok(beyond.length > 0, "the first draw's pairs not repeated later");
    assert.deepEqual(overlap(recusalPairs(two.json()), new Set(beyond)), [], "the third draw back is not looked at");

    const one = await prepare(leader, { rotationRounds: 1 });
    assert.deepEqual(recusalPairs(one.json()), t3);
    // Three back: every pair of the series; refused on rotationRounds when an enterprise keeps fewer than two officers.
    const all = new Set([...t1, ...t2, ...t3]);
    const three = await prepare(leader, { rotationRounds: 3 });
    const left = (uscc: string) => certs.filter((c) => !all.has(`${uscc}|${c}`)).length;
    if ([...all].some((x) => left(x.split("|")[0] as string) < 2)) {
      assert.equal(three.statusCode, 400, three.body);
      assert.deepEqual([...new Set(three.json().error.fields.map((f: { path: string }) => f.path))], ["rotationRounds"]);
    } else {
      assert.equal(three.statusCode, 201, three.body);
      assert.deepEqual(recusalPairs(three.json()), all);
    }
  });

  test("declared and rotation recusals are one list, without duplicates; a declared one keeps its ground", async () => {
    const [, , t3] = teams as [Set<string>, Set<string>, Set<string>];
    const [uscc, certNo] = ([...t3][0] as string).split("|") as [string, string];
    const other = certs.find((c) => !t3.has(`${uscc}|${c}`)) as string;
    const res = await prepare(leader, {
      recusals: [
        { certNo, uscc },
        { certNo: other, uscc },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const d: RandomDraw = res.json();
    assert.equal(d.recusals.length, t3.size + 1);
    assert.deepEqual(recusalPairs(d), new Set([...t3, `${uscc}|${other}`]));
    assert.equal(d.recusals.find((r) => r.uscc === uscc && r.certNo === certNo)?.ground, "declared");
    assert.equal(d.recusals.find((r) => r.uscc === uscc && r.certNo === other)?.ground, "declared");
    assert.ok(d.recusals.filter((r) => r.uscc !== uscc).every((r) => r.ground === "rotation"));
  });

  test("too few officers left after rotation → 400 on rotationRounds; 11 rounds → 400", async () => {
    // Teams of five from six officers: the two of the previous draw leave four.
    const res = await prepare(leader, { teamSize: 5 });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual([...new Set(res.json().error.fields.map((f: { path: string }) => f.path))], ["rotationRounds"]);
    assert.equal((await prepare(leader, { teamSize: 5, rotationRounds: 0 })).statusCode, 201);
    const tooMany = await prepare(leader, { rotationRounds: 11 });
    assert.equal(tooMany.statusCode, 400);
    assert.deepEqual(
      tooMany.json().error.fields.map((f: { path: string }) => f.path),
      ["rotationRounds"],
    );
  });

  test("the public index lists the executed draws newest first", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/public/random-draws?pageSize=100" });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { planCode: string; regionCode: string }[];
    assert.deepEqual(
      items.map((i) => i.planCode),
      ["LY-ROT-004", "LY-ROT-003", "LY-ROT-002", "LY-ROT-001"],
    );
  });
});
