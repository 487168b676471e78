import { type CalendarDay, shanghaiDay } from "../../../domain/common/calendar.js";
import { parseHolidays } from "../../../domain/hazards/supervision.js";
import type { PublicDrawResults } from "../../../domain/inspections/inspection.dto.js";
import type { InspectionResult } from "../../../domain/inspections/inspection.js";
import { publicationDeadline, publicResultOf, publishWithinWorkingDays } from "../../../domain/inspections/publication.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import type { Config } from "../../kernel/config.js";
import { type Db, sql } from "../../kernel/db/db.js";
import { publishedDraw } from "../random-draws/random-draws.service.js";
import { finishedOfDraws } from "./inspections.stats.repo.js";

/** HOLIDAYS as rest days for the working-day count of R7 (a bad value already stops the boot, see hazards). */
export function holidaysOf(config: Pick<Config, "holidays">): CalendarDay[] {
  const parsed = parseHolidays(config.holidays);
  if ("error" in parsed) throw new Error(`HOLIDAYS: ${parsed.error}`);
  return parsed.days;
}

/**
 * 双随机一公开 results (double-random.md R7), public, no sign-in: for a draw whose public record shows its result
 * (404 otherwise, decided by the draw register), every finished inspection linked to it of an object it drew — the
 * enterprise's name and USCC, the day the inspection ended and the result, nothing more. A result is public from
 * the moment its inspection finishes; `publishBy` is the deadline R7 sets (the end + 20 working days).
 */
export async function publicDrawResults(db: Db, ctx: Ctx, drawId: string, holidays: readonly CalendarDay[]): Promise<PublicDrawResults> {
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
        publishBy: publicationDeadline(inspectedOn, holidays),
      };
    });
  return { drawId: draw.id, planCode: draw.planCode, title: draw.title, publishWithinWorkingDays, results };
}
