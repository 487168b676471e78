import { z } from "zod";
import { Role } from "../access/roles.js";

export const SessionUser = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  regionCode: z.string().nullable(),
  enterpriseId: z.string().uuid().nullable(),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Returned by login and by /me: the web client keeps csrfToken and sends it as `x-csrf-token`. */
export const SessionInfo = z.object({ user: SessionUser, csrfToken: z.string() });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const ApiToken = z.object({
  id: z.string().uuid(),
  name: z.string(),
  userId: z.string().uuid(),
  username: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreate = z.object({
  userId: z.string().uuid(),
  name: z.string().trim().min(1).max(100),
  expiresAt: z.string().datetime({ offset: true }).nullable().optional(),
});
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

/** The secret is shown once, at creation; only its hash is stored. */
export const ApiTokenCreated = z.object({ token: ApiToken, secret: z.string() });
