import { Redis } from 'ioredis';
import { SqlAppointmentStore } from '../../bff/src/domains/appointments/sql-appointment-store';
import { ARRIVAL_SETTLE_MS, RedisArrivalIndex } from '../../bff/src/domains/appointments/arrival-index';
import { createRedisClient } from '../../bff/src/infra/redis/create-redis-client';
import { appointmentArrivalsKey } from '../../bff/src/infra/hot-store/keys';
import { REDIS_URL } from '../support/test-services';
import { HALL, SERVICE, startAppointmentTestApp, type AppointmentTestApp } from './appointment-test-app';

/*
 * A hall ticket asks the appointments domain whether the person arriving has an appointment to
 * check in (appointments/arrival-check-in.ts). Walk-ins — nearly every ticket — are answered by the
 * Redis arrival index without MySQL; the index must never say "no" to someone with an appointment:
 * not after a booking on ANOTHER BFF process, and not after Redis lost the index (it is rebuilt
 * from MySQL once bookings in flight have committed). Two app instances share MariaDB and Redis.
 */
const TUE = '2026-12-08';
const AT = Date.parse('2026-12-08T01:50:00Z'); // Tuesday 09:50 China: within 10:00 − 15 min

let a: AppointmentTestApp;
let b: AppointmentTestApp;
let raw: Redis;

beforeAll(async () => {
  a = await startAppointmentTestApp('real');
  const shared = a.app.config.storage;
  b = await startAppointmentTestApp('real', undefined, 'fakes', (s) => ({ ...s, mysqlUrl: shared.mysqlUrl, redisKeyPrefix: shared.redisKeyPrefix }));
  raw = new Redis(REDIS_URL);
}, 60_000);
afterAll(async () => {
  await raw?.quit();
  await b?.close();
  await a?.close();
});

const indexKey = () => `${a.app.config.storage.redisKeyPrefix}${appointmentArrivalsKey(HALL, TUE)}`;
const arriveAtA = (personId: string) => a.app.services.appointments.arrivals.checkInArrival(personId, HALL, SERVICE, AT);

it('answers walk-ins from the index, and finds an appointment booked on another process', async () => {
  const reads = jest.spyOn(SqlAppointmentStore.prototype, 'liveOfPersonOnDay');
  try {
    const walkIn = await a.citizen('idx-walkin');
    const holder = await b.citizen('idx-holder', '王五');

    // A hall-day nobody asked about yet: MySQL answers while the index settles, then it is complete.
    expect(await arriveAtA(walkIn.personId)).toBeNull();
    expect(await raw.hget(indexKey(), '*')).toMatch(/^settle:/);
    a.clock.advance(ARRIVAL_SETTLE_MS + 1000);
    expect(await arriveAtA(walkIn.personId)).toBeNull();
    expect(await raw.hget(indexKey(), '*')).toBe('ready');
    reads.mockClear();
    expect(await arriveAtA(walkIn.personId)).toBeNull();
    expect(reads).not.toHaveBeenCalled(); // a walk-in costs no MySQL read

    // Booked through the OTHER app: process A's ready index must not answer "no".
    const booked = await b.request('POST', '/api/v1/appointments', { token: holder.token, headers: { 'idempotency-key': `idx-${Date.now()}` }, body: { hallId: HALL, serviceId: SERVICE, date: TUE, start: '10:00' } });
    expect(booked.status).toBe(201);
    expect(await arriveAtA(holder.personId)).toEqual({ appointmentId: booked.body.appointment.id });
    expect(reads).toHaveBeenCalled();
  } finally {
    reads.mockRestore();
  }
});

it('after Redis lost the index, asks MySQL until it is rebuilt, and the rebuild has every holder', async () => {
  const holder = await b.citizen('idx-holder-2', '赵六');
  const booked = await b.request('POST', '/api/v1/appointments', { token: holder.token, headers: { 'idempotency-key': `idx2-${Date.now()}` }, body: { hallId: HALL, serviceId: SERVICE, date: TUE, start: '10:00' } });
  expect(booked.status).toBe(201);
  await raw.del(indexKey()); // lost (a flush, a failover that lost the marks)

  const walkIn = await a.citizen('idx-walkin-2');
  expect(await arriveAtA(walkIn.personId)).toBeNull(); // starts settling
  expect(await arriveAtA(holder.personId)).toEqual({ appointmentId: booked.body.appointment.id });
  a.clock.advance(ARRIVAL_SETTLE_MS + 1000);
  expect(await arriveAtA(walkIn.personId)).toBeNull(); // completes it from MySQL
  expect(await raw.hget(indexKey(), '*')).toBe('ready');
  expect(await raw.hget(indexKey(), holder.personId)).toBe('1');
});

it('does not declare an index complete when Redis lost it again while MySQL was read', async () => {
  const client = createRedisClient(a.app.config.storage);
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
  try {
    // The loss happens between the completing reader's MySQL read and its write.
    const index = new RedisArrivalIndex(client, async () => {
      await raw.del(indexKey());
      return [];
    }, a.clock.now);
    await raw.del(indexKey());
    await raw.hset(indexKey(), '*', 'settle:1'); // settled long ago: the next reader completes it
    expect(await index.mayHave(HALL, TUE, 'person-x')).toBe(false);
    expect(await raw.hget(indexKey(), '*')).toBeNull(); // not "ready": the next reader settles again
    expect(await index.mayHave(HALL, TUE, 'person-x')).toBe(true);
    expect(await raw.hget(indexKey(), '*')).toMatch(/^settle:/);
  } finally {
    client.disconnect();
  }
});
