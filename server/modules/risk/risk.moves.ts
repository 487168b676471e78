import { eq } from "drizzle-orm";
import { onEnterpriseMoved, rowsUpdated } from "../enterprises/enterprises.moves.js";
import { riskAssessments, riskEnterpriseSettings, riskPoints, riskPolicies, riskSitePlans } from "./risk.schema.js";

/**
 * 企业迁址: the enterprise's risk records keep its region for scope and follow it (enterprises.moves.ts). Its own
 * policies follow too — a version's document never changes, only the scope copy beside it; deployment policies
 * (no enterprise) are untouched.
 */
export function registerRiskMoves(): void {
  onEnterpriseMoved("risk_points", (tx, m) =>
    rowsUpdated(
      tx.update(riskPoints).set({ regionCode: m.to }).where(eq(riskPoints.enterpriseId, m.enterpriseId)).returning({ id: riskPoints.id }),
    ),
  );
  onEnterpriseMoved("risk_assessments", (tx, m) =>
    rowsUpdated(
      tx
        .update(riskAssessments)
        .set({ regionCode: m.to })
        .where(eq(riskAssessments.enterpriseId, m.enterpriseId))
        .returning({ id: riskAssessments.id }),
    ),
  );
  onEnterpriseMoved("risk_enterprise_settings", (tx, m) =>
    rowsUpdated(
      tx
        .update(riskEnterpriseSettings)
        .set({ regionCode: m.to })
        .where(eq(riskEnterpriseSettings.enterpriseId, m.enterpriseId))
        .returning({ id: riskEnterpriseSettings.enterpriseId }),
    ),
  );
  onEnterpriseMoved("risk_site_plans", (tx, m) =>
    rowsUpdated(
      tx
        .update(riskSitePlans)
        .set({ regionCode: m.to })
        .where(eq(riskSitePlans.enterpriseId, m.enterpriseId))
        .returning({ id: riskSitePlans.enterpriseId }),
    ),
  );
  onEnterpriseMoved("risk_policies", (tx, m) =>
    rowsUpdated(
      tx
        .update(riskPolicies)
        .set({ regionCode: m.to })
        .where(eq(riskPolicies.enterpriseId, m.enterpriseId))
        .returning({ id: riskPolicies.id }),
    ),
  );
}
