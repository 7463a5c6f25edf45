import { newPerson, startMasksTestApp, type Caller, type MasksTestApp } from './support';

/** 查找账号 for the role-grant form: by ID number (keyed hash) or login, masked, audited. */
let t: MasksTestApp;
let admin: Caller;
let li: Caller;
const li1 = newPerson('李明华');
const search = (q: string, token = admin.token) => t.request('GET', `/api/v1/admin/accounts?q=${encodeURIComponent(q)}`, { token });
const searchesAudited = () => t.app.database.db.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'account.search').orderBy('id').execute();

beforeAll(async () => {
  t = await startMasksTestApp({ start: '2020-02-01T10:00:00+08:00' });
  admin = await t.operator('boss', 'admin');
  li = await t.citizen('pharmacist-li', li1);
  await t.citizen('pharmacist-wang', newPerson('王芳'));
  await t.loginDev('pharmacy-new');
});
afterAll(() => t.close());

describe('GET /api/v1/admin/accounts', () => {
  it('finds a person by ID number through its keyed hash: masked name, 尾号, platform, created; never the ID number', async () => {
    const res = await search(li1.idNumber);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      by: 'id_number',
      items: [{ accountId: li.userId, maskedName: '李**', idLast4: li1.idNumber.slice(-4), platform: 'h5', createdAt: expect.any(Number), roles: [] }],
    });
    expect(JSON.stringify(res.body)).not.toContain(li1.idNumber.slice(0, 14));
    expect(JSON.stringify(res.body)).not.toContain('明华');
  });

  it('finds accounts by the start of their login (unverified ones without name or 尾号) and by account id', async () => {
    const res = await search('pharmacy');
    expect(res.body.by).toBe('login');
    expect(res.body.items).toEqual([expect.objectContaining({ maskedName: null, idLast4: null })]);
    const byPrefix = await search('pharmacist-');
    expect(byPrefix.body.items.map((i: { maskedName: string }) => i.maskedName).sort()).toEqual(['李**', '王*']);
    expect((await search(li.userId)).body.items.map((i: { accountId: string }) => i.accountId)).toEqual([li.userId]);
    // LIKE wildcards are taken literally.
    expect((await search('pharmacist%')).body.items).toEqual([]);
  });

  it("shows an account's operator roles, so the admin sees what it already has", async () => {
    await t.app.services.roles.grant(admin.userId, { accountId: li.userId, role: 'pharmacist', scopeId: 'ph-1' }, null);
    expect((await search(li1.idNumber)).body.items[0].roles).toEqual([{ role: 'pharmacist', scopeId: 'ph-1' }]);
  });

  it('audits every search without writing the ID number', async () => {
    const before = (await searchesAudited()).length;
    await search(li1.idNumber);
    await search('pharmacist-');
    const rows = (await searchesAudited()).slice(before);
    expect(rows.map((r) => [r.actor, JSON.parse(r.details as string)])).toEqual([
      [admin.userId, { by: 'id_number', results: 1 }],
      [admin.userId, { by: 'login', login: 'pharmacist-', results: 2 }],
    ]);
    const all = JSON.stringify(await t.app.database.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain(li1.idNumber);
  });

  it('refuses a wrong ID number in plain words, a too-short query, and non-admins', async () => {
    const wrong = li1.idNumber.slice(0, 17) + (li1.idNumber.endsWith('0') ? '1' : '0');
    const bad = await search(wrong);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('身份证号');
    expect((await search('a')).status).toBe(400);
    expect((await search(li1.idNumber, li.token)).status).toBe(403);
  });
});
