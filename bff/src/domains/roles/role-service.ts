import { LRUCache } from 'lru-cache';
import type { GrantRoleRequest, RoleGrant, RoleGrantListQuery, RoleGrantListResponse } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AccountStore } from '../accounts/account-store';
import type { AuditLog } from '../audit/audit-log';
import type { RoleStore } from './role-store';

const CITIZEN: RoleGrant = { role: 'citizen', scopeId: null };

/**
 * Route guards run on hot paths (a door verifies 20,000 codes a second at peak): they read grants
 * through a short in-process cache instead of a MySQL query per request. A grant or revoke in this
 * process takes effect at once; in other BFF processes within `guardCacheMs`.
 */
export interface RoleServiceOptions {
  guardCacheMs: number;
  guardCacheEntries: number;
}

export class RoleService {
  private readonly guardCache: LRUCache<string, RoleGrant[]>;

  constructor(
    private readonly roles: RoleStore,
    private readonly accounts: AccountStore,
    private readonly audit: AuditLog,
    options: RoleServiceOptions = { guardCacheMs: 5000, guardCacheEntries: 50_000 },
  ) {
    this.guardCache = new LRUCache({ max: options.guardCacheEntries, ttl: Math.max(1, options.guardCacheMs) });
  }

  /** Every account is a citizen; operator roles come from grants. Always read from the store. */
  async rolesOf(accountId: string): Promise<RoleGrant[]> {
    return [CITIZEN, ...(await this.roles.grantsOf(accountId))];
  }

  /** For route guards: at most `guardCacheMs` old. */
  async guardRolesOf(accountId: string): Promise<RoleGrant[]> {
    const hit = this.guardCache.get(accountId);
    if (hit) return hit;
    const grants = await this.rolesOf(accountId);
    this.guardCache.set(accountId, grants);
    return grants;
  }

  async grant(actor: string, req: GrantRoleRequest, requestId: string | null): Promise<RoleGrant[]> {
    if (!(await this.accounts.findById(req.accountId))) {
      throw new AppError(404, 'ACCOUNT_NOT_FOUND', 'No such account');
    }
    const created = await this.roles.grant(req.accountId, req.role, req.scopeId, actor);
    this.guardCache.delete(req.accountId);
    await this.audit.record({
      actor,
      action: 'role.grant',
      targetType: 'account',
      targetId: req.accountId,
      requestId,
      details: { role: req.role, scopeId: req.scopeId, created },
    });
    return this.rolesOf(req.accountId);
  }

  async revoke(actor: string, req: GrantRoleRequest, requestId: string | null): Promise<RoleGrant[]> {
    const removed = await this.roles.revoke(req.accountId, req.role, req.scopeId);
    this.guardCache.delete(req.accountId);
    await this.audit.record({ actor, action: 'role.revoke', targetType: 'account', targetId: req.accountId, requestId, details: { role: req.role, scopeId: req.scopeId, removed } });
    return this.rolesOf(req.accountId);
  }

  listGrants(q: RoleGrantListQuery): Promise<RoleGrantListResponse> {
    return this.roles.listGrants(q);
  }
}
