import assert from "node:assert/strict";
import { test } from "node:test";
import { addDays, shanghaiDay } from "../domain/common/calendar.js";
import { buildEnterprise, buildUser, type Session, signIn, usccFor } from "../server/test/harness.js";
import { browserSuite, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();
const signedIn = (username: string) => signInAs(suite, username, { viewport: { width: 1280, height: 900 } });

async function call(session: Session, method: "GET" | "POST", url: string, payload?: object) {
  const res = await suite.server.app.inject({ method, url, headers: session.headers(), payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A risk point with one control measure, set up the way the enterprise administrator would through the API. */
async function riskPoint(admin: Session, enterpriseId: string, name: string) {
  return call(admin, "POST", `/api/enterprises/${enterpriseId}/risk-points`, {
    name,
    kind: "area",
    events: [
      {
        description: "储罐泄漏遇点火源",
        accidentType: "fire",
        consequence: "火灾爆炸",
        measures: [{ type: "engineering", description: "液位报警与可燃气体检测报警有效", layer: "workshop" }],
      },
    ],
  });
}

// LEC D = L×E×C: 10×6×40 = 2400 is 极其危险 (red, 重大); 1×1×1 = 1 is 稍有危险 (blue, 低).
const assess = (admin: Session, point: { id: string; version: number }, factors: { L: number; E: number; C: number }) =>
  call(admin, "POST", `/api/risk-points/${point.id}/assessments`, { policy: "lec", factors, version: point.version });

// A valid 1×1 PNG, as a phone would attach a (much larger) photo.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

test("a staff member fails a check with a remark and photo in 我的排查; the enterprise dashboard shows the completion", async () => {
  const enterprise = await buildEnterprise(suite.server, { name: "溧阳市排查演示化工有限公司", uscc: usccFor(9101) });
  const entAdmin = await buildUser(suite.server, {
    username: "e2e-checks-admin",
    role: "enterprise_admin",
    enterpriseId: enterprise.id,
    regionCode: null,
  });
  const staff = await buildUser(suite.server, {
    username: "e2e-checks-staff",
    role: "enterprise_staff",
    enterpriseId: enterprise.id,
    regionCode: null,
  });
  const admin = await signIn(suite.server, entAdmin.username);
  const point = await riskPoint(admin, enterprise.id, "甲醇储罐区");
  // Started two days ago: yesterday's and the day before's occurrences closed undone (missed), today's is open.
  const today = shanghaiDay(suite.server.clock.now());
  const task = await call(admin, "POST", `/api/risk-points/${point.id}/check-tasks`, {
    measureId: point.events[0].measures[0].id,
    content: "检查液位报警和可燃气体探头显示正常",
    frequency: "daily",
    assigneeUserId: staff.id,
    startsOn: addDays(today, -2),
  });

  const page = await signedIn(staff.username);
  await withScreenshot(page, "checks-my-checks", async () => {
    await page.getByRole("menu").first().getByText("我的排查", { exact: true }).click();
    await page.waitForURL(/\/my-checks$/);
    const card = page.getByTestId(`my-check-${task.id}`);
    await card.getByText("甲醇储罐区").waitFor();
    await card.getByTestId("check-fail").click();

    // A fail needs a remark: the form refuses to send without one.
    await page.locator("#check-record-submit").click();
    await page.getByText("不合格时请描述发现的问题（至少 2 个字）").waitFor();
    await page.locator("#check-record_remark").fill("2 号罐可燃气体探头显示故障");
    await page.locator("#check-photo-input").setInputFiles({ name: "probe.png", mimeType: "image/png", buffer: png });
    await page.getByTestId("check-photo-preview").waitFor();
    await page.locator("#check-record-submit").click();

    // Done for today: it leaves the to-do list.
    await page.getByTestId("my-checks-empty").waitFor();
    await page.getByText("我的全部任务").click();
    await card.getByText("本周期已完成").waitFor();
    await card.getByRole("button", { name: "排查记录" }).click();
    const records = page.getByTestId("check-records");
    await records.getByText("2 号罐可燃气体探头显示故障").waitFor();
    await records.getByText("不合格").waitFor();
    await records.locator("img").first().waitFor();
    await page.keyboard.press("Escape");
    await records.waitFor({ state: "hidden" });
  });

  // What was stored: one failed record with the remark and the photo, done by the staff member.
  const stored = await call(admin, "GET", `/api/check-tasks/${task.id}/records`);
  assert.equal(stored.total, 1);
  assert.equal(stored.items[0].result, "fail");
  assert.equal(stored.items[0].remark, "2 号罐可燃气体探头显示故障");
  assert.equal(stored.items[0].hasPhoto, true);
  assert.equal(stored.items[0].doneById, staff.id);
  const photo = await suite.server.app.inject({
    method: "GET",
    url: `/api/check-records/${stored.items[0].id}/photo`,
    headers: admin.headers(),
  });
  assert.deepEqual(photo.rawPayload, png);

  await withScreenshot(page, "checks-enterprise-dashboard", async () => {
    await page.getByRole("menu").first().getByText("首页", { exact: true }).click();
    const dashboard = page.getByTestId("enterprise-dashboard");
    await dashboard.waitFor();
    // Today's occurrence is done; the two closed ones were missed: 0 of 2 done.
    await dashboard.getByTestId("dash-current-done").getByText("1/1 已完成").waitFor();
    assert.equal(await dashboard.getByTestId("missed-total").textContent(), "2");
    assert.equal(await dashboard.getByTestId("rate-total").textContent(), "0%");
    assert.equal(await dashboard.getByTestId(`missed-${staff.id}`).textContent(), "2");
  });
});

test("the 溧阳市 inspector sees enterprises by highest risk level per child region, and the counts change", async () => {
  const red = await buildEnterprise(suite.server, { name: "溧阳市红色风险化工有限公司", uscc: usccFor(9201) });
  const blue = await buildEnterprise(suite.server, { name: "溧阳市蓝色风险化工有限公司", uscc: usccFor(9202) });
  const outside = await buildEnterprise(suite.server, {
    name: "天宁区红色风险化工有限公司",
    uscc: usccFor(9203, "320402"),
    regionCode: "320402001001",
  });
  const admins: Record<string, Session> = {};
  for (const e of [red, blue, outside]) {
    const u = await buildUser(suite.server, { role: "enterprise_admin", enterpriseId: e.id, regionCode: null });
    admins[e.id] = await signIn(suite.server, u.username);
  }
  await assess(admins[red.id] as Session, await riskPoint(admins[red.id] as Session, red.id, "液氯储罐区"), { L: 10, E: 6, C: 40 });
  const bluePoint = await riskPoint(admins[blue.id] as Session, blue.id, "机修车间");
  await assess(admins[blue.id] as Session, bluePoint, { L: 1, E: 1, C: 1 });
  await assess(admins[outside.id] as Session, await riskPoint(admins[outside.id] as Session, outside.id, "光气装置"), {
    L: 10,
    E: 6,
    C: 40,
  });

  const inspector = await buildUser(suite.server, { username: "e2e-risk-inspector", role: "regulator_inspector", regionCode: "320481" });
  const page = await signedIn(inspector.username);
  await withScreenshot(page, "checks-region-view", async () => {
    // The home dashboard: 溧阳市's enterprises by level (天宁区's red enterprise is outside the county).
    const dashboard = page.getByTestId("regulator-dashboard");
    await dashboard.getByTestId("dash-level-major").getByText("1", { exact: true }).waitFor();
    assert.equal(await dashboard.getByTestId("dash-level-low").locator(".ant-statistic-content-value").textContent(), "1");
    // 分类: the chart of enterprises by regulatory category names 危险化学品.
    await dashboard.getByTestId("dash-by-category").getByText("危险化学品").first().waitFor();

    await page.getByRole("menu").first().getByText("风险分级管控", { exact: true }).click();
    await page.waitForURL(/\/risk-region$/);
    await page.getByTestId("risk-region-name").getByText("溧阳市").waitFor();
    // 溧城街道 (320481002) holds both enterprises: one red, one blue.
    await page.getByTestId("count-320481002-major").getByText("1", { exact: true }).waitFor();
    assert.equal(await page.getByTestId("count-320481002-low").textContent(), "1");
    assert.equal(await page.getByTestId("total-major").textContent(), "1");
    const redList = page.getByTestId("red-enterprises");
    await redList.getByRole("link", { name: "溧阳市红色风险化工有限公司" }).waitFor();
    assert.equal(await redList.getByText("溧阳市蓝色风险化工有限公司").count(), 0);
    assert.equal(await page.getByText("天宁区红色风险化工有限公司").count(), 0, "an enterprise outside 溧阳市 is not shown");

    // Drilling into 溧城街道 lists its villages.
    await page.getByTestId("region-row-320481002").click();
    await page.waitForURL(/region=320481002$/);
    await page.getByTestId("count-320481002001-major").getByText("1", { exact: true }).waitFor();

    // The blue enterprise's point is re-assessed as 重大: the county now counts two red enterprises, none blue.
    const current = await call(admins[blue.id] as Session, "GET", `/api/risk-points/${bluePoint.id}`);
    await assess(admins[blue.id] as Session, current, { L: 10, E: 6, C: 40 });
    await page.getByRole("button", { name: "上一级" }).click();
    await page.waitForURL(/region=320481$/);
    await page.getByTestId("count-320481002-major").getByText("2", { exact: true }).waitFor();
    assert.equal(await page.getByTestId("count-320481002-low").textContent(), "0");
    await redList.getByRole("link", { name: "溧阳市蓝色风险化工有限公司" }).waitFor();
  });
});
