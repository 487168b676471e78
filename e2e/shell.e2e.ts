import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { buildUser, testPassword } from "../server/test/harness.js";
import { clickUntil, launchBrowser, startServer, trackRequests, watchCsp, withScreenshot } from "./support.js";

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
  return context.newPage();
}

async function signInAs(page: Page, username: string, password: string) {
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator("#login-submit").click();
}

test("administrator: wrong password in both languages, sign in, menu, English and back, sign out", async () => {
  const admin = await buildUser(server, { username: "e2e-admin" });
  const page = await newPage();
  const csp = await watchCsp(page);
  await withScreenshot(page, "shell-admin", async () => {
    await page.goto(`${server.baseUrl}/`);
    // Not signed in: sent to the sign-in page.
    await page.waitForURL(/\/login/);
    await page.getByRole("button", { name: "登录" }).waitFor();

    await signInAs(page, admin.username, "Wrong#Pass1");
    await page.getByText("用户名或密码错误").waitFor();

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await signInAs(page, admin.username, "Wrong#Pass2");
    await page.getByText("Incorrect username or password").waitFor();

    await page.getByRole("button", { name: "中文" }).click();
    await signInAs(page, admin.username, testPassword);
    await page.getByTestId("user-display-name").waitFor();
    assert.equal(await page.getByTestId("user-display-name").textContent(), admin.displayName);
    assert.equal(await page.getByTestId("user-role").textContent(), "系统管理员");

    // The administrator's menu: home and the administration group (open by default) with its three pages.
    const menu = page.getByRole("menu").first();
    await menu.getByText("系统管理").waitFor();
    for (const item of ["首页", "用户管理", "API 令牌", "审计日志"]) await menu.getByText(item, { exact: true }).waitFor();
    await menu.getByText("用户管理", { exact: true }).click();
    await page.waitForURL(/\/admin\/users$/);
    await page.getByRole("cell", { name: admin.username, exact: true }).waitFor();

    // English, persisted across a reload; then back to Chinese.
    await page.locator("#lang-en").click();
    await page.getByRole("menu").first().getByText("Users", { exact: true }).waitFor();
    assert.equal(await page.getByTestId("user-role").textContent(), "System administrator");
    await page.reload();
    await page.getByRole("menu").first().getByText("Users", { exact: true }).waitFor();
    await page.locator("#lang-zh").click();
    await page.getByRole("menu").first().getByText("用户管理", { exact: true }).waitFor();

    // Sign out: back on the sign-in page, and the old session no longer opens pages.
    await page.locator("#user-menu").click();
    await page.locator("#sign-out").click();
    await page.waitForURL(/\/login/);
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.waitForURL(/\/login\?next=/);
    // …and signing in again lands back on the page that was asked for.
    await signInAs(page, admin.username, testPassword);
    await page.waitForURL(/\/admin\/users$/);
    await page.getByRole("cell", { name: admin.username, exact: true }).waitFor();
    // Sign-in, menus, both languages, a reload: nothing the Content-Security-Policy had to block.
    assert.deepEqual(csp.violations(), []);
  });
});

test("the API documentation (Swagger UI) renders under its own Content-Security-Policy", async () => {
  const page = await newPage();
  const csp = await watchCsp(page);
  await withScreenshot(page, "shell-api-docs", async () => {
    await page.goto(`${server.baseUrl}/api/docs/`);
    await page.getByRole("heading", { name: /Redline 红线 API/ }).waitFor({ timeout: 30_000 });
    // The operations are listed, and one answers when tried (a same-origin request the policy allows).
    await page.locator(".opblock-summary-path", { hasText: /^\/api\/health$/ }).click();
    await page.getByRole("button", { name: "Try it out", exact: true }).click();
    await page.getByRole("button", { name: "Execute", exact: true }).click();
    await page.locator(".live-responses-table .response-col_status", { hasText: "200" }).waitFor();
    assert.deepEqual(csp.violations(), []);
  });
});

test("a county leader sees only what the role may use, and the forbidden page for the rest", async () => {
  const leader = await buildUser(server, { username: "e2e-leader", role: "regulator_leader", regionCode: "320481" });
  const page = await newPage();
  await withScreenshot(page, "shell-leader", async () => {
    await page.goto(`${server.baseUrl}/login`);
    await signInAs(page, leader.username, testPassword);
    await page.getByTestId("user-region").waitFor();
    assert.match((await page.getByTestId("user-region").textContent()) ?? "", /320481/);
    const menu = page.getByRole("menu").first();
    await menu.getByText("用户管理", { exact: true }).waitFor();
    assert.equal(await menu.getByText("审计日志", { exact: true }).count(), 0);
    assert.equal(await menu.getByText("API 令牌", { exact: true }).count(), 0);
    await page.goto(`${server.baseUrl}/admin/audit`);
    await page.getByText("你的角色无权访问此页面", { exact: false }).waitFor();
  });
});

test("after 30 idle minutes the next click leads to sign-in with a notice, then back to that page", async () => {
  const inspector = await buildUser(server, { username: "e2e-inspector", role: "regulator_leader", regionCode: "320481" });
  const page = await newPage();
  await withScreenshot(page, "shell-expiry", async () => {
    await page.goto(`${server.baseUrl}/login`);
    const requests = trackRequests(page);
    await signInAs(page, inspector.username, testPassword);
    // The dashboard's own requests must be answered before the clock moves: one arriving after would expire the
    // session on the home page (next=/) instead of on the click below.
    await page.getByText("运行正常").waitFor();
    await requests.quiet();
    server.clock.minutes(31);
    // A click lost while the page is still rendering is repeated (the menu still showing means nothing happened).
    await clickUntil(page, 'li[role="menuitem"]:has-text("用户管理")', (timeout) =>
      page.waitForURL(/\/login\?.*reason=expired/, { timeout }),
    );
    await page.getByText("会话已过期，请重新登录").waitFor();
    await signInAs(page, inspector.username, testPassword);
    await page.waitForURL(/\/admin\/users$/);
  });
});

test("a reset password must be changed before anything else; the new one works", async () => {
  const admin = await buildUser(server, { username: "e2e-admin-2" });
  const staff = await buildUser(server, { username: "e2e-grid", role: "grid_member", regionCode: "320481102" });
  const page = await newPage();
  await withScreenshot(page, "shell-reset", async () => {
    // The administrator resets the password in the user list and reads the one-time password.
    await page.goto(`${server.baseUrl}/login`);
    await signInAs(page, admin.username, testPassword);
    await page.getByTestId("user-display-name").waitFor();
    await page.goto(`${server.baseUrl}/admin/users`);
    const row = page.getByRole("row").filter({ hasText: staff.username });
    await row.getByText("重置密码").click();
    await page
      .getByRole("button", { name: /确\s*定|确认|重置/ })
      .last()
      .click();
    const temporary = (await page.getByTestId("one-time-secret").textContent())?.trim() ?? "";
    assert.ok(temporary.length >= 12, `one-time password shown: ${temporary}`);
    await page.getByText("我已保存").click();
    await page.locator("#user-menu").click();
    await page.locator("#sign-out").click();
    await page.waitForURL(/\/login/);

    // The user signs in with it and is held on the password page until a compliant new password is set.
    await signInAs(page, staff.username, temporary);
    await page.waitForURL(/\/account\/password/);
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.waitForURL(/\/account\/password/);
    await page.locator("#currentPassword").fill(temporary);
    await page.locator("#newPassword").fill("Grid#Member2026");
    await page.locator("#confirmPassword").fill("Grid#Member2026");
    await page.locator("#change-password-submit").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/account/password"));
    await page.getByTestId("user-display-name").waitFor();
  });
});
