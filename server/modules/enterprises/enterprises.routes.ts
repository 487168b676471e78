import { z } from "zod";
import { AuditEntry } from "../../../domain/audit/audit.dto.js";
import { ErrorBody } from "../../../domain/common/error.js";
import { pageOf } from "../../../domain/common/page.js";
import {
  Enterprise,
  EnterpriseCreate,
  EnterpriseListQuery,
  EnterpriseTransition,
  EnterpriseUpdate,
} from "../../../domain/enterprise/enterprise.dto.js";
import { ImportCommit, ImportReport } from "../../../domain/enterprise/enterprise-import.dto.js";
import type { AppDeps } from "../../deps.js";
import { AppError, badRequest, fieldError } from "../../kernel/http/errors.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { langOf } from "../../kernel/i18n/i18n.js";
import { commitImport, importReport, rejectionWorkbook, validateImport } from "./enterprises.import.js";
import {
  createEnterprise,
  enterpriseHistory,
  getEnterprise,
  listEnterprises,
  transitionEnterprise,
  updateEnterprise,
} from "./enterprises.service.js";
import { enterprisesWorkbook, readEnterpriseSheet, templateWorkbook, xlsxType } from "./enterprises.sheet.js";
import "./enterprises.messages.js";
import { contentDisposition } from "../../kernel/http/content-disposition.js";

const IdParams = z.object({ id: z.string().uuid() });

export function enterprisesRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/enterprises",
    {
      config: { permission: "enterprises.read" },
      schema: {
        tags: ["enterprises"],
        summary: "Enterprises in the caller's scope: name substring or USCC, region subtree, industry, category, scale, status",
        querystring: EnterpriseListQuery,
        response: { 200: pageOf(Enterprise), ...errorResponses },
      },
    },
    (req) => listEnterprises(db, req.ctx, req.query),
  );

  app.get(
    "/api/enterprises/:id",
    {
      config: { permission: "enterprises.read" },
      schema: { tags: ["enterprises"], params: IdParams, response: { 200: Enterprise, ...errorResponses } },
    },
    (req) => getEnterprise(db, req.ctx, req.params.id),
  );

  app.get(
    "/api/enterprises/:id/history",
    {
      config: { permission: "enterprises.read" },
      schema: {
        tags: ["enterprises"],
        summary: "Every recorded change of the enterprise, newest first",
        params: IdParams,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: pageOf(AuditEntry), ...errorResponses },
      },
    },
    (req) => enterpriseHistory(db, req.ctx, req.params.id, req.query),
  );

  app.post(
    "/api/enterprises",
    {
      config: { permission: "enterprises.create" },
      schema: { tags: ["enterprises"], body: EnterpriseCreate, response: { 201: Enterprise, ...errorResponses } },
    },
    async (req, reply) => reply.status(201).send(await createEnterprise(db, req.ctx, req.body)),
  );

  app.patch(
    "/api/enterprises/:id",
    {
      config: { permission: "enterprises.update" },
      schema: { tags: ["enterprises"], params: IdParams, body: EnterpriseUpdate, response: { 200: Enterprise, ...errorResponses } },
    },
    (req) => updateEnterprise(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/enterprises/:id/status",
    {
      config: { permission: "enterprises.transition" },
      schema: {
        tags: ["enterprises"],
        summary: "Suspend (停产整顿), resume or close, with a reason (version-guarded)",
        params: IdParams,
        body: EnterpriseTransition,
        response: { 200: Enterprise, ...errorResponses },
      },
    },
    (req) => transitionEnterprise(db, req.ctx, req.params.id, req.body),
  );
}

export function enterpriseSheetRoutes(app: Server, { db, config }: AppDeps) {
  app.get(
    "/api/enterprises/export",
    {
      config: { permission: "enterprises.read" },
      schema: {
        tags: ["enterprises"],
        summary: "The filtered list as .xlsx (Chinese headers), streamed",
        querystring: EnterpriseListQuery.omit({ page: true, pageSize: true }),
      },
    },
    (req, reply) => {
      const pages = async function* () {
        for (let page = 1; ; page++) {
          const batch = await listEnterprises(db, req.ctx, { ...req.query, page, pageSize: 500 });
          yield batch.items;
          if (page * 500 >= batch.total) return;
        }
      };
      const stamp = req.ctx.now.toISOString().slice(0, 10);
      return reply
        .header("content-type", xlsxType)
        .header("content-disposition", contentDisposition("attachment", `enterprises-${stamp}.xlsx`, `企业名录-${stamp}.xlsx`))
        .send(enterprisesWorkbook(pages()));
    },
  );

  app.get(
    "/api/enterprises/import/template",
    {
      config: { permission: "enterprises.create" },
      schema: { tags: ["enterprises"], summary: "The import template: headers and one example row" },
    },
    async (_req, reply) =>
      reply
        .header("content-type", xlsxType)
        .header("content-disposition", contentDisposition("attachment", "enterprise-import-template.xlsx", "企业导入模板.xlsx"))
        .send(await templateWorkbook()),
  );

  app.post(
    "/api/enterprises/import",
    {
      config: { permission: "enterprises.create" },
      schema: {
        tags: ["enterprises"],
        summary: "Upload an .xlsx (multipart field `file`); answers the validation report",
        consumes: ["multipart/form-data"],
        response: { 201: ImportReport, ...errorResponses, 413: ErrorBody },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw badRequest("import.no_file");
      const file = await req.file();
      if (!file) throw badRequest("import.no_file");
      if (!/\.xlsx$/i.test(file.filename)) {
        file.file.resume();
        throw fieldError("file", "import.not_xlsx");
      }
      let id: string;
      try {
        id = await validateImport(db, req.ctx, file.filename, readEnterpriseSheet(file.file));
      } catch (err) {
        if (file.file.truncated || (err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
          throw new AppError(413, "import.too_large", { params: { mb: config.importMaxMb } });
        }
        // Not a readable workbook (a renamed file, say): the reader fails before anything is stored.
        if (!(err instanceof AppError)) {
          req.log.info({ err }, "unreadable import file");
          throw fieldError("file", "import.not_xlsx");
        }
        throw err;
      }
      return reply.status(201).send(await importReport(db, req.ctx, id, langOf(req.headers["accept-language"])));
    },
  );

  app.get(
    "/api/enterprises/import/:id",
    {
      config: { permission: "enterprises.create" },
      schema: { tags: ["enterprises"], params: IdParams, response: { 200: ImportReport, ...errorResponses } },
    },
    (req) => importReport(db, req.ctx, req.params.id, langOf(req.headers["accept-language"])),
  );

  app.get(
    "/api/enterprises/import/:id/rejections",
    {
      config: { permission: "enterprises.create" },
      schema: { tags: ["enterprises"], summary: "Every rejected row as .xlsx", params: IdParams },
    },
    async (req, reply) =>
      reply
        .header("content-type", xlsxType)
        .header("content-disposition", `attachment; filename="import-rejections.xlsx"`)
        .send(await rejectionWorkbook(db, req.ctx, req.params.id, langOf(req.headers["accept-language"]))),
  );

  app.post(
    "/api/enterprises/import/:id/commit",
    {
      config: { permission: "enterprises.create" },
      schema: {
        tags: ["enterprises"],
        summary: "Write the valid rows (once; version-guarded)",
        params: IdParams,
        body: ImportCommit,
        response: { 200: ImportReport, ...errorResponses },
      },
    },
    async (req) => {
      await commitImport(db, req.ctx, req.params.id, req.body.version);
      return importReport(db, req.ctx, req.params.id, langOf(req.headers["accept-language"]));
    },
  );
}
