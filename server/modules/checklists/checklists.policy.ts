import { type SQL, sql } from "drizzle-orm";
import { scopeKindOf } from "../../../domain/access/roles.js";
import type { Actor } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { forbidden } from "../../kernel/http/errors.js";
import { checklists } from "./checklists.schema.js";

// Route permissions (domain/access/permissions.ts): checklists.read for every signed-in role; checklists.manage
// (create, edit, publish, copy, import) for administrators, regulators and enterprise administrators. Which
// templates each may see and change is decided here.

/** The caller plus, for enterprise users, their enterprise's region (templates of the regions above it apply to it). */
export type Viewer = { actor: Actor | null; enterpriseRegion: string | null };

const builtin = sql`${checklists.ownerKind} = 'builtin'`;
/** A region template owned at `code` or above it (null region = system-wide, above every region). */
const regionAbove = (code: string) =>
  sql`(${checklists.ownerKind} = 'region' and (${checklists.regionCode} is null or ${code}::text like (${checklists.regionCode} || '%')))`;

/**
 * Templates the caller may read: built-ins for everyone signed in; regulators and grid members their region's
 * subtree (its regions' and enterprises' templates) and the regions above them; enterprise users their own
 * enterprise's and those of the regions above their enterprise; administrators all.
 */
export function checklistVisible(v: Viewer): SQL {
  const a = v.actor;
  if (!a) return sql`false`;
  switch (scopeKindOf[a.role]) {
    case "all":
      return sql`true`;
    case "region":
      if (!a.regionCode) return builtin;
      return sql`(${builtin} or ${scopeWhere(a, { region: checklists.regionCode })} or ${regionAbove(a.regionCode)})`;
    case "enterprise":
      if (!a.enterpriseId) return builtin;
      return sql`(${builtin} or ${checklists.enterpriseId} = ${a.enterpriseId}${v.enterpriseRegion ? sql` or ${regionAbove(v.enterpriseRegion)}` : sql``})`;
  }
}

type Owned = { ownerKind: string; regionCode: string | null; enterpriseId: string | null };

/**
 * Who changes a template: never a built-in; an administrator any other; a regulator those of its region's
 * subtree (an enterprise's own templates stay the enterprise's); an enterprise administrator its enterprise's.
 */
export function editRefusal(actor: Actor | null, c: Owned): string | null {
  if (c.ownerKind === "builtin") return "checklists.builtin_readonly";
  if (!actor) return "forbidden";
  if (actor.role === "admin") return null;
  if (c.ownerKind === "region") {
    const regulator = actor.role === "regulator_leader" || actor.role === "regulator_inspector";
    return regulator && actor.regionCode && c.regionCode?.startsWith(actor.regionCode) ? null : "checklists.not_owner";
  }
  return actor.role === "enterprise_admin" && actor.enterpriseId === c.enterpriseId ? null : "checklists.not_owner";
}

export function assertMayEdit(actor: Actor | null, c: Owned): void {
  const refusal = editRefusal(actor, c);
  if (refusal) throw forbidden(refusal);
}

/** Only templates the caller may edit (the list's `owner=mine`). */
export function editableWhere(actor: Actor | null): SQL {
  if (!actor) return sql`false`;
  if (actor.role === "admin") return sql`${checklists.ownerKind} <> 'builtin'`;
  if ((actor.role === "regulator_leader" || actor.role === "regulator_inspector") && actor.regionCode)
    return sql`(${checklists.ownerKind} = 'region' and ${scopeWhere(actor, { region: checklists.regionCode })})`;
  if (actor.role === "enterprise_admin" && actor.enterpriseId)
    return sql`(${checklists.ownerKind} = 'enterprise' and ${checklists.enterpriseId} = ${actor.enterpriseId})`;
  return sql`false`;
}
