import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import type { ChecklistContent } from "../domain/inspections/checklist.js";
import { createChecklist, publishChecklist } from "../server/modules/checklists/checklists.service.js";
import { createDepartment } from "../server/modules/departments/departments.service.js";
import { ink, violation } from "../server/modules/enforcement/enforcement.fixture.js";
import { buildCast, buildEnterprise, type Session, systemCtx } from "../server/test/harness.js";
import { browserSuite, withScreenshot } from "./support.js";

const suite = browserSuite();

const content: ChecklistContent = {
  sections: [
    {
      id: "site",
      title: "现场管理",
      items: [
        {
          id: "belt",
          question: "高处作业人员是否系挂安全带",
          type: "pass_fail",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: { standard: "中华人民共和国安全生产法", number: "", version: "2021", article: "第五十七条" },
          onFail: "general",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: "operations",
        },
      ],
    },
  ],
};

test("a citizen opens the public penalties page without signing in and sees a published decision with the person's name masked", async () => {
  const { server } = suite;
  const db = server.database.db;
  const enterpriseId = (await buildEnterprise(server, { name: "溧阳市公示处罚演示有限公司" })).id;
  const { s, ids, names } = await buildCast(
    server,
    { a: { role: "regulator_inspector", regionCode: "320481" }, b: { role: "regulator_leader", regionCode: "320481" } },
    { certNos: { a: "JF320481901", b: "JF320481902" }, usernamePrefix: "e2e-penalties-" },
  );
  const departmentId = (
    await createDepartment(db, systemCtx(server), { regionCode: "320481", kind: "emergency", name: "溧阳市应急管理局" })
  ).id;
  const checklist = await createChecklist(db, systemCtx(server), { name: "公示演示检查表", category: null, draft: content });
  await publishChecklist(db, systemCtx(server), checklist.id, { version: checklist.version });

  // The officers' path through the API: an inspection with a failed item, a case, a 简易程序 fine on a worker, publication.
  const send = async (session: Session, method: "POST" | "PUT", url: string, payload: object, status = 200) => {
    const res = await server.app.inject({ method, url, headers: session.headers(), payload });
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const inspection = await send(
    s.a,
    "POST",
    "/api/inspections",
    { kind: "planned", enterpriseId, checklistId: checklist.id, inspectorIds: [ids.a, ids.b], departmentId },
    201,
  );
  await send(s.a, "PUT", `/api/inspections/${inspection.id}/responses`, {
    version: 1,
    responses: [{ id: randomUUID(), itemId: "belt", result: "fail", note: "欧阳娜娜在二层平台作业未系安全带" }],
  });
  await send(s.a, "POST", `/api/inspections/${inspection.id}/finish`, {
    version: 2,
    signatures: [
      { signer: "inspector", name: names.a, userId: ids.a, image: ink },
      { signer: "inspector", name: names.b, userId: ids.b, image: ink },
      { signer: "enterprise", name: "李建国", image: ink },
    ],
  });
  const opened = await send(
    s.a,
    "POST",
    "/api/cases",
    {
      inspectionId: inspection.id,
      violations: [violation({ facts: "作业人员欧阳娜娜在二层平台高处作业未系挂安全带，现场负责人李建国未予制止" })],
    },
    201,
  );
  const decided = await send(s.a, "POST", `/api/cases/${opened.id}/events`, {
    type: "simple_decision",
    version: opened.version,
    penalty: { party: "person", partyName: "欧阳娜娜", items: [{ kind: "fine", amountFen: 200_00 }] },
    factsEstablished: true,
    legalBasis: true,
  });
  await send(s.a, "POST", `/api/cases/${opened.id}/events`, { type: "publication", version: decided.version });

  const page = await (await suite.browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } })).newPage();
  await withScreenshot(page, "public-penalties", async () => {
    // From the sign-in page's link, as a citizen finds it.
    await page.goto(`${server.baseUrl}/login`);
    await page.locator("#login-public-penalties").click();
    await page.waitForURL(/\/public\/penalties$/);
    const card = page.getByTestId("public-penalty").filter({ hasText: "欧阳**" });
    await card.waitFor();
    const text = (await card.textContent()) ?? "";
    assert.match(text, /作业人员欧阳\*\*在二层平台高处作业未系挂安全带，现场负责人李\*\*未予制止/);
    assert.match(text, /罚款人民币200\.00元/);
    assert.match(text, /溧阳市应急管理局/);
    assert.match(text, /违反《中华人民共和国安全生产法》第三十六条第一款/);
    const body = (await page.locator("body").textContent()) ?? "";
    assert.ok(!body.includes("欧阳娜娜") && !body.includes("李建国"), "no natural person's full name on the public page");
    // No sign-in happened: the page offers the staff sign-in link.
    await page.getByRole("link", { name: "工作人员登录" }).waitFor();
  });
});
