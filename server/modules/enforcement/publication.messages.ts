import { defineMessages } from "../../kernel/i18n/i18n.js";

// 行政处罚信息公示, 严重失信 proposals and the hazard register's guard (issue 8 §4–§5).
defineMessages({
  "enforcement.party_name_required": {
    zh: "当事人为自然人的，请填写其姓名（公示时隐去部分姓名）",
    en: "A natural-person party needs a name (published masked)",
  },
  "enforcement.publication.party_name_missing": {
    zh: "处罚决定未载明自然人当事人的姓名，不能公示",
    en: "The decision names no natural-person party; it cannot be published",
  },
  "hazards.case_order_unmet": {
    zh: "执法案件 {caseNo} 的责令限期整改指令尚未完成，该隐患不能销号",
    en: "The rectification order of case {caseNo} is not met yet; the hazard cannot be signed off",
  },
});

export const publicationEntity = { zh: "处罚公示", en: "Penalty publication" };
