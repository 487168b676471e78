import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "uscc.length": { zh: "统一社会信用代码应为 18 位", en: "A unified social credit code has 18 characters" },
  "uscc.character": {
    zh: "统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）",
    en: "Only digits and upper-case letters other than I, O, Z, S, V",
  },
  "uscc.check": { zh: "统一社会信用代码校验位不正确", en: "The check character of this unified social credit code is wrong" },
  "enterprise.uscc_taken": {
    zh: "该统一社会信用代码已登记",
    en: "An enterprise with this unified social credit code is already registered",
  },
  "enterprise.region_unknown": { zh: "行政区划不存在或不是村（社区）级", en: "Unknown region, or not a village/community" },
  "enterprise.industry_unknown": { zh: "国民经济行业代码不存在", en: "Unknown GB/T 4754-2017 industry code" },
  "enterprise.subcategory_only_industry_trade": {
    zh: "只有工贸企业有细分行业",
    en: "Only industry-and-trade enterprises have a sub-category",
  },
  "enterprise.out_of_scope": { zh: "该区划不在您的监管范围内", en: "This region is outside your jurisdiction" },
  "enterprise.override_reason_required": {
    zh: "指定行业主管部门时须说明理由",
    en: "Give a reason when setting the industry department by hand",
  },
  "enterprise.department_unknown": { zh: "监管部门不存在", en: "Unknown department" },
  "import.required": { zh: "必填项为空", en: "Required value missing" },
  "import.enum": { zh: "取值不在可选范围内", en: "Not one of the allowed values" },
  "import.number": { zh: "应为数字", en: "Must be a number" },
  "import.duplicate_in_file": { zh: "与第 {row} 行的统一社会信用代码重复", en: "Same unified social credit code as row {row}" },
  "import.registered_elsewhere": {
    zh: "该代码已登记在您监管范围之外的企业",
    en: "This code is registered to an enterprise outside your jurisdiction",
  },
  "import.not_xlsx": { zh: "请上传 .xlsx 格式的 Excel 文件", en: "Upload an Excel .xlsx file" },
  "import.too_large": { zh: "文件超过 {mb} MB 上限", en: "The file exceeds the {mb} MB limit" },
  "import.no_file": { zh: "请求中没有文件", en: "No file in the request" },
});

export const enterpriseEntity = { zh: "企业", en: "Enterprise" };
