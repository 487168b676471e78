import { z } from "zod";
import { pageOf } from "../../../domain/common/page.js";
import { HazardDetail } from "../../../domain/hazards/hazard.dto.js";
import {
  SupervisionBoardItem,
  SupervisionBoardQuery,
  SupervisionCompletionInput,
  SupervisionDelistInput,
  SupervisionListInput,
  SupervisionResumptionDecisionInput,
  SupervisionResumptionInput,
} from "../../../domain/hazards/supervision.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { configureHazardRules } from "./hazards.escalation.js";
import {
  applyForResumption,
  decideResumption,
  delistHazard,
  listHazardForSupervision,
  reportSupervisionCompletion,
  supervisionBoard,
} from "./hazards.supervision.js";

const IdParams = z.object({ id: z.string().uuid() });
const tags = ["hazards"];

// 挂牌督办 (R8–R10). Regulators (hazards.review) list, decide resumption and delist — at which level and where is
// decided in hazards.supervision.ts; the enterprise (hazards.rectify) reports completion and applies to resume.
export function supervisionRoutes(app: Server, { db, config }: AppDeps) {
  configureHazardRules(config); // MAJOR_LISTING_DAYS, HOLIDAYS (R9, R10/R12)
  app.post(
    "/api/hazards/:id/supervision",
    {
      config: { permission: "hazards.review" },
      schema: {
        tags,
        summary: "挂牌督办: list a major hazard (level, supervising unit, deadline, requirements, suspension, public; audited)",
        params: IdParams,
        body: SupervisionListInput,
        response: { 201: HazardDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await listHazardForSupervision(db, req.ctx, req.params.id, req.body)),
  );

  app.post(
    "/api/hazards/:id/supervision/completion",
    {
      config: { permission: "hazards.rectify" },
      schema: {
        tags,
        summary: "The enterprise's completion report with the evaluation (R9), once the rectification is submitted",
        params: IdParams,
        body: SupervisionCompletionInput,
        response: { 200: HazardDetail, ...errorResponses },
      },
    },
    (req) => reportSupervisionCompletion(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/hazards/:id/supervision/resumption",
    {
      config: { permission: "hazards.rectify" },
      schema: {
        tags,
        summary: "Resumption application after suspension (R9): received today, on-site review due within 10 days",
        params: IdParams,
        body: SupervisionResumptionInput,
        response: { 200: HazardDetail, ...errorResponses },
      },
    },
    (req) => applyForResumption(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/hazards/:id/supervision/resumption/decision",
    {
      config: { permission: "hazards.review" },
      schema: {
        tags,
        summary: "Approve or refuse resumption (the listing's level or above), with a note",
        params: IdParams,
        body: SupervisionResumptionDecisionInput,
        response: { 200: HazardDetail, ...errorResponses },
      },
    },
    (req) => decideResumption(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/hazards/:id/supervision/delist",
    {
      config: { permission: "hazards.review" },
      schema: {
        tags,
        summary: "摘牌: delist and accept the hazard in one step, or reject the completion (back to listed and rectifying)",
        params: IdParams,
        body: SupervisionDelistInput,
        response: { 200: HazardDetail, ...errorResponses },
      },
    },
    (req) => delistHazard(db, req.ctx, req.params.id, req.body),
  );

  app.get(
    "/api/hazards/supervision/board",
    {
      config: { permission: "hazards.read" },
      schema: {
        tags,
        summary: "Active listings in scope, soonest deadline first, with days left (negative once past); filter by level",
        querystring: SupervisionBoardQuery,
        response: { 200: pageOf(SupervisionBoardItem), ...errorResponses },
      },
    },
    (req) => supervisionBoard(db, req.ctx, req.query),
  );
}
