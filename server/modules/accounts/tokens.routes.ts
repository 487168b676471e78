import { z } from "zod";
import { ApiToken, ApiTokenCreate, ApiTokenCreated } from "../../../domain/auth/auth.dto.js";
import { PageQuery, pageOf } from "../../../domain/common/page.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { createApiToken, listApiTokens, revokeApiToken } from "./tokens.service.js";

export function tokensRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/tokens",
    {
      config: { permission: "tokens.manage" },
      schema: { tags: ["tokens"], querystring: PageQuery, response: { 200: pageOf(ApiToken), ...errorResponses } },
    },
    (req) => listApiTokens(db, req.query),
  );

  app.post(
    "/api/tokens",
    {
      config: { permission: "tokens.manage" },
      schema: {
        tags: ["tokens"],
        summary: "Create an API token acting as a user; the secret is shown once",
        body: ApiTokenCreate,
        response: { 201: ApiTokenCreated, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createApiToken(db, req.ctx, req.body)),
  );

  app.post(
    "/api/tokens/:id/revoke",
    {
      config: { permission: "tokens.manage" },
      schema: { tags: ["tokens"], params: z.object({ id: z.string().uuid() }), response: { 200: ApiToken, ...errorResponses } },
    },
    (req) => revokeApiToken(db, req.ctx, req.params.id),
  );
}
