import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { countHazards, type HazardFacts } from "../../../domain/hazards/stats.js";
import { loadExcel } from "../../kernel/files/excel.js";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp, usccFor } from "../../test/harness.js";

// A hand-computed fixture for 2026Q4 (2026-10-01..12-31), built through the API while the test clock moves
// across days. The clock starts on Monday 2026-11-23, 10:00 in Shanghai.
//
//   h1 E1 general, deadline 11-25, accepted 11-25          → rectified on time (on its deadline)
//   h2 E1 general, deadline 11-25, accepted 11-26          → rectified late (the day after)
//   h3 E1 general, deadline 12-20, accepted 2027-01-02     → not rectified in Q4; open and overdue at 12-31
//   h4 E1 general, voided                                   → in no figure
//   h5 E1 重大, deadline 2027-03-31, open                   → open 重大
//   h8 E1 general, no plan, open (voided in January, after E1 submitted its report)
//   h6 E2 general (basic management), fixed on the spot    → rectified on time (no deadline)
//   h7 E3 in 天宁区, open                                    → outside 溧阳市
let t: TestApp;
const ids: Record<string, string> = {};
let e1: string;
let e2: string;
let e3: string;
const who = ["admin", "e1Admin", "e1Staff", "e2Admin", "e3Admin", "county", "tianning", "grid"] as const;
let users: Record<(typeof who)[number], string>;
let s: Record<(typeof who)[number], Session>;

const pngChunk = (type: string, data: Buffer) =>
  Buffer.concat([Buffer.from([0, 0, 0, data.length]), Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk("IHDR", Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
  pngChunk("IEND", Buffer.alloc(0)),
]);
const photo = { contentType: "image/png", data: png.toString("base64") };
const plan = (deadline: string) => ({ measures: "补设防护栏", responsibleName: "王五", funds: "800.50", deadline });
const majorPlan = {
  ...plan("2027-03-31"),
  funds: "120000",
  goal: "消除储罐区重大事故隐患",
  organisation: "设备部牵头",
  contingency: "设置警戒区",
  suspension: "partial",
};

async function signInAll() {
  s = {} as typeof s;
  for (const [k, username] of Object.entries(users)) s[k as keyof typeof users] = await signIn(t, username);
}
/** Moves the clock to 10:00 in Shanghai on `day` (forward only) and signs everyone in again. */
async function goTo(day: string) {
  const target = new Date(`${day}T02:00:00Z`).getTime();
  const delta = target - t.clock.now().getTime();
  assert.ok(delta >= 0, `the clock only moves forward (to ${day})`);
  t.clock.advance(delta);
  await signInAll();
}

const get = (session: Session, url: string) =>
  t.app.inject({ method: "GET", url, headers: { cookie: session.cookie, "accept-language": "en" } });
const post = (session: Session, url: string, payload: object) =>
  t.app.inject({ method: "POST", url, headers: session.headers({ "accept-language": "en" }), payload });
async function ok<T = Record<string, unknown>>(res: Promise<{ statusCode: number; body: string; json(): T }>, status = 200): Promise<T> {
  const r = await res;
  assert.equal(r.statusCode, status, r.body);
  return r.json();
}
const report = (session: Session, enterpriseId: string, over: object = {}) =>
  ok<{ id: string; version: number }>(
    post(session, "/api/hazards", {
      enterpriseId,
      description: "二号车间平台防护栏缺失",
      location: "二号车间",
      source: "self_check",
      photos: [photo],
      ...over,
    }),
    201,
  );
async function act(session: Session, id: string, action: string, payload: object = {}) {
  const current = await ok<{ version: number }>(get(session, `/api/hazards/${id}`));
  return ok(post(session, `/api/hazards/${id}/transitions`, { action, version: current.version, ...payload }));
}
const stats = (session: Session, query: string) => get(session, `/api/hazards/stats?${query}`);
const q4 = "from=2026-10-01&to=2026-12-31";

type Figures = Record<string, number | boolean | null>;
const pick = (f: Figures, keys = ["found", "foundClosed", "rectified", "onTime", "late", "open", "openMajor", "overdue"]) =>
  Object.fromEntries(keys.map((k) => [k, f[k]]));

before(async () => {
  t = await testApp();
  await seedReference(t);
  e1 = (await buildEnterprise(t, { name: "溧阳市统计一号化工有限公司", uscc: usccFor(7001) })).id;
  e2 = (
    await buildEnterprise(t, {
      name: "溧阳市统计二号机械有限公司",
      uscc: usccFor(7002),
      regionCode: "320481102001",
      category: "industry_trade",
      subcategory: "machinery",
      industryCode: "3411",
    })
  ).id;
  e3 = (await buildEnterprise(t, { name: "天宁区统计三号化工有限公司", uscc: usccFor(7003, "320402"), regionCode: "320402001001" })).id;
  users = {
    admin: (await buildUser(t)).username,
    e1Admin: (await buildUser(t, { role: "enterprise_admin", enterpriseId: e1, regionCode: null })).username,
    e1Staff: (await buildUser(t, { role: "enterprise_staff", enterpriseId: e1, regionCode: null })).username,
    e2Admin: (await buildUser(t, { role: "enterprise_admin", enterpriseId: e2, regionCode: null })).username,
    e3Admin: (await buildUser(t, { role: "enterprise_admin", enterpriseId: e3, regionCode: null })).username,
    county: (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username,
    tianning: (await buildUser(t, { role: "regulator_inspector", regionCode: "320402" })).username,
    grid: (await buildUser(t, { role: "grid_member", regionCode: "320481002" })).username,
  };
  await signInAll();

  // 2026-11-23
  for (const k of ["h1", "h2", "h3", "h4", "h8"]) ids[k] = (await report(s.e1Staff, e1, { description: `隐患${k}` })).id;
  ids.h5 = (await report(s.e1Staff, e1, { description: "安全阀未投用", criterionId: "aj2017-121-chem-15" })).id;
  ids.h6 = (await report(s.e2Admin, e2, { description: "安全管理制度未更新", category: "basic_management" })).id;
  ids.h7 = (await report(s.e3Admin, e3, { description: "天宁区隐患" })).id;
  await act(s.e1Staff, ids.h1 as string, "set_plan", { plan: plan("2026-11-25") });
  await act(s.e1Staff, ids.h2 as string, "set_plan", { plan: plan("2026-11-25") });
  await act(s.e1Staff, ids.h3 as string, "set_plan", { plan: plan("2026-12-20") });
  await act(s.county, ids.h4 as string, "void", { reason: "误报" });
  await act(s.e1Admin, ids.h5 as string, "set_plan", { plan: majorPlan });
  await act(s.e2Admin, ids.h6 as string, "fix_on_spot", { rectification: "已修订", photos: [photo] });

  await goTo("2026-11-25");
  for (const k of ["h1", "h2"]) await act(s.e1Staff, ids[k] as string, "submit", { rectification: "已整改", photos: [photo] });
  await act(s.e1Admin, ids.h1 as string, "accept");

  await goTo("2026-11-26");
  await act(s.e1Admin, ids.h2 as string, "accept");
});
after(() => t.close());

describe("hazard statistics", () => {
  test("while the period runs the figures describe today", async () => {
    const r = await ok<{ endDay: string; totals: Figures }>(stats(s.county, q4));
    assert.equal(r.endDay, "2026-11-26");
    // h3 (deadline 12-20) is not overdue yet; h1 on time, h2 late, h6 on the spot.
    assert.deepEqual(pick(r.totals), { found: 6, foundClosed: 3, rectified: 3, onTime: 2, late: 1, open: 3, openMajor: 1, overdue: 0 });
  });

  test("after the period: the hand-computed fixture, across the period boundary", async () => {
    await goTo("2026-12-30");
    await act(s.e1Staff, ids.h3 as string, "submit", { rectification: "已整改", photos: [photo] });
    await goTo("2027-01-02");
    await act(s.e1Admin, ids.h3 as string, "accept"); // after 12-31: not rectified in Q4, open and overdue at its end
    await goTo("2027-01-05");

    const r = await ok<{ endDay: string; region: { code: string }; totals: Figures; groups: (Figures & { key: string; label: string })[] }>(
      stats(s.county, `${q4}&groupBy=region`),
    );
    assert.deepEqual([r.endDay, r.region.code], ["2026-12-31", "320481"]);
    assert.deepEqual(pick(r.totals), { found: 6, foundClosed: 3, rectified: 3, onTime: 2, late: 1, open: 3, openMajor: 1, overdue: 1 });
    assert.deepEqual([r.totals.rectificationRate, r.totals.onTimeRate, r.totals.cleared], [50, 66.7, false]);

    // Every township of 溧阳市 is a group; those without hazards are 清零.
    const licheng = r.groups.find((g) => g.key === "320481002");
    const shanghuang = r.groups.find((g) => g.key === "320481102");
    assert.equal(licheng?.label, "溧城街道");
    assert.deepEqual(pick(licheng as Figures), {
      found: 5,
      foundClosed: 2,
      rectified: 2,
      onTime: 1,
      late: 1,
      open: 3,
      openMajor: 1,
      overdue: 1,
    });
    assert.deepEqual([licheng?.rectificationRate, licheng?.onTimeRate, licheng?.cleared], [40, 50, false]);
    assert.deepEqual(pick(shanghuang as Figures), {
      found: 1,
      foundClosed: 1,
      rectified: 1,
      onTime: 1,
      late: 0,
      open: 0,
      openMajor: 0,
      overdue: 0,
    });
    assert.deepEqual([shanghuang?.rectificationRate, shanghuang?.onTimeRate, shanghuang?.cleared], [100, 100, true]);
    assert.ok(r.groups.length > 10 && r.groups.every((g) => g.key.startsWith("320481") && g.key.length === 9));
    const quiet = r.groups.find((g) => g.key !== "320481002" && g.key !== "320481102");
    assert.deepEqual([quiet?.found, quiet?.cleared, quiet?.rectificationRate], [0, true, null]);

    // The SQL agrees with the written definition applied hazard by hazard.
    const all = await ok<{
      items: { state: string; level: string; reportedAt: string; closedAt: string | null; deadline: string | null }[];
    }>(get(s.county, "/api/hazards?pageSize=100"));
    const facts = all.items.map(
      (x): HazardFacts =>
        ({
          level: x.level,
          status: x.state,
          reportedAt: new Date(x.reportedAt),
          closedAt: x.closedAt ? new Date(x.closedAt) : null,
          deadline: x.deadline,
        }) as HazardFacts,
    );
    const reference = countHazards(facts, "2026-10-01", "2026-12-31", "2027-01-05");
    assert.deepEqual({ ...reference, late: reference.rectified - reference.onTime }, pick(r.totals));
  });

  test("grouped by industry, category and enterprise", async () => {
    const industry = await ok<{ groups: (Figures & { key: string; label: string })[] }>(stats(s.county, `${q4}&groupBy=industry`));
    assert.deepEqual(
      industry.groups.map((g) => [g.key, g.label, g.found]),
      [
        ["26", "化学原料和化学制品制造业", 5],
        ["34", "通用设备制造业", 1],
      ],
    );
    const category = await ok<{ groups: (Figures & { key: string; label: null })[] }>(stats(s.county, `${q4}&groupBy=category`));
    assert.deepEqual(
      category.groups.map((g) => [g.key, g.found, g.rectified, g.open]),
      [
        ["basic_management", 1, 1, 0],
        ["site_management", 5, 2, 3],
      ],
    );
    const byEnterprise = await ok<{ groups: (Figures & { key: string; label: string })[] }>(stats(s.county, `${q4}&groupBy=enterprise`));
    assert.deepEqual(
      byEnterprise.groups.map((g) => [g.label, g.found, g.open, g.cleared]),
      [
        ["溧阳市统计一号化工有限公司", 5, 3, false],
        ["溧阳市统计二号机械有限公司", 1, 0, true],
      ],
    );
  });

  test("scope: another county's inspector sees none of it; an enterprise sees its own; a region outside scope is 404", async () => {
    const tianning = await ok<{ region: { code: string }; totals: Figures; groups: { label: string }[] }>(
      stats(s.tianning, `${q4}&groupBy=enterprise`),
    );
    assert.equal(tianning.region.code, "320402");
    assert.equal(tianning.totals.found, 1);
    assert.deepEqual(
      tianning.groups.map((g) => g.label),
      ["天宁区统计三号化工有限公司"],
    );
    assert.equal((await stats(s.tianning, `${q4}&region=320481`)).statusCode, 404);
    assert.equal((await stats(s.tianning, `${q4}&region=3204`)).statusCode, 404, "above the caller's region");
    const grid = await ok<{ totals: Figures }>(stats(s.grid, q4));
    assert.equal(grid.totals.found, 5, "a grid member of 溧城街道 sees its township");
    const own = await ok<{ totals: Figures }>(stats(s.e2Admin, `${q4}&region=320481`));
    assert.deepEqual([own.totals.found, own.totals.cleared], [1, true]);
    const everything = await ok<{ region: null; totals: Figures; groups: { key: string; found: number }[] }>(stats(s.admin, q4));
    assert.equal(everything.region, null);
    assert.equal(everything.totals.found, 7);
    assert.deepEqual(
      everything.groups.filter((g) => g.found > 0).map((g) => [g.key, g.found]),
      [["32", 7]],
    );
  });

  test("bad queries answer 400 on the field", async () => {
    for (const [query, path] of [
      ["from=2026-12-31&to=2026-10-01", "to"],
      ["from=2026-02-30", "from"],
      ["groupBy=weather", "groupBy"],
      ["region=32048", "region"],
    ] as const) {
      const res = await stats(s.county, query);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        res.json().error.fields.some((f: { path: string; message: string }) => f.path === path && f.message),
        res.body,
      );
    }
    const res = await stats(s.county, "from=2027-02-01");
    assert.equal(res.statusCode, 400, "from after the default to (today)");
    assert.match(res.json().error.fields[0].message, /end date cannot be before/);
  });
});

describe("16号令 statistics reports (R4)", () => {
  type Period = { period: string; dueOn: string; status: string; submission: { onTime: boolean; principalName: string } | null };
  const periods = (session: Session, enterpriseId: string) => ok<Period[]>(get(session, `/api/enterprises/${enterpriseId}/hazard-reports`));
  const submit = (session: Session, enterpriseId: string, period: string, principalName = "张三") =>
    post(session, `/api/enterprises/${enterpriseId}/hazard-reports/${period}/submit`, { principalName });

  test("the enterprise's periods with their due days and status (worked examples 4 and 5)", async () => {
    const list = await periods(s.e1Staff, e1);
    assert.deepEqual(
      list.map((p) => [p.period, p.dueOn, p.status]),
      [
        ["2027Q1", "2027-04-15", "not_due"],
        ["2026Q4", "2027-01-15", "due"],
        ["2026Q3", "2026-10-15", "missing"],
        ["2026Q2", "2026-07-15", "missing"],
        ["2026Q1", "2026-04-15", "missing"],
        ["2027", "2028-01-31", "not_due"],
        ["2026", "2027-01-31", "due"],
      ],
    );
    assert.equal((await get(s.e2Admin, `/api/enterprises/${e1}/hazard-reports`)).statusCode, 404);
    assert.equal((await get(s.tianning, `/api/enterprises/${e1}/hazard-reports`)).statusCode, 404);
  });

  test("only the enterprise administrator submits, after the period, with the principal's name", async () => {
    assert.equal((await submit(s.e1Staff, e1, "2026Q4")).statusCode, 403);
    assert.equal((await submit(s.county, e1, "2026Q4")).statusCode, 403);
    assert.equal((await submit(s.e2Admin, e1, "2026Q4")).statusCode, 404);
    const running = await submit(s.e1Admin, e1, "2027Q1");
    assert.equal(running.statusCode, 400, running.body);
    assert.equal(running.json().error.fields[0].path, "period");
    const blank = await submit(s.e1Admin, e1, "2026Q4", "  ");
    assert.equal(blank.statusCode, 400);
    assert.equal(blank.json().error.fields[0].path, "principalName");
    assert.equal((await submit(s.e1Admin, e1, "2026Q5")).statusCode, 400);
    assert.equal((await periods(s.e1Admin, e1)).find((p) => p.period === "2026Q4")?.status, "due", "nothing stored");
  });

  test("on the 15th it is on time, on the 16th late; a second submission is refused; figures are frozen and audited", async () => {
    await goTo("2027-01-15");
    const first = await ok<Period>(submit(s.e1Admin, e1, "2026Q4", "张三"), 201);
    assert.deepEqual([first.status, first.submission?.onTime, first.submission?.principalName], ["submitted_on_time", true, "张三"]);
    assert.equal((await submit(s.e1Admin, e1, "2026Q4", "李四")).statusCode, 409);

    await goTo("2027-01-16");
    const late = await ok<Period>(submit(s.e2Admin, e2, "2026Q4", "赵六"), 201);
    assert.deepEqual([late.status, late.submission?.onTime], ["submitted_late", false]);
    const q1 = await ok<Period>(submit(s.e1Admin, e1, "2026Q1"), 201);
    assert.equal(q1.status, "submitted_late", "2026Q1 was due 2026-04-15");

    const audit = await ok<{ items: { action: string; entityId: string }[] }>(
      get(s.admin, "/api/audit?entityType=hazard_stat_report&pageSize=50"),
    );
    assert.deepEqual(audit.items.map((a) => a.action).sort(), ["hazard_report.submit", "hazard_report.submit", "hazard_report.submit"]);

    // Voiding h8 now takes it out of the live figures, not out of the submitted report.
    await act(s.county, ids.h8 as string, "void", { reason: "核实为重复登记" });
    const live = await ok<{ totals: Figures }>(stats(s.e1Admin, q4));
    assert.equal(live.totals.found, 4);

    const xlsx = await get(s.county, `/api/enterprises/${e1}/hazard-reports/2026Q4/xlsx`);
    assert.equal(xlsx.statusCode, 200, xlsx.body);
    assert.match(String(xlsx.headers["content-type"]), /spreadsheetml/);
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.set(String(values[0]).trim(), values);
    });
    const row = (label: string) => rows.get(label)?.slice(1, 4);
    // "—" where a rate has no denominator; 重大 found 1, closed 0 → 0 %.
    assert.equal(String(sheet.getCell("A2").value), "（2026年第四季度）");
    assert.ok([...rows.keys()].some((k) => k === "单位名称"));
    assert.deepEqual(row("本期排查发现隐患（项）"), [4, 1, 5], "frozen: h8 still counts");
    assert.deepEqual(row("本期整改销号（项）"), [2, 0, 2]);
    assert.deepEqual(row("其中：按期整改（项）"), [1, 0, 1]);
    assert.deepEqual(row("其中：逾期整改（项）"), [1, 0, 1]);
    assert.deepEqual(row("期末未销号（项）"), [2, 1, 3]);
    assert.deepEqual(row("其中：逾期未整改（项）"), [1, 0, 1]);
    assert.deepEqual(row("整改率（本期发现且已销号 ÷ 本期发现）"), [0.5, 0, 0.4]);
    assert.deepEqual(rows.get("期末未销号隐患中已落实整改方案（项）")?.[1], 2);
    assert.deepEqual(rows.get("本期销号隐患整改资金（元）")?.[1], "1601.00");
    assert.deepEqual(rows.get("在治隐患计划整改资金（元）")?.[1], "120800.50");
    assert.deepEqual(rows.get("隐患清零（期末无未销号隐患）")?.[1], "否");
    assert.ok(rows.has("安全阀未投用"), "the open 重大 hazard is listed with its plan");
    assert.ok([...rows.keys()].some((k) => k.startsWith("主要负责人（签字）：张三")));

    const overview = await ok<{
      enterprises: number;
      submitted: number;
      onTime: number;
      items: { enterpriseName: string; status: string }[];
    }>(get(s.county, "/api/hazard-reports?region=320481&period=2026Q4"));
    assert.deepEqual([overview.enterprises, overview.submitted, overview.onTime], [2, 2, 1]);
    assert.deepEqual(overview.items.map((i) => [i.enterpriseName, i.status]).sort(), [
      ["溧阳市统计一号化工有限公司", "submitted_on_time"],
      ["溧阳市统计二号机械有限公司", "submitted_late"],
    ]);
    const tianning = await ok<{ enterprises: number; items: { status: string }[] }>(get(s.tianning, "/api/hazard-reports?period=2026Q4"));
    assert.deepEqual([tianning.enterprises, tianning.items[0]?.status], [1, "missing"]);
    assert.equal((await get(s.tianning, "/api/hazard-reports?region=320481&period=2026Q4")).statusCode, 404);
    assert.equal((await get(s.grid, "/api/hazard-reports?period=2026Q4")).statusCode, 403);
    assert.equal((await get(s.e1Admin, "/api/hazard-reports?period=2026Q4")).statusCode, 403);
  });

  test("the live table before submission opens with the figures as of today", async () => {
    const xlsx = await get(s.e3Admin, `/api/enterprises/${e3}/hazard-reports/2026/xlsx`);
    assert.equal(xlsx.statusCode, 200, xlsx.body);
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    workbook.worksheets[0]?.eachRow((r) => {
      values.push((r.values as unknown[]).slice(1));
    });
    assert.deepEqual(
      values.find((v) => v[0] === "本期排查发现隐患（项）"),
      ["本期排查发现隐患（项）", 1, 0, 1],
    );
    assert.ok(values.some((v) => String(v[0]).startsWith("主要负责人（签字）：____")));
    assert.equal((await get(s.e3Admin, `/api/enterprises/${e3}/hazard-reports/2028Q1/xlsx`)).statusCode, 400);
  });
});

describe("statsDueInclusive = false (the stricter reading of R4)", () => {
  test("a submission on the 15th is late", async () => {
    const strict = await testApp({ STATS_DUE_INCLUSIVE: "false" });
    try {
      await seedReference(strict);
      const id = (await buildEnterprise(strict, { uscc: usccFor(7101) })).id;
      const username = (await buildUser(strict, { role: "enterprise_admin", enterpriseId: id, regionCode: null })).username;
      strict.clock.advance(new Date("2027-01-15T02:00:00Z").getTime() - strict.clock.now().getTime());
      const session = await signIn(strict, username);
      const res = await strict.app.inject({
        method: "POST",
        url: `/api/enterprises/${id}/hazard-reports/2026Q4/submit`,
        headers: session.headers(),
        payload: { principalName: "张三" },
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual([res.json().status, res.json().submission.onTime], ["submitted_late", false]);
    } finally {
      await strict.close();
    }
  });
});
