import { createHash } from "node:crypto";
import { daysBetween, shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import { type EnterpriseCategory, enterpriseCategories } from "../../../domain/enterprise/enterprise.dto.js";
import { type ControlLayer, highestLevel, type RiskLevel, riskColours, riskLevels } from "../../../domain/risk/levels.js";
import type {
  EnterpriseRiskSummary,
  LevelCounts,
  OverdueItem,
  OverdueQuery,
  PendingTrigger,
  RegionRiskMap,
  RegionRiskSummary,
  SitePlan,
} from "../../../domain/risk/risk.dto.js";
import { riskMapLimit } from "../../../domain/risk/risk.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { fieldError, notFound } from "../../kernel/http/errors.js";
import { enterpriseFacts, getEnterprise } from "../enterprises/enterprises.service.js";
import { countEnterprisesByStatus } from "../enterprises/enterprises.stats.js";
import { getRegion, listRegionChildren, regionEntity } from "../regions/regions.service.js";
import { sitePlanEntity } from "./risk.messages.js";
import { pointScope, seesRegion, sitePlanScope } from "./risk.policy.js";
import * as repo from "./risk.repo.js";
import { getRiskSettings } from "./risk.service.js";

/** The four-colour map (四色图, 11号 二(二)): the site plan, enterprise and regional pictures, overdue reviews. */

export const sitePlanMaxBytes = 10 * 1024 * 1024;

const noLevels = (): LevelCounts => ({ low: 0, general: 0, significant: 0, major: 0 });

// ── site plan ───────────────────────────────────────────────────────────────────────────────────

/** PNG or JPEG by its leading bytes (the declared type is not trusted), with the image's pixel size. */
export function sniffImage(bytes: Uint8Array): { contentType: "image/png" | "image/jpeg"; width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 24 && png.every((b, i) => bytes[i] === b)) {
    return { contentType: "image/png", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  // JPEG: walk the segments to the frame header (SOF0–SOF15 except DHT C4, JPG C8, DAC CC).
  for (let i = 2; i + 9 < bytes.length; ) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] as number;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = view.getUint16(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { contentType: "image/jpeg", height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

const presentPlan = (r: repo.SitePlanMeta): SitePlan => ({
  enterpriseId: r.enterpriseId,
  contentType: r.contentType as SitePlan["contentType"],
  size: r.size,
  width: r.width,
  height: r.height,
  sha256: r.sha256,
  version: r.version,
  uploadedAt: r.uploadedAt.toISOString(),
});

const planAudit = (r: repo.SitePlanMeta) => ({
  contentType: r.contentType,
  size: r.size,
  width: r.width,
  height: r.height,
  sha256: r.sha256,
  version: r.version,
});

/** Stores the enterprise's site plan (one per enterprise; a new upload replaces it), audited without the bytes. */
export async function uploadSitePlan(db: Db, ctx: Ctx, enterpriseId: string, bytes: Uint8Array): Promise<SitePlan> {
  const enterprise = await getEnterprise(db, ctx, enterpriseId);
  const image = sniffImage(bytes);
  if (!image || image.width === 0 || image.height === 0) throw fieldError("file", "risk.plan_type");
  const before = await repo.findSitePlanMeta(db, enterpriseId, sitePlanScope(ctx.actor));
  const row = await withTx(db, async (tx) => {
    const r = await repo.upsertSitePlan(tx, {
      enterpriseId,
      regionCode: enterprise.regionCode,
      ...image,
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      image: bytes,
      uploadedBy: ctx.actor?.userId ?? null,
      uploadedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: "risk_site_plan.uploaded",
      entityType: "risk_site_plan",
      entityId: enterpriseId,
      regionCode: enterprise.regionCode,
      before: before ? planAudit(before) : null,
      after: planAudit(r),
    });
    return r;
  });
  return presentPlan(row);
}

export async function sitePlanImage(db: Db, ctx: Ctx, enterpriseId: string) {
  const row = await repo.findSitePlanImage(db, enterpriseId, sitePlanScope(ctx.actor));
  if (!row) throw notFound(sitePlanEntity);
  return { contentType: row.contentType, sha256: row.sha256, bytes: Buffer.from(row.image) };
}

// ── pictures ────────────────────────────────────────────────────────────────────────────────────

/** An enterprise's risk picture: points by level, its overall level (the highest), reviews due, site plan, settings. */
export async function enterpriseRiskSummary(db: Db, ctx: Ctx, enterpriseId: string): Promise<EnterpriseRiskSummary> {
  const settings = await getRiskSettings(db, ctx, enterpriseId); // 404 outside scope
  const on = shanghaiDay(ctx.now);
  const [counts, plan] = await Promise.all([
    repo.enterprisePointCounts(db, pointScope(ctx.actor), enterpriseId, on),
    repo.findSitePlanMeta(db, enterpriseId, sitePlanScope(ctx.actor)),
  ]);
  const byLevel = noLevels();
  let unassessed = 0;
  for (const c of counts) {
    if (c.level) byLevel[c.level as RiskLevel] = c.n;
    else unassessed = c.n;
  }
  const overall = highestLevel(riskLevels.filter((l) => byLevel[l] > 0));
  return {
    enterpriseId,
    overallLevel: overall,
    overallColour: overall ? riskColours[overall] : null,
    points: { total: counts.reduce((s, c) => s + c.n, 0), unassessed, byLevel },
    reviewsDue: counts.reduce((s, c) => s + c.due, 0),
    sitePlan: plan ? presentPlan(plan) : null,
    settings,
  };
}

/**
 * The regional picture (issue 5 §4; 3号: regional risk maps built from enterprise data): enterprises
 * by their overall level per child region, and the enterprises with 重大 (red) risks.
 */
export async function regionRiskSummary(
  db: Db,
  ctx: Ctx,
  code: string,
  page: { page: number; pageSize: number },
): Promise<RegionRiskSummary> {
  if (!seesRegion(ctx.actor, code)) throw notFound(regionEntity);
  const region = await getRegion(db, code);
  const children = (await listRegionChildren(db, code)).items;
  const scope = pointScope(ctx.actor);
  const childLength = children[0]?.code.length ?? code.length;
  const [levels, red, tops] = await Promise.all([
    repo.enterpriseLevelsByChild(db, scope, code, childLength),
    repo.redEnterprises(db, scope, code, page),
    repo.enterpriseTopLevels(db, scope, code, categoryLimit),
  ]);
  // 分类: the same picture by regulatory category, from the enterprises' own records.
  const facts = await enterpriseFacts(
    db,
    ctx,
    tops.map((r) => r.enterpriseId),
  );
  const byCategory = new Map<EnterpriseCategory, LevelCounts>();
  for (const r of tops) {
    const category = facts.get(r.enterpriseId)?.category as EnterpriseCategory | undefined;
    if (!category) continue;
    const counts = byCategory.get(category) ?? noLevels();
    counts[r.level] += 1;
    byCategory.set(category, counts);
  }
  const byLevel = noLevels();
  const byChild = new Map<string, LevelCounts>();
  for (const r of levels) {
    byLevel[r.level] += r.n;
    const counts = byChild.get(r.child) ?? noLevels();
    counts[r.level] += r.n;
    byChild.set(r.child, counts);
  }
  const rows: RegionRiskSummary["children"] = [];
  for (const c of children) {
    const status = await countEnterprisesByStatus(db, c.code);
    const enterprises = status.operating + status.suspended;
    // A retired (撤并) child is shown only while something is still registered under it.
    if (c.status !== "active" && enterprises === 0 && !byChild.has(c.code)) continue;
    rows.push({ code: c.code, name: c.name, enterprises, byLevel: byChild.get(c.code) ?? noLevels() });
  }
  const redItems = [];
  for (const r of red.items) {
    const e = await getEnterprise(db, ctx, r.enterpriseId);
    redItems.push({ id: e.id, name: e.name, regionCode: e.regionCode, regionPath: e.regionPath, majorPoints: r.majorPoints });
  }
  return {
    region: { code: region.code, name: region.name },
    byLevel,
    children: rows,
    redEnterprises: { items: redItems, total: red.total, page: page.page, pageSize: page.pageSize },
    byCategory: enterpriseCategories
      .filter((c) => byCategory.has(c))
      .map((c) => ({ category: c, byLevel: byCategory.get(c) as LevelCounts })),
  };
}

/** Enough for any county or city; a province-wide category breakdown counts its first 50,000 assessed enterprises. */
const categoryLimit = 50_000;

/**
 * The regional risk map (3号: electronic risk distribution maps at city and county level): assessed
 * enterprises of the subtree that have a GPS point, in their overall level's colour.
 */
export async function regionRiskMap(db: Db, ctx: Ctx, code: string): Promise<RegionRiskMap> {
  if (!seesRegion(ctx.actor, code)) throw notFound(regionEntity);
  await getRegion(db, code);
  const tops = await repo.enterpriseTopLevels(db, pointScope(ctx.actor), code, riskMapLimit + 1);
  const shown = tops.slice(0, riskMapLimit);
  const facts = await enterpriseFacts(
    db,
    ctx,
    shown.map((r) => r.enterpriseId),
  );
  const items: RegionRiskMap["items"] = [];
  for (const r of shown) {
    const f = facts.get(r.enterpriseId);
    if (!f || f.longitude === null || f.latitude === null) continue;
    items.push({
      id: f.id,
      name: f.name,
      regionCode: f.regionCode,
      level: r.level,
      colour: riskColours[r.level],
      longitude: f.longitude,
      latitude: f.latitude,
    });
  }
  return { items, withoutPosition: shown.length - items.length, truncated: tops.length > riskMapLimit };
}

/** Points due or overdue for re-assessment (R11), in the caller's scope, the longest overdue first. */
export async function listOverdue(db: Db, ctx: Ctx, q: OverdueQuery): Promise<Page<OverdueItem>> {
  const on = shanghaiDay(ctx.now);
  const { items, total } = await repo.listDue(db, pointScope(ctx.actor), on, q);
  const names = new Map<string, string>();
  for (const id of new Set(items.map((r) => r.enterpriseId))) names.set(id, (await getEnterprise(db, ctx, id)).name);
  return {
    items: items.map((r) => {
      const level = r.level as RiskLevel | null;
      return {
        riskPointId: r.id,
        enterpriseId: r.enterpriseId,
        enterpriseName: names.get(r.enterpriseId) ?? "",
        regionCode: r.regionCode,
        name: r.name,
        level,
        colour: level ? riskColours[level] : null,
        controlLayer: r.controlLayer as ControlLayer | null,
        nextReviewDate: r.nextReviewDate,
        daysOverdue: daysBetween(r.nextReviewDate, on),
        pendingTrigger: r.pendingTrigger as PendingTrigger | null,
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Each assessed enterprise of a subtree with its overall (highest) level, in the caller's scope — e.g. the annual
 * inspection plan's grouping by risk (issue 7 §4). Bounded like the category breakdown.
 */
export async function enterpriseOverallLevels(db: Db, ctx: Ctx, code: string): Promise<Map<string, RiskLevel>> {
  const rows = await repo.enterpriseTopLevels(db, pointScope(ctx.actor), code, categoryLimit);
  return new Map(rows.map((r) => [r.enterpriseId, r.level]));
}
