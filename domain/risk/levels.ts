import { z } from "zod";

/**
 * The four risk levels and their colours (安委办〔2016〕11号 二(二), risk-assessment R2):
 * 重大 red, 较大 orange, 一般 yellow, 低 blue. Ordered from the lowest.
 */
export const riskLevels = ["low", "general", "significant", "major"] as const;
export const RiskLevel = z.enum(riskLevels);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const riskColours = { major: "red", significant: "orange", general: "yellow", low: "blue" } as const satisfies Record<
  RiskLevel,
  string
>;
export type RiskColour = (typeof riskColours)[RiskLevel];

export const riskLevelLabels: Record<RiskLevel, { zh: string; en: string }> = {
  major: { zh: "重大风险", en: "Major risk" },
  significant: { zh: "较大风险", en: "Significant risk" },
  general: { zh: "一般风险", en: "General risk" },
  low: { zh: "低风险", en: "Low risk" },
};

export const riskColourLabels: Record<RiskColour, { zh: string; en: string }> = {
  red: { zh: "红", en: "Red" },
  orange: { zh: "橙", en: "Orange" },
  yellow: { zh: "黄", en: "Yellow" },
  blue: { zh: "蓝", en: "Blue" },
};

/** Display colours a policy starts from (it may set its own shades; the colour names are fixed by R2). */
export const defaultColourHex: Record<RiskLevel, string> = {
  major: "#e02020",
  significant: "#fa8c16",
  general: "#fadb14",
  low: "#1677ff",
};

export const levelRank = (level: RiskLevel): number => riskLevels.indexOf(level);

/** The higher of two levels (R8: recorded level = max(scored, override)). */
export const maxLevel = (a: RiskLevel, b: RiskLevel): RiskLevel => (levelRank(a) >= levelRank(b) ? a : b);

/** The highest level among `levels`, or null when there is none (an enterprise's overall level, issue 5 §3). */
export function highestLevel(levels: Iterable<RiskLevel | null | undefined>): RiskLevel | null {
  let top: RiskLevel | null = null;
  for (const l of levels) if (l && (top === null || levelRank(l) > levelRank(top))) top = l;
  return top;
}

/**
 * Control layers (分级管控, 11号 二(三): 企业、车间、班组和岗位), from the top. A higher layer also
 * oversees everything below it (R9).
 */
export const controlLayers = ["enterprise", "department", "workshop", "team_post"] as const;
export const ControlLayer = z.enum(controlLayers);
export type ControlLayer = z.infer<typeof ControlLayer>;

export const controlLayerLabels: Record<ControlLayer, { zh: string; en: string }> = {
  enterprise: { zh: "公司（企业）级", en: "Enterprise" },
  department: { zh: "部门级", en: "Department" },
  workshop: { zh: "车间（班组）级", en: "Workshop / team" },
  team_post: { zh: "班组（岗位）级", en: "Team / post" },
};

/** R9 default owner layer by level: 重大 → enterprise (principal), 较大 → department, 一般 → workshop, 低 → team/post. */
export const defaultControlLayers: Record<RiskLevel, ControlLayer> = {
  major: "enterprise",
  significant: "department",
  general: "workshop",
  low: "team_post",
};

/** A per-enterprise layer table (R9 is "changeable per enterprise"): every level gets a layer. */
export const ControlLayerTable = z.object({
  major: ControlLayer,
  significant: ControlLayer,
  general: ControlLayer,
  low: ControlLayer,
});
export type ControlLayerTable = z.infer<typeof ControlLayerTable>;

/** The layers above `layer`: they oversee what it controls (R9). */
export const layersAbove = (layer: ControlLayer): ControlLayer[] => controlLayers.slice(0, controlLayers.indexOf(layer));

/** The layer that controls a risk of `level`, and the layers above it that oversee it (R9). */
export function controlOf(level: RiskLevel, table: ControlLayerTable = defaultControlLayers) {
  const layer = table[level];
  return { layer, overseenBy: layersAbove(layer) };
}

/**
 * R8 直接判定 criteria (provincial practice, configurable, default on): any one grades the risk 重大
 * whatever its score.
 */
export const directJudgmentCriteria = [
  "mandatory_violation", // (a) violates a mandatory legal/standard provision, or matches a 重大事故隐患判定标准 item
  "past_accident", // (b) a past fatal, serious-injury or occupational-disease accident whose conditions still exist
  "major_hazard_source", // (c) part of a constituted GB 18218 major hazard source
  "toxic_explosive_crowded", // (d) poisoning, explosion or fire danger with ≥ 10 people working on site
] as const;
export const DirectJudgmentCriterion = z.enum(directJudgmentCriteria);
export type DirectJudgmentCriterion = z.infer<typeof DirectJudgmentCriterion>;

export const directJudgmentLabels: Record<DirectJudgmentCriterion, { zh: string; en: string }> = {
  mandatory_violation: {
    zh: "违反法律法规及国家标准中强制性条款，或符合重大事故隐患判定标准",
    en: "Violates a mandatory legal or standard provision, or matches a major accident hazard criterion",
  },
  past_accident: {
    zh: "发生过死亡、重伤、职业病事故，且发生事故的条件依然存在",
    en: "A past fatal, serious-injury or occupational-disease accident whose conditions still exist",
  },
  major_hazard_source: { zh: "涉及构成重大危险源的场所、设施", en: "Part of a constituted GB 18218 major hazard source" },
  toxic_explosive_crowded: {
    zh: "具有中毒、爆炸、火灾等危险的场所，作业人员在 10 人及以上",
    en: "Poisoning, explosion or fire danger with 10 or more people working on site",
  },
};

/** The level R8 assigns when any criterion applies. */
export const directJudgmentLevel: RiskLevel = "major";

/**
 * The recorded level (R8): the scored level, raised to 重大 when the policy has direct judgment on
 * and any criterion applies. `overrideLevel` is null when nothing applied.
 */
export function judgeLevel(
  scored: RiskLevel,
  criteria: readonly DirectJudgmentCriterion[],
  enabled = true,
): { level: RiskLevel; overrideLevel: RiskLevel | null } {
  if (!enabled || criteria.length === 0) return { level: scored, overrideLevel: null };
  return { level: maxLevel(scored, directJudgmentLevel), overrideLevel: directJudgmentLevel };
}
