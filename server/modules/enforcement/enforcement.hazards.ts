import type { Db } from "../../kernel/db/db.js";
import { AppError } from "../../kernel/http/errors.js";
import { unmetCaseOfHazard } from "./enforcement.publication.repo.js";
import "./publication.messages.js";

/**
 * Issue 8 §4: a hazard linked to a case (a violation's hazard_ids) cannot be signed off (销号) while the case's
 * order to rectify is unmet — 409 naming the case. The hazard register calls this inside its transaction.
 */
export async function assertNoUnmetCaseOrder(db: Db, hazardId: string): Promise<void> {
  const found = await unmetCaseOfHazard(db, hazardId);
  if (found) throw new AppError(409, "hazards.case_order_unmet", { params: { caseNo: found.caseNo } });
}
