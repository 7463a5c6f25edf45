import { withCheckChar } from '@govpass/shared-types';
import { startTestApp, type TestApp } from '../support/test-app';

/** A staff account is not a way to sweep the registry: ID-number look-ups are limited per account. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('real', { rateLimit: { idNumberLookupPerAccountPerHour: 2 } });
});
afterAll(() => t.close());

it('answers the third look-up within the hour 429 RATE_LIMITED with Retry-After, per account', async () => {
  const first = await t.loginDev('lookup-limit-a');
  const second = await t.loginDev('lookup-limit-b');
  for (const c of [first, second]) await t.app.services.roles.grant('test', { accountId: c.userId, role: 'verifier', scopeId: null }, null);
  const lookup = (token: string, n: number) => t.request('POST', '/api/v1/codes/lookup-by-id-number', { token, body: { idNumber: withCheckChar(`11010119800101${String(100 + n)}`) } });
  expect((await lookup(first.token, 1)).status).toBe(404);
  expect((await lookup(first.token, 2)).status).toBe(404);
  const refused = await lookup(first.token, 3);
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe('RATE_LIMITED');
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  // Refused before the look-up: nothing audited for it.
  const audited = await t.app.database.db.selectFrom('audit_log').selectAll().where('actor', '=', first.userId).where('action', '=', 'code.lookup-by-id-number').execute();
  expect(audited).toHaveLength(2);
  // Another verifier has their own allowance.
  expect((await lookup(second.token, 4)).status).toBe(404);
});
