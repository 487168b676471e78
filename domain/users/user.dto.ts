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
  /** 行政执法证号: the regulator is on the inspector directory (double-random.md R3). */
  enforcementCertNo: z.string().nullable(),
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

/** 行政执法证号 as printed (stored with letters upper-cased: the draw's canonical form, double-random.md R8.1). */
export const EnforcementCertNo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9\u3400-\u9fff-]{4,32}$/, "4–32 letters, digits, - or Chinese characters");

export const UserCreate = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(64),
  role: Role,
  regionCode: RegionCode.nullable().optional(),
  enterpriseId: z.string().uuid().nullable().optional(),
  departmentId: z.string().uuid().nullable().optional(),
  phone: Phone.nullable().optional(),
  enforcementCertNo: EnforcementCertNo.nullable().optional(),
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
  enforcementCertNo: EnforcementCertNo.nullable().optional(),
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
