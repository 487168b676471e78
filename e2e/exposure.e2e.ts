import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { addDays, shanghaiDay } from "../domain/common/calendar.js";
import { hazardEscalations, hazards } from "../server/modules/hazards/hazards.schema.js";
import { buildEnterprise, buildUser, usccFor } from "../server/test/harness.js";
import { browserSuite, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();

test("an inspector puts an overdue hazard on the week's list, a leader publishes it, and anyone sees it on /public/exposure", async () => {
  const { server } = suite;
  const enterprise = await buildEnterprise(server, { name: "溧阳市曝光演示化工有限公司", uscc: usccFor(9501) });
  const inspector = await buildUser(server, { username: "e2e-exposure-inspector", role: "regulator_inspector", regionCode: "320481" });
  const leader = await buildUser(server, { username: "e2e-exposure-leader", role: "regulator_leader", regionCode: "320481" });
  // A hazard 10 days past its deadline whose o3 rung the escalation job has fired.
  const today = shanghaiDay(server.clock.now());
  const now = server.clock.now();
  const hazardId = randomUUID();
  await server.database.db.insert(hazards).values({
    id: hazardId,
    enterpriseId: enterprise.id,
    regionCode: enterprise.regionCode,
    description: "甲醇储罐区可燃气体报警器失效未修复",
    location: "甲醇储罐区",
    source: "regulator_inspection",
    category: "site_management",
    level: "general",
    status: "overdue",
    deadline: addDays(today, -10),
    foundByName: "检查员",
    reportedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  await server.database.db
    .insert(hazardEscalations)
    .values({ hazardId, rung: "o3", day: addDays(today, -7), daysOverdue: 3, firedAt: now });

  const page = await signInAs(suite, inspector.username);
  await withScreenshot(page, "exposure-inspector", async () => {
    await page.getByRole("menu").getByText("每周曝光", { exact: true }).click();
    await page.waitForURL(/\/hazards\/exposure$/);
    await page.locator("#exposure-create").click();
    await page.getByTestId(`exposure-add-${hazardId}`).click();
    await page.getByTestId("exposure-items").getByText(enterprise.name).waitFor();
    assert.equal(await page.locator("#exposure-publish").count(), 0, "an inspector cannot publish");
    // The register's 导出 Excel downloads the filtered list.
    await page.goto(`${server.baseUrl}/hazards?tab=overdue`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#hazards-export").click()]);
    assert.match(download.suggestedFilename(), /^隐患清单-.*\.xlsx$/);
  });

  const leaderPage = await signInAs(suite, leader.username);
  await withScreenshot(leaderPage, "exposure-leader", async () => {
    await leaderPage.goto(`${server.baseUrl}/hazards/exposure`);
    await leaderPage.getByTestId("exposure-items").getByText(enterprise.name).waitFor();
    await leaderPage.locator("#exposure-publish").click();
    await leaderPage.locator(".ant-popconfirm").getByRole("button", { name: "确定" }).click();
    await leaderPage.locator('[data-status="published"]').first().waitFor();
  });

  // Nobody signed in, on a phone.
  const anonymous = await (
    await suite.browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  ).newPage();
  await withScreenshot(anonymous, "exposure-public", async () => {
    await anonymous.goto(`${server.baseUrl}/login`);
    await anonymous.locator("#login-public-exposure").click();
    await anonymous.waitForURL(/\/public\/exposure$/);
    const item = anonymous.getByTestId("public-exposure-item").filter({ hasText: enterprise.name });
    await item.waitFor();
    const text = await item.innerText();
    assert.match(text, /甲醇储罐区可燃气体报警器失效未修复/);
    assert.match(text, new RegExp(enterprise.uscc));
    assert.match(text, /10 天/);
    assert.ok(!text.includes("检查员"), "no people");
    const [scroll, width] = await anonymous.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px viewport`);
    await anonymous.locator("#lang-en").click();
    await anonymous.getByText("Weekly exposure of work-safety hazards").waitFor();
  });
});
