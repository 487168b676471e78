import { randomUUID } from "node:crypto";
import { periodContaining } from "../../../domain/checks/schedule.js";
import { addDays, shanghaiDay, shanghaiMidnight } from "../../../domain/common/calendar.js";
import { builtinChecklistId } from "../../../domain/inspections/builtin-checklists.js";
import type { ChecklistItem, InspectionResponseInput } from "../../../domain/inspections/checklist.js";
import {
  InspectionCreate,
  type InspectionDetail,
  InspectionFinish,
  type InspectionPhotoUpload,
  InspectionResponsesPut,
} from "../../../domain/inspections/inspection.dto.js";
import { InspectionPlanCreate, PlanItemMove, PlanItemsQuery } from "../../../domain/inspections/plan.dto.js";
import { SelfScheduleCreate } from "../../../domain/inspections/self.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import { loadConfig } from "../../kernel/config.js";
import type { Db } from "../../kernel/db/db.js";
import { ensureBuiltInChecklists } from "../checklists/checklists.service.js";
import { getEnterprise } from "../enterprises/enterprises.service.js";
import {
  approveInspectionPlan,
  createInspectionPlan,
  listPlanItems,
  movePlanItem,
  type PlanOptions,
  planOptionsOf,
} from "./inspections.plans.js";
import { createSelfSchedule, startSelfOccurrence } from "./inspections.self.js";
import { createInspection, finishInspection, getInspection, putInspectionResponses } from "./inspections.service.js";

// A real 1×1 PNG (decodable: the record's PDF embeds photos and signatures), as the demo hazards use.
const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** The general on-site template (现场通用检查表), a built-in installed at start-up. */
export const demoSiteChecklistId = builtinChecklistId("site.general");

/** Values inside the passing range of the template's measured items (a site in order). */
const passingNumbers: Record<string, number> = {
  "g-fire-lane": 6,
  "g-extinguisher-distance": 12,
  "g-gas-alarm": 20,
  "g-railing": 1.1,
  "g-cylinders": 6,
};

export type Finding = { result?: "fail"; number?: number; note: string };

/** An answer to every item: what a site in order shows, except the findings given. */
function answersFor(items: ChecklistItem[], findings: Record<string, Finding>, only?: number): InspectionResponseInput[] {
  return items.slice(0, only ?? items.length).map((item) => {
    const f = findings[item.id];
    const base = { id: randomUUID(), itemId: item.id, result: null, number: null, text: null, note: f?.note ?? null };
    if (item.type === "number") {
      const ok = passingNumbers[item.id] ?? item.min ?? item.max ?? 0;
      return { ...base, number: f?.number ?? ok };
    }
    if (item.type === "text") return { ...base, text: f?.note ?? "未发现其他问题" };
    return { ...base, result: f?.result ?? "pass" };
  });
}

/** Photos of the failed items and of the photo items (the evidence the finish rules ask for). */
function photosFor(items: ChecklistItem[], findings: Record<string, Finding>): InspectionPhotoUpload[] {
  return items
    .filter((item) => item.type === "photo" || (findings[item.id] && item.photoOnFail))
    .map((item) => ({ id: randomUUID(), itemId: item.id, contentType: "image/png", data: png }));
}

const itemsOf = (d: InspectionDetail) => d.checklist.content.sections.flatMap((s) => s.items);

/** The context of an actor at `hour` o'clock (Asia/Shanghai) of `day`: demo records are replayed on their days. */
export const demoAt = (actor: Actor, day: string, hour: number): Ctx => ({
  actor,
  ip: null,
  now: new Date(shanghaiMidnight(day).getTime() + hour * 3600_000),
});

/**
 * Answers every item of a started inspection (one batch, photos included) at 10:00 of `day` and finishes it at
 * 11:30 with the inspectors' and the enterprise principal's signatures.
 */
export async function conductDemoInspection(
  db: Db,
  p: {
    started: InspectionDetail;
    actor: Actor;
    day: string;
    findings: Record<string, Finding>;
    summary: string;
    inspectors: Actor[];
    principalName: string;
  },
): Promise<InspectionDetail> {
  const items = itemsOf(p.started);
  const answered = await putInspectionResponses(
    db,
    demoAt(p.actor, p.day, 10),
    p.started.id,
    InspectionResponsesPut.parse({
      version: p.started.version,
      responses: answersFor(items, p.findings),
      photos: photosFor(items, p.findings),
    }),
  );
  return finishInspection(
    db,
    demoAt(p.actor, p.day, 11.5),
    p.started.id,
    InspectionFinish.parse({
      version: answered.version,
      summary: p.summary,
      signatures: [
        ...p.inspectors.map((m) => ({ signer: "inspector", name: m.displayName, userId: m.userId, image: png })),
        { signer: "enterprise", name: p.principalName, image: png },
      ],
    }),
  );
}

export type DemoInspectionActors = {
  companyId: string;
  companyAdmin: Actor;
  /** Two certified 溧阳市 inspectors (a team, 行政处罚法 Art. 42); the first drafts the plan and leads the visits. */
  inspectors: [Actor, Actor];
  /** A regulator leader whose region contains 溧阳市: approves the plan (150号 Art. 7). */
  leader: Actor;
  /** The executed demo draw (random-draws.demo.ts): its first drawn enterprise gets the open inspection. */
  draw: { id: string; drawn: { enterpriseId: string; teamUserIds: string[] }[] } | null;
};

/**
 * Demo inspections, replayed day by day through the services users call (issue 7):
 * - the showcase company's weekly self-inspection (自查) on the general on-site template, started two weeks ago: two
 *   finished occurrences (the second with a failed item → a hazard in the register) and this week's open;
 * - 溧阳市's approved annual plan for this year (分类分级), drafted by the inspector on the first of the month and
 *   approved by the leader; the company's visit is brought forward to this month (an audited move) and done by
 *   a finished regulator inspection of the company by two inspectors, two failed items (hazards), signatures;
 * - an open 双随机 inspection of the first enterprise the demo draw picked, half answered (the field form's example).
 * Deterministic in what it records (ids aside).
 */
export async function seedDemoInspections(
  db: Db,
  ctx: Ctx,
  a: DemoInspectionActors,
  opts?: PlanOptions,
): Promise<{ plannedInspectionId: string; inspectionDay: string }> {
  const options = opts ?? planOptionsOf(loadConfig());
  // Normally installed by main.ts before the demo; idempotent, so a seeding on its own (tests) has them too.
  await ensureBuiltInChecklists(db, ctx.now);
  const today = shanghaiDay(ctx.now);
  const at = demoAt;
  // "Just now", but never before today's midnight: today's records stay in today's week and month.
  const justNow = (actor: Actor, minutesAgo: number): Ctx => ({
    actor,
    ip: null,
    now: new Date(Math.max(shanghaiMidnight(today).getTime(), ctx.now.getTime() - minutesAgo * 60_000)),
  });
  const company = await getEnterprise(db, ctx, a.companyId);
  const gps = company.latitude !== null && company.longitude !== null ? { latitude: company.latitude, longitude: company.longitude } : {};
  const [lead, second] = a.inspectors;

  const conduct = (
    started: InspectionDetail,
    actor: Actor,
    day: string,
    findings: Record<string, Finding>,
    summary: string,
    inspectorSignatures: Actor[],
  ) =>
    conductDemoInspection(db, {
      started,
      actor,
      day,
      findings,
      summary,
      inspectors: inspectorSignatures,
      principalName: company.principalName,
    });

  // ── 自查: weekly on the general template, from the Monday two weeks ago ──────────────────────────────────
  const thisWeek = periodContaining("weekly", today).start;
  const firstWeek = addDays(thisWeek, -14);
  const schedule = await createSelfSchedule(
    db,
    at(a.companyAdmin, firstWeek, 8),
    SelfScheduleCreate.parse({
      checklistId: demoSiteChecklistId,
      title: "每周现场安全自查",
      frequency: "weekly",
      assigneeUserId: a.companyAdmin.userId,
      startsOn: firstWeek,
    }),
  );
  const selfFindings: Record<string, Finding>[] = [
    {},
    { "g-extinguishers": { result: "fail", note: "成品仓库 3 具干粉灭火器压力指针处于红区" } },
  ];
  for (const [i, findings] of selfFindings.entries()) {
    const tuesday = addDays(firstWeek, i * 7 + 1);
    const started = await startSelfOccurrence(db, at(a.companyAdmin, tuesday, 9), schedule.id);
    const detail = await getInspection(db, at(a.companyAdmin, tuesday, 9), started.inspectionId);
    const summary = Object.keys(findings).length ? "发现问题已登记隐患并安排整改" : "未发现问题";
    await conduct(detail, a.companyAdmin, tuesday, findings, summary, []);
  }
  await startSelfOccurrence(db, justNow(a.companyAdmin, 30), schedule.id);

  // ── 年度监督检查计划: drafted on the first of the month, approved the same day ─────────────────────────────
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const drafted = await createInspectionPlan(
    db,
    at(lead, firstOfMonth, 8),
    InspectionPlanCreate.parse({ year, regionCode: lead.regionCode, fromMonth: month }),
    options,
  );
  let plan = await approveInspectionPlan(db, at(a.leader, firstOfMonth, 8.5), drafted.id, drafted.version, options);
  // The company's earliest visit; brought forward to this month when planned later (an audited move with its reason).
  let visit: { id: string; month: number } | undefined;
  for (let page = 1; !visit; page++) {
    const items = await listPlanItems(db, at(lead, firstOfMonth, 8.5), plan.id, PlanItemsQuery.parse({ page, pageSize: 100 }));
    visit = items.items.filter((i) => i.enterpriseId === company.id).sort((x, y) => x.month - y.month)[0];
    if (page * 100 >= items.total) break;
  }
  const inspectionDay = addDays(today, -2) < firstOfMonth ? firstOfMonth : addDays(today, -2);
  if (visit && visit.month !== month) {
    const moved = await movePlanItem(
      db,
      at(lead, inspectionDay, 8.75),
      plan.id,
      visit.id,
      PlanItemMove.parse({ version: plan.version, month, reason: "企业新建装置试生产，提前安排检查" }),
    );
    plan = { ...plan, version: moved.version };
  }

  // ── 执法检查: the planned visit, two inspectors, two findings → two hazards ───────────────────────────────────
  const planned = await createInspection(
    db,
    at(lead, inspectionDay, 9),
    InspectionCreate.parse({
      kind: visit ? "planned" : "unannounced",
      enterpriseId: company.id,
      checklistId: demoSiteChecklistId,
      inspectorIds: [lead.userId, second.userId],
      planItemId: visit?.id ?? null,
      ...gps,
    }),
  );
  const finished = await conduct(
    planned,
    lead,
    inspectionDay,
    {
      "g-exits": { result: "fail", note: "二号车间东侧安全出口被成品托盘堵塞" },
      "g-railing": { number: 0.9, note: "甲醇罐区二层操作平台" },
    },
    "现场检查发现 2 项一般事故隐患，已责令企业限期整改",
    [lead, second],
  );

  // ── 双随机: the first drawn enterprise's inspection, begun this morning and half answered ─────────────────────
  const target = a.draw?.drawn.find((d) => d.enterpriseId !== company.id);
  if (a.draw && target) {
    const starter = [lead, second].find((m) => target.teamUserIds.includes(m.userId)) ?? lead;
    const open = await createInspection(
      db,
      justNow(starter, 90),
      InspectionCreate.parse({
        kind: "double_random",
        enterpriseId: target.enterpriseId,
        checklistId: demoSiteChecklistId,
        // The team the draw picked (double-random.md R3, R8.7), started by one of its officers.
        inspectorIds: target.teamUserIds,
        drawId: a.draw.id,
      }),
    );
    const items = itemsOf(open);
    await putInspectionResponses(
      db,
      justNow(starter, 60),
      open.id,
      InspectionResponsesPut.parse({ version: open.version, responses: answersFor(items, {}, Math.ceil(items.length / 2)) }),
    );
  }
  return { plannedInspectionId: finished.id, inspectionDay };
}
