import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type AppConfig } from '@govpass/config';
import { buildApp, type GovpassApp } from '../../bff/src/app';
import { REDIS_CLUSTER_TEST_NODES } from '../hot-store/redis-test-support';
import { createScratchDatabase, uniquePrefix, type ScratchDatabase } from '../support/test-services';
import { loginDev, requesterFor, type Caller, type Requester } from '../support/http-request';
import { newPerson, PHARMACY } from '../masks/api/support';

/**
 * Logout on a 3-master Redis Cluster, with TWO app processes on one MariaDB and one Cluster: a
 * session ended through one process is refused by the other at once (no process keeps a copy of a
 * session), on /me and on the booking route (on a Cluster the booking authenticates through the
 * middleware, then books with the person-hold saga).
 */
let scratch: ScratchDatabase;
const apps: { app: GovpassApp; server: Server; request: Requester }[] = [];

async function start(config: AppConfig): Promise<(typeof apps)[number]> {
  const app = await buildApp(config);
  const server = createServer(app.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { app, server, request: requesterFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) };
}

beforeAll(async () => {
  scratch = await createScratchDatabase();
  const storage = { mysqlUrl: scratch.url, redisUrl: null, redisClusterNodes: REDIS_CLUSTER_TEST_NODES, redisKeyPrefix: uniquePrefix('rights-cl') };
  const config = loadConfig({ env: { NODE_ENV: 'test' }, overrides: { storage } });
  apps.push(await start(config));
  apps.push(await start(config));
}, 30_000);
afterAll(async () => {
  for (const a of apps) {
    await new Promise<void>((resolve) => a.server.close(() => resolve()));
    await a.app.close();
  }
  await scratch?.drop();
});

async function bookingAs(request: Requester, caller: Caller, key: string) {
  return request('POST', '/api/v1/masks/reservations', { token: caller.token, body: { pharmacyId: 'ph-c1' }, headers: { 'Idempotency-Key': key } });
}

it('refuses a logged-out token on both processes, on /me and on the booking route, with nothing booked', async () => {
  const [one, two] = apps;
  expect(one.app.hotStore.kind).toBe('cluster');
  const admin = await loginDev(one.request, 'cl-admin');
  await one.app.services.roles.grant('test', { accountId: admin.userId, role: 'admin', scopeId: null }, null);
  expect((await one.request('POST', '/api/v1/admin/pharmacies', { token: admin.token, body: PHARMACY('ph-c1') })).status).toBe(201);
  const now = Date.now();
  const round = await one.request('POST', '/api/v1/admin/masks/rounds', { token: admin.token, body: { name: '集群轮', opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString() } });
  expect(round.status).toBe(201);
  expect((await one.request('PUT', `/api/v1/admin/masks/rounds/${round.body.round.id}/quotas`, { token: admin.token, body: { items: [{ pharmacyId: 'ph-c1', quota: 10 }] } })).status).toBe(200);

  const person = newPerson('褚五');
  await one.app.services.registry.loadCsv(`${person.name},${person.idNumber}\n`);
  const first = await loginDev(one.request, 'cl-citizen');
  expect((await one.request('POST', '/api/v1/identity', { token: first.token, body: person })).status).toBe(200);
  const citizen = await loginDev(two.request, 'cl-citizen');
  // Both processes have seen the token work (anything that cached it would have it now).
  expect((await one.request('GET', '/api/v1/me', { token: citizen.token })).status).toBe(200);
  expect((await two.request('GET', '/api/v1/me', { token: citizen.token })).status).toBe(200);

  expect((await one.request('POST', '/api/v1/auth/logout', { token: citizen.token })).status).toBe(200);
  for (const [i, { request }] of apps.entries()) {
    expect((await request('GET', '/api/v1/me', { token: citizen.token })).status).toBe(401);
    const res = await bookingAs(request, citizen, `cl-revoked-${i}`);
    expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  }
  const rows = await one.app.database.db.selectFrom('mask_reservations').select('id').where('account_id', '=', citizen.userId).execute();
  expect(rows).toEqual([]);

  // The session that verified is still live: it books on the other process, then logs out everywhere.
  expect((await bookingAs(two.request, first, 'cl-live-1')).status).toBe(201);
  expect((await two.request('DELETE', '/api/v1/me/sessions', { token: first.token })).body).toEqual({ revoked: 1 });
  expect((await bookingAs(one.request, first, 'cl-live-2')).status).toBe(401);
}, 30_000);
