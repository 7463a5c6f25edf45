import { createServer, type Server } from 'node:http';
import type { ShortCodes } from '../../../bff/src/domains/masks/pickup-code/short-code';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig, type AppConfig } from '@govpass/config';
import { withCheckChar } from '@govpass/shared-types';
import { buildApp, type AppDeps, type GovpassApp } from '../../../bff/src/app';
import type { Logger } from '../../../bff/src/core/create-logger';
import type { DatabaseHandle } from '../../../bff/src/infra/db/create-database';
import type { MaskHotPathHandle } from '../../../bff/src/domains/masks/mask-hot-path-handle';
import type { MasksDomain } from '../../../bff/src/domains/masks/build-masks-domain';
import type { MaskHotPath } from '../../../bff/src/domains/masks/hot-path/mask-hot-path';
import { MemoryMaskHotPath } from '../../../bff/src/domains/masks/hot-path/memory-mask-hot-path';
import { maskOutboxConsumer } from '../../../bff/src/domains/masks/hot-path/mask-outbox';
import { RedisMaskHotPath } from '../../../bff/src/domains/masks/hot-path/redis-mask-hot-path';
import { closeRedisClient, createRedisClient, waitForReady } from '../../../bff/src/infra/redis/create-redis-client';
import { SqlReservationSink } from '../../../bff/src/domains/masks/hot-path/sql-reservation-sink';
import type { MaskRateLimitConfig, MasksConfig } from '../../../bff/src/domains/masks/masks-config';
import { createScratchDatabase, REDIS_URL, uniquePrefix, type ScratchDatabase } from '../../support/test-services';
import { loginDev as devLogin, requesterFor, type Caller, type Requester, type TestResponse } from '../../support/http-request';

export type { Caller };

export const PICKUP_CODE_KEY = '5e'.repeat(32);

export const TEST_MASKS_CONFIG: MasksConfig = {
  pickupCodeKey: PICKUP_CODE_KEY,
  defaultQuantityPerPerson: 5,
  defaultRepeatDays: 7,
  pickupCodeTtlDays: 1,
};

/** A controllable clock shared by the app and the masks domain (round opening, pickup day, caches). */
export class TestClock {
  constructor(private ms: number) {}
  readonly now = (): number => this.ms;
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface Person {
  name: string;
  idNumber: string;
}

export interface MasksTestApp {
  app: GovpassApp;
  masks: MasksDomain['services'];
  hotPath: MaskHotPath;
  clock: TestClock;
  /** Redis mode: writes every outbox entry to MariaDB now (the consumer's job); memory mode: nothing to do. */
  drainOutbox(): Promise<number>;
  logs(): string;
  request: Requester;
  loginDev(name: string): Promise<Caller>;
  /** A logged-in account bound to `person` (registered in the registry first). */
  citizen(login: string, person: Person): Promise<Caller>;
  operator(login: string, role: 'admin' | 'pharmacist', scopeId?: string): Promise<Caller>;
  close(): Promise<void>;
}

let serial = 0;

/** A registry-valid identity, different on every call (distinct persons per test). */
export function newPerson(name = '张三'): Person {
  serial += 1;
  const month = String(Math.floor(serial / 1000) % 12 + 1).padStart(2, '0');
  return { name, idNumber: withCheckChar(`3401041985${month}01${String(serial % 1000).padStart(3, '0')}`) };
}

interface TestHotPath extends MaskHotPathHandle {
  drain(): Promise<number>;
}

/**
 * 'memory': the in-process hot path, writing each booking to MariaDB before answering, on the
 * test clock. 'redis': the Lua hot path on the real Redis, with the outbox drained on demand
 * (the consumer's loop is not started, so tests decide when rows appear).
 */
async function createTestHotPath(mode: 'memory' | 'redis', config: AppConfig, database: DatabaseHandle, logger: Logger, clock: TestClock, shortCodes: ShortCodes): Promise<TestHotPath> {
  const sink = new SqlReservationSink(database.db, database.dialect, { now: clock.now, logger, shortCodes });
  if (mode === 'memory') {
    return { hotPath: new MemoryMaskHotPath(sink, { clock: clock.now, logger }), drain: async () => 0, close: async () => undefined };
  }
  const client = createRedisClient(config.storage);
  // Its own connection: the consumer's live read blocks it.
  const consumerClient = createRedisClient(config.storage);
  await Promise.all([waitForReady(client, 5000), waitForReady(consumerClient, 5000)]);
  const consumer = maskOutboxConsumer(consumerClient, sink, { consumer: 'masks-test', logger });
  return {
    hotPath: new RedisMaskHotPath(client, { logger }),
    drain: () => consumer.drain(),
    async close() {
      await Promise.all([closeRedisClient(consumerClient), closeRedisClient(client)]);
    },
  };
}

export interface StartOptions {
  /** The clock's start (ISO). */
  start: string;
  rateLimits?: MaskRateLimitConfig;
  /**
   * 'memory' (default): the in-process hot path, which writes each booking to MariaDB before
   * answering. 'redis': the Lua hot path on the real Redis, with the outbox drained on demand.
   */
  hotPath?: 'memory' | 'redis';
  /** H5 origins allowed by CORS (default none). */
  corsOrigins?: string[];
}

/**
 * The real app through buildApp (scratch MariaDB + real Redis, like startTestApp) on a test clock;
 * the test hot path comes in through AppDeps.maskHotPath.
 */
export async function startMasksTestApp(opts: StartOptions): Promise<MasksTestApp> {
  const clock = new TestClock(Date.parse(opts.start));
  const scratch: ScratchDatabase = await createScratchDatabase();
  const storage = { mysqlUrl: scratch.url, redisUrl: REDIS_URL, redisKeyPrefix: uniquePrefix('masks') };
  const rateLimits = opts.rateLimits ?? { maskBookingPerAccountPerMinute: 100_000, maskBookingPerIpPerMinute: 100_000 };
  const config: AppConfig = loadConfig({ env: { NODE_ENV: 'test' }, overrides: { storage, masks: TEST_MASKS_CONFIG, rateLimit: rateLimits, server: { corsOrigins: opts.corsOrigins ?? [] } } });
  let logText = '';
  const logSink = new Writable({
    write(chunk, _enc, cb) {
      logText += chunk.toString();
      cb();
    },
  });
  config.log.level = 'info';
  let hot: TestHotPath | null = null;
  const maskHotPath = async (database: DatabaseHandle, logger: Logger, shortCodes: ShortCodes): Promise<TestHotPath> =>
    (hot = await createTestHotPath(opts.hotPath ?? 'memory', config, database, logger, clock, shortCodes));
  const deps: AppDeps = { logDestination: logSink, now: clock.now, maskHotPath };
  const app = await buildApp(config, deps);
  const masks = app.services.masks;
  const testHot = hot as unknown as TestHotPath;

  const server: Server = createServer(app.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request = requesterFor(baseUrl);
  const loginDev = (name: string): Promise<Caller> => devLogin(request, name);

  return {
    app,
    masks,
    hotPath: testHot.hotPath,
    clock,
    drainOutbox: () => testHot.drain(),
    logs: () => logText,
    request,
    loginDev,
    async citizen(login, person) {
      await app.services.registry.loadCsv(`${person.name},${person.idNumber}\n`);
      const caller = await loginDev(login);
      const res = await request('POST', '/api/v1/identity', { token: caller.token, body: person });
      if (res.status !== 200) throw new Error(`identity failed: ${res.status} ${JSON.stringify(res.body)}`);
      return caller;
    },
    async operator(login, role, scopeId) {
      const caller = await loginDev(login);
      await app.services.roles.grant('test', { accountId: caller.userId, role, scopeId: scopeId ?? null }, null);
      return caller;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      // Closing twice is harmless; before app.ts owns the hot path nobody else closes it.
      await testHot.close();
      await scratch.drop();
    },
  };
}

let keySerial = 0;
/** A fresh Idempotency-Key. */
export function idemKey(): string {
  keySerial += 1;
  return `test-key-${Date.now().toString(36)}-${keySerial}`;
}

export const PHARMACY = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  name: `测试药房${id}`,
  address: '庐阳区长江中路 1 号',
  district: '庐阳区',
  lat: 31.8639,
  lng: 117.283,
  phone: '0551-62600000',
  openingHours: '08:00-21:00',
  ...over,
});

/** Admin set-up through the API: pharmacies, a round, its quotas. Throws on any non-2xx. */
export async function adminSetup(
  t: MasksTestApp,
  admin: Caller,
  setup: { pharmacies?: Array<ReturnType<typeof PHARMACY>>; round?: Record<string, unknown>; quotas?: Array<{ pharmacyId: string; quota: number }> },
): Promise<{ roundId: string | null }> {
  for (const p of setup.pharmacies ?? []) await expectOk(t.request('POST', '/api/v1/admin/pharmacies', { token: admin.token, body: p }));
  let roundId: string | null = null;
  if (setup.round) roundId = (await expectOk(t.request('POST', '/api/v1/admin/masks/rounds', { token: admin.token, body: setup.round }))).body.round.id;
  if (setup.quotas && roundId) await expectOk(t.request('PUT', `/api/v1/admin/masks/rounds/${roundId}/quotas`, { token: admin.token, body: { items: setup.quotas } }));
  return { roundId };
}

export async function expectOk(p: Promise<TestResponse>): Promise<TestResponse> {
  const res = await p;
  if (res.status >= 300) throw new Error(`expected success, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

export function book(t: MasksTestApp, caller: Caller | null, body: Record<string, unknown>, key: string = idemKey()): Promise<TestResponse> {
  return t.request('POST', '/api/v1/masks/reservations', { token: caller?.token, body, headers: { 'Idempotency-Key': key } });
}
