import { z } from "zod";
import { pageOf } from "../../../domain/common/page.js";
import {
  CriterionItemDto,
  Hazard,
  HazardCreate,
  HazardDetail,
  HazardDetailsUpdate,
  HazardListQuery,
  HazardTransition,
} from "../../../domain/hazards/hazard.dto.js";
import type { AppDeps } from "../../deps.js";
import { contentDisposition } from "../../kernel/http/content-disposition.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { langOf } from "../../kernel/i18n/i18n.js";
import { acceptableBySql } from "./hazards.repo.js";
import {
  completeHazardDetails,
  criteriaForEnterprise,
  getHazard,
  hazardPhoto,
  listHazards,
  reportHazard,
  transitionHazard,
} from "./hazards.service.js";
import { hazardsWorkbook, xlsxType } from "./hazards.sheet.js";

const IdParams = z.object({ id: z.string().uuid() });
const tags = ["hazards"];
// Up to 4 photos of ≤ 10 MB each as base64 in JSON.
const photoBodyLimit = 60 * 1024 * 1024;

export function hazardsRoutes(app: Server, { db }: AppDeps) {
  app.post(
    "/api/hazards",
    {
      bodyLimit: photoBodyLimit,
      config: { permission: "hazards.report" },
      schema: {
        tags,
        summary: "Register a hazard (photos' location metadata removed unless kept; audited)",
        body: HazardCreate,
        response: { 201: HazardDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await reportHazard(db, req.ctx, req.body)),
  );

  app.get(
    "/api/hazards",
    {
      config: { permission: "hazards.read" },
      schema: {
        tags,
        summary: "Hazards in scope, newest first, filtered (region subtree, enterprise, level, state, source, category, overdue, q)",
        querystring: HazardListQuery,
        response: { 200: pageOf(Hazard), ...errorResponses },
      },
    },
    (req) => listHazards(db, req.ctx, req.query),
  );

  app.get(
    "/api/hazards/export.xlsx",
    {
      config: { permission: "hazards.read" },
      schema: {
        tags,
        summary: "The filtered hazard register as .xlsx (same filters and scope as GET /api/hazards; at most 20,000 rows)",
        querystring: HazardListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const acceptable = req.query.acceptableBy === "me" && req.ctx.actor ? acceptableBySql(req.ctx.actor) : undefined;
      const lang = langOf(req.headers["accept-language"]);
      const stream = await hazardsWorkbook(db, req.ctx, req.query, lang, acceptable);
      const stamp = req.ctx.now.toISOString().slice(0, 10);
      return reply
        .header("content-type", xlsxType)
        .header("content-disposition", contentDisposition("attachment", `hazards-${stamp}.xlsx`, `隐患清单-${stamp}.xlsx`))
        .send(stream);
    },
  );

  app.get(
    "/api/hazards/:id",
    {
      config: { permission: "hazards.read" },
      schema: {
        tags,
        summary: "A hazard with its photos and timeline",
        params: IdParams,
        response: { 200: HazardDetail, ...errorResponses },
      },
    },
    (req) => getHazard(db, req.ctx, req.params.id),
  );

  app.patch(
    "/api/hazards/:id",
    {
      // The enterprise (its own hazards) or regulators in scope; grading rules in completeHazardDetails.
      config: { permission: "hazards.read" },
      schema: {
        tags,
        summary: "Complete the details of an open hazard: place, category, sub-type, grade, criterion (version-guarded, audited)",
        params: IdParams,
        body: HazardDetailsUpdate,
        response: { 200: HazardDetail, ...errorResponses },
      },
    },
    (req) => completeHazardDetails(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/hazards/:id/transitions",
    {
      bodyLimit: photoBodyLimit,
      // Each action is decided by role and hazard in hazards.policy.ts (rectify / accept / void).
      config: { permission: "hazards.read" },
      schema: {
        tags,
        summary: "set_plan, submit, accept, reject, void or fix_on_spot (version-guarded, audited, on the timeline)",
        params: IdParams,
        body: HazardTransition,
        response: { 200: HazardDetail, ...errorResponses },
      },
    },
    (req) => transitionHazard(db, req.ctx, req.params.id, req.body),
  );

  app.get(
    "/api/enterprises/:id/hazard-criteria",
    {
      config: { permission: "hazards.read" },
      schema: {
        tags,
        summary: "Major-hazard criteria items (判定标准) that apply to the enterprise's category",
        params: IdParams,
        response: { 200: z.array(CriterionItemDto), ...errorResponses },
      },
    },
    (req) => criteriaForEnterprise(db, req.ctx, req.params.id),
  );

  app.get(
    "/api/hazard-photos/:id",
    { config: { permission: "hazards.read" }, schema: { tags, summary: "A hazard photo", params: IdParams } },
    async (req, reply) => {
      const photo = await hazardPhoto(db, req.ctx, req.params.id);
      return reply.header("content-type", photo.contentType).header("cache-control", "private, max-age=3600").send(photo.data);
    },
  );
}
