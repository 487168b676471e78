import { Tag } from "antd";
import { type AccidentType, accidentTypeLabels } from "../../../../domain/risk/accident-types.js";
import { defaultColourHex, type RiskLevel, riskLevelLabels, riskLevels } from "../../../../domain/risk/levels.js";
import { useLang } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";

/** Colour of a point not yet assessed (the four-colour map shows it grey). */
export const unassessedColour = "#8c8c8c";

/** Highest first, the way lists, legends and filters show the four levels (重大 → 低). */
export const levelsHighFirst = [...riskLevels].reverse() as RiskLevel[];

/** Picks the UI language's half of a domain `{zh, en}` label. */
export function useLabel(): (text: { zh: string; en: string }) => string {
  const [lang] = useLang();
  const key = labelKeyOf(lang);
  return (text) => text[key];
}

/** GB 6441 accident type with its number in the standard. */
export function useAccidentTypeLabel(): (type: AccidentType) => string {
  const label = useLabel();
  return (type) => `${accidentTypeLabels[type].no}. ${label(accidentTypeLabels[type])}`;
}

/** A level as a tag in its colour band (R2: 重大 red, 较大 orange, 一般 yellow, 低 blue); grey until assessed. */
export function RiskLevelTag({ level, unassessedText }: { level: RiskLevel | null; unassessedText?: string }) {
  const label = useLabel();
  if (!level) return <Tag data-level="none">{unassessedText ?? "—"}</Tag>;
  return (
    // Yellow needs dark text to stay readable.
    <Tag color={defaultColourHex[level]} style={level === "general" ? { color: "#262626" } : undefined} data-level={level}>
      {label(riskLevelLabels[level])}
    </Tag>
  );
}
