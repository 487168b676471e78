import type { Actor } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { users } from "./accounts.schema.js";

// Who may call what is declared per route (domain/access/permissions.ts: users.read, users.manage,
// tokens.manage); which accounts they reach is this scope.

/** Accounts the actor may see: all for an administrator, the region subtree for a regulator, their own enterprise's for enterprise users. */
export const userScope = (actor: Actor | null) => scopeWhere(actor, { region: users.regionCode, enterprise: users.enterpriseId });
