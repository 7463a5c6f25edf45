import type { RoleGrant } from '@govpass/shared-types';
import { requireAnyRole } from './require-any-role';
import type { RoleService } from './role-service';

function fakeRoles(grants: Record<string, RoleGrant[]>) {
  const calls: string[] = [];
  const service = {
    rolesOf: async (accountId: string) => {
      calls.push(accountId);
      return [{ role: 'citizen', scopeId: null }, ...(grants[accountId] ?? [])];
    },
  } as unknown as RoleService;
  return { service, calls };
}

async function run(mw: ReturnType<typeof requireAnyRole>, accountId: string): Promise<string> {
  const ctx = { state: { auth: { accountId } } } as never;
  try {
    await mw(ctx, async () => undefined);
    return 'passed';
  } catch (err) {
    return (err as { code: string }).code;
  }
}

describe('requireAnyRole', () => {
  it('passes any listed role in any scope and refuses the rest with FORBIDDEN', async () => {
    const { service } = fakeRoles({ a: [{ role: 'window_staff', scopeId: 'hall-1' }], b: [{ role: 'pharmacist', scopeId: 'ph-1' }] });
    const mw = requireAnyRole(service, ['verifier', 'window_staff']);
    expect(await run(mw, 'a')).toBe('passed');
    expect(await run(mw, 'b')).toBe('FORBIDDEN');
    expect(await run(mw, 'nobody')).toBe('FORBIDDEN');
  });

  it('caches passes for cacheMs, never refusals, so a new grant counts at once', async () => {
    const grants: Record<string, RoleGrant[]> = { a: [{ role: 'verifier', scopeId: null }] };
    const { service, calls } = fakeRoles(grants);
    let now = 0;
    const mw = requireAnyRole(service, ['verifier'], { cacheMs: 10_000, now: () => now });
    await run(mw, 'a');
    await run(mw, 'a');
    expect(calls).toEqual(['a']);
    expect(await run(mw, 'c')).toBe('FORBIDDEN');
    grants.c = [{ role: 'verifier', scopeId: null }];
    expect(await run(mw, 'c')).toBe('passed');
    delete grants.a;
    now = 10_000;
    expect(await run(mw, 'a')).toBe('FORBIDDEN');
  });
});
