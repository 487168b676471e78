import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { addDays, shanghaiDay, type WorkCalendar } from "../../../domain/common/calendar.js";
import {
  daysOverdue,
  defaultLadder,
  type EscalationLadder,
  type EscalationRung,
  escalationLadder,
  lookaheadDays,
  parseEscalationDays,
  repeatEntryRungs,
  repeatedFrom,
  rungsDue,
} from "../../../domain/hazards/escalation.js";
import {
  defaultUnitName,
  type SupervisionLevel,
  type SupervisionStatus,
  supervisionMachine,
  unitRegionOf,
} from "../../../domain/hazards/supervision.js";
import type { AppDeps } from "../../deps.js";
import { writeAudit, writeAuditBatch } from "../../kernel/audit/audit.js";
import { type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { type Config, workCalendarOf } from "../../kernel/config.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import type { Message } from "../../kernel/i18n/i18n.js";
import type { JobDefinition } from "../../kernel/jobs/jobs.js";
import { applyTransition, defineMachine } from "../../kernel/workflow/state-machine.js";
import { activeUserIdsFor } from "../accounts/users.service.js";
import { listDepartments } from "../departments/departments.service.js";
import { enterpriseNames } from "../enterprises/enterprises.service.js";
import { activeGridMemberIds } from "../grid/grid.service.js";
import { notify } from "../notifications/notifications.service.js";
import { findRegion } from "../regions/regions.service.js";
import * as escRepo from "./hazards.escalation.repo.js";
import * as repo from "./hazards.repo.js";
import { hazardSupervisions } from "./hazards.schema.js";
import * as supRepo from "./hazards.supervision.repo.js";

// R12 (shared/domain/hazards.md): the daily overdue escalation. Idempotent by construction — the guarded status
// update and the (hazard, rung) primary key decide which run acts, so a second run, or a second instance running
// at the same moment, changes and sends nothing more.

const batchSize = 100;
const jobName = "escalation job";
const yieldToEventLoop = () => new Promise((r) => setImmediate(r)); // PGlite shares this thread with requests

export type EscalationSummary = { markedOverdue: number; fired: Partial<Record<EscalationRung, number>>; notified: number };

const summaryOf = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
const countyOf = (region: string) => region.slice(0, 6);
const cityOf = (region: string) => region.slice(0, 4);
const townshipOf = (region: string) => (region.length >= 9 ? region.slice(0, 9) : null);
const levelNames: Record<string, Message> = {
  county: { zh: "县级", en: "county" },
  city: { zh: "市级", en: "city" },
  province: { zh: "省级", en: "provincial" },
};
const nextLevel: Record<string, SupervisionLevel | undefined> = { county: "city", city: "province" };

/**
 * Deployment settings of the R9/R10 rules (config.ts); set by buildApp (configureHazardRules), defaults until then.
 * `calendar` (HOLIDAYS + 调休 WORKDAYS) is also the one the enforcement case clocks count with.
 */
export type HazardRuleSettings = { majorListingDays: number; calendar: WorkCalendar };
let settings: HazardRuleSettings = { majorListingDays: 30, calendar: {} };

/** Called once by buildApp (through the supervision routes): MAJOR_LISTING_DAYS, and HOLIDAYS/WORKDAYS as one calendar. */
export function configureHazardRules(config: Pick<Config, "majorListingDays" | "holidays" | "workdays">): void {
  settings = { majorListingDays: config.majorListingDays, calendar: workCalendarOf(config) };
}
export const hazardRuleSettings = (): HazardRuleSettings => settings;

/** Who hears of what (R12): recipients are looked up once per run and audience. */
class Recipients {
  private cache = new Map<string, Promise<string[]>>();
  constructor(private readonly db: Db) {}

  private memo(key: string, load: () => Promise<string[]>): Promise<string[]> {
    let found = this.cache.get(key);
    if (!found) {
      found = load();
      this.cache.set(key, found);
    }
    return found;
  }

  /** 主要负责人 and safety manager: the enterprise's administrators. */
  enterprise(enterpriseId: string) {
    return this.memo(`e:${enterpriseId}`, () => activeUserIdsFor(this.db, { roles: ["enterprise_admin"], enterpriseIds: [enterpriseId] }));
  }
  /** 属地 regulators (inspectors and leaders) bound to a region. */
  regulators(regionCode: string) {
    return this.memo(`r:${regionCode}`, () =>
      activeUserIdsFor(this.db, { roles: ["regulator_leader", "regulator_inspector"], regionCodes: [regionCode] }),
    );
  }
  leaders(regionCode: string) {
    return this.memo(`l:${regionCode}`, () => activeUserIdsFor(this.db, { roles: ["regulator_leader"], regionCodes: [regionCode] }));
  }
  /** 网格员 of the township: those holding the township node and grid members bound to it. */
  township(code: string) {
    return this.memo(`g:${code}`, async () => [
      ...new Set([
        ...(await activeGridMemberIds(this.db, code)),
        ...(await activeUserIdsFor(this.db, { roles: ["grid_member"], regionCodes: [code] })),
      ]),
    ]);
  }

  /** The audience of one rung for one hazard. */
  async of(rung: EscalationRung, h: escRepo.HazardRow): Promise<string[]> {
    const county = countyOf(h.regionCode);
    const city = cityOf(h.regionCode);
    const township = townshipOf(h.regionCode);
    const all = async (...lists: Promise<string[]>[]) => [...new Set((await Promise.all(lists)).flat())];
    switch (rung) {
      case "reminder":
      case "o1":
        return this.enterprise(h.enterpriseId);
      case "o3":
        return all(township ? this.township(township) : Promise.resolve([]), this.regulators(county));
      case "o15":
        return this.leaders(city);
      case "major_o1": {
        // The next regulator level: the leaders where the listing is raised to (city, or province above a city
        // listing). R12 also notifies the 安委办 (安全生产委员会办公室): it has no role or account of its own here, so
        // the city's regulator leaders, who sit on it, receive its copy as its stand-in.
        const up = nextLevel[h.supervisionLevel ?? "county"] ?? "province";
        return all(this.leaders(unitRegionOf(h.regionCode, up)), this.leaders(city));
      }
      case "o31":
      case "major_o15":
        return all(this.leaders(county), this.leaders(city));
      case "major_reminder": {
        // The supervising body: the listing's unit, else the territorial county.
        const unit = h.supervisionLevel ? unitRegionOf(h.regionCode, h.supervisionLevel as SupervisionLevel) : county;
        return all(this.enterprise(h.enterpriseId), this.regulators(unit));
      }
    }
  }
}

type Facts = {
  enterprise: string;
  summary: string;
  deadline: string;
  o: number;
  /** 长期反复: the rung fired early because the hazard repeats an earlier one (R12). */
  repeated?: boolean;
  listing?: escRepo.RaisedListing;
};

/** The notice of each rung: what happened and what R12 proposes (sanctions are proposals, never automatic: R11). */
function rungMessage(rung: EscalationRung, f: Facts): { title: Message; body: Message; note: string } {
  const msg = baseRungMessage(rung, f);
  if (!f.repeated) return msg;
  // R12: a repeated hazard enters at the next rung; say why this one came early.
  return {
    title: msg.title,
    body: {
      zh: `${msg.body.zh}该隐患一年内反复出现（长期反复），提级处理。`,
      en: `${msg.body.en} It repeats a hazard of the past year (长期反复) and enters the ladder one rung higher.`,
    },
    note: `${msg.note}; repeated hazard (长期反复): entered at the next rung`,
  };
}

function baseRungMessage(rung: EscalationRung, f: Facts): { title: Message; body: Message; note: string } {
  const h = { zh: `${f.enterprise}的隐患「${f.summary}」`, en: `Hazard "${f.summary}" at ${f.enterprise}` };
  const late = { zh: `整改期限${f.deadline}已过${f.o}天仍未销号`, en: `is ${f.o} day(s) past its deadline ${f.deadline} and not accepted` };
  switch (rung) {
    case "reminder":
    case "major_reminder":
      return {
        title:
          rung === "reminder"
            ? { zh: "隐患整改期限将至", en: "Hazard deadline approaching" }
            : { zh: "重大事故隐患治理期限将至", en: "Major hazard deadline approaching" },
        body: {
          zh: `${h.zh}整改期限为${f.deadline}（还剩${-f.o}天），请按期完成整改并提交验收。`,
          en: `${h.en} is due on ${f.deadline} (${-f.o} day(s) left); complete the rectification and submit it for acceptance.`,
        },
        note: `R12 ${rung}: deadline ${f.deadline} in ${-f.o} day(s)`,
      };
    case "o1":
      return {
        title: { zh: "隐患已逾期", en: "Hazard overdue" },
        body: {
          zh: `${h.zh}${late.zh}，已标记为逾期。请企业主要负责人和安全管理人员督促整改。`,
          en: `${h.en} ${late.en}; it is now overdue. The principal and the safety manager must see to the rectification.`,
        },
        note: `R12 o1: overdue ${f.o} day(s), enterprise principal and safety manager notified`,
      };
    case "o3":
      return {
        title: { zh: "辖区隐患逾期未整改", en: "Hazard overdue in your area" },
        body: {
          zh: `${h.zh}${late.zh}。请网格员上门督促，属地监管部门跟进；已列为每周曝光候选。`,
          en: `${h.en} ${late.en}. Grid members should visit and the territorial regulator follow up; it is a weekly-exposure candidate.`,
        },
        note: `R12 o3: overdue ${f.o} day(s), township grid and territorial regulator notified, weekly-exposure candidate`,
      };
    case "o15":
      return {
        title: { zh: "逾期隐患提请上级督办", en: "Overdue hazard escalated to you" },
        body: {
          zh: `${h.zh}${late.zh}。建议：责令限期整改，依据《安全生产法》第一百零二条立案查处，并由县级挂牌督办。`,
          en: `${h.en} ${late.en}. Proposed: an order to rectify by a deadline, a case under Work Safety Law Art. 102, and county listed supervision (挂牌督办).`,
        },
        note: `R12 o15: overdue ${f.o} day(s), escalated to the next regulator level; order, Art. 102 case and county listing proposed`,
      };
    case "o31":
    case "major_o15":
      return {
        title: { zh: "逾期隐患建议约谈", en: "Overdue hazard: summons proposed" },
        body: {
          zh: `${h.zh}${late.zh}。建议约谈企业主要负责人，提请停产停业整顿审查${rung === "major_o15" ? "，核查《安全生产法》第一百一十三条处罚次数" : "，并记入信用记录"}。`,
          en: `${h.en} ${late.en}. Proposed: summon the principal (约谈) and review suspension for rectification${rung === "major_o15" ? "; check the Art. 113 penalty counts" : "; record it in the credit file"}.`,
        },
        note: `R12 ${rung}: overdue ${f.o} day(s), 约谈 and suspension review proposed`,
      };
    case "major_o1": {
      const l = f.listing;
      const raised = l
        ? {
            zh: `挂牌督办由${levelNames[l.from]?.zh}升为${levelNames[l.to]?.zh}（${l.unitName}）。`,
            en: `Its listed supervision is raised from ${levelNames[l.from]?.en} to ${levelNames[l.to]?.en} level (${l.unitName}). `,
          }
        : { zh: "建议提级挂牌督办。", en: "Listed supervision at the next level is proposed. " };
      return {
        title: { zh: "重大事故隐患逾期，提级督办", en: "Major hazard overdue: supervision raised" },
        body: {
          zh: `重大事故隐患：${h.zh}${late.zh}。${raised.zh}建议依据《安全生产法》第一百零二条立案查处；已列为每周曝光候选。本通知同时报市安委办。`,
          en: `Major hazard: ${h.en} ${late.en}. ${raised.en}Proposed: a case under Work Safety Law Art. 102; it is a weekly-exposure candidate. The city's work-safety committee office (安委办) is informed.`,
        },
        note: l
          ? `R12 major_o1: overdue ${f.o} day(s), listing raised ${l.from}→${l.to}, 安委办 notified, Art. 102 case proposed`
          : `R12 major_o1: overdue ${f.o} day(s), escalated to the next regulator level, 安委办 notified, Art. 102 case proposed`,
      };
    }
  }
}

/** The listing one level up with its unit (R12 重大 o ≥ 1), or null at the top. */
async function nextListingOf(db: Db, regionCode: string, level: string) {
  const up = nextLevel[level];
  if (!up) return null;
  const unitRegionCode = unitRegionOf(regionCode, up);
  const name = (await findRegion(db, unitRegionCode))?.name ?? unitRegionCode;
  return { level: up, unitName: defaultUnitName(name), unitRegionCode };
}

async function markOverdue(db: Db, ctx: Ctx, today: string): Promise<number> {
  let marked = 0;
  for (;;) {
    const rows = await withTx(db, async (tx) => {
      const updated = await escRepo.markOverdueBatch(tx, today, ctx.now, batchSize);
      for (const r of updated) {
        await repo.insertEvent(tx, {
          hazardId: r.id,
          action: "overdue",
          fromState: "rectifying",
          toState: "overdue",
          actorId: null,
          actorName: ctx.actor?.username ?? jobName,
          actorRole: null,
          note: `R12: deadline ${r.deadline} passed without acceptance`,
          at: ctx.now,
        });
      }
      await writeAuditBatch(
        tx,
        ctx,
        updated.map((r) => ({
          action: "hazard.overdue",
          entityType: "hazard",
          entityId: r.id,
          regionCode: r.regionCode,
          before: { status: "rectifying", version: r.version - 1 },
          after: { status: "overdue", version: r.version },
          detail: { deadline: r.deadline, today },
        })),
      );
      return updated.length;
    });
    marked += rows;
    if (rows < batchSize) return marked;
    await yieldToEventLoop();
  }
}

/** Fires one rung: only the transaction that records it acts (timeline, rung on the hazard, listing, audit, inbox). */
async function fireRung(
  db: Db,
  ctx: Ctx,
  h: escRepo.HazardRow,
  rung: EscalationRung,
  f: Omit<Facts, "listing">,
  recipients: string[],
  today: string,
): Promise<number | null> {
  // Read before the transaction: PGlite runs one statement stream, so no outside query may wait inside one.
  const nextListing = rung === "major_o1" && h.supervisionLevel ? await nextListingOf(db, h.regionCode, h.supervisionLevel) : null;
  return withTx(db, async (tx) => {
    const fired = await escRepo.insertEscalation(tx, { hazardId: h.id, rung, day: today, daysOverdue: f.o, firedAt: ctx.now });
    if (!fired) return null;
    await escRepo.raiseEscalationRung(tx, h.id, rung);
    const listing = nextListing ? await escRepo.raiseListing(tx, h.id, () => nextListing, ctx.now) : undefined;
    const msg = rungMessage(rung, { ...f, listing });
    const state = (await escRepo.statusOf(tx, h.id)) ?? h.status;
    await repo.insertEvent(tx, {
      hazardId: h.id,
      action: "escalate",
      fromState: state,
      toState: state,
      actorId: null,
      actorName: ctx.actor?.username ?? jobName,
      actorRole: null,
      note: msg.note,
      detail: {
        rung,
        daysOverdue: f.o,
        recipients: recipients.length,
        ...(f.repeated ? { repeated: true } : {}),
        ...(listing ? { listing: { from: listing.from, to: listing.to } } : {}),
      },
      at: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: "hazard.escalate",
      entityType: "hazard",
      entityId: h.id,
      regionCode: h.regionCode,
      before: { escalationRung: h.escalationRung, ...(listing ? { supervisionLevel: listing.from } : {}) },
      after: { escalationRung: rung, ...(listing ? { supervisionLevel: listing.to } : {}) },
      detail: { rung, daysOverdue: f.o, day: today, recipients: recipients.length, ...(f.repeated ? { repeated: true } : {}) },
    });
    return notify(tx, ctx, {
      userIds: recipients,
      kind: `hazard.escalation.${rung}`,
      title: msg.title,
      body: msg.body,
      link: `/hazards/${h.id}`,
      subjectType: "hazard",
      subjectId: h.id,
      dedupeKey: `hazard:${h.id}:${rung}`,
    });
  });
}

/**
 * 长期反复 (R12): which hazards of a batch repeat an earlier one (domain repeatedFrom), looked up only for those
 * it would change today — past their first overdue rung with the rung above it neither due nor fired yet.
 */
async function repeatedAmong(
  db: Db,
  batch: escRepo.HazardRow[],
  fired: Map<string, Set<string>>,
  today: string,
  ladder: EscalationLadder,
): Promise<Set<string>> {
  const affected = batch.filter((h) => {
    const entry = repeatEntryRungs(h.level as "general" | "major", ladder);
    const o = daysOverdue(h.deadline as string, today);
    return entry && o >= entry.entry.offset && o < entry.next.offset && !fired.get(h.id)?.has(entry.next.rung);
  });
  if (affected.length === 0) return new Set();
  const earlier = await escRepo.earlierHazardsOf(db, affected);
  return new Set(affected.filter((h) => repeatedFrom(h, earlier)).map((h) => h.id));
}

/**
 * One run of the R12 job as of `now` (its Asia/Shanghai day): mark rectifying hazards past their deadline
 * overdue, then fire every rung due on open hazards with a deadline, in bounded batches.
 */
export async function runHazardEscalation(db: Db, now: Date, ladder: EscalationLadder = defaultLadder): Promise<EscalationSummary> {
  const ctx = systemContext({ ip: null, now }, jobName);
  const today = shanghaiDay(now);
  const summary: EscalationSummary = { markedOverdue: await markOverdue(db, ctx, today), fired: {}, notified: 0 };
  const recipients = new Recipients(db);
  const lastDeadline = addDays(today, lookaheadDays(ladder));
  let afterId: string | null = null;
  for (;;) {
    await yieldToEventLoop();
    const batch = await escRepo.escalationCandidates(db, lastDeadline, afterId, batchSize);
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1]?.id ?? null;
    const fired = await escRepo.firedRungs(
      db,
      batch.map((h) => h.id),
    );
    const repeats = await repeatedAmong(db, batch, fired, today, ladder);
    const pending = batch.flatMap((h) => {
      const level = h.level as "general" | "major";
      const plain = rungsDue(level, h.deadline as string, today, ladder);
      return rungsDue(level, h.deadline as string, today, ladder, { repeated: repeats.has(h.id) })
        .filter((rung) => !fired.get(h.id)?.has(rung))
        .map((rung) => ({ h, rung, repeated: !plain.includes(rung) }));
    });
    if (pending.length === 0) continue;
    const names = await enterpriseNames(db, systemContext(ctx, "hazards"), [...new Set(pending.map((p) => p.h.enterpriseId))]);
    for (const { h, rung, repeated } of pending) {
      const deadline = h.deadline as string;
      const facts = {
        enterprise: names.get(h.enterpriseId) ?? "",
        summary: summaryOf(h.description),
        deadline,
        o: daysOverdue(deadline, today),
        repeated,
      };
      const sent = await fireRung(db, ctx, h, rung, facts, await recipients.of(rung, h), today);
      if (sent === null) continue; // another run fired it first
      summary.fired[rung] = (summary.fired[rung] ?? 0) + 1;
      summary.notified += sent;
    }
  }
  return summary;
}

/**
 * R3 (安全生产法 Art. 41; 16号令 Art. 14): a 重大 hazard is reported to the territorial county regulator at once.
 * `recipients` is looked up before the caller's transaction (countyRegulatorsOf); this runs inside it.
 * Superseded by confirmMajorHazardInTx, which also lists the hazard (R12 on confirmation); kept for callers
 * not yet moved to it (same kind and dedupe key, so a hazard confirmed by both is reported once).
 */
export async function notifyMajorHazardReported(
  tx: Db,
  ctx: Ctx,
  h: { id: string; description: string; criterionRef: string | null; majorReason: string | null },
  enterpriseName: string,
  recipients: string[],
): Promise<number> {
  const summary = summaryOf(h.description);
  const basis = h.criterionRef ?? h.majorReason ?? "";
  return notify(tx, ctx, {
    userIds: recipients,
    kind: "hazard.major_reported",
    title: { zh: "重大事故隐患报告", en: "Major hazard reported" },
    body: {
      zh: `${enterpriseName}登记了重大事故隐患「${summary}」${basis ? `（${basis}）` : ""}。请及时核实，并按规定挂牌督办。`,
      en: `${enterpriseName} registered a major hazard "${summary}"${basis ? ` (${basis})` : ""}. Verify it promptly and put it under listed supervision.`,
    },
    link: `/hazards/${h.id}`,
    subjectType: "hazard",
    subjectId: h.id,
    dedupeKey: `hazard:${h.id}:major_reported`,
  });
}

const listingMachine = defineMachine(supervisionMachine);
const systemName = "system:hazards";

/** R10/R12 standard requirements of the automatic listing (16号令 Art. 15, 16, 18): what the notice asks of the enterprise. */
export const automaticListingRequirements =
  "重大事故隐患确认即挂牌督办（县级）。企业主要负责人组织制定并实施治理方案（治理的目标和任务、采取的方法和措施、经费和物资的落实、负责治理的机构和人员、治理的时限和要求、安全措施和应急预案），落实整改措施、责任、资金、时限和预案；治理期间采取有效防范措施，必要时局部或者全部停产停业、停止使用相关设施设备；治理完成后组织评估，书面报告治理情况，经审查同意后摘牌销号。";

/**
 * The supervising unit of an automatic listing: the territorial county's 应急管理 department (departments
 * module), else — none set up — the county itself under its 安委办's name, as a regulator's listing defaults to.
 */
async function countyUnitOf(db: Db, county: string): Promise<string> {
  const [emergency] = (await listDepartments(db, { regionCode: county, kind: "emergency", page: 1, pageSize: 1 })).items;
  if (emergency?.regionCode === county) return emergency.name;
  return defaultUnitName((await findRegion(db, county))?.name ?? county);
}

/**
 * R12 "重大 | on confirmation → 挂牌督办 (county) + regulator report (R3)", with R10's default level county: the
 * one step every path that makes a hazard 重大 takes inside its own transaction — reportHazard,
 * completeHazardDetails (graded 重大 later), the inspection intake. Lists the hazard at county level (unit: the
 * county's 应急管理 department; deadline: the hazard's own when later than today, else MAJOR_LISTING_DAYS from
 * today; the standard requirements; no suspension ordered — a regulator orders that by taking the listing over),
 * on the timeline and audited as the system's act; and reports it to the county's regulators in one
 * notification. A hazard that already has an active listing is not listed again. Returns the hazard as it now is.
 */
export async function confirmMajorHazardInTx(
  tx: Db,
  ctx: Ctx,
  hazard: repo.HazardRow,
  opts: { enterpriseName: string; graded?: boolean },
): Promise<repo.HazardRow> {
  const county = countyOf(hazard.regionCode);
  const unitName = await countyUnitOf(tx, county);
  const today = shanghaiDay(ctx.now);
  const deadline = hazard.deadline && hazard.deadline > today ? hazard.deadline : addDays(today, settings.majorListingDays);
  const listing = await supRepo.insertSupervisionIfNone(tx, {
    id: randomUUID(),
    hazardId: hazard.id,
    level: "county",
    unitName,
    unitRegionCode: county,
    deadline,
    requirements: automaticListingRequirements,
    public: false,
    status: "listed",
    listedById: null, // automatic: no regulator listed it (supRepo.isAutomaticListing)
    listedByName: systemName,
    listedAt: ctx.now,
    suspension: "none",
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  // Already listed (confirmed before, or listed by a regulator): the row as this transaction sees it.
  let row = listing ? hazard : ((await repo.findHazard(tx, hazard.id, sql`true`)) ?? hazard);
  if (listing) {
    await supRepo.setHazardSupervision(tx, hazard.id, "county", deadline);
    row = { ...hazard, supervisionLevel: "county", supervisionDeadline: deadline };
    const note = `R10/R12: 重大事故隐患确认即县级挂牌督办（${unitName}，期限${deadline}）`;
    await repo.insertEvent(tx, {
      hazardId: hazard.id,
      action: "list",
      fromState: hazard.status,
      toState: hazard.status,
      actorId: null,
      actorName: systemName,
      actorRole: null,
      note,
      detail: { supervisionId: listing.id, level: "county", unitName, deadline, automatic: true },
      at: ctx.now,
    });
    await writeAudit(tx, systemContext(ctx, "hazards"), {
      action: "hazard.supervision.list",
      entityType: "hazard",
      entityId: hazard.id,
      regionCode: hazard.regionCode,
      after: {
        level: "county",
        unitName,
        unitRegionCode: county,
        deadline,
        status: "listed",
        suspension: "none",
        version: listing.version,
      },
      detail: { supervisionId: listing.id, automatic: true, confirmedBy: ctx.actor?.username ?? null, graded: !!opts.graded },
    });
  }
  const summary = summaryOf(hazard.description);
  const basis = hazard.criterionRef ?? hazard.majorReason ?? "";
  const listed = listing
    ? {
        zh: `已由系统在县级挂牌督办（督办单位：${unitName}，期限${deadline}）。`,
        en: ` It is listed for supervision at county level (${unitName}, deadline ${deadline}).`,
      }
    : { zh: "", en: "" };
  await notify(tx, ctx, {
    userIds: await countyRegulatorsOf(tx, hazard.regionCode),
    kind: opts.graded ? "hazard.major_graded" : "hazard.major_reported",
    title: opts.graded
      ? { zh: "隐患定为重大事故隐患", en: "Hazard graded major" }
      : { zh: "重大事故隐患报告", en: "Major hazard reported" },
    body: opts.graded
      ? {
          zh: `${opts.enterpriseName}的隐患「${summary}」已定为重大事故隐患${basis ? `（${basis}）` : ""}。${listed.zh}请及时核实并督促治理。`,
          en: `The hazard "${summary}" of ${opts.enterpriseName} is now graded major${basis ? ` (${basis})` : ""}.${listed.en} Verify it promptly and see to its treatment.`,
        }
      : {
          zh: `${opts.enterpriseName}登记了重大事故隐患「${summary}」${basis ? `（${basis}）` : ""}。${listed.zh}请及时核实并督促治理。`,
          en: `${opts.enterpriseName} registered a major hazard "${summary}"${basis ? ` (${basis})` : ""}.${listed.en} Verify it promptly and see to its treatment.`,
        },
    link: `/hazards/${hazard.id}`,
    subjectType: "hazard",
    subjectId: hazard.id,
    // Graded 重大 again after a downgrade is reported again; a registration once.
    dedupeKey: opts.graded ? `hazard:${hazard.id}:major_graded:${hazard.version}` : `hazard:${hazard.id}:major_reported`,
  });
  return row;
}

/** The hazard's active listing when it is the automatic one (not taken over by a regulator), else undefined. */
export async function automaticListingOf(db: Db, hazardId: string): Promise<supRepo.SupervisionRow | undefined> {
  const active = await supRepo.activeSupervisionOf(db, hazardId);
  return active && supRepo.isAutomaticListing(active) ? active : undefined;
}

/**
 * Lifts an automatic listing in the caller's transaction, guarded by its status and version: the hazard is
 * accepted on a regulator's verification with before/after evidence (R10 "or an inspector's verification"), voided
 * as unfounded, or downgraded to 一般 — the listing the system made follows the grade. On the timeline and audited.
 */
export async function liftAutomaticListingInTx(
  tx: Db,
  ctx: Ctx,
  hazard: repo.HazardRow,
  listing: supRepo.SupervisionRow,
  why: "accept" | "void" | "downgrade",
  note: string | null,
): Promise<void> {
  const row = await applyTransition(tx, hazardSupervisions, listingMachine, {
    id: listing.id,
    from: listing.status as SupervisionStatus,
    action: "lift",
    version: listing.version,
    set: { updatedAt: ctx.now },
  });
  await supRepo.setHazardSupervision(tx, hazard.id, null, null);
  const actor = ctx.actor;
  await repo.insertEvent(tx, {
    hazardId: hazard.id,
    action: "delist",
    fromState: hazard.status,
    toState: hazard.status,
    actorId: actor?.userId ?? null,
    actorName: actor?.displayName ?? systemName,
    actorRole: actor?.role ?? null,
    note,
    detail: { supervisionId: listing.id, automatic: true, because: why },
    at: ctx.now,
  });
  await writeAudit(tx, ctx, {
    action: "hazard.supervision.delist",
    entityType: "hazard",
    entityId: hazard.id,
    regionCode: hazard.regionCode,
    before: { level: listing.level, status: listing.status, version: listing.version },
    after: { level: row.level, status: row.status, version: row.version },
    detail: { supervisionId: listing.id, automatic: true, because: why, ...(note ? { note } : {}) },
  });
}

/** The territorial county's regulators (inspectors and leaders) of an enterprise in `regionCode`. */
export function countyRegulatorsOf(db: Db, regionCode: string): Promise<string[]> {
  return activeUserIdsFor(db, { roles: ["regulator_leader", "regulator_inspector"], regionCodes: [countyOf(regionCode)] });
}

/** Daily at 00:10 Asia/Shanghai: the R12 ladder (day counts from ESCALATION_DAYS, else the defaults). */
export function hazardEscalationJob(deps: AppDeps): JobDefinition {
  const parsed = parseEscalationDays(deps.config.escalationDays);
  if ("error" in parsed) throw new Error(`ESCALATION_DAYS: ${parsed.error}`);
  const ladder = escalationLadder(parsed.days);
  return {
    name: "hazards.escalate",
    cron: "10 0 * * *",
    run: async (now) => {
      await runHazardEscalation(deps.db, now, ladder);
    },
  };
}
