import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "hazards.stats.from_after_to": { zh: "结束日期不能早于开始日期", en: "The end date cannot be before the start date" },
  "hazards.report.period_not_started": { zh: "该统计期尚未开始", en: "This period has not begun yet" },
  "hazards.report.period_running": {
    zh: "统计期结束后才能报送该期隐患排查治理统计表",
    en: "The statistics report can be submitted only after the period has ended",
  },
  "hazards.report.already_submitted": {
    zh: "该期统计表已报送，报送后的数据不能更改",
    en: "This period's report has already been submitted; its figures cannot change",
  },
  "hazards.report.principal_only": {
    zh: "统计表须由本企业管理员代主要负责人签字报送",
    en: "Only the enterprise's administrator submits the report, signed by its principal",
  },
});

export const hazardReportEntity = { zh: "隐患统计报表", en: "Hazard statistics report" };
