import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, asc, eq, sql } from "drizzle-orm";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { testDatabase } from "../../test/test-db.js";
import type { Database, Db } from "./db.js";
import { Binder, preparedByShape, preparedPerDatabase, shapeOf } from "./prepared.js";

const items = pgTable("prepared_test_items", {
  id: integer("id").primaryKey(),
  region: text("region").notNull(),
  kind: text("kind").notNull(),
});

let database: Database;
before(async () => {
  database = await testDatabase();
  await database.db.execute(sql`create table prepared_test_items (id integer primary key, region text not null, kind text not null)`);
  await database.db.execute(
    sql`insert into prepared_test_items values (1, '320481', 'a'), (2, '320481', 'b'), (3, '320482', 'a'), (4, '320482', 'b')`,
  );
});
after(() => database.close());

/** A list as a repository writes it: the scope written in directly, the filters bound as placeholders. */
const lists = preparedByShape<ReturnType<typeof listQuery>>(10);
let built = 0;
const listQuery = (db: Db, where: ReturnType<typeof and>) => {
  built++;
  return db.select({ id: items.id }).from(items).where(where).orderBy(asc(items.id)).prepare("");
};
async function list(db: Db, scopeRegion: string, kind?: string): Promise<number[]> {
  const { v, values } = new Binder();
  const where = and(sql`${items.region} = ${scopeRegion}`, kind ? eq(items.kind, v(kind)) : undefined);
  const q = lists(db, where ? shapeOf(where) : "", () => listQuery(db, where));
  return (await q.execute(values)).map((r) => r.id);
}

test("a query prepared for one shape serves every value of its placeholders", async () => {
  built = 0;
  assert.deepEqual(await list(database.db, "320481", "a"), [1]);
  assert.deepEqual(await list(database.db, "320481", "b"), [2]);
  assert.equal(built, 1, "the second call reused the first one's query");
  assert.deepEqual(await list(database.db, "320481"), [1, 2], "another set of conditions is another shape");
  assert.equal(built, 2);
});

test("a value written into the SQL is part of the shape: one scope never answers with another's query", async () => {
  built = 0;
  assert.deepEqual(await list(database.db, "320481", "a"), [1]);
  assert.deepEqual(await list(database.db, "320482", "a"), [3]);
  assert.equal(built, 1, "only the new scope's query was built");
  const { v } = new Binder();
  const one = sql`${items.region} = ${"320481"} and ${items.kind} = ${v("a")}`;
  const two = sql`${items.region} = ${"320482"} and ${items.kind} = ${v("a")}`;
  assert.notEqual(shapeOf(one), shapeOf(two));
});

test("the least recently used shape is dropped beyond the limit; each database handle has its own", async () => {
  const cache = preparedByShape<string>(2);
  let n = 0;
  const make = () => `q${++n}`;
  const db = database.db;
  assert.equal(cache(db, "a", make), "q1");
  assert.equal(cache(db, "b", make), "q2");
  assert.equal(cache(db, "a", make), "q1"); // a is now the most recent
  assert.equal(cache(db, "c", make), "q3"); // drops b
  assert.equal(cache(db, "a", make), "q1");
  assert.equal(cache(db, "b", make), "q4");
  const other = {} as Db;
  assert.equal(cache(other, "a", make), "q5");
  const once = preparedPerDatabase(() => ({ n: ++n }));
  assert.equal(once(db), once(db));
  assert.notEqual(once(db), once(other));
});
