import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { cellValue, enterpriseColumns } from "../domain/enterprise/enterprise-sheet.js";
import { buildEnterprise, buildUser, seedReference, testPassword, usccFor } from "../server/test/harness.js";
import { launchBrowser, startServer, withScreenshot } from "./support.js";

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let dir: string;
before(async () => {
  server = await startServer();
  await seedReference(server);
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), "redline-e2e-"));
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function signedIn(username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" })).newPage();
  await page.goto(`${server.baseUrl}/login`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(testPassword);
  await page.locator("#login-submit").click();
  await page.getByTestId("user-display-name").waitFor();
  return page;
}

async function openEnterprises(page: Page) {
  await page.getByRole("menu").first().getByText("企业名录", { exact: true }).click();
  await page.waitForURL(/\/enterprises$/);
}

async function search(page: Page, text: string) {
  await page.locator("#enterprise-search").fill(text);
  await page.locator("#enterprise-search").press("Enter");
}

const rows = (page: Page) => page.locator(".ant-table-tbody tr.ant-table-row");

type RowData = Record<string, unknown>;

/** An import workbook the way a user fills the template: starred headers, labels for enumerations. */
async function workbookOf(data: RowData[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("企业导入");
  ws.addRow(enterpriseColumns.map((c) => (c.required ? `${c.header}*` : c.header)));
  for (const d of data) ws.addRow(enterpriseColumns.map((c) => cellValue(c, d[c.key])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const importRow = (over: RowData): RowData => ({
  address: "溧阳市溧城街道导入路8号",
  regionCode: "320481002001",
  industryCode: "3411",
  category: "industry_trade",
  subcategory: "machinery",
  scale: "small",
  headcount: 35,
  legalRepresentative: "周某",
  principalName: "周某",
  principalPhone: "13911112222",
  ...over,
});

test("a 溧阳市 inspector searches 化工, sees only the chemical companies of their county, and opens one", async () => {
  const inspector = await buildUser(server, { username: "e2e-liyang-inspector", role: "regulator_inspector", regionCode: "320481" });
  const first = await buildEnterprise(server, { name: "溧阳市甲乙化工有限公司", uscc: usccFor(8001) });
  await buildEnterprise(server, { name: "溧阳市丙丁化工有限公司", uscc: usccFor(8002) });
  await buildEnterprise(server, {
    name: "溧阳市戊己机械有限公司",
    uscc: usccFor(8003),
    industryCode: "3411",
    category: "industry_trade",
    subcategory: "machinery",
  });
  await buildEnterprise(server, { name: "天宁区庚辛化工有限公司", uscc: usccFor(8004, "320402"), regionCode: "320402001001" });

  const page = await signedIn(inspector.username);
  await withScreenshot(page, "enterprises-search", async () => {
    await openEnterprises(page);
    // Their whole county first, the machinery company included; 天宁区 is outside it.
    await page.getByRole("link", { name: "溧阳市戊己机械有限公司" }).waitFor();

    await search(page, "化工");
    await page.getByRole("link", { name: "溧阳市戊己机械有限公司" }).waitFor({ state: "detached" });
    await page.getByRole("link", { name: "溧阳市甲乙化工有限公司" }).waitFor();
    await page.getByRole("link", { name: "溧阳市丙丁化工有限公司" }).waitFor();
    assert.equal(await rows(page).count(), 2);
    assert.equal(await page.getByText("天宁区庚辛化工有限公司").count(), 0, "an enterprise outside 溧阳市 is not listed");

    await page.getByRole("link", { name: "溧阳市甲乙化工有限公司" }).click();
    await page.waitForURL(new RegExp(`/enterprises/${first.id}$`));
    const path = page.getByTestId("enterprise-region-path");
    await path.waitFor();
    assert.match((await path.textContent()) ?? "", /^江苏省 \/ 常州市 \/ 溧阳市 \/ /);
    assert.equal(await page.getByTestId("enterprise-uscc").textContent(), usccFor(8001));
  });
});

test("an inspector edits the principal's phone and suspends an enterprise; both show in its history", async () => {
  const inspector = await buildUser(server, { username: "e2e-liyang-editor", role: "regulator_inspector", regionCode: "320481" });
  const enterprise = await buildEnterprise(server, { name: "溧阳市整改测试化工有限公司", uscc: usccFor(8101) });

  const page = await signedIn(inspector.username);
  await withScreenshot(page, "enterprises-edit", async () => {
    await page.goto(`${server.baseUrl}/enterprises/${enterprise.id}`);
    await page.getByTestId("enterprise-name").getByText(enterprise.name).waitFor();

    await page.locator("#enterprise-edit").click();
    await page.waitForURL(/\/edit$/);
    const phone = page.locator("#enterprise_principalPhone");
    await phone.fill("电话");
    await page.getByText("电话号码格式不正确").waitFor();
    await phone.fill("0519-87654321");
    await page.locator("#enterprise-submit").click();
    await page.waitForURL(new RegExp(`/enterprises/${enterprise.id}$`));
    await page.getByText("0519-87654321").waitFor();

    await page.locator("#enterprise-suspend").click();
    await page.locator("#enterpriseTransition_reason").fill("重大事故隐患未整改");
    await page.locator("#enterprise-transition-submit").click();
    await page.getByTestId("enterprise-status").first().getByText("停产整顿").waitFor();

    await page.locator("#enterprise-history-tab").click();
    const history = page.getByTestId("enterprise-history");
    await history.getByText("重大事故隐患未整改").waitFor();
    await history.getByText("0519-87654321").waitFor();
    await history.getByText("登记企业档案").waitFor();
    assert.equal(await history.getByText("安全生产标准化等级").count(), 0, "an edit changes only what was edited");
  });
});

test("an administrator imports a workbook: 2 rows to create, 1 rejected by its USCC, commits, and finds the new enterprises", async () => {
  const admin = await buildUser(server, { username: "e2e-import-admin" });
  const bad = usccFor(9002);
  const file = join(dir, "企业导入.xlsx");
  await writeFile(
    file,
    await workbookOf([
      importRow({ name: "溧阳市导入一号机械有限公司", uscc: usccFor(9001) }), // row 2
      importRow({ name: "溧阳市校验位错误有限公司", uscc: `${bad.slice(0, 17)}${bad.endsWith("0") ? "1" : "0"}` }), // row 3
      importRow({ name: "溧阳市导入二号机械有限公司", uscc: usccFor(9003) }), // row 4
    ]),
  );

  const page = await signedIn(admin.username);
  await withScreenshot(page, "enterprises-import", async () => {
    await openEnterprises(page);
    await page.locator("#enterprise-import").click();
    await page.waitForURL(/\/enterprises\/import$/);

    await page.locator("input[type=file]").setInputFiles(file);
    await page.getByTestId("import-to-create").waitFor();
    assert.equal(await page.getByTestId("import-to-create").textContent(), "2");
    assert.equal(await page.getByTestId("import-rejected").textContent(), "1");
    const rejection = page.getByTestId("import-rejection-table").locator(".ant-table-tbody tr.ant-table-row");
    assert.equal(await rejection.count(), 1);
    assert.equal(await rejection.locator("td").first().textContent(), "3");
    await rejection.getByText("统一社会信用代码", { exact: true }).waitFor();

    await page.locator("#import-commit").click();
    await page.getByTestId("import-result").waitFor();
    await page.locator("#import-to-list").click();
    await page.waitForURL(/\/enterprises$/);

    await search(page, "导入");
    await page.getByRole("link", { name: "溧阳市导入一号机械有限公司" }).waitFor();
    await page.getByRole("link", { name: "溧阳市导入二号机械有限公司" }).waitFor();
    assert.equal(await page.getByText("溧阳市校验位错误有限公司").count(), 0);
  });
});
