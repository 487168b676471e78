import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "regions.import.code_format": {
    zh: "代码须为 2、4、6、9 或 12 位数字（GB/T 2260）",
    en: "The code must be 2, 4, 6, 9 or 12 digits (GB/T 2260)",
  },
  "regions.import.name_invalid": { zh: "名称不能为空，且不超过 60 个字", en: "The name is required, at most 60 characters" },
  "regions.import.duplicate": { zh: "代码 {code} 在本次导入中重复出现", en: "Code {code} appears more than once in this import" },
  "regions.import.parent_missing": {
    zh: "上级区划 {parent} 不存在，也不在本次导入中",
    en: "The parent region {parent} does not exist and is not in this import",
  },
  "regions.import.parent_retired": { zh: "上级区划 {parent} 已撤销", en: "The parent region {parent} is retired" },
  "regions.import.retired": {
    zh: "该区划已撤销（并入 {successor}），不能更名",
    en: "This region is retired (merged into {successor}) and cannot be renamed",
  },
  "regions.import.changed": {
    zh: "导入期间该区划被他人修改，请重新导入",
    en: "This region was changed by someone else during the import; import it again",
  },
  "regions.merge.self": { zh: "不能并入自身", en: "A region cannot be merged into itself" },
  "regions.merge.retired": { zh: "该区划已撤销，不能再次合并", en: "This region is already retired" },
  "regions.merge.target_unknown": { zh: "目标区划不存在", en: "The target region does not exist" },
  "regions.merge.level": { zh: "只能并入同一级别的区划", en: "A region can only be merged into one of the same level" },
  "regions.merge.target_retired": { zh: "目标区划已撤销", en: "The target region is retired" },
});

export const regionEntity = { zh: "行政区划", en: "Region" };
