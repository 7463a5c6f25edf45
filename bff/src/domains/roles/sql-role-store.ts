import { sql, type Kysely } from 'kysely';
import { RoleName, type RoleGrant, type RoleGrantListQuery, type RoleGrantListResponse } from '@govpass/shared-types';
import type { Database } from '../../infra/db/database';
import { isUniqueViolation } from '../../infra/db/is-unique-violation';
import type { RoleStore } from './role-store';

// Global roles are stored with scope '' because NULLs never collide in a unique key.
const GLOBAL = '';

export class SqlRoleStore implements RoleStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async grantsOf(accountId: string): Promise<RoleGrant[]> {
    const rows = await this.db.selectFrom('role_grants').select(['role', 'scope_id']).where('account_id', '=', accountId).orderBy('id').execute();
    return rows.map((r) => ({ role: RoleName.parse(r.role), scopeId: r.scope_id === GLOBAL ? null : r.scope_id }));
  }

  async grant(accountId: string, role: Exclude<RoleName, 'citizen'>, scopeId: string | null, grantedBy: string): Promise<boolean> {
    try {
      await this.db
        .insertInto('role_grants')
        .values({ account_id: accountId, role, scope_id: scopeId ?? GLOBAL, granted_by: grantedBy, created_at: this.now() })
        .execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async revoke(accountId: string, role: Exclude<RoleName, 'citizen'>, scopeId: string | null): Promise<boolean> {
    const res = await this.db
      .deleteFrom('role_grants')
      .where('account_id', '=', accountId)
      .where('role', '=', role)
      .where('scope_id', '=', scopeId ?? GLOBAL)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async listGrants(q: RoleGrantListQuery): Promise<RoleGrantListResponse> {
    let query = this.db.selectFrom('role_grants');
    if (q.accountId) query = query.where('account_id', '=', q.accountId);
    const total = await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .select(['account_id', 'role', 'scope_id', 'granted_by', 'created_at'])
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const items = rows.map((r) => ({ accountId: r.account_id, role: RoleName.parse(r.role), scopeId: r.scope_id === GLOBAL ? null : r.scope_id, grantedBy: r.granted_by, grantedAt: Number(r.created_at) }));
    return { items, total: Number(total.n), page: q.page, pageSize: q.pageSize };
  }
}
