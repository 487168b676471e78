import { existsSync } from "node:fs";
import fastifyStatic from "@fastify/static";
import { z } from "zod";
import type { AppDeps } from "./deps.js";
import { installAuthentication } from "./kernel/auth/authenticate.js";
import { createServer, type Server } from "./kernel/http/server.js";
import { authRoutes } from "./modules/accounts/auth.routes.js";
import { authenticator } from "./modules/accounts/session.service.js";
import { tokensRoutes } from "./modules/accounts/tokens.routes.js";
import { usersRoutes } from "./modules/accounts/users.routes.js";
import { auditRoutes } from "./modules/audit/audit.routes.js";
import { registerChecklistMoves } from "./modules/checklists/checklists.moves.js";
import { checklistsRoutes } from "./modules/checklists/checklists.routes.js";
import { registerChecksMoves } from "./modules/checks/checks.moves.js";
import { checksRoutes } from "./modules/checks/checks.routes.js";
import { departmentsRoutes } from "./modules/departments/departments.routes.js";
import { caseClockRoutes } from "./modules/enforcement/enforcement.clocks.routes.js";
import { enforcementDocumentsRoutes } from "./modules/enforcement/enforcement.documents.routes.js";
import { publicationRoutes } from "./modules/enforcement/enforcement.publication.routes.js";
import { enforcementRoutes } from "./modules/enforcement/enforcement.routes.js";
import { caseStatsRoutes } from "./modules/enforcement/enforcement.stats.routes.js";
import { enterpriseSheetRoutes, enterprisesRoutes } from "./modules/enterprises/enterprises.routes.js";
import { gridRoutes } from "./modules/grid/grid.routes.js";
import { exposureRoutes } from "./modules/hazards/hazards.exposure.routes.js";
import { registerHazardMoves } from "./modules/hazards/hazards.moves.js";
import { hazardsRoutes } from "./modules/hazards/hazards.routes.js";
import { registerHazardHooks } from "./modules/hazards/hazards.service.js";
import { hazardStatsRoutes } from "./modules/hazards/hazards.stats.routes.js";
import { supervisionRoutes } from "./modules/hazards/hazards.supervision.routes.js";
import { industriesRoutes } from "./modules/industries/industries.routes.js";
import { registerInspectionMoves } from "./modules/inspections/inspections.moves.js";
import { inspectionPlansRoutes } from "./modules/inspections/inspections.plans.routes.js";
import { inspectionsRoutes } from "./modules/inspections/inspections.routes.js";
import { selfInspectionRoutes } from "./modules/inspections/inspections.self.routes.js";
import { inspectionStatsRoutes } from "./modules/inspections/inspections.stats.routes.js";
import { registerMajorHazardMoves } from "./modules/major-hazard/major-hazard.moves.js";
import { majorHazardRoutes } from "./modules/major-hazard/major-hazard.routes.js";
import { notificationsRoutes } from "./modules/notifications/notifications.routes.js";
import { randomDrawsRoutes } from "./modules/random-draws/random-draws.routes.js";
import { regionsRoutes } from "./modules/regions/regions.routes.js";
import { registerRiskMoves } from "./modules/risk/risk.moves.js";
import { riskRoutes } from "./modules/risk/risk.routes.js";
import { riskNoticeCardRoutes } from "./modules/risk/risk-notice-card.routes.js";

/** Builds the whole HTTP application on the given database; tests call this and use app.inject. */
export async function buildApp(deps: AppDeps): Promise<Server> {
  const { config } = deps;
  const app = await createServer({
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    importMaxMb: config.importMaxMb,
    version: deps.version,
  });
  installAuthentication(
    app,
    authenticator(deps.db, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours }),
    {
      clock: deps.clock,
      cookieSecure: config.cookieSecure,
    },
  );

  app.get(
    "/api/health",
    {
      config: { permission: "public" },
      schema: {
        tags: ["system"],
        response: { 200: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgresql"]), version: z.string() }) },
      },
    },
    async () => ({ status: "ok" as const, database: deps.dbKind, version: deps.version }),
  );
  app.get("/api/openapi.json", { config: { permission: "public" }, schema: { hide: true } }, async () => app.swagger());

  registerHazardHooks(); // a failed check raises a hazard in its transaction (checks.hooks.ts)
  // 企业迁址: records of what an enterprise is and has follow it to its new region (enterprises.moves.ts).
  registerRiskMoves();
  registerChecksMoves();
  registerMajorHazardMoves();
  registerHazardMoves();
  registerInspectionMoves();
  registerChecklistMoves();
  for (const routes of [
    authRoutes,
    usersRoutes,
    tokensRoutes,
    auditRoutes,
    regionsRoutes,
    industriesRoutes,
    enterpriseSheetRoutes,
    enterprisesRoutes,
    departmentsRoutes,
    gridRoutes,
    majorHazardRoutes,
    checksRoutes,
    checklistsRoutes,
    inspectionsRoutes,
    selfInspectionRoutes,
    inspectionStatsRoutes,
    inspectionPlansRoutes,
    hazardStatsRoutes,
    hazardsRoutes,
    exposureRoutes,
    supervisionRoutes,
    caseClockRoutes,
    enforcementRoutes,
    enforcementDocumentsRoutes,
    publicationRoutes,
    caseStatsRoutes,
    notificationsRoutes,
    riskRoutes,
    riskNoticeCardRoutes,
    randomDrawsRoutes,
  ])
    routes(app, deps);

  if (deps.webDist && existsSync(deps.webDist)) {
    // One public route serves the web client: files by path (hashed assets cached for a year),
    // client-side routes (/login, /admin/users…) the SPA shell; unknown /api paths stay JSON 404s.
    await app.register(fastifyStatic, { root: deps.webDist, serve: false });
    app.get("/*", { config: { permission: "public" }, schema: { hide: true } }, (req, reply) => {
      const path = req.url.split("?")[0] ?? "/";
      if (path.startsWith("/api/")) return reply.callNotFound();
      if (path.startsWith("/assets/")) return reply.sendFile(path, { maxAge: "365d", immutable: true });
      if (/\.\w+$/.test(path)) return reply.sendFile(path);
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    });
  }
  return app;
}
