import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "exposure.week_not_monday": {
    zh: "曝光周须以星期一的日期表示（YYYY-MM-DD）",
    en: "A week is given by its Monday (YYYY-MM-DD)",
  },
  "exposure.region_required": { zh: "请指定曝光清单所属区划", en: "Name the region of the list" },
  "exposure.region_unknown": { zh: "区划不存在", en: "No such region" },
  "exposure.region_outside": { zh: "只能为本辖区（含下级）编制曝光清单", en: "You may draft lists only for your own region or below" },
  "exposure.published": { zh: "曝光清单已发布，不能再修改", en: "The list is published and can no longer be changed" },
  "exposure.empty": { zh: "曝光清单没有条目，不能发布", en: "The list has no items to publish" },
  "exposure.hazard_outside_region": {
    zh: "该隐患不在此曝光清单的区划内",
    en: "The hazard is outside the list's region",
  },
  "exposure.hazard_closed": { zh: "该隐患已销号或作废，不能曝光", en: "The hazard is closed or voided and cannot be exposed" },
  "exposure.hazard_not_overdue": {
    zh: "只能曝光已超过整改时限的隐患",
    en: "Only a hazard past its rectification deadline can be exposed",
  },
  "exposure.hazard_listed": { zh: "该隐患已在此曝光清单中", en: "The hazard is already on this list" },
  "hazards.export_too_many": {
    zh: "导出结果超过 {max} 条，请缩小筛选范围后再导出",
    en: "More than {max} hazards match; narrow the filters before exporting",
  },
});

export const exposureListEntity = { zh: "曝光清单", en: "Exposure list" };
export const exposureItemEntity = { zh: "曝光条目", en: "Exposure item" };
