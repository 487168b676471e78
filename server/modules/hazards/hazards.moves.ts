import { followRegionCopy } from "../enterprises/enterprises.moves.js";
import { hazardPhotos, hazards } from "./hazards.schema.js";

/**
 * 企业迁址: hazards and their photos keep the enterprise's region for scope and follow it (enterprises.moves.ts).
 * The finder's region (found_by_region), listings' supervising unit, submitted statistics reports and exposure
 * lists are what someone did or received there and stay. The statement trigger on hazards logs both counties in
 * hazard_changes, so remembered figures of each recompute (hazards.changes.ts).
 */
export function registerHazardMoves(): void {
  followRegionCopy("hazards", hazards);
  followRegionCopy("hazard_photos", hazardPhotos);
}
