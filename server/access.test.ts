import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { roleHas } from "../domain/access/permissions.js";
import { type Role, roles } from "../domain/access/roles.js";
import { buildApp } from "./app.js";
import { loadConfig } from "./kernel/config.js";
import { buildUser, signIn, type TestApp, testApp } from "./test/harness.js";
import { testDatabase } from "./test/test-db.js";

let t: TestApp;
const tokens = new Map<Role, string>();
before(async () => {
  t = await testApp();
  const admin = await buildUser(t);
  const s = await signIn(t, admin.username);
  for (const role of roles) {
    const owner = role === "admin" ? admin : await buildUser(t, { role });
    const res = await t.app.inject({ method: "POST", url: "/api/tokens", headers: s.headers(), payload: { userId: owner.id, name: role } });
    tokens.set(role, res.json().secret);
  }
});
after(() => t.close());

type Operation = { method: string; path: string };

function documentedOperations(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
}

/** A Content-Security-Policy header as directive → sources. */
function directives(header: unknown): Map<string, string[]> {
  assert.equal(typeof header, "string", "content-security-policy is set");
  return new Map(
    String(header)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

/** Only our own scripts (no inline script without a hash, no eval), nothing from elsewhere, no framing or plugins. */
function assertStrictPolicy(csp: Map<string, string[]>) {
  assert.deepEqual(csp.get("default-src"), ["'self'"]);
  const scripts = csp.get("script-src") ?? [];
  assert.equal(scripts[0], "'self'");
  assert.ok(
    scripts.slice(1).every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s)),
    `script-src allows only self and hashes: ${scripts.join(" ")}`,
  );
  for (const [name, sources] of csp) assert.ok(!sources.some((s) => /^https?:|^\*$|unsafe-eval/.test(s)), `${name}: ${sources.join(" ")}`);
  assert.deepEqual(csp.get("connect-src"), ["'self'"]);
  assert.deepEqual(csp.get("object-src"), ["'none'"]);
  assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
  assert.deepEqual(csp.get("base-uri"), ["'self'"]);
  assert.deepEqual(csp.get("form-action"), ["'self'"]);
  // Photo previews before upload (and queued offline inspection photos) are data: URLs.
  assert.deepEqual(csp.get("img-src"), ["'self'", "data:", "blob:"]);
}

const toRouteUrl = (openApiPath: string) => openApiPath.replace(/\{(\w+)\}/g, ":$1");
const concrete = (openApiPath: string) => openApiPath.replace(/\{\w+\}/g, "00000000-0000-4000-8000-00000000abcd");

describe("access model", () => {
  test("every registered route declares a permission", () => {
    const missing = t.app.routePermissions.filter((r) => !r.permission).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(missing, []);
  });

  test("every route in the OpenAPI document, for every role and the public, answers as its permission says", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const ops = documentedOperations(doc);
    assert.ok(ops.length >= 14, `OpenAPI lists ${ops.length} operations`);
    const failures: string[] = [];
    for (const op of ops) {
      const declared = t.app.routePermissions.find((r) => r.method === op.method && r.url === toRouteUrl(op.path));
      if (!declared?.permission) {
        failures.push(`${op.method} ${op.path}: no permission declaration`);
        continue;
      }
      for (const role of [null, ...roles] as const) {
        const headers: Record<string, string> = role ? { authorization: `Bearer ${tokens.get(role)}` } : {};
        // Logging out revokes nothing for a token, so it is safe to call; other mutations get an empty body (400 if allowed).
        const res = await t.app.inject({
          method: op.method as "GET",
          url: concrete(op.path),
          headers,
          ...(op.method === "GET" ? {} : { payload: {} }),
        });
        const allowed = roleHas(role, declared.permission);
        const denied = res.statusCode === 401 || res.statusCode === 403;
        const expectDenied = role === null ? 401 : 403;
        if (allowed && denied) failures.push(`${op.method} ${op.path} as ${role ?? "public"}: ${res.statusCode}, expected access`);
        if (!allowed && res.statusCode !== expectDenied)
          failures.push(`${op.method} ${op.path} as ${role ?? "public"}: ${res.statusCode}, expected ${expectDenied}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test("a route registered without a permission is refused at run time (and caught above)", async () => {
    const t2 = await testApp();
    try {
      t2.app.get("/api/forgotten", async () => ({ secret: true }));
      const res = await t2.app.inject({ method: "GET", url: "/api/forgotten" });
      assert.equal(res.statusCode, 403);
      assert.ok(t2.app.routePermissions.some((r) => r.url === "/api/forgotten" && !r.permission));
    } finally {
      await t2.close();
    }
  });

  test("API docs are public: Swagger UI at /api/docs, the OpenAPI JSON at /api/openapi.json", async () => {
    const ui = await t.app.inject({ method: "GET", url: "/api/docs/" });
    assert.equal(ui.statusCode, 200);
    assert.match(ui.body, /swagger/i);
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    assert.equal(doc.openapi, "3.1.0");
    assert.ok(doc.paths["/api/auth/login"].post.requestBody, "request schemas come from the zod route schemas");
  });

  test("responses carry a request id and baseline security headers", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health", headers: { "x-request-id": "trace-42" } });
    assert.equal(res.headers["x-request-id"], "trace-42");
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.equal(res.headers["x-frame-options"], "DENY");
    assertStrictPolicy(directives(res.headers["content-security-policy"]));
    assert.equal(res.headers["cross-origin-opener-policy"], "same-origin");
    const permissions = String(res.headers["permissions-policy"]).split(/,\s*/);
    for (const p of ["camera=(self)", "geolocation=(self)", "microphone=()", "payment=()", "usb=()"]) assert.ok(permissions.includes(p), p);
    // An error answer (written by the error handler) keeps them.
    const missing = await t.app.inject({ method: "GET", url: "/api/nope" });
    assert.equal(missing.headers["content-security-policy"], res.headers["content-security-policy"]);
  });

  test("Swagger UI gets its own policy: no inline script, but the inline style its bundle injects", async () => {
    for (const url of ["/api/docs/", "/api/docs/static/swagger-ui-bundle.js"]) {
      const res = await t.app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 200, url);
      const csp = directives(res.headers["content-security-policy"]);
      assert.deepEqual(csp.get("script-src"), ["'self'"], url);
      assert.deepEqual(csp.get("style-src"), ["'self'", "'unsafe-inline'"], url);
      assert.deepEqual(csp.get("frame-ancestors"), ["'none'"], url);
    }
  });

  test("the web client is served under the strict policy, and index.html's inline script is allowed by its hash", async () => {
    const dist = mkdtempSync(join(tmpdir(), "redline-dist-"));
    // The source index.html (Vite copies its inline <script> verbatim) and one hashed asset.
    writeFileSync(join(dist, "index.html"), readFileSync(join(import.meta.dirname, "..", "web", "index.html")));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "assets", "index-abc123.js"), "export {};");
    const database = await testDatabase();
    const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: ".tmp/unused" });
    const app = await buildApp({ db: database.db, dbKind: database.kind, config, clock: () => new Date(), version: "test", webDist: dist });
    try {
      const page = await app.inject({ method: "GET", url: "/hazards/report" });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers["content-type"]), /text\/html/);
      const csp = directives(page.headers["content-security-policy"]);
      assertStrictPolicy(csp);
      assert.equal(page.headers["cross-origin-opener-policy"], "same-origin");
      const inline = [...page.body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
      assert.ok(inline.length > 0, "index.html has its zod jitless script");
      for (const script of inline) {
        const hash = `'sha256-${createHash("sha256").update(script).digest("base64")}'`;
        assert.ok(csp.get("script-src")?.includes(hash), `inline script allowed by ${hash}`);
      }
      const asset = await app.inject({ method: "GET", url: "/assets/index-abc123.js" });
      assert.equal(asset.statusCode, 200);
      assert.equal(asset.headers["content-security-policy"], page.headers["content-security-policy"]);
    } finally {
      await app.close();
      await database.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  test("unknown API paths answer a JSON 404", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/nope", headers: { "accept-language": "en" } });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.message, "No such API endpoint");
  });
});
