import { z } from "zod";
import { ErrorBody } from "../../../domain/common/error.js";
import { pageOf } from "../../../domain/common/page.js";
import {
  PublicRandomDraw,
  PublicRandomDrawListItem,
  PublicRandomDrawListQuery,
  RandomDraw,
  RandomDrawExecute,
  RandomDrawListQuery,
  RandomDrawPrepare,
  RandomDrawRecusal,
  RandomDrawSummary,
} from "../../../domain/inspections/random-draw.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import {
  executeRandomDraw,
  getRandomDraw,
  listPublicRandomDraws,
  listRandomDraws,
  prepareRandomDraw,
  publicRandomDraw,
  recuseAfterDraw,
} from "./random-draws.service.js";

const IdParams = z.object({ id: z.string().uuid() });
const tags = ["random-draws"];

/**
 * 双随机一公开 (issue 7 §5, double-random.md): prepare (commit), execute (beacon in), post-draw recusal, the public
 * index and record.
 */
export function randomDrawsRoutes(app: Server, { db, config }: AppDeps) {
  const settings = { rotationRounds: config.drawRotationRounds };
  app.get(
    "/api/random-draws",
    {
      config: { permission: "random_draws.read" },
      schema: {
        tags,
        summary: "Draws of the caller's region subtree, newest first",
        querystring: RandomDrawListQuery,
        response: { 200: pageOf(RandomDrawSummary), ...errorResponses },
      },
    },
    (req) => listRandomDraws(db, req.ctx, req.query),
  );

  app.post(
    "/api/random-draws",
    {
      // A city's recusal list can be long.
      bodyLimit: 4 * 1024 * 1024,
      config: { permission: "random_draws.manage" },
      schema: {
        tags,
        summary: "Prepare a draw: freeze the object and inspector lists with their digests and the beacon's future id (R8.2; audited)",
        body: RandomDrawPrepare,
        response: { 201: RandomDraw, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await prepareRandomDraw(db, req.ctx, req.body, settings)),
  );

  app.get(
    "/api/random-draws/:id",
    {
      config: { permission: "random_draws.read" },
      schema: {
        tags,
        summary: "One draw: commitment, recusals and result",
        params: IdParams,
        response: { 200: RandomDraw, ...errorResponses },
      },
    },
    (req) => getRandomDraw(db, req.ctx, req.params.id),
  );

  app.post(
    "/api/random-draws/:id/execute",
    {
      config: { permission: "random_draws.manage" },
      schema: {
        tags,
        summary: "Execute with the beacon's published value: seed and result computed and stored, once (version-guarded, audited)",
        params: IdParams,
        body: RandomDrawExecute,
        response: { 200: RandomDraw, ...errorResponses },
      },
    },
    (req) => executeRandomDraw(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/random-draws/:id/recusals",
    {
      config: { permission: "random_draws.manage" },
      schema: {
        tags,
        summary: "An officer recuses after the draw: the team's stream picks the replacement (R8.7; version-guarded, audited, published)",
        params: IdParams,
        body: RandomDrawRecusal,
        response: { 200: RandomDraw, ...errorResponses },
      },
    },
    (req) => recuseAfterDraw(db, req.ctx, req.params.id, req.body),
  );

  app.get(
    "/api/public/random-draws",
    {
      // No sign-in; rate-limited per client address like the record.
      config: { permission: "public" },
      schema: {
        tags,
        summary: "Public index: executed draws whose record is revealed, newest first, each re-runnable at its record (R7)",
        security: [],
        querystring: PublicRandomDrawListQuery,
        response: { 200: pageOf(PublicRandomDrawListItem), 400: ErrorBody, 429: ErrorBody },
      },
    },
    (req) => listPublicRandomDraws(db, req.ctx, req.query),
  );

  app.get(
    "/api/public/random-draws/:id",
    {
      // No sign-in: anyone re-runs the draw from this record (R8.8). Rate-limited per client address.
      config: { permission: "public" },
      schema: {
        tags,
        summary: "The published record: beacon, digests, seed text, parameters, canonical lists, recusals, result (R7)",
        security: [],
        params: IdParams,
        response: { 200: PublicRandomDraw, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    (req) => publicRandomDraw(db, req.ctx, req.params.id),
  );
}
