import type { ChangePasswordRequest, LoginRequest, SessionInfo } from "../../../../domain/auth/auth.dto.js";
import { api, request } from "../../api/client.js";

export const authApi = {
  // A 401 from these is an answer (wrong password / no session), not an expiry to redirect on.
  login: (body: LoginRequest) => request<SessionInfo>("/api/auth/login", { method: "POST", body, handleUnauthenticated: false }),
  me: (signal?: AbortSignal) => request<SessionInfo>("/api/auth/me", { signal, handleUnauthenticated: false }),
  logout: () => request<void>("/api/auth/logout", { method: "POST", handleUnauthenticated: false }),
  changePassword: (body: ChangePasswordRequest) => api.post<SessionInfo>("/api/auth/password", body),
};
