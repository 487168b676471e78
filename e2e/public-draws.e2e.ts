import assert from "node:assert/strict";
import { test } from "node:test";
import type { Actor } from "../server/kernel/auth/actor.js";
import { createUser } from "../server/modules/accounts/users.service.js";
import { seedDemoDraw } from "../server/modules/random-draws/random-draws.demo.js";
import { buildEnterprise, testPassword, usccFor } from "../server/test/harness.js";
import { browserSuite, withScreenshot } from "./support.js";

const suite = browserSuite();

test("anyone opens the public index of draws without signing in, opens the demo draw and sees it verified with its results", async () => {
  const { server } = suite;
  // What the demo city seeds for 溧阳市's draw: its enterprises, two certified inspectors, the draw (k = 5) executed.
  for (let i = 0; i < 8; i++) await buildEnterprise(server, { name: `溧阳市公示演示企业${i}`, uscc: usccFor(9700 + i) });
  const ctx = { actor: null, ip: null, now: server.clock.now() };
  const users = [];
  for (const [username, certNo] of [
    ["e2e-public-a", "JF320481801"],
    ["e2e-public-b", "JF320481802"],
  ] as const) {
    users.push(
      await createUser(server.database.db, ctx, {
        username,
        displayName: `溧阳执法${certNo.slice(-1)}`,
        role: "regulator_inspector",
        regionCode: "320481",
        enforcementCertNo: certNo,
        password: testPassword,
      }),
    );
  }
  const organiser: Actor = {
    userId: users[0]?.id as string,
    username: "e2e-public-a",
    displayName: "溧阳执法1",
    role: "regulator_inspector",
    regionCode: "320481",
    enterpriseId: null,
    mustChangePassword: false,
    via: { kind: "token", tokenId: "e2e" },
  };
  const demo = await seedDemoDraw(server.database.db, { ...ctx, actor: organiser }, organiser);

  const page = await (await suite.browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 } })).newPage();
  await withScreenshot(page, "public-draws", async () => {
    await page.goto(`${server.baseUrl}/public/random-draws`);
    const index = page.getByTestId("public-draws");
    const row = index.locator("tr", { hasText: "演示 beacon" });
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /溧阳市/);
    assert.match((await row.textContent()) ?? "", /抽取 5 \/ 8 家/);

    await row.getByRole("link", { name: "查看与验证" }).click();
    await page.waitForURL(new RegExp(`/public/random-draws/${demo.id}$`));
    await page.getByTestId("verify-draw").click();
    const verified = page.getByTestId("draw-verified");
    await verified.waitFor();
    assert.match((await verified.textContent()) ?? "", /已验证/);

    // The drawn enterprises with their teams, and the published-results table (no inspection finished yet).
    const drawn = page.locator(".ant-card", { hasText: "抽查结果" }).first().locator("tbody tr.ant-table-row");
    assert.equal(await drawn.count(), 5);
    await page.getByTestId("draw-results").getByText("抽中企业尚无已完成的检查").waitFor();

    // Back to the index from the record.
    await page.getByRole("link", { name: "全部抽查公示" }).click();
    await page.waitForURL(/\/public\/random-draws$/);
    await index.locator("tr", { hasText: "演示 beacon" }).waitFor();
  });
});
