import { z } from "zod";
import { ErrorBody } from "../../../domain/common/error.js";
import { pageOf } from "../../../domain/common/page.js";
import { CreditProposal, CreditProposalQuery, PublicPenalty, PublicPenaltyQuery } from "../../../domain/enforcement/publication.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { getPublicPenalty, listCreditProposals, listPublicPenalties } from "./enforcement.publication.js";

const IdParams = z.object({ id: z.string().uuid() });

/** 行政处罚信息公示 on the public portal (enforcement.md R9) and the leader's list of 严重失信 proposals (credit.md R5). */
export function publicationRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/public/penalties",
    {
      // No sign-in: the public page /public/penalties. Rate-limited per client address.
      config: { permission: "public" },
      schema: {
        tags: ["public"],
        summary: "Published penalty decisions (not withdrawn), newest first: natural persons' names masked",
        security: [],
        querystring: PublicPenaltyQuery,
        response: { 200: pageOf(PublicPenalty), 400: ErrorBody, 429: ErrorBody },
      },
    },
    (req) => listPublicPenalties(db, req.ctx, req.query),
  );

  app.get(
    "/api/public/penalties/:id",
    {
      config: { permission: "public" },
      schema: {
        tags: ["public"],
        summary: "One published penalty decision (404 once withdrawn)",
        security: [],
        params: IdParams,
        response: { 200: PublicPenalty, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    (req) => getPublicPenalty(db, req.ctx, req.params.id),
  );

  app.get(
    "/api/cases/credit-proposals",
    {
      config: { permission: "cases.oversee" },
      schema: {
        tags: ["enforcement"],
        summary: "严重失信 listing proposals raised by penalty decisions, in the caller's region and department subtree",
        querystring: CreditProposalQuery,
        response: { 200: pageOf(CreditProposal), ...errorResponses },
      },
    },
    (req) => listCreditProposals(db, req.ctx, req.query),
  );
}
