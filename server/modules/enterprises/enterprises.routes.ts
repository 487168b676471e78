import { z } from "zod";
import { AuditEntry } from "../../../domain/audit/audit.dto.js";
import { pageOf } from "../../../domain/common/page.js";
import {
  Enterprise,
  EnterpriseCreate,
  EnterpriseListQuery,
  EnterpriseTransition,
  EnterpriseUpdate,
} from "../../../domain/enterprise/enterprise.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import {
  createEnterprise,
  enterpriseHistory,
  getEnterprise,
  listEnterprises,
  transitionEnterprise,
  updateEnterprise,
} from "./enterprises.service.js";
import "./enterprises.messages.js";

const IdParams = z.object({ id: z.string().uuid() });

export function enterprisesRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/enterprises",
    {
      config: { permission: "enterprises.read" },
      schema: {
        tags: ["enterprises"],
        summary: "Enterprises in the caller's scope: name substring or USCC, region subtree, industry, category, scale, status",
        querystring: EnterpriseListQuery,
        response: { 200: pageOf(Enterprise), ...errorResponses },
      },
    },
    (req) => listEnterprises(db, req.ctx, req.query),
  );

  app.get(
    "/api/enterprises/:id",
    {
      config: { permission: "enterprises.read" },
      schema: { tags: ["enterprises"], params: IdParams, response: { 200: Enterprise, ...errorResponses } },
    },
    (req) => getEnterprise(db, req.ctx, req.params.id),
  );

  app.get(
    "/api/enterprises/:id/history",
    {
      config: { permission: "enterprises.read" },
      schema: {
        tags: ["enterprises"],
        summary: "Every recorded change of the enterprise, newest first",
        params: IdParams,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: pageOf(AuditEntry), ...errorResponses },
      },
    },
    (req) => enterpriseHistory(db, req.ctx, req.params.id, req.query),
  );

  app.post(
    "/api/enterprises",
    {
      config: { permission: "enterprises.create" },
      schema: { tags: ["enterprises"], body: EnterpriseCreate, response: { 201: Enterprise, ...errorResponses } },
    },
    async (req, reply) => reply.status(201).send(await createEnterprise(db, req.ctx, req.body)),
  );

  app.patch(
    "/api/enterprises/:id",
    {
      config: { permission: "enterprises.update" },
      schema: { tags: ["enterprises"], params: IdParams, body: EnterpriseUpdate, response: { 200: Enterprise, ...errorResponses } },
    },
    (req) => updateEnterprise(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/enterprises/:id/status",
    {
      config: { permission: "enterprises.transition" },
      schema: {
        tags: ["enterprises"],
        summary: "Suspend (停产整顿), resume or close, with a reason (version-guarded)",
        params: IdParams,
        body: EnterpriseTransition,
        response: { 200: Enterprise, ...errorResponses },
      },
    },
    (req) => transitionEnterprise(db, req.ctx, req.params.id, req.body),
  );
}
