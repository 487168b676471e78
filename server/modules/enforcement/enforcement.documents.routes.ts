import { z } from "zod";
import { ErrorBody } from "../../../domain/common/error.js";
import { CaseDocumentView, CaseEventType } from "../../../domain/enforcement/case.dto.js";
import {
  DocumentIssue,
  DocumentKindEnum,
  DocumentTemplateList,
  DocumentTemplatePut,
  DocumentTemplateView,
} from "../../../domain/enforcement/documents.js";
import type { AppDeps } from "../../deps.js";
import { contentDisposition } from "../../kernel/http/content-disposition.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { langOf } from "../../kernel/i18n/i18n.js";
import { DocumentRefused, documentFile, issueDocument, listDocumentTemplates, putDocumentTemplate } from "./enforcement.documents.js";

const IdParams = z.object({ id: z.string().uuid() });
const tags = ["enforcement"];

/** A document not allowed yet: the usual error body plus the event types it needs (domain documentEvents). */
const RefusedBody = z.object({ error: ErrorBody.shape.error.extend({ needs: z.array(CaseEventType) }) });

export function enforcementDocumentsRoutes(app: Server, { db }: AppDeps) {
  app.post(
    "/api/cases/:id/documents",
    {
      config: { permission: "cases.manage" },
      schema: {
        tags,
        summary: "Issue a 执法文书 of the case as a numbered, hashed, immutable PDF (a correction names the one it supersedes)",
        params: IdParams,
        body: DocumentIssue,
        response: { 201: CaseDocumentView, ...errorResponses, 409: z.union([RefusedBody, ErrorBody]) },
      },
    },
    async (req, reply) => {
      try {
        return reply.status(201).send(await issueDocument(db, req.ctx, req.params.id, req.body));
      } catch (e) {
        if (!(e instanceof DocumentRefused)) throw e;
        const message = e.messageIn(langOf(req.headers["accept-language"]));
        return reply.status(409).send({ error: { code: e.code, message, requestId: req.id, needs: [...e.needs] } });
      }
    },
  );

  // find-my-way treats "." as a parameter separator, so `:id.pdf` takes the id and requires the literal suffix.
  app.get(
    "/api/documents/:id.pdf",
    {
      config: { permission: "cases.read" },
      schema: {
        tags,
        summary: "The issued document's stored bytes (application/pdf) with their SHA-256; 404 outside the caller's cases",
        params: IdParams,
      },
    },
    async (req, reply) => {
      const f = await documentFile(db, req.ctx, req.params.id);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", contentDisposition("attachment", f.asciiName, f.fileName))
        .header("x-content-sha256", f.sha256)
        .header("cache-control", "private, no-cache")
        .send(f.data);
    },
  );

  app.get(
    "/api/document-templates",
    {
      config: { permission: "document_templates.manage" },
      schema: {
        tags,
        summary: "Each document kind with its slots and placeholders, the built-in wording and the deployment's",
        response: { 200: DocumentTemplateList, ...errorResponses },
      },
    },
    () => listDocumentTemplates(db),
  );

  app.put(
    "/api/document-templates/:kind",
    {
      config: { permission: "document_templates.manage" },
      schema: {
        tags,
        summary: "Store the deployment's wording of a kind (version-guarded: 0 when none yet; audited)",
        params: z.object({ kind: DocumentKindEnum }),
        body: DocumentTemplatePut,
        response: { 200: DocumentTemplateView, ...errorResponses },
      },
    },
    (req) => putDocumentTemplate(db, req.ctx, req.params.kind, req.body),
  );
}
