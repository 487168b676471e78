import { z } from "zod";
import { RegionCode } from "../access/roles.js";
import { PageQuery } from "../common/page.js";

/**
 * Supervising departments (行业主管部门). Every enterprise has a territorial regulator (its region) and an
 * industry regulator: the department of the kind its industry maps to (三管三必须, 安全生产法 第三条、第十条).
 */
export const departmentKinds = [
  "emergency",
  "housing",
  "transport",
  "market",
  "fire",
  "education",
  "commerce",
  "culture_tourism",
  "industry_it",
  "agriculture",
  "water",
  "health",
  "other",
] as const;
export const DepartmentKind = z.enum(departmentKinds);
export type DepartmentKind = z.infer<typeof DepartmentKind>;

export const departmentKindLabels: Record<DepartmentKind, { zh: string; en: string }> = {
  emergency: { zh: "应急管理局", en: "Emergency management bureau" },
  housing: { zh: "住房和城乡建设局", en: "Housing and urban-rural development bureau" },
  transport: { zh: "交通运输局", en: "Transport bureau" },
  market: { zh: "市场监督管理局", en: "Market regulation bureau" },
  fire: { zh: "消防救援大队/支队", en: "Fire and rescue brigade" },
  education: { zh: "教育局", en: "Education bureau" },
  commerce: { zh: "商务局", en: "Commerce bureau" },
  culture_tourism: { zh: "文化广电和旅游局", en: "Culture, broadcasting and tourism bureau" },
  industry_it: { zh: "工业和信息化局", en: "Industry and information technology bureau" },
  agriculture: { zh: "农业农村局", en: "Agriculture and rural affairs bureau" },
  water: { zh: "水利局", en: "Water resources bureau" },
  health: { zh: "卫生健康委", en: "Health commission" },
  other: { zh: "其他部门", en: "Other department" },
};

const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/);
const DepartmentName = z.string().trim().min(1).max(64);

export const Department = z.object({
  id: z.string().uuid(),
  regionCode: z.string(),
  kind: DepartmentKind,
  name: z.string(),
  phone: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Department = z.infer<typeof Department>;

/** A department sits at city, county or township level; one of each kind per region. */
export const DepartmentCreate = z.object({
  regionCode: RegionCode,
  kind: DepartmentKind,
  name: DepartmentName,
  phone: Phone.nullable().optional(),
});
export type DepartmentCreate = z.infer<typeof DepartmentCreate>;

/** Region and kind are fixed: a department of another kind or place is another department. */
export const DepartmentUpdate = z.object({
  version: z.number().int(),
  name: DepartmentName.optional(),
  phone: Phone.nullable().optional(),
});
export type DepartmentUpdate = z.infer<typeof DepartmentUpdate>;

export const DepartmentListQuery = PageQuery.extend({
  /** Departments inside this subtree (the region itself included). */
  regionCode: RegionCode.optional(),
  kind: DepartmentKind.optional(),
});
export type DepartmentListQuery = z.infer<typeof DepartmentListQuery>;

/** A GB/T 4754-2017 门类 letter (A–T) or a 大类/中类/小类 code (2, 3 or 4 digits). */
export const IndustryPrefix = z
  .string()
  .trim()
  .regex(/^([A-Z]|\d{2,4})$/, "GB/T 4754-2017: a section letter or a 2–4 digit code");

/** One row of the industry → department-kind table; the longest prefix of an industry code wins. */
export const IndustryMapping = z.object({ industryPrefix: IndustryPrefix, kind: DepartmentKind });
export type IndustryMapping = z.infer<typeof IndustryMapping>;

/** The whole table, replaced at once. */
export const IndustryMappingPut = z.object({
  items: z.array(IndustryMapping).max(2000),
  /** The `revision` the edit started from: a table changed meanwhile answers 409 instead of being overwritten. */
  revision: z.string().length(16).optional(),
});
export type IndustryMappingPut = z.infer<typeof IndustryMappingPut>;

export const IndustryMappingEntry = IndustryMapping.extend({ industryName: z.string() });
export const IndustryMappingList = z.object({
  items: z.array(IndustryMappingEntry),
  /** A digest of the table's content, to send back with a replacement. */
  revision: z.string(),
});
export type IndustryMappingList = z.infer<typeof IndustryMappingList>;

export const DepartmentForIndustryQuery = z.object({ regionCode: RegionCode, industryCode: IndustryPrefix });

/**
 * An enterprise's industry regulator: the kind its industry maps to (null when no row of the table
 * matches) and that kind's department at the nearest level at or above its region (null when none is set up).
 */
export const DepartmentForIndustry = z.object({
  regionCode: z.string(),
  industryCode: z.string(),
  matchedPrefix: z.string().nullable(),
  kind: DepartmentKind.nullable(),
  department: Department.nullable(),
});
export type DepartmentForIndustry = z.infer<typeof DepartmentForIndustry>;
