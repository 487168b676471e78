import { z } from "zod";
import { ErrorBody } from "../../../domain/common/error.js";
import { pageOf } from "../../../domain/common/page.js";
import {
  Inspection,
  InspectionCreate,
  InspectionDetail,
  InspectionFinish,
  InspectionListQuery,
  InspectionResponsesPut,
  InspectionResponsesResult,
  InspectorOption,
  InspectorOptionQuery,
  maxPhotosPerBatch,
  PublicDrawResults,
} from "../../../domain/inspections/inspection.dto.js";
import type { AppDeps } from "../../deps.js";
import { workCalendarOf } from "../../kernel/config.js";
import { contentDisposition } from "../../kernel/http/content-disposition.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { publicDrawResults } from "./inspections.publication.js";
import { inspectionReport } from "./inspections.report.js";
import {
  createInspection,
  finishInspection,
  getInspection,
  inspectionPhoto,
  listInspections,
  putInspectionResponses,
  teamCandidates,
} from "./inspections.service.js";

const IdParams = z.object({ id: z.string().uuid() });
const tags = ["inspections"];
// Base64 photos (≤ 10 MB each) in one batch, plus up to 1,000 answers.
const responsesBodyLimit = maxPhotosPerBatch * 14 * 1024 * 1024 + 2 * 1024 * 1024;
// Up to 12 signatures of ≤ 1 MB as base64.
const finishBodyLimit = 24 * 1024 * 1024;

export function inspectionsRoutes(app: Server, { db, config }: AppDeps) {
  const calendar = workCalendarOf(config); // R7's working days: HOLIDAYS and 调休 WORKDAYS

  app.get(
    "/api/inspections",
    {
      config: { permission: "inspections.read" },
      schema: {
        tags,
        summary: "Inspections in scope, newest first (kind, status, enterprise, region subtree, mine)",
        querystring: InspectionListQuery,
        response: { 200: pageOf(Inspection), ...errorResponses },
      },
    },
    (req) => listInspections(db, req.ctx, req.query),
  );

  app.get(
    "/api/inspections/team-candidates",
    {
      config: { permission: "inspections.team" },
      schema: {
        tags,
        summary: "Certified regulators of the caller's region who may be put on a team (name and 执法证号)",
        querystring: InspectorOptionQuery,
        response: { 200: z.array(InspectorOption), ...errorResponses },
      },
    },
    (req) => teamCandidates(db, req.ctx, req.query),
  );

  app.post(
    "/api/inspections",
    {
      config: { permission: "inspections.conduct" },
      schema: {
        tags,
        summary: "Start an inspection on a frozen checklist version (regulator inspections: ≥ 2 certified inspectors; audited)",
        body: InspectionCreate,
        response: { 201: InspectionDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createInspection(db, req.ctx, req.body)),
  );

  app.get(
    "/api/inspections/:id",
    {
      config: { permission: "inspections.read" },
      schema: {
        tags,
        summary: "An inspection with its checklist version, answers, photos, signatures and the hazards it raised",
        params: IdParams,
        response: { 200: InspectionDetail, ...errorResponses },
      },
    },
    (req) => getInspection(db, req.ctx, req.params.id),
  );

  app.put(
    "/api/inspections/:id/responses",
    {
      bodyLimit: responsesBodyLimit,
      config: { permission: "inspections.conduct" },
      schema: {
        tags,
        summary:
          "A batch of answers and photos, all or nothing; idempotent by client ids; version-guarded (409 + x-inspection-version when stale)",
        params: IdParams,
        body: InspectionResponsesPut,
        response: { 200: InspectionResponsesResult, ...errorResponses },
      },
    },
    (req) => putInspectionResponses(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/inspections/:id/finish",
    {
      bodyLimit: finishBodyLimit,
      config: { permission: "inspections.conduct" },
      schema: {
        tags,
        summary: "Sign and finish: one hazard per failed item, atomically; the record becomes read-only",
        params: IdParams,
        body: InspectionFinish,
        response: { 200: InspectionDetail, ...errorResponses },
      },
    },
    (req) => finishInspection(db, req.ctx, req.params.id, req.body),
  );

  app.get(
    "/api/inspections/:id/report.pdf",
    {
      config: { permission: "inspections.read" },
      schema: { tags, summary: "现场检查记录: the inspection report as an A4 PDF (Chinese)", params: IdParams },
    },
    async (req, reply) => {
      const { pdf, fileName } = await inspectionReport(db, req.ctx, req.params.id);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", contentDisposition("inline", "inspection-report.pdf", fileName))
        .send(pdf);
    },
  );

  app.get(
    "/api/public/random-draws/:id/results",
    {
      // No sign-in (double-random.md R7); 404 until the draw's public record shows its result. Rate-limited.
      config: { permission: "public" },
      schema: {
        tags,
        summary:
          "双随机一公开 results: per finished inspection of a drawn enterprise its name, USCC, date and result, and the publication deadline (R7)",
        security: [],
        params: IdParams,
        response: { 200: PublicDrawResults, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    (req) => publicDrawResults(db, req.ctx, req.params.id, calendar),
  );

  app.get(
    "/api/inspection-photos/:id",
    { config: { permission: "inspections.read" }, schema: { tags, summary: "An inspection photo", params: IdParams } },
    async (req, reply) => {
      const photo = await inspectionPhoto(db, req.ctx, req.params.id);
      return reply.header("content-type", photo.contentType).header("cache-control", "private, max-age=3600").send(photo.data);
    },
  );
}
