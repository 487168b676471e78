import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "hazards.plan.measures_required": { zh: "请填写整改措施（方法和措施）", en: "State the rectification measures" },
  "hazards.plan.responsibleName_required": { zh: "请填写整改责任人", en: "Name the person responsible" },
  "hazards.plan.deadline_required": { zh: "请填写整改时限", en: "Set the rectification deadline" },
  "hazards.plan.deadline_invalid": { zh: "整改时限须为有效日期（YYYY-MM-DD）", en: "The deadline must be a date (YYYY-MM-DD)" },
  "hazards.plan.deadline_past": { zh: "整改时限须晚于今天", en: "The deadline must be later than today" },
  "hazards.plan.funds_required": { zh: "重大事故隐患须落实整改资金（经费和物资）", en: "A major hazard's plan needs its funds" },
  "hazards.plan.funds_negative": { zh: "整改资金不能为负数", en: "Funds cannot be negative" },
  "hazards.plan.funds_invalid": { zh: "整改资金须为金额（元，最多两位小数）", en: "Funds must be an amount in yuan (at most 2 decimals)" },
  "hazards.plan.contingency_required": {
    zh: "重大事故隐患须制定安全措施和应急预案",
    en: "A major hazard's plan needs safety measures and a contingency plan",
  },
  "hazards.plan.goal_required": { zh: "重大事故隐患治理方案须写明目标和任务", en: "A major hazard's plan needs its goal and tasks" },
  "hazards.plan.organisation_required": {
    zh: "重大事故隐患治理方案须写明负责治理的机构和人员",
    en: "A major hazard's plan needs the organisation in charge",
  },
  "hazards.plan.suspension_required": {
    zh: "重大事故隐患须说明治理期间是否停产（不停产/局部停产/全部停产）",
    en: "A major hazard must record whether production is suspended (none, partial, full)",
  },
  "hazards.source_not_allowed": { zh: "该角色不能登记此来源的隐患", en: "Your role cannot report a hazard from this source" },
  "hazards.criterion_unknown": { zh: "判定标准中没有该条款", en: "No such item in the major-hazard criteria" },
  "hazards.criterion_not_applicable": {
    zh: "该判定标准条款不适用于此企业的行业类别",
    en: "This criterion does not apply to the enterprise's category",
  },
  "hazards.major_reason_required": {
    zh: "未对应判定标准条款的重大事故隐患须说明判定理由",
    en: "A major hazard without a criterion item needs the reason for the grade",
  },
  "hazards.subtype_unknown": { zh: "隐患类别下没有该子类", en: "No such sub-type in this category" },
  "hazards.photo_type": { zh: "照片须为 JPEG、PNG 或 WebP 图片", en: "A photo must be a JPEG, PNG or WebP image" },
  "hazards.photo_too_large": { zh: "每张照片不能超过 10 MB", en: "A photo may be at most 10 MB" },
  "hazards.not_rectifier": { zh: "隐患整改由所属企业负责", en: "Rectification is the enterprise's own work" },
  "hazards.regulator_accepts": {
    zh: "监管部门发现的隐患或重大事故隐患须由监管部门验收销号",
    en: "A hazard found by a regulator, or a major hazard, is accepted by the regulator",
  },
  "hazards.regulator_level": {
    zh: "须由发现该隐患的监管层级或上级验收",
    en: "Acceptance belongs to a regulator at the finder's level or above",
  },
  "hazards.enterprise_accepts": {
    zh: "企业自查的一般隐患由企业负责人验收",
    en: "The enterprise administrator accepts its own general hazards",
  },
  "hazards.major_not_on_spot": { zh: "重大事故隐患不能立即整改销号", en: "A major hazard cannot be closed as fixed on the spot" },
  "hazards.void_regulator": { zh: "只有监管部门可以作废隐患", en: "Only a regulator may void a hazard" },
  "hazards.place.gps_pair": { zh: "经度和纬度须同时填写", en: "Give both latitude and longitude, or neither" },
  "hazards.place.plan_pair": { zh: "平面图位置须同时有横、纵坐标", en: "Give both coordinates of the site-plan point, or neither" },
  "hazards.details.not_allowed": {
    zh: "只有隐患所属企业或辖区监管部门可以完善隐患信息",
    en: "Only the hazard's enterprise or a regulator of its region may complete its details",
  },
  "hazards.details.closed": { zh: "隐患已销号或作废，不能再修改", en: "The hazard is closed (accepted or voided) and cannot be changed" },
  "hazards.details.major_by_regulator": {
    zh: "企业只能通过选择判定标准条款定为重大事故隐患；不对应判定标准的重大隐患由监管部门判定",
    en: "An enterprise grades a hazard major only by a criterion item; grading major without one is for regulators",
  },
  "hazards.details.criterion_is_major": {
    zh: "对应判定标准条款的隐患即为重大事故隐患，不能定为一般隐患",
    en: "A hazard matching a criterion item is major; it cannot be graded general",
  },
  "hazards.details.downgrade_regulator": {
    zh: "重大事故隐患降为一般隐患须由监管部门决定",
    en: "Only a regulator may downgrade a major hazard to general",
  },
  "hazards.details.downgrade_reason": { zh: "请说明降为一般隐患的理由", en: "State why the hazard is downgraded to general" },
  "hazards.details.listed": {
    zh: "挂牌督办中的重大事故隐患不能降级，须先摘牌",
    en: "A hazard under listed supervision cannot be downgraded; delist it first",
  },
});

export const hazardEntity = { zh: "隐患", en: "Hazard" };
export const hazardPhotoEntity = { zh: "隐患照片", en: "Hazard photo" };
