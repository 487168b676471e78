import { z } from "zod";
import { RegionCode } from "../../../domain/access/roles.js";
import { pageOf } from "../../../domain/common/page.js";
import {
  GridAssignment,
  GridAssignmentCreate,
  GridAssignmentEnd,
  GridAssignmentListQuery,
  GridAssignmentUpdate,
  GridNode,
} from "../../../domain/grid/grid.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { assignGridMember, endGridAssignment, getGridNode, listGridAssignments, updateGridAssignment } from "./grid.service.js";

const CodeParams = z.object({ code: RegionCode });
const IdParams = z.object({ id: z.string().uuid() });

export function gridRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/grid/:code",
    {
      config: { permission: "grid.read" },
      schema: {
        tags: ["grid"],
        summary: "A grid node: the region, its members and duties, and its subtree's enterprises, members and children",
        params: CodeParams,
        response: { 200: GridNode, ...errorResponses },
      },
    },
    (req) => getGridNode(db, req.ctx, req.params.code),
  );

  app.get(
    "/api/grid/:code/assignments",
    {
      config: { permission: "grid.read" },
      schema: {
        tags: ["grid"],
        summary: "Assignments on the nodes of a subtree (active, ended or all)",
        params: CodeParams,
        querystring: GridAssignmentListQuery,
        response: { 200: pageOf(GridAssignment), ...errorResponses },
      },
    },
    (req) => listGridAssignments(db, req.ctx, req.params.code, req.query),
  );

  app.post(
    "/api/grid/assignments",
    {
      config: { permission: "grid.manage" },
      schema: {
        tags: ["grid"],
        summary: "Assign a grid member to a township or village with its duties (audited)",
        body: GridAssignmentCreate,
        response: { 201: GridAssignment, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await assignGridMember(db, req.ctx, req.body)),
  );

  app.patch(
    "/api/grid/assignments/:id",
    {
      config: { permission: "grid.manage" },
      schema: {
        tags: ["grid"],
        summary: "Change an assignment's duties (version-guarded, audited)",
        params: IdParams,
        body: GridAssignmentUpdate,
        response: { 200: GridAssignment, ...errorResponses },
      },
    },
    (req) => updateGridAssignment(db, req.ctx, req.params.id, req.body),
  );

  app.post(
    "/api/grid/assignments/:id/end",
    {
      config: { permission: "grid.manage" },
      schema: {
        tags: ["grid"],
        summary: "End an assignment (kept as history; version-guarded, audited)",
        params: IdParams,
        body: GridAssignmentEnd,
        response: { 200: GridAssignment, ...errorResponses },
      },
    },
    (req) => endGridAssignment(db, req.ctx, req.params.id, req.body),
  );
}
