import type { Role } from "../access/roles.js";
import type { HazardLevel, HazardSource, Problem } from "../hazards/hazard.js";
import type { ChecklistContent, ChecklistItem } from "./checklist.js";

/**
 * 检查 kinds (issue 7 §2): planned (年度计划), double_random (双随机), complaint (投诉举报), referral (移送/转办),
 * accident (事故后), follow_up (复查), self (企业自查), unannounced (四不两直), cross_area (交叉检查).
 */
export const inspectionKinds = [
  "planned",
  "double_random",
  "complaint",
  "referral",
  "accident",
  "follow_up",
  "self",
  "unannounced",
  "cross_area",
] as const;
export type InspectionKind = (typeof inspectionKinds)[number];

/** Every kind but `self`: an inspection of an enterprise by a regulator (or a grid member's patrol). */
export const regulatorKinds = inspectionKinds.filter((k) => k !== "self") as Exclude<InspectionKind, "self">[];

/**
 * A grid member patrols the enterprises of its grid (网格巡查): it is no 执法人员, so draws, cross-area checks and
 * accident inspections, which are enforcement, stay with the regulators.
 */
export const gridMemberKinds: readonly InspectionKind[] = ["planned", "complaint", "referral", "follow_up", "unannounced"];

export const inspectionStatuses = ["in_progress", "finished"] as const;
export type InspectionStatus = (typeof inspectionStatuses)[number];

/** The record's conclusion: no problem found, or problems found (each failed item becomes a hazard or a note). */
export const inspectionResults = ["passed", "problems_found"] as const;
export type InspectionResult = (typeof inspectionResults)[number];

export const signerKinds = ["inspector", "enterprise"] as const;
export type SignerKind = (typeof signerKinds)[number];

const regulatorRoles: readonly Role[] = ["regulator_leader", "regulator_inspector"];
const enterpriseRoles: readonly Role[] = ["enterprise_admin", "enterprise_staff"];

/** The kinds a role may start: regulators (and the administrator) every regulator kind, grid members patrols, enterprises `self`. */
export function startableKinds(role: Role): readonly InspectionKind[] {
  if (role === "admin" || regulatorRoles.includes(role)) return regulatorKinds;
  if (role === "grid_member") return gridMemberKinds;
  if (enterpriseRoles.includes(role)) return ["self"];
  return [];
}

/** Who conducts an inspection, which decides its team rules, signatures and the source of its hazards. */
export type InspectingBody = "regulator" | "grid" | "enterprise";

export function inspectingBodyOf(kind: InspectionKind, starterRole: Role): InspectingBody {
  if (kind === "self") return "enterprise";
  return starterRole === "grid_member" ? "grid" : "regulator";
}

/** The hazard register's source for a finding of this body (hazards.md R3 自查自报; grid patrol; regulator inspection). */
export const hazardSourceOf: Record<InspectingBody, HazardSource> = {
  regulator: "regulator_inspection",
  grid: "grid_patrol",
  enterprise: "self_check",
};

/** A proposed team member as the accounts module knows them. */
export type TeamCandidate = {
  userId: string;
  role: Role;
  status: string;
  enforcementCertNo: string | null;
  enterpriseId: string | null;
};

/**
 * What is wrong with the team (path `inspectorIds[.i]`); empty = it may start.
 * - regulator: at least 2 distinct 执法人员 — active regulators holding an enforcement certificate
 *   (行政处罚法 Art. 42; 安全生产法 Art. 67; double-random.md R3; enforcement.md R1).
 * - grid: grid members (the starter is always one of them).
 * - enterprise: accounts of the inspected enterprise itself (自查).
 */
export function teamProblems(body: InspectingBody, enterpriseId: string, team: TeamCandidate[]): Problem[] {
  const out: Problem[] = [];
  team.forEach((m, i) => {
    const path = `inspectorIds.${i}`;
    if (m.status !== "active") out.push({ path, code: "inspections.inspector_inactive" });
    else if (body === "regulator") {
      if (!regulatorRoles.includes(m.role)) out.push({ path, code: "inspections.inspector_not_regulator" });
      else if (!m.enforcementCertNo?.trim()) out.push({ path, code: "inspections.inspector_no_cert" });
    } else if (body === "grid" && m.role !== "grid_member") out.push({ path, code: "inspections.inspector_not_grid" });
    else if (body === "enterprise" && (!enterpriseRoles.includes(m.role) || m.enterpriseId !== enterpriseId)) {
      out.push({ path, code: "inspections.inspector_not_enterprise" });
    }
  });
  if (body === "regulator" && new Set(team.map((m) => m.userId)).size < 2) {
    out.push({ path: "inspectorIds", code: "inspections.two_inspectors" });
  }
  return out;
}

/** What a stored answer needs for the finish rules. */
export type AnswerFacts = { itemId: string; outcome: "pass" | "fail" | "na" | null };
export type SignatureFacts = { signer: SignerKind; name: string; userId: string | null };
export type InspectorFacts = { userId: string; name: string };

/**
 * What keeps an inspection from being finished (empty = it may finish), every gap named at once:
 * - every item of the version has an outcome (pass, fail or 不适用 na) — a checklist has no optional items, so
 *   "not applicable" is the explicit answer for one that does not apply;
 * - a failed item marked photoOnFail, and a photo item not marked 不适用, has at least one photo;
 * - a record signed by the enterprise's representative (enforcement.md R1; for 自查 the enterprise's own
 *   responsible person), and, for regulator and grid inspections, by every inspector of the team — an inspector's
 *   signature matches by account id, or by name when it carries none.
 */
export function finishProblems(input: {
  body: InspectingBody;
  content: ChecklistContent;
  answers: AnswerFacts[];
  photoItems: ReadonlySet<string>;
  inspectors: InspectorFacts[];
  signatures: SignatureFacts[];
}): Problem[] {
  const out: Problem[] = [];
  const byItem = new Map(input.answers.map((a) => [a.itemId, a]));
  for (const item of input.content.sections.flatMap((s) => s.items)) {
    const a = byItem.get(item.id);
    if (!a?.outcome) out.push({ path: `responses.${item.id}`, code: "inspections.item_unanswered" });
    else if (input.photoItems.has(item.id) || a.outcome === "na") continue;
    // A photo item is answered by its photo; a fail with photoOnFail carries the evidence its hazard keeps.
    else if (item.type === "photo" || (a.outcome === "fail" && item.photoOnFail)) {
      out.push({ path: `photos.${item.id}`, code: "inspections.photo_required" });
    }
  }
  if (!input.signatures.some((s) => s.signer === "enterprise")) out.push({ path: "signatures", code: "inspections.signature_enterprise" });
  if (input.body !== "enterprise") {
    const signed = input.signatures.filter((s) => s.signer === "inspector");
    input.inspectors.forEach((ins, i) => {
      const ok = signed.some((s) => (s.userId ? s.userId === ins.userId : s.name.trim() === ins.name.trim()));
      if (!ok) out.push({ path: `signatures.inspectors.${i}`, code: "inspections.signature_inspector" });
    });
  }
  return out;
}

/** The conclusion follows the answers: a finding may not be concluded "passed". */
export function resultOf(answers: AnswerFacts[], chosen?: InspectionResult | null): { result: InspectionResult; problem: string | null } {
  const failed = answers.some((a) => a.outcome === "fail");
  const derived: InspectionResult = failed ? "problems_found" : "passed";
  if (chosen && chosen !== derived && failed) return { result: derived, problem: "inspections.result_conflict" };
  return { result: chosen ?? derived, problem: null };
}

/** What a failed item becomes in the hazard register (null: a note on the record only). */
export type Finding = { level: HazardLevel; criterionId: string | null; criterionNotApplicable: string | null };

/**
 * hazards.md R2: an item from a 判定标准 list makes the finding 重大 with that criterion — when the criterion applies
 * to the enterprise (its category and sub-category). One that does not apply is registered 一般 and says so: whether
 * the finding is nevertheless 重大 (R1) is an inspector's graded decision with a reason, made on the hazard itself.
 */
export function findingOf(item: ChecklistItem, applies: (criterionId: string) => boolean): Finding | null {
  if (item.onFail === "note") return null;
  if (item.onFail === "major" && item.criterionId) {
    return applies(item.criterionId)
      ? { level: "major", criterionId: item.criterionId, criterionNotApplicable: null }
      : { level: "general", criterionId: null, criterionNotApplicable: item.criterionId };
  }
  return { level: "general", criterionId: null, criterionNotApplicable: null };
}

/** 检查依据 as one line: 《standard》 number version article. */
export function clauseText(item: ChecklistItem): string | null {
  const c = item.clause;
  if (!c) return null;
  const name = c.standard.startsWith("《") || /^GB|^AQ|^[A-Z]{2}/.test(c.standard) ? c.standard : `《${c.standard}》`;
  return [name, c.number, c.version, c.article].filter((p) => p?.trim()).join(" ");
}
