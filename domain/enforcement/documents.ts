import { z } from "zod";
import type { CalendarDay } from "../common/calendar.js";
import { type DocumentKind, documentKinds, type OnsiteMeasureKind } from "./case.js";
import type { PenaltyItem } from "./procedure.js";

/**
 * The 执法文书 (issue 8 §2, enforcement.md R2) as wording: each kind is a list of named slots of zh-CN text with
 * `{placeholder}`s that the server fills from the case. A deployment may replace any slot's wording
 * (document_templates); the layout around the slots (party block, lists of violations and penalties, signature and
 * seal areas) stays the server's.
 */

/** 文书编号 abbreviation of each kind: 溧应急责改〔2026〕1号. */
export const documentAbbreviations: Record<DocumentKind, string> = {
  inspection_record: "检记",
  rectification_order: "责改",
  onsite_measures_decision: "现决",
  reinspection_opinion: "复查",
  penalty_notice: "罚告",
  hearing_rights_notice: "听告",
  penalty_decision: "罚决",
};

/** `{deptShort}{abbr}〔{year}〕{seq}号`, e.g. 溧应急责改〔2026〕1号 (the department's place + kind, without 罚). */
export function formatDocumentNumber(p: { deptShort: string; abbr: string; year: number; seq: number }): string {
  return `${p.deptShort}${p.abbr}〔${p.year}〕${p.seq}号`;
}

/** Placeholders every kind may use. */
const commonPlaceholders = [
  "department", // 溧阳市应急管理局
  "docNo",
  "caseNo",
  "enterprise",
  "uscc",
  "address",
  "legalRepresentative",
  "principal",
  "officers", // 张三（执法证号 …）、李四（执法证号 …）
  "basis", // the provisions violated, joined
  "applied", // the provisions setting the consequence, joined
  "issuedDate", // 2026年11月23日
  "eventDate", // the day of the event the document records
] as const;
const remedyPlaceholders = ["reconsiderationBody", "reconsiderationDays", "lawsuitMonths"] as const;
const penaltyPlaceholders = ["penalty", "fineYuan", "fineUpper"] as const;

/** The placeholders the server fills for each kind (a template may use only these). */
export const documentPlaceholders: Record<DocumentKind, readonly string[]> = {
  inspection_record: [...commonPlaceholders, "inspectionStart", "inspectionEnd", "checklist"],
  rectification_order: [...commonPlaceholders, ...remedyPlaceholders, "deadline"],
  onsite_measures_decision: [...commonPlaceholders, ...remedyPlaceholders, "measures"],
  reinspection_opinion: [...commonPlaceholders, "orderDocNo", "orderDate", "deadline"],
  penalty_notice: [...commonPlaceholders, ...penaltyPlaceholders, "statementEnd"],
  hearing_rights_notice: [...commonPlaceholders, ...penaltyPlaceholders, "hearingEnd"],
  penalty_decision: [...commonPlaceholders, ...remedyPlaceholders, ...penaltyPlaceholders, "paymentDays", "openedDate"],
};

const remedies = (what: string) =>
  `如果不服本${what}，可以依法在{reconsiderationDays}日内向{reconsiderationBody}申请行政复议，或者在{lawsuitMonths}个月内依法向人民法院提起行政诉讼，但本${what}不停止执行，法律另有规定的除外。`;
const copies = "本文书一式两份，一份送达被检查单位（当事人），一份存档。";

/**
 * The built-in wording (安监总政法〔2016〕72号 document set, adapted). Slot order is the order on the page; the
 * structured lists (violations, measures, penalty items) are printed after the slot named in `listsAfter`.
 */
export const builtinWording = {
  inspection_record: {
    title: "现场检查记录",
    intro:
      "{officers}于{inspectionStart}至{inspectionEnd}对{enterprise}进行现场检查。检查人员出示了行政执法证件，表明了身份，告知了被检查单位依法享有的权利和应当履行的义务。",
    content: "检查场所：{address}。检查内容：依照《{checklist}》对被检查单位的安全生产情况进行检查。",
    findings: "检查发现的问题及违反的规定：",
    handling: "对上述问题，本机关已依法登记立案（案号：{caseNo}），并将依法另行出具相关执法文书。",
    signing: "以上记录已经被检查单位负责人核对无误。被检查单位负责人拒绝签字的，由检查人员在本记录上注明情况。",
    footer: copies,
  },
  rectification_order: {
    title: "责令限期整改指令书",
    opening: "{enterprise}：",
    findings: "经查，你单位存在下列问题：",
    order:
      "以上问题违反了{basis}的规定。依据《中华人民共和国安全生产法》第六十五条第一款的规定，现责令你单位于{deadline}前整改完毕，达到有关法律法规规章和标准规定的要求。由于你单位原因逾期未整改的，本机关将依法处理。整改完毕后请书面报告本机关。",
    rights: remedies("指令"),
    footer: copies,
  },
  onsite_measures_decision: {
    title: "现场处理措施决定书",
    opening: "{enterprise}：",
    findings: "本机关在现场检查中发现你单位存在下列事故隐患和违法行为：",
    decision:
      "以上问题违反了{basis}的规定。依据《中华人民共和国安全生产法》第六十五条第一款第（三）项的规定，现作出如下现场处理决定：{measures}。重大事故隐患排除后，经本机关审查同意，方可恢复生产经营和使用。",
    rights: remedies("决定"),
    footer: copies,
  },
  reinspection_opinion: {
    title: "整改复查意见书",
    opening: "{enterprise}：",
    review:
      "本机关于{orderDate}作出《责令限期整改指令书》（{orderDocNo}），责令你单位于{deadline}前对下列问题整改完毕。{eventDate}，本机关对你单位的整改情况进行了复查：",
    rectified: "经复查，你单位已按照要求完成整改。",
    notRectified: "经复查，你单位未按照要求完成整改，违反了{basis}的规定。本机关将依据{applied}等有关规定依法处理。",
    footer: copies,
  },
  penalty_notice: {
    title: "行政处罚告知书",
    opening: "{enterprise}：",
    findings: "经查，你单位存在下列违法行为：",
    proposal: "以上事实违反了{basis}的规定。依据{applied}的规定，本机关拟对你单位作出如下行政处罚：{penalty}。",
    statement:
      "依据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位有权进行陈述和申辩。如需陈述和申辩，请于{statementEnd}前向本机关提出，逾期视为放弃上述权利。",
    footer: copies,
  },
  hearing_rights_notice: {
    title: "听证告知书",
    opening: "{enterprise}：",
    proposal:
      "你单位涉嫌安全生产违法一案（案号：{caseNo}），违反了{basis}的规定。依据{applied}的规定，本机关拟对你单位作出如下行政处罚：{penalty}。",
    hearing:
      "依据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你单位有权要求举行听证。如要求听证，应当在{hearingEnd}前向本机关提出，逾期不提出的，视为放弃听证权利。",
    footer: copies,
  },
  penalty_decision: {
    title: "行政处罚决定书",
    opening: "本机关于{openedDate}对你单位涉嫌安全生产违法一案立案调查（案号：{caseNo}），现已调查终结。",
    findings: "经查，你单位存在下列违法行为：",
    decision: "以上事实违反了{basis}的规定。依据{applied}的规定，本机关决定对你单位作出如下行政处罚：{penalty}。",
    payment:
      "罚款限于收到本决定书之日起{paymentDays}日内缴至指定银行。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款的数额。",
    rights: remedies("决定"),
    footer: copies,
  },
} as const satisfies Record<DocumentKind, Record<string, string>>;

/** The slots of each kind, in page order. */
export const documentSlots: Record<DocumentKind, readonly string[]> = {
  inspection_record: Object.keys(builtinWording.inspection_record),
  rectification_order: Object.keys(builtinWording.rectification_order),
  onsite_measures_decision: Object.keys(builtinWording.onsite_measures_decision),
  reinspection_opinion: Object.keys(builtinWording.reinspection_opinion),
  penalty_notice: Object.keys(builtinWording.penalty_notice),
  hearing_rights_notice: Object.keys(builtinWording.hearing_rights_notice),
  penalty_decision: Object.keys(builtinWording.penalty_decision),
};

/** After which slot the server prints the list of violations (facts and basis); null: none (the wording names the basis). */
export const listsAfter: Record<DocumentKind, string | null> = {
  inspection_record: "findings",
  rectification_order: "findings",
  onsite_measures_decision: "findings",
  reinspection_opinion: "review",
  penalty_notice: "findings",
  hearing_rights_notice: null,
  penalty_decision: "findings",
};

export type Wording = Record<string, string>;

/** The wording a document uses: the built-in one with the deployment's slots laid over it. */
export function effectiveWording(kind: DocumentKind, deployment: Wording | null | undefined): Wording {
  return { ...builtinWording[kind], ...(deployment ?? {}) };
}

/** Replaces `{name}` with `values[name]`; a placeholder without a value stays as written (so it shows). */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] as string) : whole));
}

/** The `{placeholder}` names a text uses. */
export const placeholdersIn = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

export const wordingMaxChars = 2000;

/**
 * Why a deployment's wording is refused, by slot: unknown slots, empty or over-long text, placeholders the server
 * does not fill for that kind. Empty when it is fine.
 */
export function wordingProblems(kind: DocumentKind, wording: Wording): { slot: string; code: string; params?: Record<string, string> }[] {
  const out: { slot: string; code: string; params?: Record<string, string> }[] = [];
  const known = documentPlaceholders[kind];
  for (const [slot, text] of Object.entries(wording)) {
    if (!documentSlots[kind].includes(slot)) out.push({ slot, code: "document_template.unknown_slot" });
    else if (text.trim().length === 0) out.push({ slot, code: "document_template.empty" });
    else if (text.length > wordingMaxChars) out.push({ slot, code: "document_template.too_long" });
    else {
      const unknown = placeholdersIn(text).find((p) => !known.includes(p));
      if (unknown) out.push({ slot, code: "document_template.unknown_placeholder", params: { name: unknown } });
    }
  }
  return out;
}

// ── Words and numbers on the page ─────────────────────────────────────────────────────────────────────────────

/** 2026-11-23 → 2026年11月23日. */
export function chineseDate(day: CalendarDay): string {
  const [y, m, d] = day.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const digits = "零壹贰叁肆伍陆柒捌玖";
const places = ["", "拾", "佰", "仟"];
const groups = ["", "万", "亿", "万亿"];

/** 0..9999 in capital numerals without leading zeros (零 only between digits). */
function groupUpper(n: number): string {
  let out = "";
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += "零";
    out += digits[d] + (places[p] as string);
    zero = false;
  }
  return out;
}

/**
 * 人民币大写 of an amount in fen (《支付结算办法》 conventions): 100000.00 → 壹拾万元整, 20000.50 → 贰万元伍角,
 * 1005 → 壹仟零伍元整, 10.05 → 壹拾元零伍分.
 */
export function rmbUpper(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let int = "";
  let zero = false;
  const parts: number[] = [];
  for (let v = yuan; v > 0; v = Math.floor(v / 10000)) parts.push(v % 10000);
  for (let i = parts.length - 1; i >= 0; i--) {
    const g = parts[i] as number;
    if (g === 0) {
      if (int) zero = true;
      continue;
    }
    if (int && (zero || g < 1000)) int += "零";
    int += groupUpper(g) + (groups[i] as string);
    zero = false;
  }
  if (jiao === 0 && cents === 0) return `${int || "零"}元整`;
  let out = int ? `${int}元` : "";
  if (jiao > 0) out += `${digits[jiao]}角`;
  else if (int) out += "零";
  if (cents > 0) out += `${digits[cents]}分`;
  return out;
}

/** 100000.5 yuan as 100,000.50. */
export const yuanText = (fen: number) => `${Math.floor(fen / 100).toLocaleString("en-US")}.${String(fen % 100).padStart(2, "0")}`;

const penaltyWords: Record<PenaltyItem["kind"], string> = {
  warning: "警告",
  fine: "罚款",
  confiscation: "没收违法所得、非法财物",
  qualification_downgrade: "降低资质等级",
  licence_revocation: "暂扣或者吊销有关许可证件",
  suspension: "责令停产停业整顿",
  closure: "责令关闭",
  occupational_restriction: "限制从业",
};

/** One penalty item as the decision states it: 罚款人民币壹拾万元整（¥100,000.00）. */
export function penaltyItemText(i: PenaltyItem): string {
  const word = penaltyWords[i.kind];
  if ((i.kind === "fine" || i.kind === "confiscation") && i.amountFen !== undefined)
    return `${word}人民币${rmbUpper(i.amountFen)}（¥${yuanText(i.amountFen)}）`;
  return word;
}

/** 安全生产法 Art. 65(1)(3) on-site measures as the decision states them. */
export const measureWords: Record<OnsiteMeasureKind, string> = {
  withdraw_workers: "责令从危险区域内撤出作业人员",
  suspend_production: "责令暂时停产停业",
  stop_equipment: "责令停止使用相关设施、设备",
  stop_use: "责令暂时停止使用相关场所",
  other: "采取其他现场处理措施",
};

// ── DTOs ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const DocumentKindEnum = z.enum(documentKinds);

/** POST /api/cases/:id/documents: issue a document of `kind`; `supersedesId` makes it the correction of an earlier one. */
export const DocumentIssue = z.object({
  kind: DocumentKindEnum,
  supersedesId: z.string().uuid().optional(),
});
export type DocumentIssue = z.infer<typeof DocumentIssue>;

/** A deployment's wording: slot → text (slots left out keep the built-in wording). Slots are checked per kind. */
export const DocumentTemplateWording = z.record(z.string().max(40), z.string().trim().min(1).max(wordingMaxChars));
export type DocumentTemplateWording = z.infer<typeof DocumentTemplateWording>;

/** PUT /api/document-templates/:kind: `version` 0 when the kind has no deployment wording yet. */
export const DocumentTemplatePut = z.object({
  version: z.number().int().min(0),
  wording: DocumentTemplateWording,
});
export type DocumentTemplatePut = z.infer<typeof DocumentTemplatePut>;

export const DocumentTemplateView = z.object({
  kind: DocumentKindEnum,
  title: z.string(),
  slots: z.array(z.string()),
  placeholders: z.array(z.string()),
  builtin: z.record(z.string(), z.string()),
  /** The deployment's wording, null while it uses the built-in one. */
  wording: z.record(z.string(), z.string()).nullable(),
  /** 0 = built-in; bumped by each change (an issued document keeps the version it used). */
  version: z.number().int(),
});
export type DocumentTemplateView = z.infer<typeof DocumentTemplateView>;

export const DocumentTemplateList = z.object({ items: z.array(DocumentTemplateView) });
