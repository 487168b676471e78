import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "departments.out_of_scope": {
    zh: "只能管理本辖区内的监管部门",
    en: "You can only manage the departments of your own region",
  },
  "departments.region_level": {
    zh: "监管部门只能设在市、县（区）或乡镇（街道）一级",
    en: "A department sits at city, county or township level",
  },
  "departments.region_retired": { zh: "该行政区划已撤销，请选择其继承区划", en: "This region is retired; use its successor" },
  "departments.duplicate_kind": { zh: "该区域已有同类监管部门", en: "This region already has a department of this kind" },
  "industry_mapping.unknown_industry": {
    zh: "不是 GB/T 4754-2017 中的行业代码",
    en: "Not a GB/T 4754-2017 industry code",
  },
  "industry_mapping.duplicate_prefix": { zh: "行业代码重复", en: "This industry code is listed twice" },
});

export const departmentEntity = { zh: "监管部门", en: "Department" };
