import assert from "node:assert/strict";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server as HttpServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { withTx } from "../../kernel/db/db.js";
import { buildUser, type Session, signIn, systemCtx, type TestApp, testApp } from "../../test/harness.js";
import { deliverWebhooks, webhookDelivery } from "./notifications.jobs.js";
import { webhookOutbox } from "./notifications.schema.js";
import { configureNotificationWebhook, type NotifyInput, notify } from "./notifications.service.js";

const secret = "test-webhook-secret-0123456789";

/** A receiver as a deployment would write one: it recomputes the HMAC over "<timestamp>.<raw body>". */
type Received = { headers: IncomingHttpHeaders; raw: string; valid: boolean };
let received: Received[] = [];
let answer = 200;
let receiver: HttpServer;
let url: string;

function verify(headers: IncomingHttpHeaders, raw: string): boolean {
  const ts = String(headers["x-redline-timestamp"] ?? "");
  const sig = String(headers["x-redline-signature"] ?? "");
  const expected = `sha256=${createHmac("sha256", secret).update(`${ts}.${raw}`).digest("hex")}`;
  return /^\d+$/.test(ts) && sig.length === expected.length && timingSafeEqual(Buffer.from(sig), Buffer.from(expected));
}

let t: TestApp;
let alice: { id: string; username: string };
let bob: { id: string; username: string };
let sa: Session;
let sb: Session;

before(async () => {
  receiver = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => {
      raw += c.toString("utf8");
    });
    req.on("end", () => {
      received.push({ headers: req.headers, raw, valid: verify(req.headers, raw) });
      res.statusCode = answer;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  t = await testApp({ WEBHOOK_URL: url, WEBHOOK_SECRET: secret });
  alice = await buildUser(t, { role: "regulator_inspector" });
  bob = await buildUser(t, { role: "enterprise_admin" });
  sa = await signIn(t, alice.username);
  sb = await signIn(t, bob.username);
});
after(async () => {
  await t.close();
  await new Promise((r) => receiver.close(r));
});

const db = () => t.database.db;
const message = (key: string, userIds: string[]): NotifyInput => ({
  userIds,
  kind: "test.notice",
  title: { zh: `标题${key}`, en: `Title ${key}` },
  body: { zh: `正文${key}`, en: `Body ${key}` },
  link: `/hazards/${key}`,
  subjectType: "hazard",
  subjectId: key,
  dedupeKey: `test:${key}`,
});
const send = (input: NotifyInput) => withTx(db(), (tx) => notify(tx, systemCtx(t), input));
const get = (s: Session, path: string, lang = "en") =>
  t.app.inject({ method: "GET", url: path, headers: { cookie: s.cookie, "accept-language": lang } });
const post = (s: Session, path: string) => t.app.inject({ method: "POST", url: path, headers: s.headers({ "accept-language": "en" }) });
const outbox = () => db().select().from(webhookOutbox).orderBy(webhookOutbox.id);

describe("the inbox", () => {
  test("a dedupe key reaches each user once; each user sees only their own, with an unread count", async () => {
    assert.equal(await send(message("a1", [alice.id, bob.id])), 2);
    assert.equal(await send(message("a1", [alice.id, bob.id])), 0, "sent again: nothing new");
    t.clock.minutes(1);
    assert.equal(await send(message("a2", [alice.id, alice.id])), 1, "a recipient listed twice gets one");

    const aliceList = (await get(sa, "/api/notifications")).json();
    assert.equal(aliceList.total, 2);
    assert.deepEqual(
      aliceList.items.map((n: { title: string }) => n.title),
      ["Title a2", "Title a1"],
    );
    const bobList = (await get(sb, "/api/notifications", "zh-CN")).json();
    assert.deepEqual(
      bobList.items.map((n: { title: string; body: string; link: string }) => [n.title, n.body, n.link]),
      [["标题a1", "正文a1", "/hazards/a1"]],
    );
    assert.equal((await get(sa, "/api/notifications/unread-count")).json().count, 2);
    assert.equal((await get(sb, "/api/notifications/unread-count")).json().count, 1);
  });

  test("marking read: one's own only (another's answers 404 and stays unread), audited, then read-all", async () => {
    const [a2, a1] = (await get(sa, "/api/notifications")).json().items as { id: string }[];
    const bobsId = (await get(sb, "/api/notifications")).json().items[0].id as string;
    assert.equal((await post(sa, `/api/notifications/${bobsId}/read`)).statusCode, 404);
    assert.equal((await get(sb, "/api/notifications/unread-count")).json().count, 1);

    const read = await post(sa, `/api/notifications/${a1?.id}/read`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().read, true);
    assert.equal((await post(sa, `/api/notifications/${a1?.id}/read`)).statusCode, 200, "again: no-op");
    assert.equal((await get(sa, "/api/notifications/unread-count")).json().count, 1);
    const unread = (await get(sa, "/api/notifications?unread=true")).json();
    assert.deepEqual(
      unread.items.map((n: { id: string }) => n.id),
      [a2?.id],
    );
    assert.equal((await get(sa, "/api/notifications?unread=false")).json().total, 1);

    const admin = await signIn(t, (await buildUser(t)).username);
    const audit = (await get(admin, `/api/audit?entityType=notification&entityId=${a1?.id}`)).json().items;
    assert.deepEqual(
      audit.map((r: { action: string }) => r.action),
      ["notification.read"],
    );

    const all = await post(sa, "/api/notifications/read-all");
    assert.deepEqual(all.json(), { updated: 1 });
    assert.equal((await get(sa, "/api/notifications/unread-count")).json().count, 0);
    assert.equal((await get(sb, "/api/notifications/unread-count")).json().count, 1, "bob's stays unread");
  });

  test("bad input answers 400 with the field; the inbox needs a session", async () => {
    const res = await get(sa, "/api/notifications?unread=maybe&pageSize=1000");
    assert.equal(res.statusCode, 400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    assert.ok(paths.includes("unread") && paths.includes("pageSize"), res.body);
    assert.equal((await post(sa, "/api/notifications/not-a-uuid/read")).statusCode, 400);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/notifications/unread-count" })).statusCode, 401);
  });
});

describe("the signed webhook", () => {
  test("each inserted notification queues one delivery, sent as signed JSON and marked delivered", async () => {
    received = [];
    const before = (await outbox()).length;
    assert.ok(before >= 3, "the inbox tests' notifications were queued");
    await send(message("w1", [alice.id, bob.id]));
    await send(message("w1", [alice.id, bob.id])); // deduplicated: no second delivery
    assert.equal((await outbox()).length, before + 2);

    const delivered = await deliverWebhooks(db(), { url, secret }, t.clock.now());
    assert.equal(delivered, before + 2);
    assert.equal(received.length, before + 2);
    assert.ok(
      received.every((r) => r.valid),
      "every signature verifies",
    );
    const w1 = received.map((r) => JSON.parse(r.raw)).filter((p) => p.subjectId === "w1");
    assert.deepEqual(w1.map((p) => p.userId).sort(), [alice.id, bob.id].sort());
    assert.deepEqual(w1[0].title, { zh: "标题w1", en: "Title w1" });
    assert.equal(received[0]?.headers["content-type"], "application/json");
    assert.ok((await outbox()).every((r) => r.status === "delivered" && r.attempts === 1 && r.deliveredAt));

    // A tampered body fails the receiver's check.
    const r0 = received[0] as Received;
    assert.equal(verify(r0.headers, r0.raw.replace("Title", "Tit1e")), false);
    assert.equal(await deliverWebhooks(db(), { url, secret }, t.clock.now()), 0, "nothing is sent twice");
  });

  test("two instances delivering at once send each row once", async () => {
    received = [];
    for (let i = 0; i < 30; i++) await send(message(`c${i}`, [alice.id]));
    const [x, y] = await Promise.all([
      deliverWebhooks(db(), { url, secret }, t.clock.now()),
      deliverWebhooks(db(), { url, secret }, t.clock.now()),
    ]);
    assert.equal(x + y, 30);
    assert.equal(received.length, 30);
    assert.equal(new Set(received.map((r) => JSON.parse(r.raw).id)).size, 30);
  });

  test("a refused delivery is retried with back-off and given up after the last attempt", async () => {
    received = [];
    answer = 500;
    try {
      await send(message("r1", [bob.id]));
      const [row] = (await outbox()).filter((r) => r.status === "pending");
      assert.ok(row);
      let now = t.clock.now();
      for (let attempt = 1; attempt <= webhookDelivery.maxAttempts; attempt++) {
        assert.equal(await deliverWebhooks(db(), { url, secret }, now), 0);
        const [r] = await db().select().from(webhookOutbox).where(eq(webhookOutbox.id, row.id));
        assert.equal(r?.attempts, attempt);
        assert.equal(r?.lastError, "HTTP 500");
        if (attempt < webhookDelivery.maxAttempts) {
          assert.equal(r?.status, "pending");
          const wait = webhookDelivery.backoffMinutes(attempt) * 60_000;
          assert.equal(r?.nextAttemptAt.getTime(), now.getTime() + wait);
          // Not before its time.
          assert.equal(await deliverWebhooks(db(), { url, secret }, new Date(now.getTime() + wait - 1000)), 0);
          assert.equal(received.length, attempt);
          now = new Date(now.getTime() + wait);
        } else {
          assert.equal(r?.status, "failed");
        }
      }
      assert.equal(received.length, webhookDelivery.maxAttempts);
      assert.equal(await deliverWebhooks(db(), { url, secret }, new Date(now.getTime() + 86_400_000)), 0);
      assert.equal(received.length, webhookDelivery.maxAttempts, "a failed row is not sent again");
    } finally {
      answer = 200;
    }
  });

  test("without a configured webhook nothing is queued", async () => {
    configureNotificationWebhook(false);
    try {
      const before = (await outbox()).length;
      assert.equal(await send(message("n1", [alice.id])), 1);
      assert.equal((await outbox()).length, before);
    } finally {
      configureNotificationWebhook(true);
    }
  });
});
