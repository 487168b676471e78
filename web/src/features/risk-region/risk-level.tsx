import { Tag } from "antd";
import { defaultColourHex, type RiskLevel, riskLevelLabels, riskLevels } from "../../../../domain/risk/levels.js";
import { useLang } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";

/** Highest first: how tables, legends and stacks list the four levels (重大 → 低). */
export const levelsHighFirst = [...riskLevels].reverse() as RiskLevel[];

/** A level's name in the UI language. */
export function useRiskLevelLabel(): (level: RiskLevel) => string {
  const [lang] = useLang();
  return (level) => riskLevelLabels[level][labelKeyOf(lang)];
}

/** A level as a tag in its colour band (R2: 重大 red, 较大 orange, 一般 yellow, 低 blue). */
export function RiskLevelTag({ level }: { level: RiskLevel | null }) {
  const label = useRiskLevelLabel();
  if (!level) return <Tag>—</Tag>;
  // Yellow needs dark text to stay readable.
  return (
    <Tag color={defaultColourHex[level]} style={level === "general" ? { color: "#262626" } : undefined} data-level={level}>
      {label(level)}
    </Tag>
  );
}
