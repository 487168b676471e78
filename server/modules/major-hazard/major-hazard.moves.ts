import { followRegionCopy } from "../enterprises/enterprises.moves.js";
import { hazardIdentifications, hazardUnits } from "./major-hazard.schema.js";

/**
 * 企业迁址: units and their identification records keep the enterprise's region for scope and follow it
 * (enterprises.moves.ts); the identifications' working is not touched.
 */
export function registerMajorHazardMoves(): void {
  followRegionCopy("hazard_units", hazardUnits);
  followRegionCopy("hazard_identifications", hazardIdentifications);
}
