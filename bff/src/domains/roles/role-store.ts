import type { RoleGrant, RoleGrantListQuery, RoleGrantListResponse, RoleName } from '@govpass/shared-types';

export interface RoleStore {
  /** Grants held by the account, not including the implicit `citizen`. */
  grantsOf(accountId: string): Promise<RoleGrant[]>;
  /** True if the grant is new; granting twice is harmless. */
  grant(accountId: string, role: Exclude<RoleName, 'citizen'>, scopeId: string | null, grantedBy: string): Promise<boolean>;
  revoke(accountId: string, role: Exclude<RoleName, 'citizen'>, scopeId: string | null): Promise<boolean>;
  /** Every grant (or one account's), newest first, a page at a time. */
  listGrants(q: RoleGrantListQuery): Promise<RoleGrantListResponse>;
}
