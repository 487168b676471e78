import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { buildUser, signIn, type TestApp, testApp, testPassword } from "../../test/harness.js";
import { sessions } from "./accounts.schema.js";

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const login = (username: string, password: string, lang = "zh-CN", ip = "10.0.0.1") =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    headers: { "accept-language": lang },
    remoteAddress: ip,
  });
const me = (cookie: string) => t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });

describe("sign-in", () => {
  test("good password: session cookie (HttpOnly, SameSite=Lax), user and CSRF token; only the hash is stored", async () => {
    const u = await buildUser(t, { role: "regulator_inspector" });
    const res = await login(u.username, testPassword);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.user.username, u.username);
    assert.equal(body.user.role, "regulator_inspector");
    assert.equal(body.user.regionCode, "320481");
    assert.match(body.csrfToken, /^[0-9a-f]{64}$/);
    const setCookie = String(res.headers["set-cookie"]);
    assert.match(setCookie, /^redline_session=[\w-]{43};/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    const secret = setCookie.split(";")[0]?.split("=")[1] ?? "";
    const stored = await t.database.db.select().from(sessions).where(eq(sessions.userId, u.id));
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]?.tokenHash, secret);
    assert.equal((await me(`redline_session=${secret}`)).json().user.id, u.id);
  });

  test("bad password and unknown user get the same 401, in the caller's language", async () => {
    const u = await buildUser(t);
    const wrong = await login(u.username, "Wrong#Pass1", "en");
    const unknown = await login("nobody-here", "Wrong#Pass1", "en");
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().error.code, "auth.invalid_credentials");
    assert.equal(wrong.json().error.message, "Incorrect username or password");
    assert.equal(unknown.json().error.message, wrong.json().error.message);
    assert.equal((await login(u.username, "Wrong#Pass1", "zh-CN,zh;q=0.9")).json().error.message, "用户名或密码错误");
  });

  test("5 failures within 15 minutes lock for 15 minutes (423), also for unknown names; released after", async () => {
    const u = await buildUser(t);
    for (let i = 1; i <= 4; i++) {
      assert.equal((await login(u.username, `Wrong#${i}aaaa`)).statusCode, 401, `attempt ${i}`);
      t.clock.minutes(2);
    }
    const fifth = await login(u.username, "Wrong#5aaaa");
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.json().error.code, "auth.locked");
    // Locked: even the right password is refused, and the answer is the same as for a name that does not exist.
    assert.equal((await login(u.username, testPassword)).statusCode, 423);
    for (let i = 1; i <= 5; i++) await login("ghost-user", `Wrong#${i}aaaa`);
    const ghost = await login("ghost-user", testPassword);
    assert.equal(ghost.statusCode, 423);
    assert.equal(ghost.json().error.message, (await login(u.username, testPassword)).json().error.message);
    t.clock.minutes(14);
    assert.equal((await login(u.username, testPassword)).statusCode, 423, "still locked at 14 min");
    t.clock.minutes(1);
    assert.equal((await login(u.username, testPassword)).statusCode, 200, "released after 15 min");
  });

  test("failures spread over more than 15 minutes do not lock", async () => {
    const u = await buildUser(t);
    for (let i = 1; i <= 6; i++) {
      assert.equal((await login(u.username, `Wrong#${i}aaaa`)).statusCode, 401);
      t.clock.minutes(4);
    }
  });

  test("too many attempts from one address → 429 with Retry-After", async () => {
    let last = await login("spray-1", "Wrong#1aaaa", "en", "10.9.9.9");
    for (let i = 2; i <= 31; i++) last = await login(`spray-${i}`, "Wrong#1aaaa", "en", "10.9.9.9");
    assert.equal(last.statusCode, 429);
    assert.ok(Number(last.headers["retry-after"]) > 0);
    t.clock.minutes(1);
  });

  test("a disabled account cannot sign in", async () => {
    const admin = await buildUser(t);
    const u = await buildUser(t, { role: "grid_member" });
    const s = await signIn(t, admin.username);
    const res = await t.app.inject({
      method: "POST",
      url: `/api/users/${u.id}/disable`,
      headers: s.headers(),
      payload: { version: u.version },
    });
    assert.equal(res.statusCode, 200);
    assert.equal((await login(u.username, testPassword)).statusCode, 403);
  });
});

describe("sessions", () => {
  test("idle timeout: 29 minutes of quiet keeps the session, 30 ends it", async () => {
    const u = await buildUser(t);
    const s = await signIn(t, u.username);
    t.clock.minutes(29);
    assert.equal((await me(s.cookie)).statusCode, 200);
    t.clock.minutes(29);
    assert.equal((await me(s.cookie)).statusCode, 200, "activity renewed the idle window");
    t.clock.minutes(30);
    const res = await me(s.cookie);
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, "auth.session_expired");
  });

  test("absolute lifetime: 12 hours after sign-in, even when active", async () => {
    const u = await buildUser(t);
    const s = await signIn(t, u.username);
    for (let m = 0; m < 12 * 60 - 20; m += 20) {
      t.clock.minutes(20);
      assert.equal((await me(s.cookie)).statusCode, 200, `at ${m + 20} min`);
    }
    t.clock.minutes(20);
    assert.equal((await me(s.cookie)).statusCode, 401);
  });

  test("SESSION_IDLE_MINUTES configures the idle timeout", async () => {
    const t5 = await testApp({ SESSION_IDLE_MINUTES: "5" });
    try {
      const u = await buildUser(t5);
      const s = await signIn(t5, u.username);
      t5.clock.minutes(5);
      assert.equal((await t5.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: s.cookie } })).statusCode, 401);
    } finally {
      await t5.close();
    }
  });

  test("logout revokes the session server-side", async () => {
    const u = await buildUser(t);
    const s = await signIn(t, u.username);
    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: s.headers() });
    assert.equal(out.statusCode, 204);
    assert.equal((await me(s.cookie)).statusCode, 401, "the old cookie no longer works");
  });

  test("ended sessions are kept 30 days, then removed at the user's next sign-in; live ones stay", async () => {
    const u = await buildUser(t);
    const old = await signIn(t, u.username);
    await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: old.headers() });
    const rowsOf = async () => (await t.database.db.select().from(sessions).where(eq(sessions.userId, u.id))).length;
    t.clock.advance(29 * 86_400_000);
    await signIn(t, u.username);
    assert.equal(await rowsOf(), 2, "the ended session is 29 days old: kept");
    t.clock.advance(2 * 86_400_000);
    const fresh = await signIn(t, u.username);
    // The logged-out one (31 days) and the one from day 29 (expired 12 h later, 2 days ago) are both ended; only
    // the first is past 30 days.
    assert.equal(await rowsOf(), 2);
    assert.equal((await me(fresh.cookie)).statusCode, 200);
  });

  test("CSRF: a cookie-authenticated mutation without the header (or with a wrong one) is refused and changes nothing", async () => {
    const u = await buildUser(t);
    const s = await signIn(t, u.username);
    const noHeader = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: s.cookie } });
    assert.equal(noHeader.statusCode, 403);
    assert.equal(noHeader.json().error.code, "csrf.missing");
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: s.cookie, "x-csrf-token": "0".repeat(64) },
    });
    assert.equal(wrong.statusCode, 403);
    assert.equal((await me(s.cookie)).statusCode, 200, "session still alive");
  });
});

describe("passwords", () => {
  test("policy: ≥ 8 characters and 3 of 4 classes; wrong current password named on its field", async () => {
    const u = await buildUser(t);
    const s = await signIn(t, u.username);
    const change = (currentPassword: string, newPassword: string, lang = "zh-CN") =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/password",
        headers: s.headers({ "accept-language": lang }),
        payload: { currentPassword, newPassword },
      });
    for (const weak of ["Ab1!", "abcdefgh", "abcdefg1", "ABCDEFG1"]) {
      const res = await change(testPassword, weak, "en");
      assert.equal(res.statusCode, 400, weak);
      assert.equal(res.json().error.fields[0].path, "newPassword");
      assert.match(res.json().error.fields[0].message, /At least 8 characters/);
    }
    const wrong = await change("Not#theone1", "Better#Pass2");
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(wrong.json().error.fields, [{ path: "currentPassword", message: "当前密码不正确" }]);
    assert.equal((await change(testPassword, "abcdefg1!")).statusCode, 200, "lower+digit+symbol is enough");
    assert.equal(
      (await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: u.username, password: "abcdefg1!" } })).statusCode,
      200,
    );
  });

  test("changing the password signs out the user's other sessions, keeps this one", async () => {
    const u = await buildUser(t);
    const a = await signIn(t, u.username);
    const b = await signIn(t, u.username);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: a.headers(),
      payload: { currentPassword: testPassword, newPassword: "Another#Pass9" },
    });
    assert.equal(res.statusCode, 200);
    assert.equal((await me(a.cookie)).statusCode, 200);
    assert.equal((await me(b.cookie)).statusCode, 401);
  });

  test("administrator reset: one-time password, sessions revoked, change forced before anything else", async () => {
    const admin = await buildUser(t);
    const u = await buildUser(t, { role: "regulator_leader" });
    const old = await signIn(t, u.username);
    const as = await signIn(t, admin.username);
    const reset = await t.app.inject({ method: "POST", url: `/api/users/${u.id}/reset-password`, headers: as.headers() });
    assert.equal(reset.statusCode, 200);
    const temp = reset.json().temporaryPassword as string;
    assert.equal(reset.json().user.mustChangePassword, true);
    assert.equal((await me(old.cookie)).statusCode, 401, "existing sessions revoked");
    assert.equal((await login(u.username, testPassword)).statusCode, 401, "old password gone");
    const s = await signIn(t, u.username, temp);
    assert.equal((await me(s.cookie)).json().user.mustChangePassword, true);
    const blocked = await t.app.inject({ method: "GET", url: "/api/users", headers: { cookie: s.cookie } });
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().error.code, "auth.password_change_required");
    const changed = await t.app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: s.headers(),
      payload: { currentPassword: temp, newPassword: "Fresh#Start1" },
    });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.json().user.mustChangePassword, false);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/users", headers: { cookie: s.cookie } })).statusCode, 200);
  });
});

describe("API tokens", () => {
  test("bearer token acts as its owner (role and scope), needs no CSRF, stored hashed, revocable", async () => {
    const admin = await buildUser(t);
    const leader = await buildUser(t, { role: "regulator_leader", regionCode: "320481" });
    await buildUser(t, { role: "grid_member", regionCode: "320481102" });
    await buildUser(t, { role: "grid_member", regionCode: "320411001" });
    const as = await signIn(t, admin.username);
    const created = await t.app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: as.headers(),
      payload: { userId: leader.id, name: "大屏对接" },
    });
    assert.equal(created.statusCode, 201);
    const { secret, token } = created.json();
    assert.match(secret, /^rl_/);
    assert.equal(token.prefix, secret.slice(0, 9));
    const auth = { authorization: `Bearer ${secret}` };
    const list = await t.app.inject({ method: "GET", url: "/api/users?pageSize=100", headers: auth });
    assert.equal(list.statusCode, 200);
    const regions = list.json().items.map((x: { regionCode: string }) => x.regionCode);
    assert.ok(
      regions.every((r: string) => r.startsWith("320481")),
      `leader scope only: ${regions}`,
    );
    assert.equal((await t.app.inject({ method: "GET", url: "/api/tokens", headers: auth })).statusCode, 403, "leader lacks tokens.manage");
    // No CSRF header needed for a bearer mutation (logout with a token is a no-op, not a 403).
    assert.equal((await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: auth })).statusCode, 204);
    const revoked = await t.app.inject({ method: "POST", url: `/api/tokens/${token.id}/revoke`, headers: as.headers() });
    assert.equal(revoked.statusCode, 200);
    const after = await t.app.inject({ method: "GET", url: "/api/users", headers: auth });
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, "auth.invalid_token");
  });

  test("an expired token is refused; a bogus one too", async () => {
    const admin = await buildUser(t);
    const as = await signIn(t, admin.username);
    const expiresAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const created = await t.app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: as.headers(),
      payload: { userId: admin.id, name: "short", expiresAt },
    });
    const auth = { authorization: `Bearer ${created.json().secret}` };
    assert.equal((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: auth })).statusCode, 200);
    t.clock.minutes(61);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: auth })).statusCode, 401);
    assert.equal(
      (await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: "Bearer rl_nope" } })).statusCode,
      401,
    );
  });
});
