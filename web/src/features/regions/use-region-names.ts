import { useEffect, useState } from "react";
import { type RegionDetail, regionsApi } from "./regions-api.js";

// Shared by every list that shows codes (assignments, departments): each region is fetched once per page load.
const cache = new Map<string, Promise<RegionDetail>>();

function detailOf(code: string): Promise<RegionDetail> {
  let p = cache.get(code);
  if (!p) {
    p = regionsApi.get(code);
    // A failure is not remembered: the next render asks again.
    p.catch(() => cache.delete(code));
    cache.set(code, p);
  }
  return p;
}

/** The details (name, path) of the regions a list shows; a code stays missing until it arrives or if it fails. */
export function useRegionDetails(codes: readonly string[]): Map<string, RegionDetail> {
  const [details, setDetails] = useState(() => new Map<string, RegionDetail>());
  const key = [...new Set(codes)].sort().join(",");

  useEffect(() => {
    let cancelled = false;
    const wanted = key ? key.split(",") : [];
    for (const code of wanted) {
      detailOf(code).then(
        (d) => {
          if (!cancelled) setDetails((m) => (m.get(code) === d ? m : new Map(m).set(code, d)));
        },
        () => {
          // The code itself is shown instead.
        },
      );
    }
    return () => {
      cancelled = true;
    };
  }, [key]);

  return details;
}

/** "溧阳市 / 溧城街道 / 后街新村" below the city, for table cells; the code until the name is known. */
export function shortPathOf(detail: RegionDetail | undefined, code: string): string {
  if (!detail) return code;
  const names = detail.path.map((p) => p.name);
  if (names.at(-1) !== detail.name) names.push(detail.name);
  return names.length > 3 ? names.slice(-3).join(" / ") : names.join(" / ");
}
