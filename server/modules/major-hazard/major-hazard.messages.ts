import { defineMessages } from "../../kernel/i18n/i18n.js";

// Codes raised by the GB 18218 calculator (domain/major-hazard) and by this module.
defineMessages({
  "major_hazard.cas_invalid": { zh: "CAS 号格式或校验位不正确", en: "Not a valid CAS number (format or check digit)" },
  "major_hazard.substance_unidentified": {
    zh: "请选择表1中的物质，或填写名称、CAS 号或危险性类别",
    en: "Pick a Table 1 row, or give a name, a CAS number or the hazard categories",
  },
  "major_hazard.date_invalid": { zh: "日期应为有效的 YYYY-MM-DD", en: "A valid date, YYYY-MM-DD" },
  "major_hazard.row_unknown": { zh: "GB 18218-2018 表1没有第 {row} 行", en: "GB 18218-2018 Table 1 has no row {row}" },
  "major_hazard.cas_not_in_row": {
    zh: "CAS 号 {cas} 不属于表1第 {row} 行（{name}）",
    en: "CAS {cas} is not listed in Table 1 row {row} ({name})",
  },
  "major_hazard.cas_ambiguous": {
    zh: "CAS 号 {cas} 对应表1第 {rows} 行，临界量各不相同：请按含水、含乙醇、含氮量或可燃物含量等说明选择适用的行",
    en: "CAS {cas} matches Table 1 rows {rows}, whose critical quantities differ: pick the row whose description (water, ethanol or nitrogen content, combustibles) fits",
  },
  "major_hazard.name_ambiguous": {
    zh: "名称“{name}”对应表1第 {rows} 行，请选择适用的行",
    en: "“{name}” matches Table 1 rows {rows}: pick the row that fits",
  },
  "major_hazard.row_restricted": {
    zh: "表1第 {row} 行“{name}”仅适用于其说明的情形：符合时请选择该行；不符合时请填写其危险性类别（按表2确定临界量）",
    en: "Table 1 row {row} “{name}” covers only what it describes: pick the row if it fits, otherwise give the hazard categories (Q from Table 2)",
  },
  "major_hazard.cas_name_mismatch": {
    zh: "CAS 号 {cas} 与名称“{name}”（表1第 {rows} 行）不一致",
    en: "CAS {cas} does not match “{name}” (Table 1 row {rows})",
  },
  "major_hazard.categories_required": {
    zh: "“{name}”不在表1中，请填写其危险性类别（按表2确定临界量）",
    en: "“{name}” is not in Table 1: give its hazard categories (Q from Table 2)",
  },
  "major_hazard.beta_needs_categories": {
    zh: "该单元构成重大危险源，分级须确定校正系数 β：“{name}”不在表3中，请填写其危险性类别（按表4）",
    en: "This unit is a major hazard source and grading needs β: “{name}” is not in Table 3, so give its hazard categories (Table 4)",
  },
  "major_hazard.quantity_invalid": { zh: "数量应为大于 0 的吨数", en: "A quantity in tonnes, greater than 0" },
  "major_hazard.category_unknown": { zh: "未知的危险性类别 {symbol}", en: "Unknown hazard category {symbol}" },
  "major_hazard.no_substances": { zh: "请至少填写一种危险化学品", en: "Give at least one hazardous chemical" },
  "major_hazard.people_invalid": { zh: "人数应为不小于 0 的整数", en: "A whole number of people, 0 or more" },
  "major_hazard.responsible_required": {
    zh: "该单元构成重大危险源，须明确{role}（姓名、职务、电话）",
    en: "This unit is a major hazard source: name its {role} (name, post, phone)",
  },
  "major_hazard.assessment_in_future": { zh: "评估报告日期不能晚于今天", en: "The assessment report date cannot be in the future" },
  "major_hazard.unit_name_taken": { zh: "本企业已有同名的单元", en: "The enterprise already has a unit of this name" },
  "major_hazard.enterprise_closed": {
    zh: "企业已关闭，不能登记或修改危险源单元",
    en: "The enterprise is closed: its hazard units cannot be registered or changed",
  },
});

export const hazardUnitEntity = { zh: "危险源单元", en: "Hazard unit" };
