import { sql } from "drizzle-orm";
import { scopeKindOf } from "../../../domain/access/roles.js";
import { shanghaiDay } from "../../../domain/common/calendar.js";
import { hazardCategoryKeys } from "../../../domain/hazards/hazard.js";
import type {
  HazardReportPeriod,
  HazardReportSubmit,
  HazardReportsOverview,
  HazardReportsQuery,
  HazardStatsGroup,
  HazardStatsQuery,
  HazardStatsResult,
  ReportFigures,
} from "../../../domain/hazards/stats.dto.js";
import {
  type HazardCounts,
  parseReportPeriod,
  type ReportPeriod,
  recentReportPeriods,
  reportOnTime,
  reportStatus,
  statsEndDay,
  withRates,
  zeroCounts,
} from "../../../domain/hazards/stats.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import { scopeWhere } from "../../kernel/authz/scope.js";
import { memoPerDatabase, rememberAt } from "../../kernel/cache/versioned-memo.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { conflict, fieldError, forbidden, notFound } from "../../kernel/http/errors.js";
import { enterpriseNames, getEnterprise, listEnterprises } from "../enterprises/enterprises.service.js";
import { findIndustries } from "../industries/industries.service.js";
import { findRegion, listRegionChildren, regionEntity } from "../regions/regions.service.js";
import { hazardsVersion } from "./hazards.changes.js";
import { hazardScope } from "./hazards.policy.js";
import { hazardStatReports } from "./hazards.schema.js";
import * as repo from "./hazards.stats.repo.js";
import { reportWorkbook } from "./hazards.stats.sheet.js";
import "./stats.messages.js";

/** Deployment configuration the statistics depend on (config.ts). */
export type StatsOptions = { dueInclusive: boolean };

const today = (ctx: Ctx) => shanghaiDay(ctx.now);
const counts = (r: HazardCounts): HazardCounts => ({
  found: r.found,
  foundClosed: r.foundClosed,
  rectified: r.rectified,
  onTime: r.onTime,
  open: r.open,
  openMajor: r.openMajor,
  overdue: r.overdue,
});
/** Counts of the last statistics asked for, per database (a county's year is ~100,000 index entries to aggregate). */
export const statsMemo = memoPerDatabase<repo.CountsRow[]>(200);
/** At most this many enterprise groups are listed (largest first); the totals count them all. */
const maxEnterpriseGroups = 500;
/** The child level's code length under a code of a given length (GB/T 2260 truncated codes). */
const childLength = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 } as const;

/**
 * The region the figures cover: the one asked for, else the caller's own (an administrator's default is the
 * whole country). A regulator or grid member asking outside their subtree gets 404, as for any record out of
 * scope; an enterprise user's figures are their own enterprise's wherever it lies.
 */
async function statsRegion(db: Db, actor: Actor, asked: string | undefined): Promise<{ code: string; name: string } | null> {
  const own = scopeKindOf[actor.role] === "region" ? actor.regionCode : null;
  const code = asked ?? own;
  if (!code) return null;
  if (own && !code.startsWith(own)) throw notFound(regionEntity);
  const region = await findRegion(db, code);
  if (!region) throw notFound(regionEntity);
  return { code: region.code, name: region.name };
}

/**
 * GET /api/hazards/stats (issue 6 §6): found, rectified, on time, late, overdue, open 重大, rates and 清零 for a
 * period (definitions in domain/hazards/stats.ts), as a totals row plus groups by direct child region, industry
 * division, category or enterprise — all within the caller's scope.
 */
export async function hazardStats(db: Db, ctx: Ctx, q: HazardStatsQuery): Promise<HazardStatsResult> {
  const actor = ctx.actor as Actor;
  const day = today(ctx);
  const from = q.from ?? `${day.slice(0, 4)}-01-01`;
  const to = q.to ?? day;
  if (from > to) throw fieldError(q.to ? "to" : "from", "hazards.stats.from_after_to");
  const region = await statsRegion(db, actor, q.region);
  const window = { from, to, today: day };
  const children = q.groupBy === "region" ? (await listRegionChildren(db, region?.code ?? null)).items : [];
  const key: repo.StatsKey =
    q.groupBy === "region"
      ? { by: "region", length: childLength[(region?.code.length ?? 0) as keyof typeof childLength] }
      : { by: q.groupBy };
  const limit = q.groupBy === "enterprise" ? maxEnterpriseGroups : undefined;
  // Remembered per query until a hazard in the region changes (the version is read before the counts).
  const version = await hazardsVersion(db, region?.code ?? null);
  const remember = rememberAt(statsMemo(db), version);
  const rows = await repo.hazardCounts(db, hazardScope(actor), window, { region: region?.code }, key, limit, remember);
  const totalRow = rows.find((r) => r.isTotal);
  const byKey = new Map(rows.filter((r) => !r.isTotal).map((r) => [r.key, counts(r)]));
  const group = (k: string | null, label: string | null, c: HazardCounts = zeroCounts()): HazardStatsGroup => ({
    key: k,
    label,
    ...withRates(c),
  });

  let groups: HazardStatsGroup[] = [];
  let truncated = false;
  if (q.groupBy === "region") {
    // Every child region, those without hazards too (they are 清零).
    groups = children.map((c) => group(c.code, c.name, byKey.get(c.code)));
    const named = new Set(children.map((c) => c.code));
    for (const [k, c] of byKey) if (!named.has(k ?? "")) groups.push(group(k, region && k === region.code ? region.name : null, c));
  } else if (q.groupBy === "category") {
    groups = hazardCategoryKeys.map((k) => group(k, null, byKey.get(k)));
  } else if (q.groupBy === "industry") {
    const industries = await findIndustries(
      db,
      [...byKey.keys()].filter((k): k is string => !!k),
    );
    const names = new Map(industries.map((i) => [i.code, i.name]));
    groups = [...byKey]
      .sort(([a], [b]) => (a ?? "99").localeCompare(b ?? "99"))
      .map(([k, c]) => group(k, k ? (names.get(k) ?? null) : null, c));
  } else {
    const ranked = [...byKey].sort(([, a], [, b]) => b.found - a.found || b.open - a.open);
    truncated = ranked.length > maxEnterpriseGroups;
    const kept = ranked.slice(0, maxEnterpriseGroups);
    const names = await enterpriseNames(
      db,
      ctx,
      kept.flatMap(([k]) => (k ? [k] : [])),
    );
    groups = kept.map(([k, c]) => group(k, k ? (names.get(k) ?? null) : null, c));
  }
  return {
    region,
    from,
    to,
    endDay: statsEndDay(to, day),
    groupBy: q.groupBy,
    totals: withRates(totalRow ? counts(totalRow) : zeroCounts()),
    groups,
    truncated,
  };
}

// ─── 16号令 Art. 14 ¶1 (R4): the enterprise's quarterly and annual statistics report ───

function periodOrThrow(code: string): ReportPeriod {
  const p = parseReportPeriod(code);
  if (!p) throw fieldError("period", "hazards.report.period_not_started");
  return p;
}

const fen = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;

/** The report's figures for one enterprise and period, as of today (frozen into the row on submission). */
async function liveFigures(db: Db, enterpriseId: string, p: ReportPeriod, day: string): Promise<ReportFigures> {
  const window = { from: p.from, to: p.to, today: day };
  // The enterprise was loaded in the caller's scope already; the figures are all of its hazards.
  const [rows, details] = await Promise.all([
    repo.hazardCounts(db, sql`true`, window, { enterpriseId }, { by: "level" }),
    repo.reportDetails(db, enterpriseId, window),
  ]);
  const of = (match: (r: repo.CountsRow) => boolean) => {
    const r = rows.find(match);
    return withRates(r ? counts(r) : zeroCounts());
  };
  return {
    total: of((r) => r.isTotal),
    general: of((r) => !r.isTotal && r.key === "general"),
    major: of((r) => !r.isTotal && r.key === "major"),
    openWithPlan: details.openWithPlan,
    fundsRectified: fen(details.fundsRectifiedFen),
    fundsOpen: fen(details.fundsOpenFen),
    openMajorHazards: details.openMajor.map((m) => ({
      description: m.description,
      reportedOn: shanghaiDay(m.reportedAt),
      deadline: m.deadline,
      responsibleName: m.plan?.responsibleName ?? null,
      funds: m.fundsFen === null ? null : fen(m.fundsFen),
      state: m.status,
    })),
  };
}

function submissionOf(r: repo.StatReportRow | undefined): HazardReportPeriod["submission"] {
  return r
    ? { principalName: r.principalName, submittedByName: r.submittedByName, submittedAt: r.submittedAt.toISOString(), onTime: r.onTime }
    : null;
}

function presentPeriod(p: ReportPeriod, day: string, r: repo.StatReportRow | undefined, opts: StatsOptions): HazardReportPeriod {
  return {
    period: p.code,
    kind: p.kind,
    from: p.from,
    to: p.to,
    dueOn: p.dueOn,
    status: reportStatus(p, day, r ? { onTime: r.onTime } : null, opts.dueInclusive),
    submission: submissionOf(r),
  };
}

/** GET /api/enterprises/:id/hazard-reports: this quarter and the four before, this year and the last, with status. */
export async function enterpriseReportPeriods(db: Db, ctx: Ctx, enterpriseId: string, opts: StatsOptions): Promise<HazardReportPeriod[]> {
  const enterprise = await getEnterprise(db, ctx, enterpriseId);
  const day = today(ctx);
  const periods = recentReportPeriods(day);
  const submitted = new Map(
    (
      await repo.statReportsOf(
        db,
        [enterprise.id],
        periods.map((p) => p.code),
      )
    ).map((r) => [r.period, r]),
  );
  return periods.map((p) => presentPeriod(p, day, submitted.get(p.code), opts));
}

/**
 * The statistics table as .xlsx: the submitted (frozen) figures once the period is submitted, else the figures
 * as of today. Anyone who may see the enterprise may download it.
 */
export async function hazardReportXlsx(
  db: Db,
  ctx: Ctx,
  enterpriseId: string,
  code: string,
  opts: StatsOptions,
): Promise<{ fileName: string; data: Buffer }> {
  const enterprise = await getEnterprise(db, ctx, enterpriseId);
  const p = periodOrThrow(code);
  const day = today(ctx);
  if (p.from > day) throw fieldError("period", "hazards.report.period_not_started");
  const [submitted] = await repo.statReportsOf(db, [enterprise.id], [p.code]);
  const figures = submitted ? (submitted.figures as ReportFigures) : await liveFigures(db, enterprise.id, p, day);
  const data = await reportWorkbook({
    enterprise,
    period: p,
    endDay: statsEndDay(p.to, submitted ? shanghaiDay(submitted.submittedAt) : day),
    figures,
    submission: submissionOf(submitted),
    status: reportStatus(p, day, submitted ? { onTime: submitted.onTime } : null, opts.dueInclusive),
  });
  return { fileName: `${enterprise.name}-隐患排查治理统计表-${p.code}.xlsx`, data };
}

/**
 * POST …/hazard-reports/:period/submit (16号令 Art. 14 ¶1, R4): the enterprise administrator submits the
 * statistics table signed by the principal, once, after the period has ended. The figures are frozen into the
 * row, on time is judged by R4 (statsDueInclusive), and the submission is audited in the same transaction.
 */
export async function submitHazardReport(
  db: Db,
  ctx: Ctx,
  enterpriseId: string,
  code: string,
  input: HazardReportSubmit,
  opts: StatsOptions,
): Promise<HazardReportPeriod> {
  const actor = ctx.actor as Actor;
  const enterprise = await getEnterprise(db, ctx, enterpriseId);
  if (actor.role !== "enterprise_admin" || actor.enterpriseId !== enterprise.id) throw forbidden("hazards.report.principal_only");
  const p = periodOrThrow(code);
  const day = today(ctx);
  if (day <= p.to) throw fieldError("period", "hazards.report.period_running");
  if ((await repo.statReportsOf(db, [enterprise.id], [p.code])).length) throw conflict("hazards.report.already_submitted");
  const figures = await liveFigures(db, enterprise.id, p, day);
  const onTime = reportOnTime(day, p.dueOn, opts.dueInclusive);
  const row = await withTx(db, async (tx) => {
    const inserted = await repo.insertStatReport(tx, {
      enterpriseId: enterprise.id,
      regionCode: enterprise.regionCode,
      period: p.code,
      kind: p.kind,
      dueOn: p.dueOn,
      figures,
      principalName: input.principalName,
      submittedById: actor.userId,
      submittedByName: actor.displayName,
      submittedAt: ctx.now,
      onTime,
      createdAt: ctx.now,
    });
    // A concurrent submission won the unique index.
    if (!inserted) throw conflict("hazards.report.already_submitted");
    await writeAudit(tx, ctx, {
      action: "hazard_report.submit",
      entityType: "hazard_stat_report",
      entityId: inserted.id,
      regionCode: enterprise.regionCode,
      after: { enterpriseId: enterprise.id, period: p.code, dueOn: p.dueOn, onTime, principalName: input.principalName },
      detail: { totals: figures.total },
    });
    return inserted;
  });
  return presentPeriod(p, day, row, opts);
}

/**
 * GET /api/hazard-reports?region=&period= (regulators): every enterprise of the region in scope, by name, with
 * its submission status for the period, and how many submitted (on time) across all pages.
 */
export async function hazardReportsOverview(db: Db, ctx: Ctx, q: HazardReportsQuery, opts: StatsOptions): Promise<HazardReportsOverview> {
  const actor = ctx.actor as Actor;
  const region = await statsRegion(db, actor, q.region);
  const p = periodOrThrow(q.period);
  const day = today(ctx);
  const page = await listEnterprises(db, ctx, { region: region?.code, page: q.page, pageSize: q.pageSize, sort: "name" });
  const submitted = new Map(
    (
      await repo.statReportsOf(
        db,
        page.items.map((e) => e.id),
        [p.code],
      )
    ).map((r) => [r.enterpriseId, r]),
  );
  const scope = scopeWhere(actor, { region: hazardStatReports.regionCode, enterprise: hazardStatReports.enterpriseId });
  const sums = await repo.submissionCounts(db, scope, p.code, region?.code ?? null);
  return {
    period: { period: p.code, kind: p.kind, from: p.from, to: p.to, dueOn: p.dueOn },
    enterprises: page.total,
    submitted: sums.submitted,
    onTime: sums.onTime,
    items: page.items.map((e) => {
      const r = submitted.get(e.id);
      return {
        enterpriseId: e.id,
        enterpriseName: e.name,
        regionCode: e.regionCode,
        status: reportStatus(p, day, r ? { onTime: r.onTime } : null, opts.dueInclusive),
        submission: submissionOf(r),
      };
    }),
    total: page.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Hazards found per enterprise of a region subtree in a period, and the 重大 among them, in the caller's scope —
 * e.g. last year's record that the annual inspection plan weighs (issue 7 §4, double-random.md R5).
 */
export async function hazardsFoundByEnterprise(
  db: Db,
  ctx: Ctx,
  q: { region: string; from: string; to: string },
): Promise<Map<string, { found: number; major: number }>> {
  const rows = await repo.foundByEnterprise(db, hazardScope(ctx.actor), q.region, q.from, q.to);
  return new Map(rows.map((r) => [r.enterpriseId, { found: r.found, major: r.major }]));
}
