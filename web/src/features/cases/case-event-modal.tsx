import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Radio, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { z } from "zod";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import type { PenaltyInput } from "../../../../domain/enforcement/case.dto.js";
import {
  type CaseEventType,
  type CaseState,
  closeReasons,
  onsiteMeasureKinds,
  remedyOutcomes,
} from "../../../../domain/enforcement/case.js";
import { type PenaltyKind, partyKinds, penaltyKinds } from "../../../../domain/enforcement/procedure.js";
import { yuanToFen } from "../../../../domain/hazards/hazard.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { formatFen, useCaseLabel } from "./case-labels.js";
import { type CaseDetail, type CaseEventBody, casesApi } from "./cases-api.js";

type ItemValues = { kind?: PenaltyKind; amount?: string; legalMax?: string; belowMaximumReason?: string };
type Values = {
  on?: Dayjs;
  note?: string;
  deadline?: Dayjs;
  measures?: string[];
  suspensionUntil?: Dayjs | null;
  granted?: boolean;
  newDeadline?: Dayjs;
  accepted?: boolean;
  hearingOn?: Dayjs;
  partyAbsent?: boolean;
  passed?: boolean;
  decision?: number;
  amount?: string;
  outcome?: (typeof remedyOutcomes)[number];
  reason?: string;
  closeReason?: (typeof closeReasons)[number];
  party?: (typeof partyKinds)[number];
  partyName?: string;
  items?: ItemValues[];
  otherHeavy?: boolean;
  dailyFine?: boolean;
  factsEstablished?: boolean;
  legalBasis?: boolean;
};

const penaltyTypes: readonly CaseEventType[] = ["penalty_notice", "decision_issued", "simple_decision"];
const remedyDecided: readonly CaseEventType[] = ["reconsideration_decided", "litigation_decided"];
/** Post-decision events name their decision (default: the latest). */
const decisionTypes: readonly CaseEventType[] = [
  "served",
  "publication",
  "reconsideration_filed",
  "litigation_filed",
  "paid",
  "reconsideration_decided",
  "litigation_decided",
  "publication_withdrawn",
];
const yuanPattern = /^\d{1,12}(\.\d{1,2})?$/;
const day = (d: Dayjs) => d.format("YYYY-MM-DD");
const fenOf = (yuan?: string) => (yuan?.trim() ? (yuanToFen(yuan.trim()) ?? undefined) : undefined);
const yuanOf = (fen?: number) => (fen === undefined ? undefined : (fen / 100).toFixed(2));

type PenaltyBody = z.input<typeof PenaltyInput>;

function penaltyOf(v: Values): PenaltyBody {
  return {
    party: v.party ?? "unit",
    ...(v.party === "person" && v.partyName?.trim() ? { partyName: v.partyName.trim() } : {}),
    items: (v.items ?? []).map((i) => ({
      kind: i.kind ?? "fine",
      ...(fenOf(i.amount) === undefined ? {} : { amountFen: fenOf(i.amount) }),
      ...(fenOf(i.legalMax) === undefined ? {} : { legalMaxFen: fenOf(i.legalMax) }),
      ...(i.belowMaximumReason?.trim() ? { belowMaximumReason: i.belowMaximumReason.trim() } : {}),
    })),
    ...(v.otherHeavy ? { otherHeavy: true } : {}),
  };
}

/**
 * The request body: the version the user saw, the legal day, the note and this type's payload. The party sends
 * neither day nor note: its submission is dated the day it arrives and the note is the department's (server: 400).
 */
function bodyOf(type: CaseEventType, version: number, v: Values, asParty: boolean): CaseEventBody {
  const base = asParty ? { version } : { version, on: v.on ? day(v.on) : undefined, note: v.note?.trim() || null };
  const ref = v.decision === undefined ? {} : { decision: v.decision };
  switch (type) {
    case "order_issued":
      return { type, ...base, deadline: v.deadline ? day(v.deadline) : "" };
    case "onsite_measures":
      return {
        type,
        ...base,
        measures: (v.measures ?? []) as (typeof onsiteMeasureKinds)[number][],
        ...(v.suspensionUntil ? { suspensionUntil: day(v.suspensionUntil) } : {}),
      };
    case "extension_decided":
      return { type, ...base, granted: !!v.granted, ...(v.granted && v.newDeadline ? { newDeadline: day(v.newDeadline) } : {}) };
    case "resumption_reviewed":
      return { type, ...base, accepted: !!v.accepted };
    case "penalty_notice":
      return { type, ...base, penalty: penaltyOf(v), ...(v.dailyFine ? { dailyFine: true } : {}) };
    case "decision_issued":
      return { type, ...base, penalty: penaltyOf(v) };
    case "simple_decision":
      return { type, ...base, penalty: penaltyOf(v), factsEstablished: !!v.factsEstablished, legalBasis: !!v.legalBasis };
    case "hearing_notice":
      return { type, ...base, hearingOn: v.hearingOn ? day(v.hearingOn) : "" };
    case "hearing_held":
      return { type, ...base, ...(v.partyAbsent ? { partyAbsent: true } : {}) };
    case "legal_review":
      return { type, ...base, passed: !!v.passed };
    case "paid":
      return { type, ...base, ...ref, amountFen: fenOf(v.amount) ?? 0 };
    case "reconsideration_decided":
      return { type, ...base, ...ref, outcome: v.outcome ?? "upheld", ...(v.outcome === "changed" ? { penalty: penaltyOf(v) } : {}) };
    case "litigation_decided":
      return { type, ...base, ...ref, outcome: v.outcome ?? "upheld", ...(v.outcome === "changed" ? { penalty: penaltyOf(v) } : {}) };
    case "publication_withdrawn":
      return { type, ...base, ...ref, reason: v.reason ?? "" };
    case "served":
    case "publication":
    case "reconsideration_filed":
    case "litigation_filed":
      return { type, ...base, ...ref };
    case "closed":
      return { type, ...base, reason: v.closeReason ?? "completed" };
    case "opened":
      throw new Error("a case is opened through POST /api/cases");
    default:
      return { type, ...base };
  }
}

/** Server field paths onto this form's fields (the rest show above the form). */
const fieldOf: Record<string, keyof Values> = {
  on: "on",
  note: "note",
  deadline: "deadline",
  measures: "measures",
  suspensionUntil: "suspensionUntil",
  newDeadline: "newDeadline",
  hearingOn: "hearingOn",
  amountFen: "amount",
  reason: "reason",
};

/** The penalty's party and items (kind, amount in yuan, legal maximum and a reason below it), 其他较重 flag. */
function PenaltyFields({ illegalProduction }: { illegalProduction: boolean }) {
  const t = useT();
  const label = useCaseLabel();
  const party = Form.useWatch("party");
  const amountRule = { pattern: yuanPattern, message: t("cases.amountInvalid") };
  return (
    <>
      <Form.Item name="party" label={t("cases.party")} rules={[{ required: true, message: t("cases.required") }]}>
        <Radio.Group optionType="button" options={partyKinds.map((p) => ({ value: p, label: t(`cases.words.party.${p}`) }))} />
      </Form.Item>
      {party === "person" && (
        // enforcement.md R9: a person's name is published masked, but the decision names the party.
        <Form.Item
          name="partyName"
          label={t("cases.partyName")}
          rules={[{ required: true, whitespace: true, message: t("cases.required") }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Typography.Text strong>{t("cases.penaltyItems")}</Typography.Text>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4} style={{ marginTop: 8, marginBottom: 12 }}>
            {fields.map((f, n) => (
              <Flex key={f.key} gap={8} wrap align="start" data-testid={`penalty-item-${n}`}>
                <Form.Item name={[f.name, "kind"]} rules={[{ required: true, message: t("cases.required") }]} style={{ width: 180 }}>
                  <Select
                    placeholder={t("cases.penaltyKind")}
                    options={penaltyKinds.map((k) => ({ value: k, label: label("penaltyKind", k) }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, "amount"]} rules={[amountRule]} style={{ width: 140 }}>
                  <Input placeholder={t("cases.amount")} inputMode="decimal" />
                </Form.Item>
                {illegalProduction && (
                  <>
                    <Form.Item name={[f.name, "legalMax"]} rules={[amountRule]} style={{ width: 140 }}>
                      <Input placeholder={t("cases.legalMax")} inputMode="decimal" />
                    </Form.Item>
                    <Form.Item name={[f.name, "belowMaximumReason"]} style={{ width: 220 }}>
                      <Input placeholder={t("cases.belowMaxReason")} />
                    </Form.Item>
                  </>
                )}
                {fields.length > 1 && (
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t("cases.removeViolation")}
                    onClick={() => remove(f.name)}
                  />
                )}
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: "fine" })} style={{ alignSelf: "flex-start" }}>
              {t("cases.addItem")}
            </Button>
          </Flex>
        )}
      </Form.List>
      <Form.Item name="otherHeavy" valuePropName="checked">
        <Checkbox>{t("cases.otherHeavy")}</Checkbox>
      </Form.Item>
    </>
  );
}

/**
 * One step of a case as a modal form: the legal day (default today), the type's own fields (deadline pickers,
 * measures, penalty items in yuan → fen, outcome, reason) and an internal note. A refusal (409) shows the
 * server's message; a stale version reloads the case. `asParty`: the enterprise submits one of its own acts —
 * only the act's fields (e.g. the amount paid), dated today, no internal note.
 */
export function CaseEventModal({
  detail,
  type,
  asParty = false,
  onClose,
  onDone,
  onStale,
}: {
  detail: CaseDetail;
  type: CaseEventType;
  asParty?: boolean;
  onClose: () => void;
  onDone: (next: CaseDetail) => void;
  onStale: () => void;
}) {
  const t = useT();
  const label = useCaseLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const state = detail.state as unknown as CaseState;
  const today = shanghaiDay(new Date());
  const lastOn = detail.events.at(-1)?.on ?? today;
  const decisions = state.decisions ?? [];
  const outcome = Form.useWatch("outcome", form);
  const granted = Form.useWatch("granted", form);
  const dailyFine = Form.useWatch("dailyFine", form);
  const required = { required: true, message: t("cases.required") };
  const after = (d: Dayjs, than: string) => day(d) <= than;
  const title = asParty ? t(`cases.partyAct.${type}` as MessageKey) : label("event", type);

  // A decision starts from what was announced (行政处罚法 Art. 45 ¶2: never heavier than the notice).
  const notice = state.rounds?.at(-1)?.notice?.penalty;
  const initialPenalty = type === "decision_issued" && notice ? notice : null;
  const initialValues: Values = {
    on: dayjs(today),
    party: initialPenalty?.party ?? "unit",
    partyName: initialPenalty?.partyName,
    items: initialPenalty
      ? initialPenalty.items.map((i) => ({
          kind: i.kind,
          amount: yuanOf(i.amountFen),
          legalMax: yuanOf(i.legalMaxFen),
          belowMaximumReason: i.belowMaximumReason,
        }))
      : [{ kind: "fine" }],
    otherHeavy: initialPenalty?.otherHeavy ?? false,
    granted: true,
    accepted: true,
    passed: true,
    factsEstablished: true,
    legalBasis: true,
    outcome: "upheld",
    closeReason: "completed",
    decision: decisions.at(-1)?.index,
  };

  const onFinish = async (v: Values) => {
    setSaving(true);
    setError(undefined);
    try {
      const next = await casesApi.append(detail.id, bodyOf(type, detail.version, v, asParty));
      message.success(asParty ? t("cases.partySubmitted", { act: title }) : t("cases.recorded", { event: label("event", type) }));
      onDone(next);
    } catch (err) {
      setSaving(false);
      const e = toApiError(err);
      if (e.code === "conflict.stale_version") {
        message.warning(`${e.message} ${t("cases.stale")}`);
        onStale();
        return;
      }
      const known = e.fields.filter((f) => fieldOf[f.path]);
      if (known.length > 0) form.setFields(known.map((f) => ({ name: fieldOf[f.path] as keyof Values, errors: [f.message] })));
      if (known.length < e.fields.length || e.fields.length === 0) setError(e);
    }
  };

  const showPenalty = penaltyTypes.includes(type) || (remedyDecided.includes(type) && outcome === "changed");
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={asParty ? t("cases.partySubmit") : t("cases.confirm")}
      okButtonProps={{ id: "case-event-ok", loading: saving }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={showPenalty ? 760 : 520}
    >
      <Form<Values> form={form} name="case-event" layout="vertical" onFinish={onFinish} initialValues={initialValues}>
        {asParty ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="case-party-hint"
            title={t("cases.partyHint", { day: today })}
          />
        ) : (
          <Form.Item name="on" label={t("cases.on")} rules={[required]}>
            {/* Not after today, not before the last event (domain applyEvent). */}
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => day(d) > today || day(d) < lastOn} />
          </Form.Item>
        )}
        {type === "order_issued" && (
          <Form.Item name="deadline" label={t("cases.deadline")} rules={[required]}>
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => after(d, today)} />
          </Form.Item>
        )}
        {type === "onsite_measures" && (
          <>
            <Form.Item name="measures" label={t("cases.measures")} rules={[required]}>
              <Checkbox.Group options={onsiteMeasureKinds.map((m) => ({ value: m, label: label("measure", m) }))} />
            </Form.Item>
            <Form.Item name="suspensionUntil" label={t("cases.suspensionUntil")}>
              <DatePicker style={{ width: "100%" }} disabledDate={(d) => after(d, today)} />
            </Form.Item>
          </>
        )}
        {type === "extension_decided" && (
          <>
            <Form.Item name="granted" valuePropName="checked">
              <Checkbox>{t("cases.granted")}</Checkbox>
            </Form.Item>
            {granted && (
              <Form.Item name="newDeadline" label={t("cases.newDeadline")} rules={[required]}>
                <DatePicker style={{ width: "100%" }} disabledDate={(d) => after(d, today)} />
              </Form.Item>
            )}
          </>
        )}
        {type === "resumption_reviewed" && (
          <Form.Item name="accepted" valuePropName="checked">
            <Checkbox>{t("cases.accepted")}</Checkbox>
          </Form.Item>
        )}
        {type === "hearing_notice" && (
          <Form.Item name="hearingOn" label={t("cases.hearingOn")} rules={[required]}>
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => after(d, today)} />
          </Form.Item>
        )}
        {type === "hearing_held" && (
          <Form.Item name="partyAbsent" valuePropName="checked">
            <Checkbox>{t("cases.partyAbsent")}</Checkbox>
          </Form.Item>
        )}
        {type === "legal_review" && (
          <Form.Item name="passed" valuePropName="checked">
            <Checkbox>{t("cases.passed")}</Checkbox>
          </Form.Item>
        )}
        {decisionTypes.includes(type) && decisions.length > 1 && (
          <Form.Item name="decision" label={t("cases.decisionRef")}>
            <Select options={decisions.map((d, n) => ({ value: d.index, label: t("cases.decisionOption", { n: n + 1, day: d.on }) }))} />
          </Form.Item>
        )}
        {type === "paid" && (
          <Form.Item
            name="amount"
            label={t("cases.amount")}
            rules={[required, { pattern: yuanPattern, message: t("cases.amountInvalid") }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        )}
        {remedyDecided.includes(type) && (
          <Form.Item name="outcome" label={t("cases.outcomeLabel")} rules={[required]}>
            <Radio.Group optionType="button" options={remedyOutcomes.map((o) => ({ value: o, label: label("outcome", o) }))} />
          </Form.Item>
        )}
        {type === "penalty_notice" && detail.dailyFines.eligible && (
          <>
            <Form.Item name="dailyFine" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox
                onChange={(e) => {
                  // R4: one fine, the amount computed from the events.
                  if (e.target.checked) form.setFieldsValue({ items: [{ kind: "fine", amount: yuanOf(detail.dailyFines.totalFen) }] });
                }}
              >
                {t("cases.dailyFine")}
              </Checkbox>
            </Form.Item>
            {dailyFine && (
              <Typography.Paragraph type="secondary">
                {t("cases.dailyFineHint", { days: detail.dailyFines.days, amount: formatFen(detail.dailyFines.totalFen) })}
              </Typography.Paragraph>
            )}
          </>
        )}
        {showPenalty && (
          <>
            {remedyDecided.includes(type) && <Typography.Text type="secondary">{t("cases.changedPenalty")}</Typography.Text>}
            <PenaltyFields illegalProduction={detail.illegalProduction} />
          </>
        )}
        {type === "simple_decision" && (
          <Flex gap={16}>
            <Form.Item name="factsEstablished" valuePropName="checked">
              <Checkbox>{t("cases.factsEstablished")}</Checkbox>
            </Form.Item>
            <Form.Item name="legalBasis" valuePropName="checked">
              <Checkbox>{t("cases.legalBasis")}</Checkbox>
            </Form.Item>
          </Flex>
        )}
        {type === "publication_withdrawn" && (
          <Form.Item name="reason" label={t("cases.reason")} rules={[{ ...required, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
        {type === "closed" && (
          <Form.Item name="closeReason" label={t("cases.closeReason")} rules={[required]}>
            <Select options={closeReasons.map((r) => ({ value: r, label: label("closeReason", r) }))} />
          </Form.Item>
        )}
        {!asParty && (
          <Form.Item name="note" label={t("cases.note")} extra={t("cases.internalNoteHint")}>
            <Input.TextArea autoSize={{ minRows: 1 }} maxLength={2000} />
          </Form.Item>
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            data-testid="case-event-error"
            title={error.message}
            description={error.fields.length ? error.fields.map((f) => `${f.path}: ${f.message}`).join("；") : undefined}
          />
        )}
      </Form>
    </Modal>
  );
}
