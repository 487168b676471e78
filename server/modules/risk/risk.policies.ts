import { shanghaiDay } from "../../../domain/common/calendar.js";
import { builtInPolicies, builtInPolicy, isBuiltInPolicyId } from "../../../domain/risk/builtin-policies.js";
import {
  type AssessResult,
  assess,
  type RiskPolicy,
  type RiskPolicyCreate,
  RiskPolicy as RiskPolicySchema,
} from "../../../domain/risk/policy.js";
import type { AssessRequest, PolicyEntry } from "../../../domain/risk/risk.dto.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, conflict, fieldError, forbidden, notFound, staleVersion } from "../../kernel/http/errors.js";
import { getEnterprise } from "../enterprises/enterprises.service.js";
import { riskPolicyEntity } from "./risk.messages.js";
import { policyScope } from "./risk.policy.js";
import * as repo from "./risk.repo.js";

/**
 * Risk policies (R1): the shipped ones from code, deployment and enterprise ones from the database.
 * Stored versions are never changed; a change is a new version, and assessments keep theirs.
 */

const stored = (r: repo.PolicyRow): RiskPolicy => r.document as RiskPolicy;

const entryOf = (r: repo.PolicyRow): PolicyEntry => ({
  policy: stored(r),
  builtIn: false,
  enterpriseId: r.enterpriseId,
  createdAt: r.createdAt.toISOString(),
});
const builtInEntry = (p: RiskPolicy): PolicyEntry => ({ policy: p, builtIn: true, enterpriseId: null, createdAt: null });

/** An enterprise user's own enterprise, or the one asked about (when the caller may see it). */
async function enterpriseFor(db: Db, ctx: Ctx, enterpriseId: string | undefined | null): Promise<string | null> {
  if (ctx.actor?.enterpriseId) return ctx.actor.enterpriseId;
  if (!enterpriseId) return null;
  return (await getEnterprise(db, ctx, enterpriseId)).id;
}

/** The policies usable for new assessments: built-ins, the deployment's and (if any) one enterprise's, latest versions. */
export async function listPolicies(db: Db, ctx: Ctx, q: { enterpriseId?: string }): Promise<PolicyEntry[]> {
  const enterpriseId = await enterpriseFor(db, ctx, q.enterpriseId);
  const rows = await repo.latestPolicies(db, policyScope(ctx.actor), enterpriseId);
  return [...builtInPolicies.map(builtInEntry), ...rows.map(entryOf)];
}

/** Every version of one policy, oldest first (a built-in has the versions shipped). */
export async function policyHistory(db: Db, ctx: Ctx, id: string): Promise<PolicyEntry[]> {
  if (isBuiltInPolicyId(id)) return builtInPolicies.filter((p) => p.id === id).map(builtInEntry);
  const rows = await repo.policyVersions(db, id, policyScope(ctx.actor));
  if (rows.length === 0) throw notFound(riskPolicyEntity);
  return rows.map(entryOf);
}

/**
 * The policy an assessment uses: the named version, or else the latest one in effect today (Asia/Shanghai).
 * For a point's assessment `enterpriseId` limits stored policies to the deployment's and that enterprise's own.
 * Unknown or out of reach → 400 on the `policy` field.
 */
export async function resolvePolicy(
  db: Db,
  ctx: Ctx,
  ref: { policy: string; policyVersion?: number },
  enterpriseId?: string,
): Promise<RiskPolicy> {
  const today = shanghaiDay(ctx.now);
  const pick = (versions: RiskPolicy[]): RiskPolicy => {
    if (versions.length === 0) throw fieldError("policy", "risk.policy_unknown");
    if (ref.policyVersion !== undefined) {
      const exact = versions.find((p) => p.version === ref.policyVersion);
      if (!exact) throw fieldError("policyVersion", "risk.policy_unknown");
      return exact;
    }
    const effective = versions.filter((p) => p.effectiveFrom <= today).at(-1);
    if (!effective) throw fieldError("policy", "risk.policy_not_effective");
    return effective;
  };
  if (isBuiltInPolicyId(ref.policy)) return pick(builtInPolicies.filter((p) => p.id === ref.policy));
  const rows = (await repo.policyVersions(db, ref.policy, policyScope(ctx.actor))).filter(
    (r) => enterpriseId === undefined || r.enterpriseId === null || r.enterpriseId === enterpriseId,
  );
  return pick(rows.map(stored));
}

/** Grades factors under a policy without storing anything (POST /api/risk/assess). */
export async function assessFactors(db: Db, ctx: Ctx, input: AssessRequest): Promise<AssessResult> {
  return gradeOrRefuse(await resolvePolicy(db, ctx, input), input.factors);
}

/** The graded result, or 400 naming each refused factor (R3: only the policy's values are valid). */
export function gradeOrRefuse(policy: RiskPolicy, factors: Record<string, number>): AssessResult {
  const out = assess(policy, factors);
  if (!out.ok) {
    throw new AppError(400, "validation", { fields: out.issues.map((i) => ({ path: i.path, code: i.code, params: i.params })) });
  }
  return out.result;
}

/**
 * Adds a policy, or a new version of one. A deployment policy is an administrator's; an enterprise
 * administrator's policy is always its own enterprise's. Built-in ids are reserved; an id belongs to
 * the owner that first used it; a new version must name the latest one (`previousVersion`) or 409.
 */
export async function createPolicy(db: Db, ctx: Ctx, input: RiskPolicyCreate): Promise<PolicyEntry> {
  const { previousVersion, enterpriseId: asked, ...draft } = input;
  if (builtInPolicy(draft.id)) throw conflict("risk.policy_reserved", [{ path: "id", code: "risk.policy_reserved" }]);
  const enterpriseId = ctx.actor?.role === "admin" ? (asked ?? null) : ctx.actor?.enterpriseId;
  if (!enterpriseId && ctx.actor?.role !== "admin") throw forbidden();
  if (asked && asked !== enterpriseId) await getEnterprise(db, ctx, asked); // another enterprise's: 404 outside scope
  const regionCode = enterpriseId ? (await getEnterprise(db, ctx, enterpriseId)).regionCode : null;

  const owner = await repo.policyOwner(db, draft.id);
  if (owner && owner.enterpriseId !== (enterpriseId ?? null))
    throw conflict("risk.policy_id_taken", [{ path: "id", code: "risk.policy_id_taken" }]);
  if (owner && previousVersion === undefined)
    throw conflict("risk.policy_exists", [{ path: "previousVersion", code: "risk.policy_exists" }]);
  if (owner?.latest !== previousVersion) throw staleVersion();

  const policy = RiskPolicySchema.parse({ ...draft, version: (owner?.latest ?? 0) + 1 });
  const row = await withTx(db, async (tx) => {
    const r = await repo.insertPolicy(tx, {
      id: policy.id,
      version: policy.version,
      enterpriseId: enterpriseId ?? null,
      regionCode,
      document: policy,
      createdBy: ctx.actor?.userId ?? null,
      createdAt: ctx.now,
    });
    if (!r) throw staleVersion();
    await writeAudit(tx, ctx, {
      action: "risk_policy.created",
      entityType: "risk_policy",
      entityId: `${r.id}@${r.version}`,
      regionCode,
      after: { id: r.id, version: r.version, enterpriseId: r.enterpriseId, method: policy.method, kind: policy.kind },
      detail: { document: policy },
    });
    return r;
  });
  return entryOf(row);
}
