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
  "regions.import.parent_mismatch": {
    zh: "上级代码与区划代码不符：按 GB/T 2260，该区划的上级应为 {parent}",
    en: "The parent code does not match the code: under GB/T 2260 this region's parent is {parent}",
  },
  "regions.file.missing": { zh: "请求中没有文件", en: "No file in the request" },
  "regions.file.type": { zh: "请上传 .csv 或 .xlsx 文件", en: "Upload a .csv or .xlsx file" },
  "regions.file.too_large": { zh: "文件超过 {mb} MB 上限", en: "The file exceeds the {mb} MB limit" },
  "regions.file.unreadable": {
    zh: "无法读取该文件：请上传 UTF-8 或 GBK 编码的 CSV，或 Excel 2007 及以上版本的 .xlsx 工作簿",
    en: "The file cannot be read: upload a CSV in UTF-8 or GBK, or an Excel 2007 or later .xlsx workbook",
  },
  "regions.file.columns": {
    zh: "第一行须为表头，至少包含“代码”（code）和“名称”（name）两列；“上级代码”（parentCode）可选",
    en: "The first row must be a header with at least the columns “code” (代码) and “name” (名称); “parentCode” (上级代码) is optional",
  },
  "regions.file.empty": { zh: "文件中除表头外没有数据行", en: "The file has no rows below its header" },
  "regions.file.too_many_rows": {
    zh: "一次最多导入 {max} 行，请拆分文件后分批导入",
    en: "At most {max} rows per import; split the file and import it in parts",
  },
  "regions.merge.self": { zh: "不能并入自身", en: "A region cannot be merged into itself" },
  "regions.merge.retired": { zh: "该区划已撤销，不能再次合并", en: "This region is already retired" },
  "regions.merge.target_unknown": { zh: "目标区划不存在", en: "The target region does not exist" },
  "regions.merge.level": { zh: "只能并入同一级别的区划", en: "A region can only be merged into one of the same level" },
  "regions.merge.target_retired": { zh: "目标区划已撤销", en: "The target region is retired" },
});

export const regionEntity = { zh: "行政区划", en: "Region" };
