import assert from "node:assert/strict";
import { test } from "node:test";
import { withTx } from "../server/kernel/db/db.js";
import { notify } from "../server/modules/notifications/notifications.service.js";
import { buildUser, systemCtx, testPassword } from "../server/test/harness.js";
import { browserSuite, withScreenshot } from "./support.js";

const suite = browserSuite();

test("the bell counts unread notifications; the inbox opens one (read) and marks the rest read", async () => {
  const { server, browser } = suite;
  const user = await buildUser(server, { role: "regulator_leader", regionCode: "3204", mustChangePassword: false });
  const send = (key: string, title: string, link: string) =>
    withTx(server.database.db, (tx) =>
      notify(tx, systemCtx(server), {
        userIds: [user.id],
        kind: "hazard.escalation.o15",
        title: { zh: title, en: `EN ${title}` },
        body: { zh: `${title}的正文`, en: `Body of ${title}` },
        link,
        subjectType: "hazard",
        subjectId: key,
        dedupeKey: `e2e:${key}`,
      }),
    );
  await send("a", "逾期隐患提请上级督办", "/");
  server.clock.minutes(1);
  await send("b", "重大事故隐患逾期，提级督办", "/inbox");

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
  const page = await context.newPage();
  await withScreenshot(page, "notifications", async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.locator("#username").fill(user.username);
    await page.locator("#password").fill(testPassword);
    await page.locator("#login-submit").click();
    const bell = page.getByTestId("notification-bell");
    await bell.getByText("2", { exact: true }).waitFor();

    await bell.click();
    await page.waitForURL(/\/inbox$/);
    const titles = page.getByTestId("notification-title");
    await titles.first().waitFor();
    assert.deepEqual(await titles.allTextContents(), ["重大事故隐患逾期，提级督办", "逾期隐患提请上级督办"]);

    // Opening the older one marks it read and follows its link.
    await page
      .getByRole("row", { name: /逾期隐患提请上级督办/ })
      .getByRole("button", { name: /查看/ })
      .click();
    await page.waitForURL(`${server.baseUrl}/`);
    await bell.getByText("1", { exact: true }).waitFor();

    await bell.click();
    await page.locator(".ant-segmented").getByText("未读", { exact: true }).click();
    await titles.filter({ hasText: "逾期隐患提请上级督办" }).waitFor({ state: "detached" });
    assert.deepEqual(await titles.allTextContents(), ["重大事故隐患逾期，提级督办"]);

    await page.getByTestId("mark-all-read").click();
    await page.getByText("没有未读通知").waitFor();
    await bell.getByText("1", { exact: true }).waitFor({ state: "detached" });
    const count = await server.app.inject({ method: "GET", url: "/api/notifications/unread-count" });
    assert.equal(count.statusCode, 401); // the API needs the session; the badge above read it
  });
  await context.close();
});
