import { Tag } from "antd";
import type { CaseEventType, CasePhase, DocumentKind } from "../../../../domain/enforcement/case.js";
import type { Penalty } from "../../../../domain/enforcement/procedure.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import type { CaseEventView } from "./cases-api.js";

/** Integer fen as yuan with two decimals, exactly (no float division): 2000050 → ¥20,000.50. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return "—";
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, "0")}`;
}

type Labelled = {
  phase: CasePhase;
  event: CaseEventType;
  doc: DocumentKind;
  measure: string;
  penaltyKind: string;
  outcome: string;
  closeReason: string;
  clock: string;
  source: string;
};

/** The UI label of an enum value, e.g. label("event", "order_issued") → 责令限期整改. */
export function useCaseLabel() {
  const t = useT();
  return <K extends keyof Labelled>(kind: K, value: Labelled[K]) => t(`cases.${kind}.${value}` as MessageKey);
}

const phaseColours: Record<CasePhase, string> = {
  open: "blue",
  rectifying: "processing",
  not_rectified: "red",
  rectified: "green",
  filed: "orange",
  notified: "orange",
  hearing: "purple",
  decided: "magenta",
  executed: "cyan",
  closed: "default",
};

export function CasePhaseTag({ phase }: { phase: CasePhase }) {
  const label = useCaseLabel();
  return (
    <Tag color={phaseColours[phase]} data-phase={phase}>
      {label("phase", phase)}
    </Tag>
  );
}

/** A penalty in words: party, then each item with its amount in yuan. */
export function usePenaltyWords() {
  const t = useT();
  const label = useCaseLabel();
  return (p: Penalty) =>
    `${t(`cases.words.party.${p.party}` as MessageKey)}：${p.items
      .map((i) => (i.amountFen !== undefined ? `${label("penaltyKind", i.kind)} ${formatFen(i.amountFen)}` : label("penaltyKind", i.kind)))
      .join("；")}`;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** What an event's payload says, in words (deadline, measures, amounts in yuan …); empty when nothing. */
export function useEventWords() {
  const t = useT();
  const label = useCaseLabel();
  const penalty = usePenaltyWords();
  return (e: Pick<CaseEventView, "type" | "payload">): string[] => {
    const p = e.payload;
    const out: string[] = [];
    if (typeof p.decision === "number") out.push(t("cases.words.decisionRef", { n: p.decision }));
    switch (e.type) {
      case "opened":
        if (p.source) out.push(label("source", str(p.source)));
        if (p.illegalProduction) out.push(t("cases.words.illegalProduction"));
        break;
      case "order_issued":
        out.push(t("cases.words.deadline", { day: str(p.deadline) }));
        break;
      case "onsite_measures":
        out.push(t("cases.words.measures", { list: ((p.measures as string[]) ?? []).map((m) => label("measure", m)).join("、") }));
        if (p.suspensionUntil) out.push(t("cases.words.suspensionUntil", { day: str(p.suspensionUntil) }));
        break;
      case "extension_decided":
        out.push(p.granted ? t("cases.words.granted", { day: str(p.newDeadline) }) : t("cases.words.refused"));
        break;
      case "resumption_reviewed":
        out.push(p.accepted ? t("cases.words.resumptionAccepted") : t("cases.words.resumptionRefused"));
        break;
      case "penalty_notice":
      case "decision_issued":
      case "simple_decision":
        if (p.penalty) out.push(penalty(p.penalty as Penalty));
        if (p.dailyFine) out.push(t("cases.words.dailyFine"));
        break;
      case "hearing_notice":
        out.push(t("cases.words.hearingOn", { day: str(p.hearingOn) }));
        break;
      case "hearing_held":
        if (p.partyAbsent) out.push(t("cases.words.partyAbsent"));
        break;
      case "legal_review":
        out.push(p.passed ? t("cases.words.reviewPassed") : t("cases.words.reviewFailed"));
        break;
      case "paid":
        out.push(t("cases.words.paid", { amount: formatFen(p.amountFen as number) }));
        break;
      case "reconsideration_decided":
      case "litigation_decided":
        out.push(t("cases.words.outcome", { outcome: label("outcome", str(p.outcome)) }));
        if (p.penalty) out.push(penalty(p.penalty as Penalty));
        break;
      case "publication_withdrawn":
        out.push(t("cases.words.reason", { reason: str(p.reason) }));
        break;
      case "closed":
        out.push(label("closeReason", str(p.reason)));
        break;
      default:
        break;
    }
    return out;
  };
}
