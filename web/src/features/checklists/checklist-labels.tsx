import { Tag } from "antd";
import { categoryLabels, type EnterpriseCategory } from "../../../../domain/enterprise/enterprise.dto.js";
import type { ChecklistOwnerKind } from "../../../../domain/inspections/checklist.dto.js";
import type { ChecklistClause, ChecklistFailMeaning } from "../../../../domain/inspections/checklist.js";
import { useLang, useT } from "../../i18n/i18n-context.js";
import { labelKeyOf } from "../../i18n/language.js";

const ownerColour: Record<ChecklistOwnerKind, string> = { builtin: "default", region: "geekblue", enterprise: "green" };
const failColour: Record<ChecklistFailMeaning, string> = { general: "orange", major: "red", note: "default" };

export function OwnerTag({ kind }: { kind: ChecklistOwnerKind }) {
  const t = useT();
  return <Tag color={ownerColour[kind]}>{t(`checklists.owner.${kind}`)}</Tag>;
}

export function FailTag({ onFail }: { onFail: ChecklistFailMeaning }) {
  const t = useT();
  return <Tag color={failColour[onFail]}>{t(`checklists.onFail.${onFail}`)}</Tag>;
}

export function useCategoryLabel(): (c: EnterpriseCategory | null) => string {
  const [lang] = useLang();
  const t = useT();
  return (c) => (c ? categoryLabels[c][labelKeyOf(lang)] : t("checklists.categoryAny"));
}

/** 《standard》 number-version article, as a citation reads. */
export function clauseText(c: ChecklistClause | null): string {
  if (!c) return "—";
  const doc = [c.number, c.version ? `（${c.version}）` : ""].filter(Boolean).join("");
  return [`《${c.standard}》${c.number ? " " : ""}${doc}`, c.article].filter(Boolean).join(" ");
}
