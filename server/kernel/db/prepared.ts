import { is, Placeholder, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./db.js";

/**
 * Prepared queries for hot paths. Building a drizzle select and compiling it to SQL costs 50–250 µs of CPU per call
 * (a select of every hazard column: ~250 µs), more than an indexed page costs the database at 1,000,000 rows
 * (docs/performance.md, “Prepared list queries”). A hot query is built once per database handle and shape, then
 * executed with its values as placeholders.
 *
 * Prepared here means built once in this process. On PostgreSQL the statement stays unnamed unless the caller
 * names it, so the server plans every execution with the actual values: a generic plan of `region like $1` could
 * not use the region prefix index.
 */

/** One query per database handle, built on first use (a transaction is its own handle and builds its own). */
export function preparedPerDatabase<P>(build: (db: Db) => P): (db: Db) => P {
  const built = new WeakMap<Db, P>();
  return (db) => {
    let p = built.get(db);
    if (!p) {
      p = build(db);
      built.set(db, p);
    }
    return p;
  };
}

/**
 * Queries per database handle and shape (the SQL text with everything but its placeholders' values), the least
 * recently used dropped beyond `max`.
 */
export function preparedByShape<P>(max: number): (db: Db, shape: string, build: () => P) => P {
  const perDb = new WeakMap<Db, Map<string, P>>();
  return (db, shape, build) => {
    let byShape = perDb.get(db);
    if (!byShape) {
      byShape = new Map();
      perDb.set(db, byShape);
    }
    let p = byShape.get(shape);
    if (p === undefined) {
      p = build();
      while (byShape.size >= max) byShape.delete(byShape.keys().next().value as string);
    } else byShape.delete(shape); // re-inserted below: most recently used last
    byShape.set(shape, p);
    return p;
  };
}

/**
 * Binds values as named placeholders while a where-fragment is built, so the fragment's SQL depends only on which
 * conditions are present; `values` is what the prepared query executes with.
 */
export class Binder {
  readonly values: Record<string, unknown> = {};
  private next = 0;
  /** A placeholder standing for `value` in the fragment being built. */
  readonly v = (value: unknown): Placeholder => {
    const name = `b${this.next++}`;
    this.values[name] = value;
    return sql.placeholder(name);
  };
}

const dialect = new PgDialect();

/**
 * The exact identity of a fragment built with placeholders: its SQL text, the placeholders' names and any value
 * written into it directly (a scope's region, say) — two fragments with the same shape compile to the same query
 * for every placeholder value, so a query prepared for one serves the other.
 */
export function shapeOf(fragment: SQL): string {
  const q = dialect.sqlToQuery(fragment);
  return JSON.stringify([q.sql, q.params.map((p) => (is(p, Placeholder) ? { placeholder: p.name } : p))]);
}
