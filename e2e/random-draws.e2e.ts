import assert from "node:assert/strict";
import { test } from "node:test";
import { createUser } from "../server/modules/accounts/users.service.js";
import { buildEnterprise, testPassword, usccFor } from "../server/test/harness.js";
import { browserSuite, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();

test("a county leader commits a draw, draws it with the beacon value, and anyone re-runs it in the browser: verified", async () => {
  const { server } = suite;
  for (let i = 0; i < 6; i++) {
    await buildEnterprise(server, { name: `溧阳市双随机演示企业${i}`, uscc: usccFor(9600 + i) });
  }
  const ctx = { actor: null, ip: null, now: server.clock.now() };
  const officer = (username: string, displayName: string, role: "regulator_leader" | "regulator_inspector", certNo: string) =>
    createUser(server.database.db, ctx, {
      username,
      displayName,
      role,
      regionCode: "320481",
      enforcementCertNo: certNo,
      password: testPassword,
    });
  const leader = await officer("e2e-draw-leader", "溧阳局长", "regulator_leader", "JF320481901");
  await officer("e2e-draw-a", "执法员甲", "regulator_inspector", "JF320481902");
  await officer("e2e-draw-b", "执法员乙", "regulator_inspector", "JF320481903");

  const page = await signInAs(suite, leader.username);
  let drawUrl = "";
  await withScreenshot(page, "random-draws-leader", async () => {
    await page.getByRole("menu").getByText("双随机抽查", { exact: true }).click();
    await page.waitForURL(/\/random-draws$/);
    await page.getByRole("button", { name: "新建抽查" }).click();
    await page.locator("#randomDrawPrepare_planCode").fill("LY-320481-2026-DR-E2E");
    await page.locator("#randomDrawPrepare_title").fill("2026年第四季度双随机抽查");
    await page.locator("#randomDrawPrepare_ratePercent").fill("50");
    await page.locator("#randomDrawPrepare_beaconSource").fill("中国福利彩票双色球");
    await page.locator("#randomDrawPrepare_beaconId").fill("2026136期");
    await page.getByRole("button", { name: "冻结名录并公布承诺" }).click();
    await page.waitForURL(/\/random-draws\/[0-9a-f-]{36}$/);
    drawUrl = page.url();
    await page.getByTestId("objects-digest").waitFor();

    await page.locator("#randomDrawExecute_beaconValue").fill("03 08 15 21 27 30 + 11");
    await page.getByRole("button", { name: "摇号" }).click();
    await page.getByTestId("draw-seed").waitFor();
    assert.equal(await page.getByTestId("draw-team").count(), 3, "50 % of 6 enterprises");
  });

  // The public record needs no sign-in; the draw is recomputed by the page itself.
  const publicPage = await (await suite.browser.newContext({ locale: "zh-CN" })).newPage();
  await withScreenshot(publicPage, "random-draws-public", async () => {
    await publicPage.goto(drawUrl.replace("/random-draws/", "/public/random-draws/"));
    await publicPage.getByText("LY-320481-2026-DR-E2E", { exact: true }).waitFor();
    await publicPage.getByTestId("verify-draw").click();
    const verified = publicPage.getByTestId("draw-verified");
    await verified.waitFor();
    assert.match((await verified.textContent()) ?? "", /已验证/);
  });
});
