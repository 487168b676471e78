import { z } from "zod";
import {
  HazardReportPeriod,
  HazardReportSubmit,
  HazardReportsOverview,
  HazardReportsQuery,
  HazardStatsQuery,
  HazardStatsResult,
} from "../../../domain/hazards/stats.dto.js";
import { ReportPeriodCode } from "../../../domain/hazards/stats.js";
import type { AppDeps } from "../../deps.js";
import { contentDisposition } from "../../kernel/http/content-disposition.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { enterpriseReportPeriods, hazardReportsOverview, hazardReportXlsx, hazardStats, submitHazardReport } from "./hazards.stats.js";
import { xlsxType } from "./hazards.stats.sheet.js";

const tags = ["hazards"];
const IdParams = z.object({ id: z.string().uuid() });
const PeriodParams = IdParams.extend({ period: ReportPeriodCode });

export function hazardStatsRoutes(app: Server, { db, config }: AppDeps) {
  const opts = { dueInclusive: config.statsDueInclusive };

  app.get(
    "/api/hazards/stats",
    {
      config: { permission: "hazards.read" },
      schema: {
        tags,
        summary:
          "Found, rectified (on time / late), overdue, open 重大, rates and 清零 for a period, totals plus groups by child region, industry, category or enterprise",
        querystring: HazardStatsQuery,
        response: { 200: HazardStatsResult, ...errorResponses },
      },
    },
    (req) => hazardStats(db, req.ctx, req.query),
  );

  app.get(
    "/api/enterprises/:id/hazard-reports",
    {
      config: { permission: "hazards.read" },
      schema: {
        tags,
        summary:
          "The enterprise's 16号令 statistics reports: this quarter and the four before, this year and the last, with due day and status",
        params: IdParams,
        response: { 200: z.array(HazardReportPeriod), ...errorResponses },
      },
    },
    (req) => enterpriseReportPeriods(db, req.ctx, req.params.id, opts),
  );

  app.get(
    "/api/enterprises/:id/hazard-reports/:period/xlsx",
    {
      config: { permission: "hazards.read" },
      schema: {
        tags,
        summary: "The statistics table as .xlsx (frozen figures once submitted, else as of today), with the principal's signature line",
        params: PeriodParams,
      },
    },
    async (req, reply) => {
      const file = await hazardReportXlsx(db, req.ctx, req.params.id, req.params.period, opts);
      return reply
        .header("content-type", xlsxType)
        .header("content-disposition", contentDisposition("attachment", `hazard-report-${req.params.period}.xlsx`, file.fileName))
        .send(file.data);
    },
  );

  app.post(
    "/api/enterprises/:id/hazard-reports/:period/submit",
    {
      // The route admits the enterprise's roles; the service lets only its administrator submit.
      config: { permission: "hazards.rectify" },
      schema: {
        tags,
        summary:
          "Submit the period's statistics table signed by the principal (enterprise administrator, after the period, once; figures frozen; audited)",
        params: PeriodParams,
        body: HazardReportSubmit,
        response: { 201: HazardReportPeriod, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await submitHazardReport(db, req.ctx, req.params.id, req.params.period, req.body, opts)),
  );

  app.get(
    "/api/hazard-reports",
    {
      config: { permission: "hazards.review" },
      schema: {
        tags,
        summary: "Regulators: every enterprise of the region in scope with its submission status for the period (paged, by name)",
        querystring: HazardReportsQuery,
        response: { 200: HazardReportsOverview, ...errorResponses },
      },
    },
    (req) => hazardReportsOverview(db, req.ctx, req.query, opts),
  );
}
