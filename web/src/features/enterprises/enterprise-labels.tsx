import { Tag } from "antd";
import { useCallback } from "react";
import {
  categoryLabels,
  type EnterpriseCategory,
  type EnterpriseStatus,
  type enterpriseStatuses,
  subcategoryLabels,
} from "../../../../domain/enterprise/enterprise.dto.js";
import { useLang, useT } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";

export const enterpriseScales = ["large", "medium", "small", "micro"] as const;
export const standardisationGrades = ["level1", "level2", "level3", "none"] as const;
export type StandardisationGradeValue = (typeof standardisationGrades)[number];
export type EnterpriseSubcategory = keyof typeof subcategoryLabels;

const statusColors: Record<(typeof enterpriseStatuses)[number], string> = { operating: "green", suspended: "orange", closed: "default" };

/** Category and sub-category labels (from the shared contract) in the current UI language. */
export function useCategoryLabel(): {
  category: (c: EnterpriseCategory) => string;
  subcategory: (s: EnterpriseSubcategory) => string;
} {
  const [lang] = useLang();
  const key = labelKeyOf(lang);
  const category = useCallback((c: EnterpriseCategory) => categoryLabels[c]?.[key] ?? c, [key]);
  const subcategory = useCallback((s: EnterpriseSubcategory) => subcategoryLabels[s]?.[key] ?? s, [key]);
  return { category, subcategory };
}

/** 在营 / 停产整顿 / 关闭. */
export function EnterpriseStatusTag({ status }: { status: EnterpriseStatus }) {
  const t = useT();
  return (
    <Tag color={statusColors[status]} data-testid="enterprise-status" style={{ marginInlineEnd: 0 }}>
      {t(`enterprises.status.${status}`)}
    </Tag>
  );
}

/** The region path without the province and city ("溧阳市 / 溧城街道 / 后街新村"), for narrow table cells. */
export function shortRegionPath(path: string | null): string | undefined {
  if (!path) return undefined;
  const parts = path.split(" / ");
  return parts.length > 3 ? parts.slice(-3).join(" / ") : path;
}
