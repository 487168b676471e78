import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  // Content refinements (domain/inspections/checklist.ts) name these codes.
  "checklists.number_limits_required": { zh: "数值项须设置下限或上限", en: "A number item needs a lower or an upper limit" },
  "checklists.limits_order": { zh: "上限不能小于下限", en: "The upper limit must not be below the lower limit" },
  "checklists.criterion_required": {
    zh: "不合格判为重大隐患的检查项须引用判定标准条目",
    en: "An item whose fail means a 重大 hazard must cite a criterion",
  },
  "checklists.item_id_duplicate": { zh: "检查项编号重复", en: "Duplicate item id" },
  "checklists.too_many_items": { zh: "一张检查表最多 1000 项", en: "A checklist holds at most 1,000 items" },
  "checklists.criterion_unknown": { zh: "判定标准中没有这一条目", en: "No such criterion in the 判定标准 library" },
  "checklists.builtin_readonly": {
    zh: "内置检查表只读，请复制后修改",
    en: "Built-in checklists are read-only; copy one to adapt it",
  },
  "checklists.not_owner": { zh: "只能修改本单位的检查表", en: "Only the owner's own checklists can be changed" },
  "checklists.owner_required": {
    zh: "请指定检查表所属的区划或企业",
    en: "Name the region or the enterprise that owns the checklist",
  },
  "checklists.owner_one": { zh: "区划和企业只能指定其一", en: "Name a region or an enterprise, not both" },
  "checklists.nothing_to_publish": {
    zh: "草稿与最新发布版本相同，无需发布",
    en: "The draft is the same as the newest published version; nothing to publish",
  },
  "checklists.never_published": { zh: "该检查表尚未发布任何版本", en: "This checklist has no published version yet" },
  "checklists.file.missing": { zh: "请上传 .xlsx 文件（字段 file）", en: "Upload an .xlsx file (field `file`)" },
  "checklists.file.type": { zh: "只能导入 .xlsx 文件", en: "Only .xlsx files can be imported" },
  "checklists.file.unreadable": { zh: "无法读取该文件，请使用导出的检查表格式", en: "The file cannot be read; use the exported layout" },
  "checklists.file.columns": {
    zh: "第一个工作表缺少必需的表头（分节、检查内容、类型）",
    en: "The first worksheet lacks the required headers (section, question, type)",
  },
  "checklists.file.empty": { zh: "文件中没有检查项", en: "The file holds no items" },
  "checklists.file.too_large": { zh: "文件不能超过 {mb} MB", en: "The file may be at most {mb} MB" },
  "checklists.file.cell": { zh: "“{column}”的值无效：{value}", en: "Invalid value in “{column}”: {value}" },
});

export const checklistEntity = { zh: "检查表", en: "Checklist" };
export const checklistVersionEntity = { zh: "检查表版本", en: "Checklist version" };
