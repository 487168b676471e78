import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Modal, Radio, Select, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { roleHas } from "../../../../domain/access/permissions.js";
import type { SessionUser } from "../../../../domain/auth/auth.dto.js";
import { shanghaiDay } from "../../../../domain/common/calendar.js";
import { suspensionKinds } from "../../../../domain/hazards/hazard.js";
import {
  actsForListing,
  daysLeft,
  defaultListingLevel,
  evaluatorKinds,
  listableLevels,
  type SupervisionLevel,
  supersedesListing,
} from "../../../../domain/hazards/supervision.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { useHazardLabel } from "./hazard-labels.js";
import { isOpen } from "./hazard-rules.js";
import type { HazardDetail } from "./hazards-api.js";
import { type Supervision, supervisionApi } from "./supervision-api.js";
import { useHazardStep } from "./use-hazard-step.js";

type Actor = Pick<SessionUser, "role" | "regionCode" | "enterpriseId">;
type SupervisionAction = "list" | "completion" | "resumption" | "decide" | "delist" | "reject" | "lift";

export const activeListing = (h: HazardDetail): Supervision | undefined => h.supervisions.find((s) => s.status !== "delisted");

// The server's rules (server/modules/hazards/hazards.supervision.ts), used only to choose which buttons to show.
export function supervisionActionsFor(me: Actor, h: HazardDetail): SupervisionAction[] {
  const s = activeListing(h);
  const inRegion = me.role === "admin" || (!!me.regionCode && h.regionCode.startsWith(me.regionCode));
  const rectifier = me.role === "admin" || (roleHas(me.role, "hazards.rectify") && me.enterpriseId === h.enterpriseId);
  if (!s) return h.level === "major" && isOpen(h) && inRegion && listableLevels(me).length ? ["list"] : [];
  const regulator = actsForListing(me, s.level, h.regionCode);
  const out: SupervisionAction[] = [];
  if (h.state === "voided") return regulator ? ["lift"] : [];
  // R12: a regulator takes the automatic listing over at its level, or raises any listing to a higher one.
  if (isOpen(h) && inRegion && listableLevels(me).some((l) => supersedesListing(s, l))) out.push("list");
  if (rectifier && s.status === "listed" && h.state === "awaiting_acceptance") out.push("completion");
  const pending = !!s.resumptionAppliedOn && !s.resumptionDecision;
  if (rectifier && s.suspension !== "none" && s.status === "completion_reported" && s.resumptionDecision !== "approved" && !pending)
    out.push("resumption");
  if (regulator && pending) out.push("decide");
  const resumed = s.suspension === "none" || s.resumptionDecision === "approved";
  if (regulator && s.status === "completion_reported" && resumed && h.state === "awaiting_acceptance") out.push("delist");
  // The automatic listing: the hazard's own acceptance and rejection apply (hazard-detail-page).
  if (regulator && h.state === "awaiting_acceptance" && !s.automatic) out.push("reject");
  return out;
}

/** Days to the supervision deadline as a tag: red once past, orange within 3 days. */
export function SupervisionCountdown({ deadline, today }: { deadline: string; today: string }) {
  const t = useT();
  const days = daysLeft(deadline, today);
  const text =
    days < 0 ? t("supervision.daysOverdue", { days: -days }) : days === 0 ? t("supervision.dueToday") : t("supervision.daysLeft", { days });
  return (
    <Tag color={days < 0 ? "red" : days <= 3 ? "orange" : "blue"} data-testid="supervision-countdown" data-days={days}>
      {text}
    </Tag>
  );
}

export function SupervisionLevelTag({ level }: { level: SupervisionLevel }) {
  const t = useT();
  return (
    <Tag color={level === "county" ? "gold" : level === "city" ? "volcano" : "magenta"}>
      {t(`supervision.level.${level}` as MessageKey)}
    </Tag>
  );
}

/**
 * 挂牌督办 on the hazard page: the active listing (level, supervising body, deadline with countdown,
 * requirements, suspension, completion report, resumption status), earlier listings, and the steps open to
 * this user as forms (R8–R10).
 */
export function SupervisionCard({
  hazard,
  onDone,
  onStale,
}: {
  hazard: HazardDetail;
  onDone: (next: HazardDetail) => void;
  onStale: () => void;
}) {
  const t = useT();
  const me = useCurrentUser();
  const [action, setAction] = useState<SupervisionAction>();
  const s = activeListing(hazard);
  const actions = supervisionActionsFor(me, hazard);
  const earlier = hazard.supervisions.filter((x) => x !== s);
  if (!s && actions.length === 0 && earlier.length === 0) return null;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          {t("supervision.title")}
          {s && <SupervisionLevelTag level={s.level} />}
        </Flex>
      }
      data-testid="supervision-card"
    >
      {s ? <ListingFacts s={s} /> : <Typography.Text type="secondary">{t("supervision.none")}</Typography.Text>}
      {actions.length > 0 && (
        <Flex wrap gap={8} style={{ marginTop: 12 }}>
          {actions.map((a) => (
            <Button
              key={a}
              id={`supervision-${a}`}
              type={a === "reject" ? "default" : "primary"}
              danger={a === "reject"}
              onClick={() => setAction(a)}
            >
              {t(`supervision.action.${a}` as MessageKey)}
            </Button>
          ))}
        </Flex>
      )}
      {earlier.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t("supervision.history")}</Typography.Text>
          {earlier.map((x) => (
            <div key={x.id}>
              <Typography.Text type="secondary">
                {t(`supervision.level.${x.level}` as MessageKey)} · {x.unitName} · {formatDateTime(x.listedAt)} →{" "}
                {t(`supervision.status.${x.status}` as MessageKey)} {formatDateTime(x.updatedAt)}
              </Typography.Text>
            </div>
          ))}
        </div>
      )}
      {action && (
        <SupervisionModal
          hazard={hazard}
          action={action}
          onClose={() => setAction(undefined)}
          onDone={(next) => {
            setAction(undefined);
            onDone(next);
          }}
          onStale={() => {
            setAction(undefined);
            onStale();
          }}
        />
      )}
    </Card>
  );
}

function ListingFacts({ s }: { s: Supervision }) {
  const t = useT();
  const label = useHazardLabel();
  const today = shanghaiDay(new Date());
  const resumption =
    s.suspension === "none"
      ? t("supervision.resumptionNotNeeded")
      : !s.resumptionAppliedOn
        ? t("supervision.resumptionNotYet")
        : s.resumptionDecision
          ? t(`supervision.resumptionDecision.${s.resumptionDecision}` as MessageKey)
          : t("supervision.resumptionPending");
  return (
    <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" data-testid="supervision-facts">
      <Descriptions.Item label={t("supervision.unitName")}>{s.unitName}</Descriptions.Item>
      <Descriptions.Item label={t("supervision.deadline")}>
        <span data-testid="supervision-deadline">
          {s.deadline} <SupervisionCountdown deadline={s.deadline} today={today} />
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t("supervision.status")}>
        <span data-testid="supervision-status">{t(`supervision.status.${s.status}` as MessageKey)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("supervision.suspension")}>{label("suspension", s.suspension)}</Descriptions.Item>
      <Descriptions.Item label={t("supervision.requirements")} span={2}>
        <span style={{ whiteSpace: "pre-wrap" }}>{s.requirements}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("supervision.listedBy")}>
        <span data-testid="supervision-listed-by">
          {s.automatic ? t("supervision.automatic") : s.listedByName} · {formatDateTime(s.listedAt)}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t("supervision.public")}>{s.public ? t("common.yes") : t("common.no")}</Descriptions.Item>
      {s.completionReport && (
        <Descriptions.Item label={t("supervision.completion")} span={2}>
          <span style={{ whiteSpace: "pre-wrap" }}>{s.completionReport}</span>
        </Descriptions.Item>
      )}
      {s.evaluation && (
        <Descriptions.Item label={t("supervision.evaluation")} span={2}>
          {t(`supervision.evaluatedBy.${s.evaluation.by}` as MessageKey)}
          {s.evaluation.agencyName ? `（${s.evaluation.agencyName}）` : ""}：{s.evaluation.conclusion}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t("supervision.resumption")}>
        <span data-testid="supervision-resumption">{resumption}</span>
      </Descriptions.Item>
      {s.resumptionAppliedOn && (
        <Descriptions.Item label={t("supervision.resumptionDue")}>
          {t("supervision.resumptionApplied")} {s.resumptionAppliedOn} →{" "}
          <span data-testid="supervision-review-due">{s.resumptionReviewDue}</span>
        </Descriptions.Item>
      )}
      {s.decisionNote && (
        <Descriptions.Item label={t("supervision.note")} span={2}>
          {s.decisionNote}
          {s.decidedByName ? `（${s.decidedByName} · ${formatDateTime(s.decidedAt)}）` : ""}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

type Values = {
  level?: SupervisionLevel;
  unitName?: string;
  deadline?: Dayjs;
  requirements?: string;
  suspension?: (typeof suspensionKinds)[number];
  public?: boolean;
  report?: string;
  by?: (typeof evaluatorKinds)[number];
  agencyName?: string;
  conclusion?: string;
  application?: string;
  decision?: "approved" | "refused";
  note?: string;
  reason?: string;
};
const fieldNames = [
  "level",
  "unitName",
  "deadline",
  "requirements",
  "suspension",
  "public",
  "report",
  "by",
  "agencyName",
  "conclusion",
  "application",
  "decision",
  "note",
  "reason",
];
const blank = (v?: string) => (v?.trim() ? v.trim() : undefined);

/** One step as a form; the request carries the listing version the user saw (a stale one answers 409). */
function SupervisionModal({
  hazard,
  action,
  onClose,
  onDone,
  onStale,
}: {
  hazard: HazardDetail;
  action: SupervisionAction;
  onClose: () => void;
  onDone: (next: HazardDetail) => void;
  onStale: () => void;
}) {
  const t = useT();
  const label = useHazardLabel();
  const me = useCurrentUser();
  // evaluation.agencyName → agencyName, evaluation.by → by (the form's flat fields).
  const { form, error, saving, run } = useHazardStep<Values>({
    fieldNames,
    fieldOf: (path) => path.replace(/^evaluation\./, ""),
    onDone,
    onStale,
    staleNote: t("hazards.stale"),
  });
  const by = Form.useWatch("by", form);
  const s = activeListing(hazard);
  const version = s?.version ?? 0;
  const title = t(`supervision.action.${action}` as MessageKey);
  const required = { required: true, whitespace: true, message: t("supervision.required") };
  const today = shanghaiDay(new Date());

  const send = (v: Values): Promise<HazardDetail> => {
    const id = hazard.id;
    switch (action) {
      case "list":
        return supervisionApi.list(id, {
          level: v.level,
          unitName: blank(v.unitName),
          deadline: v.deadline ? v.deadline.format("YYYY-MM-DD") : "",
          requirements: v.requirements ?? "",
          suspension: v.suspension ?? "none",
          public: !!v.public,
        });
      case "completion":
        return supervisionApi.completion(id, {
          version,
          report: v.report ?? "",
          evaluation: {
            by: v.by ?? "own_experts",
            agencyName: v.by === "agency" ? blank(v.agencyName) : null,
            conclusion: v.conclusion ?? "",
          },
        });
      case "resumption":
        return supervisionApi.resumption(id, { version, application: v.application ?? "" });
      case "decide":
        return supervisionApi.decide(id, { version, decision: v.decision ?? "approved", note: v.note ?? "" });
      case "delist":
      case "lift":
        return supervisionApi.delist(id, { decision: "delist", version, note: blank(v.note) });
      case "reject":
        return supervisionApi.delist(id, { decision: "reject", version, reason: v.reason ?? "" });
    }
  };

  const onFinish = (v: Values) => run(() => send(v), t("supervision.done", { action: title }));

  const levels = listableLevels(me);
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={t("hazards.confirm")}
      okButtonProps={{ id: "supervision-ok", loading: saving, danger: action === "reject" }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        name="supervision-action"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          level: defaultListingLevel(me) ?? undefined,
          suspension: "none",
          public: false,
          by: "own_experts",
          decision: "approved",
        }}
      >
        {action === "list" && (
          <>
            <Form.Item name="level" label={t("supervision.level")} rules={[{ required: true, message: t("supervision.required") }]}>
              <Select
                options={levels.map((l) => ({ value: l, label: t(`supervision.level.${l}` as MessageKey) }))}
                disabled={levels.length < 2}
              />
            </Form.Item>
            <Form.Item name="unitName" label={t("supervision.unitName")} extra={t("supervision.unitNameHelp")}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="deadline" label={t("supervision.deadline")} rules={[{ required: true, message: t("supervision.required") }]}>
              <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.format("YYYY-MM-DD") <= today} />
            </Form.Item>
            <Form.Item name="requirements" label={t("supervision.requirements")} rules={[required]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
            <Form.Item name="suspension" label={t("supervision.suspension")}>
              <Radio.Group optionType="button" options={suspensionKinds.map((k) => ({ value: k, label: label("suspension", k) }))} />
            </Form.Item>
            <Form.Item name="public" valuePropName="checked">
              <Checkbox>{t("supervision.public")}</Checkbox>
            </Form.Item>
          </>
        )}
        {action === "completion" && (
          <>
            <Form.Item name="report" label={t("supervision.report")} rules={[required]}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
            </Form.Item>
            <Form.Item name="by" label={t("supervision.evaluation")}>
              <Radio.Group options={evaluatorKinds.map((k) => ({ value: k, label: t(`supervision.evaluatedBy.${k}` as MessageKey) }))} />
            </Form.Item>
            {by === "agency" && (
              <Form.Item name="agencyName" label={t("supervision.agencyName")} rules={[required]}>
                <Input maxLength={200} />
              </Form.Item>
            )}
            <Form.Item name="conclusion" label={t("supervision.conclusion")} rules={[required]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
            </Form.Item>
          </>
        )}
        {action === "resumption" && (
          <>
            <Typography.Paragraph type="secondary">{t("supervision.applicationHint")}</Typography.Paragraph>
            <Form.Item name="application" label={t("supervision.application")} rules={[required]}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
            </Form.Item>
          </>
        )}
        {action === "decide" && (
          <>
            <Form.Item name="decision" label={t("supervision.decision")}>
              <Radio.Group
                optionType="button"
                options={(["approved", "refused"] as const).map((d) => ({
                  value: d,
                  label: t(`supervision.resumptionDecision.${d}` as MessageKey),
                }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t("supervision.note")} rules={[required]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {(action === "delist" || action === "lift") && (
          <>
            {action === "delist" && <Alert type="info" showIcon title={t("supervision.delistHint")} style={{ marginBottom: 12 }} />}
            <Form.Item name="note" label={t("supervision.delistNote")}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === "reject" && (
          <>
            <Alert type="warning" showIcon title={t("supervision.rejectHint")} style={{ marginBottom: 12 }} />
            <Form.Item name="reason" label={t("supervision.reason")} rules={[required]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon title={error.message} />}
      </Form>
    </Modal>
  );
}
