import { z } from "zod";
import { pageOf } from "../../../domain/common/page.js";
import {
  SelfCompletion,
  SelfCompletionQuery,
  SelfSchedule,
  SelfScheduleCreate,
  SelfScheduleEnd,
  SelfScheduleListQuery,
  SelfScheduleStarted,
  SelfScheduleUpdate,
} from "../../../domain/inspections/self.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import {
  createSelfSchedule,
  endSelfSchedule,
  getSelfSchedule,
  listSelfSchedules,
  selfCompletion,
  startSelfOccurrence,
  updateSelfSchedule,
} from "./inspections.self.js";

const IdParams = z.object({ id: z.string().uuid() });
const tags = ["self-inspections"];

export function selfInspectionRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/self-inspections/schedules",
    {
      config: { permission: "self_inspections.read" },
      schema: {
        tags,
        summary: "An enterprise's self-inspection schedules with the open occurrence, due/done/missed and recent missed occurrences",
        querystring: SelfScheduleListQuery,
        response: { 200: pageOf(SelfSchedule), ...errorResponses },
      },
    },
    (req) => listSelfSchedules(db, req.ctx, req.query),
  );

  app.post(
    "/api/self-inspections/schedules",
    {
      config: { permission: "self_inspections.manage" },
      schema: {
        tags,
        summary: "Schedule a published checklist daily/weekly/monthly… for a person or a post (audited)",
        body: SelfScheduleCreate,
        response: { 201: SelfSchedule, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createSelfSchedule(db, req.ctx, req.body)),
  );

  app.get(
    "/api/self-inspections/schedules/:id",
    {
      config: { permission: "self_inspections.read" },
      schema: { tags, params: IdParams, response: { 200: SelfSchedule, ...errorResponses } },
    },
    (req) => getSelfSchedule(db, req.ctx, req.params.id),
  );

  app.put(
    "/api/self-inspections/schedules/:id",
    {
      config: { permission: "self_inspections.manage" },
      schema: {
        tags,
        summary: "Change the title, checklist or who does it (version-guarded, audited); the frequency is fixed",
        params: IdParams,
        body: SelfScheduleUpdate,
        response: { 200: SelfSchedule, ...errorResponses },
      },
    },
    (req) => updateSelfSchedule(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/self-inspections/schedules/:id/end",
    {
      config: { permission: "self_inspections.manage" },
      schema: {
        tags,
        summary: "Stop a schedule from today; its inspections and counts stay (version-guarded, audited)",
        params: IdParams,
        body: SelfScheduleEnd,
        response: { 200: SelfSchedule, ...errorResponses },
      },
    },
    (req) => endSelfSchedule(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/self-inspections/schedules/:id/start",
    {
      config: { permission: "self_inspections.start" },
      schema: {
        tags,
        summary: "Start the open occurrence's self-inspection (one per occurrence: a second start returns the same inspection)",
        params: IdParams,
        response: { 200: SelfScheduleStarted, 201: SelfScheduleStarted, ...errorResponses },
      },
    },
    async (req, reply) => {
      const started = await startSelfOccurrence(db, req.ctx, req.params.id);
      return reply.status(started.created ? 201 : 200).send(started);
    },
  );

  app.get(
    "/api/self-inspections/completion",
    {
      config: { permission: "self_inspections.completion" },
      schema: {
        tags,
        summary: "Regulators: self-inspection occurrences due, done and missed, and the rate, per child region and per enterprise",
        querystring: SelfCompletionQuery,
        response: { 200: SelfCompletion, ...errorResponses },
      },
    },
    (req) => selfCompletion(db, req.ctx, req.query),
  );
}
