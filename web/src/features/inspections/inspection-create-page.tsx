import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Select } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { type InspectionKind, inspectingBodyOf, startableKinds } from "../../../../domain/inspections/inspection.js";
import { ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { enterprisesApi } from "../enterprises/enterprises-api.js";
import { EnterpriseSelect } from "../hazards/hazard-pickers.js";
import { GpsInput, type GpsValue } from "../hazards/hazard-place.js";
import { useInspectionLabel } from "./inspection-labels.js";
import { inspectionsApi } from "./inspections-api.js";

type Values = {
  kind: InspectionKind;
  enterpriseId?: string;
  checklistId?: string;
  inspectorIds: string[];
  gps?: GpsValue | null;
};

const fieldNames = ["kind", "enterpriseId", "checklistId", "inspectorIds", "gps"];
/** Server paths onto this form (inspectorIds.1 → the team field, latitude → the GPS control). */
const formPath = (p: string) => (p === "latitude" || p === "longitude" ? "gps" : (p.split(".")[0] ?? p));

/** Published templates to start from, searched by name; those made for the enterprise's category first. */
function ChecklistSelect({
  id,
  value,
  onChange,
  category,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  category?: string;
}) {
  const t = useT();
  const [q, setQ] = useState("");
  const found = useApi((signal) => inspectionsApi.checklists({ q: q || undefined, page: 1, pageSize: 50 }, signal), [q]);
  const items = [...(found.data?.items ?? [])].sort((a, b) => Number(b.category === category) - Number(a.category === category));
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.loading}
      placeholder={t("inspections.checklistSearch")}
      notFoundContent={found.error ? found.error.message : undefined}
      options={items.map((c) => ({
        value: c.id,
        label: t("inspections.checklistOption", { name: c.name, version: c.publishedVersion, n: c.itemCount }),
      }))}
      style={{ width: "100%" }}
    />
  );
}

/**
 * The team of a regulator inspection: at least two 执法人员 (行政处罚法 Art. 42) — certified regulators of the
 * caller's region, from the inspector directory (GET /api/inspections/team-candidates).
 */
function InspectorsSelect({ id, value, onChange }: { id?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const t = useT();
  const [q, setQ] = useState("");
  const found = useApi((signal) => inspectionsApi.teamCandidates(q || undefined, signal), [q]);
  const options = (found.data ?? []).map((u) => ({ value: u.userId, label: `${u.name}（${u.certNo}）` }));
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.loading}
      placeholder={t("inspections.inspectorsPick")}
      options={options}
      style={{ width: "100%" }}
    />
  );
}

/** The device's position at the start, taken at once when the user has already allowed it (else on a tap). */
function useGrantedPosition(onFix: (g: GpsValue) => void) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the form opens.
  useEffect(() => {
    let cancelled = false;
    navigator.permissions
      ?.query({ name: "geolocation" })
      .then((status) => {
        if (cancelled || status.state !== "granted") return;
        navigator.geolocation.getCurrentPosition(
          (pos) => {
            const g = { latitude: Math.round(pos.coords.latitude * 1e6) / 1e6, longitude: Math.round(pos.coords.longitude * 1e6) / 1e6 };
            if (!cancelled && g.latitude >= 3 && g.latitude <= 54 && g.longitude >= 73 && g.longitude <= 136) onFix(g);
          },
          () => {},
          { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
        );
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, []);
}

/**
 * /inspections/new: kind (what the role may start), the enterprise (an enterprise user inspects its own), a
 * published checklist (its newest version is fixed for the inspection), the team for a regulator inspection, and
 * the GPS position at the start. Then straight to the field form.
 */
export function InspectionCreatePage() {
  const t = useT();
  const label = useInspectionLabel();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError>();
  const [submitting, setSubmitting] = useState(false);
  const kinds = startableKinds(me.role);
  const kind = Form.useWatch("kind", form) ?? kinds[0];
  const enterpriseId = Form.useWatch("enterpriseId", form) ?? me.enterpriseId ?? undefined;
  const enterprise = useApi((signal) => (enterpriseId ? enterprisesApi.get(enterpriseId, signal) : Promise.resolve(null)), [enterpriseId]);
  const body = kind ? inspectingBodyOf(kind, me.role) : "enterprise";
  useGrantedPosition((g) => {
    if (!form.getFieldValue("gps")) form.setFieldValue("gps", g);
  });

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const created = await inspectionsApi.create({
        kind: v.kind,
        enterpriseId: me.enterpriseId ?? v.enterpriseId ?? "",
        checklistId: v.checklistId ?? "",
        inspectorIds: body === "regulator" ? v.inspectorIds : [],
        ...(v.gps ? { latitude: v.gps.latitude, longitude: v.gps.longitude } : {}),
      });
      navigate(`/inspections/${created.id}/field`);
    } catch (err) {
      setSubmitting(false);
      const e = toApiError(err);
      const fields = e.fields.map((f) => ({ ...f, path: formPath(f.path) }));
      if (!applyFieldErrors(form, new ApiError(e.status, e.code, e.message, fields), fieldNames)) setError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t("inspections.newTitle")}
        extra={
          <Link to="/inspections">
            <Button icon={<ArrowLeftOutlined />}>{t("inspections.backToList")}</Button>
          </Link>
        }
      />
      <Card style={{ maxWidth: 720 }}>
        <Form<Values>
          form={form}
          name="inspection-new"
          layout="vertical"
          onFinish={onFinish}
          initialValues={{
            kind: kinds[0],
            enterpriseId: me.enterpriseId ?? params.get("enterprise") ?? undefined,
            inspectorIds: body === "regulator" ? [me.id] : [],
            gps: null,
          }}
        >
          <Form.Item name="kind" label={t("inspections.kind")} rules={[{ required: true }]}>
            <Select size="large" disabled={kinds.length < 2} options={kinds.map((k) => ({ value: k, label: label("kind", k) }))} />
          </Form.Item>
          {!me.enterpriseId && (
            <Form.Item
              name="enterpriseId"
              label={t("inspections.enterprise")}
              rules={[{ required: true, message: t("inspections.enterpriseRequired") }]}
            >
              <EnterpriseSelect />
            </Form.Item>
          )}
          <Form.Item
            name="checklistId"
            label={t("inspections.checklist")}
            rules={[{ required: true, message: t("inspections.checklistRequired") }]}
          >
            <ChecklistSelect category={enterprise.data?.category} />
          </Form.Item>
          {body === "regulator" && (
            <Form.Item
              name="inspectorIds"
              label={t("inspections.team")}
              extra={t("inspections.teamHint")}
              rules={[
                {
                  validator: (_, v: string[] | undefined) =>
                    (v?.length ?? 0) >= 2 ? Promise.resolve() : Promise.reject(new Error(t("inspections.teamTooSmall"))),
                },
              ]}
            >
              <InspectorsSelect />
            </Form.Item>
          )}
          <Form.Item name="gps" label={t("inspections.gpsAtStart")}>
            <GpsInput />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
          <Button type="primary" size="large" block htmlType="submit" loading={submitting} id="inspection-start">
            {t("inspections.start")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
