import assert from "node:assert/strict";
import { test } from "node:test";
import { buildEnterprise, buildUser, type Session, signIn, usccFor } from "../server/test/harness.js";
import { browserSuite, chooseOption, clickUntil, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();
const signedIn = (username: string) => signInAs(suite, username, { viewport: { width: 1280, height: 900 } });

async function call(session: Session, method: "GET" | "POST", url: string, payload?: object) {
  const res = await suite.server.app.inject({ method, url, headers: session.headers(), payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

test("an enterprise schedules a daily self-inspection and starts today's; the regulator sees the completion and the statistics", async () => {
  const enterprise = await buildEnterprise(suite.server, { name: "溧阳市自查演示化工有限公司", uscc: usccFor(9301) });
  await buildUser(suite.server, { username: "e2e-self-admin", role: "enterprise_admin", enterpriseId: enterprise.id, regionCode: null });
  await buildUser(suite.server, { username: "e2e-self-county", role: "regulator_leader", regionCode: "320481" });
  const admin = await signIn(suite.server, "e2e-self-admin");
  const draft = {
    sections: [{ id: "s1", title: "现场", items: [{ id: "exit", question: "安全出口、疏散通道畅通", type: "pass_fail" }] }],
  };
  const checklist = await call(admin, "POST", "/api/checklists", { name: "班前自查检查表", draft });
  await call(admin, "POST", `/api/checklists/${checklist.id}/publish`, { version: checklist.version });

  const page = await signedIn("e2e-self-admin");
  await withScreenshot(page, "self-inspections-schedule", async () => {
    await page.goto(`${suite.server.baseUrl}/self-inspections`);
    await page.locator("#self-schedule-create").click();
    await page.locator("#self-schedule_title").fill("每日班前安全自查");
    await chooseOption(page, "self-schedule_checklistId", "班前自查检查表（第 1 版）", { search: "班前" });
    await page.getByText("岗位", { exact: true }).click();
    await page.locator("#self-schedule_assigneePost").fill("值班长");
    await page.locator("#self-schedule-submit").click();

    const row = page.getByTestId("self-schedules").locator("tr", { hasText: "每日班前安全自查" });
    await row.getByText("未开始").waitFor();
    await row.getByRole("button", { name: "开始自查" }).click();
    await page.waitForURL(/\/inspections\/[0-9a-f-]+\/field$/);

    // Ending the schedule asks for a reason; an active-only list no longer shows it.
    await page.goto(`${suite.server.baseUrl}/self-inspections`);
    const endOk = 'role=dialog >> role=button[name="停用"]';
    await clickUntil(page, endOk, page.locator("#self-schedule-end_reason_help"), () => row.getByRole("button", { name: "停用" }).click());
    await page.locator("#self-schedule-end_reason").fill("改为每周自查");
    await clickUntil(page, endOk, (timeout) => row.waitFor({ state: "detached", timeout }));
  });

  const county = await signedIn("e2e-self-county");
  await withScreenshot(county, "self-inspections-completion", async () => {
    await county.goto(`${suite.server.baseUrl}/self-inspections/completion`);
    await county.getByTestId("self-completion-regions").getByText("溧城街道").waitFor();
    await county.getByTestId("self-completion-due").waitFor();

    await county.goto(`${suite.server.baseUrl}/inspections/stats`);
    const kinds = county.getByTestId("inspection-stats-kinds");
    await kinds.getByText("企业自查").waitFor();
    // Today's self-inspection was started: the 企业自查 figure reads 1.
    const self = kinds.locator(".ant-descriptions-item", { hasText: "企业自查" }).locator(".ant-descriptions-item-content");
    assert.equal((await self.textContent())?.trim(), "1");
    await county.getByTestId("inspection-stats-table").getByText("溧城街道").waitFor();
  });
});
