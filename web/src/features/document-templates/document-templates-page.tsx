import { ReloadOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Table, Tag, Tooltip, Typography } from "antd";
import { useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { listsAfter, wordingMaxChars } from "../../../../domain/enforcement/documents.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { type DocumentTemplateView, documentTemplatesApi } from "./document-templates-api.js";

type Wording = Record<string, string>;

const ownSlots = (t: DocumentTemplateView) => Object.keys(t.wording ?? {}).length;

/**
 * 文书模板 (issue 8 §2: templates are data an administrator can adjust): the deployment's wording of each 执法文书
 * kind, slot by slot over the built-in text; the server checks slots and placeholders and guards the version.
 */
export function DocumentTemplatesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const list = useApi((signal) => documentTemplatesApi.list(signal), []);
  const items = list.data?.items ?? [];
  const selected = items.find((i) => i.kind === params.get("kind"));

  return (
    <>
      <PageHeader
        title={t("docTemplates.title")}
        extra={
          <Tooltip title={t("common.refresh")}>
            <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={list.reload} />
          </Tooltip>
        }
      />
      <Typography.Paragraph type="secondary">{t("docTemplates.hint")}</Typography.Paragraph>
      <PageState loading={list.loading && !list.data} error={list.error} onRetry={list.reload}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={8}>
            <Card size="small" style={{ position: "sticky", top: 80 }}>
              <Table<DocumentTemplateView>
                data-testid="doc-templates-table"
                rowKey="kind"
                size="small"
                pagination={false}
                dataSource={items}
                rowClassName={(r) => (r.kind === selected?.kind ? "ant-table-row-selected" : "")}
                onRow={(r) => ({ onClick: () => setParams({ kind: r.kind }), style: { cursor: "pointer" } })}
                columns={[
                  {
                    title: t("docTemplates.kind"),
                    key: "kind",
                    render: (_: unknown, r) => <span data-testid={`doc-template-${r.kind}`}>{t(`cases.doc.${r.kind}` as MessageKey)}</span>,
                  },
                  {
                    title: t("docTemplates.source"),
                    key: "source",
                    render: (_: unknown, r) =>
                      ownSlots(r) > 0 ? (
                        <Tag color="blue">{t("docTemplates.custom", { count: ownSlots(r) })}</Tag>
                      ) : (
                        <Tag>{t("docTemplates.builtin")}</Tag>
                      ),
                  },
                  { title: t("docTemplates.version"), dataIndex: "version", key: "version", width: 64 },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={16}>
            {selected ? (
              <TemplateEditor key={`${selected.kind}:${selected.version}`} template={selected} onChanged={list.reload} />
            ) : (
              <Card>
                <Typography.Text type="secondary">{t("docTemplates.pick")}</Typography.Text>
              </Card>
            )}
          </Col>
        </Row>
      </PageState>
    </>
  );
}

/** What the form holds for a template: the deployment's text of each slot, else the built-in text. */
const startingValues = (tpl: DocumentTemplateView): Wording =>
  Object.fromEntries(tpl.slots.map((s) => [s, tpl.wording?.[s] ?? tpl.builtin[s] ?? ""]));

/** The slots whose text differs from the built-in one: only those are stored, so the rest follows the built-in wording. */
function ownWording(tpl: DocumentTemplateView, values: Wording): Wording {
  return Object.fromEntries(
    tpl.slots.flatMap((s) => {
      const text = (values[s] ?? "").trim();
      return text === (tpl.builtin[s] ?? "").trim() ? [] : [[s, text]];
    }),
  );
}

const sameWording = (a: Wording, b: Wording) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

function TemplateEditor({ template, onChanged }: { template: DocumentTemplateView; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Wording>();
  const values = Form.useWatch((v: Wording) => v, form) ?? startingValues(template);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  // Where a clicked placeholder goes: the slot last edited and its selection.
  const caret = useRef<{ slot: string; start: number; end: number }>(undefined);
  const kindTitle = t(`cases.doc.${template.kind}` as MessageKey);
  const slotLabel = (slot: string) => t(`docTemplates.slot.${slot}` as MessageKey);

  const save = async (v: Wording) => {
    const wording = ownWording(template, v);
    if (sameWording(wording, template.wording ?? {})) {
      message.info(t("docTemplates.unchanged"));
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const saved = await documentTemplatesApi.put(template.kind, { version: template.version, wording });
      message.success(t("docTemplates.saved", { version: saved.version }));
      onChanged();
    } catch (err) {
      setSaving(false);
      const e = toApiError(err);
      if (e.code === "conflict.stale_version") {
        // Someone saved in between: say so and show their version (the editor restarts from it).
        message.error(e.message);
        onChanged();
        return;
      }
      // 400: the server's message under the slot it concerns (paths are `wording.<slot>`).
      const bySlot = e.fields.filter((f) => f.path.startsWith("wording.") && template.slots.includes(f.path.slice(8)));
      if (bySlot.length) form.setFields(bySlot.map((f) => ({ name: f.path.slice(8), errors: [f.message] })));
      else setError(e);
    }
  };

  const track = (slot: string, el: HTMLTextAreaElement) => {
    caret.current = { slot, start: el.selectionStart, end: el.selectionEnd };
  };
  const insert = (name: string) => {
    const at = caret.current;
    if (!at) return;
    const text = form.getFieldValue(at.slot) ?? "";
    const token = `{${name}}`;
    form.setFieldValue(at.slot, text.slice(0, at.start) + token + text.slice(at.end));
    caret.current = { ...at, start: at.start + token.length, end: at.start + token.length };
  };

  return (
    <Card
      data-testid="doc-template-editor"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{kindTitle}</span>
          <Tag data-testid="doc-template-version" color={template.version > 0 ? "blue" : undefined}>
            {t("docTemplates.versionOf", { version: template.version })}
          </Tag>
        </Flex>
      }
      extra={
        <Button icon={<UndoOutlined />} disabled={saving} onClick={() => form.setFieldsValue(template.builtin)}>
          {t("docTemplates.restoreAll")}
        </Button>
      }
    >
      <div data-testid="doc-template-placeholders" style={{ marginBottom: 16 }}>
        <Typography.Text strong>{t("docTemplates.placeholders")}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          {t("docTemplates.placeholdersHint")}
        </Typography.Text>
        <Flex wrap gap={6} style={{ marginTop: 8 }}>
          {template.placeholders.map((p) => (
            <Tooltip key={p} title={t(`docTemplates.ph.${p}` as MessageKey)}>
              <Tag style={{ cursor: "pointer", marginInlineEnd: 0 }} onClick={() => insert(p)}>
                {`{${p}}`}
              </Tag>
            </Tooltip>
          ))}
        </Flex>
      </div>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form<Wording>
        form={form}
        name="doc-template"
        layout="vertical"
        initialValues={startingValues(template)}
        onFinish={save}
        disabled={saving}
      >
        {template.slots.map((slot) => {
          const builtin = template.builtin[slot] ?? "";
          const changed = (values[slot] ?? "").trim() !== builtin.trim();
          return (
            <div key={slot} data-testid={`doc-template-slot-${slot}`}>
              <Form.Item
                name={slot}
                label={
                  <Flex gap={8} align="center">
                    <span>{slotLabel(slot)}</span>
                    {changed && <Tag color="orange">{t("docTemplates.changed")}</Tag>}
                  </Flex>
                }
                rules={[{ required: true, whitespace: true, message: t("docTemplates.required") }]}
                extra={
                  <Flex justify="space-between" align="flex-start" gap={8}>
                    <div>
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: "4px 0 0" }}>
                        {t("docTemplates.builtinText", { text: builtin })}
                      </Typography.Paragraph>
                      {listsAfter[template.kind] === slot && (
                        <Typography.Text type="secondary" italic style={{ fontSize: 12 }}>
                          {t("docTemplates.listsAfter")}
                        </Typography.Text>
                      )}
                    </div>
                    <Button
                      id={`doc-template-restore-${slot}`}
                      size="small"
                      type="link"
                      icon={<UndoOutlined />}
                      disabled={!changed}
                      onClick={() => {
                        form.setFieldValue(slot, builtin);
                        form.setFields([{ name: slot, errors: [] }]);
                      }}
                    >
                      {t("docTemplates.restore")}
                    </Button>
                  </Flex>
                }
              >
                <Input.TextArea
                  autoSize={{ minRows: slot === "title" ? 1 : 2, maxRows: 10 }}
                  maxLength={wordingMaxChars}
                  onSelect={(e) => track(slot, e.currentTarget)}
                  onBlur={(e) => track(slot, e.currentTarget)}
                />
              </Form.Item>
            </div>
          );
        })}
        <Flex gap={8} justify="flex-end">
          <Button onClick={() => form.resetFields()}>{t("docTemplates.discard")}</Button>
          <Button id="doc-template-save" type="primary" htmlType="submit" loading={saving}>
            {t("common.save")}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
