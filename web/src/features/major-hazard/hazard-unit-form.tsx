import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import {
  hazardUnitKindLabels,
  hazardUnitKinds,
  responsibleRoleLabels,
  responsibleRoles,
} from "../../../../domain/major-hazard/major-hazard.dto.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { useLang, useT } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";
import { ComputationPanel } from "./computation-panel.js";
import { hazardCategoryOptions } from "./hazard-categories.js";
import { type ComputeBody, type HazardUnit, type HazardUnitCreateBody, majorHazardApi, type UnitResult } from "./major-hazard-api.js";
import { SubstanceSelect } from "./substance-select.js";

type Role = (typeof responsibleRoles)[number];
type PersonValues = { name?: string; post?: string; phone?: string };
type SubstanceValues = {
  tableRow?: number;
  /** The Table 1 name shown for a picked row. */
  tableName?: string;
  name?: string;
  cas?: string;
  categories?: string[];
  quantityTonnes?: number | null;
  liquefied?: boolean;
};
export type UnitFormValues = {
  kind: "production" | "storage";
  name: string;
  boundaryNote?: string;
  peopleExposed: number | null;
  betaRule: "max" | "governingCategory";
  lastAssessmentDate?: Dayjs | null;
  substances: SubstanceValues[];
  persons: Record<Role, PersonValues>;
};

const blankPerson: PersonValues = { name: "", post: "", phone: "" };

export function formValuesOf(unit?: HazardUnit): UnitFormValues {
  if (!unit) {
    return {
      kind: "storage",
      name: "",
      peopleExposed: 0,
      betaRule: "max",
      substances: [{ quantityTonnes: null, categories: [] }],
      persons: { principal: { ...blankPerson }, technical: { ...blankPerson }, operations: { ...blankPerson } },
    };
  }
  const person = (p: HazardUnit["responsiblePersons"][Role]): PersonValues => (p ? { ...p } : { ...blankPerson });
  return {
    kind: unit.kind,
    name: unit.name,
    boundaryNote: unit.boundaryNote ?? "",
    peopleExposed: unit.peopleExposed,
    betaRule: unit.betaRule,
    lastAssessmentDate: unit.lastAssessmentDate ? dayjs(unit.lastAssessmentDate) : null,
    substances: unit.substances.map((s) => ({
      tableRow: s.tableRow,
      tableName: s.tableRow !== undefined ? s.name : undefined,
      name: s.tableRow !== undefined ? undefined : s.name,
      cas: s.cas,
      categories: s.categories ?? [],
      quantityTonnes: s.quantityTonnes,
      liquefied: s.liquefied,
    })),
    persons: {
      principal: person(unit.responsiblePersons.principal),
      technical: person(unit.responsiblePersons.technical),
      operations: person(unit.responsiblePersons.operations),
    },
  };
}

const trimmed = (s?: string) => (s?.trim() ? s.trim() : undefined);

/** A substance as the API takes it: a Table 1 row, else a name/CAS, plus its Table 2 categories. */
function substanceOf(s: SubstanceValues): ComputeBody["units"][number]["substances"][number] | undefined {
  if (!s.quantityTonnes || s.quantityTonnes <= 0) return undefined;
  const categories = s.categories?.length ? s.categories : undefined;
  const out = {
    tableRow: s.tableRow,
    name: s.tableRow !== undefined ? s.tableName : trimmed(s.name),
    cas: s.tableRow !== undefined ? undefined : trimmed(s.cas),
    categories: categories as ComputeBody["units"][number]["substances"][number]["categories"],
    quantityTonnes: s.quantityTonnes,
    liquefied: s.liquefied || undefined,
  };
  if (out.tableRow === undefined && !out.name && !out.cas && !categories) return undefined;
  return out;
}

export function bodyOf(v: UnitFormValues): HazardUnitCreateBody {
  const person = (p: PersonValues) =>
    trimmed(p.name) || trimmed(p.post) || trimmed(p.phone)
      ? { name: p.name?.trim() ?? "", post: p.post?.trim() ?? "", phone: p.phone?.trim() ?? "" }
      : null;
  return {
    kind: v.kind,
    name: v.name.trim(),
    boundaryNote: trimmed(v.boundaryNote) ?? null,
    peopleExposed: v.peopleExposed ?? 0,
    betaRule: v.betaRule,
    lastAssessmentDate: v.lastAssessmentDate ? v.lastAssessmentDate.format("YYYY-MM-DD") : null,
    substances: v.substances.map((s) => ({
      tableRow: s.tableRow,
      name: s.tableRow !== undefined ? s.tableName : trimmed(s.name),
      cas: s.tableRow !== undefined ? undefined : trimmed(s.cas),
      categories: (s.categories?.length ? s.categories : undefined) as HazardUnitCreateBody["substances"][number]["categories"],
      quantityTonnes: s.quantityTonnes ?? 0,
      liquefied: s.liquefied || undefined,
    })),
    responsiblePersons: {
      principal: person(v.persons.principal),
      technical: person(v.persons.technical),
      operations: person(v.persons.operations),
    },
  };
}

/**
 * Server field paths (`substances.0.quantityTonnes`, `responsiblePersons.principal`) onto the form's fields.
 * Returns false when some message has no field to show it, so the caller shows the error above the form.
 */
export function applyUnitFieldErrors(form: ReturnType<typeof Form.useForm<UnitFormValues>>[0], error: ApiError): boolean {
  if (!error.fields.length) return false;
  const known = new Set(form.getFieldsError().map((f) => f.name.join(".")));
  let placed = true;
  const fields = error.fields.map((f) => {
    const parts: (string | number)[] = f.path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (parts[0] === "responsiblePersons") parts[0] = "persons";
    // A missing person (R15: required once the unit is major) is shown on that person's name.
    if (parts[0] === "persons" && parts.length === 2) parts.push("name");
    if (!known.has(parts.join("."))) placed = false;
    return { name: parts as never, errors: [f.message] };
  });
  form.setFields(fields);
  return placed;
}

type Props = {
  unit?: HazardUnit;
  readOnly?: boolean;
  submitting?: boolean;
  error?: ApiError;
  onSubmit: (values: UnitFormValues, form: ReturnType<typeof Form.useForm<UnitFormValues>>[0]) => void;
  onCancel?: () => void;
};

/**
 * A production or storage unit (R2) with its chemicals and 包保责任人; the GB 18218 identification is computed
 * live by the server as the substances and quantities change, and again on save.
 */
export function HazardUnitForm({ unit, readOnly, submitting, error, onSubmit, onCancel }: Props) {
  const t = useT();
  const [lang] = useLang();
  const [form] = Form.useForm<UnitFormValues>();
  const initial = useMemo(() => formValuesOf(unit), [unit]);
  const values = Form.useWatch([], form) as UnitFormValues | undefined;
  const categoryOptions = useMemo(() => hazardCategoryOptions(lang), [lang]);
  const live = useLiveComputation(values, unit);

  return (
    <Form<UnitFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={readOnly}
      onFinish={(v) => onSubmit(v, form)}
      name="hazard-unit"
    >
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t("mh.unitSection")} size="small" style={{ marginBottom: 16 }}>
            <Form.Item name="kind" label={t("mh.kind")} rules={[{ required: true }]}>
              <Radio.Group options={hazardUnitKinds.map((k) => ({ value: k, label: hazardUnitKindLabels[k][labelKeyOf(lang)] }))} />
            </Form.Item>
            <Form.Item
              name="name"
              label={t("mh.unitName")}
              rules={[{ required: true, whitespace: true, message: t("mh.nameRequired") }, { max: 100 }]}
            >
              <Input id="hazard-unit_name" placeholder={t("mh.namePlaceholder")} />
            </Form.Item>
            <Form.Item name="boundaryNote" label={t("mh.boundaryNote")} extra={t("mh.boundaryHelp")} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  name="peopleExposed"
                  label={t("mh.peopleExposed")}
                  extra={t("mh.peopleHelp")}
                  rules={[{ required: true, message: t("mh.peopleRequired") }]}
                >
                  <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="lastAssessmentDate" label={t("mh.lastAssessmentDate")}>
                  <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="betaRule" label={t("mh.betaRule")} extra={t("mh.betaRuleHelp")}>
              <Radio.Group
                options={[
                  { value: "max", label: t("mh.betaRule.max") },
                  { value: "governingCategory", label: t("mh.betaRule.governingCategory") },
                ]}
              />
            </Form.Item>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t("mh.personsSection")}
            size="small"
            style={{ marginBottom: 16 }}
            extra={<Typography.Text type="secondary">{t("mh.personsHelp")}</Typography.Text>}
          >
            {responsibleRoles.map((role) => (
              <PersonFields key={role} role={role} label={responsibleRoleLabels[role][labelKeyOf(lang)]} />
            ))}
          </Card>
        </Col>
      </Row>

      <Card title={t("mh.substancesSection")} size="small" style={{ marginBottom: 16 }}>
        <Form.List
          name="substances"
          rules={[{ validator: async (_, list) => (list?.length ? undefined : Promise.reject(new Error(t("mh.substancesRequired")))) }]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Row key={field.key} gutter={8} align="top" data-testid={`mh-substance-${i}`}>
                  <Col xs={24} md={7}>
                    <Form.Item noStyle shouldUpdate>
                      {() => (
                        <Form.Item name={[field.name, "tableRow"]} label={i === 0 ? t("mh.table1") : undefined}>
                          <SubstanceSelect
                            knownName={form.getFieldValue(["substances", field.name, "tableName"])}
                            onChange={(row, hit) =>
                              form.setFieldValue(["substances", field.name, "tableName"], row === undefined ? undefined : hit?.name)
                            }
                          />
                        </Form.Item>
                      )}
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={4}>
                    <Form.Item noStyle shouldUpdate>
                      {() => (
                        <Form.Item name={[field.name, "name"]} label={i === 0 ? t("mh.otherName") : undefined}>
                          <Input
                            placeholder={t("mh.otherNamePlaceholder")}
                            disabled={readOnly || form.getFieldValue(["substances", field.name, "tableRow"]) !== undefined}
                          />
                        </Form.Item>
                      )}
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[field.name, "categories"]} label={i === 0 ? t("mh.categories") : undefined}>
                      <Select
                        mode="multiple"
                        allowClear
                        options={categoryOptions}
                        optionRender={(o) => <span title={o.data.title}>{o.data.title}</span>}
                        placeholder={t("mh.categoriesPlaceholder")}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item
                      name={[field.name, "quantityTonnes"]}
                      label={i === 0 ? t("mh.quantity") : undefined}
                      rules={[{ required: true, message: t("mh.quantityRequired") }]}
                    >
                      <InputNumber min={0} max={10_000_000} style={{ width: "100%" }} placeholder="t" aria-label={t("mh.quantity")} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={2}>
                    <Form.Item name={[field.name, "liquefied"]} valuePropName="checked" label={i === 0 ? t("mh.liquefied") : undefined}>
                      <Checkbox />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2}>
                    <Form.Item label={i === 0 ? " " : undefined}>
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label={t("mh.removeSubstance")}
                        onClick={() => remove(field.name)}
                        disabled={readOnly || fields.length <= 1}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              {!readOnly && (
                <Button icon={<PlusOutlined />} onClick={() => add({ quantityTonnes: null, categories: [] })} id="mh-add-substance">
                  {t("mh.addSubstance")}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Card>

      <Card title={t("mh.computationSection")} size="small" style={{ marginBottom: 16 }}>
        <ComputationPanel result={live.result} loading={live.loading} error={live.error} />
      </Card>

      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      {!readOnly && (
        <Flex gap={8} justify="flex-end">
          {onCancel && <Button onClick={onCancel}>{t("common.cancel")}</Button>}
          <Button id="hazard-unit-submit" type="primary" htmlType="submit" loading={submitting}>
            {t("common.save")}
          </Button>
        </Flex>
      )}
    </Form>
  );
}

function PersonFields({ role, label }: { role: Role; label: string }) {
  const t = useT();
  // All three or none: a person is named, with their post and phone, or left out.
  const together = ({ getFieldValue }: { getFieldValue: (n: (string | number)[]) => unknown }) => ({
    validator: async (_: unknown, value: unknown) => {
      const p = getFieldValue(["persons", role]) as PersonValues | undefined;
      const any = !!(p?.name?.trim() || p?.post?.trim() || p?.phone?.trim());
      if (any && !(typeof value === "string" && value.trim())) throw new Error(t("mh.personIncomplete"));
    },
  });
  return (
    <>
      <Typography.Text strong>{label}</Typography.Text>
      <Row gutter={8} style={{ marginTop: 4 }}>
        <Col span={7}>
          <Form.Item
            name={["persons", role, "name"]}
            rules={[together, { max: 40 }]}
            dependencies={[
              ["persons", role, "post"],
              ["persons", role, "phone"],
            ]}
          >
            <Input placeholder={t("mh.personName")} aria-label={`${label} ${t("mh.personName")}`} />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item
            name={["persons", role, "post"]}
            rules={[together, { max: 60 }]}
            dependencies={[
              ["persons", role, "name"],
              ["persons", role, "phone"],
            ]}
          >
            <Input placeholder={t("mh.personPost")} aria-label={`${label} ${t("mh.personPost")}`} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name={["persons", role, "phone"]}
            rules={[together, { pattern: /^[0-9+\- ]{5,20}$/, message: t("mh.phoneInvalid") }]}
            dependencies={[
              ["persons", role, "name"],
              ["persons", role, "post"],
            ]}
          >
            <Input placeholder={t("mh.personPhone")} aria-label={`${label} ${t("mh.personPhone")}`} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/**
 * Computes the unit as the form changes (debounced); until the user edits, a saved unit shows its stored
 * identification. Rows without a quantity or an identification are left out of the live figure.
 */
function useLiveComputation(values: UnitFormValues | undefined, unit?: HazardUnit) {
  const [state, setState] = useState<{ result?: UnitResult; loading: boolean; error?: ApiError }>({
    result: unit?.identification.result,
    loading: false,
  });
  const key = useMemo(() => {
    if (!values?.substances) return undefined;
    const substances = values.substances.map((s) => (s ? substanceOf(s) : undefined)).filter((s) => s !== undefined);
    if (!substances.length) return null;
    const body: ComputeBody = { units: [{ substances, peopleExposed: values.peopleExposed ?? 0 }], betaRule: values.betaRule };
    return JSON.stringify(body);
  }, [values]);

  useEffect(() => {
    if (key === undefined) return;
    if (key === null) {
      setState({ loading: false });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, loading: true }));
      majorHazardApi.compute(JSON.parse(key) as ComputeBody, controller.signal).then(
        (r) => setState({ result: r.units[0], loading: false }),
        (err: unknown) => {
          if (controller.signal.aborted) return;
          // A half-typed row (e.g. a bad CAS) keeps the last figure and says why.
          setState((s) => ({ ...s, loading: false, error: toApiError(err) }));
        },
      );
    }, 350);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  return state;
}
