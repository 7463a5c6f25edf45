import { z } from 'zod';
import { safeText } from './safe-text';
import { RoleGrant, RoleName } from './auth';

const ScopedRole = z.enum(['pharmacist', 'venue_manager', 'window_staff', 'health_official', 'hall_manager']);

export const GrantRoleRequest = z
  .object({
    accountId: safeText().min(1).max(64),
    role: RoleName.exclude(['citizen']),
    scopeId: safeText().min(1).max(64).nullable().default(null),
  })
  .refine((r) => !(ScopedRole.safeParse(r.role).success && r.scopeId === null), {
    message: '该角色必须指定所属场所',
    path: ['scopeId'],
  });
export type GrantRoleRequest = z.infer<typeof GrantRoleRequest>;

export const GrantRoleResponse = z.object({
  accountId: z.string(),
  roles: z.array(RoleGrant),
});
export type GrantRoleResponse = z.infer<typeof GrantRoleResponse>;

/** Operator grants, newest first; `accountId` narrows to one account. */
export const RoleGrantListQuery = z.object({
  accountId: safeText().trim().min(1).max(64).optional(),
  page: z.coerce.number({ message: '页码应为数字' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number({ message: '每页条数应为数字' }).int().min(1).max(100).default(20),
});
export type RoleGrantListQuery = z.infer<typeof RoleGrantListQuery>;

export const RoleGrantRow = z.object({
  accountId: z.string(),
  role: RoleName,
  scopeId: z.string().nullable(),
  grantedBy: z.string(),
  /** Epoch milliseconds. */
  grantedAt: z.number().int(),
});
export type RoleGrantRow = z.infer<typeof RoleGrantRow>;

export const RoleGrantListResponse = z.object({
  items: z.array(RoleGrantRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type RoleGrantListResponse = z.infer<typeof RoleGrantListResponse>;
