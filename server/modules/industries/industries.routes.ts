import { IndustryList, IndustrySearchQuery } from "../../../domain/industries/industry.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { searchIndustries } from "./industries.service.js";

export function industriesRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/industries",
    {
      config: { permission: "industries.read" },
      schema: {
        tags: ["reference"],
        summary: "GB/T 4754-2017 industries by name substring or code prefix",
        querystring: IndustrySearchQuery,
        response: { 200: IndustryList, ...errorResponses },
      },
    },
    (req) => searchIndustries(db, req.query),
  );
}
