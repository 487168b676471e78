import { followRegionCopy } from "../enterprises/enterprises.moves.js";
import { checkRecords, checkTasks } from "./checks.schema.js";

/** 企业迁址: check tasks and their records keep the enterprise's region for scope and follow it (enterprises.moves.ts). */
export function registerChecksMoves(): void {
  followRegionCopy("check_tasks", checkTasks);
  followRegionCopy("check_records", checkRecords);
}
