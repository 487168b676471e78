import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Select } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { enterpriseCategories } from "../../../../domain/enterprise/enterprise.dto.js";
import { criteriaItems } from "../../../../domain/hazards/criteria-library.js";
import {
  type ChecklistContent,
  type ChecklistFailMeaning,
  type ChecklistItem,
  type ChecklistItemType,
  checklistItemTypes,
} from "../../../../domain/inspections/checklist.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCategoryLabel } from "./checklist-labels.js";
import { type ChecklistDetail, checklistsApi } from "./checklists-api.js";

type ClauseValues = { standard?: string; number?: string; version?: string; article?: string };
type ItemValues = Omit<ChecklistItem, "clause" | "min" | "max" | "unit" | "criterionId" | "hazardSubType"> & {
  clause: ClauseValues;
  min?: number | null;
  max?: number | null;
  unit?: string | null;
  criterionId?: string | null;
  hazardSubType?: string | null;
};
type Values = { name: string; category?: string | null; draft: { sections: { id: string; title: string; items: ItemValues[] }[] } };

const failMeanings: ChecklistFailMeaning[] = ["general", "major", "note"];
let seq = 0;
/** Ids of new sections and items: unique within the template (responses are keyed by them). */
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

const blankItem = (question: string): ItemValues => ({
  id: newId("i"),
  question,
  type: "pass_fail",
  photoOnFail: false,
  min: null,
  max: null,
  unit: null,
  clause: {},
  onFail: "general",
  criterionId: null,
  hazardCategory: "site_management",
  hazardSubType: null,
});

function toValues(c: ChecklistDetail): Values {
  return {
    name: c.name,
    category: c.category,
    draft: {
      sections: c.draft.sections.map((s) => ({
        ...s,
        items: s.items.map((it) => ({ ...it, clause: it.clause ?? {} })),
      })),
    },
  };
}

const text = (v: string | null | undefined) => (v ?? "").trim();

/** Form values → the draft the server validates (empty clause → none; limits only on number items). */
function toDraft(v: Values): ChecklistContent {
  return {
    sections: v.draft.sections.map((s) => ({
      id: s.id,
      title: text(s.title),
      items: s.items.map((it) => {
        const clause = it.clause ?? {};
        const number = it.type === "number";
        return {
          id: it.id,
          question: text(it.question),
          type: it.type,
          photoOnFail: !!it.photoOnFail,
          min: number ? (it.min ?? null) : null,
          max: number ? (it.max ?? null) : null,
          unit: number && text(it.unit) ? text(it.unit) : null,
          clause: text(clause.standard)
            ? { standard: text(clause.standard), number: text(clause.number), version: text(clause.version), article: text(clause.article) }
            : null,
          onFail: it.onFail,
          criterionId: it.onFail === "major" ? (it.criterionId ?? null) : null,
          hazardCategory: it.hazardCategory,
          hazardSubType: it.hazardSubType ?? null,
        };
      }),
    })),
  };
}

/** "draft.sections.0.items.3.max" → the form's name path. */
const namePathOf = (path: string) => path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** /checklists/:id/edit — the draft, edited whole and saved under its version (409 when someone saved first). */
export function ChecklistEditorPage() {
  const { id = "" } = useParams();
  const detail = useApi((signal) => checklistsApi.get(id, signal), [id]);
  return (
    <PageState loading={detail.loading && !detail.data} error={detail.error} onRetry={detail.reload}>
      {detail.data && <Editor key={`${detail.data.id}:${detail.data.version}`} c={detail.data} reload={detail.reload} />}
    </PageState>
  );
}

const criterionOptions = () => {
  const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  for (const c of criteriaItems) {
    const key = `${c.docNo} ${c.scope ?? ""}`;
    const g = groups.get(key) ?? { label: `${c.standard}${c.scope ? `（${c.scope}）` : ""}`, options: [] };
    g.options.push({ value: c.id, label: `${c.ref} ${c.text}` });
    groups.set(key, g);
  }
  return [...groups.values()];
};

function Editor({ c, reload }: { c: ChecklistDetail; reload: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const category = useCategoryLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [criteria] = useState(criterionOptions);

  if (!c.mayEdit) return <Alert type="warning" showIcon title={t("checklists.builtinReadonly")} />;

  // The whole store, not only the rendered fields: section ids and sub-types have no input but must be kept.
  const save = async () => {
    const v = form.getFieldsValue(true) as Values;
    setSaving(true);
    setError(undefined);
    try {
      await checklistsApi.update(c.id, {
        version: c.version,
        name: text(v.name),
        category: (v.category as never) ?? null,
        draft: toDraft(v),
      });
      message.success(t("checklists.saved"));
      navigate(`/checklists/${c.id}`);
    } catch (err) {
      const e = toApiError(err);
      if (e.code === "conflict.stale_version") {
        message.error(e.message);
        reload();
      } else if (e.fields.length) {
        form.setFields(e.fields.map((f) => ({ name: namePathOf(f.path) as never, errors: [f.message] })));
        setError(e);
      } else setError(e);
    } finally {
      setSaving(false);
    }
  };

  /** Picking a criterion cites its standard, number, version and article. */
  const citeCriterion = (si: number, ii: number, criterionId: string) => {
    const cr = criteriaItems.find((x) => x.id === criterionId);
    if (!cr) return;
    form.setFieldValue(["draft", "sections", si, "items", ii, "clause"] as never, {
      standard: cr.standard,
      number: cr.docNo,
      version: cr.version,
      article: cr.ref.startsWith(cr.docNo) ? cr.ref.slice(cr.docNo.length).trim() : cr.ref,
    });
  };

  return (
    <>
      <PageHeader
        title={t("checklists.editTitle", { name: c.name })}
        extra={
          <>
            <Link to={`/checklists/${c.id}`}>
              <Button icon={<ArrowLeftOutlined />}>{t("checklists.back")}</Button>
            </Link>
            <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => form.submit()} id="checklist-save">
              {t("common.save")}
            </Button>
          </>
        }
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={t("checklists.saveFailed")}
          description={error.fields.length ? error.fields.map((f) => `${f.path}: ${f.message}`).join("；") : error.message}
          style={{ marginBottom: 16 }}
          data-testid="checklist-save-error"
        />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={toValues(c)} onFinish={save} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={t("checklists.name")}
              rules={[{ required: true, whitespace: true, message: t("checklists.nameRequired") }]}
            >
              <Input id="checklist-name" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="category" label={t("checklists.category")}>
              <Select
                id="checklist-category"
                allowClear
                placeholder={t("checklists.categoryAny")}
                options={enterpriseCategories.map((x) => ({ value: x, label: category(x) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name={["draft", "sections"]}>
          {(sections, sectionOps) => (
            <Flex vertical gap={16}>
              {sections.map((section, si) => (
                <Card
                  key={section.key}
                  size="small"
                  data-testid={`edit-section-${si}`}
                  title={
                    <Form.Item
                      name={[section.name, "title"]}
                      rules={[{ required: true, whitespace: true, message: t("checklists.required") }]}
                      style={{ margin: "8px 0" }}
                    >
                      <Input id={`section-${si}-title`} prefix={`${si + 1}.`} placeholder={t("checklists.sectionTitle")} maxLength={200} />
                    </Form.Item>
                  }
                  extra={
                    sections.length > 1 && (
                      <Button danger type="text" icon={<DeleteOutlined />} onClick={() => sectionOps.remove(section.name)}>
                        {t("checklists.removeSection")}
                      </Button>
                    )
                  }
                >
                  <Form.List name={[section.name, "items"]}>
                    {(items, itemOps) => (
                      <Flex vertical gap={12}>
                        {items.map((item, ii) => (
                          <ItemFields
                            key={item.key}
                            name={item.name}
                            path={["draft", "sections", si, "items", ii]}
                            label={`${si + 1}.${ii + 1}`}
                            testId={`edit-item-${si}-${ii}`}
                            criteria={criteria}
                            onCriterion={(id) => citeCriterion(si, ii, id)}
                            onRemove={items.length > 1 ? () => itemOps.remove(item.name) : undefined}
                          />
                        ))}
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => itemOps.add(blankItem(t("checklists.newItem")))}>
                          {t("checklists.addItem")}
                        </Button>
                      </Flex>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() =>
                  sectionOps.add({ id: newId("s"), title: t("checklists.newSection"), items: [blankItem(t("checklists.newItem"))] })
                }
              >
                {t("checklists.addSection")}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </>
  );
}

type ItemFieldsProps = {
  name: number;
  path: (string | number)[];
  label: string;
  testId: string;
  criteria: ReturnType<typeof criterionOptions>;
  onCriterion: (id: string) => void;
  onRemove?: () => void;
};

function ItemFields({ name, path, label, testId, criteria, onCriterion, onRemove }: ItemFieldsProps) {
  const t = useT();
  const form = Form.useFormInstance<Values>();
  const type = Form.useWatch([...path, "type"], form) as ChecklistItemType | undefined;
  const onFail = Form.useWatch([...path, "onFail"], form) as ChecklistFailMeaning | undefined;
  return (
    <Card size="small" type="inner" data-testid={testId}>
      <Form.Item name={[name, "id"]} hidden>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Form.Item
            name={[name, "question"]}
            label={`${label} ${t("checklists.question")}`}
            rules={[{ required: true, whitespace: true, message: t("checklists.required") }]}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid={`${testId}-question`} />
          </Form.Item>
        </Col>
        <Col xs={12} lg={5}>
          <Form.Item name={[name, "type"]} label={t("checklists.type")}>
            <Select options={checklistItemTypes.map((x) => ({ value: x, label: t(`checklists.type.${x}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} lg={5}>
          <Form.Item name={[name, "onFail"]} label={t("checklists.onFail")}>
            <Select options={failMeanings.map((x) => ({ value: x, label: t(`checklists.onFail.${x}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      {type === "number" && (
        <Row gutter={12}>
          <Col xs={8} lg={4}>
            <Form.Item name={[name, "min"]} label={t("checklists.min")}>
              <InputNumber style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={8} lg={4}>
            <Form.Item name={[name, "max"]} label={t("checklists.max")}>
              <InputNumber style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={8} lg={4}>
            <Form.Item name={[name, "unit"]} label={t("checklists.unit")}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
      )}
      {onFail === "major" && (
        <Form.Item name={[name, "criterionId"]} label={t("checklists.criterion")}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("checklists.criterionPlaceholder")}
            options={criteria}
            onChange={onCriterion}
          />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col xs={24} lg={9}>
          <Form.Item name={[name, "clause", "standard"]} label={t("checklists.clauseStandard")}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} lg={5}>
          <Form.Item name={[name, "clause", "number"]} label={t("checklists.clauseNumber")}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={12} lg={4}>
          <Form.Item name={[name, "clause", "version"]} label={t("checklists.clauseVersion")}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={6}>
          <Form.Item name={[name, "clause", "article"]} label={t("checklists.clauseArticle")}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex gap={16} align="center" wrap>
          <Form.Item name={[name, "photoOnFail"]} valuePropName="checked" style={{ margin: 0 }}>
            <Checkbox>{t("checklists.photoOnFail")}</Checkbox>
          </Form.Item>
          <Form.Item name={[name, "hazardCategory"]} label={t("checklists.hazardCategory")} layout="horizontal" style={{ margin: 0 }}>
            <Select
              style={{ width: 140 }}
              options={(["basic_management", "site_management"] as const).map((x) => ({
                value: x,
                label: t(`checklists.hazardCategory.${x}`),
              }))}
            />
          </Form.Item>
        </Flex>
        {onRemove && (
          <Button danger type="text" icon={<DeleteOutlined />} onClick={onRemove}>
            {t("checklists.removeItem")}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
