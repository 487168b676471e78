import { ArrowLeftOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Segmented, Table, Tooltip } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { hazardUnitKindLabels } from "../../../../domain/major-hazard/major-hazard.dto.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { PageHeader } from "../../components/page-header.js";
import { useLang, useT } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";
import { useCurrentUser } from "../auth/session-context.js";
import { enterprisesApi } from "../enterprises/enterprises-api.js";
import { type HazardUnitSummary, majorHazardApi } from "./major-hazard-api.js";
import { MajorHazardTag } from "./major-hazard-level.js";

/** An enterprise's production and storage units with their GB 18218 identification (issue 5 §7). */
export function HazardUnitsPage() {
  const t = useT();
  const [lang] = useLang();
  const { id = "" } = useParams();
  const me = useCurrentUser();
  const canManage = roleHas(me.role, "major_hazard.manage");
  const [major, setMajor] = useState<"all" | "true" | "false">("all");
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(20);
  const enterprise = useApi((signal) => enterprisesApi.get(id, signal), [id]);
  const list = useApi(
    (signal) => majorHazardApi.units(id, { major: major === "all" ? undefined : major, page, pageSize: size }, signal),
    [id, major, page, size],
  );

  return (
    <>
      <PageHeader
        title={t("mh.unitsTitle", { name: enterprise.data?.name ?? "" })}
        extra={
          <>
            <Link to={`/enterprises/${id}`}>
              <Button icon={<ArrowLeftOutlined />}>{t("mh.backToEnterprise")}</Button>
            </Link>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={list.reload} />
            </Tooltip>
            {canManage && (
              <Link to={`/enterprises/${id}/hazard-units/new`}>
                <Button id="hazard-unit-create" type="primary" icon={<PlusOutlined />}>
                  {t("mh.createUnit")}
                </Button>
              </Link>
            )}
          </>
        }
      />
      <Segmented
        style={{ marginBottom: 12 }}
        value={major}
        onChange={(v) => {
          setMajor(v as typeof major);
          setPage(1);
        }}
        options={[
          { value: "all", label: t("mh.filterAll") },
          { value: "true", label: t("mh.filterMajor") },
          { value: "false", label: t("mh.filterNotMajor") },
        ]}
      />
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <Table<HazardUnitSummary>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("mh.noUnits") }}
          data-testid="hazard-units"
          pagination={{
            current: page,
            pageSize: size,
            total: list.data?.total ?? 0,
            showTotal: (total) => t("common.total", { total }),
            onChange: (p, s) => {
              setPage(s === size ? p : 1);
              setSize(s);
            },
          }}
          columns={[
            { title: t("mh.unitName"), dataIndex: "name", render: (name: string, u) => <Link to={`/hazard-units/${u.id}`}>{name}</Link> },
            { title: t("mh.kind"), dataIndex: "kind", render: (k: HazardUnitSummary["kind"]) => hazardUnitKindLabels[k][labelKeyOf(lang)] },
            { title: t("mh.grade"), key: "grade", render: (_: unknown, u) => <MajorHazardTag isMajor={u.isMajor} level={u.level} /> },
            { title: "S", dataIndex: "S", align: "right", render: (v: number) => v.toFixed(3) },
            { title: "R", dataIndex: "R", align: "right", render: (v: number | null) => (v === null ? "—" : v.toFixed(2)) },
            { title: t("mh.peopleExposed"), dataIndex: "peopleExposed", align: "right" },
            { title: t("mh.principal"), key: "principal", render: (_: unknown, u) => u.principal?.name ?? "—" },
            { title: t("mh.lastAssessmentDate"), dataIndex: "lastAssessmentDate", render: (d: string | null) => d ?? "—" },
            { title: t("mh.reassessmentDue"), dataIndex: "reassessmentDue", render: (d: string | null) => d ?? "—" },
          ]}
        />
      )}
    </>
  );
}
