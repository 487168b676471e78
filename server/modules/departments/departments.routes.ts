import { z } from "zod";
import { pageOf } from "../../../domain/common/page.js";
import {
  Department,
  DepartmentCreate,
  DepartmentForIndustry,
  DepartmentForIndustryQuery,
  DepartmentListQuery,
  DepartmentUpdate,
  IndustryMappingList,
  IndustryMappingPut,
} from "../../../domain/departments/department.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import {
  createDepartment,
  departmentForIndustry,
  getDepartment,
  listDepartments,
  listIndustryMapping,
  replaceIndustryMapping,
  updateDepartment,
} from "./departments.service.js";

const IdParams = z.object({ id: z.string().uuid() });

export function departmentsRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/departments",
    {
      config: { permission: "departments.read" },
      schema: {
        tags: ["departments"],
        summary: "Supervising departments, by region subtree and kind",
        querystring: DepartmentListQuery,
        response: { 200: pageOf(Department), ...errorResponses },
      },
    },
    (req) => listDepartments(db, req.query),
  );

  app.get(
    "/api/departments/:id",
    {
      config: { permission: "departments.read" },
      schema: { tags: ["departments"], params: IdParams, response: { 200: Department, ...errorResponses } },
    },
    (req) => getDepartment(db, req.params.id),
  );

  app.post(
    "/api/departments",
    {
      config: { permission: "departments.manage" },
      schema: {
        tags: ["departments"],
        summary: "Set up a department (city, county or township; one per kind and region; audited)",
        body: DepartmentCreate,
        response: { 201: Department, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createDepartment(db, req.ctx, req.body)),
  );

  app.patch(
    "/api/departments/:id",
    {
      config: { permission: "departments.manage" },
      schema: {
        tags: ["departments"],
        summary: "Rename a department or change its phone (version-guarded, audited)",
        params: IdParams,
        body: DepartmentUpdate,
        response: { 200: Department, ...errorResponses },
      },
    },
    (req) => updateDepartment(db, req.ctx, req.params.id, req.body),
  );

  app.get(
    "/api/industry-mapping",
    {
      config: { permission: "departments.read" },
      schema: {
        tags: ["departments"],
        summary: "Industry (GB/T 4754-2017 prefix) → department kind table",
        response: { 200: IndustryMappingList, ...errorResponses },
      },
    },
    () => listIndustryMapping(db),
  );

  app.put(
    "/api/industry-mapping",
    {
      config: { permission: "industry_mapping.manage" },
      schema: {
        tags: ["departments"],
        summary: "Replace the whole industry → department kind table (audited)",
        body: IndustryMappingPut,
        response: { 200: IndustryMappingList, ...errorResponses },
      },
    },
    (req) => replaceIndustryMapping(db, req.ctx, req.body),
  );

  app.get(
    "/api/industry-mapping/resolve",
    {
      config: { permission: "departments.read" },
      schema: {
        tags: ["departments"],
        summary: "The industry regulator of an enterprise in a region: longest prefix → kind → nearest department",
        querystring: DepartmentForIndustryQuery,
        response: { 200: DepartmentForIndustry, ...errorResponses },
      },
    },
    (req) => departmentForIndustry(db, req.query.regionCode, req.query.industryCode),
  );
}
