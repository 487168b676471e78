import assert from "node:assert/strict";
import { test } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import { buildEnterprise, buildUser, signIn, usccFor } from "../server/test/harness.js";
import { browserSuite, chooseOption, signInAs, withScreenshot } from "./support.js";

const suite = browserSuite();
const phone = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  // The phone's position when the user taps "use my location" (溧阳市).
  geolocation: { latitude: 31.4167, longitude: 119.4833 },
  permissions: ["geolocation"],
};

// A valid 1×1 PNG standing in for the phone's photo.
const photo = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

/** A plain RGB PNG of `width` × `height` standing in for the enterprise's site plan. */
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
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rows.set([236, 242, 236], y * (width * 3 + 1) + 1 + x * 3);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

test("an enterprise administrator reports in three taps, then completes the details: sub-type, criterion (→ 重大 with the citation), GPS and the site-plan point", async () => {
  const { server } = suite;
  const enterprise = await buildEnterprise(server, { name: "溧阳市完善信息演示化工有限公司", uscc: usccFor(9701) });
  const entAdmin = await buildUser(server, {
    username: "e2e-details-admin",
    role: "enterprise_admin",
    enterpriseId: enterprise.id,
    regionCode: null,
  });
  // The enterprise's site plan, uploaded in the risk module.
  const session = await signIn(server, entAdmin.username);
  const boundary = "----redline-e2e";
  const uploaded = await server.app.inject({
    method: "POST",
    url: `/api/enterprises/${enterprise.id}/site-plan`,
    headers: session.headers({ "content-type": `multipart/form-data; boundary=${boundary}` }),
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.png"\r\nContent-Type: image/png\r\n\r\n`),
      sitePlanPng(400, 300),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  assert.equal(uploaded.statusCode, 201, uploaded.body);

  const page = await signInAs(suite, entAdmin.username, phone);
  const description = "3 号储罐安全阀前手阀关闭";
  await withScreenshot(page, "hazard-details", async () => {
    // Three taps: photo, place, one line.
    await page.goto(`${server.baseUrl}/hazards/report`);
    await page.locator("#hazard-photo-input").setInputFiles({ name: "before.png", mimeType: "image/png", buffer: photo });
    await page.getByTestId("hazard-photo-preview").waitFor();
    await page.locator("#hazard-report_location").fill("甲醇储罐区 3 号罐");
    await page.locator("#hazard-report_description").fill(description);
    await page.locator("#hazard-report-submit").click();
    await page.waitForURL(/\/hazards\/[0-9a-f-]{36}$/);
    await page.getByTestId("hazard-title").getByText(description).waitFor();
    await page.getByTestId("hazard-state").getByText("已上报").waitFor();
    await page.locator('[data-level="general"]').first().waitFor();
    const id = new URL(page.url()).pathname.split("/").pop() as string;

    // Later, the rest: sub-type, the 判定标准 item that matches, the phone's position and the point on the plan.
    await page.locator("#hazard-complete-details").click();
    await chooseOption(page, "hazard-details-subtype", "生产设备设施及工艺");
    await chooseOption(page, "hazard-details-criterion", "安全阀、爆破片等安全附件未正常投用", {
      search: "安全阀",
      exact: false,
      shows: page.getByRole("dialog").getByTestId("hazard-criterion").getByText("安监总管三〔2017〕121号 化工和危险化学品(十五)"),
    });
    await page.locator("#hazard-gps-use").click();
    await page.getByTestId("hazard-gps-value").getByText("北纬 31.416700，东经 119.483300").waitFor();
    const plan = page.getByRole("dialog").getByTestId("hazard-plan");
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>("[role=dialog] [data-testid=hazard-plan] img");
      return !!img && img.complete && img.naturalWidth === 400;
    });
    await plan.scrollIntoViewIfNeeded();
    const box = await plan.boundingBox();
    assert.ok(box);
    await plan.click({ position: { x: box.width / 4, y: box.height / 2 } });
    await plan.getByTestId("hazard-plan-marker").waitFor();
    await page.locator("#hazard-details-ok").click();

    // Now 重大, with the citation, the sub-type, the place and a timeline entry.
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await page.locator('[data-level="major"]').first().waitFor();
    await page.getByTestId("hazard-criterion").getByText("安监总管三〔2017〕121号 化工和危险化学品(十五)").waitFor();
    await page.getByTestId("hazard-category").getByText("现场管理类 · 生产设备设施及工艺").waitFor();
    await page.getByTestId("hazard-gps").getByText("北纬 31.416700，东经 119.483300").waitFor();
    await page.getByTestId("hazard-place").getByTestId("hazard-plan-marker").waitFor();
    const event = page.getByTestId("hazard-event-classify");
    await event.getByText("完善信息").waitFor();
    await event
      .getByTestId("hazard-event-changed")
      .getByText(/子类、等级、判定标准、GPS 位置、平面图位置/)
      .waitFor();

    // What the server stored.
    const stored = (await server.app.inject({ method: "GET", url: `/api/hazards/${id}`, headers: { cookie: session.cookie } })).json();
    assert.deepEqual(
      [stored.level, stored.criterionRef, stored.subType, stored.latitude, stored.longitude],
      ["major", "安监总管三〔2017〕121号 化工和危险化学品(十五)", "equipment_process", 31.4167, 119.4833],
    );
    assert.ok(Math.abs(stored.planX - 0.25) < 0.02 && Math.abs(stored.planY - 0.5) < 0.02, `${stored.planX}, ${stored.planY}`);
  });
});
