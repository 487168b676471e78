import { categoryLabels, type EnterpriseCreate, subcategoryLabels } from "./enterprise.dto.js";

/**
 * The enterprise spreadsheet: one column set for export, the import template and import itself,
 * with Chinese headers. Enumerations are written as their Chinese labels and read back from either
 * the label or the API code.
 */
type Labels = Record<string, { zh: string; en: string }>;
const scaleLabels: Labels = {
  large: { zh: "大型", en: "Large" },
  medium: { zh: "中型", en: "Medium" },
  small: { zh: "小型", en: "Small" },
  micro: { zh: "微型", en: "Micro" },
};
const gradeLabels: Labels = {
  level1: { zh: "一级", en: "Level 1" },
  level2: { zh: "二级", en: "Level 2" },
  level3: { zh: "三级", en: "Level 3" },
  none: { zh: "未达标", en: "None" },
};
const statusLabels: Labels = {
  operating: { zh: "在营", en: "Operating" },
  suspended: { zh: "停产整顿", en: "Suspended" },
  closed: { zh: "关闭", en: "Closed" },
};
const yesNo: Labels = { true: { zh: "是", en: "Yes" }, false: { zh: "否", en: "No" } };

export type SheetColumn = {
  key: keyof EnterpriseCreate;
  header: string;
  required: boolean;
  width: number;
  labels?: Labels;
  kind?: "number" | "integer" | "boolean";
};

export const enterpriseColumns: SheetColumn[] = [
  { key: "name", header: "企业名称", required: true, width: 32 },
  { key: "uscc", header: "统一社会信用代码", required: true, width: 22 },
  { key: "address", header: "地址", required: true, width: 36 },
  { key: "regionCode", header: "所属村（社区）区划代码", required: true, width: 20 },
  { key: "industryCode", header: "国民经济行业代码", required: true, width: 12 },
  { key: "category", header: "监管类别", required: true, width: 14, labels: categoryLabels },
  { key: "subcategory", header: "工贸细分行业", required: false, width: 12, labels: subcategoryLabels },
  { key: "scale", header: "企业规模", required: true, width: 10, labels: scaleLabels },
  { key: "headcount", header: "从业人数", required: true, width: 10, kind: "integer" },
  { key: "legalRepresentative", header: "法定代表人", required: true, width: 12 },
  { key: "principalName", header: "主要负责人", required: true, width: 12 },
  { key: "principalPhone", header: "主要负责人电话", required: true, width: 16 },
  { key: "safetyManagerName", header: "安全管理人员", required: false, width: 12 },
  { key: "safetyManagerPhone", header: "安全管理人员电话", required: false, width: 16 },
  { key: "hasMajorHazardSource", header: "是否有重大危险源", required: false, width: 10, labels: yesNo, kind: "boolean" },
  { key: "standardisationGrade", header: "安全生产标准化等级", required: false, width: 12, labels: gradeLabels },
  { key: "status", header: "经营状态", required: false, width: 10, labels: statusLabels },
  { key: "longitude", header: "经度", required: false, width: 12, kind: "number" },
  { key: "latitude", header: "纬度", required: false, width: 12, kind: "number" },
];

/** The value to write in a cell for a field. */
export function cellValue(column: SheetColumn, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (column.labels) return column.labels[String(value)]?.zh ?? String(value);
  return value as string | number;
}

/** The field value read from a cell, or an error code ("required", "enum", "number"). */
export function readCell(column: SheetColumn, raw: unknown): { value: unknown } | { error: "required" | "enum" | "number" } {
  const text =
    raw === null || raw === undefined
      ? ""
      : typeof raw === "object" && raw && "text" in raw
        ? String((raw as { text: unknown }).text)
        : String(raw).trim();
  if (text === "") return column.required ? { error: "required" } : { value: column.kind === "boolean" ? false : undefined };
  if (column.labels) {
    const entry = Object.entries(column.labels).find(
      ([code, l]) => code === text || l.zh === text || l.en.toLowerCase() === text.toLowerCase(),
    );
    if (!entry) return { error: "enum" };
    return { value: column.kind === "boolean" ? entry[0] === "true" : entry[0] };
  }
  if (column.kind === "number" || column.kind === "integer") {
    const n = Number(text);
    if (!Number.isFinite(n) || (column.kind === "integer" && !Number.isInteger(n))) return { error: "number" };
    return { value: n };
  }
  return { value: text };
}
