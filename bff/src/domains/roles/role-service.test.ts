import type { RoleGrant } from '@govpass/shared-types';
import type { AccountStore } from '../accounts/account-store';
import type { AuditLog } from '../audit/audit-log';
import type { RoleStore } from './role-store';
import { RoleService } from './role-service';

function world() {
  const grants = new Map<string, RoleGrant[]>();
  let reads = 0;
  const store: RoleStore = {
    async grantsOf(id) {
      reads += 1;
      return grants.get(id) ?? [];
    },
    async grant(id, role, scopeId) {
      grants.set(id, [...(grants.get(id) ?? []), { role, scopeId }]);
      return true;
    },
    async revoke(id, role) {
      grants.set(id, (grants.get(id) ?? []).filter((g) => g.role !== role));
      return true;
    },
    async listGrants(q) {
      return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    },
  };
  const accounts = { findById: async (id: string) => ({ id }) } as unknown as AccountStore;
  const audit = { record: async () => undefined } as unknown as AuditLog;
  return { grants, reads: () => reads, service: new RoleService(store, accounts, audit, { guardCacheMs: 60_000, guardCacheEntries: 10 }) };
}

describe('RoleService guard cache', () => {
  it('reads the store once for repeated guard checks', async () => {
    const w = world();
    w.grants.set('a', [{ role: 'verifier', scopeId: null }]);
    for (let i = 0; i < 5; i++) expect((await w.service.guardRolesOf('a')).map((g) => g.role)).toEqual(['citizen', 'verifier']);
    expect(w.reads()).toBe(1);
  });

  it('a grant or revoke in this process takes effect at once', async () => {
    const w = world();
    expect((await w.service.guardRolesOf('a')).map((g) => g.role)).toEqual(['citizen']);
    await w.service.grant('admin', { accountId: 'a', role: 'verifier', scopeId: null }, null);
    expect((await w.service.guardRolesOf('a')).map((g) => g.role)).toEqual(['citizen', 'verifier']);
    await w.service.revoke('admin', { accountId: 'a', role: 'verifier', scopeId: null }, null);
    expect((await w.service.guardRolesOf('a')).map((g) => g.role)).toEqual(['citizen']);
  });

  it('rolesOf always reads the store', async () => {
    const w = world();
    await w.service.rolesOf('a');
    await w.service.rolesOf('a');
    expect(w.reads()).toBe(2);
  });
});
