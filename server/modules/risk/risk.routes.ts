import { z } from "zod";
import { RegionCode } from "../../../domain/access/roles.js";
import { AuditEntry } from "../../../domain/audit/audit.dto.js";
import { ErrorBody } from "../../../domain/common/error.js";
import { PageQuery, pageOf } from "../../../domain/common/page.js";
import { PolicyId, RiskPolicyCreate } from "../../../domain/risk/policy.js";
import {
  Assessment,
  AssessmentCreate,
  AssessRequest,
  AssessResponse,
  EnterpriseRiskSummary,
  OverdueItem,
  OverdueQuery,
  PolicyEntry,
  PolicyListQuery,
  RegionRiskMap,
  RegionRiskSummary,
  RegionSummaryQuery,
  RiskPoint,
  RiskPointCreate,
  RiskPointListQuery,
  RiskPointUpdate,
  RiskSettings,
  RiskSettingsUpdate,
  SitePlan,
  TriggerCreate,
} from "../../../domain/risk/risk.dto.js";
import type { AppDeps } from "../../deps.js";
import { AppError, badRequest } from "../../kernel/http/errors.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import {
  enterpriseRiskSummary,
  listOverdue,
  regionRiskMap,
  regionRiskSummary,
  sitePlanImage,
  sitePlanMaxBytes,
  uploadSitePlan,
} from "./risk.map.js";
import { assessFactors, createPolicy, listPolicies, policyHistory } from "./risk.policies.js";
import {
  assessRiskPoint,
  createRiskPoint,
  getRiskPoint,
  getRiskSettings,
  listAssessments,
  listRiskPoints,
  recordReassessmentTrigger,
  riskPointHistory,
  updateRiskPoint,
  updateRiskSettings,
} from "./risk.service.js";
import "./risk.messages.js";

const IdParams = z.object({ id: z.string().uuid() });
const tags = ["risk"];

export function riskRoutes(app: Server, { db }: AppDeps) {
  // ── methods ──
  app.post(
    "/api/risk/assess",
    {
      config: { permission: "authenticated" },
      schema: {
        tags,
        summary: "Grade factors under a policy (latest effective version unless named); stores nothing",
        body: AssessRequest,
        response: { 200: AssessResponse, ...errorResponses },
      },
    },
    (req) => assessFactors(db, req.ctx, req.body),
  );

  app.get(
    "/api/risk/policies",
    {
      config: { permission: "risk.read" },
      schema: {
        tags,
        summary: "Policies usable for assessments: built-in, the deployment's and one enterprise's own (latest versions)",
        querystring: PolicyListQuery,
        response: { 200: z.object({ items: z.array(PolicyEntry) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listPolicies(db, req.ctx, req.query) }),
  );

  app.get(
    "/api/risk/policies/:policyId",
    {
      config: { permission: "risk.read" },
      schema: {
        tags,
        summary: "Every version of one policy, oldest first",
        params: z.object({ policyId: PolicyId }),
        response: { 200: z.object({ items: z.array(PolicyEntry) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await policyHistory(db, req.ctx, req.params.policyId) }),
  );

  app.post(
    "/api/risk/policies",
    {
      config: { permission: "risk.manage" },
      schema: {
        tags,
        summary: "Add a policy or a new version of one (immutable once stored; audited)",
        body: RiskPolicyCreate,
        response: { 201: PolicyEntry, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createPolicy(db, req.ctx, req.body)),
  );

  // ── an enterprise's risk register ──
  app.get(
    "/api/enterprises/:id/risk-points",
    {
      config: { permission: "risk.read" },
      schema: {
        tags,
        summary: "The enterprise's risk points (风险点), by name; filter by level or name",
        params: IdParams,
        querystring: RiskPointListQuery,
        response: { 200: pageOf(RiskPoint), ...errorResponses },
      },
    },
    (req) => listRiskPoints(db, req.ctx, req.params.id, req.query),
  );

  app.post(
    "/api/enterprises/:id/risk-points",
    {
      config: { permission: "risk.manage" },
      schema: {
        tags,
        summary: "Add a risk point with its risk events and control measures (due for assessment at once; audited)",
        params: IdParams,
        body: RiskPointCreate,
        response: { 201: RiskPoint, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createRiskPoint(db, req.ctx, req.params.id, req.body)),
  );

  app.get(
    "/api/enterprises/:id/risk-summary",
    {
      config: { permission: "risk.read" },
      schema: {
        tags,
        summary: "Overall level (the highest point's), points by level, reviews due, site plan and settings",
        params: IdParams,
        response: { 200: EnterpriseRiskSummary, ...errorResponses },
      },
    },
    (req) => enterpriseRiskSummary(db, req.ctx, req.params.id),
  );

  app.get(
    "/api/enterprises/:id/risk-settings",
    {
      config: { permission: "risk.read" },
      schema: {
        tags,
        summary: "Control layer per level (R9) and review interval (R11); version 0 = defaults",
        params: IdParams,
        response: { 200: RiskSettings, ...errorResponses },
      },
    },
    (req) => getRiskSettings(db, req.ctx, req.params.id),
  );

  app.put(
    "/api/enterprises/:id/risk-settings",
    {
      config: { permission: "risk.manage" },
      schema: {
        tags,
        summary: "Change the control layers and review interval (version-guarded; version 0 the first time; audited)",
        params: IdParams,
        body: RiskSettingsUpdate,
        response: { 200: RiskSettings, ...errorResponses },
      },
    },
    (req) => updateRiskSettings(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/enterprises/:id/site-plan",
    {
      config: { permission: "risk.manage" },
      schema: {
        tags,
        summary: "Upload the site plan (multipart field `file`, PNG or JPEG, ≤ 10 MB); replaces the previous one",
        consumes: ["multipart/form-data"],
        params: IdParams,
        response: { 201: SitePlan, ...errorResponses, 413: ErrorBody },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw badRequest("risk.plan_no_file");
      const file = await req.file({ limits: { fileSize: sitePlanMaxBytes, files: 1 } });
      if (!file) throw badRequest("risk.plan_no_file");
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
          throw new AppError(413, "risk.plan_too_large", { params: { mb: sitePlanMaxBytes / 1024 / 1024 } });
        }
        throw err;
      }
      return reply.status(201).send(await uploadSitePlan(db, req.ctx, req.params.id, bytes));
    },
  );

  app.get(
    "/api/enterprises/:id/site-plan",
    {
      config: { permission: "risk.read" },
      schema: { tags, summary: "The site plan image", params: IdParams },
    },
    async (req, reply) => {
      const plan = await sitePlanImage(db, req.ctx, req.params.id);
      return reply
        .header("content-type", plan.contentType)
        .header("cache-control", "private, no-cache")
        .header("etag", `"${plan.sha256}"`)
        .send(plan.bytes);
    },
  );

  // ── one risk point ──
  app.get(
    "/api/risk-points/:id",
    {
      config: { permission: "risk.read" },
      schema: { tags, params: IdParams, response: { 200: RiskPoint, ...errorResponses } },
    },
    (req) => getRiskPoint(db, req.ctx, req.params.id),
  );

  app.patch(
    "/api/risk-points/:id",
    {
      config: { permission: "risk.manage" },
      schema: {
        tags,
        summary: "Edit a risk point, its events and measures, or its place on the site plan (version-guarded; audited)",
        params: IdParams,
        body: RiskPointUpdate,
        response: { 200: RiskPoint, ...errorResponses },
      },
    },
    (req) => updateRiskPoint(db, req.ctx, req.params.id, req.body),
  );

  app.get(
    "/api/risk-points/:id/history",
    {
      config: { permission: "risk.read" },
      schema: {
        tags,
        summary: "Every recorded change of the point, newest first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(AuditEntry), ...errorResponses },
      },
    },
    (req) => riskPointHistory(db, req.ctx, req.params.id, req.query),
  );

  app.get(
    "/api/risk-points/:id/assessments",
    {
      config: { permission: "risk.read" },
      schema: {
        tags,
        summary: "The point's assessments, newest first (each with its policy version, inputs and outputs)",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(Assessment), ...errorResponses },
      },
    },
    (req) => listAssessments(db, req.ctx, req.params.id, req.query),
  );

  app.post(
    "/api/risk-points/:id/assessments",
    {
      config: { permission: "risk.manage" },
      schema: {
        tags,
        summary: "(Re-)assess the point: a new assessment; the point's level, control layer and review date follow (audited)",
        params: IdParams,
        body: AssessmentCreate,
        response: { 201: Assessment, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await assessRiskPoint(db, req.ctx, req.params.id, req.body)),
  );

  app.post(
    "/api/risk-points/:id/triggers",
    {
      config: { permission: "risk.manage" },
      schema: {
        tags,
        summary: "Record a change, accident or other re-assessment trigger (R11): the point is due today",
        params: IdParams,
        body: TriggerCreate,
        response: { 200: RiskPoint, ...errorResponses },
      },
    },
    (req) => recordReassessmentTrigger(db, req.ctx, req.params.id, req.body),
  );

  // ── oversight ──
  app.get(
    "/api/risk/overdue",
    {
      config: { permission: "risk.read" },
      schema: {
        tags,
        summary: "Risk points due or overdue for re-assessment in the caller's scope, longest overdue first",
        querystring: OverdueQuery,
        response: { 200: pageOf(OverdueItem), ...errorResponses },
      },
    },
    (req) => listOverdue(db, req.ctx, req.query),
  );

  app.get(
    "/api/risk/regions/:code/summary",
    {
      config: { permission: "risk.read" },
      schema: {
        tags,
        summary: "Enterprises by highest risk level per child region, and those with red (重大) risks (paginated)",
        params: z.object({ code: RegionCode }),
        querystring: RegionSummaryQuery,
        response: { 200: RegionRiskSummary, ...errorResponses },
      },
    },
    (req) => regionRiskSummary(db, req.ctx, req.params.code, req.query),
  );

  app.get(
    "/api/risk/regions/:code/map",
    {
      config: { permission: "risk.read" },
      schema: {
        tags,
        summary: "Assessed enterprises of the subtree with GPS points, coloured by their overall level (regional risk map)",
        params: z.object({ code: RegionCode }),
        response: { 200: RegionRiskMap, ...errorResponses },
      },
    },
    (req) => regionRiskMap(db, req.ctx, req.params.code),
  );
}
