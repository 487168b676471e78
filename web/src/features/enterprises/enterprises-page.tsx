import { DownloadOutlined, ImportOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, Select, type TableProps, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { scopeKindOf } from "../../../../domain/access/roles.js";
import {
  type EnterpriseCategory,
  EnterpriseListQuery,
  type EnterpriseStatus,
  enterpriseCategories,
  enterpriseStatuses,
} from "../../../../domain/enterprise/enterprise.dto.js";
import { PageHeader } from "../../components/page-header.js";
import { FilterActions, PagedTable, usePagedList } from "../../components/paged-table.js";
import { RegionSelect } from "../../components/region-select.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { EnterpriseStatusTag, enterpriseScales, shortRegionPath, useCategoryLabel } from "./enterprise-labels.js";
import {
  type Enterprise,
  type EnterpriseFilters,
  type EnterpriseScaleValue,
  type EnterpriseSortValue,
  enterprisesApi,
} from "./enterprises-api.js";
import { IndustrySelect } from "./industry-select.js";

type FilterValues = {
  q?: string;
  region?: string;
  industry?: string;
  category?: EnterpriseCategory;
  scale?: EnterpriseScaleValue;
  status?: EnterpriseStatus;
  sort?: EnterpriseSortValue;
};

const sorts: readonly EnterpriseSortValue[] = ["name", "-updatedAt", "updatedAt", "-headcount"];
const defaultSort: EnterpriseSortValue = "name";
const FilterQuery = EnterpriseListQuery.omit({ page: true, pageSize: true });

/** The filters in the address (?q=化工&category=…), so back from a detail page returns to the same list; anything invalid is ignored. */
function filtersOf(params: URLSearchParams): EnterpriseFilters {
  const parsed = FilterQuery.safeParse(Object.fromEntries(params));
  return parsed.success ? parsed.data : { sort: defaultSort };
}

function paramsOf(filters: EnterpriseFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).filter(([key, value]) => value !== undefined && value !== "" && !(key === "sort" && value === defaultSort)),
  );
}

/** 企业名录: search and filters over the caller's scope, export of the filtered list, links to import and create. */
export function EnterprisesPage() {
  const t = useT();
  const labels = useCategoryLabel();
  const me = useCurrentUser();
  const canCreate = roleHas(me.role, "enterprises.create");
  // Enterprise users see their own enterprise only: a region filter would have nothing to narrow.
  const showRegion = scopeKindOf[me.role] !== "enterprise";
  const [filterForm] = Form.useForm<FilterValues>();
  const [params, setParams] = useSearchParams();
  const [initialFilters] = useState(() => filtersOf(params));

  const paged = usePagedList<EnterpriseFilters, Enterprise>((query, signal) => enterprisesApi.list(query, signal), initialFilters);
  const { list } = paged;
  const filtered = Object.entries(paged.filters).some(([key, value]) => key !== "sort" && value !== undefined);

  const applyFilters = (v: FilterValues) => {
    const next: EnterpriseFilters = {
      q: v.q?.trim() || undefined,
      region: v.region || undefined,
      industry: v.industry || undefined,
      category: v.category,
      scale: v.scale,
      status: v.status,
      sort: v.sort ?? defaultSort,
    };
    paged.applyFilters(next);
    setParams(paramsOf(next), { replace: true });
  };

  const columns: TableProps<Enterprise>["columns"] = [
    {
      title: t("enterprises.name"),
      dataIndex: "name",
      key: "name",
      render: (name: string, e) => <Link to={`/enterprises/${e.id}`}>{name}</Link>,
    },
    { title: t("enterprises.uscc"), dataIndex: "uscc", key: "uscc", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t("enterprises.region"),
      dataIndex: "regionPath",
      key: "region",
      render: (path: string | null, e) => (
        <Tooltip title={path ?? e.regionCode}>
          <span>{shortRegionPath(path) ?? e.regionCode}</span>
        </Tooltip>
      ),
    },
    {
      title: t("enterprises.category"),
      key: "category",
      render: (_, e) =>
        e.subcategory ? `${labels.category(e.category)} · ${labels.subcategory(e.subcategory)}` : labels.category(e.category),
    },
    { title: t("enterprises.scale"), dataIndex: "scale", key: "scale", render: (s: EnterpriseScaleValue) => t(`enterprises.scale.${s}`) },
    {
      title: t("enterprises.statusLabel"),
      dataIndex: "status",
      key: "status",
      render: (s: EnterpriseStatus) => <EnterpriseStatusTag status={s} />,
    },
    { title: t("enterprises.headcount"), dataIndex: "headcount", key: "headcount", align: "right" },
    { title: t("enterprises.updatedAt"), dataIndex: "updatedAt", key: "updatedAt", render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={t("enterprises.title")}
        extra={
          <>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={list.reload} />
            </Tooltip>
            {/* A plain link: the browser downloads the workbook with the session cookie. */}
            <Button id="enterprise-export" icon={<DownloadOutlined />} href={enterprisesApi.exportUrl(paged.filters)}>
              {t("enterprises.export")}
            </Button>
            {canCreate && (
              <Link to="/enterprises/import">
                <Button id="enterprise-import" icon={<ImportOutlined />}>
                  {t("enterprises.import")}
                </Button>
              </Link>
            )}
            {canCreate && (
              <Link to="/enterprises/new">
                <Button id="enterprise-create" type="primary" icon={<PlusOutlined />}>
                  {t("enterprises.create")}
                </Button>
              </Link>
            )}
          </>
        }
      />
      <Card>
        <Form<FilterValues>
          form={filterForm}
          layout="inline"
          onFinish={applyFilters}
          initialValues={{ ...initialFilters, sort: initialFilters.sort ?? defaultSort }}
          style={{ rowGap: 12, marginBottom: 16 }}
        >
          <Form.Item name="q">
            <Input
              id="enterprise-search"
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t("enterprises.searchPlaceholder")}
              aria-label={t("enterprises.searchPlaceholder")}
              style={{ width: 240 }}
              maxLength={100}
            />
          </Form.Item>
          {showRegion && (
            <Form.Item name="region">
              <RegionSelect rootCode={me.regionCode ?? undefined} allowClear placeholder={t("enterprises.region")} style={{ width: 200 }} />
            </Form.Item>
          )}
          <Form.Item name="category">
            <Select
              allowClear
              placeholder={t("enterprises.allCategories")}
              style={{ width: 150 }}
              options={enterpriseCategories.map((c) => ({ value: c, label: labels.category(c) }))}
            />
          </Form.Item>
          <Form.Item name="industry">
            <IndustrySelect allowClear placeholder={t("enterprises.industryPrefix")} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="scale">
            <Select
              allowClear
              placeholder={t("enterprises.allScales")}
              style={{ width: 120 }}
              options={enterpriseScales.map((s) => ({ value: s, label: t(`enterprises.scale.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t("enterprises.allStatuses")}
              style={{ width: 130 }}
              options={enterpriseStatuses.map((s) => ({ value: s, label: t(`enterprises.status.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="sort">
            <Select
              aria-label={t("enterprises.sort")}
              style={{ width: 170 }}
              options={sorts.map((s) => ({ value: s, label: t(`enterprises.sort.${s}`) }))}
              // The order applies at once; the other filters wait for 搜索.
              onChange={() => filterForm.submit()}
            />
          </Form.Item>
          <FilterActions
            onReset={() => {
              filterForm.resetFields();
              applyFilters({});
            }}
          />
        </Form>
        <PagedTable<EnterpriseFilters, Enterprise>
          paged={paged}
          rowKey="id"
          columns={columns}
          emptyText={filtered ? t("enterprises.emptyFiltered") : t("enterprises.empty")}
        />
      </Card>
    </>
  );
}
