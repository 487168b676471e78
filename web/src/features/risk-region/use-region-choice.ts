import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { useApi } from "../../api/use-api.js";
import { useCurrentUser } from "../auth/session-context.js";
import { regionsApi } from "../regions/regions-api.js";

/**
 * The region a regional view shows: `?region=` when drilled, else the user's own region; an
 * administrator (no region) starts at the first top-level division of the deployment.
 */
export function useRegionChoice(): { code: string | undefined; home: string | undefined; setCode: (code: string) => void } {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const roots = useApi((signal) => (user.regionCode ? Promise.resolve(undefined) : regionsApi.roots(signal)), [user.regionCode]);
  const home = user.regionCode ?? roots.data?.items[0]?.code;
  const code = params.get("region") ?? home;
  const setCode = useCallback(
    (next: string) =>
      setParams((p) => {
        const out = new URLSearchParams(p);
        out.set("region", next);
        return out;
      }),
    [setParams],
  );
  return { code, home, setCode };
}
