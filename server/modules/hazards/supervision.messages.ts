import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "hazards.supervision.not_lister": {
    zh: "只有县级及以上监管部门可以挂牌督办",
    en: "Only a regulator at county level or above may list a hazard for supervision",
  },
  "hazards.supervision.level_not_yours": {
    zh: "只能按本级挂牌督办（县级挂县级，市级挂市级）",
    en: "A regulator lists at its own level (county at county, city at city)",
  },
  "hazards.supervision.major_only": { zh: "只有重大事故隐患可以挂牌督办", en: "Only a major hazard can be listed for supervision" },
  "hazards.supervision.hazard_closed": {
    zh: "隐患已销号或作废，不能挂牌督办",
    en: "The hazard is closed or voided and cannot be listed",
  },
  "hazards.supervision.already_listed": { zh: "该隐患已在挂牌督办中", en: "The hazard is already listed for supervision" },
  "hazards.supervision.deadline_past": { zh: "督办期限须晚于今天", en: "The supervision deadline must be later than today" },
  "hazards.supervision.not_listed": { zh: "该隐患没有正在进行的挂牌督办", en: "The hazard has no active listing" },
  "hazards.supervision.level": {
    zh: "挂牌督办的隐患须由挂牌层级或上级、且辖区包含该隐患的监管部门处理",
    en: "A listed hazard is handled by a regulator at the listing's level or above whose region contains it",
  },
  "hazards.supervision.via_listing": {
    zh: "挂牌督办的隐患须通过摘牌（或驳回整改完成报告）验收",
    en: "A listed hazard is accepted or rejected through delisting (or rejecting the completion report)",
  },
  "hazards.supervision.not_submitted": {
    zh: "企业提交整改（含整改后照片）后，方可报送整改完成情况",
    en: "The completion report follows the enterprise's submission of the rectification with after photos",
  },
  "hazards.supervision.agency_required": {
    zh: "由安全评价机构评估的，须填写机构名称",
    en: "Name the safety-assessment agency that evaluated the treatment",
  },
  "hazards.supervision.no_suspension": {
    zh: "挂牌时未责令停产，无需复产申请",
    en: "No suspension was ordered with the listing, so no resumption application is needed",
  },
  "hazards.supervision.completion_first": {
    zh: "请先报送整改完成情况，再申请复产",
    en: "Report the completion first, then apply to resume production",
  },
  "hazards.supervision.resumption_approved": { zh: "复产申请已批准", en: "Resumption has already been approved" },
  "hazards.supervision.resumption_pending": {
    zh: "复产申请正在审查中，请等待监管部门决定",
    en: "A resumption application is under review; wait for the regulator's decision",
  },
  "hazards.supervision.no_application": { zh: "没有待审查的复产申请", en: "There is no resumption application to decide" },
  "hazards.supervision.completion_missing": {
    zh: "企业尚未报送整改完成情况，不能摘牌",
    en: "The enterprise has not reported completion yet, so the hazard cannot be delisted",
  },
  "hazards.supervision.resumption_missing": {
    zh: "已责令停产的隐患，须先批准复产申请方可摘牌（16号令第二十三条）",
    en: "Production was suspended: approve the resumption application before delisting (Order 16 Art. 23)",
  },
  "hazards.supervision.hazard_not_awaiting": {
    zh: "隐患不在待验收状态",
    en: "The hazard is not awaiting acceptance",
  },
});

export const supervisionEntity = { zh: "挂牌督办", en: "Listed supervision" };
