import { and, eq, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/db.js";
import { AppError, staleVersion } from "../http/errors.js";

/** A workflow as data: each action names the states it may leave and the state it enters. */
export type Machine<S extends string, A extends string> = {
  name: string;
  states: readonly S[];
  transitions: Record<A, { from: readonly S[]; to: S }>;
};

export function defineMachine<S extends string, A extends string>(machine: Machine<S, A>): Machine<S, A> {
  return machine;
}

/** The state an action leads to from `current`, or a 409 naming the illegal move. */
export function nextState<S extends string, A extends string>(machine: Machine<S, A>, current: S, action: A): S {
  const t = machine.transitions[action];
  if (!t.from.includes(current)) {
    throw new AppError(409, "workflow.illegal_transition", { params: { machine: machine.name, action, from: current } });
  }
  return t.to;
}

type Versioned = PgTable & { id: PgColumn; status: PgColumn; version: PgColumn };

/**
 * Applies a transition as one guarded statement:
 *   UPDATE t SET status=$to, version=version+1, … WHERE id=$id AND status=$from AND version=$v
 * Zero rows means someone else moved the record first (or the client's copy is stale): 409, never
 * a silent overwrite. Returns the updated row.
 */
export async function applyTransition<T extends Versioned, S extends string, A extends string>(
  tx: Db,
  table: T,
  machine: Machine<S, A>,
  args: { id: string; from: S; action: A; version: number; set?: Partial<T["$inferInsert"]> },
): Promise<T["$inferSelect"]> {
  const to = nextState(machine, args.from, args.action);
  const updated = await tx
    .update(table)
    .set({ ...(args.set ?? {}), status: to, version: sql`${table.version} + 1` } as never)
    .where(and(eq(table.id, args.id), eq(table.status, args.from), eq(table.version, args.version)))
    .returning();
  const row = (updated as T["$inferSelect"][])[0];
  if (!row) throw staleVersion();
  return row;
}

/** Guarded update without a state change (plain edits of a versioned record). `key` defaults to the `id` column. */
export async function updateVersioned<T extends PgTable & { version: PgColumn }>(
  tx: Db,
  table: T,
  args: { id: string; version: number; set: Partial<T["$inferInsert"]>; key?: PgColumn },
): Promise<T["$inferSelect"]> {
  const key = args.key ?? (table as unknown as { id: PgColumn }).id;
  const updated = await tx
    .update(table)
    .set({ ...args.set, version: sql`${table.version} + 1` } as never)
    .where(and(eq(key, args.id), eq(table.version, args.version)))
    .returning();
  const row = (updated as T["$inferSelect"][])[0];
  if (!row) throw staleVersion();
  return row;
}
