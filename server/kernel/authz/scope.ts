import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { scopeKindOf } from "../../../domain/access/roles.js";
import type { Actor } from "../auth/actor.js";

export type ScopeColumns = {
  /** GB/T 2260 region code of the record: a regulator or grid member sees its region's subtree. */
  region?: AnyPgColumn;
  /** Owning enterprise: an enterprise user sees only its own. */
  enterprise?: AnyPgColumn;
  /** Published flag: the anonymous public sees only what is published. */
  published?: AnyPgColumn;
};

const none = sql`false`;

/**
 * The one access rule, as a where-fragment every repository adds to its queries.
 * Region subtree = code prefix (3204 ⊃ 320481 ⊃ 320481102 ⊃ 320481102001), served by a
 * text_pattern_ops index on the region column.
 */
export function scopeWhere(actor: Actor | null, cols: ScopeColumns): SQL {
  if (!actor) return cols.published ? sql`${cols.published} = true` : none;
  switch (scopeKindOf[actor.role]) {
    case "all":
      return sql`true`;
    case "region":
      return cols.region && actor.regionCode ? sql`${cols.region} like ${`${likeEscape(actor.regionCode)}%`}` : none;
    case "enterprise":
      return cols.enterprise && actor.enterpriseId ? sql`${cols.enterprise} = ${actor.enterpriseId}` : none;
  }
}

export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
