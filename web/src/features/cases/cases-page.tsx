import { Form, Select, Typography } from "antd";
import { Link } from "react-router";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import { type CasePhase, casePhases } from "../../../../domain/enforcement/case.js";
import { PageHeader } from "../../components/page-header.js";
import { FilterActions, PagedTable, usePagedList } from "../../components/paged-table.js";
import { useT } from "../../i18n/i18n-context.js";
import { ScopeFilterItems } from "../hazards/hazard-pickers.js";
import { CasePhaseTag, useCaseLabel } from "./case-labels.js";
import { type Case, type CaseFilters, casesApi } from "./cases-api.js";

/** A due day, red once it has passed (issue 8 §3: overdue steps show). */
export function DueText({ due, today }: { due: string | null; today: string }) {
  const t = useT();
  if (!due) return <>—</>;
  const overdue = today > due;
  return (
    <Typography.Text type={overdue ? "danger" : undefined} data-overdue={overdue}>
      {due}
      {overdue ? ` · ${t("cases.overdue")}` : ""}
    </Typography.Text>
  );
}

/**
 * /cases: the enforcement cases in the caller's scope (the server scopes: a regulator's region and department
 * subtree, an enterprise its own), filtered by phase, and for regulators by region and enterprise.
 */
export function CasesPage() {
  const t = useT();
  const label = useCaseLabel();
  const [form] = Form.useForm<CaseFilters>();
  const paged = usePagedList<CaseFilters, Case>((q, signal) => casesApi.list(q, signal), {});
  const today = shanghaiDay(new Date());

  return (
    <>
      <PageHeader title={t("cases.title")} />
      <Form<CaseFilters> form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => paged.applyFilters(v)}>
        <Form.Item name="phase">
          <Select<CasePhase>
            allowClear
            placeholder={t("cases.phase")}
            style={{ width: 140 }}
            options={casePhases.map((p) => ({ value: p, label: label("phase", p) }))}
          />
        </Form.Item>
        <ScopeFilterItems regionPlaceholder={t("cases.region")} />
        <FilterActions
          onReset={() => {
            form.resetFields();
            paged.applyFilters({});
          }}
        />
      </Form>
      <PagedTable<CaseFilters, Case>
        paged={paged}
        rowKey="id"
        emptyText={t("cases.empty")}
        data-testid="cases-table"
        columns={[
          {
            title: t("cases.caseNo"),
            dataIndex: "caseNo",
            render: (no: string, c) => (
              <Link to={`/cases/${c.id}`} data-testid="case-link">
                {no}
              </Link>
            ),
          },
          { title: t("cases.enterprise"), key: "enterprise", render: (_: unknown, c) => c.enterpriseName },
          { title: t("cases.caseTitle"), dataIndex: "title" },
          { title: t("cases.phase"), dataIndex: "phase", render: (p: CasePhase) => <CasePhaseTag phase={p} /> },
          { title: t("cases.nextDue"), dataIndex: "nextDue", render: (d: string | null) => <DueText due={d} today={today} /> },
          { title: t("cases.department"), dataIndex: "departmentName" },
          { title: t("cases.openedOn"), dataIndex: "createdAt", render: (at: string) => shanghaiDay(new Date(at)) },
        ]}
      />
    </>
  );
}
