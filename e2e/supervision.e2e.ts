import assert from "node:assert/strict";
import { test } from "node:test";
import { addDays, shanghaiDay } from "../domain/common/calendar.js";
import { buildEnterprise, buildUser, signIn, usccFor } from "../server/test/harness.js";
import { browserSuite, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();
const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

test("挂牌督办: the county inspector lists a major hazard, the enterprise reports completion and applies to resume, the inspector approves and delists", async () => {
  const { server } = suite;
  const enterprise = await buildEnterprise(server, { name: "溧阳市督办演示化工有限公司", uscc: usccFor(9401) });
  const entAdmin = await buildUser(server, { role: "enterprise_admin", enterpriseId: enterprise.id, regionCode: null });
  const inspector = await buildUser(server, { role: "regulator_inspector", regionCode: "320481" });
  const today = shanghaiDay(server.clock.now());
  const description = "1 号储罐安全阀未投用";

  // The enterprise has reported, planned and submitted a 重大 hazard (121号 item 15) through the API.
  const ent = await signIn(server, entAdmin.username);
  const call = async (url: string, payload: object) => {
    const res = await server.app.inject({ method: "POST", url, headers: ent.headers(), payload });
    assert.ok(res.statusCode < 300, res.body);
    return res.json();
  };
  let h = await call("/api/hazards", {
    enterpriseId: enterprise.id,
    description,
    location: "1 号储罐",
    source: "self_check",
    criterionId: "aj2017-121-chem-15",
    photos: [{ contentType: "image/png", data: png }],
  });
  const plan = {
    measures: "更换安全阀",
    responsibleName: "张安全",
    funds: "30000",
    deadline: addDays(today, 20),
    goal: "安全阀投用",
    organisation: "设备部",
    contingency: "停用 1 号储罐",
    suspension: "partial",
  };
  h = await call(`/api/hazards/${h.id}/transitions`, { action: "set_plan", version: h.version, plan });
  h = await call(`/api/hazards/${h.id}/transitions`, {
    action: "submit",
    version: h.version,
    rectification: "已更换并校验",
    photos: [{ contentType: "image/png", data: png }],
  });

  const page = await signInAs(suite, inspector.username);
  await withScreenshot(page, "supervision-list", async () => {
    await page.goto(`${server.baseUrl}/hazards/${h.id}`);
    await page.locator("#supervision-list").click();
    const dialog = page.getByRole("dialog");
    await page.locator("#supervision-action_deadline").click();
    await page.locator("#supervision-action_deadline").fill(addDays(today, 30));
    await page.locator("#supervision-action_deadline").press("Enter");
    // The requirements are required: the form says so before anything is sent.
    await page.locator("#supervision-ok").click();
    await page.locator("#supervision-action_requirements_help").waitFor();
    await page.locator("#supervision-action_requirements").fill("30 日内完成治理，治理期间 1 号储罐停用");
    await dialog.getByText("局部停产", { exact: true }).click();
    await page.locator("#supervision-ok").click();
    const card = page.getByTestId("supervision-card");
    await card.getByText("溧阳市安全生产委员会办公室").waitFor();
    await card.getByTestId("supervision-status").getByText("督办中").waitFor();
    await card.getByTestId("supervision-countdown").getByText("剩 30 天").waitFor();
    // A regulator's listing (taking over the automatic one) is signed off by 摘牌, not plain acceptance: the
    // accept button goes once the record reloads.
    await page.locator("#hazard-accept").waitFor({ state: "detached", timeout: 10_000 });

    // The board, from the menu: the listing with its countdown.
    await page.getByRole("menu").first().getByText("挂牌督办", { exact: true }).click();
    await page.waitForURL(/\/hazards\/supervision$/);
    const board = page.getByTestId("supervision-board");
    await board.getByRole("link", { name: description }).waitFor();
    await board.getByText("剩 30 天").waitFor();
    // The register's 挂牌督办 tab lists it too.
    await page.goto(`${server.baseUrl}/hazards`);
    await page.getByTestId("hazards-tab-supervised").click();
    await page.getByTestId("hazards-table").getByRole("link", { name: description }).waitFor();
  });

  const entPage = await signInAs(suite, entAdmin.username);
  await withScreenshot(entPage, "supervision-completion", async () => {
    await entPage.goto(`${server.baseUrl}/hazards/${h.id}`);
    await entPage.locator("#supervision-completion").click();
    await entPage.locator("#supervision-action_report").fill("安全阀已更换并经校验合格");
    await entPage.locator("#supervision-action_conclusion").fill("本单位技术人员和专家评估：隐患已消除");
    await entPage.locator("#supervision-ok").click();
    const card = entPage.getByTestId("supervision-card");
    await card.getByTestId("supervision-status").getByText("已报送整改完成情况").waitFor();
    await entPage.locator("#supervision-resumption").click();
    await entPage.locator("#supervision-action_application").fill("治理完成，申请 1 号储罐恢复使用");
    await entPage.locator("#supervision-ok").click();
    await card.getByTestId("supervision-resumption").getByText("待审查").waitFor();
    // R9: on-site review within 10 days of receipt.
    await card.getByTestId("supervision-review-due").getByText(addDays(today, 10)).waitFor();
  });

  await withScreenshot(page, "supervision-delist", async () => {
    await page.goto(`${server.baseUrl}/hazards/${h.id}`);
    await page.locator("#supervision-decide").click();
    await page.locator("#supervision-action_note").fill("现场审查合格，同意恢复使用");
    await page.locator("#supervision-ok").click();
    await page.getByTestId("supervision-resumption").getByText("同意复产").waitFor();
    await page.locator("#supervision-delist").click();
    await page.locator("#supervision-ok").click();
    await page.getByTestId("hazard-state").getByText("已销号").waitFor();
    const timeline = page.getByTestId("hazard-timeline");
    for (const step of ["list", "completion_report", "resumption_apply", "resumption_decide", "delist", "accept"])
      await timeline.getByTestId(`hazard-event-${step}`).first().waitFor(); // "list": the automatic one, then the inspector's
  });

  const stored = (await server.app.inject({ method: "GET", url: `/api/hazards/${h.id}`, headers: ent.headers() })).json();
  assert.deepEqual([stored.state, stored.supervisionLevel, stored.supervisions[0].status], ["accepted", null, "delisted"]);
});
