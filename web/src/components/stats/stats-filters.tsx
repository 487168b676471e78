import { DatePicker, Flex, Segmented, Select } from "antd";
import dayjs from "dayjs";
import { useApi } from "../../api/use-api.js";
import { useCurrentUser } from "../../features/auth/session-context.js";
import { departmentsApi } from "../../features/departments/departments-api.js";
import { useT } from "../../i18n/i18n-context.js";
import { RegionSelect } from "../region-select.js";
import type { StatsDimension } from "./stats.messages.js";

/** The period of a statistics page: any date range, or one of the report periods (years and quarters). */
export type StatsPeriod =
  | { kind: "range"; from: string; to: string; onChange: (from: string, to: string) => void }
  | { kind: "choice"; value: string | undefined; options: { value: string; label: string }[]; onChange: (code: string) => void };

export type StatsFiltersProps<G extends StatsDimension> = {
  /** Prefix of the ids and test ids (`{idPrefix}-region`, `{idPrefix}-group-{g}`…), each page keeps its own. */
  idPrefix: string;
  /** Left out where there is no region to choose (an enterprise user sees their enterprise only). */
  region?: { value: string | undefined; onChange: (code?: string) => void };
  period: StatsPeriod;
  /** The departments of the chosen region's subtree, "all" first. */
  department?: { region: string | undefined; value: string | undefined; onChange: (id?: string) => void };
  groupBy?: { value: G; options: readonly G[]; onChange: (g: G) => void };
};

/** The filter bar of the statistics pages, controlled: the page keeps the values (in its URL) and fetches. */
export function StatsFilters<G extends StatsDimension>({ idPrefix, region, period, department, groupBy }: StatsFiltersProps<G>) {
  const t = useT();
  const me = useCurrentUser();
  return (
    <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
      {region && (
        <RegionSelect
          id={`${idPrefix}-region`}
          value={region.value}
          onChange={region.onChange}
          rootCode={me.regionCode ?? undefined}
          allowClear={!me.regionCode}
          placeholder={t("stats.region")}
          style={{ width: 240 }}
        />
      )}
      {period.kind === "range" ? (
        <DatePicker.RangePicker
          aria-label={t("stats.period")}
          value={[dayjs(period.from), dayjs(period.to)]}
          allowClear={false}
          onChange={(range) => {
            if (range?.[0] && range[1]) period.onChange(range[0].format("YYYY-MM-DD"), range[1].format("YYYY-MM-DD"));
          }}
        />
      ) : (
        <Select
          id={`${idPrefix}-period`}
          aria-label={t("stats.period")}
          value={period.value}
          style={{ width: 180 }}
          onChange={period.onChange}
          options={period.options}
        />
      )}
      {department && <DepartmentSelect id={`${idPrefix}-department`} {...department} />}
      {groupBy && (
        <Segmented<G>
          value={groupBy.value}
          onChange={groupBy.onChange}
          options={groupBy.options.map((g) => ({
            value: g,
            label: <span data-testid={`${idPrefix}-group-${g}`}>{t(`stats.group.${g}`)}</span>,
          }))}
        />
      )}
    </Flex>
  );
}

function DepartmentSelect({
  id,
  region,
  value,
  onChange,
}: {
  id: string;
  region: string | undefined;
  value: string | undefined;
  onChange: (id?: string) => void;
}) {
  const t = useT();
  const departments = useApi((signal) => departmentsApi.list({ regionCode: region, page: 1, pageSize: 100 }, signal), [region]);
  return (
    <Select
      id={id}
      aria-label={t("stats.department")}
      style={{ width: 220 }}
      value={value ?? ""}
      onChange={(v: string) => onChange(v || undefined)}
      loading={departments.loading}
      options={[
        { value: "", label: t("stats.allDepartments") },
        ...(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
      ]}
    />
  );
}
