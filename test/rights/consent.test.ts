import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCheckChar } from '@govpass/shared-types';
import { startTestApp, type TestApp } from '../support/test-app';

/** The privacy policy, consent recorded with version and time, and the gate on identity binding (MariaDB + Redis). */
const ROOT = join(__dirname, '../..');
const PERSON = { name: '韩梅', idNumber: withCheckChar('34010419930303123') };
const KIN = { name: '韩雪', idNumber: withCheckChar('34010420150505123'), relation: 'child' };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('real', { privacy: { consentRequired: true } });
  await t.app.services.registry.loadCsv(`${PERSON.name},${PERSON.idNumber}\n${KIN.name},${KIN.idNumber}\n`);
});
afterAll(() => t.close());

it('serves the policy in force from the repository, to anyone', async () => {
  const res = await t.request('GET', '/api/v1/privacy-policy');
  expect(res.status).toBe(200);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'config/privacy-policy/policy.json'), 'utf8'));
  expect(res.body).toEqual({ version: manifest.current, effectiveFrom: manifest.versions[manifest.current].effectiveFrom, title: '政务通隐私政策', text: readFileSync(join(ROOT, `config/privacy-policy/${manifest.current}.md`), 'utf8') });
  for (const heading of ['收集哪些信息', '为什么要收集', '存多久', '谁能看到', '您可以做什么']) expect(res.body.text).toContain(heading);
});

it('refuses identity binding with CONSENT_REQUIRED until agreed, then records version and time and binds', async () => {
  const { token, userId } = await t.loginDev('consent-new');
  expect((await t.request('GET', '/api/v1/me/consent', { token })).body).toEqual({ currentVersion: 'v1', agreedVersion: null, agreedAt: null, required: true });
  const refused = await t.request('POST', '/api/v1/identity', { token, body: PERSON });
  expect([refused.status, refused.body.error.code]).toEqual([403, 'CONSENT_REQUIRED']);
  expect((await t.app.services.accounts.findById(userId))?.personId).toBeNull();

  expect((await t.request('POST', '/api/v1/me/consent', { token, body: { version: 'v0' } })).status).toBe(409);
  const agreed = await t.request('POST', '/api/v1/me/consent', { token, body: { version: 'v1' } });
  expect(agreed.status).toBe(200);
  expect(agreed.body).toEqual({ currentVersion: 'v1', agreedVersion: 'v1', agreedAt: expect.any(String), required: false });
  expect(Math.abs(Date.parse(agreed.body.agreedAt) - Date.now())).toBeLessThan(10_000);
  const rows = await t.app.database.db.selectFrom('privacy_consents').selectAll().where('account_id', '=', userId).execute();
  expect(rows).toEqual([expect.objectContaining({ version: 'v1', channel: 'h5' })]);
  expect((await t.app.services.audit.forTarget('account', userId)).map((a) => a.action)).toContain('privacy.consent');

  expect((await t.request('POST', '/api/v1/identity', { token, body: PERSON })).status).toBe(200);
  expect((await t.request('POST', '/api/v1/family', { token, body: KIN })).status).toBe(201);
});

it('gates adding a family member too, but not reading the list', async () => {
  const { token } = await t.loginDev('consent-family');
  const res = await t.request('POST', '/api/v1/family', { token, body: KIN });
  expect([res.status, res.body.error.code]).toEqual([403, 'CONSENT_REQUIRED']);
  expect((await t.request('GET', '/api/v1/family', { token })).body.error.code).toBe('IDENTITY_REQUIRED');
});
