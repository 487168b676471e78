import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

// `npm start` as a new user runs it: empty data folder → migrated database, initial admin printed
// once and saved 0600, web client served; a restart keeps the data and prints no new password.
const root = join(import.meta.dirname, "..");
const dataDir = mkdtempSync(join(tmpdir(), "redline-first-start-"));
const port = 3500 + Math.floor(Math.random() * 400);
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn("npm", ["start"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: "", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const t0 = Date.now();
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {}
    if (Date.now() - t0 > 120_000) throw new Error(`not healthy after 120 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out };
}

async function stop(child: ChildProcess) {
  process.kill(-(child.pid as number), "SIGTERM");
  await new Promise((r) => child.on("exit", r));
}

test("first start creates the administrator and the demo city once; the printed passwords sign in; a restart keeps them", async () => {
  const first = await start();
  try {
    const file = join(dataDir, "initial-admin.json");
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const creds = JSON.parse(readFileSync(file, "utf8")) as { username: string; password: string };
    assert.equal(creds.username, "admin");
    assert.ok(first.output().includes(creds.password), "password printed to the console");
    const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
    assert.deepEqual(health, {
      status: "ok",
      database: "pglite",
      version: JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version,
    });
    // The demo city: accounts written 0600 and printed; the 溧阳市 inspector signs in and sees 溧阳市's enterprises.
    const demoFile = join(dataDir, "demo-accounts.json");
    assert.equal(statSync(demoFile).mode & 0o777, 0o600);
    const demo = JSON.parse(readFileSync(demoFile, "utf8")) as {
      role: string;
      username: string;
      password: string;
      regionCode: string | null;
      enterpriseId: string | null;
    }[];
    assert.deepEqual(demo.map((a) => a.role).sort(), [
      "admin",
      "enterprise_admin",
      "grid_member",
      "regulator_inspector",
      "regulator_leader",
    ]);
    const inspector = demo.find((a) => a.role === "regulator_inspector");
    assert.equal(inspector?.regionCode, "320481");
    assert.ok(first.output().includes(inspector?.password ?? "-"), "demo passwords printed");
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: inspector?.username, password: inspector?.password }),
    });
    const cookie = String(signIn.headers.get("set-cookie")).split(";")[0] ?? "";
    const list = await (await fetch(`http://127.0.0.1:${port}/api/enterprises?pageSize=100`, { headers: { cookie } })).json();
    assert.ok(list.total > 300, `溧阳市 has a good share of ~3,000 enterprises (${list.total})`);
    assert.ok(list.items.every((e: { regionCode: string }) => e.regionCode.startsWith("320481")));

    const page = await fetch(`http://127.0.0.1:${port}/login`);
    assert.match(await page.text(), /<div id="root">/, "the web client is served for client routes");
    await stop(first.child);

    const second = await start();
    try {
      assert.ok(!second.output().includes("password:"), "no new password on a restart");
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(creds),
      });
      assert.equal(login.status, 200);
    } finally {
      await stop(second.child);
    }
  } finally {
    if (first.child.exitCode === null) await stop(first.child).catch(() => {});
  }
});
