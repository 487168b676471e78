import { Tag } from "antd";
// Type only: the identification module carries the GB 18218 tables, which lists and dashboards do not need.
import type { MajorHazardLevel } from "../../../../domain/major-hazard/identification.js";
import { useT } from "../../i18n/i18n-context.js";

// 一级 is the most dangerous: the same red → blue band as the risk levels.
const gradeColours: Record<MajorHazardLevel, string> = { 1: "#e02020", 2: "#fa8c16", 3: "#d4b106", 4: "#1677ff" };

export function useGradeLabel(): (level: MajorHazardLevel) => string {
  const t = useT();
  return (level) => t(`mh.grade.${level}`);
}

/** A unit's GB 18218 grade, or "not a major hazard source". */
export function MajorHazardTag({ isMajor, level }: { isMajor: boolean; level: MajorHazardLevel | null }) {
  const t = useT();
  const label = useGradeLabel();
  if (!isMajor || !level) return <Tag data-testid="mh-grade">{t("mh.notMajor")}</Tag>;
  return (
    <Tag color={gradeColours[level]} data-testid="mh-grade">
      {t("mh.gradeTag", { grade: label(level) })}
    </Tag>
  );
}

export { gradeColours };
