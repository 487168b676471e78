import { createHmac } from "node:crypto";
import type { AppDeps } from "../../deps.js";
import type { Db } from "../../kernel/db/db.js";
import type { JobDefinition } from "../../kernel/jobs/jobs.js";
import * as repo from "./notifications.repo.js";

/** Delivery rules: 10 s per request; 6 attempts at +1, +4, +16, +64, +256 min, then `failed`. */
export const webhookDelivery = {
  timeoutMs: 10_000,
  maxAttempts: 6,
  /** Minutes to wait after failed attempt n (1-based). */
  backoffMinutes: (attempt: number) => 4 ** (attempt - 1),
  /** How long a claimed row is reserved for the instance sending it (well above the timeout). */
  leaseMs: 5 * 60_000,
  batchSize: 20,
};

/** "sha256=" + hex HMAC-SHA256 of "<timestamp>.<raw body>" — what a receiver recomputes to trust a delivery. */
export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

type WebhookTarget = { url: string; secret: string };

async function send(target: WebhookTarget, row: repo.OutboxRow, now: Date): Promise<string | null> {
  const body = JSON.stringify(row.payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  try {
    const res = await fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-redline-timestamp": timestamp,
        "x-redline-signature": webhookSignature(target.secret, timestamp, body),
        "x-redline-delivery": String(row.id),
      },
      body,
      signal: AbortSignal.timeout(webhookDelivery.timeoutMs),
      redirect: "manual",
    });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : String(err);
  }
}

/**
 * Sends the due outbox rows once each. Rows are claimed under `for update skip locked` and leased, so two
 * instances running at once never send one row twice; a failed attempt is retried with back-off, and given up
 * as `failed` after maxAttempts. Returns how many were delivered.
 */
export async function deliverWebhooks(db: Db, target: WebhookTarget, now: Date): Promise<number> {
  let delivered = 0;
  for (;;) {
    const claimed = await repo.claimDue(db, now, new Date(now.getTime() + webhookDelivery.leaseMs), webhookDelivery.batchSize);
    if (claimed.length === 0) return delivered;
    const outcomes = await Promise.all(claimed.map((row) => send(target, row, now)));
    for (const [i, row] of claimed.entries()) {
      const error = outcomes[i];
      if (!error) {
        await repo.markDelivered(db, row.id, now);
        delivered++;
        continue;
      }
      const retryAt =
        row.attempts >= webhookDelivery.maxAttempts
          ? null
          : new Date(now.getTime() + webhookDelivery.backoffMinutes(row.attempts) * 60_000);
      await repo.markAttemptFailed(db, row.id, error, retryAt);
    }
    if (claimed.length < webhookDelivery.batchSize) return delivered;
    await new Promise((r) => setImmediate(r)); // PGlite runs on this thread: let requests through between batches
  }
}

/** Every minute: forward new notifications to the deployment's webhook (WeCom/DingTalk/SMS gateway). */
export function webhookDeliveryJob(deps: AppDeps): JobDefinition {
  return {
    name: "notifications.webhook",
    cron: "* * * * *",
    run: async (now) => {
      const { webhookUrl, webhookSecret } = deps.config;
      if (!webhookUrl || !webhookSecret) return;
      await deliverWebhooks(deps.db, { url: webhookUrl, secret: webhookSecret }, now);
    },
  };
}
