import { parseCode } from '@govpass/shared-types';
import { newPerson, startHealthTestApp, type Caller, type HealthTestApp } from './health-test-app';

/**
 * The hot-store keys of the health code and the personal code (status per person, ref ↔ person)
 * on a 3-master Redis Cluster: each key carries its own hash tag, so nothing is CROSSSLOT and a
 * flushed status comes back from MySQL.
 */
let t: HealthTestApp;
let official: Caller;
let verifier: Caller;
beforeAll(async () => {
  t = await startHealthTestApp('2026-12-04T02:00:00Z', 'cluster', 'real');
  official = await t.official('cluster-official');
  verifier = await t.loginDev('cluster-verifier');
  await t.app.services.roles.grant('test', { accountId: verifier.userId, role: 'verifier', scopeId: null }, null);
}, 30_000);
afterAll(() => t?.close());

it('shows, verifies and recolours codes on the Cluster, and rebuilds a flushed status from MySQL', async () => {
  expect(t.app.hotStore.kind).toBe('cluster');
  const people = [newPerson('褚一'), newPerson('卫二'), newPerson('蒋三')];
  // One after the other: concurrent registry loads (delete + insert of missing rows) deadlock in InnoDB.
  const citizens = [];
  for (const [i, p] of people.entries()) citizens.push(await t.citizen(`cluster-c${i}`, p));
  const codes = await Promise.all(citizens.map((c) => t.request('GET', '/api/v1/health/code', { token: c.token })));
  for (const res of codes) expect(parseCode(res.body.code).payload.colour).toBe('green');

  const csv = `idNumber,date,releasedOn\n${people[1].idNumber},2026-12-02,\n`;
  expect((await t.request('POST', '/api/v1/admin/health/lists', { token: official.token, body: { list: 'close_contact', csv } })).body).toEqual({ imported: 1, changed: 1 });
  const scans = await Promise.all(codes.map((c) => t.request('POST', '/api/v1/codes/verify', { token: verifier.token, body: { code: c.body.code } })));
  expect(scans.map((s) => s.body.colour)).toEqual(['green', 'red', 'green']);

  await t.flushHot(citizens[1].personId);
  expect((await t.request('GET', '/api/v1/health/code', { token: citizens[1].token })).body.colour).toBe('red');
}, 30_000);
