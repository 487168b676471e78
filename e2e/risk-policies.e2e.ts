import assert from "node:assert/strict";
import { test } from "node:test";
import { buildEnterprise, buildUser, signIn, usccFor } from "../server/test/harness.js";
import { browserSuite, chooseOption, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();
const signedIn = (username: string) => signInAs(suite, username, { viewport: { width: 1400, height: 900 } });

test("an enterprise administrator bases an upper-inclusive 5-band LEC policy on lec, assesses with it, and moves 较大 to enterprise level", async () => {
  const enterprise = await buildEnterprise(suite.server, { name: "溧阳市恒泰化工有限公司", uscc: usccFor(9201) });
  await buildUser(suite.server, { username: "e2e-policy-admin", role: "enterprise_admin", enterpriseId: enterprise.id, regionCode: null });
  const session = await signIn(suite.server, "e2e-policy-admin");
  const created = await suite.server.app.inject({
    method: "POST",
    url: `/api/enterprises/${enterprise.id}/risk-points`,
    headers: session.headers(),
    payload: { name: "反应釜", kind: "unit" },
  });
  assert.equal(created.statusCode, 201, created.body);
  const pointId = created.json().id as string;

  const page = await signedIn("e2e-policy-admin");
  await withScreenshot(page, "risk-policies", async () => {
    // The menu leads to the policies; the built-in lec shows its bands under the literal convention.
    await page.getByRole("menu").first().getByText("风险评价方法", { exact: true }).click();
    await page.waitForURL(/\/risk\/policies$/);
    await page.getByTestId("policy-open-lec").click();
    const drawer = page.getByRole("dialog");
    await drawer.getByText("按字面（默认）：最高分界值不含，其余分界值归上一级").waitFor();
    await drawer.getByText("L×E×C > 320", { exact: true }).waitFor();
    await drawer.getByText("70 ≤ L×E×C < 160", { exact: true }).waitFor();

    // Based on lec: a new id and names, the upper-inclusive convention.
    await page.locator("#policy-drawer-copy").click();
    await page.waitForURL(/\/risk\/policies\/new\?from=lec/);
    await page.locator("#policy_id").fill("lec-upper");
    await page.locator("#policy_name_zh").fill("LEC 五级（上限含）");
    await page.locator("#policy_name_en").fill("LEC 5 bands (upper-inclusive)");
    await page.locator("#policy_source").fill("企业风险分级管控制度 HT-AQ-2026-03，分级表沿用 LEC 五级，分界值归下一级");
    await chooseOption(page, "policy_convention", "上限含：分界值归下一级（最低分界值除外）");

    // The live check grades D = 10 × 1 × 7 = 70 under the draft: 一般危险 → 低 (显著 → 一般 under lec).
    await chooseOption(page, "policy-sample-L", "10 — 完全可以预料");
    await chooseOption(page, "policy-sample-E", "1 — 每年几次暴露");
    await chooseOption(page, "policy-sample-C", "7 — 严重，重伤");
    const check = page.getByTestId("policy-check");
    await check.getByTestId("policy-check-score").getByText("10 × 1 × 7 = 70").waitFor();
    await check.getByTestId("policy-check-band").getByText("一般危险，需要注意").waitFor();
    await check.getByTestId("policy-check-level").getByText("低风险").waitFor();
    await check.getByText("20 ≤ L×E×C ≤ 70", { exact: true }).waitFor();

    // A threshold out of order is refused on its input, and nothing is saved until it is mended.
    await page.locator("#policy_bands_1_min").fill("400");
    await check.getByText("各级下限须从高到低严格递减").waitFor();
    await page.locator("#policy-submit").click();
    await page
      .locator(".ant-form-item")
      .filter({ has: page.locator("#policy_bands_1_min") })
      .getByText("各级下限须从高到低严格递减")
      .waitFor();
    assert.match(page.url(), /\/risk\/policies\/new/);
    await page.locator("#policy_bands_1_min").fill("160");
    await check.getByTestId("policy-check-band").getByText("一般危险，需要注意").waitFor();

    await page.locator("#policy-submit").click();
    await page.waitForURL(/\/risk\/policies$/);
    const row = page.getByTestId("policy-list").locator("tr", { has: page.getByTestId("policy-open-lec-upper") });
    await row.getByText("本企业", { exact: true }).waitFor();
    await row.getByText("v1", { exact: true }).waitFor();

    // The assessment form offers it, and grades 70 by its convention.
    await page.goto(`${suite.server.baseUrl}/risk-points/${pointId}/assess`);
    await chooseOption(page, "assess-policy", "LEC 五级（上限含） · lec-upper v1 · 自定义");
    await chooseOption(page, "factor-L", "10 — 完全可以预料");
    await chooseOption(page, "factor-E", "1 — 每年几次暴露");
    await chooseOption(page, "factor-C", "7 — 严重，重伤");
    await page.getByTestId("live-score").getByText("10 × 1 × 7 = 70").waitFor();
    await page.getByTestId("live-level").getByText("低风险").waitFor();
    await page.locator("#assess-submit").click();
    await page.waitForURL(new RegExp(`/risk-points/${pointId}$`));
    await page.getByTestId("risk-point-level").getByText("低风险").waitFor();
  });

  await withScreenshot(page, "risk-settings", async () => {
    // 较大 risks controlled at enterprise level instead of the R9 default (department).
    await page.getByRole("menu").first().getByText("风险点管控", { exact: true }).click();
    await page.waitForURL(/\/risk-points$/);
    await page.locator("#risk-settings-tab").click();
    const card = page.getByTestId("risk-settings");
    await card.getByText("默认设置", { exact: true }).waitFor();
    await chooseOption(page, "risk-settings-layer-significant", "公司（企业）级");
    await page.locator("#risk-settings-save").click();
    await page.getByText("分级管控设置已保存").waitFor();
    await page.getByText(/较大 → 公司（企业）级/).waitFor();

    // It is stored: after a reload the card shows it and no longer says "defaults".
    await page.reload();
    await page.locator("#risk-settings-tab").click();
    const significant = card.locator(".ant-form-item").filter({ has: page.locator("#risk-settings-layer-significant") });
    await significant.getByText("公司（企业）级", { exact: true }).waitFor();
    assert.equal(await card.getByText("默认设置", { exact: true }).count(), 0);
  });
});
