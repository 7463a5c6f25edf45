import type { GrantRoleRequest, RoleGrant } from '@govpass/shared-types';
import { AppError } from '../../core/app-error';
import type { AccountStore } from '../accounts/account-store';
import type { AuditLog } from '../audit/audit-log';
import type { RoleStore } from './role-store';

const CITIZEN: RoleGrant = { role: 'citizen', scopeId: null };

export class RoleService {
  constructor(
    private readonly roles: RoleStore,
    private readonly accounts: AccountStore,
    private readonly audit: AuditLog,
  ) {}

  /** Every account is a citizen; operator roles come from grants. */
  async rolesOf(accountId: string): Promise<RoleGrant[]> {
    return [CITIZEN, ...(await this.roles.grantsOf(accountId))];
  }

  async grant(actor: string, req: GrantRoleRequest, requestId: string | null): Promise<RoleGrant[]> {
    if (!(await this.accounts.findById(req.accountId))) {
      throw new AppError(404, 'ACCOUNT_NOT_FOUND', 'No such account');
    }
    const created = await this.roles.grant(req.accountId, req.role, req.scopeId, actor);
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
    await this.audit.record({ actor, action: 'role.revoke', targetType: 'account', targetId: req.accountId, requestId, details: { role: req.role, scopeId: req.scopeId, removed } });
    return this.rolesOf(req.accountId);
  }
}
