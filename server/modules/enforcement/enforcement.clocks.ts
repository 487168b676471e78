import { addDays, shanghaiDay } from "../../../domain/common/calendar.js";
import type { Page } from "../../../domain/common/page.js";
import type { CaseBoardItem, CaseBoardQuery } from "../../../domain/enforcement/board.dto.js";
import type { CaseClock, CasePhase } from "../../../domain/enforcement/case.js";
import {
  type CaseClockLadder,
  type CaseClockRung,
  caseClockLabels,
  caseClockLadder,
  caseClockRungs,
  caseClockRungsDue,
  clockDaysOverdue,
  defaultCaseClockLadder,
  parseCaseEscalationDays,
} from "../../../domain/enforcement/escalation.js";
import type { AppDeps } from "../../deps.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import { type Actor, type Ctx, systemContext } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import type { Message } from "../../kernel/i18n/i18n.js";
import type { JobDefinition } from "../../kernel/jobs/jobs.js";
import { activeUserIdsFor } from "../accounts/users.service.js";
import { departmentsByIds } from "../departments/departments.service.js";
import { enterpriseNames } from "../enterprises/enterprises.service.js";
import { notify } from "../notifications/notifications.service.js";
import { parentCodeOf } from "../regions/regions.service.js";
import * as repo from "./enforcement.clocks.repo.js";
import { caseScope } from "./enforcement.policy.js";

// Issue 8 §3: overdue case steps on the boards, and their escalation — the hazards' R12 machinery (hazards.md)
// on the case clocks of enforcement.md R2. Idempotent by construction: the (case, clock, due, decision, rung) key of
// case_clock_escalations decides which run acts, so a second run or a second instance sends nothing more.

const batchSize = 100;
const jobName = "case clocks";
const yieldToEventLoop = () => new Promise((r) => setImmediate(r)); // PGlite shares this thread with requests

type StoredClock = { clock: string; due: string; decision?: number };

const byDue = (a: StoredClock, b: StoredClock) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.clock.localeCompare(b.clock));

/**
 * The board (GET /api/cases/board): cases in the caller's scope (caseScope: a leader's region subtree) with running
 * clocks, earliest due first; an inspector's own cases (officer of) come first. Each clock with its days overdue
 * and the escalation rungs fired for it.
 */
export async function caseBoard(db: Db, ctx: Ctx, q: CaseBoardQuery): Promise<Page<CaseBoardItem>> {
  const actor = ctx.actor as Actor; // route permission cases.oversee
  const today = shanghaiDay(ctx.now);
  const { items, total } = await repo.boardCases(
    db,
    caseScope(actor),
    {
      today,
      overdue: q.overdue === undefined ? undefined : q.overdue === "true",
      dueBy: q.dueWithin === undefined ? undefined : addDays(today, q.dueWithin),
      region: q.region,
      mineOf: q.mine === "true" ? actor.userId : undefined,
      firstOf: actor.role === "regulator_inspector" ? actor.userId : undefined,
    },
    q,
  );
  const [names, departments, fired] = await Promise.all([
    enterpriseNames(db, ctx, [...new Set(items.map((c) => c.enterpriseId))]),
    departmentsByIds(db, [...new Set(items.map((c) => c.departmentId))]),
    repo.firedRungs(
      db,
      items.map((c) => c.id),
    ),
  ]);
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  return {
    items: items.map((c) => ({
      id: c.id,
      caseNo: c.caseNo,
      title: c.title,
      phase: c.phase as CasePhase,
      enterpriseId: c.enterpriseId,
      enterpriseName: names.get(c.enterpriseId) ?? "",
      departmentId: c.departmentId,
      departmentName: departmentNames.get(c.departmentId) ?? "",
      regionCode: c.regionCode,
      nextDue: c.nextDue as string,
      mine: c.officers.some((o) => o.userId === actor.userId),
      officers: c.officers.map((o) => o.name),
      clocks: [...c.clocks].sort(byDue).map((k) => {
        const decision = k.decision ?? -1;
        const done = fired.get(c.id);
        return {
          clock: k.clock as CaseClock,
          due: k.due,
          overdue: today > k.due,
          daysOverdue: clockDaysOverdue(k.due, today),
          decision: k.decision ?? null,
          escalated: caseClockRungs.filter((r) => done?.has(repo.rungKey(k.clock, k.due, decision, r))),
        };
      }),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export type CaseClockEscalationSummary = { fired: Partial<Record<CaseClockRung, number>>; notified: number };

/** Who hears of a rung: the case's officers; the department region's leaders (分管领导); the parent region's leaders. */
class Recipients {
  private cache = new Map<string, Promise<string[]>>();
  constructor(private readonly db: Db) {}

  private leaders(regionCode: string | null): Promise<string[]> {
    if (!regionCode) return Promise.resolve([]);
    let found = this.cache.get(regionCode);
    if (!found) {
      found = activeUserIdsFor(this.db, { roles: ["regulator_leader"], regionCodes: [regionCode] });
      this.cache.set(regionCode, found);
    }
    return found;
  }

  async of(rung: CaseClockRung, c: repo.ClockCaseRow): Promise<string[]> {
    switch (rung) {
      case "officers":
        return c.officers.map((o) => o.userId);
      case "leader":
        return this.leaders(c.departmentRegion);
      case "superior":
        return this.leaders(parentCodeOf(c.departmentRegion));
    }
  }
}

type Facts = { caseNo: string; enterprise: string; department: string; clock: CaseClock; due: string; o: number };

/** The notification of one rung (zh/en): the case number, the step, its due day and how many days overdue. */
function rungMessage(rung: CaseClockRung, f: Facts): { title: Message; body: Message } {
  const step = caseClockLabels[f.clock];
  const what = {
    zh: `案件${f.caseNo}（${f.enterprise}）的“${step.zh}”环节已于${f.due}到期，现已逾期${f.o}天`,
    en: `Case ${f.caseNo} (${f.enterprise}): the step "${step.en}" was due on ${f.due} and is ${f.o} day(s) overdue`,
  };
  switch (rung) {
    case "officers":
      return {
        title: { zh: "执法环节已超期", en: "Enforcement step overdue" },
        body: { zh: `${what.zh}。请承办人员尽快办理。`, en: `${what.en}. The case officers should see to it at once.` },
      };
    case "leader":
      return {
        title: { zh: "执法环节超期，请督促办理", en: "Overdue enforcement step in your department" },
        body: {
          zh: `${what.zh}，承办人员已收到提醒。请分管领导督促办理。`,
          en: `${what.en}; the case officers have been reminded. As the leader in charge, see that it is done.`,
        },
      };
    case "superior":
      return {
        title: { zh: "执法环节严重超期，提请上级督办", en: "Enforcement step long overdue: escalated to you" },
        body: {
          zh: `${f.department}办理的${what.zh}，分管领导已收到提醒。请上级部门督办。`,
          en: `${what.en} (${f.department}); the leader in charge has been reminded. It is escalated to you for supervision.`,
        },
      };
  }
}

/** Fires one rung of one clock: only the transaction that records it audits and notifies. Null when already fired. */
async function fireRung(
  db: Db,
  ctx: Ctx,
  c: repo.ClockCaseRow,
  k: StoredClock,
  rung: CaseClockRung,
  f: Facts,
  recipients: string[],
  today: string,
): Promise<number | null> {
  const decision = k.decision ?? -1;
  return withTx(db, async (tx) => {
    const fired = await repo.insertClockEscalation(tx, { caseId: c.id, clock: k.clock, due: k.due, decision, rung, firedAt: ctx.now });
    if (!fired) return null;
    await writeAudit(tx, ctx, {
      action: "case.clock.escalate",
      entityType: "enforcement_case",
      entityId: c.id,
      regionCode: c.regionCode,
      detail: { clock: k.clock, due: k.due, decision, rung, daysOverdue: f.o, day: today, recipients: recipients.length },
    });
    const msg = rungMessage(rung, f);
    return notify(tx, ctx, {
      userIds: recipients,
      kind: `case.clock.${rung}`,
      title: msg.title,
      body: msg.body,
      link: `/cases/${c.id}`,
      subjectType: "enforcement_case",
      subjectId: c.id,
      dedupeKey: `case:${c.id}:${k.clock}:${k.due}:${decision}:${rung}`,
    });
  });
}

/**
 * One run of the issue 8 §3 job as of `now` (its Asia/Shanghai day): for every case with a clock past its due day
 * (next_due < today), in bounded batches, fire each rung due and not fired yet, as the system's act.
 */
export async function runCaseClockEscalation(
  db: Db,
  now: Date,
  ladder: CaseClockLadder = defaultCaseClockLadder,
): Promise<CaseClockEscalationSummary> {
  const ctx = systemContext({ ip: null, now }, jobName);
  const today = shanghaiDay(now);
  const summary: CaseClockEscalationSummary = { fired: {}, notified: 0 };
  const recipients = new Recipients(db);
  let afterId: string | null = null;
  for (;;) {
    await yieldToEventLoop();
    const batch = await repo.overdueCases(db, today, afterId, batchSize);
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1]?.id ?? null;
    const fired = await repo.firedRungs(
      db,
      batch.map((c) => c.id),
    );
    const pending = batch.flatMap((c) =>
      c.clocks
        .filter((k) => k.due < today)
        .sort(byDue)
        .flatMap((k) =>
          caseClockRungsDue(k.due, today, ladder)
            .filter((rung) => !fired.get(c.id)?.has(repo.rungKey(k.clock, k.due, k.decision ?? -1, rung)))
            .map((rung) => ({ c, k, rung })),
        ),
    );
    if (pending.length === 0) continue;
    // Read before the transactions: PGlite runs one statement stream, so no outside query may wait inside one.
    const lookup = systemContext(ctx, "enforcement");
    const [names, departments] = await Promise.all([
      enterpriseNames(db, lookup, [...new Set(pending.map((p) => p.c.enterpriseId))]),
      departmentsByIds(db, [...new Set(pending.map((p) => p.c.departmentId))]),
    ]);
    const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
    for (const { c, k, rung } of pending) {
      const facts: Facts = {
        caseNo: c.caseNo,
        enterprise: names.get(c.enterpriseId) ?? "",
        department: departmentNames.get(c.departmentId) ?? "",
        clock: k.clock as CaseClock,
        due: k.due,
        o: clockDaysOverdue(k.due, today),
      };
      const sent = await fireRung(db, ctx, c, k, rung, facts, await recipients.of(rung, c), today);
      if (sent === null) continue; // another run fired it first
      summary.fired[rung] = (summary.fired[rung] ?? 0) + 1;
      summary.notified += sent;
    }
  }
  return summary;
}

/** Daily at 00:15 Asia/Shanghai (after the hazards' ladder): the case-clock ladder (CASE_ESCALATION_DAYS, else defaults). */
export function caseClockEscalationJob(deps: AppDeps): JobDefinition {
  const parsed = parseCaseEscalationDays(deps.config.caseEscalationDays);
  if ("error" in parsed) throw new Error(`CASE_ESCALATION_DAYS: ${parsed.error}`);
  const ladder = caseClockLadder(parsed.days);
  return {
    name: "enforcement.clocks.escalate",
    cron: "15 0 * * *",
    run: async (now) => {
      await runCaseClockEscalation(deps.db, now, ladder);
    },
  };
}
