import { z } from "zod";
import { RegionCode, Role } from "../access/roles.js";
import { PageQuery } from "../common/page.js";

export const userStatuses = ["active", "disabled"] as const;
export const UserStatus = z.enum(userStatuses);
export type UserStatus = z.infer<typeof UserStatus>;

export const User = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  regionCode: z.string().nullable(),
  enterpriseId: z.string().uuid().nullable(),
  departmentId: z.string().uuid().nullable(),
  phone: z.string().nullable(),
  status: UserStatus,
  mustChangePassword: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof User>;

export const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,64}$/, "3–64 letters, digits, _ . -");

const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/);

export const UserCreate = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(64),
  role: Role,
  regionCode: RegionCode.nullable().optional(),
  enterpriseId: z.string().uuid().nullable().optional(),
  departmentId: z.string().uuid().nullable().optional(),
  phone: Phone.nullable().optional(),
  password: z.string().min(1).max(256),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.object({
  version: z.number().int(),
  displayName: z.string().trim().min(1).max(64).optional(),
  role: Role.optional(),
  regionCode: RegionCode.nullable().optional(),
  enterpriseId: z.string().uuid().nullable().optional(),
  departmentId: z.string().uuid().nullable().optional(),
  phone: Phone.nullable().optional(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  role: Role.optional(),
  status: UserStatus.optional(),
  regionCode: RegionCode.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const VersionBody = z.object({ version: z.number().int() });

/** An administrator's reset: a one-time password the user must change at next sign-in. */
export const PasswordReset = z.object({ user: User, temporaryPassword: z.string() });
