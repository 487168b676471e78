import type { Ctx } from "../../kernel/auth/actor.js";
import type { Db } from "../../kernel/db/db.js";

/** What a failed check tells the hazard register (隐患排查: a failed check is a hidden hazard found). */
export type FailedCheck = {
  recordId: string;
  taskId: string;
  enterpriseId: string;
  regionCode: string;
  riskPointId: string;
  riskPointName: string;
  measureId: string;
  content: string;
  remark: string;
  periodKey: string;
  foundById: string | null;
  foundByName: string;
};

/**
 * Raises a hazard for a failed check inside the same transaction and answers its reference. The hazard
 * module (issue 6) registers one at start-up with `onCheckFailed`; until it exists no hazard is raised
 * and the record's `hazardRef` stays null, so every failure can be replayed into the register later.
 */
export type FailedCheckListener = (tx: Db, ctx: Ctx, failed: FailedCheck) => Promise<string | null>;

let listener: FailedCheckListener | null = null;

export function onCheckFailed(fn: FailedCheckListener | null): void {
  listener = fn;
}

export async function raiseHazardFor(tx: Db, ctx: Ctx, failed: FailedCheck): Promise<string | null> {
  return listener ? listener(tx, ctx, failed) : null;
}
