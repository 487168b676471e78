import { type SQL, sql } from "drizzle-orm";
import { type InspectionKind, startableKinds } from "../../../domain/inspections/inspection.js";
import type { Actor } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { forbidden } from "../../kernel/http/errors.js";
import { inspectionPhotos, inspections } from "./inspections.schema.js";

// Route permissions (domain/access/permissions.ts): inspections.read to see the records in scope, inspections.conduct
// to start, answer and finish. Which kind a role starts, and on which enterprise, is decided here and by the
// enterprise's scope (getEnterprise answers 404 outside it: an enterprise cannot inspect another, a grid member
// only inspects inside its grid).

/** Regulators and grid members see their region's subtree, enterprise users their own enterprise's inspections. */
export const inspectionScope = (actor: Actor | null): SQL =>
  scopeWhere(actor, { region: inspections.regionCode, enterprise: inspections.enterpriseId });

/** A photo is visible with its inspection. */
export const photoScope = (actor: Actor | null): SQL =>
  sql`exists (select 1 from ${inspections} where ${inspections.id} = ${inspectionPhotos.inspectionId} and ${inspectionScope(actor)})`;

export function assertMayStart(actor: Actor, kind: InspectionKind): void {
  if (!startableKinds(actor.role).includes(kind)) throw forbidden("inspections.kind_not_allowed");
}

type Conducted = { kind: string; enterpriseId: string; createdById: string | null; inspectors: { userId: string }[] };

/**
 * Answering and finishing belong to the team and whoever started the inspection (an administrator may act for
 * them); a self-inspection (自查) to any account of the enterprise.
 */
export function assertMayConduct(actor: Actor, i: Conducted): void {
  if (actor.role === "admin") return;
  if (i.createdById === actor.userId || i.inspectors.some((m) => m.userId === actor.userId)) return;
  if (i.kind === "self" && actor.enterpriseId === i.enterpriseId) return;
  throw forbidden("inspections.not_on_team");
}

/** `mine=true`: the caller started it or is on its team. */
export const mineWhere = (actor: Actor): SQL =>
  sql`(${inspections.createdById} = ${actor.userId} or ${inspections.inspectors} @> ${JSON.stringify([{ userId: actor.userId }])}::jsonb)`;
