import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { renderPdf } from "../../kernel/documents/pdf.js";
import { buildEnterprise, buildUser, type Session, seedReference, signIn, type TestApp, testApp } from "../../test/harness.js";
import { dominantColour, inkIn, pdfFacts, pdfText, rasterize, shareOf } from "../../test/pdf-raster.js";
import { type RiskNoticeCard, riskNoticeCardDocument } from "./risk-notice-card.js";

const card = (over: Partial<RiskNoticeCard> = {}): RiskNoticeCard => ({
  enterpriseName: "溧阳市天目湖精细化工有限公司",
  pointName: "甲醇储罐区",
  location: "厂区东北角",
  levelName: "重大风险",
  colourName: "红",
  colour: "#e02020",
  hazards: ["甲醇泄漏遇点火源引发火灾爆炸"],
  accidentTypes: ["火灾", "其他爆炸", "中毒和窒息"],
  consequences: ["多人伤亡"],
  controlMeasures: [{ type: "工程技术", text: "液位、温度、压力远传和高低液位报警" }],
  emergencyMeasures: ["切断泄漏源，疏散至上风向"],
  responsible: [{ layer: "企业级", name: "王建国", phone: "13900001111" }],
  emergencyPhone: "0519-87001234",
  reportHow: "立即报告当班班长",
  assessedOn: "2026-03-15",
  printedOn: "2026-11-23",
  ...over,
});

const header = { x: 0.08, y: 0.05, w: 0.84, h: 0.1 };

test("a red card prints one A4 page: a red band with the white title, then the filled-in table", async () => {
  const pdf = await renderPdf(riskNoticeCardDocument(card()));
  const facts = pdfFacts(pdf);
  assert.equal(facts.pages, 1);
  assert.match(facts.fonts, /NotoSansSC/);
  const page = rasterize(pdf);
  assert.equal(dominantColour(page, header), "#e02020");
  assert.ok(shareOf(page, header, "#ffffff") > 0.03, "white title glyphs on the band");
  assert.ok(inkIn(page, { x: 0.05, y: 0.2, w: 0.9, h: 0.4 }) > 0.01, "the table's text is visible");
});

test("a yellow card prints dark text on its band so the title stays legible", async () => {
  const page = rasterize(await renderPdf(riskNoticeCardDocument(card({ levelName: "一般风险", colourName: "黄", colour: "#fadb14" }))));
  assert.equal(dominantColour(page, header), "#fadb14");
  assert.ok(inkIn(page, header) > 0.03, "dark title glyphs on the yellow band");
  assert.equal(shareOf(page, header, "#ffffff", 10) < 0.01, true);
});

describe("GET /api/risk-points/:id/notice-card", () => {
  let t: TestApp;
  let inspector: Session;
  let tianning: Session;
  let pointId: string;

  before(async () => {
    t = await testApp();
    await seedReference(t);
    const e = await buildEnterprise(t, {
      name: "溧阳市告知卡测试化工有限公司",
      safetyManagerName: "赵敏",
      safetyManagerPhone: "0519-87001234",
    });
    const entAdmin = await signIn(t, (await buildUser(t, { role: "enterprise_admin", enterpriseId: e.id, regionCode: null })).username);
    inspector = await signIn(t, (await buildUser(t, { role: "regulator_inspector", regionCode: "320481" })).username);
    tianning = await signIn(t, (await buildUser(t, { role: "regulator_inspector", regionCode: "320402" })).username);
    const post = (url: string, payload: object) => t.app.inject({ method: "POST", url, headers: entAdmin.headers(), payload });
    const point = await post(`/api/enterprises/${e.id}/risk-points`, {
      name: "甲醇储罐区",
      kind: "area",
      responsible: { enterprise: { name: "王建国", phone: "13900001111" } },
      events: [
        {
          description: "储罐泄漏遇点火源引发火灾爆炸",
          accidentType: "fire",
          consequence: "多人伤亡",
          measures: [
            { type: "engineering", description: "液位高低报警与可燃气体检测报警", layer: "workshop" },
            { type: "emergency", description: "切断泄漏源，疏散至上风向", layer: "team_post" },
          ],
        },
      ],
    });
    assert.equal(point.statusCode, 201, point.body);
    pointId = point.json().id;
    // risk-assessment.md example 1: L=10 E=6 C=7 → D=420, 重大/红.
    const assessed = await post(`/api/risk-points/${pointId}/assessments`, {
      policy: "lec",
      factors: { L: 10, E: 6, C: 7 },
      version: point.json().version,
    });
    assert.equal(assessed.statusCode, 201, assessed.body);
    assert.equal(assessed.json().level, "major");
  });
  after(() => t.close());

  test("a regulator of the region prints the card: red band, the point's measures and the duty phone", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/risk-points/${pointId}/notice-card`,
      headers: { cookie: inspector.cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers["content-type"], "application/pdf");
    const pdf = res.rawPayload;
    const page = rasterize(pdf);
    assert.equal(dominantColour(page, header), "#e02020");
    const text = pdfText(pdf);
    for (const expected of ["甲醇储罐区", "重大风险", "火灾", "液位高低报警", "切断泄漏源", "王建国", "0519-87001234", "119"]) {
      assert.ok(text.includes(expected), `${expected} in the card`);
    }
  });

  test("outside the region the point does not exist", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/risk-points/${pointId}/notice-card`, headers: { cookie: tianning.cookie } });
    assert.equal(res.statusCode, 404);
  });
});
