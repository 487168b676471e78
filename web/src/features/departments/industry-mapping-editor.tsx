import { DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Segmented,
  Select,
  Table,
  type TableProps,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { roleHas } from "../../../../domain/access/permissions.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { PageState } from "../../components/page-state.js";
import { RegionSelect } from "../../components/region-select.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { industriesApi } from "../enterprises/enterprises-api.js";
import { IndustrySelect } from "../enterprises/industry-select.js";
import { departmentKinds, useDepartmentKindLabel } from "./department-labels.js";
import { type DepartmentKind, departmentsApi, type MappingEntry } from "./departments-api.js";

type MappingRow = MappingEntry & { added?: boolean };

/**
 * The industry → department-kind table (三管三必须). Everyone may read it; an administrator edits a draft
 * (change a kind, remove a row, add a 门类 or a code prefix) and saves the whole table at once.
 */
export function IndustryMappingEditor() {
  const t = useT();
  const me = useCurrentUser();
  const canEdit = roleHas(me.role, "industry_mapping.manage");
  const saved = useApi((signal) => departmentsApi.mapping(signal), []);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Card title={t("mapping.title")} size="small">
          <Typography.Paragraph type="secondary">{t("mapping.hint")}</Typography.Paragraph>
          {!canEdit && <Typography.Paragraph type="secondary">{t("mapping.readOnly")}</Typography.Paragraph>}
          <PageState loading={!saved.data} error={saved.error} onRetry={saved.reload}>
            {saved.data && (
              <MappingTable
                key={saved.data.revision}
                items={saved.data.items}
                revision={saved.data.revision}
                canEdit={canEdit}
                onSaved={saved.reload}
              />
            )}
          </PageState>
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <ResolveCard />
      </Col>
    </Row>
  );
}

function MappingTable({
  items,
  revision,
  canEdit,
  onSaved,
}: {
  items: MappingEntry[];
  revision: string;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const t = useT();
  const kindLabel = useDepartmentKindLabel();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<MappingRow[]>(items);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [rowErrors, setRowErrors] = useState(new Map<string, string>());
  const dirty =
    JSON.stringify(draft.map(({ industryPrefix, kind }) => [industryPrefix, kind])) !==
    JSON.stringify(items.map(({ industryPrefix, kind }) => [industryPrefix, kind]));

  const setKind = (prefix: string, kind: DepartmentKind) =>
    setDraft((rows) => rows.map((r) => (r.industryPrefix === prefix ? { ...r, kind } : r)));
  const remove = (prefix: string) => setDraft((rows) => rows.filter((r) => r.industryPrefix !== prefix));
  const add = (row: MappingRow) => {
    if (draft.some((r) => r.industryPrefix === row.industryPrefix)) {
      message.warning(t("mapping.duplicate", { prefix: row.industryPrefix }));
      return false;
    }
    setDraft((rows) => [...rows, row]);
    return true;
  };

  const save = async () => {
    setSaving(true);
    setError(undefined);
    setRowErrors(new Map());
    try {
      await departmentsApi.replaceMapping(
        draft.map(({ industryPrefix, kind }) => ({ industryPrefix, kind })),
        revision,
      );
      message.success(t("mapping.saved"));
      onSaved();
    } catch (err) {
      const apiError = toApiError(err);
      setSaving(false);
      // items.N.industryPrefix: the row the server refused (unknown code, twice in the table).
      const byRow = new Map<string, string>();
      for (const f of apiError.fields) {
        const n = /^items\.(\d+)\./.exec(f.path)?.[1];
        const row = n === undefined ? undefined : draft[Number(n)];
        if (row) byRow.set(row.industryPrefix, f.message);
      }
      setRowErrors(byRow);
      if (byRow.size === 0) setError(apiError);
    }
  };

  const columns: TableProps<MappingRow>["columns"] = [
    {
      title: t("mapping.prefix"),
      dataIndex: "industryPrefix",
      key: "prefix",
      width: 170,
      render: (prefix: string, r) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color={/^[A-Z]$/.test(prefix) ? "geekblue" : "default"} style={{ fontFamily: "monospace" }}>
              {prefix}
            </Tag>
            {r.added && <Tag color="green">+</Tag>}
          </span>
          {rowErrors.get(prefix) && <Typography.Text type="danger">{rowErrors.get(prefix)}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t("mapping.industryName"), dataIndex: "industryName", key: "name" },
    {
      title: t("mapping.kind"),
      dataIndex: "kind",
      key: "kind",
      width: 240,
      render: (kind: DepartmentKind, r) =>
        canEdit ? (
          <Select<DepartmentKind>
            value={kind}
            onChange={(k) => setKind(r.industryPrefix, k)}
            options={departmentKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
            style={{ width: 220 }}
            aria-label={`${t("mapping.kind")} ${r.industryPrefix}`}
            disabled={saving}
          />
        ) : (
          kindLabel(kind)
        ),
    },
    ...(canEdit
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            width: 90,
            render: (_: unknown, r: MappingRow) => (
              <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => remove(r.industryPrefix)} disabled={saving}>
                {t("mapping.remove")}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      {canEdit && <AddRow onAdd={add} disabled={saving} />}
      {error && <Alert type="error" showIcon title={error.message} />}
      {dirty && (
        <Alert
          type="warning"
          showIcon
          title={t("mapping.dirty", { count: draft.length })}
          action={
            <Flex gap={8}>
              <Button size="small" icon={<UndoOutlined />} onClick={() => setDraft(items)} disabled={saving}>
                {t("mapping.discard")}
              </Button>
              <Button id="mapping-save" size="small" type="primary" icon={<SaveOutlined />} loading={saving} onClick={save}>
                {t("mapping.save")}
              </Button>
            </Flex>
          }
        />
      )}
      <Table<MappingRow>
        data-testid="mapping-table"
        rowKey="industryPrefix"
        size="small"
        columns={columns}
        dataSource={draft}
        pagination={false}
        scroll={{ y: 520 }}
        locale={{ emptyText: t("mapping.empty") }}
      />
    </Flex>
  );
}

/** Adds a 门类 (A–T) or a 2–4 digit code prefix with its department kind to the draft. */
function AddRow({ onAdd, disabled }: { onAdd: (row: MappingRow) => boolean; disabled: boolean }) {
  const t = useT();
  const kindLabel = useDepartmentKindLabel();
  const { message } = App.useApp();
  const [mode, setMode] = useState<"section" | "code">("section");
  const [prefix, setPrefix] = useState<string>();
  const [kind, setKind] = useState<DepartmentKind>("emergency");
  const [adding, setAdding] = useState(false);
  const sections = useApi((signal) => industriesApi.search({ level: "section", limit: 30 }, signal), []);

  const add = async () => {
    if (!prefix) return;
    setAdding(true);
    try {
      // The name as the classification gives it (the table shows it beside the code).
      const hits = mode === "section" ? sections.data?.items : (await industriesApi.search({ q: prefix, limit: 30 })).items;
      const name = hits?.find((i) => i.code === prefix)?.name ?? "";
      if (onAdd({ industryPrefix: prefix, kind, industryName: name, added: true })) setPrefix(undefined);
    } catch (err) {
      message.error(toApiError(err).message);
    } finally {
      setAdding(false);
    }
  };

  return (
    <Flex wrap gap={8} align="center">
      <Segmented<"section" | "code">
        value={mode}
        onChange={(m) => {
          setMode(m);
          setPrefix(undefined);
        }}
        options={[
          { value: "section", label: t("mapping.addSection") },
          { value: "code", label: t("mapping.addCode") },
        ]}
        disabled={disabled}
      />
      {mode === "section" ? (
        <Select<string>
          value={prefix}
          onChange={setPrefix}
          placeholder={t("mapping.sectionPlaceholder")}
          loading={sections.loading}
          options={(sections.data?.items ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
          style={{ width: 260 }}
          disabled={disabled}
          popupMatchSelectWidth={false}
        />
      ) : (
        <IndustrySelect value={prefix} onChange={setPrefix} style={{ width: 260 }} disabled={disabled} />
      )}
      <Select<DepartmentKind>
        value={kind}
        onChange={setKind}
        options={departmentKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
        style={{ width: 200 }}
        disabled={disabled}
        aria-label={t("mapping.kind")}
      />
      <Button icon={<PlusOutlined />} onClick={add} disabled={disabled || !prefix} loading={adding}>
        {mode === "section" ? t("mapping.addSection") : t("mapping.addCode")}
      </Button>
    </Flex>
  );
}

/** What the saved table gives an enterprise of an industry in a region: matching row, kind, nearest department. */
function ResolveCard() {
  const t = useT();
  const kindLabel = useDepartmentKindLabel();
  const me = useCurrentUser();
  const [regionCode, setRegionCode] = useState<string | undefined>(me.regionCode ?? undefined);
  const [industryCode, setIndustryCode] = useState<string>();
  const result = useApi(
    (signal) => (regionCode && industryCode ? departmentsApi.resolve(regionCode, industryCode, signal) : Promise.resolve(undefined)),
    [regionCode, industryCode],
  );
  const r = result.data?.regionCode === regionCode && result.data?.industryCode === industryCode ? result.data : undefined;

  return (
    <Card title={t("mapping.resolveTitle")} size="small">
      <Typography.Paragraph type="secondary">{t("mapping.resolveHint")}</Typography.Paragraph>
      <Flex vertical gap={8} style={{ marginBottom: 16 }}>
        <RegionSelect value={regionCode} onChange={setRegionCode} placeholder={t("mapping.resolveRegion")} style={{ width: "100%" }} />
        <IndustrySelect value={industryCode} onChange={setIndustryCode} allowClear style={{ width: "100%" }} />
      </Flex>
      {!regionCode || !industryCode ? (
        <Empty description={t("mapping.resolvePending")} />
      ) : (
        <PageState loading={!r} error={result.error} onRetry={result.reload}>
          {r && (
            <Descriptions column={1} size="small" bordered data-testid="mapping-resolve" styles={{ label: { width: 120 } }}>
              <Descriptions.Item label={t("mapping.matchedPrefix")}>
                {r.matchedPrefix ? <Tag style={{ fontFamily: "monospace" }}>{r.matchedPrefix}</Tag> : t("mapping.noMatch")}
              </Descriptions.Item>
              <Descriptions.Item label={t("mapping.resolvedKind")}>{r.kind ? kindLabel(r.kind) : t("common.none")}</Descriptions.Item>
              <Descriptions.Item label={t("mapping.resolvedDepartment")}>
                {r.department ? (
                  <span>
                    <Typography.Text strong>{r.department.name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                      {r.department.regionCode}
                      {r.department.phone ? ` · ${r.department.phone}` : ""}
                    </Typography.Text>
                  </span>
                ) : r.kind ? (
                  t("mapping.noDepartment")
                ) : (
                  t("common.none")
                )}
              </Descriptions.Item>
            </Descriptions>
          )}
        </PageState>
      )}
    </Card>
  );
}
