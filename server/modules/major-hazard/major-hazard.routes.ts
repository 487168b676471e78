import { z } from "zod";
import { PageQuery, pageOf } from "../../../domain/common/page.js";
import {
  ComputeRequest,
  ComputeResponse,
  HazardUnit,
  HazardUnitCreate,
  HazardUnitListQuery,
  HazardUnitSummary,
  HazardUnitUpdate,
  Identification,
  MajorHazardSourceQuery,
  SubstanceHits,
  SubstanceSearchQuery,
} from "../../../domain/major-hazard/major-hazard.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import {
  computeUnits,
  createHazardUnit,
  getHazardUnit,
  listEnterpriseHazardUnits,
  listHazardIdentifications,
  listMajorHazardSources,
  searchSubstances,
  updateHazardUnit,
} from "./major-hazard.service.js";

const IdParams = z.object({ id: z.string().uuid() });

export function majorHazardRoutes(app: Server, { db }: AppDeps) {
  app.post(
    "/api/major-hazard/compute",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["major-hazard"],
        summary: "Identify and grade units by GB 18218-2018 (S = Σq/Q, R = α·Σβq/Q, grade), with the working; nothing is stored",
        body: ComputeRequest,
        response: { 200: ComputeResponse, ...errorResponses },
      },
    },
    async (req) => computeUnits(req.body),
  );

  app.get(
    "/api/major-hazard/substances",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["major-hazard"],
        summary: "GB 18218-2018 Table 1 rows by name, alias, CAS or row number (a picker)",
        querystring: SubstanceSearchQuery,
        response: { 200: SubstanceHits, ...errorResponses },
      },
    },
    async (req) => searchSubstances(req.query),
  );

  app.get(
    "/api/major-hazard/sources",
    {
      config: { permission: "major_hazard.read" },
      schema: {
        tags: ["major-hazard"],
        summary: "Major hazard sources in the caller's scope, by grade (一级 first): region subtree and grade filters",
        querystring: MajorHazardSourceQuery,
        response: { 200: pageOf(HazardUnitSummary), ...errorResponses },
      },
    },
    (req) => listMajorHazardSources(db, req.ctx, req.query),
  );

  app.get(
    "/api/enterprises/:id/hazard-units",
    {
      config: { permission: "major_hazard.read" },
      schema: {
        tags: ["major-hazard"],
        summary: "An enterprise's production and storage units with their identification",
        params: IdParams,
        querystring: HazardUnitListQuery,
        response: { 200: pageOf(HazardUnitSummary), ...errorResponses },
      },
    },
    (req) => listEnterpriseHazardUnits(db, req.ctx, req.params.id, req.query),
  );

  app.post(
    "/api/enterprises/:id/hazard-units",
    {
      config: { permission: "major_hazard.manage" },
      schema: {
        tags: ["major-hazard"],
        summary: "Register a unit: identified and graded on save, the computation kept (audited)",
        params: IdParams,
        body: HazardUnitCreate,
        response: { 201: HazardUnit, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createHazardUnit(db, req.ctx, req.params.id, req.body)),
  );

  app.get(
    "/api/hazard-units/:id",
    {
      config: { permission: "major_hazard.read" },
      schema: {
        tags: ["major-hazard"],
        summary: "A unit with its latest identification and working",
        params: IdParams,
        response: { 200: HazardUnit, ...errorResponses },
      },
    },
    (req) => getHazardUnit(db, req.ctx, req.params.id),
  );

  app.patch(
    "/api/hazard-units/:id",
    {
      config: { permission: "major_hazard.manage" },
      schema: {
        tags: ["major-hazard"],
        summary: "Change a unit (version-guarded, re-identified, audited)",
        params: IdParams,
        body: HazardUnitUpdate,
        response: { 200: HazardUnit, ...errorResponses },
      },
    },
    (req) => updateHazardUnit(db, req.ctx, req.params.id, req.body),
  );

  app.get(
    "/api/hazard-units/:id/identifications",
    {
      config: { permission: "major_hazard.read" },
      schema: {
        tags: ["major-hazard"],
        summary: "Every identification computed for the unit, newest first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(Identification), ...errorResponses },
      },
    },
    (req) => listHazardIdentifications(db, req.ctx, req.params.id, req.query),
  );
}
