import { z } from "zod";
import { PageQuery } from "../common/page.js";
import { CreditCriterion } from "./case.dto.js";
import { fineTotalFen, type Penalty, type PenaltyItem, type PenaltyKind } from "./procedure.js";

/**
 * 行政处罚信息公示 (enforcement.md R9, 安全生产法 Art. 78 ¶2, issue 8 §5): what the public portal shows of a
 * penalty decision — party name and USCC, facts in brief, legal basis, penalty, authority, dates — with natural
 * persons' names masked. Pure: the server gathers the facts, this decides the published text.
 */

/** 复姓 kept whole when masking (欧阳娜娜 → 欧阳**); a single-character surname otherwise (张三 → 张*). */
// biome-ignore format: a table
const compoundSurnames = [
  "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
  "令狐", "钟离", "端木", "南宫", "西门", "独孤", "澹台", "公冶", "申屠", "太史", "呼延", "万俟", "闻人", "赫连",
  "百里", "东郭", "第五", "左丘", "拓跋", "司空", "濮阳", "淳于", "单于", "仲孙", "宗政", "公羊", "羊舌", "梁丘",
];

const han = /\p{Script=Han}/u;

/**
 * A natural person's name as published (R9: natural persons' names masked): the surname stays, every other
 * character becomes `*` (the `·` of transliterated names stays). Latin names keep each word's first letter.
 */
export function maskName(name: string): string {
  const n = name.trim();
  if (!n) return "";
  if (!han.test(n)) return n.replace(/\S+/g, (w) => `${w[0]}${"*".repeat([...w].length - 1)}`);
  const chars = [...n];
  if (chars.length === 1) return "*";
  const keep = chars.length >= 3 && compoundSurnames.includes(chars.slice(0, 2).join("")) ? 2 : 1;
  return chars.map((c, i) => (i < keep || c === "·" || c === "•" ? c : "*")).join("");
}

/**
 * Every occurrence of the given persons' names in `text` masked, in one pass (the longest name first, so 欧阳娜娜
 * wins over 欧阳 and a masked name is never masked again).
 */
export function maskNames(text: string, names: readonly (string | null | undefined)[]): string {
  const list = [...new Set(names.map((x) => x?.trim() ?? "").filter((x) => [...x].length >= 2))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return text;
  const any = new RegExp(list.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gu");
  return text.replace(any, (m) => maskName(m));
}

/** Fen as yuan with two decimals, without grouping ("20000.50"): the published amount field. */
export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

/** Fen as Chinese text money ("20,000.50"). */
export function yuanText(fen: number): string {
  const [int = "0", dec = "00"] = fenToYuan(fen).split(".");
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${dec}`;
}

const kindText: Record<PenaltyKind, string> = {
  warning: "警告",
  fine: "罚款",
  confiscation: "没收违法所得、非法财物",
  qualification_downgrade: "降低资质等级",
  licence_revocation: "暂扣或者吊销许可证件",
  suspension: "责令停产停业整顿",
  closure: "责令关闭",
  occupational_restriction: "限制从业",
};

const itemText = (i: PenaltyItem) =>
  i.amountFen !== undefined && (i.kind === "fine" || i.kind === "confiscation")
    ? `${kindText[i.kind]}人民币${yuanText(i.amountFen)}元`
    : kindText[i.kind];

/** The penalty as published (行政处罚法 Art. 9 kinds): "警告；罚款人民币20,000.00元". */
export function penaltyText(p: Penalty): string {
  return [...new Set(p.items.map(itemText))].join("；");
}

const briefMax = 300;
const brief = (s: string) => {
  const chars = [...s.trim().replace(/\s+/g, " ")];
  return chars.length > briefMax ? `${chars.slice(0, briefMax).join("")}…` : chars.join("");
};

export type PublicationFacts = {
  /** The decision's penalty as it stands (after a reconsideration or judgment that changed it). */
  penalty: Penalty;
  /** The natural-person party's name as decided (when the current penalty does not repeat it). */
  partyName?: string | null;
  enterprise: { name: string; uscc: string; legalRepresentative: string; principalName: string };
  violations: readonly { facts: string; provisionViolated: string; provisionApplied: string }[];
  /** Further natural persons whose names may appear in the facts (e.g. who signed the inspection record). */
  persons?: readonly string[];
};

export type PublishedPenalty = {
  partyName: string;
  uscc: string | null;
  violation: string;
  basis: string;
  penalty: string;
  fineFen: number;
};

/**
 * The published text of a decision (R9): a unit by its name and USCC; a natural person by the masked name and no
 * code. The facts in brief (≤ 300 characters per violation) and the basis with every known person's name masked —
 * the party, the enterprise's legal representative and principal, and `persons`. Null when a person party has no
 * name to publish.
 */
export function publishedPenalty(f: PublicationFacts): PublishedPenalty | null {
  const personName = f.penalty.partyName?.trim() || f.partyName?.trim() || "";
  if (f.penalty.party === "person" && !personName) return null;
  const names = [personName, f.enterprise.legalRepresentative, f.enterprise.principalName, ...(f.persons ?? [])];
  const numbered = (list: string[]) => (list.length === 1 ? (list[0] ?? "") : list.map((x, i) => `${i + 1}. ${x}`).join("；"));
  const basis = [...new Set(f.violations.map((v) => `违反${v.provisionViolated.trim()}，依据${v.provisionApplied.trim()}`))];
  return {
    partyName: f.penalty.party === "person" ? maskName(personName) : f.enterprise.name,
    uscc: f.penalty.party === "person" ? null : f.enterprise.uscc,
    violation: maskNames(numbered(f.violations.map((v) => brief(v.facts))), names),
    basis: maskNames(numbered(basis), names),
    penalty: penaltyText(f.penalty),
    fineFen: fineTotalFen(f.penalty),
  };
}

// ── 严重失信 proposals (credit.md R2–R5) ─────────────────────────────────────────────────────────────────────

export type CaseCreditCriterion = z.infer<typeof CreditCriterion>;

/** 11号令 listing criteria a case's violation may meet without an accident (credit.md R4). */
export const creditCriterionText: Record<CaseCreditCriterion, string> = {
  C6: "未依法取得安全生产许可或者在许可被暂扣、吊销期间从事生产经营活动",
  C7: "安全评价、认证、检测、检验机构出租出借资质、允许他人挂靠或者出具虚假报告、证书",
};

/** The proposal's reason: the criterion and the decision it rests on (R2: no listing without a penalty decision). */
export function creditProposalReason(criterion: CaseCreditCriterion, decision: { caseNo: string; on: string }): string {
  return `符合严重失信主体名单列入情形（${criterion}：${creditCriterionText[criterion]}），依据${decision.caseNo}行政处罚决定（${decision.on}作出），建议列入严重失信主体名单，待依法告知后决定。`;
}

// ── DTOs ─────────────────────────────────────────────────────────────────────────────────────────────────────

const RegionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/);

export const PublicPenaltyQuery = PageQuery.extend({
  region: RegionCode.optional(),
  /** Party, violation, department or document number contains it. */
  q: z.string().trim().max(100).optional(),
  /** The decision's year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type PublicPenaltyQuery = z.infer<typeof PublicPenaltyQuery>;

/** What the public sees of a decision (R9): nothing else — no ids of people, no internal notes. */
export const PublicPenalty = z.object({
  id: z.string().uuid(),
  /** The unit's name, or a natural person's masked name. */
  partyName: z.string(),
  uscc: z.string().nullable(),
  violation: z.string(),
  basis: z.string(),
  penalty: z.string(),
  /** Fine in yuan ("20000.00"), 0.00 without one. */
  fine: z.string(),
  departmentName: z.string(),
  decidedOn: z.string(),
  publishedOn: z.string(),
  /** 行政处罚决定书 number, when the document was issued. */
  decisionNo: z.string().nullable(),
});
export type PublicPenalty = z.infer<typeof PublicPenalty>;

export const creditProposalStatuses = ["proposed", "listed", "dismissed"] as const;

export const CreditProposalQuery = PageQuery.extend({ region: RegionCode.optional() });
export type CreditProposalQuery = z.infer<typeof CreditProposalQuery>;

export const CreditProposal = z.object({
  id: z.string().uuid(),
  caseId: z.string().uuid(),
  caseNo: z.string(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  criterion: CreditCriterion,
  reason: z.string(),
  decidedOn: z.string(),
  status: z.enum(creditProposalStatuses),
  createdAt: z.string(),
});
export type CreditProposal = z.infer<typeof CreditProposal>;
