import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { addDays, shanghaiDay } from "../domain/common/calendar.js";
import { builtinWording, type DocumentTemplateView } from "../domain/enforcement/documents.js";
import { createChecklist, publishChecklist } from "../server/modules/checklists/checklists.service.js";
import { createDepartment } from "../server/modules/departments/departments.service.js";
import { guardChecklist as content } from "../server/modules/enforcement/enforcement.fixture.js";
import { buildCast, buildEnterprise, type Session, systemCtx } from "../server/test/harness.js";
import { pdfText } from "../server/test/pdf-raster.js";
import { solidPng } from "../server/test/png.js";
import { browserSuite, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();

async function call<T>(session: Session, method: "GET" | "POST" | "PUT", url: string, payload?: object): Promise<T> {
  const res = await suite.server.app.inject({ method, url, headers: session.headers(), ...(payload ? { payload } : {}) });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const orderOf = async (session: Session) =>
  (await call<{ items: DocumentTemplateView[] }>(session, "GET", "/api/document-templates")).items.find(
    (i) => i.kind === "rectification_order",
  ) as DocumentTemplateView;

test("the administrator rewords the 责令限期整改指令书 order: an unknown placeholder is refused under its slot and nothing is saved; the saved wording is version 2 and the next issued order carries it", async () => {
  const { server } = suite;
  const db = server.database.db;
  const enterpriseName = "溧阳市模板演示机械有限公司";
  const enterprise = await buildEnterprise(server, { name: enterpriseName });
  const department = await createDepartment(db, systemCtx(server), { regionCode: "320481", kind: "emergency", name: "溧阳市应急管理局" });
  const { s, ids, names } = await buildCast(
    server,
    {
      admin: {},
      ins1: { role: "regulator_inspector", regionCode: "320481" },
      ins2: { role: "regulator_leader", regionCode: "320481" },
    },
    { certNos: { ins1: "JF32048109301", ins2: "JF32048109302" }, usernamePrefix: "e2e-tpl-" },
  );

  // An earlier change (version 1) to the footer: the editor must start from it and keep it.
  const footer = "本指令书一式三份，被检查单位、{department}执法监察科、案卷各一份。";
  await call(s.admin, "PUT", "/api/document-templates/rectification_order", { version: 0, wording: { footer } });

  const page = await signInAs(suite, "e2e-tpl-admin");
  const slot = (name: string) => page.getByTestId(`doc-template-slot-${name}`);
  const order = page.locator("#doc-template_order");
  await withScreenshot(page, "document-templates-open", async () => {
    await page.getByRole("menu").first().getByText("文书模板", { exact: true }).click();
    await page.waitForURL(/\/admin\/document-templates$/);
    await page.getByTestId("doc-templates-table").getByText("本地措辞（1 段）").waitFor();
    await page.getByTestId("doc-template-rectification_order").click();
    await page.getByTestId("doc-template-version").getByText("版本 1").waitFor();
    assert.equal(await page.locator("#doc-template_footer").inputValue(), footer, "the deployment's text is the starting value");
    assert.equal(await order.inputValue(), builtinWording.rectification_order.order, "untouched slots start from the built-in text");
    await page.getByTestId("doc-template-placeholders").getByText("{deadline}", { exact: true }).waitFor();
    assert.equal(await page.getByTestId("doc-template-placeholders").getByText("{penalty}", { exact: true }).count(), 0);
  });

  // {penalty} is not filled in an order: the server's message shows under the order slot, and nothing is stored.
  await withScreenshot(page, "document-templates-invalid", async () => {
    await order.fill("以上问题违反了{basis}的规定，拟处以{penalty}。");
    await page.locator("#doc-template-save").click();
    await slot("order").locator(".ant-form-item-explain-error").getByText("不支持占位符", { exact: false }).waitFor();
    assert.match(await slot("order").locator(".ant-form-item-explain-error").innerText(), /penalty/);
    await page.getByTestId("doc-template-version").getByText("版本 1").waitFor();
  });
  const unchanged = await orderOf(s.admin);
  assert.deepEqual([unchanged.version, unchanged.wording], [1, { footer }], "a refused change stores nothing");

  // A valid rewording, with a placeholder inserted by clicking its tag at the caret.
  const wording = "以上问题违反了{basis}的规定。现责令你单位于{deadline}前整改完毕，并将整改情况书面报告本局（模板演示措辞）。";
  await withScreenshot(page, "document-templates-save", async () => {
    await order.fill("以上问题违反了{basis}的规定。现责令你单位于前整改完毕，并将整改情况书面报告本局（模板演示措辞）。");
    const at = "以上问题违反了{basis}的规定。现责令你单位于".length;
    await order.evaluate((el: HTMLTextAreaElement, n: number) => el.setSelectionRange(n, n), at);
    await page.getByTestId("doc-template-placeholders").getByText("{deadline}", { exact: true }).click();
    assert.equal(await order.inputValue(), wording);
    await page.locator("#doc-template-save").click();
    await page.getByTestId("doc-template-version").getByText("版本 2").waitFor();
    await page.getByTestId("doc-templates-table").getByText("本地措辞（2 段）").waitFor();
    assert.equal(await slot("order").locator(".ant-form-item-explain-error").count(), 0);
    // 恢复默认 puts the built-in text back in the slot (not saved here).
    await page.locator("#doc-template-restore-footer").click();
    assert.equal(await page.locator("#doc-template_footer").inputValue(), builtinWording.rectification_order.footer);
  });
  const saved = await orderOf(s.admin);
  assert.deepEqual([saved.version, saved.wording], [2, { footer, order: wording }]);

  // A 责令限期整改指令书 issued now (through the API, as the cases e2e sets a case up) carries the new wording.
  const created = await createChecklist(db, systemCtx(server), { name: "模板演示检查表", category: null, draft: content });
  await publishChecklist(db, systemCtx(server), created.id, { version: created.version });
  const inspection = await call<{ id: string }>(s.ins1, "POST", "/api/inspections", {
    kind: "planned",
    enterpriseId: enterprise.id,
    checklistId: created.id,
    inspectorIds: [ids.ins1, ids.ins2],
    departmentId: department.id,
  });
  await call(s.ins1, "PUT", `/api/inspections/${inspection.id}/responses`, {
    version: 1,
    responses: [{ id: randomUUID(), itemId: "guard", result: "fail", note: "二层平台东侧护栏缺失约3米" }],
  });
  const ink = solidPng(120, 40).toString("base64");
  await call(s.ins1, "POST", `/api/inspections/${inspection.id}/finish`, {
    version: 2,
    signatures: [
      { signer: "inspector", name: names.ins1, userId: ids.ins1, image: ink },
      { signer: "inspector", name: names.ins2, userId: ids.ins2, image: ink },
      { signer: "enterprise", name: "张三", image: ink },
    ],
  });
  const opened = await call<{ id: string; version: number }>(s.ins1, "POST", "/api/cases", {
    inspectionId: inspection.id,
    violations: [
      {
        facts: "二层平台东侧临边防护栏缺失约3米，未采取安全防护措施",
        provisionViolated: "《中华人民共和国安全生产法》第三十六条第一款",
        provisionApplied: "《中华人民共和国安全生产法》第九十九条第（一）项",
      },
    ],
  });
  const deadline = addDays(shanghaiDay(new Date()), 15);
  await call(s.ins1, "POST", `/api/cases/${opened.id}/events`, { version: opened.version, type: "order_issued", deadline });
  const doc = await call<{ id: string; templateVersion: number }>(s.ins1, "POST", `/api/cases/${opened.id}/documents`, {
    kind: "rectification_order",
  });
  assert.equal(doc.templateVersion, 2, "the document records the wording version it used");
  const pdf = await server.app.inject({ method: "GET", url: `/api/documents/${doc.id}.pdf`, headers: s.ins1.headers() });
  assert.equal(pdf.statusCode, 200);
  const text = pdfText(pdf.rawPayload).replace(/\s+/g, "");
  const [y, m, d] = deadline.split("-").map(Number);
  assert.ok(
    text.includes(`现责令你单位于${y}年${m}月${d}日前整改完毕，并将整改情况书面报告本局（模板演示措辞）。`),
    "the new order wording, filled",
  );
  assert.ok(text.includes("被检查单位、溧阳市应急管理局执法监察科、案卷各一份"), "the earlier footer, filled");
  assert.ok(!text.includes("达到有关法律法规规章和标准规定的要求"), "not the built-in order wording");

  // Someone else saves meanwhile (version 3): this stale save is refused with the server's message and the editor
  // reloads their wording, which stays as they left it.
  const opening = "{enterprise}（统一社会信用代码：{uscc}）：";
  await call(s.admin, "PUT", "/api/document-templates/rectification_order", { version: 2, wording: { footer, order: wording, opening } });
  await withScreenshot(page, "document-templates-stale", async () => {
    await page.locator("#doc-template_rights").fill("如不服本指令，可依法申请行政复议或者提起行政诉讼。");
    await page.locator("#doc-template-save").click();
    await page.locator(".ant-message").getByText("已被他人修改", { exact: false }).waitFor();
    await page.getByTestId("doc-template-version").getByText("版本 3").waitFor();
    assert.equal(await page.locator("#doc-template_opening").inputValue(), opening);
    assert.equal(await page.locator("#doc-template_rights").inputValue(), builtinWording.rectification_order.rights);
  });
  assert.deepEqual((await orderOf(s.admin)).wording, { footer, order: wording, opening });
});
