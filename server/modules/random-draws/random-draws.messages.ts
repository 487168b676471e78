import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "random_draws.level": {
    zh: "双随机抽查由市、县（区）监管部门组织",
    en: "Random draws are organised by city and county regulators",
  },
  "random_draws.region_outside": { zh: "只能在本辖区内组织抽查", en: "The draw's region must lie in your own region" },
  "random_draws.department_unknown": { zh: "监管部门不存在或不在本辖区", en: "No such department in your region" },
  "random_draws.plan_code_taken": { zh: "该抽查计划编号已被使用", en: "This plan code is already in use" },
  "random_draws.no_objects": {
    zh: "筛选条件下没有可抽取的检查对象（已关闭企业不计入）",
    en: "No enterprise matches the filters (closed ones are excluded)",
  },
  "random_draws.k_exceeds_n": {
    zh: "抽取数量 {k} 超过检查对象数 {n}",
    en: "The sample of {k} exceeds the {n} objects on the list",
  },
  "random_draws.pool_too_small": {
    zh: "企业 {uscc} 回避后可选执法人员只剩 {pool} 名，不足每组 {teamSize} 名，请增加执法人员",
    en: "After recusals only {pool} officer(s) remain for {uscc}, fewer than the team of {teamSize}: add officers",
  },
  "random_draws.no_inspectors": {
    zh: "执法人员名录库中没有持行政执法证的人员",
    en: "The inspector directory has no officer with an enforcement certificate",
  },
  "random_draws.recusal_officer_unknown": {
    zh: "回避人员不在本次执法人员名录中",
    en: "The recused officer is not on this draw's inspector list",
  },
  "random_draws.recusal_object_unknown": {
    zh: "回避对应的企业不在本次检查对象名录中",
    en: "The enterprise of the recusal is not on this draw's object list",
  },
  "random_draws.reveal_only_unannounced": {
    zh: "只有“四不两直”抽查才设置名单公开日期",
    en: "Only an unannounced (四不两直) draw has a reveal date",
  },
  "random_draws.already_executed": { zh: "该抽查已经摇号，不能再次执行", en: "This draw has already been executed" },
  "random_draws.not_executed": { zh: "该抽查尚未摇号", en: "This draw has not been executed yet" },
  "random_draws.not_on_team": {
    zh: "该执法人员不在此企业的检查组中",
    en: "This officer is not on the enterprise's team",
  },
  "random_draws.pool_exhausted": {
    zh: "没有可替补的执法人员，请重新组织检查组",
    en: "No officer is left to replace them",
  },
});

export const randomDrawEntity = { zh: "双随机抽查", en: "Random draw" };
