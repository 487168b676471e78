import { useSearchParams } from "react-router";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import { useCurrentUser } from "../../features/auth/session-context.js";

export type StatsSearch = ReturnType<typeof useStatsSearch>;

/**
 * A statistics page's filters, kept in the URL so a view can be shared and survives a reload. Defaults: the user's
 * own region (none for a national user) and this year up to today, in Asia/Shanghai.
 */
export function useStatsSearch() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const today = shanghaiDay(new Date());

  /** Sets (or, with an empty value, removes) several filters at once, replacing the history entry. */
  const set = (values: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(values)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  /** The URL's value when it is one of `choices`, else the first choice. */
  const oneOf = <T extends string>(key: string, choices: readonly T[]): T => {
    const value = params.get(key);
    return choices.find((c) => c === value) ?? (choices[0] as T);
  };

  return {
    params,
    set,
    oneOf,
    today,
    region: params.get("region") ?? me.regionCode ?? undefined,
    from: params.get("from") ?? `${today.slice(0, 4)}-01-01`,
    to: params.get("to") ?? today,
  };
}
