import type { Role } from "../../domain/access/roles.js";
import type { EnterpriseCreate } from "../../domain/enterprise/enterprise.dto.js";
import { usccAlphabet, usccCheckCharacter } from "../../domain/enterprise/uscc.js";
import { buildApp } from "../app.js";
import type { Ctx } from "../kernel/auth/actor.js";
import { loadConfig } from "../kernel/config.js";
import { type Database, sql } from "../kernel/db/db.js";
import type { Server } from "../kernel/http/server.js";
import { createUser } from "../modules/accounts/users.service.js";
import { ensureDefaultIndustryMapping } from "../modules/departments/departments.service.js";
import { createEnterprise } from "../modules/enterprises/enterprises.service.js";
import { ensureBuiltInIndustries } from "../modules/industries/industries.service.js";
import { builtInDivisions, importDivisions } from "../modules/regions/regions.service.js";
import { testDatabase } from "./test-db.js";

/** A clock tests move by hand (idle and absolute session expiry, lockout windows). */
export class TestClock {
  private offset = 0;
  /** A fixed start time, or `"live"`: real time plus whatever the test has advanced (browser tests). */
  constructor(private readonly start: Date | "live" = new Date("2026-11-23T02:00:00Z")) {}
  now = () => new Date((this.start === "live" ? Date.now() : this.start.getTime()) + this.offset);
  advance(ms: number) {
    this.offset += ms;
  }
  minutes(n: number) {
    this.advance(n * 60_000);
  }
}

export type TestApp = { app: Server; database: Database; clock: TestClock; close(): Promise<void> };

export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await testDatabase();
  const clock = new TestClock();
  const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: ".tmp/unused", ...env });
  // A refused start (bad configuration) still releases its database, or the test process never ends.
  const app = await buildApp({ db: database.db, dbKind: database.kind, config, clock: clock.now, version: "test" }).catch(
    async (e: unknown) => {
      await database.close();
      throw e;
    },
  );
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const testPassword = "Redline#2026";

let seq = 0;
/** Factory: a user of `role` with sensible bindings; the password is `testPassword`. */
export async function buildUser(
  t: TestApp,
  over: Partial<{ role: Role; username: string; regionCode: string | null; enterpriseId: string | null; mustChangePassword: boolean }> = {},
) {
  const role = over.role ?? "admin";
  const defaults: Record<Role, { regionCode: string | null; enterpriseId: string | null }> = {
    admin: { regionCode: null, enterpriseId: null },
    regulator_leader: { regionCode: "320481", enterpriseId: null },
    regulator_inspector: { regionCode: "320481", enterpriseId: null },
    grid_member: { regionCode: "320481102", enterpriseId: null },
    enterprise_admin: { regionCode: null, enterpriseId: "00000000-0000-4000-8000-000000000001" },
    enterprise_staff: { regionCode: null, enterpriseId: "00000000-0000-4000-8000-000000000001" },
  };
  const ctx: Ctx = { actor: null, ip: "127.0.0.1", now: t.clock.now() };
  seq++;
  return createUser(t.database.db, ctx, {
    username: over.username ?? `${role.replace(/_/g, "-")}-${seq}`,
    displayName: `测试${seq}`,
    role,
    regionCode: over.regionCode === undefined ? defaults[role].regionCode : over.regionCode,
    enterpriseId: over.enterpriseId === undefined ? defaults[role].enterpriseId : over.enterpriseId,
    password: testPassword,
  });
}

export type Session = { cookie: string; csrf: string; headers: (extra?: Record<string, string>) => Record<string, string> };

export async function signIn(t: TestApp, username: string, password: string = testPassword): Promise<Session> {
  const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers["set-cookie"]).split(";")[0] ?? "";
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: (extra = {}) => ({ cookie, "x-csrf-token": csrf, ...extra }) };
}

type UserOver = Parameters<typeof buildUser>[1];

/**
 * A cast of signed-in users by name (`{ ins1: { role: "regulator_inspector" }, … }`), with 执法证号 for the certified
 * officers among them (`certNos: { ins1: "JF…" }`) — the set-up inspection and enforcement tests share.
 */
export async function buildCast<K extends string>(
  t: TestApp,
  make: Record<K, UserOver>,
  opts: { certNos?: Partial<Record<K, string>>; usernamePrefix?: string } = {},
): Promise<{ s: Record<K, Session>; ids: Record<K, string>; names: Record<K, string> }> {
  const s = {} as Record<K, Session>;
  const ids = {} as Record<K, string>;
  const names = {} as Record<K, string>;
  for (const [k, over] of Object.entries(make) as [K, UserOver][]) {
    const u = await buildUser(t, opts.usernamePrefix ? { ...over, username: `${opts.usernamePrefix}${k}` } : over);
    ids[k] = u.id;
    names[k] = u.displayName;
    s[k] = await signIn(t, u.username);
  }
  for (const [k, no] of Object.entries(opts.certNos ?? {}) as [K, string][]) {
    await t.database.db.execute(sql`update users set enforcement_cert_no = ${no} where id = ${ids[k]}`);
  }
  return { s, ids, names };
}

/** Acts as a system administrator, for factories that must not depend on who is signed in. */
export const systemCtx = (t: TestApp): Ctx => ({
  actor: {
    userId: "00000000-0000-4000-8000-000000000000",
    username: "factory",
    displayName: "factory",
    role: "admin",
    regionCode: null,
    enterpriseId: null,
    mustChangePassword: false,
    via: { kind: "token", tokenId: "factory" },
  },
  ip: null,
  now: t.clock.now(),
});

/** The real 常州市 grid (江苏省 → 常州市 → 6 counties → 67 townships → 1,049 villages), GB/T 4754 and the default industry → department table. */
export async function seedReference(t: TestApp): Promise<void> {
  const changzhou = builtInDivisions().filter((r) => r.code === "32" || r.code.startsWith("3204"));
  await importDivisions(t.database.db, { actor: null, ip: null, now: t.clock.now() }, changzhou, "test");
  await ensureBuiltInIndustries(t.database.db, t.clock.now());
  await ensureDefaultIndustryMapping(t.database.db, t.clock.now());
}

/** A valid USCC (GB 32100 check character) that differs for every n. */
export function usccFor(n: number, region = "320481"): string {
  let serial = "";
  for (let x = n, i = 0; i < 7; i++, x = Math.floor(x / 31)) serial = usccAlphabet[x % 31] + serial;
  const body = `91${region}MA${serial}`;
  return body + usccCheckCharacter(body);
}

let enterpriseSeq = 0;
/** Factory: an operating chemical enterprise in 溧阳市 溧城街道 后街新村 unless told otherwise. */
export async function buildEnterprise(t: TestApp, over: Partial<EnterpriseCreate> = {}) {
  enterpriseSeq++;
  return createEnterprise(t.database.db, systemCtx(t), {
    name: `测试化工有限公司${enterpriseSeq}`,
    uscc: usccFor(enterpriseSeq + 1000),
    address: "溧阳市溧城街道测试路1号",
    regionCode: "320481002001",
    industryCode: "2614",
    category: "hazardous_chemicals",
    scale: "small",
    headcount: 50,
    legalRepresentative: "张三",
    principalName: "张三",
    principalPhone: "13900000000",
    hasMajorHazardSource: false,
    standardisationGrade: "level3",
    status: "operating",
    ...over,
  });
}
