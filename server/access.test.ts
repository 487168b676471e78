import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { roleHas } from "../domain/access/permissions.js";
import { type Role, roles } from "../domain/access/roles.js";
import { buildUser, signIn, type TestApp, testApp } from "./test/harness.js";

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
  });

  test("unknown API paths answer a JSON 404", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/nope", headers: { "accept-language": "en" } });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.message, "No such API endpoint");
  });
});
