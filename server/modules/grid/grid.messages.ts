import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "grid.out_of_scope": { zh: "只能管理本辖区内的网格", en: "You can only manage the grid of your own region" },
  "grid.node_level": {
    zh: "网格只能设在乡镇（街道）或村（社区）一级",
    en: "A grid node is a township or a village",
  },
  "grid.node_retired": { zh: "该行政区划已撤销，请选择其继承区划", en: "This region is retired; use its successor" },
  "grid.not_grid_member": { zh: "该用户不是网格员", en: "This user is not a grid member" },
  "grid.member_disabled": { zh: "该账号已停用", en: "This account is disabled" },
  "grid.member_region": {
    zh: "网格员只能负责本人所属区域的网格（乡镇网格员可兼管下辖村居）",
    en: "A grid member may hold only their own region's node or a node beneath it",
  },
  "grid.duplicate": { zh: "该网格员已负责此网格", en: "This grid member already holds this node" },
  "grid.assignment_ended": { zh: "该网格职责已终止", en: "This assignment has already ended" },
});

export const gridAssignmentEntity = { zh: "网格职责", en: "Grid assignment" };
export const gridNodeEntity = { zh: "网格", en: "Grid node" };
