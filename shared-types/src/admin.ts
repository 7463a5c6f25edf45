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
