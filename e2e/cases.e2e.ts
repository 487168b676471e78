import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { addDays, shanghaiDay } from "../domain/common/calendar.js";
import type { CaseDetail } from "../domain/enforcement/case.dto.js";
import type { ChecklistContent, ChecklistItem } from "../domain/inspections/checklist.js";
import type { InspectionDetail } from "../domain/inspections/inspection.dto.js";
import { createUser } from "../server/modules/accounts/users.service.js";
import { createChecklist, publishChecklist } from "../server/modules/checklists/checklists.service.js";
import { createDepartment } from "../server/modules/departments/departments.service.js";
import { buildEnterprise, type Session, signIn, systemCtx, testPassword, usccFor } from "../server/test/harness.js";
import { pdfText } from "../server/test/pdf-raster.js";
import { browserSuite, clickUntil, pickMenuItem, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();

const item = (id: string, question: string, article: string): ChecklistItem => ({
  id,
  question,
  type: "pass_fail",
  photoOnFail: false,
  min: null,
  max: null,
  unit: null,
  clause: { standard: "中华人民共和国安全生产法", number: "", version: "2021", article },
  onFail: "general",
  criterionId: null,
  hazardCategory: "site_management",
  hazardSubType: null,
});

/** Two items whose failure raises a hazard each, citing the Work Safety Law article they check. */
const content: ChecklistContent = {
  sections: [
    {
      id: "site",
      title: "现场管理",
      items: [item("guard", "平台临边防护栏是否完好", "第三十六条"), item("exits", "安全出口、疏散通道是否畅通", "第四十二条")],
    },
  ],
};

const enterpriseName = "溧阳市立案演示化工有限公司";
const internalNote = "拟从重处罚，先不告知企业";

async function call<T>(session: Session, method: "GET" | "POST", url: string, payload?: object): Promise<T> {
  const res = await suite.server.app.inject({ method, url, headers: session.headers(), payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** Draws a short stroke on a signature pad. */
async function sign(page: Page, id: string) {
  const pad = page.locator(`#${id}`);
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  assert.ok(box, `signature pad ${id}`);
  await page.mouse.move(box.x + 20, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 70, { steps: 6 });
  await page.mouse.move(box.x + 200, box.y + 40, { steps: 6 });
  await page.mouse.up();
}

test("the 溧阳市 inspector opens a case from an inspection with two failed items, orders rectification, issues and downloads the 责令限期整改指令书; the enterprise sees it without the internal note and applies for re-inspection itself", async () => {
  const { server } = suite;
  const db = server.database.db;
  const ctx = systemCtx(server);
  // Users made without an actor need no password change at first sign-in.
  const setup = { actor: null, ip: null, now: server.clock.now() };
  const enterprise = await buildEnterprise(server, { name: enterpriseName, uscc: usccFor(9801) });
  const department = await createDepartment(db, ctx, { regionCode: "320481", kind: "emergency", name: "溧阳市应急管理局" });
  const officer = (username: string, displayName: string, role: "regulator_inspector" | "regulator_leader", certNo: string) =>
    createUser(db, setup, { username, displayName, role, regionCode: "320481", enforcementCertNo: certNo, password: testPassword });
  const inspector = await officer("e2e-case-inspector", "李执法", "regulator_inspector", "JF32048109101");
  const colleague = await officer("e2e-case-colleague", "王执法", "regulator_leader", "JF32048109102");
  await createUser(db, setup, {
    username: "e2e-case-enterprise",
    displayName: "赵经理",
    role: "enterprise_admin",
    regionCode: null,
    enterpriseId: enterprise.id,
    password: testPassword,
  });
  const checklist = await createChecklist(db, ctx, { name: "立案演示检查表", category: null, draft: content });
  await publishChecklist(db, ctx, checklist.id, { version: checklist.version });

  // The team starts a planned inspection (as the inspections e2e does); the answers and the finish are clicked.
  const session = await signIn(server, "e2e-case-inspector");
  const started = await call<InspectionDetail>(session, "POST", "/api/inspections", {
    kind: "planned",
    enterpriseId: enterprise.id,
    checklistId: checklist.id,
    inspectorIds: [inspector.id, colleague.id],
    departmentId: department.id,
  });

  const page = await signInAs(suite, "e2e-case-inspector");
  await withScreenshot(page, "cases-inspection", async () => {
    await page.goto(`${server.baseUrl}/inspections/${started.id}/field`);
    await page.locator("#item-guard-fail").click();
    await page.locator('[data-testid="item-guard"][data-outcome="fail"]').waitFor();
    await page.locator("#item-next").click();
    await page.locator("#item-exits-fail").click();
    await page.locator('[data-testid="item-exits"][data-outcome="fail"]').waitFor();
    await page.locator('[data-testid="unsent-badge"][data-count="0"]').waitFor({ timeout: 45_000 });
    await page.locator("#field-to-finish").click();
    await page.getByTestId("finish-fails").getByText("平台临边防护栏是否完好", { exact: false }).waitFor();
    await sign(page, "signature-inspector-0");
    await sign(page, "signature-inspector-1");
    await page.locator("#finish-representative").fill("张三");
    await sign(page, "signature-enterprise");
    await page.locator("#inspection-finish").click();
    await page.waitForURL(new RegExp(`/inspections/${started.id}$`));
    await page.getByTestId("inspection-status").getByText("已完成").waitFor();
  });

  // 立案 from the inspection page: one violation per failed item, prefilled; the officer cites the provision applied.
  const caseId = await withScreenshot(page, "cases-open", async () => {
    await page.locator("#inspection-open-case").click();
    await page.waitForURL(/\/cases\/new\?inspection=/);
    await page.getByTestId("case-open-violation-1").waitFor();
    assert.equal(await page.getByTestId("case-open-violation-2").count(), 0, "one violation per failed item");
    assert.match(await page.locator("#case-open_violations_0_provisionViolated").inputValue(), /安全生产法.*第三十六条/);
    assert.match(await page.locator("#case-open_violations_1_provisionViolated").inputValue(), /安全生产法.*第四十二条/);
    await page.locator("#case-open_violations_0_provisionApplied").fill("《中华人民共和国安全生产法》第九十九条第（一）项");
    await page.locator("#case-open_violations_1_provisionApplied").fill("《中华人民共和国安全生产法》第一百零二条");
    await page.locator("#case-open_violations_0_proposed").fill("20000");
    await page.locator("#case-open_internalNote").fill(internalNote);
    await page.locator("#case-open-submit").click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByTestId("case-phase").getByText("已立案").waitFor();
    await page.getByTestId("case-officers").getByText("JF32048109101", { exact: false }).waitFor();
    await page.getByTestId("case-internal-note").getByText(internalNote).waitFor();
    return new URL(page.url()).pathname.split("/")[2] as string;
  });
  const opened = await call<CaseDetail>(session, "GET", `/api/cases/${caseId}`);
  assert.equal(opened.violations.length, 2);
  assert.equal(opened.violations[0]?.proposedFen, 20000_00);
  assert.equal(opened.violations[0]?.hazardIds.length, 1, "each violation links the hazard of its item");
  assert.equal(opened.departmentId, department.id);
  assert.match(opened.caseNo, /溧/);

  // 责令限期整改 with a deadline, through the 办理 menu.
  const deadline = addDays(shanghaiDay(new Date()), 15);
  await withScreenshot(page, "cases-order", async () => {
    const picker = page.locator("#case-event_deadline");
    await pickMenuItem(page, "#case-record", '[data-testid="case-step-order_issued"]', picker);
    await picker.click();
    await picker.fill(deadline);
    await picker.press("Enter");
    await clickUntil(page, "#case-event-ok", page.getByTestId("case-event-order_issued").getByText(`整改期限：${deadline}`));
    await page.getByTestId("case-phase").getByText("限期整改中").waitFor();
    // Closing as completed while the order is unmet: the server refuses (409) and the modal shows its reason.
    await pickMenuItem(page, "#case-record", '[data-testid="case-step-closed"]', page.locator("#case-event-ok"));
    await clickUntil(page, "#case-event-ok", page.getByTestId("case-event-error").getByText("整改指令尚未完成"));
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /取\s*消/ })
      .click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
  });

  // 出具文书 → 责令限期整改指令书, then its download: a PDF naming the document number and the enterprise.
  const docNo = await withScreenshot(page, "cases-document", async () => {
    await pickMenuItem(page, "#case-issue", '[data-testid="case-issue-rectification_order"]', page.getByTestId("case-issued-download"));
    const row = page.getByTestId("case-document-rectification_order");
    await row.getByText("责令限期整改指令书").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("case-issued-download").click()]);
    const path = await download.path();
    assert.ok(path);
    const pdf = await readFile(path);
    assert.equal(pdf.subarray(0, 4).toString("latin1"), "%PDF");
    const detail = await call<CaseDetail>(session, "GET", `/api/cases/${caseId}`);
    const doc = detail.documents.find((d) => d.kind === "rectification_order");
    assert.ok(doc, "the issued document is on the case");
    await row.getByText(doc.docNo).waitFor();
    const text = pdfText(pdf).replace(/\s+/g, "");
    assert.ok(text.includes(doc.docNo.replace(/\s+/g, "")), `the PDF shows ${doc.docNo}`);
    assert.ok(text.includes(enterpriseName), "the PDF names the enterprise");
    return doc.docNo;
  });

  // The enterprise administrator: the case and its document, no internal note, no 办理 menu.
  const ent = await signInAs(suite, "e2e-case-enterprise");
  await withScreenshot(ent, "cases-enterprise", async () => {
    await ent.getByRole("menu").getByText("执法案件", { exact: true }).click();
    await ent.waitForURL(/\/cases$/);
    await ent.getByTestId("cases-table").getByText(opened.caseNo).click();
    await ent.waitForURL(new RegExp(`/cases/${caseId}$`));
    await ent.getByTestId("case-enterprise").getByText(enterpriseName).waitFor();
    await ent.getByTestId("case-documents").getByText(docNo).waitFor();
    await ent.getByTestId("case-event-order_issued").getByText(`整改期限：${deadline}`).waitFor();
    assert.equal(await ent.locator("#case-record").count(), 0, "no 办理 menu for the enterprise");
    assert.equal(await ent.locator("#case-issue").count(), 0, "no 出具文书 menu for the enterprise");
    assert.equal(await ent.getByTestId("case-internal-note").count(), 0);
    assert.ok(!(await ent.locator("body").innerText()).includes(internalNote), "the internal note is never shown");
  });

  // 当事人办理: the enterprise administrator applies for re-inspection itself; the timeline shows it as the party's
  // and the inspector is notified. Only the party's acts the case allows are offered (the extension window before a
  // deadline 15 days away has not opened yet).
  await withScreenshot(ent, "cases-party-reinspection", async () => {
    await pickMenuItem(ent, "#case-party", '[data-testid="case-party-reinspection_requested"]', ent.getByTestId("case-party-hint"));
    assert.equal(await ent.locator('[data-testid="case-party-extension_applied"]').count(), 0, "no extension before its window");
    assert.equal(await ent.locator('[data-testid="case-party-reinspected_rectified"]').count(), 0, "no department step");
    assert.equal(await ent.getByRole("dialog").getByText("内部备注").count(), 0, "the party sets no internal note");
    const submitted = ent.getByTestId("case-event-reinspection_requested");
    await clickUntil(ent, "#case-event-ok", submitted.getByTestId("case-event-by").getByText("由当事人提交"));
    await submitted.getByText("赵经理", { exact: false }).waitFor();
    assert.equal(await ent.locator("#case-party").count(), 0, "re-inspection is requested once");
  });
  const inbox = await call<{ items: { subjectId: string | null; title: string }[] }>(session, "GET", "/api/notifications");
  assert.ok(
    inbox.items.some((n) => n.subjectId === caseId && n.title.includes("复查申请")),
    "the inspector is notified",
  );
  await withScreenshot(page, "cases-party-seen-by-officer", async () => {
    await page.reload();
    await page.getByTestId("case-event-reinspection_requested").getByTestId("case-event-by").getByText("由当事人提交").waitFor();
  });

  // 执法统计 (§6): the county's figures this year count the case and its order, and the group table has the town.
  await withScreenshot(page, "cases-stats", async () => {
    await clickUntil(page, 'li[role="menuitem"]:has-text("执法统计")', page.getByTestId("case-stats-opened"));
    await page.getByTestId("case-stats-inspections").getByText("1", { exact: true }).waitFor();
    await page.getByTestId("case-stats-opened").getByText("1", { exact: true }).waitFor();
    await page.getByTestId("case-stats-orders").getByText("1", { exact: true }).waitFor();
    await page.getByTestId("case-stats-table").getByRole("row").filter({ hasText: "溧城" }).first().waitFor();
  });
});
