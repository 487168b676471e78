import { eq } from "drizzle-orm";
import { onEnterpriseMoved, rowsUpdated } from "../enterprises/enterprises.moves.js";
import { checkRecords, checkTasks } from "./checks.schema.js";

/** 企业迁址: check tasks and their records keep the enterprise's region for scope and follow it (enterprises.moves.ts). */
export function registerChecksMoves(): void {
  onEnterpriseMoved("check_tasks", (tx, m) =>
    rowsUpdated(
      tx.update(checkTasks).set({ regionCode: m.to }).where(eq(checkTasks.enterpriseId, m.enterpriseId)).returning({ id: checkTasks.id }),
    ),
  );
  onEnterpriseMoved("check_records", (tx, m) =>
    rowsUpdated(
      tx
        .update(checkRecords)
        .set({ regionCode: m.to })
        .where(eq(checkRecords.enterpriseId, m.enterpriseId))
        .returning({ id: checkRecords.id }),
    ),
  );
}
