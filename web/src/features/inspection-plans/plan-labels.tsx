import { Tag } from "antd";
import { type PlanGroupKey, type PlanItemStatus, splitGroupKey } from "../../../../domain/inspections/plan.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import type { InspectionPlan } from "./inspection-plans-api.js";

const colourTag = { red: "red", orange: "orange", yellow: "gold", blue: "blue" } as const;

export function PlanStatusTag({ status }: { status: InspectionPlan["status"] }) {
  const t = useT();
  return (
    <Tag color={status === "approved" ? "success" : "default"} data-status={status}>
      {t(`plans.status.${status}` as MessageKey)}
    </Tag>
  );
}

/** 重点/一般 and the planning colour. */
export function GroupTag({ group }: { group: PlanGroupKey }) {
  const t = useT();
  const { tier, colour } = splitGroupKey(group);
  return (
    <Tag color={colourTag[colour]} variant={tier === "key" ? "solid" : "outlined"} data-group={group}>
      {t(`plans.group.${group}` as MessageKey)}
    </Tag>
  );
}

const statusColour: Record<PlanItemStatus, string> = { done: "success", due: "processing", overdue: "error", upcoming: "default" };

export function ItemStatusTag({ status }: { status: PlanItemStatus }) {
  const t = useT();
  return (
    <Tag color={statusColour[status]} data-status={status}>
      {t(`plans.itemStatus.${status}` as MessageKey)}
    </Tag>
  );
}
