import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { asc } from "drizzle-orm";
import { buildUser, signIn, type TestApp, testApp } from "../../test/harness.js";
import { testBackend } from "../../test/test-db.js";
import type { Ctx } from "../auth/actor.js";
import { type Db, openPglite, rows, sql, withTx } from "../db/db.js";
import { migrateDatabase } from "../db/migrate.js";
import { canonicalJson, chainHash, diffOf, genesisHash, verifyAuditChain, writeAudit, writeAuditBatch } from "./audit.js";
import { auditLog } from "./audit.schema.js";

let t: TestApp;
let db: Db;
before(async () => {
  t = await testApp();
  db = t.database.db;
});
after(() => t.close());

const ctx = (): Ctx => ({ actor: null, ip: "192.0.2.7", now: t.clock.now() });
const count = async () => (await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log`))[0]?.n ?? 0;

/** Runs SQL with the append-only trigger off, as an attacker with table-owner rights could. */
async function tamper(statement: ReturnType<typeof sql>) {
  await db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  }
}

describe("audit trail", () => {
  test("a state change writes exactly one row, chained to the previous one, with actor, IP and diff", async () => {
    const admin = await buildUser(t);
    const u = await buildUser(t, { role: "grid_member", regionCode: "320481102" });
    const s = await signIn(t, admin.username);
    const before = await count();
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/users/${u.id}`,
      headers: s.headers(),
      payload: { version: u.version, displayName: "王网格" },
      remoteAddress: "198.51.100.4",
    });
    assert.equal(res.statusCode, 200);
    assert.equal(await count(), before + 1);
    const [last, prev] = await db.select().from(auditLog).orderBy(sql`id desc`).limit(2);
    assert.ok(last && prev);
    assert.equal(last.action, "user.updated");
    assert.equal(last.entityId, u.id);
    assert.equal(last.actorId, admin.id);
    assert.equal(last.actorRole, "admin");
    assert.equal(last.regionCode, "320481102");
    assert.equal(last.ip, "198.51.100.4");
    assert.deepEqual(last.diff, { before: { displayName: u.displayName, version: 1 }, after: { displayName: "王网格", version: 2 } });
    assert.equal(last.prevHash, prev.hash);
    const { prevHash, hash, ...content } = last;
    assert.equal(chainHash(prevHash, content), hash);
  });

  test("a rolled-back change writes no audit row", async () => {
    const before = await count();
    await assert.rejects(
      withTx(db, async (tx) => {
        await writeAudit(tx, ctx(), { action: "test.rolled_back", entityType: "test" });
        throw new Error("boom");
      }),
      /boom/,
    );
    assert.equal(await count(), before);
  });

  test("a failed request (validation) writes nothing", async () => {
    const admin = await buildUser(t);
    const s = await signIn(t, admin.username);
    const before = await count();
    const res = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: s.headers(),
      payload: { username: "ok-name", displayName: "x", role: "grid_member", password: "Aa1!aaaa" },
    });
    assert.equal(res.statusCode, 400, "grid member without a region");
    assert.equal(await count(), before);
  });

  test("a batch (bulk import) chains exactly like single writes, interleaved with them", async () => {
    const before = await count();
    await writeAudit(db, ctx(), { action: "test.single", entityType: "test" });
    await withTx(db, (tx) =>
      writeAuditBatch(
        tx,
        ctx(),
        Array.from({ length: 2500 }, (_, i) => ({ action: "test.batch", entityType: "test", entityId: String(i), after: { i } })),
      ),
    );
    await writeAudit(db, ctx(), { action: "test.single", entityType: "test" });
    assert.equal(await count(), before + 2502);
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: before + 2502, firstBrokenId: null });
  });

  test("UPDATE, DELETE and TRUNCATE on audit_log are refused by the database", async () => {
    await writeAudit(db, ctx(), { action: "test.row", entityType: "test" });
    // drizzle wraps the driver error; the database's own message is its cause.
    const refused = (err: unknown) => /append-only/.test(String((err as { cause?: unknown }).cause ?? err));
    await assert.rejects(db.execute(sql`update audit_log set action = 'x'`), refused);
    await assert.rejects(db.execute(sql`delete from audit_log`), refused);
    await assert.rejects(db.execute(sql`truncate audit_log`), refused);
  });

  test("verify passes on an intact chain, then names the first tampered row", async () => {
    for (let i = 0; i < 3; i++)
      await writeAudit(db, ctx(), { action: "test.chain", entityType: "test", entityId: String(i), after: { n: i } });
    const intact = await verifyAuditChain(db);
    assert.equal(intact.ok, true);
    assert.equal(intact.checked, await count());
    const ids = (await db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id))).map((r) => r.id);
    const victim = ids[ids.length - 2] as number;
    await tamper(sql`update audit_log set diff = '{"after":{"n":99}}' where id = ${victim}`);
    assert.deepEqual(await verifyAuditChain(db, 2), { ok: false, checked: ids.length - 2, firstBrokenId: victim });
  });

  test("the admin API reports the broken chain; a deleted row breaks its successor's link", async () => {
    const t2 = await testApp();
    try {
      const admin = await buildUser(t2);
      const s = await signIn(t2, admin.username);
      for (let i = 0; i < 3; i++)
        await writeAudit(t2.database.db, { actor: null, ip: null, now: t2.clock.now() }, { action: "test", entityType: "test" });
      const ok = await t2.app.inject({ method: "GET", url: "/api/audit/verify", headers: { cookie: s.cookie } });
      assert.equal(ok.json().ok, true);
      const ids = (await t2.database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id))).map((r) => r.id);
      const victim = ids[1] as number;
      await t2.database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await t2.database.db.execute(sql`delete from audit_log where id = ${victim}`);
      await t2.database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      const broken = await t2.app.inject({ method: "GET", url: "/api/audit/verify", headers: { cookie: s.cookie } });
      assert.deepEqual(broken.json(), { ok: false, checked: 1, firstBrokenId: ids[2] });
    } finally {
      await t2.close();
    }
  });

  test("diff keeps only changed fields and never a secret; canonical JSON ignores key order", () => {
    assert.deepEqual(diffOf({ a: 1, b: 2, passwordHash: "x" }, { a: 1, b: 3, passwordHash: "y" }), { before: { b: 2 }, after: { b: 3 } });
    assert.deepEqual(diffOf(null, { a: 1 }), { before: null, after: { a: 1 } });
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    assert.equal(genesisHash.length, 64);
  });
});

describe("npm run audit:verify", { skip: testBackend() === "postgresql" && "PGlite data folder only" }, () => {
  test("exits 0 on an intact chain and 1 naming the first broken row", async () => {
    const dir = mkdtempSync(join(tmpdir(), "redline-audit-"));
    try {
      const database = await openPglite(dir);
      await migrateDatabase(database);
      const c: Ctx = { actor: null, ip: null, now: new Date() };
      for (let i = 0; i < 3; i++) await writeAudit(database.db, c, { action: "test", entityType: "test" });
      await database.close();
      const run = () =>
        spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
          env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "" },
          encoding: "utf8",
        });
      const ok = run();
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /intact.*3/);
      const again = await openPglite(dir);
      await again.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await again.db.execute(sql`update audit_log set action = 'forged' where id = 2`);
      await again.close();
      const bad = run();
      assert.equal(bad.status, 1);
      assert.match(bad.stdout, /first broken row: 2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
