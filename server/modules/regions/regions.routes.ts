import { z } from "zod";
import { RegionCode } from "../../../domain/access/roles.js";
import { ErrorBody } from "../../../domain/common/error.js";
import {
  RegionDetail,
  RegionImport,
  RegionImportReport,
  RegionList,
  RegionMerge,
  RegionMergeResult,
  RegionRename,
  RegionSearchQuery,
  RegionSearchResult,
} from "../../../domain/regions/region.dto.js";
import type { AppDeps } from "../../deps.js";
import { AppError, badRequest, fieldError } from "../../kernel/http/errors.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { langOf } from "../../kernel/i18n/i18n.js";
import { readDivisionCsv, readDivisionXlsx } from "./regions.file.js";
import { getRegion, importRegions, listRegionChildren, mergeRegion, renameRegion, searchRegions } from "./regions.service.js";

const CodeParams = z.object({ code: RegionCode });

export function regionsRoutes(app: Server, { db, config }: AppDeps) {
  app.get(
    "/api/regions",
    {
      config: { permission: "regions.read" },
      schema: { tags: ["regions"], summary: "Top-level nodes of the division tree", response: { 200: RegionList, ...errorResponses } },
    },
    () => listRegionChildren(db, null),
  );

  app.get(
    "/api/regions/search",
    {
      config: { permission: "regions.read" },
      schema: {
        tags: ["regions"],
        summary: "Find regions by name substring or code prefix, with their path",
        querystring: RegionSearchQuery,
        response: { 200: RegionSearchResult, ...errorResponses },
      },
    },
    (req) => searchRegions(db, req.query),
  );

  app.get(
    "/api/regions/:code",
    {
      config: { permission: "regions.read" },
      schema: {
        tags: ["regions"],
        summary: "One region with its path and child count",
        params: CodeParams,
        response: { 200: RegionDetail, ...errorResponses },
      },
    },
    (req) => getRegion(db, req.params.code),
  );

  app.get(
    "/api/regions/:code/children",
    {
      config: { permission: "regions.read" },
      schema: {
        tags: ["regions"],
        summary: "Direct children, by code",
        params: CodeParams,
        response: { 200: RegionList, ...errorResponses },
      },
    },
    (req) => listRegionChildren(db, req.params.code),
  );

  app.patch(
    "/api/regions/:code",
    {
      config: { permission: "regions.manage" },
      schema: {
        tags: ["regions"],
        summary: "Rename a region (version-guarded, audited)",
        params: CodeParams,
        body: RegionRename,
        response: { 200: RegionDetail, ...errorResponses },
      },
    },
    (req) => renameRegion(db, req.ctx, req.params.code, req.body),
  );

  app.post(
    "/api/regions/import",
    {
      config: { permission: "regions.manage" },
      // 50,000 rows of code and Chinese name run to a few megabytes, past the 1 MB default.
      bodyLimit: config.importMaxMb * 1024 * 1024,
      schema: {
        tags: ["regions"],
        summary: "Import division rows: add new codes, rename changed names (audited); rejected rows with reasons",
        body: RegionImport,
        response: { 200: RegionImportReport, ...errorResponses },
      },
    },
    (req) => importRegions(db, req.ctx, req.body, langOf(req.headers["accept-language"])),
  );

  app.post(
    "/api/regions/import/file",
    {
      config: { permission: "regions.manage" },
      schema: {
        tags: ["regions"],
        summary:
          "Import a division file (multipart field `file`, .csv or .xlsx; header row with code, name and optionally parentCode): " +
          "the same use case and report as the JSON import, `index` counting the data rows below the header",
        consumes: ["multipart/form-data"],
        response: { 200: RegionImportReport, ...errorResponses, 413: ErrorBody },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw badRequest("regions.file.missing");
      const file = await req.file();
      if (!file) throw badRequest("regions.file.missing");
      const kind = /\.csv$/i.test(file.filename) ? "csv" : /\.xlsx$/i.test(file.filename) ? "xlsx" : undefined;
      if (!kind) {
        file.file.resume();
        throw fieldError("file", "regions.file.type");
      }
      // The whole file is read and checked before anything is stored: a bad file leaves the tree as it was.
      let rows: Awaited<ReturnType<typeof readDivisionCsv>>;
      try {
        rows = kind === "csv" ? await readDivisionCsv(await file.toBuffer()) : await readDivisionXlsx(file.file);
        if (file.file.truncated) throw new AppError(413, "regions.file.too_large", { params: { mb: config.importMaxMb } });
      } catch (err) {
        file.file.resume();
        if (file.file.truncated || (err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
          throw new AppError(413, "regions.file.too_large", { params: { mb: config.importMaxMb } });
        }
        if (err instanceof AppError) throw err;
        // Not a readable workbook (a renamed file, a damaged zip): the reader fails before anything is stored.
        req.log.info({ err }, "unreadable division file");
        throw fieldError("file", "regions.file.unreadable");
      }
      return importRegions(db, req.ctx, { rows }, langOf(req.headers["accept-language"]), { source: "file", fileName: file.filename });
    },
  );

  app.post(
    "/api/regions/:code/merge",
    {
      config: { permission: "regions.manage" },
      schema: {
        tags: ["regions"],
        summary: "Retire a region in favour of a successor of the same level (撤并; version-guarded, audited)",
        params: CodeParams,
        body: RegionMerge,
        response: { 200: RegionMergeResult, ...errorResponses },
      },
    },
    (req) => mergeRegion(db, req.ctx, req.params.code, req.body),
  );
}
