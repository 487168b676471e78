import { GlobalOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Segmented,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { type EnterpriseCategory, enterpriseCategories } from "../../../../domain/enterprise/enterprise.dto.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PagedTable, usePagedList } from "../../components/paged-table.js";
import { RegionSelect } from "../../components/region-select.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { departmentsApi } from "../departments/departments-api.js";
import { useCategoryLabel } from "../enterprises/enterprise-labels.js";
import { type RandomDrawPrepareBody, type RandomDrawSummary, randomDrawsApi } from "./random-draws-api.js";

/** 已公布承诺 / 已摇号. */
export function DrawStatusTag({ status }: { status: RandomDrawSummary["status"] }) {
  const t = useT();
  return <Tag color={status === "executed" ? "green" : "blue"}>{t(`randomDraws.status.${status}`)}</Tag>;
}

/**
 * /random-draws — 双随机一公开 (issue 7 §5): the draws of the regulator's region, and a new draw: the lists are
 * frozen and the commitment published at once; the draw runs on the draw's page once the beacon value exists.
 */
export function RandomDrawsPage() {
  const t = useT();
  const me = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const paged = usePagedList<{ status?: string }, RandomDrawSummary>((q, signal) => randomDrawsApi.list(q, signal), {});
  // Draws are organised at city and county level (random-draws.policy.ts).
  const mayOrganise =
    roleHas(me.role, "random_draws.manage") && (me.role === "admin" || me.regionCode?.length === 4 || me.regionCode?.length === 6);

  return (
    <>
      <PageHeader
        title={t("randomDraws.title")}
        extra={
          mayOrganise && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t("randomDraws.new")}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t("randomDraws.intro")}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Segmented
          value={paged.filters.status ?? "all"}
          onChange={(v) => paged.applyFilters(v === "all" ? {} : { status: String(v) })}
          options={[
            { value: "all", label: t("randomDraws.all") },
            { value: "prepared", label: t("randomDraws.status.prepared") },
            { value: "executed", label: t("randomDraws.status.executed") },
          ]}
        />
      </Space>
      <PagedTable<{ status?: string }, RandomDrawSummary>
        paged={paged}
        rowKey="id"
        emptyText={t("randomDraws.empty")}
        columns={[
          {
            title: t("randomDraws.planCode"),
            dataIndex: "planCode",
            render: (code: string, d) => <Link to={`/random-draws/${d.id}`}>{code}</Link>,
          },
          {
            title: t("randomDraws.planTitle"),
            dataIndex: "title",
            render: (title: string, d) => (
              <Space>
                {title}
                {d.unannounced && <Tag color="purple">{t("randomDraws.unannounced")}</Tag>}
              </Space>
            ),
          },
          { title: t("randomDraws.region"), dataIndex: "regionName", render: (n: string | null, d) => n ?? d.regionCode },
          { title: t("randomDraws.status"), dataIndex: "status", render: (s: RandomDrawSummary["status"]) => <DrawStatusTag status={s} /> },
          { title: t("randomDraws.objects"), dataIndex: "objectsCount", align: "right" },
          { title: t("randomDraws.inspectors"), dataIndex: "inspectorsCount", align: "right" },
          { title: t("randomDraws.drawn"), dataIndex: "drawnCount", align: "right" },
          { title: t("randomDraws.preparedAt"), dataIndex: "preparedAt", render: (v: string) => formatDateTime(v) },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, d) => (
              <Space>
                <Link to={`/random-draws/${d.id}`}>{t("randomDraws.view")}</Link>
                <Link to={`/public/random-draws/${d.id}`} target="_blank">
                  <GlobalOutlined /> {t("randomDraws.publicRecord")}
                </Link>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 12 }}>
        <Link to="/public/random-draws" target="_blank">
          <GlobalOutlined /> {t("publicDraws.all")}
        </Link>
      </Typography.Paragraph>
      <PrepareDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

type Values = {
  planCode: string;
  title: string;
  regionCode?: string;
  departmentId?: string;
  categories?: EnterpriseCategory[];
  industry?: string;
  sizing: "rate" | "count";
  ratePercent?: number;
  k?: number;
  teamSize: number;
  crossRegion: boolean;
  unannounced: boolean;
  revealOn?: Dayjs;
  recusals?: string;
  rotationRounds?: number | null;
  beaconSource: string;
  beaconId: string;
};

const fieldNames = [
  "planCode",
  "title",
  "regionCode",
  "departmentId",
  "industry",
  "teamSize",
  "revealOn",
  "recusals",
  "rotationRounds",
  "beaconSource",
  "beaconId",
] as const;

/** "JF320481001 91320481MA…" per line (space, comma or tab) → recusal pairs; the bad line numbers otherwise. */
function parseRecusals(text: string | undefined): { pairs: { certNo: string; uscc: string }[]; bad: number[] } {
  const pairs: { certNo: string; uscc: string }[] = [];
  const bad: number[] = [];
  (text ?? "").split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const parts = line.trim().split(/[\s,，;；]+/);
    if (parts.length !== 2) bad.push(i + 1);
    else pairs.push({ certNo: parts[0] as string, uscc: parts[1] as string });
  });
  return { pairs, bad };
}

function PrepareDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { category } = useCategoryLabel();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const region = Form.useWatch("regionCode", form);
  const sizing = Form.useWatch("sizing", form);
  const unannounced = Form.useWatch("unannounced", form);
  const departments = useApi(
    (signal) => (region ? departmentsApi.list({ regionCode: region, page: 1, pageSize: 100 }, signal) : Promise.resolve(undefined)),
    [region],
  );

  const onFinish = async (v: Values) => {
    const recusals = parseRecusals(v.recusals);
    if (recusals.bad.length) {
      form.setFields([{ name: "recusals", errors: [t("randomDraws.form.recusalsBad", { line: recusals.bad[0] as number })] }]);
      return;
    }
    const body: RandomDrawPrepareBody = {
      planCode: v.planCode.trim(),
      title: v.title.trim(),
      regionCode: v.regionCode as string,
      departmentId: v.departmentId ?? null,
      filters: { categories: v.categories?.length ? v.categories : undefined, industry: v.industry?.trim() || null },
      ...(v.sizing === "count" ? { k: v.k } : { sampleRate: (v.ratePercent ?? 5) / 100 }),
      teamSize: v.teamSize,
      crossRegion: v.crossRegion,
      unannounced: v.unannounced,
      revealOn: v.unannounced && v.revealOn ? v.revealOn.format("YYYY-MM-DD") : null,
      recusals: recusals.pairs,
      // Empty: the deployment's DRAW_ROTATION_ROUNDS.
      ...(typeof v.rotationRounds === "number" ? { rotationRounds: v.rotationRounds } : {}),
      beaconSource: v.beaconSource.trim(),
      beaconId: v.beaconId.trim(),
    };
    setSubmitting(true);
    setError(undefined);
    try {
      const draw = await randomDrawsApi.prepare(body);
      message.success(t("randomDraws.prepared"));
      navigate(`/random-draws/${draw.id}`);
    } catch (err) {
      const e = toApiError(err);
      setSubmitting(false);
      // The server names k / sampleRate / filters / recusals.n.x: put them on the closest field.
      const mapped = {
        ...e,
        fields: e.fields.map((f) => ({
          ...f,
          path:
            f.path === "sampleRate"
              ? "ratePercent"
              : f.path === "filters"
                ? "categories"
                : f.path.startsWith("recusals.")
                  ? "recusals"
                  : f.path,
        })),
      } as ApiError;
      if (!applyFieldErrors(form, mapped, [...fieldNames, "ratePercent", "k", "categories"])) setError(e);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} title={t("randomDraws.form.title")} size={640} destroyOnHidden>
      <Form<Values>
        form={form}
        name="randomDrawPrepare"
        layout="vertical"
        onFinish={onFinish}
        disabled={submitting}
        initialValues={{
          regionCode: me.regionCode ?? undefined,
          sizing: "rate",
          ratePercent: 5,
          teamSize: 2,
          crossRegion: false,
          unannounced: false,
          categories: [],
        }}
      >
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
        <Flex gap={12} wrap>
          <Form.Item name="planCode" label={t("randomDraws.planCode")} rules={[{ required: true }]} style={{ flex: "1 1 220px" }}>
            <Input placeholder="CZ-320481-2026-DR-001" maxLength={64} />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t("randomDraws.region")}
            rules={[{ required: true, message: t("randomDraws.form.regionRequired") }]}
            style={{ flex: "1 1 220px" }}
          >
            <RegionSelect rootCode={me.regionCode ?? undefined} levels={["city", "county"]} />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t("randomDraws.planTitle")} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="categories" label={t("randomDraws.form.categories")} extra={t("randomDraws.form.categoriesHint")}>
          <Select mode="multiple" allowClear options={enterpriseCategories.map((c) => ({ value: c, label: category(c) }))} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="industry" label={t("randomDraws.form.industry")} style={{ flex: "1 1 200px" }}>
            <Input placeholder="26" maxLength={4} />
          </Form.Item>
          <Form.Item
            name="departmentId"
            label={t("randomDraws.form.department")}
            extra={t("randomDraws.form.departmentHint")}
            style={{ flex: "1 1 260px" }}
          >
            <Select
              allowClear
              loading={departments.loading}
              options={departments.data?.items.map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="sizing" label={t("randomDraws.form.sizing")}>
          <Segmented
            options={[
              { value: "rate", label: t("randomDraws.form.byRate") },
              { value: "count", label: t("randomDraws.form.byCount") },
            ]}
          />
        </Form.Item>
        <Flex gap={12} wrap>
          {sizing === "count" ? (
            <Form.Item name="k" label={t("randomDraws.form.k")} rules={[{ required: true }]} style={{ flex: "1 1 160px" }}>
              <InputNumber min={1} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          ) : (
            <Form.Item name="ratePercent" label={t("randomDraws.form.rate")} rules={[{ required: true }]} style={{ flex: "1 1 160px" }}>
              <InputNumber min={0.1} max={100} step={1} style={{ width: "100%" }} />
            </Form.Item>
          )}
          <Form.Item name="teamSize" label={t("randomDraws.form.teamSize")} rules={[{ required: true }]} style={{ flex: "1 1 160px" }}>
            <InputNumber min={2} max={6} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Flex>
        <Form.Item name="crossRegion" valuePropName="checked">
          <Checkbox>{t("randomDraws.form.crossRegion")}</Checkbox>
        </Form.Item>
        <Flex gap={12} wrap align="center">
          <Form.Item name="unannounced" valuePropName="checked" label={t("randomDraws.form.unannounced")}>
            <Switch />
          </Form.Item>
          {unannounced && (
            <Form.Item name="revealOn" label={t("randomDraws.form.revealOn")}>
              <DatePicker />
            </Form.Item>
          )}
        </Flex>
        <Form.Item name="recusals" label={t("randomDraws.form.recusals")} extra={t("randomDraws.form.recusalsHint")}>
          <Input.TextArea rows={3} placeholder="JF320481002 91320481MA1XXXXXXX" />
        </Form.Item>
        <Form.Item name="rotationRounds" label={t("randomDraws.form.rotationRounds")} extra={t("randomDraws.form.rotationRoundsHint")}>
          <InputNumber min={0} max={10} precision={0} placeholder={t("randomDraws.form.rotationRoundsDefault")} style={{ width: 200 }} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="beaconSource"
            label={t("randomDraws.beacon")}
            extra={t("randomDraws.form.beaconSourceHint")}
            rules={[{ required: true, min: 2 }]}
            style={{ flex: "1 1 260px" }}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="beaconId"
            label={t("randomDraws.beaconId")}
            extra={t("randomDraws.form.beaconIdHint")}
            rules={[{ required: true }]}
            style={{ flex: "1 1 200px" }}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" htmlType="submit" loading={submitting}>
            {t("randomDraws.form.submit")}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
