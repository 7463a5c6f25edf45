import { z } from 'zod';
import { safeText } from './safe-text';
import { RoleGrant, RoleName } from './auth';
import { IdNumber } from './identity';

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

/** 18 characters that are meant as an ID number (checked with IdNumber, then looked up by keyed hash). */
const ID_NUMBER_SHAPE = /^\d{17}[\dXx]$/;

/** How an account search is read: an ID number, else the start of a login (or an account id). */
export function accountSearchKind(q: string): 'id_number' | 'login' {
  return ID_NUMBER_SHAPE.test(q.trim()) ? 'id_number' : 'login';
}

/**
 * Finding an account to grant a role to (admin, audited). Names are stored encrypted, so a person
 * is found by their ID number (keyed hash) or an account by its login; an ID number with a wrong
 * last character is refused here, in the words the identity form uses.
 */
export const AccountSearchQuery = z.object({
  q: safeText()
    .trim()
    .min(2, { message: '请至少输入 2 个字' })
    .max(64)
    .superRefine((q, ctx) => {
      if (accountSearchKind(q) !== 'id_number') return;
      const parsed = IdNumber.safeParse(q);
      if (!parsed.success) ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? '身份证号不对，请核对' });
    }),
});
export type AccountSearchQuery = z.infer<typeof AccountSearchQuery>;

/** One account, masked: never the full name or ID number. */
export const AccountSearchResult = z.object({
  accountId: z.string(),
  /** 李** — null while the account has not verified a real-name identity. */
  maskedName: z.string().nullable(),
  /** Last 4 characters of the ID number (尾号), null when unverified. */
  idLast4: z.string().nullable(),
  platform: z.enum(['weapp', 'alipay', 'h5']),
  /** Epoch milliseconds. */
  createdAt: z.number().int(),
  roles: z.array(RoleGrant),
});
export type AccountSearchResult = z.infer<typeof AccountSearchResult>;

export const AccountSearchResponse = z.object({
  by: z.enum(['id_number', 'login']),
  items: z.array(AccountSearchResult),
});
export type AccountSearchResponse = z.infer<typeof AccountSearchResponse>;
