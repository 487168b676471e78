import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "self_inspections.enterprise_needed": { zh: "请指定企业", en: "Name the enterprise" },
  "self_inspections.other_enterprise": {
    zh: "只能为本企业安排自查",
    en: "An enterprise schedules self-inspections for itself only",
  },
  "self_inspections.enterprise_closed": {
    zh: "企业已关闭，不能安排自查",
    en: "The enterprise is closed; no self-inspection can be scheduled",
  },
  "self_inspections.checklist_unknown": {
    zh: "没有可供本企业使用的该检查表",
    en: "No such checklist is available to this enterprise",
  },
  "self_inspections.checklist_unpublished": {
    zh: "检查表尚未发布，发布后才能用于自查",
    en: "The checklist has not been published yet; publish it before scheduling it",
  },
  "self_inspections.assignee_needed": { zh: "请指定自查人员或岗位", en: "Name the person or the post who does the self-inspection" },
  "self_inspections.assignee_enterprise": {
    zh: "自查人员须是本企业在用的账号",
    en: "The person must hold an active account of this enterprise",
  },
  "self_inspections.starts_in_past": {
    zh: "开始日期不能早于今天（否则会把安排之前的周期计为漏查）",
    en: "The start cannot be before today (earlier periods would count as missed)",
  },
  "self_inspections.schedule_ended": { zh: "该自查安排已停用", en: "This self-inspection schedule has ended" },
  "self_inspections.not_started": { zh: "该自查安排尚未开始", en: "This self-inspection schedule has not started yet" },
  "self_inspections.not_assignee": { zh: "该自查指定了其他人员", en: "This self-inspection is assigned to someone else" },
  "self_inspections.from_after_to": { zh: "结束日期不能早于开始日期", en: "The end date cannot be before the start date" },
});

export const selfScheduleEntity = { zh: "自查安排", en: "Self-inspection schedule" };
