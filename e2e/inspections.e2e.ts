import assert from "node:assert/strict";
import { test } from "node:test";
import type { BrowserContextOptions, Page, Route } from "playwright-core";
import type { ChecklistContent } from "../domain/inspections/checklist.js";
import type { InspectionDetail } from "../domain/inspections/inspection.dto.js";
import { rows, sql } from "../server/kernel/db/db.js";
import { buildEnterprise, buildUser, type Session, signIn, usccFor } from "../server/test/harness.js";
import { browserSuite, chooseOption, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();

// Issue 7 §3: the field form on a phone-sized screen, with the device's position shared.
const phone: BrowserContextOptions = {
  viewport: { width: 375, height: 812 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  permissions: ["geolocation"],
  geolocation: { latitude: 31.416, longitude: 119.484 },
};

// A valid 1×1 PNG standing in for a camera photo.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

/** Six items of every answer type the form handles: pass/fail (one needing a photo on fail), a number with limits, text. */
const content: ChecklistContent = {
  sections: [
    {
      id: "site",
      title: "现场管理",
      items: [
        {
          id: "exits",
          question: "安全出口、疏散通道是否畅通",
          type: "pass_fail",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: { standard: "中华人民共和国安全生产法", number: "", version: "2021", article: "第四十二条" },
          onFail: "general",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: null,
        },
        {
          id: "extinguishers",
          question: "灭火器是否在有效期内并定位放置",
          type: "pass_fail",
          photoOnFail: true,
          min: null,
          max: null,
          unit: null,
          clause: { standard: "建筑灭火器配置设计规范", number: "GB 50140", version: "2005", article: "" },
          onFail: "general",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: null,
        },
        {
          id: "lane-width",
          question: "消防车道净宽度",
          type: "number",
          photoOnFail: false,
          min: 4,
          max: null,
          unit: "m",
          clause: null,
          onFail: "general",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: null,
        },
        {
          id: "permits",
          question: "特种作业人员持证情况",
          type: "text",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: null,
          onFail: "note",
          criterionId: null,
          hazardCategory: "basic_management",
          hazardSubType: null,
        },
      ],
    },
    {
      id: "records",
      title: "基础管理",
      items: [
        {
          id: "training",
          question: "是否建立安全教育培训档案",
          type: "pass_fail",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: null,
          onFail: "note",
          criterionId: null,
          hazardCategory: "basic_management",
          hazardSubType: null,
        },
        {
          id: "drills",
          question: "是否按计划开展应急演练",
          type: "pass_fail",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: null,
          onFail: "note",
          criterionId: null,
          hazardCategory: "basic_management",
          hazardSubType: null,
        },
      ],
    },
  ],
};

async function call<T>(session: Session, method: "GET" | "POST" | "PUT", url: string, payload?: object): Promise<T> {
  const res = await suite.server.app.inject({ method, url, headers: session.headers(), payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** An enterprise, its administrator and a published self-inspection checklist of its own, set up through the API. */
async function enterpriseWithChecklist(n: number, name: string) {
  const enterprise = await buildEnterprise(suite.server, { name, uscc: usccFor(9700 + n) });
  const user = await buildUser(suite.server, {
    username: `e2e-insp-${n}`,
    role: "enterprise_admin",
    enterpriseId: enterprise.id,
    regionCode: null,
  });
  const session = await signIn(suite.server, user.username);
  const draft = await call<{ id: string; version: number }>(session, "POST", "/api/checklists", {
    name: `${name}日常自查表`,
    category: null,
    draft: content,
  });
  await call(session, "POST", `/api/checklists/${draft.id}/publish`, { version: draft.version });
  return { enterprise, user, session, checklistId: draft.id, checklistName: `${name}日常自查表` };
}

/** The unsent badge's count as shown. */
const unsent = async (page: Page) => Number(await page.getByTestId("unsent-badge").getAttribute("data-count"));
const waitUnsent = (page: Page, n: number) => page.locator(`[data-testid="unsent-badge"][data-count="${n}"]`).waitFor({ timeout: 45_000 });
const item = (page: Page, id: string) => page.getByTestId(`item-${id}`);
/** Taps an answer and waits until the server has it: shown as answered (queued first), then nothing unsent. */
async function answerOnline(page: Page, itemId: string, outcome: "pass" | "fail" | "na") {
  await page.locator(`#item-${itemId}-${outcome}`).click();
  await page.locator(`[data-testid="item-${itemId}"][data-outcome="${outcome}"]`).waitFor();
  await waitUnsent(page, 0);
}

test("answers given offline on a 375×812 phone survive a reload and reach the server exactly once, a lost reply included", async () => {
  const { enterprise, user, session, checklistName } = await enterpriseWithChecklist(1, "溧阳市现场检查演示化工有限公司");
  const page = await signInAs(suite, user.username, phone);
  const context = page.context();

  const inspectionId = await withScreenshot(page, "inspections-offline-start", async () => {
    // The menu is a drawer on a phone.
    await page.getByRole("button", { name: "展开或收起菜单" }).click();
    await page.getByRole("menu").getByText("监督检查", { exact: true }).click();
    await page.waitForURL(/\/inspections$/);
    await page.locator("#inspection-new").click();
    await page.waitForURL(/\/inspections\/new$/);
    // An enterprise inspects itself: 企业自查 is the only kind, the enterprise is its own.
    await page
      .locator(".ant-select")
      .filter({ has: page.locator("#inspection-new_kind") })
      .getByText("企业自查")
      .waitFor();
    await chooseOption(page, "inspection-new_checklistId", checklistName, { exact: false, shows: null });
    // The position the phone shares at the start.
    await page.getByTestId("hazard-gps-value").getByText("北纬 31.416000").waitFor();
    await page.locator("#inspection-start").click();
    await page.waitForURL(/\/inspections\/[0-9a-f-]{36}\/field$/);
    return new URL(page.url()).pathname.split("/")[2] as string;
  });

  await withScreenshot(page, "inspections-offline-answer", async () => {
    // Online: item 1 of 6, its clause under the question; the answer goes out at once.
    await page.getByTestId("field-position").getByText("1 / 6").waitFor();
    await item(page, "exits").getByTestId("item-clause").getByText("中华人民共和国安全生产法", { exact: false }).waitFor();
    await answerOnline(page, "exits", "pass");
    await page.locator("#item-next").click();
    await answerOnline(page, "extinguishers", "pass");
    await page.locator("#item-next").click();

    // The network drops; answering goes on and the badge counts up.
    await context.setOffline(true);
    await page.getByTestId("offline-notice").waitFor();
    await page.getByTestId("item-limits").getByText("≥ 4 m").waitFor();
    await page.locator("#item-lane-width-number").fill("3.5");
    // Judged live, before anything is sent: 3.5 m is under the 4 m minimum.
    await page.getByTestId("item-live-outcome").locator('[data-outcome="fail"]').waitFor();
    await page.locator("#item-lane-width-number").press("Enter");
    await waitUnsent(page, 1);
    await page.locator("#item-lane-width-photo-input").setInputFiles({ name: "lane.png", mimeType: "image/png", buffer: png });
    await item(page, "lane-width").locator('[data-testid="item-photo"][data-queued="true"]').waitFor();
    await waitUnsent(page, 2);
    await page.locator("#item-next").click();
    await page.locator("#item-permits-text").fill("2 名电焊工均持有效特种作业操作证");
    await page.locator("#item-permits-pass").click();
    await waitUnsent(page, 3);
    await page.locator("#item-next").click();
    await page.locator("#item-training-na").click();
    await waitUnsent(page, 4);
    await page.getByTestId("unsent-badge").getByText("4 条未发送").waitFor();
    // Nothing sideways on the phone.
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px viewport`);
  });

  // Back online, but the answers' route still fails (a dead spot): the queue must survive a reload.
  let network: "blocked" | "lose-reply" | "open" = "blocked";
  let reachedServer = 0;
  await context.route("**/api/inspections/*/responses", async (route: Route) => {
    if (network === "blocked") return route.abort("internetdisconnected");
    reachedServer++;
    if (network === "lose-reply") {
      // The server stores the batch, and its reply is lost on the way back: the phone must send it again.
      await route.fetch();
      network = "open";
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await context.setOffline(false);
  await withScreenshot(page, "inspections-offline-reload", async () => {
    await page.getByTestId("offline-notice").waitFor({ state: "detached" });
    assert.equal(await unsent(page), 4);
    await page.reload();
    await page.getByTestId("field-position").getByText("5 / 6").waitFor();
    // Still queued after the reload, from IndexedDB, and still shown as answered.
    await waitUnsent(page, 4);
    await item(page, "training").locator('[data-outcome="na"]').first().waitFor();
    await page.locator("#item-prev").click();
    await page.locator("#item-prev").click();
    assert.equal(await page.locator("#item-lane-width-number").inputValue(), "3.5");
    await item(page, "lane-width").locator('[data-testid="item-photo"][data-queued="true"]').waitFor();
  });

  // The network comes back for real; the first reply is lost.
  network = "lose-reply";
  await withScreenshot(page, "inspections-offline-flush", async () => {
    const sendNow = page.locator("#inspection-send-now");
    if (await sendNow.isVisible()) await sendNow.click();
    await waitUnsent(page, 0);
    await page.getByTestId("unsent-badge").getByText("已全部发送").waitFor();
  });
  assert.ok(reachedServer >= 2, "the batch whose reply was lost was sent again");

  // What the server holds, read the way the phone reads it: every answer once, with the phone's ids.
  const res = await page.request.get(`${suite.server.baseUrl}/api/inspections/${inspectionId}`);
  assert.equal(res.status(), 200);
  const stored = (await res.json()) as InspectionDetail;
  const perItem = new Map<string, number>();
  for (const r of stored.responses) perItem.set(r.itemId, (perItem.get(r.itemId) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(perItem), { exits: 1, extinguishers: 1, "lane-width": 1, permits: 1, training: 1 });
  assert.equal(new Set(stored.responses.map((r) => r.id)).size, 5, "distinct response ids");
  const byItem = new Map(stored.responses.map((r) => [r.itemId, r]));
  assert.equal(byItem.get("lane-width")?.number, 3.5);
  assert.equal(byItem.get("lane-width")?.outcome, "fail");
  assert.equal(byItem.get("permits")?.text, "2 名电焊工均持有效特种作业操作证");
  assert.equal(byItem.get("training")?.outcome, "na");
  assert.deepEqual(
    stored.photos.map((p) => p.itemId),
    ["lane-width"],
  );
  assert.equal(stored.startLatitude, 31.416);
  // The ids are the ones the phone generated and queued (the queue is keyed by them).
  const phoneIds = await page.evaluate(
    (id) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("redline-inspections");
        open.onsuccess = () => {
          const get = open.result.transaction("snapshots").objectStore("snapshots").getAll();
          get.onsuccess = () => {
            const snap = (get.result as { inspectionId: string; detail: InspectionDetail }[]).find((s) => s.inspectionId === id);
            resolve((snap?.detail.responses ?? []).map((r) => r.id).sort());
          };
          get.onerror = () => reject(get.error);
        };
        open.onerror = () => reject(open.error);
      }),
    inspectionId,
  );
  assert.deepEqual(phoneIds, stored.responses.map((r) => r.id).sort());
  // The offline batch was applied once: one audited change carries the lane-width answer (the replay stored nothing).
  const audited = await rows<{ n: number }>(
    suite.server.database.db,
    sql`select count(*)::int as n from audit_log
        where entity_id = ${inspectionId} and action = 'inspection.answer' and diff::text like '%lane-width%'`,
  );
  assert.equal(audited[0]?.n, 1);

  // Last item, then the finish screen: the fail, the signature, finish → the record with its hazard and report.
  await withScreenshot(page, "inspections-finish", async () => {
    await page.goto(`${suite.server.baseUrl}/inspections/${inspectionId}/field?item=5`);
    await answerOnline(page, "drills", "pass");
    await page.locator("#field-to-finish").click();
    await page.getByTestId("finish-fails").getByText("消防车道净宽度", { exact: false }).waitFor();
    await page.locator("#finish-representative").fill("张三");
    const pad = page.locator("#signature-enterprise");
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + 20, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
    await page.mouse.move(box.x + 220, box.y + 50, { steps: 8 });
    await page.mouse.up();
    await page.locator("#inspection-finish").click();
    await page.waitForURL(new RegExp(`/inspections/${inspectionId}$`));
    await page.getByTestId("inspection-status").getByText("已完成").waitFor();
    await page.getByTestId("inspection-hazards").getByTestId("inspection-hazard-link").first().waitFor();
    await page.getByTestId("inspection-report-pdf").waitFor();
  });
  const finished = await call<InspectionDetail>(session, "GET", `/api/inspections/${inspectionId}`);
  assert.equal(finished.status, "finished");
  assert.equal(finished.result, "problems_found");
  assert.deepEqual(
    finished.hazards.map((h) => h.itemId),
    ["lane-width"],
  );
  assert.equal(finished.enterpriseId, enterprise.id);
});

test("a second device editing the same inspection is detected: the overlapping answer waits for the user, the rest merges", async () => {
  const { enterprise, user, session, checklistId } = await enterpriseWithChecklist(2, "溧阳市双设备演示化工有限公司");
  const created = await call<InspectionDetail>(session, "POST", "/api/inspections", {
    kind: "self",
    enterpriseId: enterprise.id,
    checklistId,
  });
  const field = `${suite.server.baseUrl}/inspections/${created.id}/field`;
  const a = await signInAs(suite, user.username, phone);
  const b = await signInAs(suite, user.username, phone);
  await a.goto(field);
  await b.goto(field);
  await a.getByTestId("field-position").getByText("1 / 6").waitFor();
  await b.getByTestId("field-position").getByText("1 / 6").waitFor();

  await withScreenshot(b, "inspections-conflict", async () => {
    // Device A answers 合格; device B, still on the version it loaded, answers 不合格 to the same item.
    await answerOnline(a, "exits", "pass");
    await b.locator("#item-exits-fail").click();
    const notice = b.getByTestId("conflict-notice");
    await notice.getByText("另一台设备已修改此检查", { exact: false }).waitFor();
    await notice.getByTestId("conflict-item-exits").getByText("另一台设备：未检查 → 合格").waitFor();
    await notice.getByTestId("conflict-item-exits").getByTestId("conflict-mine").getByText("不合格", { exact: false }).waitFor();
    // Never sent while the user has not decided.
    assert.equal(await unsent(b), 1);
    const held = await call<InspectionDetail>(session, "GET", `/api/inspections/${created.id}`);
    assert.equal(held.responses.find((r) => r.itemId === "exits")?.result, "pass");

    // B re-applies its answer on the new version.
    await b.locator("#conflict-reapply").click();
    await waitUnsent(b, 0);
    await b.getByTestId("conflict-notice").waitFor({ state: "detached" });
  });

  await withScreenshot(a, "inspections-merge", async () => {
    // A, now behind, answers another item: no overlap, so it merges and says what the other device changed.
    await a.locator("#item-next").click();
    await answerOnline(a, "extinguishers", "pass");
    await a.getByTestId("changes-notice").getByTestId("conflict-item-exits").waitFor();
    await a.locator("#item-prev").click();
    await item(a, "exits").locator('[data-outcome="fail"]').first().waitFor();
  });

  const stored = await call<InspectionDetail>(session, "GET", `/api/inspections/${created.id}`);
  const byItem = new Map(stored.responses.map((r) => [r.itemId, r]));
  assert.equal(stored.responses.length, 2);
  assert.equal(byItem.get("exits")?.result, "fail");
  assert.equal(byItem.get("extinguishers")?.result, "pass");
});
