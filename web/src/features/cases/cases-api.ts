import type { z } from "zod";
import type { Page } from "../../../../domain/common/page.js";
import type {
  Case,
  CaseDetail,
  CaseDocumentView,
  CaseEventInput,
  CaseEventView,
  CaseListQuery,
  CaseOpen,
} from "../../../../domain/enforcement/case.dto.js";
import type { CaseEventType, DocumentKind } from "../../../../domain/enforcement/case.js";
import { api } from "../../api/client.js";

export type { Case, CaseDetail, CaseDocumentView, CaseEventType, CaseEventView, DocumentKind };
export type CaseFilters = Omit<z.input<typeof CaseListQuery>, "page" | "pageSize">;
export type CaseOpenBody = z.input<typeof CaseOpen>;
export type CaseEventBody = z.input<typeof CaseEventInput>;
export type DocumentIssueBody = { kind: DocumentKind; supersedesId?: string };

const at = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export const casesApi = {
  /** Scoped by the server: a regulator's region and department subtree, an enterprise's own cases. */
  list: (query: CaseFilters & { page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<Case>>("/api/cases", query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(at(id), undefined, signal),
  /** From a finished regulator inspection; 409 with the refusal's message when it cannot open. */
  open: (body: CaseOpenBody) => api.post<CaseDetail>("/api/cases", body),
  /** One event on the version the user saw; 409 with the server's message (and the types allowed today). */
  append: (id: string, body: CaseEventBody) => api.post<CaseDetail>(`${at(id)}/events`, body),
  /** Issues a 执法文书 as a stored, hashed PDF; a correction names the document it supersedes. */
  issueDocument: (id: string, body: DocumentIssueBody) => api.post<CaseDocumentView>(`${at(id)}/documents`, body),
  documentUrl: (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}.pdf`,
};
