import { z } from "zod";
import { ErrorBody } from "../../../domain/common/error.js";
import { pageOf } from "../../../domain/common/page.js";
import {
  ExposureCandidate,
  ExposureCandidateQuery,
  ExposureItemAdd,
  ExposureItemEdit,
  ExposureList,
  ExposureListDetail,
  ExposureListOpen,
  ExposureListQuery,
  ExposurePublish,
  ExposureVersionQuery,
  PublicExposure,
  PublicExposureQuery,
} from "../../../domain/hazards/exposure.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import {
  addExposureItem,
  editExposureItem,
  exposureCandidates,
  getExposureList,
  listExposureLists,
  openExposureList,
  publicExposure,
  publishExposureList,
  removeExposureItem,
} from "./hazards.exposure.js";

const IdParams = z.object({ id: z.string().uuid() });
const ItemParams = z.object({ id: z.string().uuid(), itemId: z.string().uuid() });
const tags = ["exposure"];

/** 每周曝光 (R12): regulators' drafting and publication, the public page's endpoint, and the register's Excel export. */
export function exposureRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/exposure/lists",
    {
      config: { permission: "exposure.manage" },
      schema: {
        tags,
        summary: "Weekly exposure lists of the caller's region subtree, newest week first",
        querystring: ExposureListQuery,
        response: { 200: pageOf(ExposureList), ...errorResponses },
      },
    },
    (req) => listExposureLists(db, req.ctx, req.query),
  );

  app.post(
    "/api/exposure/lists",
    {
      config: { permission: "exposure.manage" },
      schema: {
        tags,
        summary: "Open the region's list for a week (Monday), creating the draft when there is none (audited)",
        body: ExposureListOpen,
        response: { 200: ExposureListDetail, 201: ExposureListDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { created, list } = await openExposureList(db, req.ctx, req.body);
      return reply.status(created ? 201 : 200).send(list);
    },
  );

  app.get(
    "/api/exposure/lists/:id",
    {
      config: { permission: "exposure.manage" },
      schema: { tags, summary: "A list with its items", params: IdParams, response: { 200: ExposureListDetail, ...errorResponses } },
    },
    (req) => getExposureList(db, req.ctx, req.params.id),
  );

  app.get(
    "/api/exposure/lists/:id/candidates",
    {
      config: { permission: "exposure.manage" },
      schema: {
        tags,
        summary: "Open hazards of the list's region not on it yet: escalated (exposure rung fired) or any overdue, searchable",
        params: IdParams,
        querystring: ExposureCandidateQuery,
        response: { 200: pageOf(ExposureCandidate), ...errorResponses },
      },
    },
    (req) => exposureCandidates(db, req.ctx, req.params.id, req.query),
  );

  app.post(
    "/api/exposure/lists/:id/items",
    {
      config: { permission: "exposure.manage" },
      schema: {
        tags,
        summary: "Add an overdue hazard to a draft (snapshot of the published fields; version-guarded, audited)",
        params: IdParams,
        body: ExposureItemAdd,
        response: { 200: ExposureListDetail, ...errorResponses },
      },
    },
    (req) => addExposureItem(db, req.ctx, req.params.id, req.body),
  );

  app.patch(
    "/api/exposure/lists/:id/items/:itemId",
    {
      config: { permission: "exposure.manage" },
      schema: {
        tags,
        summary: "Edit an item's published summary (draft only; version-guarded, audited)",
        params: ItemParams,
        body: ExposureItemEdit,
        response: { 200: ExposureListDetail, ...errorResponses },
      },
    },
    (req) => editExposureItem(db, req.ctx, req.params.id, req.params.itemId, req.body),
  );

  app.delete(
    "/api/exposure/lists/:id/items/:itemId",
    {
      config: { permission: "exposure.manage" },
      schema: {
        tags,
        summary: "Remove an item from a draft (version-guarded, audited)",
        params: ItemParams,
        querystring: ExposureVersionQuery,
        response: { 200: ExposureListDetail, ...errorResponses },
      },
    },
    (req) => removeExposureItem(db, req.ctx, req.params.id, req.params.itemId, req.query.version),
  );

  app.post(
    "/api/exposure/lists/:id/publish",
    {
      config: { permission: "exposure.publish" },
      schema: {
        tags,
        summary: "Approve and publish (leaders; days overdue and status refreshed; immutable afterwards; audited)",
        params: IdParams,
        body: ExposurePublish,
        response: { 200: ExposureListDetail, ...errorResponses },
      },
    },
    (req) => publishExposureList(db, req.ctx, req.params.id, req.body.version),
  );

  app.get(
    "/api/public/exposure",
    {
      // No sign-in: the public page /public/exposure. Rate-limited per client address.
      config: { permission: "public" },
      schema: {
        tags,
        summary: "Published weekly exposure lists of a week (default the latest): only the published fields",
        security: [],
        querystring: PublicExposureQuery,
        response: { 200: PublicExposure, 400: ErrorBody, 429: ErrorBody },
      },
    },
    (req) => publicExposure(db, req.ctx, req.query),
  );
}
