import { createHash } from "node:crypto";
import type { Page } from "../../../domain/common/page.js";
import { criterionById } from "../../../domain/hazards/hazard.js";
import { builtinChecklists } from "../../../domain/inspections/builtin-checklists.js";
import type {
  ChecklistCopy,
  ChecklistCreate,
  ChecklistDetail,
  ChecklistListQuery,
  ChecklistPublish,
  ChecklistSummary,
  ChecklistUpdate,
  ChecklistVersionView,
} from "../../../domain/inspections/checklist.dto.js";
import { type ChecklistContent, itemsOf } from "../../../domain/inspections/checklist.js";
import { canonicalJson, writeAudit } from "../../kernel/audit/audit.js";
import { type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { type Db, sql, withTx } from "../../kernel/db/db.js";
import { AppError, type FieldError, fieldError, forbidden, notFound } from "../../kernel/http/errors.js";
import { updateVersioned } from "../../kernel/workflow/state-machine.js";
import { getEnterprise } from "../enterprises/enterprises.service.js";
import { checklistEntity, checklistVersionEntity } from "./checklists.messages.js";
import { assertMayEdit, checklistVisible, editableWhere, editRefusal, type Viewer } from "./checklists.policy.js";
import * as repo from "./checklists.repo.js";
import { checklists } from "./checklists.schema.js";

const itemCount = (c: ChecklistContent) => itemsOf(c).length;
const contentHash = (c: ChecklistContent) => createHash("sha256").update(canonicalJson(c)).digest("hex");
/** What a version freezes: its name and content. The draft differs from a version when this differs. */
const versionKey = (name: string, c: ChecklistContent) => canonicalJson({ name, content: c });

async function viewerOf(db: Db, ctx: Ctx): Promise<Viewer> {
  const a = ctx.actor;
  if (!a?.enterpriseId || a.role === "admin") return { actor: a, enterpriseRegion: null };
  const e = await getEnterprise(db, systemContext(ctx, "checklists"), a.enterpriseId).catch(() => null);
  return { actor: a, enterpriseRegion: e?.regionCode ?? null };
}

async function loadVisible(db: Db, ctx: Ctx, id: string): Promise<repo.ChecklistRow> {
  const row = await repo.findChecklist(db, id, checklistVisible(await viewerOf(db, ctx)));
  if (!row) throw notFound(checklistEntity);
  return row;
}

function summary(ctx: Ctx, r: Omit<repo.ChecklistRow, "draft">, items: number): ChecklistSummary {
  return {
    id: r.id,
    builtinKey: r.builtinKey,
    ownerKind: r.ownerKind as ChecklistSummary["ownerKind"],
    regionCode: r.regionCode,
    enterpriseId: r.enterpriseId,
    name: r.name,
    category: r.category as ChecklistSummary["category"],
    publishedVersion: r.publishedVersion,
    draftChanged: r.draftChanged !== 0,
    itemCount: items,
    copiedFromId: r.copiedFromId,
    copiedFromVersion: r.copiedFromVersion,
    mayEdit: editRefusal(ctx.actor, r) === null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function detail(db: Db, ctx: Ctx, r: repo.ChecklistRow): Promise<ChecklistDetail> {
  const versions = await repo.listVersions(db, r.id);
  return {
    ...summary(ctx, r, itemCount(r.draft)),
    draft: r.draft,
    versions: versions.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })),
  };
}

const presentVersion = (v: repo.VersionRow, category: string | null): ChecklistVersionView => ({
  checklistId: v.checklistId,
  version: v.version,
  name: v.name,
  category: category as ChecklistVersionView["category"],
  content: v.content,
  itemCount: v.itemCount,
  publishedAt: v.publishedAt.toISOString(),
});

const auditable = (r: repo.ChecklistRow) => ({
  name: r.name,
  category: r.category,
  itemCount: itemCount(r.draft),
  contentHash: contentHash(r.draft),
  publishedVersion: r.publishedVersion,
  version: r.version,
});

/** A 重大 item cites a criterion of the 判定标准 library (what the finding is classified by). */
function assertCriteria(content: ChecklistContent, prefix: string): void {
  const fields: FieldError[] = [];
  for (const [si, s] of content.sections.entries()) {
    for (const [ii, it] of s.items.entries()) {
      if (it.criterionId && !criterionById(it.criterionId))
        fields.push({ path: `${prefix}.sections.${si}.items.${ii}.criterionId`, code: "checklists.criterion_unknown" });
    }
  }
  if (fields.length) throw new AppError(400, "validation", { fields });
}

type Owner = { ownerKind: "region" | "enterprise"; regionCode: string | null; enterpriseId: string | null };

/**
 * Whose a new template is: a regulator's region (or a region of its subtree), an enterprise administrator's
 * enterprise; an administrator names a region or an enterprise, or neither for a system-wide template.
 */
async function ownerFor(db: Db, ctx: Ctx, want: { regionCode?: string | null; enterpriseId?: string | null }): Promise<Owner> {
  const a = ctx.actor;
  if (!a) throw forbidden();
  const sys = systemContext(ctx, "checklists");
  if (a.role === "admin") {
    if (want.regionCode && want.enterpriseId) throw fieldError("enterpriseId", "checklists.owner_one");
    if (want.enterpriseId) {
      const e = await getEnterprise(db, sys, want.enterpriseId);
      return { ownerKind: "enterprise", regionCode: e.regionCode, enterpriseId: e.id };
    }
    return { ownerKind: "region", regionCode: want.regionCode ?? null, enterpriseId: null };
  }
  if ((a.role === "regulator_leader" || a.role === "regulator_inspector") && a.regionCode) {
    if (want.enterpriseId) throw fieldError("enterpriseId", "checklists.not_owner");
    const region = want.regionCode ?? a.regionCode;
    if (!region.startsWith(a.regionCode)) throw fieldError("regionCode", "checklists.not_owner");
    return { ownerKind: "region", regionCode: region, enterpriseId: null };
  }
  if (a.role === "enterprise_admin" && a.enterpriseId) {
    if (want.regionCode || (want.enterpriseId && want.enterpriseId !== a.enterpriseId))
      throw fieldError(want.regionCode ? "regionCode" : "enterpriseId", "checklists.not_owner");
    const e = await getEnterprise(db, sys, a.enterpriseId);
    return { ownerKind: "enterprise", regionCode: e.regionCode, enterpriseId: e.id };
  }
  throw forbidden("checklists.not_owner");
}

async function insertTemplate(
  tx: Db,
  ctx: Ctx,
  values: Owner & {
    name: string;
    category: string | null;
    draft: ChecklistContent;
    copiedFromId?: string;
    copiedFromVersion?: number | null;
  },
  action: string,
  detailOf: Record<string, unknown> = {},
): Promise<repo.ChecklistRow> {
  const row = await repo.insertChecklist(tx, {
    ...values,
    copiedFromId: values.copiedFromId ?? null,
    copiedFromVersion: values.copiedFromVersion ?? null,
    draftChanged: 1,
    createdById: ctx.actor?.userId ?? null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await writeAudit(tx, ctx, {
    action,
    entityType: "checklist",
    entityId: row.id,
    regionCode: row.regionCode,
    after: { ...auditable(row), ownerKind: row.ownerKind, enterpriseId: row.enterpriseId },
    detail: Object.keys(detailOf).length ? detailOf : undefined,
  });
  return row;
}

/** A new template of the caller's own, as a draft (publish to use it in inspections). */
export async function createChecklist(db: Db, ctx: Ctx, input: ChecklistCreate): Promise<ChecklistDetail> {
  assertCriteria(input.draft, "draft");
  const owner = await ownerFor(db, ctx, input);
  const row = await withTx(db, (tx) =>
    insertTemplate(tx, ctx, { ...owner, name: input.name, category: input.category ?? null, draft: input.draft }, "checklist.create"),
  );
  return detail(db, ctx, row);
}

/** The same as createChecklist, from an uploaded workbook (the audit row names the file). */
export async function importChecklist(
  db: Db,
  ctx: Ctx,
  input: ChecklistCreate,
  fileName: string,
  rejectedPathOf?: (path: string) => string,
): Promise<ChecklistDetail> {
  try {
    assertCriteria(input.draft, "draft");
  } catch (err) {
    // Criteria paths point at sheet rows for the importer.
    if (err instanceof AppError && rejectedPathOf)
      throw new AppError(400, "validation", { fields: err.options.fields?.map((f) => ({ ...f, path: rejectedPathOf(f.path) })) });
    throw err;
  }
  const owner = await ownerFor(db, ctx, input);
  const row = await withTx(db, (tx) =>
    insertTemplate(tx, ctx, { ...owner, name: input.name, category: input.category ?? null, draft: input.draft }, "checklist.import", {
      source: "xlsx",
      fileName,
    }),
  );
  return detail(db, ctx, row);
}

export async function getChecklist(db: Db, ctx: Ctx, id: string): Promise<ChecklistDetail> {
  return detail(db, ctx, await loadVisible(db, ctx, id));
}

export async function listChecklists(db: Db, ctx: Ctx, q: ChecklistListQuery): Promise<Page<ChecklistSummary>> {
  const viewer = await viewerOf(db, ctx);
  const mine = q.owner === "mine";
  const { items, total } = await repo.listChecklists(
    db,
    checklistVisible(viewer),
    {
      category: q.category,
      ownerKind: mine ? undefined : q.owner,
      q: q.q,
      published: q.published === undefined ? undefined : q.published === "true",
      extra: mine ? editableWhere(ctx.actor) : undefined,
    },
    q,
  );
  return { items: items.map((r) => summary(ctx, r, r.itemCount)), total, page: q.page, pageSize: q.pageSize };
}

/** Replaces the draft (version-guarded). Published versions are untouched; the draft is marked changed when it differs from the newest. */
export async function updateChecklist(db: Db, ctx: Ctx, id: string, input: ChecklistUpdate): Promise<ChecklistDetail> {
  const before = await loadVisible(db, ctx, id);
  assertMayEdit(ctx.actor, before);
  assertCriteria(input.draft, "draft");
  const latest = before.publishedVersion ? await repo.findVersion(db, id, before.publishedVersion) : undefined;
  const changed = !latest || versionKey(latest.name, latest.content) !== versionKey(input.name, input.draft);
  const row = await withTx(db, async (tx) => {
    const after = await updateVersioned(tx, checklists, {
      id,
      version: input.version,
      set: {
        name: input.name,
        category: input.category === undefined ? before.category : input.category,
        draft: input.draft,
        draftChanged: changed ? 1 : 0,
        updatedAt: ctx.now,
      },
    });
    await writeAudit(tx, ctx, {
      action: "checklist.update",
      entityType: "checklist",
      entityId: id,
      regionCode: after.regionCode,
      before: auditable(before),
      after: auditable(after),
    });
    return after;
  });
  return detail(db, ctx, row);
}

/** Freezes the draft as the next version in the caller's transaction (guarded by the template's version). */
async function publishIn(tx: Db, ctx: Ctx, before: repo.ChecklistRow, version: number): Promise<repo.ChecklistRow> {
  if (before.draftChanged === 0) throw new AppError(409, "checklists.nothing_to_publish");
  const next = before.publishedVersion + 1;
  const after = await updateVersioned(tx, checklists, {
    id: before.id,
    version,
    set: { publishedVersion: next, draftChanged: 0, updatedAt: ctx.now },
  });
  await repo.insertVersion(tx, {
    checklistId: before.id,
    version: next,
    name: before.name,
    content: before.draft,
    itemCount: itemCount(before.draft),
    publishedById: ctx.actor?.username.startsWith("system:") ? null : (ctx.actor?.userId ?? null),
    publishedAt: ctx.now,
  });
  await writeAudit(tx, ctx, {
    action: "checklist.publish",
    entityType: "checklist",
    entityId: before.id,
    regionCode: before.regionCode,
    before: { publishedVersion: before.publishedVersion },
    after: { publishedVersion: next },
    detail: { name: before.name, itemCount: itemCount(before.draft), contentHash: contentHash(before.draft) },
  });
  return after;
}

/** Publishes the draft as publishedVersion + 1 (409 when stale or when nothing changed since the last publish). */
export async function publishChecklist(db: Db, ctx: Ctx, id: string, input: ChecklistPublish): Promise<ChecklistDetail> {
  const before = await loadVisible(db, ctx, id);
  assertMayEdit(ctx.actor, before);
  if (before.version !== input.version) throw new AppError(409, "conflict.stale_version");
  const row = await withTx(db, (tx) => publishIn(tx, ctx, before, input.version));
  return detail(db, ctx, row);
}

/** Copies a built-in or visible template (a published version, or the draft of a never-published one) into the caller's own draft. */
export async function copyChecklist(db: Db, ctx: Ctx, id: string, input: ChecklistCopy): Promise<ChecklistDetail> {
  const source = await loadVisible(db, ctx, id);
  const fromVersion = input.version ?? (source.publishedVersion || null);
  let content = source.draft;
  let name = source.name;
  if (fromVersion) {
    const v = await repo.findVersion(db, id, fromVersion);
    if (!v) throw notFound(checklistVersionEntity);
    content = v.content;
    name = v.name;
  }
  const owner = await ownerFor(db, ctx, input);
  const row = await withTx(db, (tx) =>
    insertTemplate(
      tx,
      ctx,
      { ...owner, name: input.name ?? name, category: source.category, draft: content, copiedFromId: id, copiedFromVersion: fromVersion },
      "checklist.copy",
      { fromId: id, fromVersion },
    ),
  );
  return detail(db, ctx, row);
}

/** One frozen version of a template the caller may see (404 when not visible or missing). Inspections start from it. */
export async function getChecklistVersion(db: Db, ctx: Ctx, checklistId: string, version: number): Promise<ChecklistVersionView> {
  const c = await loadVisible(db, ctx, checklistId);
  const v = await repo.findVersion(db, checklistId, version);
  if (!v) throw notFound(checklistVersionEntity);
  return presentVersion(v, c.category);
}

/** The newest published version (409 when the template was never published). */
export async function latestChecklistVersion(db: Db, ctx: Ctx, checklistId: string): Promise<ChecklistVersionView> {
  const c = await loadVisible(db, ctx, checklistId);
  if (c.publishedVersion === 0) throw new AppError(409, "checklists.never_published");
  const v = await repo.findVersion(db, checklistId, c.publishedVersion);
  if (!v) throw notFound(checklistVersionEntity);
  return presentVersion(v, c.category);
}

/**
 * Installs the built-in templates (domain/inspections/builtin-checklists.ts) at start-up, idempotently: a missing
 * one is created and published as version 1; when the generated content changed (a criteria file was amended), the
 * draft is replaced and published as the next version — a published version is never rewritten. Returns how many
 * versions were published. Serialised across instances by an advisory lock.
 */
export async function ensureBuiltInChecklists(db: Db, now: Date): Promise<number> {
  const ctx = systemContext({ ip: null, now }, "checklists");
  return withTx(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7391017)`);
    let published = 0;
    for (const b of builtinChecklists()) {
      let row = await repo.findByBuiltinKey(tx, b.key);
      if (!row) {
        row = await repo.insertChecklist(tx, {
          id: b.id,
          builtinKey: b.key,
          ownerKind: "builtin",
          name: b.name,
          category: b.category,
          draft: b.content,
          draftChanged: 1,
          createdAt: now,
          updatedAt: now,
        });
        await writeAudit(tx, ctx, {
          action: "checklist.builtin_install",
          entityType: "checklist",
          entityId: row.id,
          after: auditable(row),
          detail: { builtinKey: b.key },
        });
      } else {
        const latest = row.publishedVersion ? await repo.findVersion(tx, row.id, row.publishedVersion) : undefined;
        if (latest && versionKey(latest.name, latest.content) === versionKey(b.name, b.content)) continue;
        const before = row;
        row = await updateVersioned(tx, checklists, {
          id: row.id,
          version: row.version,
          set: { name: b.name, category: b.category, draft: b.content, draftChanged: 1, updatedAt: now },
        });
        await writeAudit(tx, ctx, {
          action: "checklist.builtin_update",
          entityType: "checklist",
          entityId: row.id,
          before: auditable(before),
          after: auditable(row),
          detail: { builtinKey: b.key },
        });
      }
      await publishIn(tx, ctx, row, row.version);
      published++;
    }
    return published;
  });
}
