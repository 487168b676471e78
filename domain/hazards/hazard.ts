import { type CalendarDay, isCalendarDay } from "../common/calendar.js";
import type { EnterpriseCategory } from "../enterprise/enterprise.dto.js";
import { type CriterionItem, criteriaItems } from "./criteria-library.js";

/** 16号令 Art. 3 (R1): 一般 general, 重大 major. */
export const hazardLevels = ["general", "major"] as const;
export type HazardLevel = (typeof hazardLevels)[number];

/**
 * States of the closed loop. `overdue` is entered by the escalation job (R12, later); it behaves as
 * `rectifying` for the enterprise. `accepted` (销号) and `voided` are terminal.
 */
export const hazardStates = ["reported", "rectifying", "overdue", "awaiting_acceptance", "accepted", "voided"] as const;
export type HazardState = (typeof hazardStates)[number];
export const openHazardStates: readonly HazardState[] = ["reported", "rectifying", "overdue", "awaiting_acceptance"];

export const hazardActions = ["set_plan", "submit", "accept", "reject", "void", "fix_on_spot"] as const;
export type HazardAction = (typeof hazardActions)[number];

/** The state machine as data (applied server-side with applyTransition: guarded by state and version). */
export const hazardMachine = {
  name: "hazard",
  states: hazardStates,
  transitions: {
    set_plan: { from: ["reported"], to: "rectifying" },
    submit: { from: ["rectifying", "overdue"], to: "awaiting_acceptance" },
    accept: { from: ["awaiting_acceptance"], to: "accepted" },
    reject: { from: ["awaiting_acceptance"], to: "rectifying" },
    void: { from: ["reported", "rectifying", "overdue", "awaiting_acceptance"], to: "voided" },
    // 立即整改: a general hazard found and fixed at once (R6 general) — one step to 销号.
    fix_on_spot: { from: ["reported"], to: "accepted" },
  },
} as const satisfies {
  name: string;
  states: readonly HazardState[];
  transitions: Record<HazardAction, { from: readonly HazardState[]; to: HazardState }>;
};

export const hazardSources = ["self_check", "check_task", "grid_patrol", "regulator_inspection", "tip_off", "sensor", "other"] as const;
export type HazardSource = (typeof hazardSources)[number];

/** 基础管理类 / 现场管理类 with their sub-types (the classification used in 隐患排查 guidance). */
export const hazardCategories = {
  basic_management: [
    "qualification", // 资质证照
    "organisation", // 安全生产管理机构及人员
    "responsibility", // 安全生产责任制
    "rules", // 安全生产管理制度
    "operating_procedures", // 安全操作规程
    "training", // 教育培训
    "records", // 安全生产管理档案
    "investment", // 安全生产投入
    "emergency", // 应急管理
    "special_equipment", // 特种设备基础管理
    "occupational_health", // 职业卫生基础管理
    "contractors", // 相关方基础管理
    "other",
  ],
  site_management: [
    "special_equipment", // 特种设备现场管理
    "equipment_process", // 生产设备设施及工艺
    "premises", // 场所环境
    "operations", // 从业人员操作行为
    "fire", // 消防安全
    "electrical", // 用电安全
    "occupational_health", // 职业卫生现场安全
    "contractors", // 有关方现场管理
    "other",
  ],
} as const;
export type HazardCategory = keyof typeof hazardCategories;
export const hazardCategoryKeys = Object.keys(hazardCategories) as HazardCategory[];

export function isSubTypeOf(category: HazardCategory, subType: string): boolean {
  return (hazardCategories[category] as readonly string[]).includes(subType);
}

/** Criteria that apply to an enterprise: 121号 items by 化工/危化 or 烟花爆竹, 10号令 items for 工贸 (industry articles by sub-category). */
export function criteriaFor(category: EnterpriseCategory, subcategory?: string | null): CriterionItem[] {
  return criteriaItems.filter(
    (c) => c.categories.includes(category) && (!c.subcategories || (!!subcategory && c.subcategories.includes(subcategory))),
  );
}

export function criterionById(id: string): CriterionItem | undefined {
  return criteriaItems.find((c) => c.id === id);
}

/** A problem with one field: the path and the message code (registered zh-CN/en by the server). */
export type Problem = { path: string; code: string };

/** Funds in yuan ("12.30", 12.3) as integer fen, exactly; null when not a non-negative amount with ≤ 2 decimals. */
export function yuanToFen(value: string | number): number | null {
  const s = typeof value === "number" ? String(value) : value.trim();
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export const suspensionKinds = ["none", "partial", "full"] as const;
export type Suspension = (typeof suspensionKinds)[number];

/**
 * 五落实 (R7) and, for 重大, the six-part treatment plan (R6, 16号令 Art. 15): 目标和任务 goal; 方法和措施 measures;
 * 经费和物资 funds (+ materials); 机构和人员 organisation + responsible person; 时限和要求 deadline (+ requirements);
 * 安全措施和应急预案 contingency. A major hazard also records production suspension (R8).
 */
export type PlanInput = {
  measures?: string | null;
  responsibleName?: string | null;
  responsiblePhone?: string | null;
  funds?: string | number | null;
  deadline?: string | null;
  contingency?: string | null;
  goal?: string | null;
  materials?: string | null;
  organisation?: string | null;
  requirements?: string | null;
  suspension?: Suspension | null;
};

const filled = (s: string | null | undefined) => !!s && s.trim().length > 0;

/**
 * What keeps a plan from starting rectification (R6, R7); empty = the plan may be set.
 * General: measures, responsible person and a deadline later than today (funds, when given, ≥ 0).
 * Major: all five 五落实 items plus goal, organisation and the suspension decision.
 */
export function planProblems(level: HazardLevel, plan: PlanInput, today: CalendarDay): Problem[] {
  const out: Problem[] = [];
  const need = (path: keyof PlanInput, ok: boolean) => {
    if (!ok) out.push({ path, code: `hazards.plan.${path}_required` });
  };
  need("measures", filled(plan.measures));
  need("responsibleName", filled(plan.responsibleName));
  if (!filled(plan.deadline)) need("deadline", false);
  else if (!isCalendarDay(plan.deadline as string)) out.push({ path: "deadline", code: "hazards.plan.deadline_invalid" });
  else if ((plan.deadline as string) <= today) out.push({ path: "deadline", code: "hazards.plan.deadline_past" });
  if (plan.funds !== undefined && plan.funds !== null && plan.funds !== "") {
    const negative = typeof plan.funds === "number" ? plan.funds < 0 : plan.funds.trim().startsWith("-");
    if (negative) out.push({ path: "funds", code: "hazards.plan.funds_negative" });
    else if (yuanToFen(plan.funds) === null) out.push({ path: "funds", code: "hazards.plan.funds_invalid" });
  } else if (level === "major") need("funds", false);
  if (level === "major") {
    need("contingency", filled(plan.contingency));
    need("goal", filled(plan.goal));
    need("organisation", filled(plan.organisation));
    need("suspension", !!plan.suspension);
  }
  return out;
}

/** Sources each role may report (R3 自查自改自报; grid patrols; regulators' inspections; tip-offs come through regulators). */
export const reportableSources: Record<string, readonly HazardSource[]> = {
  admin: ["self_check", "grid_patrol", "regulator_inspection", "tip_off", "sensor", "other"],
  regulator_leader: ["regulator_inspection", "tip_off", "other"],
  regulator_inspector: ["regulator_inspection", "tip_off", "other"],
  grid_member: ["grid_patrol"],
  enterprise_admin: ["self_check", "sensor", "other"],
  enterprise_staff: ["self_check", "sensor", "other"],
};

/**
 * Whether acceptance (销号) belongs to a regulator: a major hazard (R10) or one a regulator found (issue §3);
 * otherwise the enterprise accepts its own (自查自改).
 */
export function acceptedByRegulator(h: { level: HazardLevel; source: HazardSource }): boolean {
  return h.level === "major" || h.source === "regulator_inspection";
}
