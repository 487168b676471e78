import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { buildUser, seedReference, testPassword } from "../server/test/harness.js";
import { launchBrowser, startServer, withScreenshot } from "./support.js";

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
before(async () => {
  server = await startServer();
  await seedReference(server);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("a 溧阳市 leader browses the grid from their own county, searches 溧城 and sees its path", async () => {
  const leader = await buildUser(server, { username: "e2e-liyang", role: "regulator_leader", regionCode: "320481" });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" })).newPage();
  await withScreenshot(page, "regions-leader", async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.locator("#username").fill(leader.username);
    await page.locator("#password").fill(testPassword);
    await page.locator("#login-submit").click();
    await page.getByRole("menu").first().getByText("区划与网格", { exact: true }).click();
    await page.waitForURL(/\/regions/);
    // Their own county first: 溧阳市 and its townships.
    const tree = page.getByTestId("region-tree");
    await tree.getByText("溧阳市").first().waitFor();
    await tree.getByText("溧城街道").first().waitFor();

    await page.locator("#region-search").click();
    await page.keyboard.type("溧城");
    await page.getByText("江苏省 / 常州市 / 溧阳市 / 溧城街道").first().click();
    const detail = page.getByTestId("region-detail");
    await detail.getByTestId("region-name").getByText("溧城街道").waitFor();
    assert.match((await detail.getByTestId("region-code").textContent()) ?? "", /320481002/);
    for (const name of ["江苏省", "常州市", "溧阳市"]) await detail.getByTestId("region-path").getByText(name).first().waitFor();
  });
});
