import { z } from "zod";
import { RegionCode } from "../../../domain/access/roles.js";
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
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { langOf } from "../../kernel/i18n/i18n.js";
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
