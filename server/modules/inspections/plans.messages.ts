import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "inspection_plan.group_repeated": { zh: "同一分组只能设置一次频次", en: "Each group may be given only once" },
  "inspection_plan.reserve_whole_percent": {
    zh: "预留比例须为整数百分比（0%–90%）",
    en: "The reserve must be a whole percentage (0–90 %)",
  },
  "inspection_plan.move_nothing": { zh: "请指定新的月份或检查组", en: "Give a new month or a new team" },
  "inspection_plan.team_repeated": { zh: "检查组成员不能重复", en: "A team member is listed twice" },
  "inspection_plan.region_required": { zh: "请指定计划所属区划", en: "Name the region of the plan" },
  "inspection_plan.region_unknown": { zh: "区划不存在", en: "No such region" },
  "inspection_plan.region_outside": {
    zh: "只能为本辖区（含下级）编制检查计划",
    en: "You may draft plans only for your own region or below",
  },
  "inspection_plan.region_level": {
    zh: "年度检查计划由市、县（区）或乡镇（街道）编制",
    en: "Annual plans are drawn up for a city, county or township",
  },
  "inspection_plan.department_unknown": { zh: "监管部门不存在", en: "No such department" },
  "inspection_plan.department_region": {
    zh: "监管部门须属于计划所属区划",
    en: "The department must belong to the plan's region",
  },
  "inspection_plan.year_past": { zh: "不能为已经过去的年度编制计划", en: "A plan cannot be drawn up for a year already past" },
  "inspection_plan.exists": {
    zh: "该区划和部门本年度已有检查计划，请修改现有计划",
    en: "This region and department already have a plan for the year; edit that one",
  },
  "inspection_plan.inspectors_too_few": {
    zh: "执法人员名录中持证执法人员不足 {n} 人，无法组成检查组（行政处罚法第四十二条）",
    en: "Fewer than {n} certified officers in the inspector directory: no team can be formed (行政处罚法 Art. 42)",
  },
  "inspection_plan.not_draft": {
    zh: "计划已批准，不能重新生成；如需调整，请逐项调整月份或检查组并说明理由",
    en: "The plan is approved and cannot be regenerated; move single visits (month or team) with a reason",
  },
  "inspection_plan.leader_only": {
    zh: "年度检查计划须由计划所属区划的监管部门负责人批准",
    en: "The plan is approved by a regulator leader of its region",
  },
  "inspection_plan.item_done": { zh: "该计划检查已完成，不能再调整", en: "This visit is done and can no longer be moved" },
  "inspection_plan.team_not_inspector": {
    zh: "检查组成员须为执法人员名录中的持证执法人员",
    en: "Team members must be certified officers of the inspector directory",
  },
  "inspection_plan.month_before_start": {
    zh: "月份早于计划起始月份",
    en: "The month is before the plan's first month",
  },
});

export const inspectionPlanEntity = { zh: "检查计划", en: "Inspection plan" };
export const inspectionPlanItemEntity = { zh: "计划检查", en: "Planned inspection" };
