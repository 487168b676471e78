import type { z } from "zod";
import type { DocumentKind } from "../../../../domain/enforcement/case.js";
import type { DocumentTemplateList, DocumentTemplatePut, DocumentTemplateView } from "../../../../domain/enforcement/documents.js";
import { api, request } from "../../api/client.js";

export type { DocumentKind, DocumentTemplateView };

export const documentTemplatesApi = {
  /** Every kind with its slots, placeholders, built-in wording and the deployment's (administrators). */
  list: (signal?: AbortSignal) => api.get<z.infer<typeof DocumentTemplateList>>("/api/document-templates", undefined, signal),
  /** Stores the deployment's wording of `kind`; `version` is the one read (0 while built-in), 409 when stale. */
  put: (kind: DocumentKind, body: DocumentTemplatePut) =>
    request<DocumentTemplateView>(`/api/document-templates/${encodeURIComponent(kind)}`, { method: "PUT", body }),
};
