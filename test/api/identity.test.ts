import { withCheckChar } from '@govpass/shared-types';
import { startTestApp, type TestApp } from '../support/test-app';

const ZHANG = { name: '张三', idNumber: withCheckChar('34010419900101123') };
const WANG = { name: '王五', idNumber: withCheckChar('34010219851231001') };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('real');
  const csv = `name,idNumber\n${ZHANG.name},${ZHANG.idNumber}\n${WANG.name},${WANG.idNumber}\n`;
  expect(await t.app.services.registry.loadCsv(csv)).toEqual({ loaded: 2, errors: [] });
});
afterAll(() => t.close());

describe('real-name identity (MariaDB + Redis)', () => {
  it('rejects a wrong check digit with VALIDATION_FAILED on idNumber, changing nothing', async () => {
    const { token } = await t.loginDev('id-bad-digit');
    const wrong = ZHANG.idNumber.slice(0, 17) + (ZHANG.idNumber[17] === '1' ? '2' : '1');
    const res = await t.request('POST', '/api/v1/identity', { token, body: { name: ZHANG.name, idNumber: wrong } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([{ path: 'idNumber', message: '身份证号最后一位不对，请核对' }]);
    expect((await t.request('GET', '/api/v1/me', { token })).body.verified).toBe(false);
  });

  it('answers 422 IDENTITY_MISMATCH for a pair the registry does not hold', async () => {
    const { token } = await t.loginDev('id-mismatch');
    const res = await t.request('POST', '/api/v1/identity', { token, body: { name: '李四', idNumber: ZHANG.idNumber } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IDENTITY_MISMATCH');
  });

  it('binds, shows only masked values, and is idempotent', async () => {
    const { token } = await t.loginDev('id-ok');
    const res = await t.request('POST', '/api/v1/identity', { token, body: ZHANG });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ verified: true, identity: { name: '张*', idNumber: `3401**********${ZHANG.idNumber.slice(-4)}` } });
    const again = await t.request('POST', '/api/v1/identity', { token, body: ZHANG });
    expect(again.status).toBe(200);
    const me = await t.request('GET', '/api/v1/me', { token });
    expect(me.body).toMatchObject({ verified: true, identity: res.body.identity, roles: [{ role: 'citizen', scopeId: null }], account: { channel: 'h5' } });
    // The session now names the person (bookings need no MySQL read for it), and so does a new login.
    const person = { personId: expect.any(String), identity: res.body.identity };
    expect(await t.app.services.sessions.resolve(token)).toMatchObject({ person });
    const relogin = await t.loginDev('id-ok');
    expect(await t.app.services.sessions.resolve(relogin.token)).toMatchObject({ person });
  });

  it('makes accounts of one citizen ONE person, stored encrypted and looked up by keyed hash', async () => {
    const a = await t.loginDev('same-person-a');
    const b = await t.loginDev('same-person-b');
    await Promise.all([
      t.request('POST', '/api/v1/identity', { token: a.token, body: WANG }),
      t.request('POST', '/api/v1/identity', { token: b.token, body: { ...WANG, idNumber: WANG.idNumber.toLowerCase() } }),
    ]);
    const db = t.app.database.db;
    const rows = await db.selectFrom('accounts').select(['id', 'person_id']).where('id', 'in', [a.userId, b.userId]).execute();
    expect(rows).toHaveLength(2);
    expect(rows[0].person_id).not.toBeNull();
    expect(rows[0].person_id).toBe(rows[1].person_id);
    const persons = await db.selectFrom('persons').selectAll().execute();
    const dump = JSON.stringify(persons);
    expect(dump).not.toContain(WANG.idNumber);
    expect(dump).not.toContain(WANG.name);
    expect(persons.filter((p) => p.id === rows[0].person_id)).toHaveLength(1);
  });

  it('answers 409 IDENTITY_ALREADY_BOUND when the account holds another identity', async () => {
    const { token } = await t.loginDev('id-rebind');
    expect((await t.request('POST', '/api/v1/identity', { token, body: ZHANG })).status).toBe(200);
    const res = await t.request('POST', '/api/v1/identity', { token, body: WANG });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IDENTITY_ALREADY_BOUND');
    expect((await t.request('GET', '/api/v1/me', { token })).body.identity.name).toBe('张*');
  });

  it('never writes an ID number, a name or a token to the logs', async () => {
    const { token } = await t.loginDev('id-logs');
    await t.request('POST', '/api/v1/identity', { token, body: ZHANG });
    await t.request('POST', '/api/v1/identity', { token, body: { name: '赵六', idNumber: ZHANG.idNumber } });
    const logs = t.logs();
    expect(logs).toContain('"route":"/api/v1/identity"');
    for (const secret of [ZHANG.idNumber, WANG.idNumber, ZHANG.name, token]) expect(logs).not.toContain(secret);
  });
});

describe('family members (identity; MariaDB + Redis)', () => {
  const HOLDER = { name: '孙丽', idNumber: withCheckChar('34010419800202345') };
  const CHILD = { name: '孙小明', idNumber: withCheckChar('34010420150303456') };
  const STRANGER = { name: '周八', idNumber: withCheckChar('34010419600404567') };
  beforeAll(async () => {
    const csv = [HOLDER, CHILD, STRANGER].map((p) => `${p.name},${p.idNumber}`).join('\n');
    expect((await t.app.services.registry.loadCsv(csv)).loaded).toBe(3);
  });

  async function verified(login: string, person: { name: string; idNumber: string }) {
    const caller = await t.loginDev(login);
    expect((await t.request('POST', '/api/v1/identity', { token: caller.token, body: person })).status).toBe(200);
    return caller;
  }

  it('keeps the list at /api/v1/family (the old masks path is gone) and resolves whom a caller may act for', async () => {
    const holder = await verified('family-holder', HOLDER);
    const stranger = await verified('family-stranger', STRANGER);
    const added = await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...CHILD, relation: 'child' } });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({ name: '孙**', relation: 'child' });
    const childPersonId: string = added.body.member.personId;
    const list = await t.request('GET', '/api/v1/family', { token: holder.token });
    expect(list.body).toEqual({ items: [added.body.member], limit: 5 });
    expect((await t.request('GET', '/api/v1/masks/family', { token: holder.token })).status).toBe(404);

    const { directory } = t.app.services;
    // Masks books through the very same directory, so a family change is seen by every service at once.
    expect(t.app.services.masks.directory).toBe(directory);
    const holderPersonId = await directory.resolveSubject(holder.userId);
    expect(await directory.resolveSubject(holder.userId, holderPersonId)).toBe(holderPersonId);
    expect(await directory.resolveSubject(holder.userId, childPersonId)).toBe(childPersonId);
    await expect(directory.resolveSubject(stranger.userId, childPersonId)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const unverified = await t.loginDev('family-unverified');
    await expect(directory.resolveSubject(unverified.userId)).rejects.toMatchObject({ status: 403, code: 'IDENTITY_REQUIRED' });

    expect((await t.request('DELETE', `/api/v1/family/${added.body.member.id}`, { token: holder.token })).body).toEqual({ deleted: true });
    await expect(directory.resolveSubject(holder.userId, childPersonId)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers each member with the relation chosen and the last four of the ID number, never the full number (not in logs either)', async () => {
    const PARENT = { name: '孙大山', idNumber: withCheckChar('34010419550606123') };
    await t.app.services.registry.loadCsv(`${PARENT.name},${PARENT.idNumber}`);
    const holder = await t.loginDev('family-holder-2');
    expect((await t.request('POST', '/api/v1/identity', { token: holder.token, body: { name: '周八', idNumber: STRANGER.idNumber } })).status).toBe(200);
    const added = await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...PARENT, relation: 'father' } });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({ name: '孙**', relation: 'father', idLast4: PARENT.idNumber.slice(-4), idNumber: `3401**********${PARENT.idNumber.slice(-4)}` });
    const list = await t.request('GET', '/api/v1/family', { token: holder.token });
    expect(list.body.items.map((m: { relation: string; idLast4: string }) => [m.relation, m.idLast4])).toEqual([['father', PARENT.idNumber.slice(-4)]]);
    expect(JSON.stringify(list.body)).not.toContain(PARENT.idNumber);
    expect(t.logs()).not.toContain(PARENT.idNumber);
    // The relation is part of the contract: an unknown one is refused with the picker's words.
    const bad = await t.request('POST', '/api/v1/family', { token: holder.token, body: { ...CHILD, relation: 'cousin' } });
    expect(bad.body.error.details).toEqual([{ path: 'relation', message: '请选择与本人关系' }]);
  });
});

describe('registry CSV loading', () => {
  it('reports bad rows by line and loads nothing', async () => {
    const before = await t.app.database.db.selectFrom('registry_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const csv = `name,idNumber\n赵六,${withCheckChar('34010219700101002')}\n钱七,110105194912310021\nX,1\n`;
    const res = await t.app.services.registry.loadCsv(csv);
    expect(res.loaded).toBe(0);
    expect(res.errors.map((e) => e.line)).toEqual([3, 4]);
    const after = await t.app.database.db.selectFrom('registry_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
