import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "enforcement.stats.from_after_to": { zh: "结束日期不能早于开始日期", en: "The end date cannot be before the start date" },
  "enforcement.stats.department_unknown": { zh: "没有该部门", en: "No such department" },
  "enforcement.stats.too_many_cases": {
    zh: "统计期内涉及的案件超过 {limit} 件，请缩短统计期或缩小区域",
    en: "More than {limit} cases fall in the period; shorten the period or narrow the region",
  },
});
