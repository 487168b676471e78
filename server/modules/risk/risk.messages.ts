import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "risk.factor_value": {
    zh: "{factor} = {value} 不在该评价方法的取值表中（可选：{allowed}）",
    en: "{factor} = {value} is not in the policy's table (allowed: {allowed})",
  },
  "risk.factor_missing": { zh: "缺少因子 {factor}（可选：{allowed}）", en: "Factor {factor} is missing (allowed: {allowed})" },
  "risk.factor_unknown": { zh: "该评价方法没有因子 {factor}", en: "The policy has no factor {factor}" },
  "risk.policy_unknown": { zh: "风险评价方法不存在或不可用", en: "No such risk policy (or not available to you)" },
  "risk.policy_not_effective": { zh: "该评价方法尚无已生效的版本", en: "No version of this policy is in effect yet" },
  "risk.policy_reserved": { zh: "内置评价方法的标识不能使用，请另起标识", en: "Built-in policy ids are reserved; choose another id" },
  "risk.policy_id_taken": { zh: "该标识已被其他单位的评价方法使用", en: "Another owner already uses this policy id" },
  "risk.policy_exists": {
    zh: "该评价方法已存在：修改须基于最新版本（previousVersion）",
    en: "This policy exists: a change must name the latest version (previousVersion)",
  },
  "risk.policy.decimals": { zh: "最多 6 位小数", en: "At most 6 decimal places" },
  "risk.policy.duplicate_key": { zh: "标识重复", en: "Duplicate key" },
  "risk.policy.duplicate_value": { zh: "取值重复", en: "Duplicate value" },
  "risk.policy.band_min_missing": { zh: "除最低一级外，每一级都须有下限", en: "Every band but the lowest needs its lower threshold" },
  "risk.policy.lowest_band_min": { zh: "最低一级不设下限", en: "The lowest band has no lower threshold" },
  "risk.policy.band_order": { zh: "各级下限须从高到低严格递减", en: "Thresholds must strictly decrease from the top band" },
  "risk.policy.matrix_band_min": { zh: "矩阵法的分级不设下限", en: "Matrix bands have no thresholds" },
  "risk.policy.matrix_shape": {
    zh: "矩阵的行数、列数须与两个因子的取值个数一致",
    en: "The matrix needs one row per value of the first factor and one column per value of the second",
  },
  "risk.policy.unknown_band": { zh: "未定义的风险分级", en: "Unknown band" },
  "risk.policy.level_missing": { zh: "该分级未对应风险等级", en: "This band has no level" },
  "risk.direct_judgment_off": { zh: "该评价方法未启用直接判定", en: "This policy does not use direct judgment" },
  "risk.assessed_on_future": { zh: "评价日期不能晚于今天", en: "The assessment date cannot be in the future" },
  "risk.point_name_taken": { zh: "本企业已有同名风险点", en: "This enterprise already has a risk point of this name" },
  "risk.item_id_unknown": {
    zh: "该编号不属于本风险点的风险事件或管控措施",
    en: "This id is not one of the point's risk events or control measures",
  },
  "risk.plan_no_file": { zh: "请求中没有图片文件", en: "No image file in the request" },
  "risk.plan_type": { zh: "请上传 PNG 或 JPEG 格式的平面图", en: "Upload the site plan as a PNG or JPEG image" },
  "risk.plan_too_large": { zh: "平面图不能超过 {mb} MB", en: "The site plan may not exceed {mb} MB" },
});

export const riskPointEntity = { zh: "风险点", en: "Risk point" };
export const riskPolicyEntity = { zh: "风险评价方法", en: "Risk policy" };
export const sitePlanEntity = { zh: "厂区平面图", en: "Site plan" };
