import { z } from 'zod';
import { safeText } from './safe-text';

export const LoginChannel = z.enum(['weapp', 'alipay', 'h5']);
export type LoginChannel = z.infer<typeof LoginChannel>;

export const RoleName = z.enum(['citizen', 'admin', 'pharmacist', 'venue_manager', 'window_staff', 'health_official', 'verifier', 'hall_manager']);
export type RoleName = z.infer<typeof RoleName>;

export const RoleGrant = z.object({
  role: RoleName,
  /** The place the role is scoped to (a pharmacy id, …); null for global roles such as admin. */
  scopeId: z.string().nullable(),
});
export type RoleGrant = z.infer<typeof RoleGrant>;

export const LoginRequest = z.object({
  channel: LoginChannel,
  code: safeText().trim().min(1).max(512),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string(),
  verified: z.boolean(),
  roles: z.array(RoleGrant),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;
