import { api } from "../../api/client.js";

export type Health = { status: "ok" | string; database: "pglite" | "postgresql" | string; version: string };

export const healthApi = {
  get: (signal?: AbortSignal) => api.get<Health>("/api/health", undefined, signal),
};
