import { z } from "zod";
import { ErrorBody } from "../../../domain/common/error.js";
import { pageOf } from "../../../domain/common/page.js";
import { EnterpriseCategory } from "../../../domain/enterprise/enterprise.dto.js";
import {
  ChecklistCopy,
  ChecklistCreate,
  ChecklistDetail,
  ChecklistListQuery,
  ChecklistPublish,
  ChecklistSummary,
  ChecklistUpdate,
  ChecklistVersionView,
} from "../../../domain/inspections/checklist.dto.js";
import type { AppDeps } from "../../deps.js";
import { contentDisposition } from "../../kernel/http/content-disposition.js";
import { AppError, badRequest, fieldError } from "../../kernel/http/errors.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import {
  copyChecklist,
  createChecklist,
  getChecklist,
  getChecklistVersion,
  importChecklist,
  listChecklists,
  publishChecklist,
  updateChecklist,
} from "./checklists.service.js";
import { checklistWorkbook, type ParsedSheet, readChecklistSheet, sheetPathOf, xlsxType } from "./checklists.sheet.js";

const IdParams = z.object({ id: z.string().uuid() });
const VersionParams = IdParams.extend({ v: z.coerce.number().int().min(1) });
const tags = ["checklists"];

export function checklistsRoutes(app: Server, { db, config }: AppDeps) {
  app.get(
    "/api/checklists",
    {
      config: { permission: "checklists.read" },
      schema: {
        tags,
        summary: "Templates the caller may see: built-ins, its region's and the regions above, its enterprise's",
        querystring: ChecklistListQuery,
        response: { 200: pageOf(ChecklistSummary), ...errorResponses },
      },
    },
    (req) => listChecklists(db, req.ctx, req.query),
  );

  app.post(
    "/api/checklists",
    {
      config: { permission: "checklists.manage" },
      schema: {
        tags,
        summary: "A new template of the caller's own, as a draft (audited)",
        body: ChecklistCreate,
        response: { 201: ChecklistDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createChecklist(db, req.ctx, req.body)),
  );

  app.post(
    "/api/checklists/import",
    {
      config: { permission: "checklists.manage" },
      schema: {
        tags,
        summary:
          "Upload an .xlsx in the export layout (multipart field `file`) → a new draft template; bad rows answer 400 " +
          "with fields `rows.<worksheet row>.<column>` and nothing is stored",
        consumes: ["multipart/form-data"],
        querystring: z.object({ name: z.string().trim().min(1).max(200).optional(), category: EnterpriseCategory.optional() }),
        response: { 201: ChecklistDetail, ...errorResponses, 413: ErrorBody },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw badRequest("checklists.file.missing");
      const file = await req.file();
      if (!file) throw badRequest("checklists.file.missing");
      if (!/\.xlsx$/i.test(file.filename)) {
        file.file.resume();
        throw fieldError("file", "checklists.file.type");
      }
      let parsed: ParsedSheet;
      try {
        parsed = await readChecklistSheet(file.file);
        if (file.file.truncated) throw new AppError(413, "checklists.file.too_large", { params: { mb: config.importMaxMb } });
      } catch (err) {
        file.file.resume();
        if (file.file.truncated || (err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
          throw new AppError(413, "checklists.file.too_large", { params: { mb: config.importMaxMb } });
        }
        if (err instanceof AppError) throw err;
        // Not a readable workbook (a renamed file, a damaged zip): nothing is stored.
        req.log.info({ err }, "unreadable checklist file");
        throw fieldError("file", "checklists.file.unreadable");
      }
      const name = req.query.name ?? parsed.meta.name ?? file.filename.replace(/\.xlsx$/i, "");
      const category = req.query.category ?? parsed.meta.category ?? null;
      const created = await importChecklist(db, req.ctx, { name, category, draft: parsed.content }, file.filename, (path) =>
        sheetPathOf(parsed, path),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/api/checklists/:id",
    {
      config: { permission: "checklists.read" },
      schema: {
        tags,
        summary: "A template: its draft and its published versions",
        params: IdParams,
        response: { 200: ChecklistDetail, ...errorResponses },
      },
    },
    (req) => getChecklist(db, req.ctx, req.params.id),
  );

  app.put(
    "/api/checklists/:id",
    {
      config: { permission: "checklists.manage" },
      schema: {
        tags,
        summary: "Replace the draft (version-guarded; published versions never change)",
        params: IdParams,
        body: ChecklistUpdate,
        response: { 200: ChecklistDetail, ...errorResponses },
      },
    },
    (req) => updateChecklist(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/checklists/:id/publish",
    {
      config: { permission: "checklists.manage" },
      schema: {
        tags,
        summary: "Freeze the draft as the next version (409 when stale or unchanged since the last publish)",
        params: IdParams,
        body: ChecklistPublish,
        response: { 200: ChecklistDetail, ...errorResponses },
      },
    },
    (req) => publishChecklist(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/checklists/:id/copy",
    {
      config: { permission: "checklists.manage" },
      schema: {
        tags,
        summary: "Copy a built-in or visible template (newest published version by default) into a draft of one's own",
        params: IdParams,
        body: ChecklistCopy,
        response: { 201: ChecklistDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await copyChecklist(db, req.ctx, req.params.id, req.body)),
  );

  app.get(
    "/api/checklists/:id/versions/:v",
    {
      config: { permission: "checklists.read" },
      schema: {
        tags,
        summary: "One published version, frozen",
        params: VersionParams,
        response: { 200: ChecklistVersionView, ...errorResponses },
      },
    },
    (req) => getChecklistVersion(db, req.ctx, req.params.id, req.params.v),
  );

  app.get(
    "/api/checklists/:id/export.xlsx",
    {
      config: { permission: "checklists.read" },
      schema: {
        tags,
        summary: "The template as .xlsx: a published version (`version`) or, without it, the draft",
        params: IdParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
      },
    },
    async (req, reply) => {
      const c = await getChecklist(db, req.ctx, req.params.id);
      const v = req.query.version ? await getChecklistVersion(db, req.ctx, c.id, req.query.version) : null;
      const name = v?.name ?? c.name;
      const body = await checklistWorkbook(
        { name, category: c.category, source: v ? `${c.id} v${v.version}` : `${c.id} 草稿` },
        v?.content ?? c.draft,
      );
      const file = `${name}${v ? `-v${v.version}` : ""}.xlsx`;
      return reply
        .header("content-type", xlsxType)
        .header("content-disposition", contentDisposition("attachment", "checklist.xlsx", file))
        .send(body);
    },
  );
}
