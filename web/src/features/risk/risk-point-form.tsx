import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Switch, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  type AccidentType,
  accidentTypes,
  type MeasureType,
  measureTypeLabels,
  measureTypes,
} from "../../../../domain/risk/accident-types.js";
import { type ControlLayer, controlLayerLabels, controlLayers } from "../../../../domain/risk/levels.js";
import { type ResponsiblePersons, riskPointKindLabels, riskPointKinds } from "../../../../domain/risk/risk.dto.js";
import type { ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import { applyPathErrors } from "./form-paths.js";
import { type RiskPoint, type RiskPointCreate, riskApi } from "./risk-api.js";
import { useAccidentTypeLabel, useLabel } from "./risk-labels.js";

type RiskPointKind = (typeof riskPointKinds)[number];
type PersonValues = { name?: string; phone?: string };
type MeasureValues = { id?: string; type?: MeasureType; description?: string; layer?: ControlLayer };
type EventValues = { id?: string; description?: string; accidentType?: AccidentType; consequence?: string; measures?: MeasureValues[] };
type Values = {
  name?: string;
  kind?: RiskPointKind;
  location?: string | null;
  notes?: string | null;
  majorHazardSource?: boolean;
  responsible?: Partial<Record<ControlLayer, PersonValues>>;
  events?: EventValues[];
};
type Body = Omit<RiskPointCreate, "position">;

const phonePattern = /^[0-9+\- ]{5,20}$/;
const text = (s: string | null | undefined) => s?.trim() ?? "";

/** The request body for the form's values: text trimmed, empties as null, a layer's person only when named. */
function bodyOf(v: Values): Body {
  const responsible: ResponsiblePersons = {};
  for (const layer of controlLayers) {
    const p = v.responsible?.[layer];
    if (text(p?.name) || text(p?.phone)) responsible[layer] = { name: text(p?.name), phone: text(p?.phone) };
  }
  return {
    name: text(v.name),
    kind: v.kind as RiskPointKind,
    location: text(v.location) || null,
    notes: text(v.notes) || null,
    majorHazardSource: v.majorHazardSource ?? false,
    responsible,
    events: (v.events ?? []).map((e) => ({
      // Ids keep an event's and a measure's identity across edits (check tasks refer to measures).
      ...(e.id ? { id: e.id } : {}),
      description: text(e.description),
      accidentType: e.accidentType as AccidentType,
      consequence: text(e.consequence),
      measures: (e.measures ?? []).map((m) => ({
        ...(m.id ? { id: m.id } : {}),
        type: m.type as MeasureType,
        description: text(m.description),
        layer: m.layer as ControlLayer,
      })),
    })),
  };
}

function valuesOf(p: RiskPoint): Values {
  return {
    name: p.name,
    kind: p.kind,
    location: p.location,
    notes: p.notes,
    majorHazardSource: p.majorHazardSource,
    responsible: p.responsible,
    events: p.events.map((e) => ({ ...e, measures: e.measures.map((m) => ({ ...m })) })),
  };
}

/** /enterprises/:id/risk/new: adds a risk point to the enterprise's register. */
export function RiskPointCreatePage() {
  const t = useT();
  const { id = "" } = useParams();
  return (
    <>
      <PageHeader title={t("risk.createTitle")} />
      <RiskPointForm enterpriseId={id} />
    </>
  );
}

/** /risk-points/:id/edit: loads the point, then edits it under its version. */
export function RiskPointEditPage() {
  const t = useT();
  const { id = "" } = useParams();
  const detail = useApi((signal) => riskApi.get(id, signal), [id]);
  const point = detail.data?.id === id ? detail.data : undefined;
  return (
    <>
      <PageHeader title={point ? t("risk.editTitle", { name: point.name }) : t("risk.editPoint")} />
      <PageState loading={!point} error={detail.error} onRetry={detail.reload}>
        {/* A new version (after a reload) starts the form again from the record. */}
        {point && <RiskPointForm key={point.version} enterpriseId={point.enterpriseId} point={point} onReload={detail.reload} />}
      </PageState>
    </>
  );
}

type RiskPointFormProps = { enterpriseId: string; point?: RiskPoint; onReload?: () => void };

function RiskPointForm({ enterpriseId, point, onReload }: RiskPointFormProps) {
  const t = useT();
  const label = useLabel();
  const accidentLabel = useAccidentTypeLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [stale, setStale] = useState<string>();
  const backTo = point ? `/risk-points/${point.id}` : `/enterprises/${enterpriseId}/risk`;

  const onFinish = async (v: Values) => {
    setError(undefined);
    const body = bodyOf(v);
    let changes: Partial<Body> = body;
    if (point) {
      // Only what changed goes to the server, with the version the form was read at.
      const original = bodyOf(valuesOf(point));
      changes = Object.fromEntries(
        (Object.keys(body) as (keyof Body)[])
          .filter((k) => JSON.stringify(body[k]) !== JSON.stringify(original[k]))
          .map((k) => [k, body[k]]),
      );
      if (Object.keys(changes).length === 0) {
        message.info(t("risk.unchanged"));
        return;
      }
    }
    setSubmitting(true);
    try {
      const saved = point
        ? await riskApi.update(point.id, { ...changes, version: point.version })
        : await riskApi.create(enterpriseId, body);
      message.success(point ? t("risk.saved") : t("risk.created"));
      navigate(`/risk-points/${saved.id}`);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, {
        form,
        // Every field may be nested (events.0.measures.1.layer): applyPathErrors places them all.
        fieldNames: [],
        notify: (m) => setStale(m),
        onStale: () => {},
        onOther: (e) => {
          if (!applyPathErrors(form, e)) setError(e);
        },
      });
    }
  };

  const required = (msg: string) => ({ required: true, whitespace: true, message: msg });
  // A person is recorded with both name and phone, or not at all.
  const personRule = (layer: ControlLayer, other: "name" | "phone") => ({
    validator: (_: unknown, value: string | undefined) => {
      const counterpart = text(form.getFieldValue(["responsible", layer, other]));
      if (counterpart && !text(value))
        return Promise.reject(new Error(other === "name" ? t("risk.phoneRequired") : t("risk.personNameRequired")));
      return Promise.resolve();
    },
  });

  return (
    <Form<Values>
      form={form}
      name="risk-point"
      layout="vertical"
      onFinish={onFinish}
      disabled={submitting}
      scrollToFirstError={{ block: "center" }}
      initialValues={point ? valuesOf(point) : { kind: "area", majorHazardSource: false, events: [] }}
    >
      <Flex vertical gap={16}>
        {stale && (
          <Alert
            type="warning"
            showIcon
            title={stale}
            description={t("risk.staleHint")}
            action={
              <Button size="small" onClick={onReload} disabled={false}>
                {t("risk.reloadRecord")}
              </Button>
            }
          />
        )}
        {error && <Alert type="error" showIcon title={error.message} />}
        <Card title={t("risk.groupBasic")} size="small">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={t("risk.pointName")}
                rules={[required(t("risk.nameRequired")), { max: 100, message: t("risk.tooLong", { max: 100 }) }]}
              >
                <Input maxLength={100} autoComplete="off" placeholder={t("risk.namePlaceholder")} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t("risk.kind")} rules={[{ required: true, message: t("risk.kindRequired") }]}>
                <Select options={riskPointKinds.map((k) => ({ value: k, label: label(riskPointKindLabels[k]) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="location" label={t("risk.location")} rules={[{ max: 200, message: t("risk.tooLong", { max: 200 }) }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="majorHazardSource"
                label={t("risk.majorHazardSource")}
                valuePropName="checked"
                extra={t("risk.majorHazardSourceHelp")}
              >
                <Switch id="risk-point-mhs" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="notes" label={t("risk.notes")} rules={[{ max: 2000, message: t("risk.tooLong", { max: 2000 }) }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card
          title={t("risk.groupResponsible")}
          size="small"
          extra={<Typography.Text type="secondary">{t("risk.responsibleHelp")}</Typography.Text>}
        >
          <Row gutter={16}>
            {controlLayers.map((layer) => (
              <Col key={layer} xs={24} md={12}>
                <Typography.Text strong>{label(controlLayerLabels[layer])}</Typography.Text>
                <Row gutter={8}>
                  <Col span={12}>
                    <Form.Item
                      name={["responsible", layer, "name"]}
                      label={t("risk.personName")}
                      dependencies={[["responsible", layer, "phone"]]}
                      rules={[personRule(layer, "phone"), { max: 40, message: t("risk.tooLong", { max: 40 }) }]}
                    >
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name={["responsible", layer, "phone"]}
                      label={t("risk.personPhone")}
                      dependencies={[["responsible", layer, "name"]]}
                      rules={[personRule(layer, "name"), { pattern: phonePattern, message: t("risk.phoneInvalid") }]}
                    >
                      <Input type="tel" maxLength={20} />
                    </Form.Item>
                  </Col>
                </Row>
              </Col>
            ))}
          </Row>
        </Card>

        <Card title={t("risk.groupEvents")} size="small" extra={<Typography.Text type="secondary">{t("risk.eventsHelp")}</Typography.Text>}>
          <Form.List name="events">
            {(events, { add, remove }) => (
              <Flex vertical gap={12}>
                {events.map((event, i) => (
                  <Card
                    key={event.key}
                    size="small"
                    type="inner"
                    title={t("risk.eventN", { n: i + 1 })}
                    extra={
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(event.name)}
                        aria-label={t("risk.removeEvent")}
                      >
                        {t("risk.removeEvent")}
                      </Button>
                    }
                  >
                    <Form.Item name={[event.name, "id"]} hidden>
                      <Input />
                    </Form.Item>
                    <Row gutter={16}>
                      <Col xs={24} md={12}>
                        <Form.Item
                          name={[event.name, "description"]}
                          label={t("risk.eventDescription")}
                          rules={[required(t("risk.eventDescriptionRequired")), { max: 500, message: t("risk.tooLong", { max: 500 }) }]}
                        >
                          <Input.TextArea rows={2} maxLength={500} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item
                          name={[event.name, "accidentType"]}
                          label={t("risk.accidentType")}
                          rules={[{ required: true, message: t("risk.accidentTypeRequired") }]}
                        >
                          <Select
                            showSearch={{ optionFilterProp: "label" }}
                            placeholder={t("risk.accidentTypePlaceholder")}
                            options={accidentTypes.map((a) => ({ value: a, label: accidentLabel(a) }))}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[event.name, "consequence"]}
                          label={t("risk.consequence")}
                          rules={[required(t("risk.consequenceRequired")), { max: 500, message: t("risk.tooLong", { max: 500 }) }]}
                        >
                          <Input maxLength={500} />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Typography.Text strong>{t("risk.measures")}</Typography.Text>
                    <Form.List name={[event.name, "measures"]}>
                      {(measures, m) => (
                        <Flex vertical gap={4} style={{ marginTop: 8 }}>
                          {measures.map((measure) => (
                            <Row key={measure.key} gutter={8} align="top">
                              <Form.Item name={[measure.name, "id"]} hidden>
                                <Input />
                              </Form.Item>
                              <Col xs={24} md={5}>
                                <Form.Item
                                  name={[measure.name, "type"]}
                                  rules={[{ required: true, message: t("risk.measureTypeRequired") }]}
                                >
                                  <Select
                                    placeholder={t("risk.measureType")}
                                    options={measureTypes.map((mt) => ({ value: mt, label: label(measureTypeLabels[mt]) }))}
                                  />
                                </Form.Item>
                              </Col>
                              <Col xs={24} md={12}>
                                <Form.Item
                                  name={[measure.name, "description"]}
                                  rules={[
                                    required(t("risk.measureDescriptionRequired")),
                                    { max: 500, message: t("risk.tooLong", { max: 500 }) },
                                  ]}
                                >
                                  <Input maxLength={500} placeholder={t("risk.measureDescription")} />
                                </Form.Item>
                              </Col>
                              <Col xs={20} md={6}>
                                <Form.Item
                                  name={[measure.name, "layer"]}
                                  rules={[{ required: true, message: t("risk.measureLayerRequired") }]}
                                >
                                  <Select
                                    placeholder={t("risk.measureLayer")}
                                    options={controlLayers.map((l) => ({ value: l, label: label(controlLayerLabels[l]) }))}
                                  />
                                </Form.Item>
                              </Col>
                              <Col xs={4} md={1}>
                                <Button
                                  type="text"
                                  danger
                                  icon={<DeleteOutlined />}
                                  aria-label={t("risk.removeMeasure")}
                                  onClick={() => m.remove(measure.name)}
                                />
                              </Col>
                            </Row>
                          ))}
                          <Button
                            type="dashed"
                            icon={<PlusOutlined />}
                            onClick={() => m.add({ type: "engineering", layer: "workshop" })}
                            style={{ alignSelf: "flex-start" }}
                          >
                            {t("risk.addMeasure")}
                          </Button>
                        </Flex>
                      )}
                    </Form.List>
                  </Card>
                ))}
                <Button id="risk-event-add" type="dashed" icon={<PlusOutlined />} onClick={() => add({ measures: [] })}>
                  {t("risk.addEvent")}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>

        <Flex gap={8}>
          <Button id="risk-point-submit" type="primary" htmlType="submit" loading={submitting}>
            {point ? t("common.save") : t("risk.createSubmit")}
          </Button>
          <Link to={backTo}>
            <Button disabled={false}>{t("common.cancel")}</Button>
          </Link>
        </Flex>
      </Flex>
    </Form>
  );
}
