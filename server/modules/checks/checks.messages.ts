import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "checks.fail_needs_remark": { zh: "排查不合格时须说明发现的问题", en: "Describe what was found when a check fails" },
  "checks.measure_unknown": { zh: "该风险点没有这项管控措施", en: "This risk point has no such control measure" },
  "checks.assignee_needed": { zh: "请指定排查人员或岗位", en: "Name the person or the post who does the check" },
  "checks.assignee_enterprise": { zh: "排查人员须是本企业的账号", en: "The person must hold an account of this enterprise" },
  "checks.task_ended": { zh: "该排查任务已停用", en: "This check task has ended" },
  "checks.not_open": {
    zh: "只能登记当前周期的排查；已过周期记为漏检",
    en: "Only the current period can be recorded; a closed period counts as missed",
  },
  "checks.not_started": { zh: "该排查任务尚未开始", en: "This check task has not started yet" },
  "checks.already_done": { zh: "本周期已登记排查结果", en: "This period's check is already recorded" },
  "checks.not_assignee": { zh: "该任务指定了其他排查人员", en: "This task is assigned to someone else" },
  "checks.photo_too_large": { zh: "照片不能超过 5 MB", en: "A photo may be at most 5 MB" },
  "checks.photo_type": { zh: "照片须为 JPEG 或 PNG 图片", en: "A photo must be a JPEG or PNG image" },
});

export const checkTaskEntity = { zh: "排查任务", en: "Check task" };
export const checkRecordEntity = { zh: "排查记录", en: "Check record" };
