import { parseFiveBatchTags } from "../../../domain/enforcement/outcomes.js";
import { CaseStats, CaseStatsQuery } from "../../../domain/enforcement/stats.dto.js";
import type { AppDeps } from "../../deps.js";
import { contentDisposition } from "../../kernel/http/content-disposition.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { langOf } from "../../kernel/i18n/i18n.js";
import { caseStats, configureFiveBatchTags } from "./enforcement.stats.js";
import { caseStatsWorkbook, xlsxType } from "./enforcement.stats.sheet.js";

const tags = ["enforcement"];

export function caseStatsRoutes(app: Server, { db, config }: AppDeps) {
  configureFiveBatchTags(parseFiveBatchTags(config.fiveBatchTags)); // enforcement.md R8
  app.get(
    "/api/cases/stats",
    {
      config: { permission: "cases.oversee" },
      schema: {
        tags,
        summary:
          "Enforcement figures for a period: inspections with violations, orders, re-inspections, penalties and fines, daily fines, suspensions, cases closed in time, 五个一批 — totals plus groups by child region or department",
        querystring: CaseStatsQuery,
        response: { 200: CaseStats, ...errorResponses },
      },
    },
    (req) => caseStats(db, req.ctx, req.query),
  );

  app.get(
    "/api/cases/stats.xlsx",
    {
      config: { permission: "cases.oversee" },
      schema: { tags, summary: "The same figures as GET /api/cases/stats as an .xlsx table", querystring: CaseStatsQuery },
    },
    async (req, reply) => {
      const stats = await caseStats(db, req.ctx, req.query);
      const data = await caseStatsWorkbook(stats, langOf(req.headers["accept-language"]));
      const name = `执法统计-${stats.from}-${stats.to}.xlsx`;
      return reply
        .header("content-type", xlsxType)
        .header("content-disposition", contentDisposition("attachment", "case-stats.xlsx", name))
        .send(data);
    },
  );
}
