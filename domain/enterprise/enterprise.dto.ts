import { z } from "zod";
import { PageQuery } from "../common/page.js";
import { usccProblem } from "./uscc.js";

/** Regulatory categories (监管类别); 工贸 has the industries of 应急管理部令第10号 (2023) as sub-categories. */
export const enterpriseCategories = [
  "hazardous_chemicals", // 危险化学品
  "fireworks", // 烟花爆竹
  "mining", // 矿山
  "industry_trade", // 工贸
  "construction", // 建筑施工
  "transport", // 交通运输
  "crowded_places", // 人员密集场所
  "other", // 其他
] as const;
export const EnterpriseCategory = z.enum(enterpriseCategories);
export type EnterpriseCategory = z.infer<typeof EnterpriseCategory>;

export const industryTradeSubcategories = [
  "metallurgy",
  "nonferrous",
  "building_materials",
  "machinery",
  "light_industry",
  "textile",
  "tobacco",
  "commerce_trade",
] as const;
export const IndustryTradeSubcategory = z.enum(industryTradeSubcategories);

export const categoryLabels: Record<EnterpriseCategory, { zh: string; en: string }> = {
  hazardous_chemicals: { zh: "危险化学品", en: "Hazardous chemicals" },
  fireworks: { zh: "烟花爆竹", en: "Fireworks" },
  mining: { zh: "矿山", en: "Mining" },
  industry_trade: { zh: "工贸", en: "Industry and trade" },
  construction: { zh: "建筑施工", en: "Construction" },
  transport: { zh: "交通运输", en: "Transport" },
  crowded_places: { zh: "人员密集场所", en: "Crowded places" },
  other: { zh: "其他", en: "Other" },
};
export const subcategoryLabels: Record<z.infer<typeof IndustryTradeSubcategory>, { zh: string; en: string }> = {
  metallurgy: { zh: "冶金", en: "Metallurgy" },
  nonferrous: { zh: "有色", en: "Non-ferrous metals" },
  building_materials: { zh: "建材", en: "Building materials" },
  machinery: { zh: "机械", en: "Machinery" },
  light_industry: { zh: "轻工", en: "Light industry" },
  textile: { zh: "纺织", en: "Textiles" },
  tobacco: { zh: "烟草", en: "Tobacco" },
  commerce_trade: { zh: "商贸", en: "Commerce and trade" },
};

export const EnterpriseScale = z.enum(["large", "medium", "small", "micro"]); // 大/中/小/微
export const StandardisationGrade = z.enum(["level1", "level2", "level3", "none"]); // 安全生产标准化 一级/二级/三级/未达标
export const enterpriseStatuses = ["operating", "suspended", "closed"] as const; // 在营/停产整顿/关闭
export const EnterpriseStatus = z.enum(enterpriseStatuses);
export type EnterpriseStatus = z.infer<typeof EnterpriseStatus>;

const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/);
const Person = z.string().trim().min(1).max(40);

/** 统一社会信用代码, checked with its GB 32100-2015 check character. */
export const Uscc = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = usccProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: `uscc.${problem}`, params: { uscc: problem } });
  });

const fields = {
  name: z.string().trim().min(2).max(100),
  uscc: Uscc,
  address: z.string().trim().min(1).max(200),
  /** Village/community (12-digit) region code: the enterprise's territorial supervisor (属地). */
  regionCode: z.string().regex(/^\d{12}$/, "a 12-digit village/community code"),
  longitude: z.number().min(73).max(136).nullable().optional(),
  latitude: z.number().min(3).max(54).nullable().optional(),
  /** GB/T 4754-2017 code (大类, 中类 or 小类). */
  industryCode: z.string().regex(/^\d{2,4}$/),
  category: EnterpriseCategory,
  subcategory: IndustryTradeSubcategory.nullable().optional(),
  scale: EnterpriseScale,
  headcount: z.number().int().min(0).max(1_000_000),
  legalRepresentative: Person,
  principalName: Person,
  principalPhone: Phone,
  safetyManagerName: Person.nullable().optional(),
  safetyManagerPhone: Phone.nullable().optional(),
  hasMajorHazardSource: z.boolean(),
  standardisationGrade: StandardisationGrade,
};

/** Overriding the derived industry department needs a reason, kept with the record and in its history. */
const departmentOverride = {
  industryDepartmentId: z.string().uuid().nullable().optional(),
  departmentOverrideReason: z.string().trim().min(2).max(500).nullable().optional(),
};

// Defaults belong to creation only: on a partial update a missing field means "unchanged", never "reset".
export const EnterpriseCreate = z.object({
  ...fields,
  ...departmentOverride,
  hasMajorHazardSource: fields.hasMajorHazardSource.default(false),
  standardisationGrade: fields.standardisationGrade.default("none"),
  status: EnterpriseStatus.default("operating"),
});
export type EnterpriseCreate = z.infer<typeof EnterpriseCreate>;

/** Partial edit of a versioned record; status changes go through their own transition. */
export const EnterpriseUpdate = z
  .object({ ...fields, ...departmentOverride })
  .partial()
  .extend({ version: z.number().int() });
export type EnterpriseUpdate = z.infer<typeof EnterpriseUpdate>;

export const Enterprise = z.object({
  id: z.string().uuid(),
  name: z.string(),
  uscc: z.string(),
  address: z.string(),
  regionCode: z.string(),
  regionPath: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  industryCode: z.string(),
  industryName: z.string().nullable(),
  category: EnterpriseCategory,
  subcategory: IndustryTradeSubcategory.nullable(),
  scale: EnterpriseScale,
  headcount: z.number().int(),
  legalRepresentative: z.string(),
  principalName: z.string(),
  principalPhone: z.string(),
  safetyManagerName: z.string().nullable(),
  safetyManagerPhone: z.string().nullable(),
  hasMajorHazardSource: z.boolean(),
  standardisationGrade: StandardisationGrade,
  status: EnterpriseStatus,
  industryDepartment: z.object({ id: z.string().uuid(), name: z.string(), kind: z.string() }).nullable(),
  departmentOverrideReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof Enterprise>;

export const EnterpriseSort = z.enum(["name", "-updatedAt", "updatedAt", "-headcount"]);
export const EnterpriseListQuery = PageQuery.extend({
  /** Name substring (Chinese), or an exact USCC. */
  q: z.string().trim().max(100).optional(),
  /** Region subtree. */
  region: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/)
    .optional(),
  /** GB/T 4754 code prefix. */
  industry: z
    .string()
    .regex(/^\d{2,4}$/)
    .optional(),
  category: EnterpriseCategory.optional(),
  scale: EnterpriseScale.optional(),
  status: EnterpriseStatus.optional(),
  sort: EnterpriseSort.default("name"),
});
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuery>;

export const enterpriseTransitions = ["suspend", "resume", "close"] as const;
export const EnterpriseTransition = z.object({
  action: z.enum(enterpriseTransitions),
  version: z.number().int(),
  reason: z.string().trim().min(2).max(500),
});
