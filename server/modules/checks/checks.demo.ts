import type { CheckFrequency } from "../../../domain/checks/schedule.js";
import { periodContaining } from "../../../domain/checks/schedule.js";
import { addDays, shanghaiDay, shanghaiMidnight } from "../../../domain/common/calendar.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";
import { listRiskPoints } from "../risk/risk.service.js";
import { createCheckTask, recordCheck } from "./checks.service.js";

/**
 * Demo check tasks for the showcase company: the first measure of each of its risk points becomes a
 * task of its staff member (engineering daily, management weekly, the rest monthly), started `days`
 * ago, and the member's last `days` of work are replayed day by day through the same service —
 * mostly passed, some missed, a few failed with what was found. Deterministic.
 */
export async function seedDemoChecks(db: Db, ctx: Ctx, enterpriseId: string, member: Actor, days = 28): Promise<number> {
  const today = shanghaiDay(ctx.now);
  const start = addDays(today, -days);
  const points = await listRiskPoints(db, ctx, enterpriseId, { page: 1, pageSize: 100 });
  const tasks: { id: string; frequency: CheckFrequency }[] = [];
  for (const point of points.items.slice(0, 6)) {
    const measure = point.events[0]?.measures[0];
    if (!measure) continue;
    const frequency: CheckFrequency = measure.type === "engineering" ? "daily" : measure.type === "management" ? "weekly" : "monthly";
    const task = await createCheckTask(db, ctx, point.id, {
      measureId: measure.id,
      content: `检查：${measure.description}`,
      method: null,
      frequency,
      assigneeUserId: member.userId,
      assigneePost: null,
      startsOn: start,
    });
    tasks.push({ id: task.id, frequency });
  }
  let records = 0;
  const done = new Set<string>();
  for (let d = 0; d < days; d++) {
    const day = addDays(start, d);
    // 09:30 in Shanghai, the morning round.
    const at: Ctx = { actor: member, ip: null, now: new Date(shanghaiMidnight(day).getTime() + 9.5 * 3600_000) };
    for (const [i, task] of tasks.entries()) {
      const period = periodContaining(task.frequency, day);
      if (done.has(`${task.id}:${period.key}`) || (d * 7 + i * 3) % 9 === 0) continue;
      const fail = (d + i * 5) % 17 === 0;
      await recordCheck(db, at, task.id, {
        result: fail ? "fail" : "pass",
        remark: fail ? "发现报警探头显示异常，已通知仪表班处理" : null,
        photo: null,
      });
      done.add(`${task.id}:${period.key}`);
      records++;
    }
  }
  return records;
}
