import { seedDemoData } from '../../bff/src/demo/seed-demo-data';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('embedded', { identity: { registry: 'permissive' } }); // as in development
  await seedDemoData(t.app);
  await seedDemoData(t.app); // safe at every start
});
afterAll(() => t.close());

describe('demo data: dev:verifier-1', () => {
  it('scans the verified demo citizen\'s personal code', async () => {
    const verifier = await t.loginDev('verifier-1');
    const citizen = await t.loginDev('citizen-2');
    const personId = await t.app.services.masks.directory.requirePersonOf(citizen.userId);
    const { code } = await t.app.services.personalCode.issueLive(personId, 'green');
    const res = await t.request('POST', '/api/v1/codes/verify', { token: verifier.token, body: { code } });
    expect(res.status).toBe(200);
    expect(res.body.person.maskedName).toBe('李*');
    expect((await t.request('GET', '/api/v1/me', { token: verifier.token })).body.roles).toEqual([{ role: 'citizen', scopeId: null }, { role: 'verifier', scopeId: null }]);
  });
});
