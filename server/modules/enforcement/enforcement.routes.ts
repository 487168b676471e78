import { z } from "zod";
import { ErrorBody } from "../../../domain/common/error.js";
import { pageOf } from "../../../domain/common/page.js";
import { Case, CaseDetail, CaseEventInput, CaseEventType, CaseListQuery, CaseOpen } from "../../../domain/enforcement/case.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { langOf } from "../../kernel/i18n/i18n.js";
import { appendEvent, CaseRefused, configureEnforcement, getCase, listCases, openCase } from "./enforcement.service.js";

const IdParams = z.object({ id: z.string().uuid() });
const tags = ["enforcement"];

/** A refused event: the usual error body plus the event types the case allows today (issue 8 §1). */
const RefusedBody = z.object({
  error: ErrorBody.shape.error.extend({
    allowed: z.array(CaseEventType).optional(),
    refusal: z
      .object({ type: CaseEventType, code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })
      .optional(),
  }),
});

export function enforcementRoutes(app: Server, { db, config }: AppDeps) {
  configureEnforcement(config); // CASE_NUMBER_TEMPLATE, ENFORCEMENT_RULES

  app.get(
    "/api/cases",
    {
      config: { permission: "cases.read" },
      schema: {
        tags,
        summary: "Enforcement cases in scope (regulators: their region and department subtree; an enterprise: its own)",
        querystring: CaseListQuery,
        response: { 200: pageOf(Case), ...errorResponses },
      },
    },
    (req) => listCases(db, req.ctx, req.query),
  );

  app.post(
    "/api/cases",
    {
      config: { permission: "cases.manage" },
      schema: {
        tags,
        summary: "Open a case from a finished regulator inspection: gap-free case number, violations, the `opened` event (audited)",
        body: CaseOpen,
        response: { 201: CaseDetail, ...errorResponses, 409: RefusedBody },
      },
    },
    async (req, reply) => {
      try {
        return reply.status(201).send(await openCase(db, req.ctx, req.body));
      } catch (e) {
        if (e instanceof CaseRefused) return reply.status(409).send(refusedBody(e, req.headers["accept-language"], req.id));
        throw e;
      }
    },
  );

  app.get(
    "/api/cases/:id",
    {
      config: { permission: "cases.read" },
      schema: {
        tags,
        summary: "A case with its timeline, violations, derived state, the events allowed next and the running clocks",
        params: IdParams,
        response: { 200: CaseDetail, ...errorResponses },
      },
    },
    (req) => getCase(db, req.ctx, req.params.id),
  );

  // Events are append-only: there is no route to change or remove one (and the database refuses both). Declared
  // cases.read because the enterprise's administrator submits the party's own acts; the policy decides who appends
  // what (enforcement.policy assertMayAppend: officers any type, the party its acts, enterprise staff nothing).
  app.post(
    "/api/cases/:id/events",
    {
      config: { permission: "cases.read" },
      schema: {
        tags,
        summary:
          "Append one event (version-guarded, audited; officers any type, the enterprise administrator the party's own acts, which notify the officers); refused → 409 with the types allowed today",
        params: IdParams,
        body: CaseEventInput,
        response: { 200: CaseDetail, ...errorResponses, 409: RefusedBody },
      },
    },
    async (req, reply) => {
      try {
        return await appendEvent(db, req.ctx, req.params.id, req.body);
      } catch (e) {
        if (e instanceof CaseRefused) return reply.status(409).send(refusedBody(e, req.headers["accept-language"], req.id));
        throw e;
      }
    },
  );
}

function refusedBody(e: CaseRefused, acceptLanguage: string | undefined, requestId: string) {
  const lang = langOf(acceptLanguage);
  return { error: { code: e.code, message: e.messageIn(lang), requestId, allowed: e.allowed, refusal: e.refusal } };
}
