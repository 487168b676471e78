import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { DepartmentKind } from "../domain/departments/department.dto.js";
import { createDepartment } from "../server/modules/departments/departments.service.js";
import { buildEnterprise, buildUser, seedReference, systemCtx, testPassword, usccFor } from "../server/test/harness.js";
import { chooseOption, launchBrowser, startServer, withScreenshot } from "./support.js";

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
before(async () => {
  server = await startServer();
  // Like the demo city: 常州市's real grid, GB/T 4754, the default industry mapping, and 溧阳市's departments.
  await seedReference(server);
  const departments: [string, DepartmentKind, string][] = [
    ["3204", "emergency", "常州市应急管理局"],
    ["320481", "emergency", "溧阳市应急管理局"],
    ["320481", "market", "溧阳市市场监督管理局"],
    ["320481", "fire", "溧阳市消防救援大队"],
  ];
  for (const [regionCode, kind, name] of departments) {
    await createDepartment(server.database.db, systemCtx(server), { regionCode, kind, name, phone: "0519-87000000" });
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" })).newPage();
  await page.goto(`${server.baseUrl}/login`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(testPassword);
  await page.locator("#login-submit").click();
  await page.getByTestId("user-display-name").waitFor();
  return page;
}

test("an administrator assigns a grid member to 溧城街道 with duties; the member then finds the node under 我的网格", async () => {
  const admin = await buildUser(server, { username: "e2e-grid-admin" });
  const member = await buildUser(server, { username: "e2e-licheng-member", role: "grid_member", regionCode: "320481002" });
  const enterprise = await buildEnterprise(server, { name: "溧阳市网格测试化工有限公司", uscc: usccFor(7001) }); // in 后街新村, 溧城街道
  const duties = "每周巡查溧城街道辖区企业，督促落实主体责任，发现隐患及时上报";

  const page = await signedIn(admin.username);
  await withScreenshot(page, "grid-assign", async () => {
    // From the division tree: the township's detail card links to its grid.
    await page.goto(`${server.baseUrl}/regions?code=320481002`);
    await page.getByTestId("region-detail").getByTestId("region-name").getByText("溧城街道").waitFor();
    await page.locator("#region-grid").click();
    await page.waitForURL(/\/grid\/320481002$/);
    await page.getByTestId("grid-node-title").getByText("网格：溧城街道").waitFor();
    for (const name of ["江苏省", "常州市", "溧阳市"]) await page.getByTestId("grid-node-path").getByText(name).first().waitFor();
    await page.getByTestId("grid-members").getByText("该网格尚未指派网格员").waitFor();
    // Its enterprises, each linking to the record.
    await page.getByTestId("grid-enterprises").getByRole("link", { name: enterprise.name }).waitFor();

    await page.locator("#grid-assign").click();
    // The picker searches as one types (debounced); pick once its results have settled, and check the choice shows.
    await chooseOption(page, "gridAssign_userId", member.displayName, { search: "licheng", exact: false });
    await page.locator("#grid-assign-submit").click();
    await page.getByText("请填写职责").waitFor(); // duties are required
    await page.locator("#gridAssign_duties").fill(duties);
    await page.locator("#grid-assign-submit").click();

    const members = page.getByTestId("grid-members");
    await members.getByText(member.displayName).waitFor();
    await members.getByText(duties).waitFor();
    assert.equal(await members.locator(".ant-table-tbody tr.ant-table-row").count(), 1);

    await page.getByTestId("grid-enterprises").getByRole("link", { name: enterprise.name }).click();
    await page.waitForURL(new RegExp(`/enterprises/${enterprise.id}$`));
  });

  const memberPage = await signedIn(member.username);
  await withScreenshot(memberPage, "grid-mine", async () => {
    await memberPage.getByRole("menu").first().getByText("网格", { exact: true }).click();
    await memberPage.waitForURL(/\/grid$/);
    await memberPage.getByRole("heading", { name: "我的网格" }).waitFor();
    const mine = memberPage.getByTestId("my-grid");
    await mine.getByText(duties).waitFor();
    await mine.getByRole("link", { name: /溧城街道/ }).click();
    await memberPage.waitForURL(/\/grid\/320481002$/);
    await memberPage.getByTestId("grid-members").getByText(member.displayName).waitFor();
    assert.equal(await memberPage.locator("#grid-assign").count(), 0, "a grid member does not assign");
  });
});

test("an inspector overrides an enterprise's derived industry regulator with a reason, and switching it off restores the derived one", async () => {
  const inspector = await buildUser(server, { username: "e2e-override-inspector", role: "regulator_inspector", regionCode: "320481" });
  // A chemical company (GB/T 4754 2614, section C → 应急管理): derived to 溧阳市应急管理局, the nearest above its village.
  const enterprise = await buildEnterprise(server, { name: "溧阳市主管部门测试化工有限公司", uscc: usccFor(7002) });

  const page = await signedIn(inspector.username);
  await withScreenshot(page, "grid-department-override", async () => {
    await page.goto(`${server.baseUrl}/enterprises/${enterprise.id}`);
    await page.getByTestId("enterprise-department").getByText("溧阳市应急管理局").waitFor();

    await page.locator("#enterprise-edit").click();
    await page.waitForURL(/\/edit$/);
    await page.getByTestId("enterprise-derived-department").getByText("溧阳市应急管理局").waitFor();
    await page.locator("#enterprise_departmentOverride").click();
    await chooseOption(page, "enterprise_industryDepartmentId", "溧阳市市场监督管理局", { exact: false });
    await page.locator("#enterprise-submit").click();
    await page.getByText("请填写指定理由").waitFor(); // a reason is required
    await page.locator("#enterprise_departmentOverrideReason").fill("x");
    await page.locator("#enterprise-submit").click();
    await page.getByText("理由为 2–500 个字").waitFor();
    await page.locator("#enterprise_departmentOverrideReason").fill("该企业以成品油零售为主，按县政府职责分工由市场监管部门主管");
    await page.locator("#enterprise-submit").click();

    await page.waitForURL(new RegExp(`/enterprises/${enterprise.id}$`));
    await page.getByTestId("enterprise-department").getByText("溧阳市市场监督管理局").waitFor();
    await page
      .getByTestId("enterprise-department-override")
      .getByText(/按县政府职责分工由市场监管部门主管/)
      .waitFor();

    // Switching the override off hands the enterprise back to the derived department.
    await page.locator("#enterprise-edit").click();
    await page.waitForURL(/\/edit$/);
    await page.locator("#enterprise_departmentOverrideReason").waitFor();
    await page.locator("#enterprise_departmentOverride").click();
    await page.locator("#enterprise-submit").click();
    await page.waitForURL(new RegExp(`/enterprises/${enterprise.id}$`));
    await page.getByTestId("enterprise-department").getByText("溧阳市应急管理局").waitFor();
    assert.equal(await page.getByTestId("enterprise-department-override").count(), 0);
  });
});
