import { followRegionCopy } from "../enterprises/enterprises.moves.js";
import { selfInspectionSchedules } from "./inspections.schema.js";

/**
 * 企业迁址: the enterprise's self-inspection schedules follow it (enterprises.moves.ts). Inspections themselves
 * (self-inspections included: the village at their start), plans and plan items stay where they were done.
 */
export function registerInspectionMoves(): void {
  followRegionCopy("self_inspection_schedules", selfInspectionSchedules);
}
