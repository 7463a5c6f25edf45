import { startTestApp, type TestApp, type TestResponse } from '../support/test-app';

/**
 * The operator console's endpoints over HTTP on MariaDB + Redis: the pharmacy CSV import (the CLI's
 * service), role grants listed and revoked, and the audit log's filters and pages. Each refuses
 * non-administrators with 403 and leaves nothing behind.
 */
let t: TestApp;
let admin: { token: string; userId: string };
let citizen: { token: string; userId: string };
const HEADER = 'id,name,address,district,latitude,longitude,phone,openingHours';
const row = (id: string, name = `药店${id}`) => `${id},${name},中山路1号,黄浦区,31.2304,121.4737,021-63210001,08:00-22:00`;

beforeAll(async () => {
  t = await startTestApp('real');
  admin = await t.loginDev('console-admin');
  citizen = await t.loginDev('console-citizen');
  await t.app.services.roles.grant('cli:test', { accountId: admin.userId, role: 'admin', scopeId: null }, null);
}, 60_000);
jest.setTimeout(20_000);
afterAll(() => t?.close());

const asAdmin = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, body });
const errorCode = (res: TestResponse) => (res.body as { error: { code: string } }).error.code;

describe('POST /api/v1/admin/pharmacies/import', () => {
  it('imports a file the general body limit would refuse, audited with the administrator as actor', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => row(`imp-${String(i).padStart(3, '0')}`, `益丰大药房第${i}分店`));
    const csv = [HEADER, ...rows].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(32 * 1024);
    const res = await asAdmin('POST', '/api/v1/admin/pharmacies/import', { csv });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rows: 400, created: 400, updated: 0, unchanged: 0 });
    const list = await asAdmin('GET', '/api/v1/admin/pharmacies');
    expect((list.body as { items: { id: string }[] }).items.filter((p) => p.id.startsWith('imp-'))).toHaveLength(400);
    const audit = await t.app.services.audit.forTarget('pharmacy', 'csv-import');
    expect(audit).toContainEqual(expect.objectContaining({ actor: admin.userId, action: 'mask.pharmacies.import', details: { rows: 400, created: 400, updated: 0, unchanged: 0 } }));
  });

  it('answers 422 IMPORT_INVALID with each bad row by line and imports nothing', async () => {
    const csv = [HEADER, row('bad-1'), 'bad-2,益丰,中山路,黄浦区,north,121.47,021-1,08:00-22:00', row('bad-3')].join('\n');
    const res = await asAdmin('POST', '/api/v1/admin/pharmacies/import', { csv });
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('IMPORT_INVALID');
    expect((res.body as { error: { details: unknown } }).error.details).toEqual([{ line: 3, message: 'latitude must be a decimal number' }]);
    const list = await asAdmin('GET', '/api/v1/admin/pharmacies');
    expect((list.body as { items: { id: string }[] }).items.some((p) => p.id.startsWith('bad-'))).toBe(false);
  });

  it('refuses a citizen with 403 before reading the upload, and writes nothing', async () => {
    const res = await t.request('POST', '/api/v1/admin/pharmacies/import', { token: citizen.token, body: { csv: [HEADER, row('sneak-1')].join('\n') } });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('FORBIDDEN');
    const audit = await t.app.services.audit.search({ actor: citizen.userId, page: 1, pageSize: 20 });
    expect(audit.total).toBe(0);
  });
});

describe('role grants: list and revoke', () => {
  it('lists grants newest first, by account, a page at a time', async () => {
    const staff = await t.loginDev('console-staff');
    await asAdmin('POST', '/api/v1/admin/roles', { accountId: staff.userId, role: 'pharmacist', scopeId: 'imp-001' });
    await asAdmin('POST', '/api/v1/admin/roles', { accountId: staff.userId, role: 'verifier' });
    const mine = await asAdmin('GET', `/api/v1/admin/roles?accountId=${staff.userId}&pageSize=1`);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ items: [expect.objectContaining({ accountId: staff.userId, role: 'verifier', scopeId: null, grantedBy: admin.userId })], total: 2, page: 1, pageSize: 1 });
    const second = await asAdmin('GET', `/api/v1/admin/roles?accountId=${staff.userId}&pageSize=1&page=2`);
    expect((second.body as { items: unknown[] }).items).toEqual([expect.objectContaining({ role: 'pharmacist', scopeId: 'imp-001' })]);
    expect((await asAdmin('GET', '/api/v1/admin/roles?pageSize=500')).status).toBe(400);
  });

  it('revokes a grant, audited; a citizen may neither list nor revoke', async () => {
    const staff = await t.loginDev('console-staff');
    const res = await asAdmin('POST', '/api/v1/admin/roles/revoke', { accountId: staff.userId, role: 'verifier' });
    expect(res.status).toBe(200);
    expect((res.body as { roles: unknown[] }).roles).toEqual([{ role: 'citizen', scopeId: null }, { role: 'pharmacist', scopeId: 'imp-001' }]);
    const audit = await t.app.services.audit.forTarget('account', staff.userId);
    expect(audit.at(-1)).toMatchObject({ actor: admin.userId, action: 'role.revoke', details: { role: 'verifier', scopeId: null, removed: true } });

    const denied = await t.request('POST', '/api/v1/admin/roles/revoke', { token: citizen.token, body: { accountId: staff.userId, role: 'pharmacist', scopeId: 'imp-001' } });
    expect(denied.status).toBe(403);
    expect((await t.request('GET', '/api/v1/admin/roles', { token: citizen.token })).status).toBe(403);
    expect(await t.app.services.roles.rolesOf(staff.userId)).toContainEqual({ role: 'pharmacist', scopeId: 'imp-001' });
  });
});

describe('GET /api/v1/admin/audit', () => {
  type Page = { items: { actor: string; action: string; targetId: string; at: number }[]; total: number; page: number; pageSize: number };

  it('filters by actor and by action or action prefix, newest first', async () => {
    const byAdmin = (await asAdmin('GET', `/api/v1/admin/audit?actor=${admin.userId}`)).body as Page;
    expect(byAdmin.items.every((e) => e.actor === admin.userId)).toBe(true);
    expect(byAdmin.items.map((e) => e.action)).toEqual(['role.revoke', 'role.grant', 'role.grant', 'mask.pharmacies.import-rejected', 'mask.pharmacies.import']);
    const roleOnly = (await asAdmin('GET', '/api/v1/admin/audit?action=role.')).body as Page;
    expect(roleOnly.items.length).toBeGreaterThanOrEqual(4);
    expect(roleOnly.items.every((e) => e.action.startsWith('role.'))).toBe(true);
    const exact = (await asAdmin('GET', '/api/v1/admin/audit?action=role.revoke')).body as Page;
    expect(exact.items.map((e) => e.action)).toEqual(['role.revoke']);
    // `_` is a LIKE wildcard: escaped, `role_` matches nothing.
    expect(((await asAdmin('GET', '/api/v1/admin/audit?action=rol_.')).body as Page).total).toBe(0);
  });

  it('pages through the log and filters by China date', async () => {
    const first = (await asAdmin('GET', '/api/v1/admin/audit?pageSize=2')).body as Page;
    const second = (await asAdmin('GET', '/api/v1/admin/audit?pageSize=2&page=2')).body as Page;
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(second.total);
    expect(first.items[1].at).toBeGreaterThanOrEqual(second.items[0].at);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(((await asAdmin('GET', `/api/v1/admin/audit?from=${today}&to=${today}`)).body as Page).total).toBe(first.total);
    expect(((await asAdmin('GET', '/api/v1/admin/audit?from=2020-01-01&to=2020-01-02')).body as Page).total).toBe(0);
  });

  it('validates its query and refuses non-administrators', async () => {
    const bad = await asAdmin('GET', '/api/v1/admin/audit?from=2026-02-03&to=2026-02-01');
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { details: unknown } }).error.details).toEqual([{ path: 'to', message: '开始日期不能晚于结束日期' }]);
    expect((await asAdmin('GET', '/api/v1/admin/audit?action=DROP%20TABLE')).status).toBe(400);
    const denied = await t.request('GET', '/api/v1/admin/audit', { token: citizen.token });
    expect(denied.status).toBe(403);
    expect(errorCode(denied)).toBe('FORBIDDEN');
  });
});
