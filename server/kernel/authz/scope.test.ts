import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { asc } from "drizzle-orm";
import { boolean, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { Role } from "../../../domain/access/roles.js";
import { testDatabase } from "../../test/test-db.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/db.js";
import { sql } from "../db/db.js";
import { scopeWhere } from "./scope.js";

// A probe table with the three scope columns, to pin every branch of the one access fragment.
const probe = pgTable("scope_probe", {
  name: text("name").notNull(),
  regionCode: text("region_code"),
  enterpriseId: uuid("enterprise_id"),
  published: boolean("published").notNull(),
});
const entA = "00000000-0000-4000-8000-00000000000a";
const entB = "00000000-0000-4000-8000-00000000000b";

let database: Database;
before(async () => {
  database = await testDatabase();
  await database.db.execute(
    sql`create table scope_probe (name text not null, region_code text, enterprise_id uuid, published boolean not null)`,
  );
  await database.db.insert(probe).values([
    { name: "village", regionCode: "320481102001", enterpriseId: entA, published: true },
    { name: "township", regionCode: "320481102", enterpriseId: entB, published: false },
    { name: "other-county", regionCode: "320411001", enterpriseId: null, published: true },
    { name: "province", regionCode: "32", enterpriseId: null, published: false },
    { name: "no-region", regionCode: null, enterpriseId: null, published: false },
  ]);
});
after(() => database.close());

const actor = (role: Role, over: Partial<Actor> = {}): Actor => ({
  userId: "u",
  username: "u",
  displayName: "u",
  role,
  regionCode: null,
  enterpriseId: null,
  mustChangePassword: false,
  via: { kind: "session", sessionId: "s" },
  ...over,
});

async function visible(a: Actor | null) {
  const rows = await database.db
    .select({ name: probe.name })
    .from(probe)
    .where(scopeWhere(a, { region: probe.regionCode, enterprise: probe.enterpriseId, published: probe.published }))
    .orderBy(asc(probe.name));
  return rows.map((r) => r.name);
}

test("admin sees everything", async () => {
  assert.deepEqual(await visible(actor("admin")), ["no-region", "other-county", "province", "township", "village"]);
});

test("regulators and grid members see their region's subtree only (never the ancestors)", async () => {
  assert.deepEqual(await visible(actor("regulator_leader", { regionCode: "320481" })), ["township", "village"]);
  assert.deepEqual(await visible(actor("grid_member", { regionCode: "320481102001" })), ["village"]);
  assert.deepEqual(await visible(actor("regulator_inspector", { regionCode: "3204" })), ["other-county", "township", "village"]);
  assert.deepEqual(await visible(actor("regulator_inspector", { regionCode: null })), [], "no region, no records");
});

test("enterprise users see their own enterprise only", async () => {
  assert.deepEqual(await visible(actor("enterprise_staff", { enterpriseId: entA })), ["village"]);
  assert.deepEqual(await visible(actor("enterprise_admin", { enterpriseId: entB })), ["township"]);
  assert.deepEqual(await visible(actor("enterprise_admin", { enterpriseId: null })), []);
});

test("the public sees only what is published; without a published column, nothing", async () => {
  assert.deepEqual(await visible(null), ["other-county", "village"]);
  const none = await database.db
    .select()
    .from(probe)
    .where(scopeWhere(null, { region: probe.regionCode }));
  assert.equal(none.length, 0);
});
