import { z } from "zod";

/** GB 6441-1986 《企业职工伤亡事故分类》: the 20 accident types (事故类别), in the standard's order. */
export const accidentTypeLabels = {
  struck_by_object: { no: 1, zh: "物体打击", en: "Struck by object" },
  vehicle: { no: 2, zh: "车辆伤害", en: "Vehicle injury" },
  machinery: { no: 3, zh: "机械伤害", en: "Machinery injury" },
  lifting: { no: 4, zh: "起重伤害", en: "Lifting injury" },
  electric_shock: { no: 5, zh: "触电", en: "Electric shock" },
  drowning: { no: 6, zh: "淹溺", en: "Drowning" },
  scald_burn: { no: 7, zh: "灼烫", en: "Scalds and burns" },
  fire: { no: 8, zh: "火灾", en: "Fire" },
  fall_from_height: { no: 9, zh: "高处坠落", en: "Fall from height" },
  collapse: { no: 10, zh: "坍塌", en: "Collapse" },
  roof_fall: { no: 11, zh: "冒顶片帮", en: "Roof fall and rib spalling" },
  water_inrush: { no: 12, zh: "透水", en: "Water inrush" },
  blasting: { no: 13, zh: "放炮", en: "Blasting" },
  explosive_explosion: { no: 14, zh: "火药爆炸", en: "Explosive (gunpowder) explosion" },
  firedamp_explosion: { no: 15, zh: "瓦斯爆炸", en: "Firedamp (gas) explosion" },
  boiler_explosion: { no: 16, zh: "锅炉爆炸", en: "Boiler explosion" },
  vessel_explosion: { no: 17, zh: "容器爆炸", en: "Pressure vessel explosion" },
  other_explosion: { no: 18, zh: "其他爆炸", en: "Other explosion" },
  poisoning_asphyxiation: { no: 19, zh: "中毒和窒息", en: "Poisoning and asphyxiation" },
  other_injury: { no: 20, zh: "其他伤害", en: "Other injury" },
} as const;
export type AccidentType = keyof typeof accidentTypeLabels;
export const accidentTypes = Object.keys(accidentTypeLabels) as [AccidentType, ...AccidentType[]];
export const AccidentType = z.enum(accidentTypes);

/** Control measures typed by the hierarchy of controls (issue 5 §1). */
export const measureTypes = ["engineering", "management", "training", "ppe", "emergency"] as const;
export const MeasureType = z.enum(measureTypes);
export type MeasureType = z.infer<typeof MeasureType>;

export const measureTypeLabels: Record<MeasureType, { zh: string; en: string }> = {
  engineering: { zh: "工程技术", en: "Engineering" },
  management: { zh: "管理", en: "Management" },
  training: { zh: "培训教育", en: "Training and education" },
  ppe: { zh: "个体防护", en: "Personal protection" },
  emergency: { zh: "应急处置", en: "Emergency response" },
};
