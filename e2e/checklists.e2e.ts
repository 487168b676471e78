import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinChecklists } from "../domain/inspections/builtin-checklists.js";
import { ensureBuiltInChecklists } from "../server/modules/checklists/checklists.service.js";
import { buildUser } from "../server/test/harness.js";
import { browserSuite, confirmPopover, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();

test("a regulator copies the built-in general template, publishes it, edits one item and publishes version 2; v1 keeps its text", async () => {
  await ensureBuiltInChecklists(suite.server.database.db, suite.server.clock.now());
  await buildUser(suite.server, { username: "e2e-checklist-leader", role: "regulator_leader", regionCode: "320481" });
  const general = builtinChecklists().find((b) => b.key === "site.general");
  const firstQuestion = general?.content.sections[0]?.items[0]?.question ?? "";
  assert.ok(firstQuestion);
  const edited = "是否建立并落实全员安全生产责任制（含年度考核记录）";

  const page = await signInAs(suite, "e2e-checklist-leader", { viewport: { width: 1400, height: 900 } });
  await withScreenshot(page, "checklists", async () => {
    await page.getByRole("menu").first().getByText("检查表", { exact: true }).click();
    await page.waitForURL(/\/checklists$/);

    // Copy the built-in into a draft of 溧阳市's own.
    await page.getByTestId("checklist-copy-site.general").click();
    await page.locator("#checklist-copy-name").fill("溧阳市现场通用检查表");
    await page.locator("#checklist-copy-ok").click();
    await page.waitForURL(/\/checklists\/[0-9a-f-]{36}$/);
    await page.getByTestId("checklist-name").getByText("溧阳市现场通用检查表").waitFor();
    await page.getByTestId("checklist-published-version").getByText("未发布").waitFor();

    await confirmPopover(
      page,
      "#checklist-publish",
      "#checklist-publish-ok",
      page.getByTestId("checklist-published-version").getByText("第 1 版"),
    );

    // Edit one item of the draft and save it.
    await page.locator("#checklist-edit").click();
    await page.waitForURL(/\/edit$/);
    const question = page.getByTestId("edit-item-0-0-question");
    assert.equal(await question.inputValue(), firstQuestion);
    await question.fill(edited);
    await page.locator("#checklist-save").click();
    await page.waitForURL(/\/checklists\/[0-9a-f-]{36}$/);
    await page.getByText("草稿有修改").first().waitFor();

    await confirmPopover(
      page,
      "#checklist-publish",
      "#checklist-publish-ok",
      page.getByTestId("checklist-published-version").getByText("第 2 版"),
    );
    await page.getByTestId("checklist-content").getByText(edited, { exact: true }).waitFor();

    // Version 1 is frozen with the original text.
    await page.locator(".ant-segmented").getByText("v1", { exact: true }).click();
    await page.getByTestId("checklist-content").getByText(firstQuestion, { exact: true }).waitFor();
    assert.equal(await page.getByTestId("checklist-content").getByText(edited, { exact: true }).count(), 0);
    await page.getByTestId("checklist-versions").getByText("v2", { exact: true }).waitFor();
  });
});
