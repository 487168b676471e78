import { PlusOutlined } from "@ant-design/icons";
import { Button, Flex, InputNumber, Select, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { planStatuses } from "../../../../domain/inspections/plan.dto.js";
import { PageHeader } from "../../components/page-header.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { RegionSelect } from "../../components/region-select.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { type InspectionPlan, type PlanListParams, plansApi } from "./inspection-plans-api.js";
import { PlanDraftModal } from "./plan-draft-form.js";
import { PlanStatusTag } from "./plan-labels.js";

type Filters = Pick<PlanListParams, "year" | "status" | "region">;

/** /inspection-plans — 年度监督检查计划 (issue 7 §4): the plans of the caller's region, and drafting a new one. */
export function InspectionPlansPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [drafting, setDrafting] = useState(false);
  const paged = usePagedList<Filters, InspectionPlan>((q, signal) => plansApi.list(q, signal), {});
  const set = (patch: Partial<Filters>) => paged.applyFilters({ ...paged.filters, ...patch });

  return (
    <>
      <PageHeader
        title={t("plans.title")}
        extra={
          roleHas(me.role, "inspection_plans.manage") && (
            <Button id="plan-new" type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)}>
              {t("plans.new")}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t("plans.intro")}</Typography.Paragraph>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <InputNumber
          id="plans-year"
          aria-label={t("plans.year")}
          placeholder={t("plans.year")}
          min={2000}
          max={2100}
          precision={0}
          value={paged.filters.year ?? null}
          onChange={(v) => set({ year: v ?? undefined })}
          style={{ width: 120 }}
        />
        <RegionSelect
          id="plans-region"
          value={paged.filters.region}
          onChange={(code) => set({ region: code })}
          rootCode={me.regionCode ?? undefined}
          allowClear
          placeholder={t("plans.region")}
          style={{ width: 240 }}
        />
        <Select
          id="plans-status"
          aria-label={t("plans.status")}
          allowClear
          placeholder={t("plans.status")}
          value={paged.filters.status}
          onChange={(status) => set({ status })}
          options={planStatuses.map((s) => ({ value: s, label: t(`plans.status.${s}` as MessageKey) }))}
          style={{ width: 140 }}
        />
      </Flex>
      <PagedTable<Filters, InspectionPlan>
        paged={paged}
        rowKey="id"
        emptyText={t("plans.empty")}
        columns={[
          { title: t("plans.year"), dataIndex: "year", width: 90 },
          {
            title: t("plans.planTitle"),
            dataIndex: "title",
            render: (title: string, p) => <Link to={`/inspection-plans/${p.id}`}>{title}</Link>,
          },
          { title: t("plans.region"), dataIndex: "regionName", render: (name: string | null, p) => name ?? p.regionCode },
          { title: t("plans.department"), dataIndex: "departmentName", render: (name: string | null) => name ?? t("plans.noDepartment") },
          { title: t("plans.status"), dataIndex: "status", render: (s: InspectionPlan["status"]) => <PlanStatusTag status={s} /> },
          { title: t("plans.visits"), dataIndex: "itemCount" },
          { title: t("plans.approvedAt"), dataIndex: "approvedAt", render: (d: string | null) => formatDateTime(d) },
          {
            title: t("common.actions"),
            key: "open",
            render: (_: unknown, p) => (
              <Button type="link" size="small" onClick={() => navigate(`/inspection-plans/${p.id}`)}>
                {t("plans.open")}
              </Button>
            ),
          },
        ]}
      />
      <PlanDraftModal
        target={drafting ? "new" : undefined}
        onClose={() => setDrafting(false)}
        onSaved={(plan) => navigate(`/inspection-plans/${plan.id}`)}
        onStale={() => paged.list.reload()}
      />
    </>
  );
}
