import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "inspections.kind_not_allowed": {
    zh: "您的角色不能发起此类检查（企业只能开展自查，且只能检查本企业）",
    en: "Your role cannot start this kind of inspection (an enterprise only inspects itself)",
  },
  "inspections.not_on_team": {
    zh: "只有检查组成员或发起人可以填写和结束此检查",
    en: "Only the inspection team or whoever started it may answer and finish it",
  },
  "inspections.finished_readonly": {
    zh: "检查已结束，记录不能再修改；如需更正，请发起一次新的更正检查",
    en: "The inspection is finished and read-only; start a correcting inspection instead",
  },
  "inspections.stale": {
    zh: "此检查已被另一台设备修改（当前版本 {current}），请刷新后再提交",
    en: "Another device changed this inspection (now version {current}); reload and send again",
  },
  "inspections.gps_pair": { zh: "经度和纬度须同时填写", en: "Give both latitude and longitude, or neither" },
  "inspections.inspector_unknown": { zh: "没有该检查人员账号", en: "No such account" },
  "inspections.inspector_inactive": { zh: "该检查人员账号已停用", en: "This account is disabled" },
  "inspections.inspector_not_regulator": {
    zh: "监管检查的检查人员须为监管部门执法人员",
    en: "A regulator inspection's inspectors must be regulators",
  },
  "inspections.inspector_no_cert": {
    zh: "该检查人员未登记行政执法证号，不能参加执法检查",
    en: "This inspector holds no enforcement certificate number",
  },
  "inspections.inspector_not_grid": { zh: "网格巡查的检查人员须为网格员", en: "A grid patrol's inspectors must be grid members" },
  "inspections.inspector_not_enterprise": {
    zh: "企业自查的检查人员须为本企业账号",
    en: "A self-inspection's inspectors must hold accounts of the enterprise",
  },
  "inspections.two_inspectors": {
    zh: "执法检查须有两名以上持证执法人员（《行政处罚法》第四十二条）",
    en: "A regulator inspection needs at least two certified enforcement officers (Administrative Penalty Law Art. 42)",
  },
  "inspections.corrects_invalid": {
    zh: "被更正的须是本企业一次已结束的检查",
    en: "The corrected inspection must be a finished inspection of the same enterprise",
  },
  "inspections.department_unknown": { zh: "没有该监管部门", en: "No such department" },
  "inspections.item_unknown": { zh: "检查表该版本中没有此检查项", en: "This checklist version has no such item" },
  "inspections.item_twice": { zh: "同一批次中此检查项出现了两次", en: "This item appears twice in the batch" },
  "inspections.response_id_reused": {
    zh: "该答复编号已用于另一检查项或另一次检查",
    en: "This response id is already used for another item or inspection",
  },
  "inspections.photo_id_reused": {
    zh: "该照片编号已用于另一检查项或另一次检查",
    en: "This photo id is already used for another item or inspection",
  },
  "inspections.number_required": { zh: "数值检查项须填写测量值", en: "A number item needs the measured value" },
  "inspections.value_type": { zh: "答复与检查项的类型不符", en: "The answer does not fit the item's type" },
  "inspections.photo_type": { zh: "照片须为 JPEG、PNG 或 WebP 图片", en: "A photo must be a JPEG, PNG or WebP image" },
  "inspections.photo_too_large": { zh: "每张照片不能超过 10 MB", en: "A photo may be at most 10 MB" },
  "inspections.item_unanswered": {
    zh: "此检查项尚未作答（不适用的请选“不适用”）",
    en: "This item is not answered yet (choose “not applicable” where it does not apply)",
  },
  "inspections.photo_required": { zh: "此检查项须附照片", en: "This item needs a photo" },
  "inspections.signature_enterprise": {
    zh: "须有企业负责人（或其代表）签字",
    en: "The enterprise's representative must sign",
  },
  "inspections.signature_inspector": { zh: "每名检查人员都须签字", en: "Every inspector must sign" },
  "inspections.signature_png": { zh: "签字须为 PNG 图片（不超过 1 MB）", en: "A signature must be a PNG image (at most 1 MB)" },
  "inspections.signature_twice": { zh: "同一人签了两次", en: "The same person signed twice" },
  "inspections.signer_not_inspector": { zh: "签字人不是本检查组成员", en: "The signer is not on the inspection team" },
  "inspections.draw_unknown": { zh: "没有该双随机抽查（或不在您的辖区）", en: "No such random draw in your region" },
  "inspections.draw_not_executed": { zh: "该双随机抽查尚未摇号", en: "This random draw has not been executed yet" },
  "inspections.draw_kind": {
    zh: "按双随机抽查开展的检查，类型须为“双随机抽查”（“四不两直”或交叉检查方式组织的抽查也可选相应类型）",
    en: "An inspection of a random draw is a double-random inspection (or unannounced / cross-area when the draw was prepared so)",
  },
  "inspections.not_drawn": { zh: "该企业不在本次抽查抽中的检查对象中", en: "This enterprise was not drawn by this random draw" },
  "inspections.draw_team": {
    zh: "检查组须为本次抽查为该企业抽取的执法人员：{team}（执法人员回避的，须先登记回避并由系统抽取替补）",
    en: "The team must be the officers drawn for this enterprise: {team} (an officer who recuses is replaced through a recorded recusal first)",
  },
  "inspections.plan_kind": {
    zh: "按年度检查计划开展的检查，类型须为“计划检查”",
    en: "An inspection of an annual plan item is a planned inspection",
  },
  "inspections.plan_item_unknown": { zh: "没有该年度计划检查事项（或不在您的辖区）", en: "No such annual plan item in your region" },
  "inspections.plan_not_approved": {
    zh: "该年度检查计划尚未经批准，不能据此开展检查",
    en: "The annual plan is not approved yet: it is not in effect",
  },
  "inspections.plan_item_enterprise": {
    zh: "该计划检查事项对应的是另一家企业",
    en: "This plan item is for another enterprise",
  },
  "inspections.plan_item_done": {
    zh: "该计划检查事项已由另一次检查完成",
    en: "Another finished inspection has already done this plan item",
  },
  "inspections.result_conflict": {
    zh: "有不合格检查项时，检查结论不能为“未发现问题”",
    en: "With a failed item the result cannot be “passed”",
  },
});

export const inspectionEntity = { zh: "检查", en: "Inspection" };
export const inspectionPhotoEntity = { zh: "检查照片", en: "Inspection photo" };
