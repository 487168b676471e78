import { shanghaiDay, type WorkCalendar } from "../../../domain/common/calendar.js";
import type { PublicDrawResults } from "../../../domain/inspections/inspection.dto.js";
import type { InspectionResult } from "../../../domain/inspections/inspection.js";
import { publicationDeadline, publicResultOf, publishWithinWorkingDays } from "../../../domain/inspections/publication.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, sql } from "../../kernel/db/db.js";
import { publishedDraw } from "../random-draws/random-draws.service.js";
import { finishedOfDraws } from "./inspections.stats.repo.js";

/**
 * 双随机一公开 results (double-random.md R7), public, no sign-in: for a draw whose public record shows its result
 * (404 otherwise, decided by the draw register), every finished inspection linked to it of an object it drew — the
 * enterprise's name and USCC, the day the inspection ended and the result, nothing more. A result is public from
 * the moment its inspection finishes; `publishBy` is the deadline R7 sets (the end + 20 working days).
 */
export async function publicDrawResults(db: Db, ctx: Ctx, drawId: string, calendar: WorkCalendar): Promise<PublicDrawResults> {
  const draw = await publishedDraw(db, ctx, drawId);
  // Public: every linked inspection counts, whoever may read it (the link was checked when it started).
  const finished = await finishedOfDraws(db, sql`true`, [draw.id]);
  const order = new Map(draw.objects.map((o, n) => [o.enterpriseId, { ...o, n }]));
  const results = finished
    .flatMap((r) => {
      const object = order.get(r.enterpriseId);
      return object && r.result ? [{ object, finishedAt: r.finishedAt, result: r.result as InspectionResult }] : [];
    })
    .sort((a, b) => a.object.n - b.object.n || a.finishedAt.getTime() - b.finishedAt.getTime())
    .map(({ object, finishedAt, result }) => {
      const inspectedOn = shanghaiDay(finishedAt);
      return {
        uscc: object.uscc,
        name: object.name,
        inspectedOn,
        result: publicResultOf[result],
        publishBy: publicationDeadline(inspectedOn, calendar),
      };
    });
  return { drawId: draw.id, planCode: draw.planCode, title: draw.title, publishWithinWorkingDays, results };
}
