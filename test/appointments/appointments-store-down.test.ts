import { AppError } from '../../bff/src/core/app-error';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { REDIS_URL } from '../support/test-services';
import { BIG_SERVICE, HALL, startAppointmentTestApp, type AppointmentTestApp } from './appointment-test-app';

/*
 * A store that is away is a 503 STORE_UNAVAILABLE for appointments, never a 500 and never a place
 * lost: Redis (the slot counters) and MariaDB are taken away through TCP proxies, not stopped.
 */
function via(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

describe('appointments with a store away', () => {
  let redisProxy: TcpProxy;
  let mysqlProxy: TcpProxy;
  let t: AppointmentTestApp;
  beforeAll(async () => {
    const redis = new URL(REDIS_URL);
    redisProxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    mysqlProxy = await startTcpProxy('127.0.0.1', 3306);
    t = await startAppointmentTestApp('real', undefined, 'fakes', (s) => ({ ...s, redisUrl: via(REDIS_URL, redisProxy), mysqlUrl: via(String(s.mysqlUrl), mysqlProxy) }));
    t.app.services.directory.remember('acct-down-1', 'person-down-1', { name: '王*', idNumber: '4**************1' });
    t.app.services.directory.remember('acct-down-2', 'person-down-2', { name: '赵*', idNumber: '4**************2' });
  }, 30_000);
  afterAll(async () => {
    await t.close();
    await redisProxy.close();
    await mysqlProxy.close();
  });

  const body = { hallId: HALL, serviceId: BIG_SERVICE, date: '2026-12-08', start: '09:00' };

  it('answers 503 while Redis is away, books when it is back, and the counter matches MySQL', async () => {
    const svc = t.app.services.appointments.appointments;
    await redisProxy.cut();
    await new Promise((r) => setTimeout(r, 50));
    const refused = await svc.book({ accountId: 'acct-down-1', body, idempotencyKey: 'down-1' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    await redisProxy.restore();
    let booked: unknown = null;
    for (let i = 0; i < 60 && !booked; i++) {
      booked = await svc.book({ accountId: 'acct-down-1', body, idempotencyKey: 'down-1' }).catch(() => null);
      if (!booked) await new Promise((r) => setTimeout(r, 100));
    }
    expect(booked).toMatchObject({ appointment: { status: 'booked' } });
    const slots = await t.request('GET', `/api/v1/halls/${HALL}/slots?serviceId=${BIG_SERVICE}&date=2026-12-08`);
    expect(slots.body.slots[0]).toMatchObject({ booked: 1, available: 19 });
  }, 30_000);

  it('answers the public slots 503 while MariaDB is away, then recovers', async () => {
    await mysqlProxy.cut();
    await new Promise((r) => setTimeout(r, 50));
    const res = await t.request('GET', `/api/v1/halls/${HALL}/slots?serviceId=${BIG_SERVICE}&date=2026-12-08`);
    expect([res.status, res.body.error.code]).toEqual([503, 'STORE_UNAVAILABLE']);
    await mysqlProxy.restore();
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      status = (await t.request('GET', `/api/v1/halls/${HALL}/slots?serviceId=${BIG_SERVICE}&date=2026-12-08`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  }, 30_000);
});
