import { Descriptions, Form, Select, Typography } from "antd";
import { useState } from "react";
import { useApi } from "../../api/use-api.js";
import { RegionSelect } from "../../components/region-select.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { enterprisesApi } from "../enterprises/enterprises-api.js";
import { type CriterionItem, hazardsApi } from "./hazards-api.js";

/** An enterprise in the user's scope, searched by name on the server (a Form.Item control). */
export function EnterpriseSelect({
  id,
  value,
  onChange,
  allowClear,
}: {
  id?: string;
  value?: string;
  onChange?: (id?: string) => void;
  allowClear?: boolean;
}) {
  const t = useT();
  const [q, setQ] = useState("");
  const found = useApi((signal) => enterprisesApi.list({ q: q || undefined, page: 1, pageSize: 20 }, signal), [q]);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t("hazards.enterpriseSearch")}
      loading={found.loading}
      options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
      style={{ width: "100%" }}
    />
  );
}

/** The 判定标准 item as a citation: standard, document number and item, and its text (R2). */
/**
 * The enterprise and region filters of a regulator's register (form fields `enterprise` and `region`, the region
 * picker rooted at the user's own region); nothing for enterprise users, who only ever see their own enterprise.
 */
export function ScopeFilterItems({ regionPlaceholder }: { regionPlaceholder: string }) {
  const me = useCurrentUser();
  if (me.enterpriseId) return null;
  return (
    <>
      <Form.Item name="enterprise" style={{ minWidth: 220 }}>
        <EnterpriseSelect allowClear />
      </Form.Item>
      <Form.Item name="region">
        <RegionSelect allowClear rootCode={me.regionCode ?? undefined} placeholder={regionPlaceholder} style={{ width: 200 }} />
      </Form.Item>
    </>
  );
}

export function CriterionCard({ item }: { item: CriterionItem }) {
  const t = useT();
  return (
    <Descriptions column={1} size="small" bordered data-testid="hazard-criterion">
      <Descriptions.Item label={t("hazards.criterionStandard")}>{item.standard}</Descriptions.Item>
      <Descriptions.Item label={t("hazards.criterionNumber")}>{item.ref}</Descriptions.Item>
      <Descriptions.Item label={t("hazards.criterionItem")}>
        {item.text}
        {!item.complete && <Typography.Text type="secondary">{t("hazards.criterionIncomplete")}</Typography.Text>}
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * Picker over the criteria library that applies to the enterprise (GET /api/enterprises/:id/hazard-criteria);
 * choosing an item makes the hazard 重大 (R2), and the chosen item is shown with its citation.
 */
export function CriterionPicker({
  id,
  enterpriseId,
  value,
  onChange,
}: {
  id?: string;
  enterpriseId?: string;
  value?: string | null;
  onChange?: (id: string | null) => void;
}) {
  const t = useT();
  const items = useApi(
    (signal) => (enterpriseId ? hazardsApi.criteria(enterpriseId, signal) : Promise.resolve([] as CriterionItem[])),
    [enterpriseId],
  );
  const chosen = items.data?.find((c) => c.id === value);
  return (
    <>
      <Select
        id={id}
        value={value ?? undefined}
        onChange={(v?: string) => onChange?.(v ?? null)}
        allowClear
        disabled={!enterpriseId}
        loading={items.loading}
        placeholder={t("hazards.criterionNone")}
        showSearch={{ optionFilterProp: "label" }}
        options={(items.data ?? []).map((c) => ({ value: c.id, label: `${c.ref} ${c.text}` }))}
        style={{ width: "100%" }}
        popupMatchSelectWidth
      />
      {chosen && (
        <div style={{ marginTop: 8 }}>
          <CriterionCard item={chosen} />
        </div>
      )}
    </>
  );
}
