import type { EnterpriseCategory } from "../enterprise/enterprise.dto.js";
import { levelRank, type RiskColour, type RiskLevel, riskColours, riskLevels } from "../risk/levels.js";

/**
 * 分类分级 annual inspection plan (double-random.md R6; 安监总政法〔2017〕150号 Art. 6–7; 应急〔2021〕23号):
 * enterprises are split into 重点 (key) groups inspected by schedule and 一般 (general) groups left to the
 * double-random draw, each group graded by its planning colour; a group's frequency spreads its visits over
 * the months, teams of two 执法人员 are assigned round-robin, and part of the capacity is held back (留有余地).
 */

export const planTiers = ["key", "general"] as const;
export type PlanTier = (typeof planTiers)[number];

/** Groups by tier and colour. Red is always key (R6 突出重点), so there is no general red group. */
export const planGroupKeys = [
  "key.red",
  "key.orange",
  "key.yellow",
  "key.blue",
  "general.orange",
  "general.yellow",
  "general.blue",
] as const;
export type PlanGroupKey = (typeof planGroupKeys)[number];
export type PlanFrequencies = Record<PlanGroupKey, number>;

/**
 * Defaults (deployment configuration PLAN_FREQUENCIES): key red quarterly, orange twice, yellow and blue once a
 * year (R6: key ≥ 1/yr); general enterprises 0 = covered by the double-random draw (R6 一般检查).
 */
export const defaultPlanFrequencies: PlanFrequencies = {
  "key.red": 4,
  "key.orange": 2,
  "key.yellow": 1,
  "key.blue": 1,
  "general.orange": 0,
  "general.yellow": 0,
  "general.blue": 0,
};
export const maxPlanFrequency = 12;

/** R6 留有余地: share of capacity held back for complaints, accidents and follow-up (our default 20 %). */
export const defaultReserveShare = 0.2;
/** 行政处罚法 Art. 42, double-random.md R3: at least two officers per inspection. */
export const planTeamSize = 2;

export function groupKeyOf(tier: PlanTier, colour: RiskColour): PlanGroupKey {
  return (tier === "general" && colour === "red" ? "key.red" : `${tier}.${colour}`) as PlanGroupKey;
}
export function splitGroupKey(key: PlanGroupKey): { tier: PlanTier; colour: RiskColour } {
  const [tier, colour] = key.split(".") as [PlanTier, RiskColour];
  return { tier, colour };
}

/**
 * PLAN_FREQUENCIES, e.g. `red=4,orange=2,yellow=1,blue=1,general=0`: a colour sets its key group, `general` every
 * general group, and a group key (`general.orange=1`) one group; later entries win; each value 0–12 visits a year.
 */
export function parsePlanFrequencies(text: string): { frequencies: PlanFrequencies } | { error: string } {
  const frequencies = { ...defaultPlanFrequencies };
  for (const part of text.split(",")) {
    const entry = part.trim();
    if (!entry) continue;
    const m = /^([a-z.]+)\s*=\s*(\d+)$/.exec(entry);
    if (!m) return { error: `"${entry}" is not name=number` };
    const [, name, value] = m as unknown as [string, string, string];
    const n = Number(value);
    if (n > maxPlanFrequency) return { error: `${name}: at most ${maxPlanFrequency} visits a year` };
    if (name === "general") {
      for (const k of planGroupKeys) if (k.startsWith("general.")) frequencies[k] = n;
    } else if ((planGroupKeys as readonly string[]).includes(name)) {
      frequencies[name as PlanGroupKey] = n;
    } else if ((["red", "orange", "yellow", "blue"] as string[]).includes(name)) {
      frequencies[`key.${name}` as PlanGroupKey] = n;
    } else {
      return { error: `unknown group "${name}" (red, orange, yellow, blue, general or e.g. general.orange)` };
    }
  }
  return { frequencies };
}

/** Why an enterprise is 重点 (R6's list; red risk by 突出重点). */
export const keyReasons = [
  "major_hazard_source",
  "hazardous_chemicals",
  "fireworks",
  "mining",
  "metal_smelting",
  "dust_explosion",
  "ammonia_refrigeration",
  "red_risk",
] as const;
export type KeyReason = (typeof keyReasons)[number];

/** What raised an enterprise's planning colour above its assessed risk level. */
export const raiseReasons = ["major_hazard_source", "major_hazard_last_year", "accident_last_year"] as const;
export type RaiseReason = (typeof raiseReasons)[number];

/** What the plan knows of an enterprise (the registry, the risk register, the hazard register, accidents). */
export type PlanEnterprise = {
  id: string;
  regionCode: string;
  category: EnterpriseCategory;
  subcategory: string | null;
  /** GB/T 4754-2017 code. */
  industryCode: string;
  /** 危险化学品重大危险源 (GB 18218-2018, kept on the registry by the major-hazard module). */
  hasMajorHazardSource: boolean;
  /** The highest level among its assessed risk points; null when none is assessed. */
  riskLevel: RiskLevel | null;
  hazardsLastYear: number;
  majorHazardsLastYear: number;
  /** Accidents of the last year; null while no accident register exists (a hook, not a zero). */
  accidentsLastYear: number | null;
  /** 粉尘涉爆 / 涉氨制冷: the registry records neither yet; null = unknown. */
  dustExplosion?: boolean | null;
  ammoniaRefrigeration?: boolean | null;
};

export type PlanClassification = {
  group: PlanGroupKey;
  tier: PlanTier;
  colour: RiskColour;
  keyReasons: KeyReason[];
  raisedBy: RaiseReason[];
};

/** GB/T 4754-2017 大类 31 黑色金属冶炼和压延加工业, 32 有色金属冶炼和压延加工业 (R6 金属冶炼). */
const smeltingDivisions = ["31", "32"];

const raise = (level: RiskLevel): RiskLevel => riskLevels[Math.min(levelRank(level) + 1, riskLevels.length - 1)] as RiskLevel;

/**
 * The planning colour and group of an enterprise (our reading of R5/R6, to be tuned by the deployment's
 * frequencies):
 * - start from the highest assessed risk level (unassessed: blue);
 * - a major hazard source is at least orange (较大);
 * - a 重大 hazard found last year or an accident last year raises it one level (R5: serious violations and
 *   accidents get more checks), once;
 * - key (重点) when R6 lists its category or trait, or when the result is red.
 */
export function classifyEnterprise(e: PlanEnterprise): PlanClassification {
  const raisedBy: RaiseReason[] = [];
  let level: RiskLevel = e.riskLevel ?? "low";
  if (e.hasMajorHazardSource && levelRank(level) < levelRank("significant")) {
    level = "significant";
    raisedBy.push("major_hazard_source");
  }
  const record: RaiseReason[] = [];
  if (e.majorHazardsLastYear > 0) record.push("major_hazard_last_year");
  if ((e.accidentsLastYear ?? 0) > 0) record.push("accident_last_year");
  if (record.length > 0 && level !== "major") {
    level = raise(level);
    raisedBy.push(...record);
  }
  const reasons: KeyReason[] = [];
  if (e.hasMajorHazardSource) reasons.push("major_hazard_source");
  if (e.category === "hazardous_chemicals" || e.category === "fireworks" || e.category === "mining") reasons.push(e.category);
  if (
    (e.category === "industry_trade" && (e.subcategory === "metallurgy" || e.subcategory === "nonferrous")) ||
    smeltingDivisions.includes(e.industryCode.slice(0, 2))
  )
    reasons.push("metal_smelting");
  if (e.dustExplosion) reasons.push("dust_explosion");
  if (e.ammoniaRefrigeration) reasons.push("ammonia_refrigeration");
  if (level === "major") reasons.push("red_risk");
  const colour = riskColours[level];
  const tier: PlanTier = reasons.length > 0 ? "key" : "general";
  return { group: groupKeyOf(tier, colour), tier, colour, keyReasons: reasons, raisedBy };
}

/** How many offsets a frequency may start at so its visits stay within fromMonth…12. */
export function monthOffsets(visits: number, fromMonth: number): number {
  const span = 13 - fromMonth;
  return Math.ceil(span / Math.min(visits, span));
}

/**
 * The months of `visits` evenly spread over fromMonth…12 from `offset`: visit i falls `floor(i·span/visits)` months
 * after the first (4 a year → m, m+3, m+6, m+9). More visits than months left are capped at one a month.
 */
export function visitMonths(visits: number, offset: number, fromMonth = 1): number[] {
  const span = 13 - fromMonth;
  const n = Math.min(visits, span);
  return Array.from({ length: n }, (_, i) => fromMonth + offset + Math.floor((i * span) / n));
}

export type PlanInspector = { userId: string; name: string; certNo: string };

export type PlanRules = {
  frequencies: PlanFrequencies;
  /** First month planned (a plan drafted mid-year spreads its visits over the months left). */
  fromMonth: number;
  /** 留有余地, whole percent (R6 reserveShare × 100). */
  reservePercent: number;
  /** Inspections an officer can take part in per month (deployment configuration). */
  visitsPerInspectorMonth: number;
  teamSize?: number;
};

export type PlannedVisit = { enterpriseId: string; regionCode: string; group: PlanGroupKey; month: number; team: PlanInspector[] };

export type PlanCapacity = {
  inspectors: number;
  teamSize: number;
  visitsPerInspectorMonth: number;
  months: number;
  /** Team inspections the officers can carry out over the months planned. */
  capacity: number;
  /** Held back (R6 留有余地): ceil(capacity × reserve). */
  reserve: number;
  available: number;
  planned: number;
  overCapacity: boolean;
  byMonth: { month: number; planned: number; available: number }[];
};

export type PlanGroupSummary = {
  key: PlanGroupKey;
  frequency: number;
  enterprises: number;
  visits: number;
  /** How many members each reason made key / raised (a member may have several). */
  keyReasons: { reason: KeyReason; enterprises: number }[];
  raisedBy: { reason: RaiseReason; enterprises: number }[];
};

export type GeneratedPlan = {
  visits: PlannedVisit[];
  groups: PlanGroupSummary[];
  classifications: Map<string, PlanClassification>;
  capacity: PlanCapacity;
  /** Visits per officer, in the pool's order. */
  load: { userId: string; visits: number }[];
};

/** Capacity against what is planned: team inspections per month = ⌊officers × per-officer ÷ team size⌋. */
export function planCapacity(args: {
  inspectors: number;
  fromMonth: number;
  reservePercent: number;
  visitsPerInspectorMonth: number;
  teamSize?: number;
  plannedByMonth: Map<number, number>;
}): PlanCapacity {
  const teamSize = args.teamSize ?? planTeamSize;
  const months = 13 - args.fromMonth;
  const perMonth = Math.floor((args.inspectors * args.visitsPerInspectorMonth) / teamSize);
  const held = (n: number) => Math.ceil((n * args.reservePercent) / 100);
  const capacity = perMonth * months;
  const reserve = held(capacity);
  const planned = [...args.plannedByMonth.values()].reduce((a, b) => a + b, 0);
  const byMonth = [];
  for (let m = args.fromMonth; m <= 12; m++) {
    byMonth.push({ month: m, planned: args.plannedByMonth.get(m) ?? 0, available: perMonth - held(perMonth) });
  }
  return {
    inspectors: args.inspectors,
    teamSize,
    visitsPerInspectorMonth: args.visitsPerInspectorMonth,
    months,
    capacity,
    reserve,
    available: capacity - reserve,
    planned,
    overCapacity: planned > capacity - reserve,
    byMonth,
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const county = (regionCode: string) => regionCode.slice(0, 6);

/**
 * Generates the plan's visits, deterministically (same inputs → same plan):
 * 1. classify every enterprise; its group's frequency is its number of visits (0: left to the draw);
 * 2. enterprises in order (more visits first, then region code, then id) take the offset whose months are least
 *    loaded in their county, then overall, then the earliest — months stay balanced;
 * 3. month by month, each visit gets the `teamSize` officers least loaded that month, then over the year, then in
 *    the pool's order (certificate number): round-robin that evens the load.
 */
export function generatePlan(enterprises: PlanEnterprise[], inspectors: PlanInspector[], rules: PlanRules): GeneratedPlan {
  const teamSize = rules.teamSize ?? planTeamSize;
  const pool = [...inspectors].sort((a, b) => byText(a.certNo, b.certNo) || byText(a.userId, b.userId));
  const classifications = new Map<string, PlanClassification>();
  const groups = new Map<PlanGroupKey, PlanGroupSummary>(
    planGroupKeys.map((k) => [k, { key: k, frequency: rules.frequencies[k], enterprises: 0, visits: 0, keyReasons: [], raisedBy: [] }]),
  );
  const tally = new Map<string, number>();
  const bump = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);
  const planned: { e: PlanEnterprise; n: number; group: PlanGroupKey }[] = [];
  for (const e of enterprises) {
    const c = classifyEnterprise(e);
    classifications.set(e.id, c);
    const g = groups.get(c.group) as PlanGroupSummary;
    g.enterprises += 1;
    for (const r of c.keyReasons) bump(`${c.group}|key|${r}`);
    for (const r of c.raisedBy) bump(`${c.group}|raised|${r}`);
    const n = Math.min(rules.frequencies[c.group], 13 - rules.fromMonth);
    if (n > 0) planned.push({ e, n, group: c.group });
  }
  planned.sort((a, b) => b.n - a.n || byText(a.e.regionCode, b.e.regionCode) || byText(a.e.id, b.e.id));
  if (planned.length > 0 && pool.length < teamSize) throw new Error(`a plan needs at least ${teamSize} inspectors`);

  const monthLoad = new Map<number, number>();
  const countyLoad = new Map<string, number>();
  const countyKey = (e: PlanEnterprise, m: number) => `${county(e.regionCode)}:${m}`;
  const scheduled: { e: PlanEnterprise; group: PlanGroupKey; month: number; order: number }[] = [];
  planned.forEach(({ e, n, group }, order) => {
    let best: number[] = [];
    let bestCost = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
    for (let o = 0; o < monthOffsets(n, rules.fromMonth); o++) {
      const months = visitMonths(n, o, rules.fromMonth);
      const inCounty = months.reduce((s, m) => s + (countyLoad.get(countyKey(e, m)) ?? 0), 0);
      const overall = months.reduce((s, m) => s + (monthLoad.get(m) ?? 0), 0);
      if (inCounty < (bestCost[0] as number) || (inCounty === bestCost[0] && overall < (bestCost[1] as number))) {
        best = months;
        bestCost = [inCounty, overall];
      }
    }
    for (const m of best) {
      monthLoad.set(m, (monthLoad.get(m) ?? 0) + 1);
      countyLoad.set(countyKey(e, m), (countyLoad.get(countyKey(e, m)) ?? 0) + 1);
      scheduled.push({ e, group, month: m, order });
    }
    (groups.get(group) as PlanGroupSummary).visits += best.length;
  });

  for (const g of groups.values()) {
    g.keyReasons = keyReasons.flatMap((reason) => {
      const n = tally.get(`${g.key}|key|${reason}`) ?? 0;
      return n ? [{ reason, enterprises: n }] : [];
    });
    g.raisedBy = raiseReasons.flatMap((reason) => {
      const n = tally.get(`${g.key}|raised|${reason}`) ?? 0;
      return n ? [{ reason, enterprises: n }] : [];
    });
  }

  scheduled.sort((a, b) => a.month - b.month || a.order - b.order);
  const total = pool.map(() => 0);
  const inMonth = new Map<number, number[]>();
  const visits: PlannedVisit[] = scheduled.map(({ e, group, month }) => {
    const monthly = inMonth.get(month) ?? pool.map(() => 0);
    inMonth.set(month, monthly);
    const chosen = pool
      .map((_, i) => i)
      .sort((a, b) => (monthly[a] as number) - (monthly[b] as number) || (total[a] as number) - (total[b] as number) || a - b)
      .slice(0, teamSize)
      .sort((a, b) => a - b);
    for (const i of chosen) {
      monthly[i] = (monthly[i] as number) + 1;
      total[i] = (total[i] as number) + 1;
    }
    return { enterpriseId: e.id, regionCode: e.regionCode, group, month, team: chosen.map((i) => pool[i] as PlanInspector) };
  });

  return {
    visits,
    groups: [...groups.values()],
    classifications,
    capacity: planCapacity({
      inspectors: pool.length,
      fromMonth: rules.fromMonth,
      reservePercent: rules.reservePercent,
      visitsPerInspectorMonth: rules.visitsPerInspectorMonth,
      teamSize,
      plannedByMonth: monthLoad,
    }),
    load: pool.map((p, i) => ({ userId: p.userId, visits: total[i] as number })),
  };
}

/**
 * Progress of a planned visit: done (a finished inspection is linked to it), overdue (its month has passed), due
 * (its month is this month), upcoming. As counts and filters, "due" takes in the overdue ones too (month current
 * or past, not done); "overdue" is the part whose month has passed.
 */
export const planItemStatuses = ["done", "due", "overdue", "upcoming"] as const;
export type PlanItemStatus = (typeof planItemStatuses)[number];

/**
 * The plan's current month as a number the months compare with: 0 before the plan's year, 13 after it,
 * else today's month (Asia/Shanghai). A visit of month m is due when m ≤ current, overdue when m < current.
 */
export function currentPlanMonth(year: number, today: string): number {
  const y = Number(today.slice(0, 4));
  if (y < year) return 0;
  if (y > year) return 13;
  return Number(today.slice(5, 7));
}

export function planItemStatus(month: number, current: number, done: boolean): PlanItemStatus {
  if (done) return "done";
  if (month < current) return "overdue";
  if (month === current) return "due";
  return "upcoming";
}
