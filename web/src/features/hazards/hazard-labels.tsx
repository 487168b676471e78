import { Tag, Typography } from "antd";
import type { HazardLevel, HazardSource, HazardState, Suspension } from "../../../../domain/hazards/hazard.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { daysLeft } from "./hazard-rules.js";
import type { Hazard } from "./hazards-api.js";

type Labelled = { level: HazardLevel; state: HazardState; source: HazardSource; category: string; suspension: Suspension };

/** The UI label of an enum value, e.g. label("state", "rectifying") → 整改中. */
export function useHazardLabel() {
  const t = useT();
  return <K extends keyof Labelled>(kind: K, value: Labelled[K]) => t(`hazards.${kind}.${value}` as MessageKey);
}

const stateColours: Record<HazardState, string> = {
  reported: "blue",
  rectifying: "processing",
  overdue: "error",
  awaiting_acceptance: "gold",
  accepted: "success",
  voided: "default",
};

export function HazardLevelTag({ level }: { level: HazardLevel }) {
  const label = useHazardLabel();
  return (
    <Tag color={level === "major" ? "red" : "orange"} data-level={level}>
      {label("level", level)}
    </Tag>
  );
}

export function HazardStateTag({ state }: { state: HazardState }) {
  const label = useHazardLabel();
  return (
    <Tag color={stateColours[state]} data-state={state}>
      {label("state", state)}
    </Tag>
  );
}

/** The deadline with days left, due today, or days overdue (Asia/Shanghai calendar days). */
export function DeadlineText({ hazard, today }: { hazard: Pick<Hazard, "state" | "deadline">; today: string }) {
  const t = useT();
  if (!hazard.deadline) return <Typography.Text type="secondary">{t("hazards.noDeadline")}</Typography.Text>;
  const days = daysLeft(hazard, today);
  if (days === null) return <span>{hazard.deadline}</span>;
  const hint =
    days < 0 ? (
      <Typography.Text type="danger">{t("hazards.daysOverdue", { days: -days })}</Typography.Text>
    ) : days === 0 ? (
      <Typography.Text type="warning">{t("hazards.dueToday")}</Typography.Text>
    ) : (
      <Typography.Text type={days <= 3 ? "warning" : "secondary"}>{t("hazards.daysLeft", { days })}</Typography.Text>
    );
  return (
    <span data-testid="hazard-deadline">
      {hazard.deadline} · {hint}
    </span>
  );
}
