import { EditOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Form, Select, type TableProps, Tabs, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { inRegionSubtree } from "../../../../domain/access/roles.js";
import { PageHeader } from "../../components/page-header.js";
import { FilterActions, PagedTable, usePagedList } from "../../components/paged-table.js";
import { RegionSelect } from "../../components/region-select.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { shortPathOf, useRegionDetails } from "../regions/use-region-names.js";
import { DepartmentFormModal, departmentLevels } from "./department-form-modal.js";
import { departmentKinds, useDepartmentKindLabel } from "./department-labels.js";
import { type Department, type DepartmentFilters, departmentsApi } from "./departments-api.js";
import { IndustryMappingEditor } from "./industry-mapping-editor.js";

type Tab = "directory" | "mapping";

/** 监管部门: the departments per region, and the industry → department-kind table that gives each enterprise its 行业 regulator. */
export function DepartmentsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get("tab") === "mapping" ? "mapping" : "directory";
  return (
    <>
      <PageHeader title={t("departments.title")} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === "mapping" ? { tab: "mapping" } : {})}
        items={[
          { key: "directory", label: <span id="departments-tab-directory">{t("departments.tabDirectory")}</span>, children: <Directory /> },
          {
            key: "mapping",
            label: <span id="departments-tab-mapping">{t("departments.tabMapping")}</span>,
            children: <IndustryMappingEditor />,
          },
        ]}
      />
    </>
  );
}

function Directory() {
  const t = useT();
  const kindLabel = useDepartmentKindLabel();
  const me = useCurrentUser();
  const [form] = Form.useForm<DepartmentFilters>();
  const [target, setTarget] = useState<"new" | Department>();
  // Regulators start from their own area; the directory itself is readable by every role.
  const initial: DepartmentFilters = { regionCode: me.regionCode && me.regionCode.length <= 9 ? me.regionCode : undefined };
  const paged = usePagedList<DepartmentFilters, Department>((query, signal) => departmentsApi.list(query, signal), initial);
  const details = useRegionDetails((paged.list.data?.items ?? []).map((d) => d.regionCode));
  const canManage = roleHas(me.role, "departments.manage");
  // The server's rule: administrators anywhere, regulator leaders inside their own subtree.
  const managesIn = (regionCode: string) =>
    canManage && (me.role === "admin" || (!!me.regionCode && inRegionSubtree(me.regionCode, regionCode)));

  const columns: TableProps<Department>["columns"] = [
    { title: t("departments.name"), dataIndex: "name", key: "name", render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t("departments.kind"), dataIndex: "kind", key: "kind", render: (k: string) => kindLabel(k) },
    {
      title: t("departments.region"),
      dataIndex: "regionCode",
      key: "region",
      render: (code: string) => (
        <span title={code}>
          {shortPathOf(details.get(code), code)}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            {code}
          </Typography.Text>
        </span>
      ),
    },
    { title: t("departments.phone"), dataIndex: "phone", key: "phone", render: (p: string | null) => p ?? t("common.none") },
    { title: t("departments.updatedAt"), dataIndex: "updatedAt", key: "updatedAt", render: (v: string) => formatDateTime(v) },
    ...(canManage
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, d: Department) =>
              managesIn(d.regionCode) && (
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setTarget(d)}>
                  {t("common.edit")}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const filtered = !!paged.filters.regionCode || !!paged.filters.kind;
  return (
    <Card>
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
        <Form<DepartmentFilters>
          form={form}
          layout="inline"
          initialValues={initial}
          onFinish={(v) => paged.applyFilters({ regionCode: v.regionCode || undefined, kind: v.kind || undefined })}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="regionCode">
            <RegionSelect levels={departmentLevels} allowClear placeholder={t("departments.filterRegion")} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              allowClear
              placeholder={t("departments.allKinds")}
              options={departmentKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
              style={{ width: 200 }}
            />
          </Form.Item>
          <FilterActions
            onReset={() => {
              form.setFieldsValue({ regionCode: undefined, kind: undefined });
              paged.applyFilters({});
            }}
          />
        </Form>
        <Flex gap={8}>
          <Tooltip title={t("common.refresh")}>
            <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={paged.list.reload} />
          </Tooltip>
          {canManage && (
            <Button id="department-create" type="primary" icon={<PlusOutlined />} onClick={() => setTarget("new")}>
              {t("departments.create")}
            </Button>
          )}
        </Flex>
      </Flex>
      <PagedTable<DepartmentFilters, Department>
        data-testid="departments-table"
        rowKey="id"
        paged={paged}
        columns={columns}
        emptyText={filtered ? t("departments.emptyFiltered") : t("departments.empty")}
      />
      <DepartmentFormModal
        target={target}
        onClose={() => setTarget(undefined)}
        onSaved={() => {
          setTarget(undefined);
          paged.list.reload();
        }}
        onStale={() => {
          setTarget(undefined);
          paged.list.reload();
        }}
      />
    </Card>
  );
}
