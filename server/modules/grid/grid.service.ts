import { inRegionSubtree } from "../../../domain/access/roles.js";
import type { Page } from "../../../domain/common/page.js";
import type {
  GridAssignment,
  GridAssignmentCreate,
  GridAssignmentEnd,
  GridAssignmentListQuery,
  GridAssignmentUpdate,
  GridNode,
} from "../../../domain/grid/grid.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { conflict, fieldError, notFound } from "../../kernel/http/errors.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import { getUser, listUsers } from "../accounts/users.service.js";
import { countEnterprisesByStatus } from "../enterprises/enterprises.stats.js";
import { getRegion, listRegionChildren } from "../regions/regions.service.js";
import { gridAssignmentEntity, gridNodeEntity } from "./grid.messages.js";
import { assertManagesGridAt, assignmentScope, seesGridNode } from "./grid.policy.js";
import * as repo from "./grid.repo.js";
import { gridAssignments } from "./grid.schema.js";

/** Grid nodes are townships and villages (乡镇街道、村居社区): the levels grid members are bound to. */
const gridLevels = ["township", "village"];

type MemberCard = { id: string; username: string; displayName: string; phone: string | null };

/**
 * The system's own reading scope, for the contact cards of the members holding nodes the caller may
 * already see. A township member may hold a village and then sits outside a village member's account
 * scope, and a member rebound elsewhere still shows on the nodes it holds until the assignment is ended;
 * the node must still say who answers for it (网格员公示). Only id, username, name and phone leave this module.
 */
const cardReader = (ctx: Ctx): Ctx => systemContext(ctx, "grid");

async function memberCards(db: Db, ctx: Ctx, userIds: string[]): Promise<Map<string, MemberCard>> {
  const cards = new Map<string, MemberCard>();
  // One read per distinct member: a node has a handful, a page rarely more than a township's members.
  for (const id of new Set(userIds)) {
    const u = await getUser(db, cardReader(ctx), id);
    cards.set(id, { id: u.id, username: u.username, displayName: u.displayName, phone: u.phone });
  }
  return cards;
}

function present(r: repo.AssignmentRow, cards: Map<string, MemberCard>): GridAssignment {
  const card = cards.get(r.userId);
  return {
    id: r.id,
    regionCode: r.regionCode,
    userId: r.userId,
    username: card?.username ?? "",
    displayName: card?.displayName ?? "",
    phone: card?.phone ?? null,
    duties: r.duties,
    active: r.active,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const presentOne = async (db: Db, ctx: Ctx, r: repo.AssignmentRow) => present(r, await memberCards(db, ctx, [r.userId]));

const auditable = (r: repo.AssignmentRow) => ({
  userId: r.userId,
  regionCode: r.regionCode,
  duties: r.duties,
  active: r.active,
  version: r.version,
});

function assertSees(ctx: Ctx, code: string): void {
  if (!seesGridNode(ctx.actor, code)) throw notFound(gridNodeEntity);
}

/** The grid node view: the region, its active assignments, and what its subtree holds. */
export async function getGridNode(db: Db, ctx: Ctx, code: string): Promise<GridNode> {
  assertSees(ctx, code);
  const node = await getRegion(db, code);
  const [held, byStatus, members, children, assignments] = await Promise.all([
    repo.activeAssignmentsAt(db, code),
    countEnterprisesByStatus(db, code),
    listUsers(db, ctx, { role: "grid_member", status: "active", regionCode: code, page: 1, pageSize: 1 }),
    listRegionChildren(db, code),
    repo.countActiveAssignmentsUnder(db, code),
  ]);
  const cards = await memberCards(
    db,
    ctx,
    held.map((a) => a.userId),
  );
  return {
    node,
    assignments: held.map((a) => present(a, cards)),
    counts: {
      enterprises: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus },
      gridMembers: members.total,
      assignments,
      childNodes: children.items.filter((c) => c.status === "active").length,
    },
  };
}

/** Assignments on the nodes of `code`'s subtree (active by default). */
export async function listGridAssignments(db: Db, ctx: Ctx, code: string, q: GridAssignmentListQuery): Promise<Page<GridAssignment>> {
  assertSees(ctx, code);
  await getRegion(db, code);
  const active = q.status === "all" ? undefined : q.status === "active";
  const { items, total } = await repo.listAssignments(db, assignmentScope(ctx.actor), { regionPrefix: code, active, userId: q.userId }, q);
  const cards = await memberCards(
    db,
    ctx,
    items.map((a) => a.userId),
  );
  return { items: items.map((a) => present(a, cards)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Puts a grid member on a node with its duties. The member must be bound to the node or to an ancestor
 * of it (a township member may hold its villages), and active; a member holds a node once at a time.
 */
export async function assignGridMember(db: Db, ctx: Ctx, input: GridAssignmentCreate): Promise<GridAssignment> {
  assertManagesGridAt(ctx.actor, input.regionCode);
  const node = await getRegion(db, input.regionCode);
  if (!gridLevels.includes(node.level)) throw fieldError("regionCode", "grid.node_level");
  if (node.status === "retired") throw fieldError("regionCode", "grid.node_retired");
  const member = await getUser(db, ctx, input.userId);
  if (member.role !== "grid_member") throw fieldError("userId", "grid.not_grid_member");
  if (member.status !== "active") throw fieldError("userId", "grid.member_disabled");
  if (!member.regionCode || !inRegionSubtree(member.regionCode, input.regionCode)) throw fieldError("userId", "grid.member_region");
  const row = await withTx(db, async (tx) => {
    const inserted = await repo.insertAssignment(tx, {
      userId: member.id,
      regionCode: input.regionCode,
      duties: input.duties,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    if (!inserted) throw conflict("grid.duplicate", [{ path: "userId", code: "grid.duplicate" }]);
    await writeAudit(tx, ctx, {
      action: "grid_assignment.created",
      entityType: "grid_assignment",
      entityId: inserted.id,
      regionCode: inserted.regionCode,
      after: auditable(inserted),
      detail: { username: member.username },
    });
    return inserted;
  });
  const card = { id: member.id, username: member.username, displayName: member.displayName, phone: member.phone };
  return present(row, new Map([[member.id, card]]));
}

/** An assignment the actor may manage; outside its scope the assignment does not exist (404). */
async function loadManaged(db: Db, ctx: Ctx, id: string): Promise<repo.AssignmentRow> {
  const row = await repo.findAssignment(db, id, assignmentScope(ctx.actor));
  if (!row) throw notFound(gridAssignmentEntity);
  assertManagesGridAt(ctx.actor, row.regionCode);
  return row;
}

export async function updateGridAssignment(db: Db, ctx: Ctx, id: string, input: GridAssignmentUpdate): Promise<GridAssignment> {
  const current = await loadManaged(db, ctx, id);
  if (!current.active) throw conflict("grid.assignment_ended");
  const row = await withTx(db, async (tx) => {
    const updated = await updateVersioned(tx, gridAssignments, {
      id,
      version: input.version,
      set: { duties: input.duties, updatedAt: ctx.now },
    });
    await writeAudit(tx, ctx, {
      action: "grid_assignment.updated",
      entityType: "grid_assignment",
      entityId: id,
      regionCode: updated.regionCode,
      before: auditable(current),
      after: auditable(updated),
    });
    return updated;
  });
  return presentOne(db, ctx, row);
}

/** Ends an assignment: the row stays as history, inactive; the member may be assigned the node again later. */
export async function endGridAssignment(db: Db, ctx: Ctx, id: string, input: GridAssignmentEnd): Promise<GridAssignment> {
  const current = await loadManaged(db, ctx, id);
  if (!current.active) throw conflict("grid.assignment_ended");
  const row = await withTx(db, async (tx) => {
    const ended = await updateVersioned(tx, gridAssignments, {
      id,
      version: input.version,
      set: { active: false, updatedAt: ctx.now },
    });
    await writeAudit(tx, ctx, {
      action: "grid_assignment.ended",
      entityType: "grid_assignment",
      entityId: id,
      regionCode: ended.regionCode,
      before: auditable(current),
      after: auditable(ended),
      ...(input.reason ? { detail: { reason: input.reason } } : {}),
    });
    return ended;
  });
  return presentOne(db, ctx, row);
}

/** The members actively holding a grid node (e.g. the township grid notified by hazard escalation, R12). */
export async function activeGridMemberIds(db: Db, regionCode: string): Promise<string[]> {
  return [...new Set((await repo.activeAssignmentsAt(db, regionCode)).map((a) => a.userId))];
}
