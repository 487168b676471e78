import { followRegionCopy } from "../enterprises/enterprises.moves.js";
import { riskAssessments, riskEnterpriseSettings, riskPoints, riskPolicies, riskSitePlans } from "./risk.schema.js";

/**
 * 企业迁址: the enterprise's risk records keep its region for scope and follow it (enterprises.moves.ts). Its own
 * policies follow too — a version's document never changes, only the scope copy beside it; deployment policies
 * (no enterprise) are untouched.
 */
export function registerRiskMoves(): void {
  followRegionCopy("risk_points", riskPoints);
  followRegionCopy("risk_assessments", riskAssessments);
  followRegionCopy("risk_enterprise_settings", riskEnterpriseSettings);
  followRegionCopy("risk_site_plans", riskSitePlans);
  followRegionCopy("risk_policies", riskPolicies);
}
