import { InspectionStats, InspectionStatsQuery } from "../../../domain/inspections/stats.dto.js";
import type { AppDeps } from "../../deps.js";
import { workCalendarOf } from "../../kernel/config.js";
import { contentDisposition } from "../../kernel/http/content-disposition.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { langOf } from "../../kernel/i18n/i18n.js";
import { inspectionStats } from "./inspections.stats.js";
import { inspectionStatsWorkbook, xlsxType } from "./inspections.stats.sheet.js";

const tags = ["inspections"];

export function inspectionStatsRoutes(app: Server, { db, config }: AppDeps) {
  const calendar = workCalendarOf(config); // R7's working days: HOLIDAYS and 调休 WORKDAYS
  app.get(
    "/api/inspections/stats",
    {
      config: { permission: "inspections.stats" },
      schema: {
        tags,
        summary:
          "Inspections by kind, enterprises covered, annual plan coverage, hazards per inspection, 重大 found and double-random inspections for a period: totals plus groups by child region or department",
        querystring: InspectionStatsQuery,
        response: { 200: InspectionStats, ...errorResponses },
      },
    },
    (req) => inspectionStats(db, req.ctx, req.query, calendar),
  );

  app.get(
    "/api/inspections/stats/xlsx",
    {
      config: { permission: "inspections.stats" },
      schema: { tags, summary: "The same figures as GET /api/inspections/stats as an .xlsx table", querystring: InspectionStatsQuery },
    },
    async (req, reply) => {
      const stats = await inspectionStats(db, req.ctx, req.query, calendar);
      const data = await inspectionStatsWorkbook(stats, langOf(req.headers["accept-language"]));
      const name = `监督检查统计-${stats.from}-${stats.to}.xlsx`;
      return reply
        .header("content-type", xlsxType)
        .header("content-disposition", contentDisposition("attachment", "inspection-stats.xlsx", name))
        .send(data);
    },
  );
}
