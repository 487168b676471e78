import { addDays, shanghaiDay, shanghaiMidnight } from "../../../domain/common/calendar.js";
import { RandomDrawPrepare } from "../../../domain/inspections/random-draw.dto.js";
import type { Actor, Ctx } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";
import { enforcementOfficers } from "../accounts/users.service.js";
import { listEnterprises } from "../enterprises/enterprises.service.js";
import { executeRandomDraw, prepareRandomDraw } from "./random-draws.service.js";

export type DemoDraw = {
  id: string;
  /** The drawn enterprises in draw order, each with its team (执法证号 and the officers' accounts). */
  drawn: { enterpriseId: string; uscc: string; team: string[]; teamUserIds: string[] }[];
};

/**
 * A 双随机 draw for 溧阳市, prepared (the commitment published, R8.2) by the county inspector six days ago and executed
 * the next day with a fixed beacon value — a demo value, as the title says, not a real lottery result — so
 * /public/random-draws/:id shows a record anyone can re-run. k = 5 over the county's enterprises; the officers are
 * the county's certified inspectors (R3). Through the service users call; deterministic but for the record ids.
 */
export async function seedDemoDraw(db: Db, ctx: Ctx, organiser: Actor, region = "320481"): Promise<DemoDraw> {
  const today = shanghaiDay(ctx.now);
  const at = (offset: number, hour: number): Ctx => ({
    actor: organiser,
    ip: null,
    now: new Date(shanghaiMidnight(addDays(today, offset)).getTime() + hour * 3600_000),
  });
  const year = today.slice(0, 4);
  const prepared = await prepareRandomDraw(
    db,
    at(-6, 9),
    RandomDrawPrepare.parse({
      planCode: `DEMO-${region}-${year}-01`,
      title: `溧阳市${year}年安全生产“双随机”抽查（演示 beacon，非真实开奖号码）`,
      regionCode: region,
      k: 5,
      teamSize: 2,
      beaconSource: "中国福利彩票双色球（演示 beacon）",
      beaconId: `${year}演示期`,
    }),
  );
  const executed = await executeRandomDraw(db, at(-5, 10), prepared.id, {
    version: prepared.version,
    beaconValue: "03 08 15 21 27 32 + 09",
  });
  const officers = new Map((await enforcementOfficers(db, { regionCode: region })).map((o) => [o.certNo, o.userId]));
  const drawn: DemoDraw["drawn"] = [];
  for (const o of executed.objects) {
    // The registry's USCC is the canonical one the draw froze: an exact search finds the enterprise.
    const [e] = (await listEnterprises(db, ctx, { q: o.uscc, region, page: 1, pageSize: 1, sort: "name" })).items;
    const team = o.team.map((m) => m.certNo);
    if (e) drawn.push({ enterpriseId: e.id, uscc: o.uscc, team, teamUserIds: team.flatMap((c) => officers.get(c) ?? []) });
  }
  return { id: executed.id, drawn };
}
