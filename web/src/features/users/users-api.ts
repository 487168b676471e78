import type { Role } from "../../../../domain/access/roles.js";
import type { Page } from "../../../../domain/common/page.js";
import type { User, UserCreate, UserStatus, UserUpdate } from "../../../../domain/users/user.dto.js";
import { api } from "../../api/client.js";

export type UserFilters = { q?: string; role?: Role; status?: UserStatus; regionCode?: string };
export type UserListParams = UserFilters & { page: number; pageSize: number };
export type PasswordReset = { user: User; temporaryPassword: string };

export const usersApi = {
  list: (params: UserListParams, signal?: AbortSignal) => api.get<Page<User>>("/api/users", params, signal),
  create: (body: UserCreate) => api.post<User>("/api/users", body),
  update: (id: string, body: UserUpdate) => api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body),
  disable: (user: User) => api.post<User>(`/api/users/${encodeURIComponent(user.id)}/disable`, { version: user.version }),
  enable: (user: User) => api.post<User>(`/api/users/${encodeURIComponent(user.id)}/enable`, { version: user.version }),
  resetPassword: (id: string) => api.post<PasswordReset>(`/api/users/${encodeURIComponent(id)}/reset-password`),
};
