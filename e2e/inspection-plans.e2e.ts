import assert from "node:assert/strict";
import { test } from "node:test";
import { createUser } from "../server/modules/accounts/users.service.js";
import { buildEnterprise, testPassword, usccFor } from "../server/test/harness.js";
import { browserSuite, chooseOption, confirmPopover, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();

test("an inspector drafts the county's annual plan, a leader approves it and moves a visit with a reason", async () => {
  const { server } = suite;
  const ctx = { actor: null, ip: null, now: server.clock.now() };
  // Two chemical plants (重点, blue: once a year) and a machinery works left to the double-random draw.
  await buildEnterprise(server, { name: "溧阳市计划演示化工一厂", uscc: usccFor(9601) });
  await buildEnterprise(server, { name: "溧阳市计划演示化工二厂", uscc: usccFor(9602) });
  await buildEnterprise(server, {
    name: "溧阳市计划演示机械厂",
    uscc: usccFor(9603),
    category: "industry_trade",
    subcategory: "machinery",
    industryCode: "3411",
  });
  const officer = (username: string, role: "regulator_leader" | "regulator_inspector", certNo: string) =>
    createUser(server.database.db, ctx, {
      username,
      displayName: username === "e2e-plan-leader" ? "王局长" : "李执法",
      role,
      regionCode: "320481",
      enforcementCertNo: certNo,
      password: testPassword,
    });
  await officer("e2e-plan-inspector", "regulator_inspector", "JF320481901");
  await officer("e2e-plan-leader", "regulator_leader", "JF320481902");

  const page = await signInAs(suite, "e2e-plan-inspector");
  let planUrl = "";
  await withScreenshot(page, "inspection-plans-inspector", async () => {
    await page.getByRole("menu").getByText("年度检查计划", { exact: true }).click();
    await page.waitForURL(/\/inspection-plans$/);
    await page.locator("#plan-new").click();
    await page.locator("#plan-frequency-key_blue").waitFor();
    await page.locator("#plan-submit").click();
    await page.waitForURL(/\/inspection-plans\/[0-9a-f-]{36}$/);
    planUrl = page.url();
    await page.locator('[data-status="draft"]').first().waitFor();
    await page.locator('[data-group="key.blue"]').first().waitFor();
    assert.equal(await page.getByTestId("plan-progress-planned").locator(".ant-statistic-content-value").innerText(), "2");
    assert.equal(await page.locator("#plan-approve").count(), 0, "an inspector cannot approve");
    assert.equal(await page.locator("#plan-regenerate").count(), 1);
  });

  const leader = await signInAs(suite, "e2e-plan-leader");
  await withScreenshot(leader, "inspection-plans-leader", async () => {
    await leader.goto(planUrl);
    await confirmPopover(leader, "#plan-approve", "#plan-approve-confirm", leader.locator('[data-status="approved"]').first());
    assert.equal(await leader.locator("#plan-regenerate").count(), 0, "an approved plan is not regenerated");

    // Move the first visit to December with a reason.
    await leader.locator('[data-testid^="plan-move-"]').first().click();
    await chooseOption(leader, "plan-move-month", "12月");
    await leader.locator("#plan-move-reason").fill("企业停产检修，顺延至12月");
    await leader.locator("#plan-move-submit").click();
    await leader.getByText("已调整").waitFor();
    await leader.getByRole("cell", { name: "12月" }).first().waitFor();
  });
});
