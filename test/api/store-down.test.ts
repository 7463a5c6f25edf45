import { ErrorResponse, withCheckChar } from '@govpass/shared-types';
import { startTestApp, type TestApp } from '../support/test-app';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createScratchDatabase, MYSQL_ADMIN_URL, REDIS_URL, uniquePrefix, type ScratchDatabase } from '../support/test-services';

/**
 * A store that is down is a 503 STORE_UNAVAILABLE with Retry-After on every route, never a 500,
 * and the app recovers when it is back. MariaDB and Redis are taken away through TCP proxies
 * (refused connects, dropped pooled connections), not stopped: other tests share them.
 */
let scratch: ScratchDatabase;
let mysqlProxy: TcpProxy;
let redisProxy: TcpProxy;
let t: TestApp;

function via(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

beforeAll(async () => {
  scratch = await createScratchDatabase();
  const mysql = new URL(MYSQL_ADMIN_URL);
  const redis = new URL(REDIS_URL);
  mysqlProxy = await startTcpProxy(mysql.hostname, Number(mysql.port || 3306));
  redisProxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
  t = await startTestApp('embedded', {
    storage: { mysqlUrl: via(scratch.url, mysqlProxy), redisUrl: via(REDIS_URL, redisProxy), redisKeyPrefix: uniquePrefix('down') },
  });
}, 30_000);
afterAll(async () => {
  await t.close();
  await mysqlProxy.close();
  await redisProxy.close();
  await scratch.drop();
});

function expectStoreUnavailable(res: { status: number; headers: Headers; body: unknown }): void {
  expect(res.status).toBe(503);
  expect(ErrorResponse.parse(res.body).error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
}

const login = (code: string) => t.request('POST', '/api/v1/auth/login', { body: { channel: 'h5', code } });

it('answers login, "my reservations" and "me" 503 STORE_UNAVAILABLE with Retry-After while MariaDB is away, then recovers', async () => {
  const citizen = await t.loginDev('store-down-citizen');
  const person = { name: '周九', idNumber: withCheckChar('32010619880808456') };
  await t.app.services.registry.loadCsv(`${person.name},${person.idNumber}\n`);
  expect((await t.request('POST', '/api/v1/identity', { token: citizen.token, body: person })).status).toBe(200);
  expect((await t.request('GET', '/api/v1/masks/reservations', { token: citizen.token })).status).toBe(200);

  await mysqlProxy.cut();
  // The first requests meet pooled connections that were dropped, the later ones refused connects.
  for (let i = 0; i < 3; i++) {
    expectStoreUnavailable(await login(`dev:store-down-${i}`));
    expectStoreUnavailable(await t.request('GET', '/api/v1/masks/reservations', { token: citizen.token }));
    expectStoreUnavailable(await t.request('GET', '/api/v1/me', { token: citizen.token }));
  }
  expect((await t.request('GET', '/readyz')).status).toBe(503);
  // The driver's message (host, port, user) never reaches the client.
  expect(JSON.stringify((await login('dev:store-down-x')).body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|root/);
  expect(t.logs()).not.toMatch(/"code":"INTERNAL"/);

  await mysqlProxy.restore();
  let status = 0;
  for (let i = 0; i < 50 && status !== 200; i++) {
    status = (await login('dev:store-down-back')).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  expect(status).toBe(200);
  expect((await t.request('GET', '/api/v1/masks/reservations', { token: citizen.token })).status).toBe(200);
}, 30_000);

it('answers 503 with Retry-After while Redis is away (sessions, rate limits), then recovers', async () => {
  const citizen = await t.loginDev('redis-down-citizen');
  await redisProxy.cut();
  await new Promise((r) => setTimeout(r, 50));
  expectStoreUnavailable(await login('dev:redis-down'));
  expectStoreUnavailable(await t.request('GET', '/api/v1/me', { token: citizen.token }));
  expectStoreUnavailable(await t.request('GET', '/api/v1/masks/reservations', { token: citizen.token }));
  await redisProxy.restore();
  let status = 0;
  for (let i = 0; i < 60 && status !== 200; i++) {
    status = (await t.request('GET', '/api/v1/me', { token: citizen.token })).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  expect(status).toBe(200);
}, 30_000);
