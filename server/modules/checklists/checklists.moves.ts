import { eq } from "drizzle-orm";
import { followRegionCopy } from "../enterprises/enterprises.moves.js";
import { checklists } from "./checklists.schema.js";

/** 企业迁址: an enterprise's own checklist templates keep its region for scope and follow it (enterprises.moves.ts). */
export function registerChecklistMoves(): void {
  followRegionCopy("checklists", checklists, eq(checklists.ownerKind, "enterprise"));
}
