import type { ApiToken, ApiTokenCreate } from "../../../../domain/auth/auth.dto.js";
import type { Page } from "../../../../domain/common/page.js";
import { api } from "../../api/client.js";

export type ApiTokenCreated = { token: ApiToken; secret: string };

export const tokensApi = {
  list: (params: { page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<ApiToken>>("/api/tokens", params, signal),
  create: (body: ApiTokenCreate) => api.post<ApiTokenCreated>("/api/tokens", body),
  revoke: (id: string) => api.post<ApiToken>(`/api/tokens/${encodeURIComponent(id)}/revoke`),
};
