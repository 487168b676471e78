import { Card, Typography } from "antd";
import { useApi } from "../../api/use-api.js";
import { PageState } from "../../components/page-state.js";
import { StatsFilters } from "../../components/stats/stats-filters.js";
import { groupLabel, StatsGroupTable } from "../../components/stats/stats-groups.js";
import { StatsHeader } from "../../components/stats/stats-header.js";
import { StatsTotals } from "../../components/stats/stats-totals.js";
import { useStatsSearch } from "../../components/stats/use-stats-search.js";
import { useT } from "../../i18n/i18n-context.js";
import { rateText } from "../checks/check-labels.js";
import { type SelfCompletionRow, selfInspectionsApi } from "./self-inspections-api.js";

/**
 * /self-inspections/completion (issue 7 §6): for a regulator's region and a period, how the enterprises keep their
 * self-inspection schedules — due, done, missed and the rate in total, per child region (click to drill in) and per
 * enterprise, lowest rate first. The definitions are the server's (domain/inspections/self.ts).
 */
export function SelfCompletionPage() {
  const t = useT();
  const { set, region, from, to } = useStatsSearch();
  const result = useApi((signal) => selfInspectionsApi.completion({ region, from, to }, signal), [region, from, to]);
  const data = result.data;

  const figures = [
    { title: t("selfCompletion.schedules"), dataIndex: "schedules", align: "right" as const },
    { title: t("selfInspections.due"), dataIndex: "due", align: "right" as const },
    { title: t("selfInspections.done"), dataIndex: "done", align: "right" as const },
    { title: t("selfInspections.missed"), dataIndex: "missed", align: "right" as const },
    { title: t("selfCompletion.rate"), dataIndex: "rate", align: "right" as const, render: rateText },
  ];
  const name = (r: SelfCompletionRow) => groupLabel(t, r);

  return (
    <>
      <StatsHeader title={t("selfCompletion.title")} onReload={result.reload} />
      <StatsFilters
        idPrefix="self-completion"
        region={{ value: region, onChange: (code) => set({ region: code }) }}
        period={{ kind: "range", from, to, onChange: (from, to) => set({ from, to }) }}
      />
      <PageState loading={result.loading && !data} error={result.error} onRetry={result.reload}>
        {data && (
          <>
            <Typography.Paragraph type="secondary" data-testid="self-completion-range">
              {t("selfCompletion.asOf", { from: data.from, to: data.to, asOf: data.asOf })}
            </Typography.Paragraph>
            <StatsTotals
              testIdPrefix="self-completion"
              span={{ xs: 12, md: 6 }}
              tiles={[
                { id: "due", title: t("selfInspections.due"), value: data.total.due },
                { id: "done", title: t("selfInspections.done"), value: data.total.done },
                { id: "missed", title: t("selfInspections.missed"), value: data.total.missed, danger: data.total.missed > 0 },
                { id: "rate", title: t("selfCompletion.rate"), value: rateText(data.total.rate) },
              ]}
            />
            <Card size="small" style={{ marginTop: 16 }} title={t("selfCompletion.byRegion")}>
              <StatsGroupTable<SelfCompletionRow>
                rows={data.byRegion}
                testId="self-completion-regions"
                name={name}
                onPick={(code) => set({ region: code })}
                regionCode={data.region?.code}
                columns={figures}
              />
            </Card>
            <Card size="small" style={{ marginTop: 16 }} title={t("selfCompletion.byEnterprise")}>
              {data.truncated && <Typography.Paragraph type="warning">{t("selfCompletion.truncated")}</Typography.Paragraph>}
              <StatsGroupTable<SelfCompletionRow>
                rows={data.byEnterprise}
                testId="self-completion-enterprises"
                name={name}
                href={(r) => `/enterprises/${r.key}`}
                columns={figures}
                emptyText={t("selfCompletion.noEnterprises")}
              />
            </Card>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              {t("selfCompletion.hint")}
            </Typography.Paragraph>
          </>
        )}
      </PageState>
    </>
  );
}
