// Child process of bench/hazards: serves the benchmarked GET routes on the 1,000,000-hazard database,
// through the real app ("app") or a bare Fastify + pg server ("bare") that runs the SQL the app sends.
// The bare server learns that SQL from the app itself: it builds the app on a pool whose query() is
// recorded, injects each benchmarked URL once, and then replays those statements verbatim (same text,
// same parameters, same driver options, the same concurrency: statements the app issued while another was
// in flight run together). The session lookup is replaced by the cheapest one (a named prepared statement,
// as in bench/http-server.ts), and the list's enterprise names by one batched `id = any($1)` query — the
// least any server must do to answer the same page.
import Fastify from "fastify";
import type pg from "pg";
import { buildApp } from "../server/app.js";
import { csrfTokenFor } from "../server/kernel/auth/authenticate.js";
import { sha256 } from "../server/kernel/auth/secrets.js";
import { loadConfig } from "../server/kernel/config.js";
import { openPostgres } from "../server/kernel/db/db.js";
import { benchUrl } from "./hazards-db.js";

const mode = process.argv[2] === "bare" ? "bare" : "app";
const paths: string[] = JSON.parse(process.env.BENCH_PATHS ?? "[]");
const cookie = process.env.BENCH_COOKIE ?? "";
const config = loadConfig({ ...process.env, DATABASE_URL: benchUrl(), LOG_LEVEL: "warn" });
const database = await openPostgres(benchUrl()); // the app's default pool (10 connections) in both modes
const pool = database.pool as pg.Pool;
const now = () => new Date();

type Recorded = { config: pg.QueryConfig; values: unknown[]; group: number };

/**
 * Runs the app twice per path on a recording pool and returns, per path, the statements it sent: `cold` on the
 * first request, `warm` on the second — what every further request sends while the data does not change (the
 * statistics and the list's count are remembered under the region's change version, versioned-memo.ts).
 */
async function recordAppQueries(): Promise<Map<string, { cold: Recorded[]; warm: Recorded[] }>> {
  const original = pool.query.bind(pool) as (c: unknown, v?: unknown) => Promise<pg.QueryResult>;
  let log: Recorded[] = [];
  let inFlight = 0;
  let group = 0;
  (pool as unknown as { query: unknown }).query = async (c: string | pg.QueryConfig, v?: unknown[]) => {
    const cfg = typeof c === "string" ? { text: c } : c;
    if (inFlight === 0) group++;
    log.push({ config: cfg, values: v ?? [], group });
    inFlight++;
    try {
      return await original(c, v);
    } finally {
      inFlight--;
    }
  };
  const app = await buildApp({ db: database.db, dbKind: database.kind, config, clock: now, version: "bench" });
  const out = new Map<string, { cold: Recorded[]; warm: Recorded[] }>();
  for (const path of paths) {
    const logs: Recorded[][] = [];
    for (let i = 0; i < 2; i++) {
      log = [];
      const res = await app.inject({ method: "GET", url: path, headers: { cookie } });
      if (res.statusCode === 200) logs.push(log);
    }
    if (logs[0] && logs[1]) out.set(path, { cold: logs[0], warm: logs[1] });
  }
  await app.close();
  (pool as unknown as { query: unknown }).query = original;
  return out;
}

const isSessionLookup = (text: string) => /"sessions"|"users"/.test(text);
/** The list presents enterprise names one getEnterprise at a time; the bare server asks for them all at once. */
const isEnterprisePresentation = (text: string) => /from "(enterprises|regions|industries|departments)"/.test(text);

async function bareServer() {
  const recorded = await recordAppQueries();
  const bare = Fastify({ logger: false });
  const sessionLookup = `select u.id, u.username, u.display_name, u.role, u.region_code, u.enterprise_id, u.must_change_password, u.status,
                                s.last_seen_at, s.expires_at, s.revoked_at
                         from sessions s join users u on u.id = s.user_id where s.token_hash = $1`;
  const handlers = new Map<string, (token: string) => Promise<unknown>>();
  const isCount = (r: Recorded) => /count\(\*\)/.test(r.config.text) && !/hazard_changes/.test(r.config.text);
  for (const [path, { cold, warm }] of recorded) {
    const isList = path.startsWith("/api/hazards?");
    // BENCH_BARE=cold replays the first request's statements on every request (the count or the statistics
    // computed each time); by default the bare server sends what the app sends in steady state, and a list's
    // total is counted once at start, as the app remembers it.
    const log = process.env.BENCH_BARE === "cold" ? cold : warm;
    const kept = log.filter((r) => !isSessionLookup(r.config.text) && !(isList && isEnterprisePresentation(r.config.text)));
    const coldCount = cold.find(isCount);
    const rememberedTotal =
      isList && coldCount && !kept.some(isCount)
        ? Number(Object.values((await pool.query(coldCount.config, coldCount.values)).rows[0] ?? {})[0] ?? 0)
        : null;
    const groups = [...new Set(kept.map((r) => r.group))].map((g) => kept.filter((r) => r.group === g));
    process.stderr.write(`bare ${path}: ${kept.length} of ${log.length} statements replayed in ${groups.length} round trip(s)\n`);
    handlers.set(path, async (token) => {
      const results: pg.QueryResult[] = [];
      for (const g of groups) results.push(...(await Promise.all(g.map((r) => pool.query(r.config, r.values)))));
      const objects = results.map((res) =>
        res.rows.map((row) =>
          Array.isArray(row) ? Object.fromEntries(res.fields.map((f, i) => [f.name, (row as unknown[])[i]])) : (row as object),
        ),
      );
      if (!isList) return { results: objects, csrf: csrfTokenFor(token) };
      const countAt = kept.findIndex(isCount);
      const pageAt = kept.findIndex((r) => !isCount(r) && /from "hazards"/.test(r.config.text));
      const items = (objects[pageAt] ?? []) as Record<string, unknown>[];
      const count = objects[countAt]?.[0] as Record<string, unknown> | undefined;
      const ids = [...new Set(items.map((i) => i.enterprise_id))];
      const names = await pool.query<{ id: string; name: string }>({
        name: "bare_enterprise_names",
        text: "select id, name from enterprises where id = any($1)",
        values: [ids],
      });
      const nameOf = new Map(names.rows.map((r) => [r.id, r.name]));
      return {
        items: items.map((i) => ({ ...i, enterpriseName: nameOf.get(i.enterprise_id as string) ?? "" })),
        total: rememberedTotal ?? Number(Object.values(count ?? {})[0] ?? 0),
      };
    });
  }
  for (const pathname of new Set([...handlers.keys()].map((p) => new URL(p, "http://x").pathname))) {
    bare.get(pathname, async (req, reply) => {
      const handler = handlers.get(req.url);
      if (!handler) return reply.status(404).send({ error: "not benchmarked" });
      const token = /redline_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
      if (!token) return reply.status(401).send({ error: "unauthenticated" });
      const s = await pool.query<Record<string, unknown>>({ name: "bare_session_lookup", text: sessionLookup, values: [sha256(token)] });
      const user = s.rows[0];
      if (!user || user.revoked_at || user.status !== "active") return reply.status(401).send({ error: "expired" });
      return handler(token);
    });
  }
  return bare;
}

const server =
  mode === "app" ? await buildApp({ db: database.db, dbKind: database.kind, config, clock: now, version: "bench" }) : await bareServer();
const address = await server.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`${JSON.stringify({ address })}\n`);
const stop = async () => {
  setTimeout(() => process.exit(0), 5000).unref(); // a backlog of slow requests does not hold the exit
  await server.close();
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
