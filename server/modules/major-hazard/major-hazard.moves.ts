import { eq } from "drizzle-orm";
import { onEnterpriseMoved, rowsUpdated } from "../enterprises/enterprises.moves.js";
import { hazardIdentifications, hazardUnits } from "./major-hazard.schema.js";

/**
 * 企业迁址: units and their identification records keep the enterprise's region for scope and follow it
 * (enterprises.moves.ts); the identifications' working is not touched.
 */
export function registerMajorHazardMoves(): void {
  onEnterpriseMoved("hazard_units", (tx, m) =>
    rowsUpdated(
      tx
        .update(hazardUnits)
        .set({ regionCode: m.to })
        .where(eq(hazardUnits.enterpriseId, m.enterpriseId))
        .returning({ id: hazardUnits.id }),
    ),
  );
  onEnterpriseMoved("hazard_identifications", (tx, m) =>
    rowsUpdated(
      tx
        .update(hazardIdentifications)
        .set({ regionCode: m.to })
        .where(eq(hazardIdentifications.enterpriseId, m.enterpriseId))
        .returning({ id: hazardIdentifications.id }),
    ),
  );
}
