import { eq } from "drizzle-orm";
import { onEnterpriseMoved, rowsUpdated } from "../enterprises/enterprises.moves.js";
import { selfInspectionSchedules } from "./inspections.schema.js";

/**
 * 企业迁址: the enterprise's self-inspection schedules follow it (enterprises.moves.ts). Inspections themselves
 * (self-inspections included: the village at their start), plans and plan items stay where they were done.
 */
export function registerInspectionMoves(): void {
  onEnterpriseMoved("self_inspection_schedules", (tx, m) =>
    rowsUpdated(
      tx
        .update(selfInspectionSchedules)
        .set({ regionCode: m.to })
        .where(eq(selfInspectionSchedules.enterpriseId, m.enterpriseId))
        .returning({ id: selfInspectionSchedules.id }),
    ),
  );
}
