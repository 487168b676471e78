import { type Db, rows, sql } from "../db/db.js";
import { tooManyRequests } from "./errors.js";

/**
 * Counts one hit for `key` in the current fixed window and refuses (429, with Retry-After) past `limit`.
 * A single upsert: atomic across concurrent requests and app instances.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowSeconds: number, now: Date): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await rows<{ count: number }>(
    db,
    sql`insert into rate_limit_buckets (key, window_start, count) values (${key}, ${windowStart.toISOString()}, 1)
        on conflict (key) do update set
          count = case when rate_limit_buckets.window_start = excluded.window_start then rate_limit_buckets.count + 1 else 1 end,
          window_start = excluded.window_start
        returning count::int as count`,
  );
  if ((row?.count ?? 0) > limit) {
    throw tooManyRequests(Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  }
}
