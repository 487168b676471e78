import { CopyOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { enterpriseCategories } from "../../../../domain/enterprise/enterprise.dto.js";
import type { ChecklistContent } from "../../../../domain/inspections/checklist.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { applyFieldErrors } from "../../api/form-errors.js";
import { PageHeader } from "../../components/page-header.js";
import { FilterActions, PagedTable, usePagedList } from "../../components/paged-table.js";
import { UploadDrop, useUpload } from "../../components/upload-drop.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { CopyChecklistModal } from "./checklist-copy-modal.js";
import { OwnerTag, useCategoryLabel } from "./checklist-labels.js";
import { type ChecklistQuery, type ChecklistSummary, checklistsApi } from "./checklists-api.js";

type Filters = Omit<ChecklistQuery, "page" | "pageSize">;

/**
 * /checklists: the templates the caller may use — built-in, its regulators' and its own — with copy,
 * create and import for those who keep templates (checklists.manage).
 */
export function ChecklistsPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const category = useCategoryLabel();
  const canManage = roleHas(me.role, "checklists.manage");
  const paged = usePagedList<Filters, ChecklistSummary>((q, signal) => checklistsApi.list(q, signal), {});
  const [form] = Form.useForm<Filters>();
  const [copying, setCopying] = useState<ChecklistSummary>();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  return (
    <>
      <PageHeader
        title={t("checklists.title")}
        extra={
          canManage && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="checklists-import">
                {t("checklists.import")}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="checklists-create">
                {t("checklists.create")}
              </Button>
            </>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t("checklists.hint")}</Typography.Paragraph>
      <Form<Filters> form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => paged.applyFilters(v)}>
        <Form.Item name="q">
          <Input allowClear placeholder={t("checklists.searchPlaceholder")} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="owner">
          <Select
            id="checklists-owner"
            allowClear
            placeholder={t("checklists.allOwners")}
            style={{ width: 160 }}
            options={(["builtin", "region", "enterprise", ...(canManage ? ["mine" as const] : [])] as const).map((o) => ({
              value: o,
              label: t(`checklists.owner.${o}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="category">
          <Select
            id="checklists-category"
            allowClear
            placeholder={t("checklists.allCategories")}
            style={{ width: 160 }}
            options={enterpriseCategories.map((c) => ({ value: c, label: category(c) }))}
          />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.resetFields();
            paged.applyFilters({});
          }}
        />
      </Form>
      <PagedTable<Filters, ChecklistSummary>
        paged={paged}
        rowKey="id"
        emptyText={t("checklists.empty")}
        data-testid="checklists-table"
        columns={[
          {
            title: t("checklists.name"),
            key: "name",
            render: (_: unknown, c) => (
              <Link to={`/checklists/${c.id}`} data-testid={`checklist-link-${c.builtinKey ?? c.id}`}>
                {c.name}
              </Link>
            ),
          },
          { title: t("checklists.owner"), key: "owner", render: (_: unknown, c) => <OwnerTag kind={c.ownerKind} /> },
          { title: t("checklists.category"), key: "category", render: (_: unknown, c) => category(c.category) },
          { title: t("checklists.items"), key: "items", render: (_: unknown, c) => t("checklists.itemCount", { n: c.itemCount }) },
          {
            title: t("checklists.version"),
            key: "version",
            render: (_: unknown, c) => (
              <Flex gap={4} wrap>
                {c.publishedVersion ? <Tag color="blue">v{c.publishedVersion}</Tag> : <Tag>{t("checklists.unpublished")}</Tag>}
                {c.publishedVersion > 0 && c.draftChanged && <Tag color="gold">{t("checklists.draftChanged")}</Tag>}
              </Flex>
            ),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, c) =>
              canManage && (
                <Button
                  size="small"
                  icon={<CopyOutlined />}
                  onClick={() => setCopying(c)}
                  data-testid={`checklist-copy-${c.builtinKey ?? c.id}`}
                >
                  {t("checklists.copy")}
                </Button>
              ),
          },
        ]}
      />
      <CopyChecklistModal source={copying} onClose={() => setCopying(undefined)} onCopied={(c) => navigate(`/checklists/${c.id}`)} />
      <CreateChecklistModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/checklists/${id}/edit`)} />
      <ImportChecklistModal open={importing} onClose={() => setImporting(false)} onImported={(id) => navigate(`/checklists/${id}`)} />
    </>
  );
}

/** A new template starts as a one-item draft the editor fills in. */
const starterDraft = (section: string, item: string): ChecklistContent => ({
  sections: [
    {
      id: "s1",
      title: section,
      items: [
        {
          id: "i1",
          question: item,
          type: "pass_fail",
          photoOnFail: false,
          min: null,
          max: null,
          unit: null,
          clause: null,
          onFail: "general",
          criterionId: null,
          hazardCategory: "site_management",
          hazardSubType: null,
        },
      ],
    },
  ],
});

function CreateChecklistModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const t = useT();
  const category = useCategoryLabel();
  const [form] = Form.useForm<{ name: string; category?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  return (
    <Modal
      open={open}
      title={t("checklists.create")}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (v) => {
          setBusy(true);
          setError(undefined);
          try {
            const created = await checklistsApi.create({
              name: v.name.trim(),
              category: (v.category as never) ?? null,
              draft: starterDraft(t("checklists.newSection"), t("checklists.newItem")),
            });
            onCreated(created.id);
          } catch (err) {
            const e = toApiError(err);
            if (!applyFieldErrors(form, e, ["name", "category"])) setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="name"
          label={t("checklists.name")}
          rules={[{ required: true, whitespace: true, message: t("checklists.nameRequired") }]}
        >
          <Input id="checklist-create-name" maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t("checklists.category")}>
          <Select
            id="checklist-create-category"
            allowClear
            placeholder={t("checklists.categoryAny")}
            options={enterpriseCategories.map((c) => ({ value: c, label: category(c) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportChecklistModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (id: string) => void }) {
  const t = useT();
  return (
    <Modal open={open} title={t("checklists.importTitle")} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      {open && <ImportBody onImported={onImported} />}
    </Modal>
  );
}

function ImportBody({ onImported }: { onImported: (id: string) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const upload = useUpload(checklistsApi.importFile, (_file, created) => {
    message.success(t("checklists.imported"));
    onImported(created.id);
  });
  const error = upload.error && typeof upload.error !== "string" ? upload.error : undefined;
  return (
    <Flex vertical gap={12}>
      <UploadDrop
        upload={upload}
        pattern={/\.xlsx$/i}
        format=".xlsx"
        wrongType={(name) => t("checklists.importWrongType", { name })}
        errorTitle={t("checklists.importFailed")}
        drop={t("checklists.importDrop")}
        hint={t("checklists.importHint")}
        progressText={(s) => t("checklists.importProgress", { name: s.fileName, percent: s.percent })}
        testIdPrefix="checklist-import"
      />
      {error && error.fields.length > 1 && (
        <ul data-testid="checklist-import-rows" style={{ margin: 0 }}>
          {error.fields.map((f) => (
            <li key={`${f.path}:${f.message}`}>
              <Typography.Text code>{f.path}</Typography.Text> {f.message}
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
}
