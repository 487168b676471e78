import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { defaultFiveBatchTags } from "../../../domain/enforcement/outcomes.js";
import type { CaseStats } from "../../../domain/enforcement/stats.dto.js";
import { rows, sql } from "../../kernel/db/db.js";
import { loadExcel } from "../../kernel/files/excel.js";
import { type Session, signIn } from "../../test/harness.js";
import { type EnforcementWorld, enforcementWorld } from "./enforcement.fixture.js";
import { configureFiveBatchTags } from "./enforcement.stats.js";

let w: EnforcementWorld;
let s: EnforcementWorld["s"];

const fine = (yuan: number) => ({ party: "unit", items: [{ kind: "fine", amountFen: yuan * 100 }] });
const day = 86_400_000;
const whole = "from=2026-11-01&to=2026-12-31";
const stats = (who: Session, query: string) => w.get(who, `/api/cases/stats?${query}`);

/** Moves the test clock on by whole days; sessions last 12 hours, so everyone signs in again (the world's sessions). */
async function advanceDays(n: number) {
  w.t.clock.advance(n * day);
  for (const [who, id] of Object.entries(w.ids) as [keyof EnforcementWorld["s"], string][]) {
    const [u] = await rows<{ username: string }>(w.db, sql`select username from users where id = ${id}`);
    w.s[who] = await signIn(w.t, u?.username ?? "");
  }
}

// The cases, built once on the test clock (Mon 2026-11-23 → 12-01 → 12-09):
// A — order rectified on re-inspection, a ¥20,000 fine decided 12-01, paid, closed the same day;
// B — on-site suspension, a ¥10,000 fine 12-01, not rectified 12-01 → 按日连续处罚 8 days × ¥10,000 decided and
//     published 12-09 (R4: order day 11-23 < d ≤ 12-01);
// C — opened by the housing department, nothing else; plus an inspection that opened no case.
before(async () => {
  w = await enforcementWorld();
  s = w.s;
  const a = await w.openedCase();
  const b = await w.openedCase();
  await w.openedCase({ departmentId: w.housingId });
  await w.finishedInspection();
  await w.events(a.id, [
    { type: "order_issued", deadline: "2026-12-03" },
    { type: "filed" },
    { type: "penalty_notice", penalty: fine(20_000) },
  ]);
  await w.events(b.id, [
    { type: "order_issued", deadline: "2026-11-25" },
    { type: "onsite_measures", measures: ["suspend_production"], suspensionUntil: "2027-01-31" },
    { type: "filed" },
    { type: "penalty_notice", penalty: fine(10_000) },
  ]);
  await advanceDays(8); // 2026-12-01: the defence windows ended 11-30
  await w.events(a.id, [
    { type: "reinspected_rectified" },
    { type: "decision_issued", penalty: fine(20_000) },
    { type: "served" },
    { type: "paid", amountFen: 20_000_00 },
    { type: "closed", reason: "completed" },
  ]);
  await w.events(b.id, [
    { type: "decision_issued", penalty: fine(10_000) },
    { type: "reinspected_not_rectified" },
    { type: "filed" },
    { type: "penalty_notice", penalty: fine(80_000), dailyFine: true },
  ]);
  await advanceDays(8); // 2026-12-09: the hearing-request window (¥80,000 carries it) ended 12-08
  await w.events(b.id, [{ type: "decision_issued", penalty: fine(80_000) }, { type: "publication" }]);
});
after(() => w.close());

const zeroTags = { suspension: 0, closure: 0, maximum_penalty: 0, accountability: 0, exposure: 0 };

describe("GET /api/cases/stats (issue 8 §6)", () => {
  test("the exact figures of the hand-built cases, per township and in total", async () => {
    const res = await stats(s.ins1, whole);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as CaseStats;
    assert.deepEqual([body.region?.code, body.from, body.to, body.groupBy], ["320481", "2026-11-01", "2026-12-31", "region"]);
    assert.deepEqual(
      body.tags.map((t) => t.label),
      ["停产整顿一批", "关闭取缔一批", "上限处罚一批", "追责问责一批", "曝光一批"],
    );
    const expected = {
      inspectionsWithViolations: 3,
      casesOpened: 3,
      ordersIssued: 2,
      rectified: 1,
      notRectified: 1,
      penalties: 3,
      fined: 3,
      fineTotal: 110_000,
      fineAverage: 36_666.67,
      dailyFines: 1,
      dailyFineTotal: 80_000,
      suspensions: 1,
      casesClosed: 1,
      closedWithinDeadline: 1,
      fiveBatch: { ...zeroTags, suspension: 1, exposure: 1 },
    };
    assert.deepEqual(body.totals, expected);
    // Every township of 溧阳市 is a group; the enterprise's (溧城街道) carries everything, the others zero.
    const liCheng = body.groups.find((g) => g.key === "320481002");
    assert.deepEqual(liCheng, { key: "320481002", label: "溧城街道", ...expected });
    assert.ok(body.groups.length > 1);
    assert.ok(body.groups.filter((g) => g.key !== "320481002").every((g) => g.casesOpened === 0 && g.penalties === 0));
  });

  test("per department: the emergency bureau's two cases, the housing bureau's one", async () => {
    const body = (await stats(s.ins2, `${whole}&groupBy=department`)).json() as CaseStats;
    const by = new Map(body.groups.map((g) => [g.label, g]));
    assert.deepEqual([...by.keys()].sort(), ["溧阳市住房和城乡建设局", "溧阳市应急管理局"].sort());
    const emergency = by.get("溧阳市应急管理局");
    const housing = by.get("溧阳市住房和城乡建设局");
    assert.deepEqual(
      [emergency?.casesOpened, emergency?.inspectionsWithViolations, emergency?.penalties, emergency?.fineTotal],
      [2, 2, 3, 110_000],
    );
    assert.deepEqual([housing?.casesOpened, housing?.inspectionsWithViolations, housing?.penalties, housing?.fineTotal], [1, 1, 0, 0]);
    const one = (await stats(s.ins1, `${whole}&departmentId=${w.housingId}`)).json() as CaseStats;
    assert.equal(one.department?.name, "溧阳市住房和城乡建设局");
    assert.deepEqual([one.totals.casesOpened, one.totals.penalties, one.totals.inspectionsWithViolations], [1, 0, 1]);
  });

  test("only events dated in the period count", async () => {
    const first = (await stats(s.ins1, "from=2026-11-23&to=2026-11-30")).json() as CaseStats;
    assert.deepEqual(
      [first.totals.inspectionsWithViolations, first.totals.casesOpened, first.totals.ordersIssued, first.totals.suspensions],
      [3, 3, 2, 1],
    );
    assert.deepEqual([first.totals.penalties, first.totals.rectified, first.totals.casesClosed], [0, 0, 0]);
    assert.deepEqual(first.totals.fiveBatch, { ...zeroTags, suspension: 1 });

    const later = (await stats(s.ins1, "from=2026-12-01&to=2026-12-31")).json() as CaseStats;
    assert.deepEqual([later.totals.inspectionsWithViolations, later.totals.casesOpened, later.totals.ordersIssued], [0, 0, 0]);
    assert.deepEqual(
      [later.totals.penalties, later.totals.fineTotal, later.totals.rectified, later.totals.notRectified],
      [3, 110_000, 1, 1],
    );
    assert.deepEqual(later.totals.fiveBatch, { ...zeroTags, exposure: 1 });

    const lastDay = (await stats(s.ins1, "from=2026-12-09&to=2026-12-09")).json() as CaseStats;
    assert.deepEqual([lastDay.totals.penalties, lastDay.totals.dailyFines, lastDay.totals.dailyFineTotal], [1, 1, 80_000]);
    const before = (await stats(s.ins1, "from=2026-01-01&to=2026-11-22")).json() as CaseStats;
    assert.deepEqual([before.totals.casesOpened, before.totals.inspectionsWithViolations], [0, 0]);
  });

  test("scope: another county sees none of 溧阳's, a region outside is 404, the enterprise and grid 403", async () => {
    const tianning = await stats(s.tianning, whole);
    assert.equal(tianning.statusCode, 200, tianning.body);
    const t = tianning.json() as CaseStats;
    assert.equal(t.region?.code, "320402");
    assert.deepEqual([t.totals.casesOpened, t.totals.inspectionsWithViolations, t.totals.penalties], [0, 0, 0]);
    assert.equal((await stats(s.tianning, `${whole}&region=320481`)).statusCode, 404);
    assert.equal((await stats(s.tianning, `${whole}&departmentId=${w.departmentId}`)).json().totals.casesOpened, 0);
    // The township officer does not see the county department's cases (caseScope).
    assert.equal((await stats(s.township, whole)).json().totals.casesOpened, 0);
    assert.equal((await stats(s.entAdmin, whole)).statusCode, 403);
    assert.equal((await stats(s.grid, whole)).statusCode, 403);
    // The administrator sees all of them.
    const admin = (await stats(s.admin, `${whole}&region=320481`)).json() as CaseStats;
    assert.deepEqual([admin.totals.casesOpened, admin.totals.fineTotal], [3, 110_000]);
  });

  test("bad input is a 400 naming the field with a message", async () => {
    for (const [query, path] of [
      ["from=2026-12-31&to=2026-11-01", "to"],
      ["from=2026-02-30", "from"],
      ["groupBy=enterprise", "groupBy"],
      ["departmentId=not-a-uuid", "departmentId"],
      [`departmentId=${w.enterpriseId}`, "departmentId"],
    ] as const) {
      const res = await stats(s.ins1, query);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      const fields = res.json().error.fields as { path: string; message: string }[];
      assert.ok(
        fields.some((f) => f.path === path && f.message.length > 0 && !f.message.startsWith("enforcement.")),
        `${query}: ${res.body}`,
      );
    }
  });
});

describe("五个一批 is a configured set (R8)", () => {
  test("the deployment's tags are counted and listed; a bad set is refused", async () => {
    configureFiveBatchTags([
      { key: "exposed", label: "曝光一批", derivedFrom: "exposure" },
      { key: "interviewed", label: "约谈一批" },
    ]);
    try {
      const body = (await stats(s.ins1, whole)).json() as CaseStats;
      assert.deepEqual(body.tags, [
        { key: "exposed", label: "曝光一批" },
        { key: "interviewed", label: "约谈一批" },
      ]);
      assert.deepEqual(body.totals.fiveBatch, { exposed: 1, interviewed: 0 });
    } finally {
      configureFiveBatchTags(defaultFiveBatchTags);
    }
    assert.throws(() =>
      configureFiveBatchTags([
        { key: "a", label: "甲" },
        { key: "a", label: "乙" },
      ]),
    );
    assert.throws(() => configureFiveBatchTags([{ key: "b", label: " " }]));
  });
});

describe("GET /api/cases/stats.xlsx", () => {
  test("parses back with zh headers, the same figures and a total row; UTF-8 file name", async () => {
    const res = await w.t.app.inject({
      method: "GET",
      url: `/api/cases/stats.xlsx?${whole}`,
      headers: { cookie: s.ins1.cookie, "accept-language": "zh-CN" },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers["content-type"]), /spreadsheetml/);
    assert.match(
      String(res.headers["content-disposition"]),
      new RegExp(`filename\\*=UTF-8''${encodeURIComponent("执法统计-2026-11-01-2026-12-31.xlsx")}`),
    );
    const Excel = await loadExcel();
    const book = new Excel.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    assert.ok(sheet);
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.find((r) => r[0] === "名称") as unknown[];
    const total = rows.find((r) => r[0] === "合计") as unknown[];
    const liCheng = rows.find((r) => r[0] === "溧城街道") as unknown[];
    assert.ok(header && total && liCheng, JSON.stringify(rows));
    const col = (name: string) => {
      const i = header.indexOf(name);
      assert.ok(i > 0, `no column ${name}`);
      return i;
    };
    const names = [
      "发现违法行为的检查",
      "立案登记",
      "责令限期整改",
      "复查已整改",
      "复查未整改",
      "行政处罚决定",
      "罚款总额（元）",
      "平均罚款（元）",
      "按日连续处罚",
      "按日连续处罚金额（元）",
      "停产停业整顿",
      "结案",
      "按期办结",
      "停产整顿一批",
      "曝光一批",
      "关闭取缔一批",
    ];
    const figures = [3, 3, 2, 1, 1, 3, 110_000, 36_666.67, 1, 80_000, 1, 1, 1, 1, 1, 0];
    assert.deepEqual(
      names.map((h) => total[col(h)]),
      figures,
    );
    assert.deepEqual(
      names.map((h) => liCheng[col(h)]),
      figures,
    );
    const denied = await w.t.app.inject({ method: "GET", url: `/api/cases/stats.xlsx?${whole}`, headers: { cookie: s.entAdmin.cookie } });
    assert.equal(denied.statusCode, 403);
  });
});
