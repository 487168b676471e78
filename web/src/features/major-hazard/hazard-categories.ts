import { table2 } from "../../../../domain/major-hazard/gb18218-tables.js";
import type { Lang } from "../../i18n/language.js";

// GB 18218-2018 Table 2 category names in English (GHS terms); the descriptions are the standard's Chinese text.
const categoryEn: Record<string, string> = {
  急性毒性: "Acute toxicity",
  爆炸物: "Explosives",
  易燃气体: "Flammable gases",
  气溶胶: "Aerosols",
  氧化性气体: "Oxidising gases",
  易燃液体: "Flammable liquids",
  自反应物质和混合物: "Self-reactive substances and mixtures",
  有机过氧化物: "Organic peroxides",
  自燃液体和自燃固体: "Pyrophoric liquids and solids",
  氧化性固体和液体: "Oxidising solids and liquids",
  易燃固体: "Flammable solids",
  遇水放出易燃气体的物质和混合物: "Substances which emit flammable gases in contact with water",
};

/** Table 2 rows as picker options: symbol, category, the standard's description and its threshold Q. */
export function hazardCategoryOptions(lang: Lang) {
  return table2.map((r) => ({
    value: r.symbol,
    label: `${r.symbol} ${lang === "en-US" ? (categoryEn[r.category] ?? r.category) : r.category}`,
    title: `${r.symbol} ${r.category}：${r.description}（Q = ${r.qText} t）`,
    description: r.description,
    qText: r.qText,
  }));
}
