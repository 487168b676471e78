import { defineMessages } from "../../kernel/i18n/i18n.js";

// The refusals of documentFor (needs_event, not_from_inspection, no_hearing_right) are enforcement.case.* codes,
// registered in enforcement.messages.ts.
defineMessages({
  "enforcement.document.supersedes_unknown": {
    zh: "被更正的文书须是本案件同一种类的文书",
    en: "The corrected document must be one of this case and of the same kind",
  },
  "enforcement.document.already_superseded": {
    zh: "该文书已被更正，请更正最新的文书",
    en: "That document was already corrected; correct the latest one",
  },
  "document_template.unknown_slot": { zh: "该文书没有这一段落", en: "This document has no such slot" },
  "document_template.empty": { zh: "段落内容不能为空", en: "The text may not be empty" },
  "document_template.too_long": { zh: "段落内容不能超过 2000 字", en: "The text may have at most 2000 characters" },
  "document_template.unknown_placeholder": {
    zh: "该文书不支持占位符 {{name}}",
    en: "This document does not fill the placeholder {{name}}",
  },
});

export const documentEntity = { zh: "执法文书", en: "Enforcement document" };
export const templateEntity = { zh: "文书模板", en: "Document template" };
