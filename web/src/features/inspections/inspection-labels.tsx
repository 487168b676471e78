import { Tag } from "antd";
import type { InspectionKind, InspectionResult, InspectionStatus } from "../../../../domain/inspections/inspection.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";

export type Outcome = "pass" | "fail" | "na";
type Labelled = { kind: InspectionKind; status: InspectionStatus; result: InspectionResult; outcome: Outcome };

/** The UI label of an enum value, e.g. label("kind", "unannounced") → 四不两直. */
export function useInspectionLabel() {
  const t = useT();
  return <K extends keyof Labelled>(kind: K, value: Labelled[K]) => t(`inspections.${kind}.${value}` as MessageKey);
}

export function InspectionStatusTag({ status }: { status: InspectionStatus }) {
  const label = useInspectionLabel();
  return (
    <Tag color={status === "finished" ? "success" : "processing"} data-status={status}>
      {label("status", status)}
    </Tag>
  );
}

export function InspectionResultTag({ result }: { result: InspectionResult | null }) {
  const label = useInspectionLabel();
  if (!result) return null;
  return (
    <Tag color={result === "passed" ? "green" : "orange"} data-result={result}>
      {label("result", result)}
    </Tag>
  );
}

const outcomeColours: Record<Outcome, string> = { pass: "green", fail: "red", na: "default" };

export function OutcomeTag({ outcome }: { outcome: Outcome | null }) {
  const t = useT();
  const label = useInspectionLabel();
  if (!outcome) return <Tag data-outcome="none">{t("inspections.unanswered")}</Tag>;
  return (
    <Tag color={outcomeColours[outcome]} data-outcome={outcome}>
      {label("outcome", outcome)}
    </Tag>
  );
}
