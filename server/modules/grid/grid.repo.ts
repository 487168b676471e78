import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { likeEscape } from "../../kernel/authz/scope.js";
import type { Db } from "../../kernel/db/db.js";
import { gridAssignments } from "./grid.schema.js";

export type AssignmentRow = typeof gridAssignments.$inferSelect;

const under = (prefix: string) => sql`${gridAssignments.regionCode} like ${`${likeEscape(prefix)}%`}`;

export async function findAssignment(db: Db, id: string, scope: SQL): Promise<AssignmentRow | undefined> {
  const [row] = await db
    .select()
    .from(gridAssignments)
    .where(and(eq(gridAssignments.id, id), scope))
    .limit(1);
  return row;
}

export type AssignmentFilter = { regionPrefix: string; active?: boolean; userId?: string };

/** Assignments on the nodes of a subtree, by node then age, paginated with a total. */
export async function listAssignments(db: Db, scope: SQL, f: AssignmentFilter, page: { page: number; pageSize: number }) {
  const where = and(
    scope,
    under(f.regionPrefix),
    f.active === undefined ? undefined : eq(gridAssignments.active, f.active),
    f.userId ? eq(gridAssignments.userId, f.userId) : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(gridAssignments)
      .where(where)
      .orderBy(asc(gridAssignments.regionCode), asc(gridAssignments.createdAt), asc(gridAssignments.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(gridAssignments).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** The active assignments held on the node itself (a node has a handful; 100 bounds a mistake). */
export function activeAssignmentsAt(db: Db, regionCode: string): Promise<AssignmentRow[]> {
  return db
    .select()
    .from(gridAssignments)
    .where(and(eq(gridAssignments.regionCode, regionCode), eq(gridAssignments.active, true)))
    .orderBy(asc(gridAssignments.createdAt), asc(gridAssignments.id))
    .limit(100);
}

export async function countActiveAssignmentsUnder(db: Db, regionPrefix: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(gridAssignments)
    .where(and(under(regionPrefix), eq(gridAssignments.active, true)));
  return row?.n ?? 0;
}

/** Inserts unless the member already holds the node (then undefined: the partial unique key decides, race-free). */
export async function insertAssignment(db: Db, values: typeof gridAssignments.$inferInsert): Promise<AssignmentRow | undefined> {
  const [row] = await db
    .insert(gridAssignments)
    .values(values)
    .onConflictDoNothing({ target: [gridAssignments.userId, gridAssignments.regionCode], where: sql`active` })
    .returning();
  return row;
}
