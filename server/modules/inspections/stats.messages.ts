import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "inspections.stats.from_after_to": { zh: "结束日期不能早于开始日期", en: "The end date cannot be before the start date" },
  "inspections.stats.department_unknown": { zh: "没有该部门", en: "No such department" },
});
