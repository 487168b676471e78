import { Card, Col, Row, Segmented, Statistic } from "antd";
import { Link } from "react-router";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { useT } from "../../i18n/i18n-context.js";
import { type HazardUnitSummary, type MajorHazardGrade, majorHazardApi, majorHazardGrades } from "./major-hazard-api.js";
import { gradeColours, MajorHazardTag, useGradeLabel } from "./major-hazard-level.js";

/** Major hazard sources of a region by grade: one count per grade (the list's total), as tiles. */
export function MajorHazardGradeCounts({ regionCode, onPick }: { regionCode?: string; onPick?: (grade: MajorHazardGrade) => void }) {
  const t = useT();
  const label = useGradeLabel();
  const counts = useApi(
    (signal) =>
      Promise.all(
        majorHazardGrades.map((level) =>
          majorHazardApi.sources({ region: regionCode, level, page: 1, pageSize: 1 }, signal).then((p) => p.total),
        ),
      ),
    [regionCode],
  );
  if (counts.error) return <ErrorResult error={counts.error} onRetry={counts.reload} />;
  return (
    <Row gutter={[12, 12]}>
      {majorHazardGrades.map((grade, i) => (
        <Col key={grade} xs={12} md={6}>
          <Card size="small" hoverable={!!onPick} onClick={() => onPick?.(grade)}>
            <Statistic
              title={t("mh.gradeTag", { grade: label(grade) })}
              value={counts.data?.[i] ?? "—"}
              loading={counts.loading && !counts.data}
              styles={{ content: { color: gradeColours[grade] } }}
              data-testid={`mh-count-${grade}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Regulators' list of major hazard sources in a region (issue 5 §7), by grade, 一级 first. */
export function MajorHazardSources({ regionCode }: { regionCode?: string }) {
  // A new region starts a new list (filters and page).
  return <SourcesList key={regionCode ?? ""} regionCode={regionCode} />;
}

function SourcesList({ regionCode }: { regionCode?: string }) {
  const t = useT();
  const label = useGradeLabel();
  const paged = usePagedList<{ grade: MajorHazardGrade | "all" }, HazardUnitSummary>(
    ({ grade, page, pageSize }, signal) =>
      majorHazardApi.sources({ region: regionCode, level: grade === "all" ? undefined : grade, page, pageSize }, signal),
    { grade: "all" },
  );
  return (
    <>
      <MajorHazardGradeCounts regionCode={regionCode} onPick={(grade) => paged.applyFilters({ grade })} />
      <Segmented
        style={{ margin: "12px 0" }}
        value={String(paged.filters.grade)}
        onChange={(v) => {
          paged.applyFilters({ grade: v === "all" ? "all" : (Number(v) as MajorHazardGrade) });
        }}
        options={[{ value: "all", label: t("mh.allGrades") }, ...majorHazardGrades.map((g) => ({ value: String(g), label: label(g) }))]}
      />
      <PagedTable<{ grade: MajorHazardGrade | "all" }, HazardUnitSummary>
        paged={paged}
        size="small"
        rowKey="id"
        emptyText={t("mh.noSources")}
        data-testid="mh-sources"
        columns={[
          { title: t("mh.unitName"), dataIndex: "name", render: (name: string, u) => <Link to={`/hazard-units/${u.id}`}>{name}</Link> },
          {
            title: t("mh.enterprise"),
            dataIndex: "enterpriseName",
            render: (name: string, u) => <Link to={`/enterprises/${u.enterpriseId}`}>{name}</Link>,
          },
          { title: t("mh.grade"), key: "grade", render: (_: unknown, u) => <MajorHazardTag isMajor={u.isMajor} level={u.level} /> },
          { title: "R", dataIndex: "R", align: "right", render: (r: number | null) => (r === null ? "—" : r.toFixed(2)) },
          { title: t("mh.peopleExposed"), dataIndex: "peopleExposed", align: "right" },
          {
            title: t("mh.principal"),
            key: "principal",
            render: (_: unknown, u) => (u.principal ? `${u.principal.name} ${u.principal.phone}` : "—"),
          },
          { title: t("mh.reassessmentDue"), dataIndex: "reassessmentDue", render: (d: string | null) => d ?? "—" },
        ]}
      />
    </>
  );
}
