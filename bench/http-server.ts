// Child process of bench/http: serves GET /api/auth/me through the full kernel ("kernel") or a bare
// Fastify route doing the same session lookup with raw SQL ("bare"), on PGlite or PostgreSQL.
import { randomBytes } from "node:crypto";
import Fastify from "fastify";
import { buildApp } from "../server/app.js";
import { csrfTokenFor } from "../server/kernel/auth/authenticate.js";
import { sha256 } from "../server/kernel/auth/secrets.js";
import { loadConfig } from "../server/kernel/config.js";
import { openDatabase } from "../server/kernel/db/open.js";
import { login } from "../server/modules/accounts/session.service.js";
import { createUser } from "../server/modules/accounts/users.service.js";

const mode = process.argv[2] === "bare" ? "bare" : "kernel";
const config = loadConfig({ ...process.env, LOG_LEVEL: "warn" });
const database = await openDatabase(config);
const now = () => new Date();
const username = `bench-${randomBytes(4).toString("hex")}`;
await createUser(
  database.db,
  { actor: null, ip: null, now: now() },
  { username, displayName: "压测", role: "regulator_leader", regionCode: "320481", password: "Bench#2026x" },
);
const { secret } = await login(
  database.db,
  { actor: null, ip: "127.0.0.1", now: now() },
  { username, password: "Bench#2026x" },
  { idleMinutes: 30, absoluteHours: 12 },
);

let app: { listen(o: { port: number; host: string }): Promise<string> };
if (mode === "kernel") {
  app = await buildApp({ db: database.db, dbKind: database.kind, config, clock: now, version: "bench" });
} else {
  // Logging, validation and scope off: only the lookup every authenticated request needs.
  const bare = Fastify({ logger: false });
  bare.get("/api/auth/me", async (req, reply) => {
    const token = /redline_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    if (!token) return reply.status(401).send({ error: "unauthenticated" });
    // Raw driver call with a named prepared statement: the cheapest the lookup can be.
    const text = `select u.id, u.username, u.display_name, u.role, u.region_code, u.enterprise_id, u.must_change_password, u.status,
                         s.last_seen_at, s.expires_at, s.revoked_at
                  from sessions s join users u on u.id = s.user_id where s.token_hash = $1`;
    const values = [sha256(token)];
    const result = database.pool
      ? await database.pool.query<Record<string, unknown>>({ name: "bare_session_lookup", text, values })
      : await database.pglite?.query<Record<string, unknown>>(text, values);
    const r = result?.rows[0];
    if (!r || r.revoked_at || r.status !== "active") return reply.status(401).send({ error: "expired" });
    return {
      user: {
        id: r.id,
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        regionCode: r.region_code,
        enterpriseId: r.enterprise_id,
        mustChangePassword: r.must_change_password,
      },
      csrfToken: csrfTokenFor(token),
    };
  });
  app = bare;
}
const address = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`${JSON.stringify({ address, cookie: `redline_session=${secret}` })}\n`);
process.on("SIGINT", () => process.exit(0));
