import { sql } from 'kysely';
import { withCheckChar } from '@govpass/shared-types';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The embedded default (SQLite + in-process hot store): after deletion no plaintext, ciphertext
 * or hash of the person's or their family member's ID number or name is left in any SQLite table
 * but the population registry (docs/privacy.md, retention rules).
 */
const ME = { name: '司马青', idNumber: withCheckChar('34010419770303789') };
const KIN = { name: '司马禾', idNumber: withCheckChar('34010419500505789'), relation: 'parent' };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('embedded', { privacy: { consentRequired: true } });
  await t.app.services.registry.loadCsv(`${ME.name},${ME.idNumber}\n${KIN.name},${KIN.idNumber}\n`);
});
afterAll(() => t.close());

it('erases on SQLite too, and the person can register again', async () => {
  const me = await t.loginDev('sqlite-me');
  expect((await t.request('POST', '/api/v1/me/consent', { token: me.token, body: { version: 'v1' } })).status).toBe(200);
  expect((await t.request('POST', '/api/v1/identity', { token: me.token, body: ME })).status).toBe(200);
  expect((await t.request('POST', '/api/v1/family', { token: me.token, body: KIN })).status).toBe(201);
  expect((await t.request('GET', '/api/v1/health/code', { token: me.token })).status).toBe(200);
  expect((await t.request('POST', '/api/v1/health/declarations', { token: me.token, body: { symptoms: [], travel: [] } })).status).toBe(201);
  const db = t.app.database.db;
  const needles = [ME.idNumber, ME.name, KIN.idNumber, KIN.name];
  for (const p of await db.selectFrom('persons').selectAll().execute()) needles.push(p.id_hash, p.id_cipher, p.name_cipher);
  for (const r of await db.selectFrom('registry_entries').selectAll().execute()) needles.push(r.name_hash);
  expect(needles).toHaveLength(4 + 6 + 2);

  const res = await t.request('DELETE', `/api/v1/me?confirmation=${encodeURIComponent('确认注销')}`, { token: me.token });
  expect(res.status).toBe(200);
  expect((await t.request('GET', '/api/v1/me', { token: me.token })).status).toBe(401);

  const tables = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)).rows.map((r) => r.name);
  expect(tables).toEqual(expect.arrayContaining(['persons', 'health_declarations', 'account_sessions']));
  for (const table of tables) {
    if (table === 'registry_entries') continue;
    const text = JSON.stringify((await sql`SELECT * FROM ${sql.table(table)}`.execute(db)).rows);
    for (const needle of needles) expect({ table, found: text.includes(needle) ? needle : null }).toEqual({ table, found: null });
  }

  const again = await t.loginDev('sqlite-me');
  expect(again.userId).not.toBe(me.userId);
  expect((await t.request('POST', '/api/v1/identity', { token: again.token, body: ME })).body.error.code).toBe('CONSENT_REQUIRED');
  await t.request('POST', '/api/v1/me/consent', { token: again.token, body: { version: 'v1' } });
  expect((await t.request('POST', '/api/v1/identity', { token: again.token, body: ME })).status).toBe(200);
});
