import { and, eq } from "drizzle-orm";
import { onEnterpriseMoved, rowsUpdated } from "../enterprises/enterprises.moves.js";
import { checklists } from "./checklists.schema.js";

/** 企业迁址: an enterprise's own checklist templates keep its region for scope and follow it (enterprises.moves.ts). */
export function registerChecklistMoves(): void {
  onEnterpriseMoved("checklists", (tx, m) =>
    rowsUpdated(
      tx
        .update(checklists)
        .set({ regionCode: m.to })
        .where(and(eq(checklists.ownerKind, "enterprise"), eq(checklists.enterpriseId, m.enterpriseId)))
        .returning({ id: checklists.id }),
    ),
  );
}
