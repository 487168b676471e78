import { z } from "zod";
import {
  CheckCompletion,
  CheckRecord,
  CheckRecordCreate,
  CheckTask,
  CheckTaskCreate,
  CheckTaskEnd,
  CheckTaskListQuery,
  CheckTaskUpdate,
} from "../../../domain/checks/check.dto.js";
import { PageQuery, pageOf } from "../../../domain/common/page.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import {
  checkCompletion,
  checkPhoto,
  createCheckTask,
  endCheckTask,
  getCheckTask,
  listCheckRecords,
  listCheckTasks,
  recordCheck,
  updateCheckTask,
} from "./checks.service.js";

const IdParams = z.object({ id: z.string().uuid() });
const tags = ["checks"];

export function checksRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/enterprises/:id/check-tasks",
    {
      config: { permission: "checks.read" },
      schema: {
        tags,
        summary: "An enterprise's check tasks with their current occurrence and due/done/missed counts",
        params: IdParams,
        querystring: CheckTaskListQuery,
        response: { 200: pageOf(CheckTask), ...errorResponses },
      },
    },
    (req) => listCheckTasks(db, req.ctx, req.params.id, req.query),
  );

  app.get(
    "/api/enterprises/:id/check-completion",
    {
      config: { permission: "checks.read" },
      schema: {
        tags,
        summary: "Completion over closed occurrences, per person/post and for the enterprise",
        params: IdParams,
        response: { 200: CheckCompletion, ...errorResponses },
      },
    },
    (req) => checkCompletion(db, req.ctx, req.params.id),
  );

  app.post(
    "/api/risk-points/:id/check-tasks",
    {
      config: { permission: "checks.manage" },
      schema: {
        tags,
        summary: "Turn one of the point's control measures into a recurring check task (audited)",
        params: IdParams,
        body: CheckTaskCreate,
        response: { 201: CheckTask, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createCheckTask(db, req.ctx, req.params.id, req.body)),
  );

  app.get(
    "/api/check-tasks/:id",
    { config: { permission: "checks.read" }, schema: { tags, params: IdParams, response: { 200: CheckTask, ...errorResponses } } },
    (req) => getCheckTask(db, req.ctx, req.params.id),
  );

  app.patch(
    "/api/check-tasks/:id",
    {
      config: { permission: "checks.manage" },
      schema: {
        tags,
        summary: "Change what is checked, how, or by whom (version-guarded, audited)",
        params: IdParams,
        body: CheckTaskUpdate,
        response: { 200: CheckTask, ...errorResponses },
      },
    },
    (req) => updateCheckTask(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/check-tasks/:id/end",
    {
      config: { permission: "checks.manage" },
      schema: {
        tags,
        summary: "Stop a task from today; its records and counts stay (version-guarded, audited)",
        params: IdParams,
        body: CheckTaskEnd,
        response: { 200: CheckTask, ...errorResponses },
      },
    },
    (req) => endCheckTask(db, req.ctx, req.params.id, req.body),
  );

  app.get(
    "/api/check-tasks/:id/records",
    {
      config: { permission: "checks.read" },
      schema: {
        tags,
        summary: "Records of a task, newest period first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(CheckRecord), ...errorResponses },
      },
    },
    (req) => listCheckRecords(db, req.ctx, req.params.id, req.query),
  );

  app.post(
    "/api/check-tasks/:id/records",
    {
      // A phone photo as base64 (≤ 5 MB decoded) fits in 8 MB of JSON.
      bodyLimit: 8 * 1024 * 1024,
      config: { permission: "checks.record" },
      schema: {
        tags,
        summary: "Do the current occurrence: pass, or fail with what was found (a fail raises a hazard; audited)",
        params: IdParams,
        body: CheckRecordCreate,
        response: { 201: CheckRecord, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await recordCheck(db, req.ctx, req.params.id, req.body)),
  );

  app.get(
    "/api/check-records/:id/photo",
    { config: { permission: "checks.read" }, schema: { tags, summary: "The photo taken with a check", params: IdParams } },
    async (req, reply) => {
      const photo = await checkPhoto(db, req.ctx, req.params.id);
      return reply.header("content-type", photo.contentType).header("cache-control", "private, max-age=3600").send(photo.data);
    },
  );
}
