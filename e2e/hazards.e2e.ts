import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { addDays, shanghaiDay } from "../domain/common/calendar.js";
import { lastEndedPeriod } from "../domain/hazards/stats.js";
import { buildEnterprise, buildUser, seedReference, signIn, testPassword, usccFor } from "../server/test/harness.js";
import { chooseOption, clickUntil, launchBrowser, startServer, watchCsp, withScreenshot } from "./support.js";

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

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop = { viewport: { width: 1280, height: 900 } };

async function signedIn(username: string, device: typeof phone | typeof desktop): Promise<Page> {
  const page = await (await browser.newContext({ ...device, locale: "zh-CN" })).newPage();
  await page.goto(`${server.baseUrl}/login`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(testPassword);
  await page.locator("#login-submit").click();
  await page.getByTestId("user-display-name").waitFor();
  return page;
}

/** The stats page's KPI tiles as shown. */
async function tiles(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of ["found", "rectified", "on-time-rate", "rectification-rate", "overdue", "open-major"]) {
    out[id] = (await page.getByTestId(`stats-${id}`).locator(".ant-statistic-content").innerText()).trim();
  }
  return out;
}

/** The page fits the phone's width: nothing scrolls sideways. */
async function assertNoSidewaysScroll(page: Page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px viewport`);
}

// A valid 1×1 PNG standing in for the phone's (much larger) before and after photos.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

test("the enterprise administrator reports a major hazard from a phone, plans and submits it; the 溧阳市 inspector accepts it", async () => {
  const enterprise = await buildEnterprise(server, { name: "溧阳市隐患演示化工有限公司", uscc: usccFor(9301) });
  const entAdmin = await buildUser(server, {
    username: "e2e-hazards-admin",
    role: "enterprise_admin",
    enterpriseId: enterprise.id,
    regionCode: null,
  });
  const inspector = await buildUser(server, { username: "e2e-hazards-inspector", role: "regulator_inspector", regionCode: "320481" });
  const description = "2 号罐区动火作业人员未持特种作业证";
  const deadline = addDays(shanghaiDay(server.clock.now()), 30);

  const mobile = await signedIn(entAdmin.username, phone);
  const mobileCsp = await watchCsp(mobile);
  const hazardId = await withScreenshot(mobile, "hazards-phone-report", async () => {
    // The menu is a drawer on a phone.
    await mobile.getByRole("button", { name: "展开或收起菜单" }).click();
    await mobile.getByRole("menu").getByText("隐患排查治理", { exact: true }).click();
    await mobile.waitForURL(/\/hazards$/);
    await mobile.locator("#hazard-report").click();
    await mobile.waitForURL(/\/hazards\/report$/);

    // Three taps: photo, place, one line.
    await mobile.locator("#hazard-photo-input").setInputFiles({ name: "before.png", mimeType: "image/png", buffer: png });
    await mobile.getByTestId("hazard-photo-preview").waitFor();
    await mobile.locator("#hazard-report_location").fill("甲醇储罐区 2 号罐");
    await mobile.locator("#hazard-report_description").fill(description);
    // It matches a 判定标准 item (化工 121号 (二) 特种作业人员未持证上岗), which makes it 重大.
    await mobile.getByText("补充信息（可选）").click();
    await chooseOption(mobile, "hazard-report_criterionId", "特种作业人员未持证上岗", {
      search: "特种作业",
      exact: false,
      shows: mobile.getByTestId("hazard-criterion").getByText("安监总管三〔2017〕121号 化工和危险化学品(二)"),
    });
    await assertNoSidewaysScroll(mobile);
    await mobile.locator("#hazard-report-submit").click();

    await mobile.waitForURL(/\/hazards\/[0-9a-f-]{36}$/);
    await mobile.getByTestId("hazard-title").getByText(description).waitFor();
    await mobile.getByTestId("hazard-state").getByText("已上报").waitFor();
    await mobile.getByText("重大隐患").first().waitFor();
    await mobile.getByTestId("hazard-photos-before").locator("img").first().waitFor();
    await assertNoSidewaysScroll(mobile);
    const id = new URL(mobile.url()).pathname.split("/").pop() as string;

    // 五落实 with the six parts a 重大 hazard needs; without them the form refuses.
    await mobile.locator("#hazard-set_plan").click();
    await mobile.locator("#hazard-action_measures").fill("停止动火作业，安排 2 名作业人员参加特种作业培训并取证");
    await mobile.locator("#hazard-action-ok").click();
    await mobile.locator("#hazard-action_goal_help").waitFor();
    await mobile.locator("#hazard-action_goal").fill("持证上岗率达到 100%");
    await mobile.locator("#hazard-action_responsibleName").fill("张安全");
    await mobile.locator("#hazard-action_funds").fill("12000");
    await mobile.locator("#hazard-action_organisation").fill("安全环保部牵头，设备部配合");
    await mobile.locator("#hazard-action_deadline").click();
    await mobile.locator("#hazard-action_deadline").fill(deadline);
    await mobile.locator("#hazard-action_deadline").press("Enter");
    await mobile.locator("#hazard-action_contingency").fill("取证前禁止动火，现场设专人监护");
    await mobile.getByText("局部停产", { exact: true }).click();
    await clickUntil(mobile, "#hazard-action-ok", mobile.getByTestId("hazard-state").getByText("整改中"));
    await mobile.getByTestId("hazard-plan").getByText("张安全").waitFor();
    await mobile.getByTestId("hazard-deadline").getByText("剩 30 天").first().waitFor();

    // Submit for acceptance with what was done and an after photo.
    await mobile.locator("#hazard-submit").click();
    await mobile.locator("#hazard-action_rectification").fill("2 名作业人员已取得特种作业操作证");
    await mobile.locator("#hazard-after-photo-input").setInputFiles({ name: "after.png", mimeType: "image/png", buffer: png });
    await mobile.getByTestId("hazard-photo-preview").waitFor();
    await clickUntil(mobile, "#hazard-action-ok", mobile.getByTestId("hazard-state").getByText("待验收"));
    await mobile.getByTestId("hazard-photos-after").locator("img").first().waitFor();
    // A 重大 hazard is accepted by the regulator, not the enterprise.
    assert.equal(await mobile.locator("#hazard-accept").count(), 0);
    await assertNoSidewaysScroll(mobile);
    // Camera input, data: previews, the stored photos: nothing the Content-Security-Policy had to block.
    assert.deepEqual(mobileCsp.violations(), []);
    return id;
  });

  const page = await signedIn(inspector.username, desktop);
  const pageCsp = await watchCsp(page);
  await withScreenshot(page, "hazards-stats-before", async () => {
    // 溧阳市 this year, on this fresh database: the one 重大 hazard, found and still open.
    await page.getByRole("menu").first().getByText("隐患统计分析", { exact: true }).click();
    await page.waitForURL(/\/hazards\/stats$/);
    assert.deepEqual(await tiles(page), {
      found: "1",
      rectified: "0",
      "on-time-rate": "—",
      "rectification-rate": "0%",
      overdue: "0",
      "open-major": "1",
    });
    assert.equal(await page.getByTestId("stats-cleared").getAttribute("data-cleared"), "false");
  });
  await withScreenshot(page, "hazards-inspector-accept", async () => {
    await page.getByRole("menu").first().getByText("隐患排查治理", { exact: true }).click();
    await page.waitForURL(/\/hazards$/);
    await page.getByTestId("hazards-tab-awaiting").click();
    const table = page.getByTestId("hazards-table");
    await table.getByText("溧阳市隐患演示化工有限公司").waitFor();
    await table.getByRole("link", { name: description }).click();
    await page.waitForURL(new RegExp(`/hazards/${hazardId}$`));
    await page.locator("#hazard-accept").click();
    await page.locator("#hazard-action_note").fill("现场核查，持证上岗");
    await clickUntil(page, "#hazard-action-ok", page.getByTestId("hazard-state").getByText("已销号"));

    // The timeline shows each step: who, what, and the note.
    const timeline = page.getByTestId("hazard-timeline");
    for (const step of ["report", "set_plan", "submit", "accept"]) await timeline.getByTestId(`hazard-event-${step}`).waitFor();
    await timeline.getByTestId("hazard-event-accept").getByText("现场核查，持证上岗").waitFor();
    await timeline.getByTestId("hazard-event-submit").getByText(entAdmin.displayName, { exact: false }).waitFor();
    assert.equal(await page.locator("#hazard-accept").count(), 0, "an accepted hazard offers no acceptance");
  });

  // The stats page reflects the acceptance: rectified on time, nothing open, 溧阳市 清零; 溧城街道 carries it.
  await withScreenshot(page, "hazards-stats-after", async () => {
    await page.getByRole("menu").first().getByText("隐患统计分析", { exact: true }).click();
    await page.waitForURL(/\/hazards\/stats$/);
    await page.getByTestId("stats-rectified").getByText("1", { exact: true }).waitFor();
    assert.deepEqual(await tiles(page), {
      found: "1",
      rectified: "1",
      "on-time-rate": "100%",
      "rectification-rate": "100%",
      overdue: "0",
      "open-major": "0",
    });
    assert.equal(await page.getByTestId("stats-cleared").getAttribute("data-cleared"), "true");
    const licheng = page.getByTestId("stats-table").locator("tr", { hasText: "溧城街道" });
    assert.deepEqual((await licheng.locator("td").allInnerTexts()).slice(0, 3), ["溧城街道", "1", "1"]);
    // Grouped by enterprise, the plant is the one row.
    await page.getByTestId("stats-group-enterprise").click();
    await page.getByTestId("stats-table").getByText("溧阳市隐患演示化工有限公司").waitFor();
    // The charts, the photo viewer and the forms ran under the Content-Security-Policy without a blocked resource.
    assert.deepEqual(pageCsp.violations(), []);
  });

  // What was stored: accepted 重大 hazard with the criterion, the plan, one before and one after photo, four steps.
  const admin = await signIn(server, entAdmin.username);
  const res = await server.app.inject({ method: "GET", url: `/api/hazards/${hazardId}`, headers: admin.headers() });
  const stored = res.json();
  assert.equal(stored.state, "accepted");
  assert.equal(stored.level, "major");
  assert.equal(stored.criterionRef, "安监总管三〔2017〕121号 化工和危险化学品(二)");
  assert.equal(stored.plan.suspension, "partial");
  assert.equal(stored.plan.deadline, deadline);
  assert.deepEqual(
    stored.photos.map((p: { phase: string }) => p.phase),
    ["before", "after"],
  );
  // Listed at county on confirmation (R12) and lifted by the inspector's acceptance (R10).
  assert.deepEqual(
    stored.timeline.map((e: { action: string }) => e.action),
    ["report", "list", "set_plan", "submit", "delist", "accept"],
  );
});

test("an inspector voiding a hazard the enterprise changed meanwhile is told, sees it reloaded, and voids it with a reason", async () => {
  const enterprise = await buildEnterprise(server, { name: "溧阳市隐患作废演示有限公司", uscc: usccFor(9302) });
  const entAdmin = await buildUser(server, { role: "enterprise_admin", enterpriseId: enterprise.id, regionCode: null });
  const inspector = await buildUser(server, { role: "regulator_inspector", regionCode: "320481" });
  const admin = await signIn(server, entAdmin.username);
  const created = await server.app.inject({
    method: "POST",
    url: "/api/hazards",
    headers: admin.headers(),
    payload: { enterpriseId: enterprise.id, description: "配电室门口堆放杂物", location: "配电室", source: "self_check" },
  });
  assert.equal(created.statusCode, 201, created.body);
  const hazard = created.json();

  const page = await signedIn(inspector.username, desktop);
  await withScreenshot(page, "hazards-stale-void", async () => {
    await page.goto(`${server.baseUrl}/hazards/${hazard.id}`);
    await page.getByTestId("hazard-state").getByText("已上报").waitFor();
    // The enterprise sets its plan while the inspector looks at the old copy (version 1 → 2).
    const planned = await server.app.inject({
      method: "POST",
      url: `/api/hazards/${hazard.id}/transitions`,
      headers: admin.headers(),
      payload: {
        action: "set_plan",
        version: hazard.version,
        plan: { measures: "清理杂物", responsibleName: "李电工", deadline: addDays(shanghaiDay(server.clock.now()), 7) },
      },
    });
    assert.equal(planned.statusCode, 200, planned.body);

    await page.locator("#hazard-void").click();
    await page.locator("#hazard-action-ok").click();
    await page.getByText("请填写理由").waitFor();
    await page.locator("#hazard-action_reason").fill("经核实不属于隐患");
    await page.locator("#hazard-action-ok").click();
    // 409 on the stale version: the page says so and shows the current record.
    await page.getByText("该隐患已被他人更新，已重新加载", { exact: false }).waitFor();
    await page.getByTestId("hazard-state").getByText("整改中").waitFor();
    await page.getByTestId("hazard-plan").getByText("李电工").waitFor();

    await page.locator("#hazard-void").click();
    await page.locator("#hazard-action_reason").fill("经核实不属于隐患");
    await page.locator("#hazard-action-ok").click();
    await page.getByTestId("hazard-state").getByText("已作废").waitFor();
    await page.getByTestId("hazard-event-void").getByText("经核实不属于隐患").waitFor();
  });
  const stored = (await server.app.inject({ method: "GET", url: `/api/hazards/${hazard.id}`, headers: admin.headers() })).json();
  assert.equal(stored.state, "voided");
  assert.deepEqual(
    stored.timeline.map((e: { action: string }) => e.action),
    ["report", "set_plan", "void"],
  );
});

test("the enterprise administrator submits last quarter's statistics table signed by the principal", async () => {
  const enterprise = await buildEnterprise(server, { name: "溧阳市报表演示化工有限公司", uscc: usccFor(9303), principalName: "陈主任" });
  const entAdmin = await buildUser(server, { role: "enterprise_admin", enterpriseId: enterprise.id, regionCode: null });
  const quarter = lastEndedPeriod(shanghaiDay(server.clock.now()), "quarterly").code;
  const page = await signedIn(entAdmin.username, desktop);
  await withScreenshot(page, "hazard-reports-submit", async () => {
    await page.getByRole("menu").first().getByText("隐患统计报表", { exact: true }).click();
    await page.waitForURL(/\/hazards\/reports$/);
    const row = page.getByTestId("hazard-reports-table").locator(`tr[data-row-key="${quarter}"]`);
    await row.getByTestId(`report-download-${quarter}`).waitFor();
    await page.locator(`#report-submit-${quarter}`).click();
    // The principal on file is offered; the name is what the table is signed with.
    await page.locator('#hazard-report-submit_principalName[value="陈主任"]').waitFor();
    await page.locator("#hazard-report-submit_principalName").fill("");
    await page.locator("#report-submit-ok").click();
    await page.getByText("请填写签字的主要负责人姓名").waitFor();
    await page.locator("#hazard-report-submit_principalName").fill("陈主任");
    await page.locator("#report-submit-ok").click();
    await row.locator("[data-status^=submitted_]").waitFor();
    await row.getByText("陈主任", { exact: false }).waitFor();
    assert.equal(await page.locator(`#report-submit-${quarter}`).count(), 0, "submitted once");
  });
  const session = await signIn(server, entAdmin.username);
  const periods = (
    await server.app.inject({ method: "GET", url: `/api/enterprises/${enterprise.id}/hazard-reports`, headers: session.headers() })
  ).json() as { period: string; submission: { principalName: string } | null }[];
  assert.equal(periods.find((p) => p.period === quarter)?.submission?.principalName, "陈主任");
});
