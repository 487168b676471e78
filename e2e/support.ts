import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/kernel/config.js";
import type { Server } from "../server/kernel/http/server.js";
import { type TestApp, TestClock } from "../server/test/harness.js";
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
