import type { RoleGrant } from '@govpass/shared-types';
import { requireAnyRole } from './require-any-role';
import type { RoleService } from './role-service';

function fakeRoles(grants: Record<string, RoleGrant[]>) {
  const calls: string[] = [];
  const service = {
    guardRolesOf: async (accountId: string) => {
      calls.push(accountId);
      return [{ role: 'citizen', scopeId: null }, ...(grants[accountId] ?? [])];
    },
  } as unknown as RoleService;
  return { service, calls };
}

async function run(mw: ReturnType<typeof requireAnyRole>, accountId: string): Promise<{ outcome: string; roles?: unknown }> {
  const ctx = { state: { auth: { accountId } } } as { state: Record<string, unknown> };
  try {
    await mw(ctx as never, async () => undefined);
    return { outcome: 'passed', roles: ctx.state.roles };
  } catch (err) {
    return { outcome: (err as { code: string }).code };
  }
}

describe('requireAnyRole', () => {
  it('passes any listed role in any scope and refuses the rest with FORBIDDEN', async () => {
    const { service } = fakeRoles({ a: [{ role: 'window_staff', scopeId: 'hall-1' }], b: [{ role: 'pharmacist', scopeId: 'ph-1' }] });
    const mw = requireAnyRole(service, ['verifier', 'window_staff']);
    expect((await run(mw, 'a')).outcome).toBe('passed');
    expect((await run(mw, 'b')).outcome).toBe('FORBIDDEN');
    expect((await run(mw, 'nobody')).outcome).toBe('FORBIDDEN');
  });

  it('hands the grants to the route and reads them through the guard cache', async () => {
    const { service, calls } = fakeRoles({ a: [{ role: 'verifier', scopeId: null }] });
    const mw = requireAnyRole(service, ['verifier']);
    expect((await run(mw, 'a')).roles).toEqual([{ role: 'citizen', scopeId: null }, { role: 'verifier', scopeId: null }]);
    expect(calls).toEqual(['a']);
  });
});
