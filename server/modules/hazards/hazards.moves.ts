import { eq } from "drizzle-orm";
import { onEnterpriseMoved, rowsUpdated } from "../enterprises/enterprises.moves.js";
import { hazardPhotos, hazards } from "./hazards.schema.js";

/**
 * 企业迁址: hazards and their photos keep the enterprise's region for scope and follow it (enterprises.moves.ts).
 * The finder's region (found_by_region), listings' supervising unit, submitted statistics reports and exposure
 * lists are what someone did or received there and stay. The statement trigger on hazards logs both counties in
 * hazard_changes, so remembered figures of each recompute (hazards.changes.ts).
 */
export function registerHazardMoves(): void {
  onEnterpriseMoved("hazards", (tx, m) =>
    rowsUpdated(tx.update(hazards).set({ regionCode: m.to }).where(eq(hazards.enterpriseId, m.enterpriseId)).returning({ id: hazards.id })),
  );
  onEnterpriseMoved("hazard_photos", (tx, m) =>
    rowsUpdated(
      tx
        .update(hazardPhotos)
        .set({ regionCode: m.to })
        .where(eq(hazardPhotos.enterpriseId, m.enterpriseId))
        .returning({ id: hazardPhotos.id }),
    ),
  );
}
