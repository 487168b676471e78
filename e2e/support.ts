import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from "playwright-core";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/kernel/config.js";
import type { Server } from "../server/kernel/http/server.js";
import { seedReference, type TestApp, TestClock, testPassword } from "../server/test/harness.js";
import { testDatabase } from "../server/test/test-db.js";

const root = join(import.meta.dirname, "..");

/** The real server (built web client, fresh database) on a free port, for a browser to use. */
export async function startServer(): Promise<TestApp & { baseUrl: string }> {
  const database = await testDatabase();
  // Real time (a session must not expire between clicks) that a test can still move forward.
  const clock = new TestClock("live");
  const config = loadConfig({ LOG_LEVEL: "warn", DATA_DIR: ".tmp/unused" });
  const app: Server = await buildApp({
    db: database.db,
    dbKind: database.kind,
    config,
    clock: clock.now,
    version: "e2e",
    webDist: join(root, "web", "dist"),
  });
  const baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  const close = async () => {
    await app.close();
    await database.close();
  };
  return { app, database, clock, baseUrl, close };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    // Without the background-networking flags Chromium keeps dialling out of a closed network.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Screenshot on failure, so a red browser test shows what the user saw. */
export async function withScreenshot<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const dir = join(root, "test-results");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true }).catch(() => {});
    throw err;
  }
}

export type BrowserSuite = { server: TestApp & { baseUrl: string }; browser: Browser };

/**
 * A browser test file's fixture: the server with the 常州市 reference data and Chromium, started before the
 * file's tests and closed after them. Read `suite.server` / `suite.browser` inside tests.
 */
export function browserSuite(): BrowserSuite {
  const suite = {} as BrowserSuite;
  before(async () => {
    suite.server = await startServer();
    await seedReference(suite.server);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** A new browser context (desktop, zh-CN unless told otherwise) signed in through the login page as `username`. */
export async function signInAs(
  suite: BrowserSuite,
  username: string,
  context: BrowserContextOptions = { viewport: { width: 1280, height: 900 } },
): Promise<Page> {
  const page = await (await suite.browser.newContext({ locale: "zh-CN", ...context })).newPage();
  await page.goto(`${suite.server.baseUrl}/login`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(testPassword);
  await page.locator("#login-submit").click();
  await page.getByTestId("user-display-name").waitFor();
  return page;
}

/**
 * Picks `option` in the Ant Design select whose input has `id` (typing `search` first, for a searching select), and
 * checks the choice then shows in the select (`shows`, or the option text), or shows `shows` when it is a locator
 * (`null` leaves the check to the caller).
 * On a loaded machine a click can land while the dropdown is still opening or closing; every step has a short
 * timeout and the whole pick is retried from a closed dropdown, instead of one long wait that fails the test.
 */
export async function chooseOption(
  page: Page,
  id: string,
  option: string,
  { search, exact = true, shows = option }: { search?: string; exact?: boolean; shows?: string | Locator | null } = {},
): Promise<void> {
  const input = page.locator(`#${id}`);
  const select = page.locator(".ant-select").filter({ has: input });
  // This select's own dropdown: rc-select gives its listbox the id `<input id>_list`.
  const dropdown = page.locator(".ant-select-dropdown:visible").filter({ has: page.locator(`[id="${id}_list"]`) });
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await dropdown.isVisible())) await input.click({ timeout: 5000 });
      if (search !== undefined) await input.fill(search, { timeout: 5000 });
      await dropdown.waitFor({ timeout: 5000 });
      await dropdown.locator(".ant-spin").waitFor({ state: "detached", timeout: 10_000 });
      await dropdown
        .locator(".ant-select-item-option")
        .filter({ has: page.getByText(option, { exact }) })
        .first()
        .click({ timeout: 5000 });
      if (typeof shows === "string") await select.getByText(shows, { exact }).first().waitFor({ timeout: 3000 });
      else if (shows) await shows.waitFor({ timeout: 8000 }); // what the choice shows elsewhere on the page
      return;
    } catch (err) {
      if (attempt === 4) throw err;
      // Escape closes an open dropdown and goes no further (rc-select stops it), so a modal around it stays open.
      if (await dropdown.isVisible()) await page.keyboard.press("Escape");
      await dropdown.waitFor({ state: "hidden", timeout: 5000 }).catch(() => {});
    }
  }
}

/**
 * Clicks `trigger`, then the confirm button `ok` of the popconfirm it opens, until `done` shows. On a loaded machine
 * the first click on the confirm button can land during the popconfirm's opening motion and be lost; a repeat only
 * happens while the popconfirm is still open and nothing was done.
 */
export async function confirmPopover(page: Page, trigger: string, ok: string, done: Locator): Promise<void> {
  await clickUntil(page, ok, done, () => page.locator(trigger).click());
}

/** Opens a dropdown menu (`trigger`) and picks `item` until `shows` appears (a pick during the menu's motion is lost). */
export async function pickMenuItem(page: Page, trigger: string, item: string, shows: Locator): Promise<void> {
  await clickUntil(page, item, shows, () => page.locator(trigger).click());
}

/**
 * Clicks a modal's or popover's OK button until `done` shows: a click that lands while the box is still moving in
 * is lost on a loaded machine, so it is repeated (the box still showing means nothing was sent). `done` is what
 * shows on success, or a wait of its own (e.g. a row going away). `reopen` opens the box again when it has closed
 * without `done` (a popconfirm closes on an outside click).
 */
export async function clickUntil(
  page: Page,
  ok: string,
  done: Locator | ((timeout: number) => Promise<unknown>),
  reopen?: () => Promise<void>,
): Promise<void> {
  const settled = typeof done === "function" ? done : (timeout: number) => done.waitFor({ timeout });
  for (let attempt = 1; ; attempt++) {
    if (reopen && !(await page.locator(ok).isVisible())) await reopen();
    await page
      .locator(ok)
      .waitFor({ state: "visible", timeout: 5_000 })
      .catch(() => {});
    if (await page.locator(ok).isVisible()) {
      await page.waitForTimeout(250);
      await page
        .locator(ok)
        .click({ timeout: 5_000 })
        .catch(() => {});
    }
    try {
      await settled(attempt < 4 ? 8_000 : 30_000);
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
}

/**
 * Counts the page's requests in flight from now on; `quiet()` waits until none has been in flight for `ms`.
 * (Playwright's `networkidle` is a load state: once reached in a single-page app it stays reached.)
 */
export function trackRequests(page: Page): { quiet(ms?: number): Promise<void> } {
  let inFlight = 0;
  let last = Date.now();
  page.on("request", () => {
    inFlight++;
    last = Date.now();
  });
  const finished = () => {
    inFlight--;
    last = Date.now();
  };
  page.on("requestfinished", finished);
  page.on("requestfailed", finished);
  return {
    async quiet(ms = 500) {
      while (inFlight > 0 || Date.now() - last < ms) await page.waitForTimeout(50);
    },
  };
}

/**
 * Collects the Content-Security-Policy violations of `page` (its current document, and every document its context
 * opens from now on, new tabs included); `violations()` lists them. Chromium reports some (a caught eval, for one) only
 * as a `securitypolicyviolation` event, never on the console, so the event is what is listened to.
 */
export async function watchCsp(page: Page): Promise<{ violations(): string[] }> {
  const found: string[] = [];
  const context = page.context();
  await context.exposeBinding("__redlineCspViolation", (_source, v: string) => found.push(v));
  const listen = () =>
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __redlineCspViolation(v: string): void }).__redlineCspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} in ${e.documentURI} at ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  await context.addInitScript(listen);
  await page.evaluate(listen);
  return { violations: () => [...found] };
}
