import { defaultColourHex } from "./levels.js";
import { type Factor, RiskPolicy } from "./policy.js";

/**
 * The shipped policies (risk-assessment R3–R6). Immutable: a correction ships as a new version
 * under the same id, and assessments keep the version they were made with.
 */

const text = (zh: string, en: string) => ({ zh, en });

/** R3: the LEC factor tables (the numbers are the same across published variants; the words are policy text). */
const lecFactors: Factor[] = [
  {
    key: "L",
    name: text("事故发生的可能性", "Likelihood"),
    values: [
      { value: 10, description: text("完全可以预料", "Fully expected") },
      { value: 6, description: text("相当可能", "Quite possible") },
      { value: 3, description: text("可能，但不经常", "Possible, not often") },
      { value: 1, description: text("可能性小，完全意外", "Unlikely, freak") },
      { value: 0.5, description: text("很不可能，可以设想", "Very unlikely, conceivable") },
      { value: 0.2, description: text("极不可能", "Hardly possible") },
      { value: 0.1, description: text("实际不可能", "Practically impossible") },
    ],
  },
  {
    key: "E",
    name: text("暴露于危险环境的频繁程度", "Exposure"),
    values: [
      { value: 10, description: text("连续暴露", "Continuous") },
      { value: 6, description: text("每天工作时间内暴露", "Daily, in working hours") },
      { value: 3, description: text("每周一次或偶然暴露", "Weekly or occasional") },
      { value: 2, description: text("每月一次暴露", "Monthly") },
      { value: 1, description: text("每年几次暴露", "A few times a year") },
      { value: 0.5, description: text("非常罕见地暴露", "Very rarely") },
    ],
  },
  {
    key: "C",
    name: text("后果严重程度", "Consequence"),
    values: [
      { value: 100, description: text("大灾难，许多人死亡", "Catastrophe, many deaths") },
      { value: 40, description: text("灾难，数人死亡", "Disaster, several deaths") },
      { value: 15, description: text("非常严重，一人死亡", "Very serious, one death") },
      { value: 7, description: text("严重，重伤", "Serious injury") },
      { value: 3, description: text("重大，致残", "Disabling") },
      { value: 1, description: text("引人注目，需要救护", "Noticeable, needs first aid") },
    ],
  },
];

const lecSource = "作业条件危险性评价法（Graham–Kinney LEC），国内安全评价教材及公开表格；无国家标准。分级见安委办〔2016〕11号 二(二)。";

/** R4 bands, R5 `lec-5to4` mapping, `literalUp` convention (70 and 160 resolved upward). */
export const lecPolicy = RiskPolicy.parse({
  id: "lec",
  version: 1,
  kind: "product",
  method: "LEC",
  name: text("作业条件危险性评价法（LEC，五级）", "Job hazard analysis LEC (5 bands)"),
  convention: "literalUp",
  factors: lecFactors,
  bands: [
    { key: "extreme", min: 320, name: text("极其危险，不能继续作业", "Extremely dangerous: stop work") },
    { key: "high", min: 160, name: text("高度危险，需立即整改", "Highly dangerous: fix immediately") },
    { key: "considerable", min: 70, name: text("显著危险，需要整改", "Considerably dangerous: fix") },
    { key: "possible", min: 20, name: text("一般危险，需要注意", "Possibly dangerous: attention") },
    { key: "slight", name: text("稍有危险，可以接受", "Slightly dangerous: acceptable") },
  ],
  levelMapping: {
    id: "lec-5to4",
    levels: { extreme: "major", high: "significant", considerable: "general", possible: "low", slight: "low" },
  },
  colours: defaultColourHex,
  directJudgment: true,
  effectiveFrom: "2016-10-09",
  source: lecSource,
});

/** R5(b): the 4-band construction table, "< 70" one band; the same level for every D as `lec`. */
export const lecFourBandPolicy = RiskPolicy.parse({
  ...lecPolicy,
  id: "lec-4band",
  name: text("作业条件危险性评价法（LEC，四级）", "Job hazard analysis LEC (4 bands)"),
  bands: [
    { key: "extreme", min: 320, name: text("极其危险，不能继续作业", "Extremely dangerous: stop work") },
    { key: "high", min: 160, name: text("高度危险，需立即整改", "Highly dangerous: fix immediately") },
    { key: "considerable", min: 70, name: text("显著危险，需要整改", "Considerably dangerous: fix") },
    { key: "low", name: text("一般或稍有危险（D < 70），需要注意", "Possible or slight danger (D < 70): attention") },
  ],
  levelMapping: { id: "lec-4to4", levels: { extreme: "major", high: "significant", considerable: "general", low: "low" } },
  source: `${lecSource} 四级划分见建筑施工等行业的派生表格（D<70 合并为一级）。`,
});

/** R6: L and S, integers 1–5 (descriptors are policy text). */
const lsFactors: Factor[] = [
  {
    key: "L",
    name: text("事故发生的可能性", "Likelihood"),
    values: [
      { value: 1, description: text("极不可能", "Very unlikely") },
      { value: 2, description: text("不太可能", "Unlikely") },
      { value: 3, description: text("可能", "Possible") },
      { value: 4, description: text("很可能", "Likely") },
      { value: 5, description: text("经常发生 / 无任何控制措施", "Frequent / no control at all") },
    ],
  },
  {
    key: "S",
    name: text("事故后果严重性", "Severity"),
    values: [
      { value: 1, description: text("轻微", "Minor") },
      { value: 2, description: text("较轻，轻伤", "Light injury") },
      { value: 3, description: text("一般，重伤", "Serious injury") },
      { value: 4, description: text("严重，一人死亡", "One death") },
      { value: 5, description: text("多人死亡 / 重大损失", "Several deaths / major loss") },
    ],
  },
];

const lsPolicy = (id: string, set: "A" | "B", mins: [number, number, number], ranges: [string, string, string, string]) =>
  RiskPolicy.parse({
    id,
    version: 1,
    kind: "product",
    method: "LS",
    name: text(`风险矩阵法（LS，分级 ${set}）`, `Risk matrix LS (band set ${set})`),
    convention: "lowerInclusive",
    factors: lsFactors,
    bands: [
      { key: "major", min: mins[0], name: text(`重大风险（R = ${ranges[0]}）`, `Major (R = ${ranges[0]})`) },
      { key: "significant", min: mins[1], name: text(`较大风险（R = ${ranges[1]}）`, `Significant (R = ${ranges[1]})`) },
      { key: "general", min: mins[2], name: text(`一般风险（R = ${ranges[2]}）`, `General (R = ${ranges[2]})`) },
      { key: "low", name: text(`低风险（R = ${ranges[3]}）`, `Low (R = ${ranges[3]})`) },
    ],
    levelMapping: { id: "ls-4", levels: { major: "major", significant: "significant", general: "general", low: "low" } },
    colours: defaultColourHex,
    directJudgment: true,
    effectiveFrom: "2016-10-09",
    source:
      set === "B"
        ? "风险矩阵法 R = L×S，分级 B（文献所载，归于国家四色分级规则；偏保守，默认）"
        : "风险矩阵法 R = L×S，分级 A（省级及企业实践广泛采用，常归于山东 DB37/T 2882 系列，未核对原文）",
  });

/** R6 B (default, conservative): 20–25 重大 | 10–16 较大 | 4–9 一般 | 1–3 低. */
export const lsBPolicy = lsPolicy("ls-b", "B", [20, 10, 4], ["20–25", "10–16", "4–9", "1–3"]);
/** R6 A: 20–25 重大 | 15–16 较大 | 9–12 一般 | 1–8 低. */
export const lsAPolicy = lsPolicy("ls-a", "A", [20, 15, 9], ["20–25", "15–16", "9–12", "1–8"]);

export const builtInPolicies: readonly RiskPolicy[] = [lecPolicy, lecFourBandPolicy, lsBPolicy, lsAPolicy];

/** The default method for a new assessment form (R6: LS band set B is the safe default). */
export const defaultPolicyId = "ls-b";

export function builtInPolicy(id: string, version?: number): RiskPolicy | undefined {
  return builtInPolicies.find((p) => p.id === id && (version === undefined || p.version === version));
}

export const isBuiltInPolicyId = (id: string) => builtInPolicies.some((p) => p.id === id);
