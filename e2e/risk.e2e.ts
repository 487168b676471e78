import assert from "node:assert/strict";
import { test } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import type { Page } from "playwright-core";
import { buildEnterprise, buildUser, usccFor } from "../server/test/harness.js";
import { browserSuite, chooseOption, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();
const signedIn = (username: string) => signInAs(suite, username, { viewport: { width: 1280, height: 900 } });

/** A plain RGB PNG of `width` × `height` (a light site plan with a darker border), built by hand. */
function sitePlanPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const edge = x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
      rows.set(edge ? [64, 64, 64] : [236, 242, 236], row + 1 + x * 3);
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** The number shown in a level tile of the regional risk view. */
const regionTile = (page: Page, level: string) => page.getByTestId(`region-level-${level}`).locator(".ant-statistic-content-value");

test("an enterprise administrator adds a risk point, grades it 重大 with LEC, places it red on the site plan; the 溧阳市 inspector's counts follow", async () => {
  const enterprise = await buildEnterprise(suite.server, { name: "溧阳市安澜化工有限公司", uscc: usccFor(9101) });
  await buildUser(suite.server, { username: "e2e-risk-admin", role: "enterprise_admin", enterpriseId: enterprise.id, regionCode: null });
  await buildUser(suite.server, { username: "e2e-risk-inspector", role: "regulator_inspector", regionCode: "320481" });

  // Before: no enterprise of 溧阳市 has a red risk.
  const inspector = await signedIn("e2e-risk-inspector");
  await withScreenshot(inspector, "risk-region-before", async () => {
    await inspector.goto(`${suite.server.baseUrl}/risk-region`);
    await regionTile(inspector, "major").filter({ hasText: /^0$/ }).waitFor();
    assert.equal(await inspector.getByTestId("red-enterprises").getByText(enterprise.name).count(), 0);
  });

  const page = await signedIn("e2e-risk-admin");
  await withScreenshot(page, "risk-enterprise", async () => {
    // The menu leads an enterprise user straight to its own register.
    await page.getByRole("menu").first().getByText("风险点管控", { exact: true }).click();
    await page.waitForURL(/\/risk-points$/);
    await page.getByTestId("risk-overall-level").getByText("未评价").waitFor();

    // A risk point with one event (GB 6441 火灾) and one control measure.
    await page.locator("#risk-point-add").click();
    await page.waitForURL(/\/risk\/new$/);
    await page.locator("#risk-point_name").fill("储罐区");
    await page.locator("#risk-point_location").fill("厂区东北角");
    await page.locator("#risk-point_responsible_enterprise_name").fill("王主任");
    await page.locator("#risk-point_responsible_enterprise_phone").fill("13900001111");
    await page.locator("#risk-event-add").click();
    await page.locator("#risk-point_events_0_description").fill("储罐泄漏遇点火源引发火灾爆炸");
    await chooseOption(page, "risk-point_events_0_accidentType", "8. 火灾");
    await page.locator("#risk-point_events_0_consequence").fill("人员伤亡、财产损失");
    await page.getByRole("button", { name: "添加管控措施" }).click();
    await page.locator("#risk-point_events_0_measures_0_description").fill("设置可燃气体检测报警装置");
    await page.locator("#risk-point-submit").click();
    await page.waitForURL(/\/risk-points\/[0-9a-f-]{36}$/);
    const pointUrl = page.url();
    await page.getByTestId("risk-point-name").getByText("储罐区").waitFor();
    await page.getByTestId("risk-point-level").getByText("未评价").waitFor();
    await page.getByTestId("risk-events").getByText("设置可燃气体检测报警装置").waitFor();

    // LEC: the score, band and colour follow each factor as it is chosen.
    await page.locator("#risk-point-assess").click();
    await page.waitForURL(/\/assess$/);
    await chooseOption(page, "assess-policy", "作业条件危险性评价法（LEC，五级） · lec v1");
    await chooseOption(page, "factor-L", "10 — 完全可以预料");
    await chooseOption(page, "factor-E", "6 — 每天工作时间内暴露");
    await page.getByTestId("live-pending").waitFor();
    await chooseOption(page, "factor-C", "1 — 引人注目，需要救护");
    await page.getByTestId("live-score").getByText("10 × 6 × 1 = 60").waitFor();
    assert.equal(await page.getByTestId("live-result").getAttribute("data-colour"), "blue");
    await chooseOption(page, "factor-C", "7 — 严重，重伤");
    await page.getByTestId("live-score").getByText("10 × 6 × 7 = 420").waitFor();
    await page.getByTestId("live-level").getByText("重大风险").waitFor();
    await page.getByTestId("live-colour").getByText("红色").waitFor();
    assert.equal(await page.getByTestId("live-result").getAttribute("data-colour"), "red");
    await page.locator("#assess-submit").click();
    await page.waitForURL(pointUrl);
    await page.getByTestId("risk-point-level").getByText("重大风险").waitFor();
    await page.getByTestId("risk-latest-score").getByText("420").waitFor();

    // The four-colour map: upload the plan, choose the point, click where it is.
    await page.getByRole("button", { name: "返回风险点清单" }).click();
    await page.getByTestId("risk-overall-level").getByText("重大风险").waitFor();
    await page.locator("#risk-map-tab").click();
    await page.locator("input[type=file]").setInputFiles({ name: "厂区平面图.png", mimeType: "image/png", buffer: sitePlanPng(800, 500) });
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>("[data-testid=site-plan] img");
      return !!img && img.complete && img.naturalWidth === 800;
    });
    await chooseOption(page, "plan-point-select", "储罐区");
    const plan = page.getByTestId("site-plan");
    await plan.click({ position: { x: 300, y: 200 } });
    const marker = plan.locator('[data-testid=plan-marker][data-name="储罐区"]');
    await marker.waitFor();
    assert.equal(await marker.getAttribute("data-colour"), "red");
    assert.equal(await marker.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(224, 32, 32)");
    // The marker sits where the plan was clicked.
    const [box, at] = [await plan.boundingBox(), await marker.boundingBox()];
    assert.ok(box && at);
    assert.ok(Math.abs(at.x + at.width / 2 - (box.x + 300)) < 3 && Math.abs(at.y + at.height / 2 - (box.y + 200)) < 3);
    await page.getByTestId("site-plan-legend").getByText("重大风险").waitFor();

    // Clicking the marker opens the point.
    await marker.click();
    await page.waitForURL(pointUrl);
    await page.getByTestId("risk-point-name").getByText("储罐区").waitFor();
  });

  // After: the inspector's region view counts the enterprise as red.
  await withScreenshot(inspector, "risk-region-after", async () => {
    await inspector.reload();
    await regionTile(inspector, "major").filter({ hasText: /^1$/ }).waitFor();
    await inspector.getByTestId("red-enterprises").getByText(enterprise.name).waitFor();
  });
});
