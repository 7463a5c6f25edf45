import { startTestApp, type TestApp } from '../support/test-app';
import { runAdminCommand } from '../../bff/src/cli/admin-commands';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('real');
});
afterAll(() => t.close());

async function cli(...args: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await runAdminCommand(t.app, args, (l) => out.push(l));
  return { code, out };
}

describe('roles, admin API and audit (MariaDB + Redis)', () => {
  it('lets the CLI name the first administrator, audited', async () => {
    const r = await cli('grant', '--channel', 'h5', '--user', 'boss', '--role', 'admin');
    expect(r.code).toBe(0);
    expect(r.out[1]).toBe('roles now: citizen, admin');
    const { userId } = await t.loginDev('boss');
    const audit = await t.app.services.audit.forTarget('account', userId);
    expect(audit).toEqual([expect.objectContaining({ action: 'role.grant', actor: expect.stringMatching(/^cli:/), details: { role: 'admin', scopeId: null, created: true } })]);
  });

  it('lets an admin grant a scoped pharmacist role; the grant shows in /me and is audited', async () => {
    const admin = await t.loginDev('boss');
    const staff = await t.loginDev('pharma-1');
    const res = await t.request('POST', '/api/v1/admin/roles', { token: admin.token, body: { accountId: staff.userId, role: 'pharmacist', scopeId: 'ph-001' } });
    expect(res.status).toBe(201);
    expect(res.body.roles).toEqual([{ role: 'citizen', scopeId: null }, { role: 'pharmacist', scopeId: 'ph-001' }]);
    const me = await t.request('GET', '/api/v1/me', { token: staff.token });
    expect(me.body.roles).toContainEqual({ role: 'pharmacist', scopeId: 'ph-001' });
    const audit = await t.app.services.audit.forTarget('account', staff.userId);
    expect(audit).toEqual([expect.objectContaining({ actor: admin.userId, action: 'role.grant', requestId: res.headers.get('x-request-id') })]);
  });

  it('refuses non-admins with 403 FORBIDDEN and grants nothing', async () => {
    const citizen = await t.loginDev('nobody');
    const res = await t.request('POST', '/api/v1/admin/roles', { token: citizen.token, body: { accountId: citizen.userId, role: 'admin' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await t.request('GET', '/api/v1/me', { token: citizen.token })).body.roles).toEqual([{ role: 'citizen', scopeId: null }]);
  });

  it('validates grants: a scoped role needs its place, the account must exist', async () => {
    const admin = await t.loginDev('boss');
    const noScope = await t.request('POST', '/api/v1/admin/roles', { token: admin.token, body: { accountId: admin.userId, role: 'pharmacist' } });
    expect(noScope.status).toBe(400);
    expect(noScope.body.error.details).toEqual([{ path: 'scopeId', message: '该角色必须指定所属场所' }]);
    const ghost = await t.request('POST', '/api/v1/admin/roles', { token: admin.token, body: { accountId: 'no-such', role: 'admin' } });
    expect(ghost.status).toBe(404);
    expect(ghost.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('CLI revoke removes the role and is audited; bad usage exits non-zero', async () => {
    const staff = await t.loginDev('pharma-1');
    const r = await cli('revoke', '--account', staff.userId, '--role', 'pharmacist', '--scope', 'ph-001');
    expect(r.out[1]).toBe('roles now: citizen');
    expect((await t.app.services.audit.forTarget('account', staff.userId)).map((a) => a.action)).toEqual(['role.grant', 'role.revoke']);
    expect((await cli('frobnicate')).code).toBe(2);
    await expect(cli('grant', '--account', staff.userId, '--role', 'wizard')).rejects.toThrow();
  });
});
