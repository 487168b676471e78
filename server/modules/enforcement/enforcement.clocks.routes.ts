import { pageOf } from "../../../domain/common/page.js";
import { CaseBoardItem, CaseBoardQuery } from "../../../domain/enforcement/board.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import "./clocks.messages.js";
import { caseBoard } from "./enforcement.clocks.js";

/** Issue 8 §3: the overdue-steps board of the department's side (the escalation job is in server/jobs.ts). */
export function caseClockRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/cases/board",
    {
      config: { permission: "cases.oversee" },
      schema: {
        tags: ["enforcement"],
        summary:
          "Cases in scope with running clocks (enforcement.md R2), earliest due first, an inspector's own cases first; each clock with its days overdue and the escalation rungs fired",
        querystring: CaseBoardQuery,
        response: { 200: pageOf(CaseBoardItem), ...errorResponses },
      },
    },
    (req) => caseBoard(db, req.ctx, req.query),
  );
}
